package dev.sandlot.engine.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Run cgroups on cgroup v1: one directory per controller hierarchy (memory, pids,
 * cpuacct, and freezer when mounted, to stop a tree before killing it).
 */
public final class CgroupV1 implements CgroupHierarchy {

    private final Path memory;

    private final Path pids;

    private final Path cpuacct;

    private final Path freezer;

    private final Path cpu;

    /** Parent directories, one per hierarchy; freezer may be null. */
    public CgroupV1(Path memory, Path pids, Path cpuacct, Path freezer) throws IOException {
        this(memory, pids, cpuacct, freezer, null);
    }

    /**
     * As above, with the cpu hierarchy (null when not mounted, or mounted together with
     * cpuacct).
     */
    public CgroupV1(Path memory, Path pids, Path cpuacct, Path freezer, Path cpu) throws IOException {
        this.memory = memory;
        this.pids = pids;
        this.cpuacct = cpuacct;
        this.freezer = freezer;
        this.cpu = cpu == null || cpu.equals(cpuacct) ? null : cpu;
        prepareParents();
    }

    private void prepareParents() throws IOException {
        for (Path parent : parents()) {
            Files.createDirectories(parent);
        }
        // Run cgroups inherit this when they are created, so it is written once, here.
        Path swappiness = memory.resolve("memory.swappiness");
        if (Files.exists(swappiness))
            CgroupFiles.write(swappiness, "0");
    }

