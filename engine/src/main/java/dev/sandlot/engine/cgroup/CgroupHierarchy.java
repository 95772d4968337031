package dev.sandlot.engine.cgroup;

import java.io.IOException;
import java.util.function.Predicate;

/** Where this engine creates run cgroups, on cgroup v1 or v2. */
public interface CgroupHierarchy {

    /** "v1" or "v2". */
    String version();

    /** Creates an empty cgroup for one sandbox, named uniquely by the caller. */
    default RunCgroup create(String name) throws IOException {
        return create(name, false);
    }

    /**
     * Creates an empty cgroup; with {@code cpuShare}, one whose CPU bandwidth can be
     * capped by {@link RunCgroup#setCpuLimit} (on v1 that costs another directory).
     */
    RunCgroup create(String name, boolean cpuShare) throws IOException;

    /**
     * Removes cgroups left by an engine that died: those whose name says they belong to a
     * process that no longer exists.
     */
    int sweepStale();

    /**
     * This engine's own part of the hierarchy: a child named {@code name}, created when
     * missing, where it makes its run cgroups. Engines that share a parent then never
     * see, or sweep, each other's runs.
     */
    CgroupHierarchy subtree(String name) throws IOException;

    /**
     * Removes the subtrees of engines that are gone: every child whose name starts with
     * {@code prefix} and for which {@code alive} says false, with whatever still runs in
     * it. Returns how many were removed.
     */
    int sweepSubtrees(String prefix, Predicate<String> alive);

    /** Removes this hierarchy's own directories, once no run cgroup is left in them. */
    void removeIfEmpty();

}
