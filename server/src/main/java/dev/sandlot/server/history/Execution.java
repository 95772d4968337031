package dev.sandlot.server.history;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One recorded run: what ran, how it ended, and its output (capped). The limits it ran
 * under and the input typed into it are kept as JSON and shown by
 * {@link ExecutionDetail}, as are the files it returned.
 *
 * @param filesTruncated the run returned files that are not kept (over the run's caps or
 * the history's)
 */
public record Execution(String id, long userId, Long projectId, String projectName, Long projectRevision,
        String language, String version, String entry, String code, String filesJson, String stdin, String argsJson,
        String stdout, String stderr, String status, Integer exitCode, String signal, long wallTimeMs, long cpuTimeMs,
        long memoryKb, String source, OffsetDateTime createdAt, @JsonIgnore String limitsJson,
        @JsonIgnore String inputJson, @JsonIgnore boolean inputTruncated, boolean filesTruncated) {

    /**
     * What the history does not have whole, so that the run cannot be re-run exactly:
     * {@code files} (a large project run recorded before every file was kept),
     * {@code stdin} (input past the cap, or typed input recorded before it was kept),
     * {@code limits} (recorded before they were kept). Empty when it can.
     */
    @JsonProperty("missing")
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (code == null && filesJson == null)
            missing.add("files");
        if (inputTruncated || (limitsJson == null && "stream".equals(source)))
            missing.add("stdin");
        if (limitsJson == null)
            missing.add("limits");
        return missing;
    }

    /** True when the run can be re-run exactly: nothing is {@link #missing}. */
    @JsonProperty("exact")
    public boolean exact() {
        return missing().isEmpty();
    }

}
