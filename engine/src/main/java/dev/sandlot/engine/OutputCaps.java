package dev.sandlot.engine;

/**
 * How many files a run may return, and how large: the files beyond a cap are dropped and
 * the result says so ({@link RunResult#filesTruncated()}).
 *
 * @param maxFiles files per run
 * @param maxFileBytes bytes of one file
 * @param maxTotalBytes bytes of all of a run's files together
 */
public record OutputCaps(int maxFiles, long maxFileBytes, long maxTotalBytes) {

    public static final OutputCaps STANDARD = new OutputCaps(16, 4 * Limits.MIB, 4 * Limits.MIB);

    public OutputCaps {
        if (maxFiles < 0 || maxFileBytes < 0 || maxTotalBytes < 0)
            throw new IllegalArgumentException("output caps must not be negative");
    }
}
