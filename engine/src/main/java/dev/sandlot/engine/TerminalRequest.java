package dev.sandlot.engine;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An interactive shell to open: the files its workspace starts with, the size of its
 * screen and its limits. A terminal has no CPU-time limit, since it lives for minutes;
 * its CPU share is capped instead.
 *
 * @param label names the terminal in logs, e.g. "project 42 of alice"
 * @param files workspace files by relative path
 * @param cols columns of the screen
 * @param rows rows of the screen
 * @param memoryBytes memory of everything in the terminal together
 * @param maxProcesses processes and threads alive at once
 * @param diskBytes size of the workspace, and of /tmp
 * @param cpuCores CPU share, in CPUs
 * @param packages the project's package generations on the host, mounted read-only at
 * /packages.d, or null for none
 * @param packageRequests answers the shell's pip and npm installs, through a Unix socket
 * of the terminal's own, or null for none
 */
public record TerminalRequest(String label, Map<String, byte[]> files, int cols, int rows, long memoryBytes,
        int maxProcesses, long diskBytes, double cpuCores, Path packages, PackageRequests packageRequests) {

    public TerminalRequest(String label, Map<String, byte[]> files, int cols, int rows, long memoryBytes,
            int maxProcesses, long diskBytes, double cpuCores) {
        this(label, files, cols, rows, memoryBytes, maxProcesses, diskBytes, cpuCores, null, null);
    }

    public static final int MAX_COLS = 1000;

    public static final int MAX_ROWS = 500;

    public TerminalRequest {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        if (cols < 1 || cols > MAX_COLS)
            throw new InvalidFieldException("cols", "must be between 1 and " + MAX_COLS);
        if (rows < 1 || rows > MAX_ROWS)
            throw new InvalidFieldException("rows", "must be between 1 and " + MAX_ROWS);
        if (memoryBytes < (16 << 20))
            throw new InvalidFieldException("memoryBytes", "must be at least 16 MiB");
        if (maxProcesses < 4)
            throw new InvalidFieldException("maxProcesses", "must be at least 4");
        if (diskBytes < (1 << 20))
            throw new InvalidFieldException("diskBytes", "must be at least 1 MiB");
        if (!(cpuCores > 0))
            throw new InvalidFieldException("cpuCores", "must be more than 0");
        int i = 0;
        for (String path : files.keySet()) {
            SourcePaths.validate("files[" + i++ + "]", path);
        }
    }

    /**
     * The same terminal with a project's packages mounted and its installs answered by
     * {@code requests}.
     */
    public TerminalRequest withPackages(Path root, PackageRequests requests) {
        return new TerminalRequest(label, files, cols, rows, memoryBytes, maxProcesses, diskBytes, cpuCores, root,
                requests);
    }

    /** Defaults for one terminal: 512 MiB, 128 processes, a 64 MiB workspace, one CPU. */
    public static TerminalRequest of(String label, Map<String, byte[]> files, int cols, int rows) {
        return new TerminalRequest(label, files, cols, rows, 512L << 20, 128, 64L << 20, 1.0);
    }
}
