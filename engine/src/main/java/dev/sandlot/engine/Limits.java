package dev.sandlot.engine;

/**
 * The limits of one stage. Every value is enforced by the kernel or by the supervisor
 * that holds the process, never by reading the program's source.
 *
 * @param wallTimeMs real time from start to exit
 * @param cpuTimeMs user+system time of the whole process tree (cgroup)
 * @param memoryBytes memory of the whole process tree, tmpfs files included (cgroup, no
 * swap)
 * @param maxProcesses processes and threads alive at once (pids cgroup)
 * @param maxOutputBytes bytes kept per stream (stdout, stderr); more ends the run
 * @param maxDiskBytes size of the writable workspace and of /tmp (tmpfs), and of any one
 * file
 * @param maxOpenFiles open file descriptors per process (RLIMIT_NOFILE)
 */
public record Limits(long wallTimeMs, long cpuTimeMs, long memoryBytes, int maxProcesses, long maxOutputBytes,
        long maxDiskBytes, int maxOpenFiles) {

    public static final long MIB = 1024L * 1024L;

    public long memoryMb() {
        return memoryBytes / MIB;
    }

    public Limits withWallTimeMs(long value) {
        return new Limits(value, cpuTimeMs, memoryBytes, maxProcesses, maxOutputBytes, maxDiskBytes, maxOpenFiles);
    }

    public Limits withCpuTimeMs(long value) {
        return new Limits(wallTimeMs, value, memoryBytes, maxProcesses, maxOutputBytes, maxDiskBytes, maxOpenFiles);
    }

    public Limits withMemoryBytes(long value) {
        return new Limits(wallTimeMs, cpuTimeMs, value, maxProcesses, maxOutputBytes, maxDiskBytes, maxOpenFiles);
    }

    public Limits withMaxProcesses(int value) {
        return new Limits(wallTimeMs, cpuTimeMs, memoryBytes, value, maxOutputBytes, maxDiskBytes, maxOpenFiles);
    }

    public Limits withMaxOutputBytes(long value) {
        return new Limits(wallTimeMs, cpuTimeMs, memoryBytes, maxProcesses, value, maxDiskBytes, maxOpenFiles);
    }

    public Limits withMaxDiskBytes(long value) {
        return new Limits(wallTimeMs, cpuTimeMs, memoryBytes, maxProcesses, maxOutputBytes, value, maxOpenFiles);
    }

    public Limits withMaxOpenFiles(int value) {
        return new Limits(wallTimeMs, cpuTimeMs, memoryBytes, maxProcesses, maxOutputBytes, maxDiskBytes, value);
    }
}
