package dev.sandlot.engine;

import java.util.List;

/**
 * The outcome of a run: its overall status, the compile stage (for compiled languages),
 * the run stage (null when compilation failed) and the files the run returned.
 *
 * @param filesTruncated some files were left out: over a cap on their count or size, or
 * not returnable
 */
public record RunResult(String id, String language, String version, Status status, StageResult compile, StageResult run,
        List<OutputFile> files, boolean filesTruncated) {

    public RunResult(String id, String language, String version, Status status, StageResult compile, StageResult run) {
        this(id, language, version, status, compile, run, List.of(), false);
    }

    public RunResult(String id, String language, String version, Status status, StageResult compile, StageResult run,
            List<OutputFile> files) {
        this(id, language, version, status, compile, run, files, false);
    }

    public RunResult {
        files = files == null ? List.of() : List.copyOf(files);
    }

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
