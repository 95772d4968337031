package dev.sandlot.engine.packages;

import java.util.List;

/**
 * How an install step ended.
 *
 * @param status {@link #INSTALLED}, {@link #FAILED} or {@link #TIMEOUT}
 * @param exitCode pip's or npm's exit code, or null when it never finished
 * @param message what went wrong in plain words (pip's or npm's own error lines), or null
 * when it installed
 * @param refusals what the proxy refused during the step, one reason a line
 */
public record InstallResult(String status, Integer exitCode, String message, List<String> refusals) {

    public static final String INSTALLED = "installed";

    public static final String FAILED = "failed";

    public static final String TIMEOUT = "timeout";

    public InstallResult {
        refusals = refusals == null ? List.of() : List.copyOf(refusals);
    }

    public boolean installed() {
        return INSTALLED.equals(status);
    }

}
