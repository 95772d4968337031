package dev.sandlot.engine.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Run cgroups on the unified hierarchy (cgroup v2). Controllers are enabled in the
 * parent's subtree; when our own cgroup holds processes (the "no internal processes"
 * rule), the engine first moves them into a leaf.
 */
public final class CgroupV2 implements CgroupHierarchy {

    static final String CONTROLLERS = "+memory +pids +cpu";

    private final Path parent;

    /**
     * @param own the cgroup this process runs in (from /proc/self/cgroup)
     * @param parent where run cgroups go, below {@code own}
     */
    public CgroupV2(Path own, Path parent) throws IOException {
        this(delegated(own, parent));
    }

    private static Path delegated(Path own, Path parent) throws IOException {
        enableControllers(own);
        return parent;
    }

    private CgroupV2(Path parent) throws IOException {
        this.parent = parent;
        prepareParent();
    }

    private void prepareParent() throws IOException {
        Files.createDirectories(parent);
        CgroupFiles.write(parent.resolve("cgroup.subtree_control"), CONTROLLERS);
    }

    private static void enableControllers(Path own) throws IOException {
        Path subtree = own.resolve("cgroup.subtree_control");
        try {
            CgroupFiles.write(subtree, CONTROLLERS);
        }
        catch (UncheckedIOException busy) {
            // Our own group has processes, so it may not delegate: move them to a leaf.
            Path leaf = own.resolve("sandlot-engine");
            Files.createDirectories(leaf);
            for (long pid : CgroupFiles.pids(own.resolve("cgroup.procs"))) {
                try {
                    CgroupFiles.write(leaf.resolve("cgroup.procs"), Long.toString(pid));
                }
                catch (UncheckedIOException gone) {
                    // a process that exited meanwhile, or a kernel thread that cannot
                    // move
                }
            }
            CgroupFiles.write(subtree, CONTROLLERS);
        }
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public RunCgroup create(String name, boolean cpuShare) throws IOException {
        Path dir = parent.resolve(name);
        try {
            Files.createDirectory(dir);
        }
        catch (NoSuchFileException parentGone) {
            // swept by another engine on this host while this one claimed its range
            prepareParent();
            Files.createDirectory(dir);
        }
        Run run = new Run(dir);
        try {
            if (Files.exists(dir.resolve("memory.swap.max")))
                CgroupFiles.write(dir.resolve("memory.swap.max"), "0");
            if (Files.exists(dir.resolve("memory.oom.group")))
                CgroupFiles.write(dir.resolve("memory.oom.group"), "1");
        }
        catch (UncheckedIOException e) {
            run.close();
            throw e;
        }
        return run;
    }

    @Override
    public int sweepStale() {
        return closeRuns(parent, CgroupFiles::isStale);
    }

    @Override
    public CgroupV2 subtree(String name) throws IOException {
        return new CgroupV2(parent.resolve(name));
    }

    @Override
    public int sweepSubtrees(String prefix, Predicate<String> alive) {
        List<Path> gone = children(parent, name -> name.startsWith(prefix) && !alive.test(name));
        for (Path dir : gone) {
            // Every run below, whoever made it: its engine is gone.
            closeRuns(dir, child -> child.startsWith("run-"));
            CgroupFiles.remove(dir);
        }
        return gone.size();
    }

    @Override
    public void removeIfEmpty() {
        CgroupFiles.remove(parent);
    }

    private static int closeRuns(Path dir, Predicate<String> wanted) {
        List<Path> runs = children(dir, wanted);
        runs.forEach(run -> new Run(run).close());
        return runs.size();
    }

    private static List<Path> children(Path dir, Predicate<String> wanted) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).filter(p -> wanted.test(p.getFileName().toString())).toList();
        }
        catch (IOException e) {
            return List.of();
        }
    }

    static final class Run implements RunCgroup {

        private final Path dir;

        private final AtomicLong sampledPeak = new AtomicLong();

        Run(Path dir) {
            this.dir = dir;
        }

        @Override
        public List<Path> procsFiles() {
            return List.of(dir.resolve("cgroup.procs"));
        }

        @Override
        public void setMemoryLimit(long bytes) {
            CgroupFiles.write(dir.resolve("memory.max"), Long.toString(bytes));
        }

        @Override
        public boolean setCpuLimit(double cores) {
            Path max = dir.resolve("cpu.max");
            if (!Files.exists(max))
                return false;
            long period = 100_000;
            CgroupFiles.write(max, Math.max(1000, Math.round(period * cores)) + " " + period);
            return true;
        }

        @Override
        public void setProcessLimit(int max) {
            CgroupFiles.write(dir.resolve("pids.max"), Integer.toString(max));
        }

        @Override
        public long cpuUsageNanos() {
            return CgroupFiles.readKey(dir.resolve("cpu.stat"), "usage_usec") * 1000;
        }

        @Override
        public long peakMemoryBytes() {
            Path peak = dir.resolve("memory.peak");
            if (Files.exists(peak))
                return CgroupFiles.readLong(peak);
            // Kernels before 5.19 have no memory.peak: report the highest value we saw.
            long current = CgroupFiles.readLong(dir.resolve("memory.current"));
            return sampledPeak.accumulateAndGet(current, Math::max);
        }

        @Override
        public long oomKills() {
            return CgroupFiles.readKey(dir.resolve("memory.events"), "oom_kill");
        }

        @Override
        public long processLimitHits() {
            Path events = dir.resolve("pids.events");
            return Files.exists(events) ? CgroupFiles.readKey(events, "max") : 0;
        }

        @Override
        public List<Long> pids() {
            return CgroupFiles.pids(dir.resolve("cgroup.procs"));
        }

        @Override
        public void killAllExcept(long spare) {
            Path kill = dir.resolve("cgroup.kill");
            for (int attempt = 0; attempt < 200; attempt++) {
                List<Long> left = new ArrayList<>(pids());
                boolean spared = left.remove(Long.valueOf(spare));
                if (left.isEmpty())
                    return;
                if (!spared && Files.exists(kill)) {
                    CgroupFiles.write(kill, "1");
                }
                else {
                    CgroupFiles.write(dir.resolve("cgroup.freeze"), "1");
                    CgroupFiles.kill(left);
                    CgroupFiles.write(dir.resolve("cgroup.freeze"), "0");
                }
                CgroupFiles.sleepQuietly(attempt < 20 ? 1 : 10);
            }
        }

        @Override
        public void close() {
            try {
                killAll();
            }
            catch (UncheckedIOException e) {
                // already gone
            }
            for (int i = 0; i < 50 && !CgroupFiles.remove(dir); i++) {
                CgroupFiles.sleepQuietly(10);
            }
        }

    }

}
