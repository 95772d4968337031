package dev.sandlot.server.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A recorded run as a body of {@code POST /api/v1/execute} (the same field names) that
 * runs it again: its files, entry, language and exact version, arguments, the limits it
 * ran under, and as stdin the input it was given followed by everything typed into it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RerunRequest(String language, String version, List<File> files, String entry, String stdin,
        List<String> args, LimitsInput limits) {

    public record File(String name, String content) {
    }

    /** The limits a run ran under, as {@code limits} of an execute request. */
    public record LimitsInput(Long wallTimeMs, Long cpuTimeMs, Long memoryMb, Integer maxProcesses,
            Long maxOutputBytes) {
    }

}
