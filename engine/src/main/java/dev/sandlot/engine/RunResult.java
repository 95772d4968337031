package dev.sandlot.engine;

/**
 * The outcome of a run: its overall status, the compile stage (for compiled languages)
 * and the run stage (null when compilation failed).
 */
public record RunResult(String id, String language, String version, Status status, StageResult compile,
        StageResult run) {

    /** The run stage, or the compile stage when the program never ran. */
    public StageResult last() {
        return run != null ? run : compile;
    }

    public String stdoutText() {
        return run == null ? "" : run.stdoutText();
    }

    public String stderrText() {
        return run == null ? "" : run.stderrText();
    }
}
