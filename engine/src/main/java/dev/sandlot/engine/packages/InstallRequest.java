package dev.sandlot.engine.packages;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One install step: a manifest to install from scratch into an empty environment, and the
 * caps of its sandbox.
 *
 * @param label names the step in logs, e.g. "project 42 python"
 * @param ecosystem pip or npm
 * @param manifest the manifest's bytes (requirements.txt or package.json)
 * @param output an empty directory where the environment is unpacked when the step
 * succeeds: {@code python/site} and {@code python/bin}, or {@code node/node_modules} and
 * {@code node/package.json}
 * @param timeout the step's wall-clock cap; past it the status is "timeout"
 * @param memoryBytes the sandbox's memory cap (its tmpfs mounts count against it)
 * @param diskBytes the size of /build, where the environment is built, and of /tmp
 * @param maxDownloadBytes what the proxy relays at most for this step
 * @param maxProcesses processes and threads at most (a package's build step included)
 */
public record InstallRequest(String label, Ecosystem ecosystem, byte[] manifest, Path output, Duration timeout,
        long memoryBytes, long diskBytes, long maxDownloadBytes, int maxProcesses) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    public static final long DEFAULT_BYTES = 1L << 30;

    public static final long DEFAULT_DOWNLOAD_BYTES = 512L << 20;

    public static final int DEFAULT_PROCESSES = 128;

    /** A step with the default caps. */
    public static InstallRequest of(String label, Ecosystem ecosystem, byte[] manifest, Path output) {
        return new InstallRequest(label, ecosystem, manifest, output, DEFAULT_TIMEOUT, DEFAULT_BYTES, DEFAULT_BYTES,
                DEFAULT_DOWNLOAD_BYTES, DEFAULT_PROCESSES);
    }

    public InstallRequest withTimeout(Duration value) {
        return new InstallRequest(label, ecosystem, manifest, output, value, memoryBytes, diskBytes, maxDownloadBytes,
                maxProcesses);
    }

    public InstallRequest withCaps(long memory, long disk, long download) {
        return new InstallRequest(label, ecosystem, manifest, output, timeout, memory, disk, download, maxProcesses);
    }

}
