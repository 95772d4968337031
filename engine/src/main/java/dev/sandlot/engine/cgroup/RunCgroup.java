package dev.sandlot.engine.cgroup;

import java.nio.file.Path;
import java.util.List;

/**
 * The cgroup of one sandbox: its limits, its accounting, and the way to end everything in
 * it.
 */
public interface RunCgroup extends AutoCloseable {

    /**
     * The files a process writes its pid to in order to join (one per v1 hierarchy, one
     * on v2).
     */
    List<Path> procsFiles();

    /** Memory of the whole tree, without swap. */
    void setMemoryLimit(long bytes);

    /** Processes and threads alive at once. */
    void setProcessLimit(int max);

    /**
     * Caps CPU bandwidth at {@code cores} CPUs (e.g. 0.5 or 1), for long-lived sandboxes
     * that have no CPU-time limit. False when this group cannot.
     */
    boolean setCpuLimit(double cores);

    /** User+system CPU time of every process that ever ran in the group. */
    long cpuUsageNanos();

    /** Highest memory use seen, in bytes. */
    long peakMemoryBytes();

    /** Processes killed by the kernel's OOM killer because of this group's limit. */
    long oomKills();

    /** Times a fork or clone failed because the process limit was reached. */
    long processLimitHits();

    /** Pids of the processes still in the group. */
    List<Long> pids();

    /** Kills every process in the group and waits until it is empty. */
    default void killAll() {
        killAllExcept(-1);
    }

    /**
     * Kills every process in the group but {@code spare} and waits until no other is
     * left. Sparing the sandbox's outer bwrap lets it reap the init, which would
     * otherwise become a zombie of the host's PID 1.
     */
    void killAllExcept(long spare);

    /** Kills what is left and removes the group. */
    @Override
    void close();

}