    private List<Path> parents() {
        List<Path> parents = new ArrayList<>(List.of(memory, pids, cpuacct));
        if (freezer != null)
            parents.add(freezer);
        if (cpu != null)
            parents.add(cpu);
        return parents;
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public RunCgroup create(String name, boolean cpuShare) throws IOException {
        Run run = new Run(memory.resolve(name), pids.resolve(name), cpuacct.resolve(name),
                freezer == null ? null : freezer.resolve(name), cpuShare && cpu != null ? cpu.resolve(name) : null);
        try {
            for (Path dir : run.dirs()) {
                createDirectory(dir);
            }
        }
        catch (IOException | UncheckedIOException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /**
     * Another engine on this host that swept stale subtrees while this one was claiming a
     * range can have removed this engine's subtree; it is made again.
     */
    private void createDirectory(Path dir) throws IOException {
        try {
            Files.createDirectory(dir);
        }
        catch (NoSuchFileException parentGone) {
            prepareParents();
            Files.createDirectory(dir);
        }
    }

    @Override
    public int sweepStale() {
        return closeRuns(CgroupFiles::isStale);
    }

    @Override
    public CgroupV1 subtree(String name) throws IOException {
        return new CgroupV1(memory.resolve(name), pids.resolve(name), cpuacct.resolve(name),
                freezer == null ? null : freezer.resolve(name), cpu == null ? null : cpu.resolve(name));
    }

    @Override
    public int sweepSubtrees(String prefix, Predicate<String> alive) {
        Set<String> gone = childNames(name -> name.startsWith(prefix) && !alive.test(name));
        for (String name : gone) {
            try {
                CgroupV1 subtree = subtree(name);
                // Every run below, whoever made it: its engine is gone.
                subtree.closeRuns(child -> child.startsWith("run-"));
                subtree.removeIfEmpty();
            }
            catch (IOException | UncheckedIOException e) {
                // left for the next start
            }
        }
        return gone.size();
    }

    @Override
    public void removeIfEmpty() {
        for (Path dir : parents())
            CgroupFiles.remove(dir);
    }

    private int closeRuns(Predicate<String> wanted) {
        Set<String> names = childNames(wanted);
        for (String name : names) {
            new Run(memory.resolve(name), pids.resolve(name), cpuacct.resolve(name),
                    freezer == null ? null : freezer.resolve(name),
                    cpu != null && Files.isDirectory(cpu.resolve(name)) ? cpu.resolve(name) : null)
                .close();
        }
        return names.size();
    }

    private Set<String> childNames(Predicate<String> wanted) {
        Set<String> names = new LinkedHashSet<>();
        for (Path parent : parents()) {
            try (Stream<Path> children = Files.list(parent)) {
                children.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(wanted)
                    .forEach(names::add);
            }
            catch (IOException e) {
                // nothing to sweep in a hierarchy we cannot list
            }
        }
        return names;
    }

    private static final class Run implements RunCgroup {

        private final Path memory;

        private final Path pids;

        private final Path cpuacct;

        private final Path freezer;

        private final Path cpu;

        Run(Path memory, Path pids, Path cpuacct, Path freezer, Path cpu) {
            this.memory = memory;
            this.pids = pids;
            this.cpuacct = cpuacct;
            this.freezer = freezer;
            this.cpu = cpu;
        }

        List<Path> dirs() {
            List<Path> dirs = new ArrayList<>(List.of(memory, pids, cpuacct));
            if (freezer != null)
                dirs.add(freezer);
            if (cpu != null)
                dirs.add(cpu);
            return dirs;
        }

        @Override
        public boolean setCpuLimit(double cores) {
            Path dir = cpu != null ? cpu : cpuacct;
            Path quota = dir.resolve("cpu.cfs_quota_us");
            if (!Files.exists(quota))
                return false;
            long period = CgroupFiles.readLong(dir.resolve("cpu.cfs_period_us"));
            CgroupFiles.write(quota, Long.toString(Math.max(1000, Math.round(period * cores))));
            return true;
        }

        @Override
        public List<Path> procsFiles() {
            return dirs().stream().map(d -> d.resolve("cgroup.procs")).toList();
        }

        @Override
        public void setMemoryLimit(long bytes) {
            Path limit = memory.resolve("memory.limit_in_bytes");
            Path withSwap = memory.resolve("memory.memsw.limit_in_bytes");
            if (!Files.exists(withSwap)) {
                CgroupFiles.write(limit, Long.toString(bytes));
                return;
            }
            // memory.limit may never exceed memsw.limit: raise memsw first, lower it
            // last.
            long current = CgroupFiles.readLong(withSwap);
            if (bytes > current) {
                CgroupFiles.write(withSwap, Long.toString(bytes));
                CgroupFiles.write(limit, Long.toString(bytes));
            }
            else {
                CgroupFiles.write(limit, Long.toString(bytes));
                CgroupFiles.write(withSwap, Long.toString(bytes));
            }
        }

        @Override
        public void setProcessLimit(int max) {
            CgroupFiles.write(pids.resolve("pids.max"), Integer.toString(max));
        }

        @Override
        public long cpuUsageNanos() {
            return CgroupFiles.readLong(cpuacct.resolve("cpuacct.usage"));
        }

        @Override
        public long peakMemoryBytes() {
            return CgroupFiles.readLong(memory.resolve("memory.max_usage_in_bytes"));
        }

        @Override
        public long oomKills() {
            // v1 counts kills here; memory.failcnt stays 0 when the OOM killer acts.
            return CgroupFiles.readKey(memory.resolve("memory.oom_control"), "oom_kill");
        }

        @Override
        public long processLimitHits() {
            Path events = pids.resolve("pids.events");
            return Files.exists(events) ? CgroupFiles.readKey(events, "max") : 0;
        }

        @Override
        public List<Long> pids() {
            Set<Long> all = new LinkedHashSet<>();
            for (Path procs : procsFiles()) {
                all.addAll(CgroupFiles.pids(procs));
            }
            return List.copyOf(all);
        }

        @Override
        public void killAllExcept(long spare) {
            for (int attempt = 0; attempt < 200; attempt++) {
                List<Long> left = new ArrayList<>(pids());
                left.remove(Long.valueOf(spare));
                if (left.isEmpty())
                    return;
                // Frozen tasks cannot fork or exit, so their pids stay theirs while we
                // kill them.
                boolean frozen = freeze();
                CgroupFiles.kill(left);
                if (frozen)
                    CgroupFiles.write(freezer.resolve("freezer.state"), "THAWED");
                CgroupFiles.sleepQuietly(attempt < 20 ? 1 : 10);
            }
        }

        private boolean freeze() {
            if (freezer == null || !Files.exists(freezer))
                return false;
            Path state = freezer.resolve("freezer.state");
            CgroupFiles.write(state, "FROZEN");
            for (int i = 0; i < 100; i++) {
                if (CgroupFiles.read(state).strip().equals("FROZEN"))
                    return true;
                CgroupFiles.sleepQuietly(1);
            }
            return true;
        }

        @Override
        public void close() {
            try {
                killAll();
            }
            catch (UncheckedIOException e) {
                // the group may already be gone; removal below tells
            }
            for (Path dir : dirs()) {
                for (int i = 0; i < 50 && !CgroupFiles.remove(dir); i++) {
                    CgroupFiles.sleepQuietly(10);
                }
            }
        }

    }

}
