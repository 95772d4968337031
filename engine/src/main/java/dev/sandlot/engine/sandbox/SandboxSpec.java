package dev.sandlot.engine.sandbox;

import java.util.List;
import java.util.Map;

/**
 * What one sandbox looks like: its environment, what of the host it sees, the size of its
 * tmpfs workspace and /tmp, its cgroup limits, and, for a warm sandbox, the interpreter
 * to pre-start.
 *
 * @param label names the sandbox in logs, e.g. "python run"
 * @param env the whole environment of the program (nothing leaks from the server)
 * @param binds extra host paths; system directories are always there read-only
 * @param diskBytes size of /workspace and of /tmp, each a tmpfs counted against memory
 * @param memoryBytes memory.max of the cgroup
 * @param maxProcesses pids.max, not counting the two sandbox processes (bwrap, init)
 * @param warmCommand null for a cold sandbox; else the command pre-started at once
 * @param cpuCores CPU bandwidth cap in CPUs for long-lived sandboxes, or 0 for none (runs
 * are limited by CPU time instead)
 * @param buildBytes for a compile stage, the size of its /build tmpfs, whose files the
 * init packs for the host once the compiler exits; 0 for no /build
 * @param loopbackNetwork whether AF_INET and AF_INET6 sockets are allowed (install steps,
 * whose pip and npm reach the package proxy's forwarder on 127.0.0.1; the network
 * namespace still has nothing but loopback)
 */
public record SandboxSpec(String label, Map<String, String> env, List<Bind> binds, long diskBytes, long memoryBytes,
        int maxProcesses, List<String> warmCommand, double cpuCores, long buildBytes, boolean loopbackNetwork) {

    public SandboxSpec(String label, Map<String, String> env, List<Bind> binds, long diskBytes, long memoryBytes,
            int maxProcesses, List<String> warmCommand, double cpuCores, long buildBytes) {
        this(label, env, binds, diskBytes, memoryBytes, maxProcesses, warmCommand, cpuCores, buildBytes, false);
    }

    public SandboxSpec(String label, Map<String, String> env, List<Bind> binds, long diskBytes, long memoryBytes,
            int maxProcesses, List<String> warmCommand) {
        this(label, env, binds, diskBytes, memoryBytes, maxProcesses, warmCommand, 0, 0);
    }

    public SandboxSpec(String label, Map<String, String> env, List<Bind> binds, long diskBytes, long memoryBytes,
            int maxProcesses, List<String> warmCommand, double cpuCores) {
        this(label, env, binds, diskBytes, memoryBytes, maxProcesses, warmCommand, cpuCores, 0);
    }

    /** The same sandbox with a /build tmpfs of {@code bytes} for a compiler's output. */
    public SandboxSpec withBuild(long bytes) {
        return new SandboxSpec(label, env, binds, diskBytes, memoryBytes, maxProcesses, warmCommand, cpuCores, bytes,
                loopbackNetwork);
    }

    /**
     * The same sandbox with TCP/IP sockets on its own loopback (an install step's way to
     * the package proxy).
     */
    public SandboxSpec withLoopbackNetwork() {
        return new SandboxSpec(label, env, binds, diskBytes, memoryBytes, maxProcesses, warmCommand, cpuCores,
                buildBytes, true);
    }

    public SandboxSpec {
        env = Map.copyOf(env);
        binds = List.copyOf(binds);
        warmCommand = warmCommand == null ? null : List.copyOf(warmCommand);
    }

    public boolean warm() {
        return warmCommand != null;
    }
}
