package dev.sandlot.engine;

import java.nio.charset.StandardCharsets;

/**
 * How one stage (compile or run) ended.
 *
 * @param status the verdict
 * @param exitCode the exit code, or null when the program died of a signal or never
 * started
 * @param signal the signal that ended it, or null
 * @param stdout bytes written to stdout, at most the output limit, exactly as written
 * @param stdoutTruncated whether stdout was cut at the limit
 * @param wallTimeMs real time the program ran
 * @param cpuTimeMs user+system time of the whole process tree
 * @param memoryBytes peak memory of the whole process tree
 * @param message a plain-words explanation for anything but a clean exit, else null
 * @param cached for a compile stage: the build was reused from the cache
 */
public record StageResult(Status status, Integer exitCode, Integer signal, byte[] stdout, byte[] stderr,
        boolean stdoutTruncated, boolean stderrTruncated, long wallTimeMs, long cpuTimeMs, long memoryBytes,
        String message, boolean cached) {

    public String signalName() {
        return signal == null ? null : Signals.name(signal);
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    StageResult asCached() {
        return new StageResult(status, exitCode, signal, stdout, stderr, stdoutTruncated, stderrTruncated, 0, 0, 0,
                message, true);
    }

    /**
     * This compile, failed after all: its output could not be kept, for the reason given.
     */
    StageResult unusableOutput(String why) {
        return new StageResult(Status.COMPILE_ERROR, exitCode, signal, stdout, stderr, stdoutTruncated, stderrTruncated,
                wallTimeMs, cpuTimeMs, memoryBytes, "The compiler's output could not be kept: " + why + ".", false);
    }

    static StageResult internalError(String message) {
        return new StageResult(Status.INTERNAL_ERROR, null, null, new byte[0], new byte[0], false, false, 0, 0, 0,
                message, false);
    }
}
