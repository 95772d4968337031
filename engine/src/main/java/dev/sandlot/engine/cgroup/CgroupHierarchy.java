package dev.sandlot.engine.cgroup;

import java.io.IOException;

/** Where this engine creates run cgroups, on cgroup v1 or v2. */
public interface CgroupHierarchy {

    /** "v1" or "v2". */
    String version();

    /** Creates an empty cgroup for one sandbox, named uniquely by the caller. */
    default RunCgroup create(String name) throws IOException {
        return create(name, false);
    }

    /**
     * Creates an empty cgroup; with {@code cpuShare}, one whose CPU bandwidth can
     * be capped by {@link RunCgroup#setCpuLimit} (on v1 that costs another directory).
     */
    RunCgroup create(String name, boolean cpuShare) throws IOException;

    /**
     * Removes cgroups left by an engine that died: those whose name says they
     * belong to a process that no longer exists.
     */
    int sweepStale();
}
