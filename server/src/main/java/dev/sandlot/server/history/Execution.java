package dev.sandlot.server.history;

import java.time.OffsetDateTime;

/** One recorded run: what ran, how it ended, and its output (capped). */
public record Execution(String id, long userId, Long projectId, Long projectRevision, String language, String version,
        String entry, String code, String filesJson, String stdin, String argsJson, String stdout, String stderr,
        String status, Integer exitCode, String signal, long wallTimeMs, long cpuTimeMs, long memoryKb, String source,
        OffsetDateTime createdAt) {
}
