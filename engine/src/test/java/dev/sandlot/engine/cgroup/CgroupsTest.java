package dev.sandlot.engine.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection from /proc files, and the v2 control files (this host is v1, so v2 is checked
 * on a copy of its layout).
 */
class CgroupsTest {

    @TempDir
    Path root;

    private static String v1Mount(Path at, String controller) {
        return "35 31 0:32 / " + at + " rw,relatime - cgroup cgroup rw," + controller;
    }

    @Test
    void hybridHostWithoutV2ControllersUsesV1AndOurOwnMemoryCgroup() throws IOException {
        Path unified = Files.createDirectories(root.resolve("unified"));
        Files.writeString(unified.resolve("cgroup.controllers"), "hugetlb\n");
        List<String> mountinfo = List.of(v1Mount(root.resolve("memory"), "memory"),
                v1Mount(root.resolve("pids"), "pids"), v1Mount(root.resolve("cpuacct"), "cpuacct"),
                v1Mount(root.resolve("freezer"), "freezer"),
                "41 31 0:38 / " + unified + " rw,relatime - cgroup2 cgroup2 rw");
        List<String> cgroup = List.of("8:pids:/", "6:freezer:/", "4:memory:/process_api/abc", "2:cpuacct:/", "0::/");

        Cgroups.Detection d = Cgroups.detect(mountinfo, cgroup, "sandlot");

        assertThat(d.version()).isEqualTo("v1");
        assertThat(root.resolve("memory/process_api/abc/sandlot")).isDirectory();
        assertThat(root.resolve("pids/sandlot")).isDirectory();
        assertThat(root.resolve("freezer/sandlot")).isDirectory();
    }

    @Test
    void pureV2WithTheControllersIsPreferred() throws IOException {
        Path unified = Files.createDirectories(root.resolve("cg"));
        Files.writeString(unified.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        Path own = Files.createDirectories(unified.resolve("system.slice/sandlot.service"));
        Files.writeString(own.resolve("cgroup.subtree_control"), "");
        Files.createDirectories(own.resolve("sandlot"));
        Files.writeString(own.resolve("sandlot/cgroup.subtree_control"), "");

        Cgroups.Detection d = Cgroups.detect(List.of("30 1 0:26 / " + unified + " rw - cgroup2 cgroup2 rw"),
                List.of("0::/system.slice/sandlot.service"), "sandlot");

        assertThat(d.version()).isEqualTo("v2");
        assertThat(Files.readString(own.resolve("cgroup.subtree_control"))).isEqualTo("+memory +pids +cpu");
    }

    @Test
    void missingControllersAreNamed() {
        Cgroups.Detection d = Cgroups.detect(List.of(v1Mount(root.resolve("memory"), "memory")), List.of("4:memory:/"),
                "sandlot");

        assertThat(d.available()).isFalse();
        assertThat(d.problems()).singleElement().asString().contains("pids", "cpuacct");
    }

    @Test
    void containerMountRootIsStrippedFromOurPath() throws IOException {
        Path memory = root.resolve("memory");
        List<String> mountinfo = List.of("35 31 0:32 /docker/c1 " + memory + " rw - cgroup cgroup rw,memory",
                "36 31 0:33 /docker/c1 " + root.resolve("pids") + " rw - cgroup cgroup rw,pids",
                "37 31 0:34 /docker/c1 " + root.resolve("cpuacct") + " rw - cgroup cgroup rw,cpu,cpuacct");
        List<String> cgroup = List.of("4:memory:/docker/c1", "3:pids:/docker/c1", "2:cpu,cpuacct:/docker/c1");

        assertThat(Cgroups.detect(mountinfo, cgroup, "sandlot").version()).isEqualTo("v1");
        assertThat(memory.resolve("sandlot")).isDirectory();
    }

    @Test
    void aDeadEngineSubtreeIsSweptWithItsRunsWhileALiveOneIsKept() throws IOException {
        CgroupV1 shared = new CgroupV1(root.resolve("memory"), root.resolve("pids"), root.resolve("cpuacct"), null);
        CgroupV1 dead = shared.subtree("engine-61000");
        dead.create("run-1-1").close(); // a run made and closed: the subtree holds
                                        // nothing
        dead.create("run-1-2");
        CgroupV1 alive = shared.subtree("engine-61500");
        alive.create("run-2-1");
        long ourPid = ProcessHandle.current().pid();
        shared.create("run-" + ourPid + "-9");

        int swept = shared.sweepSubtrees("engine-", name -> name.equals("engine-61500"));

        assertThat(swept).isEqualTo(1);
        for (String hierarchy : List.of("memory", "pids", "cpuacct")) {
            assertThat(root.resolve(hierarchy).resolve("engine-61000")).doesNotExist();
            assertThat(root.resolve(hierarchy).resolve("engine-61500/run-2-1")).isDirectory();
            assertThat(root.resolve(hierarchy).resolve("run-" + ourPid + "-9")).isDirectory();
        }
    }

    @Test
    void anEmptySubtreeIsRemovedWhenItsEngineCloses() throws IOException {
        CgroupV1 shared = new CgroupV1(root.resolve("memory"), root.resolve("pids"), root.resolve("cpuacct"), null);
        CgroupV1 own = shared.subtree("engine-61000");
        own.create("run-1-1").close();

        own.removeIfEmpty();

        assertThat(root.resolve("memory/engine-61000")).doesNotExist();
        assertThat(root.resolve("memory")).isDirectory();
    }

    @Test
    void v2RunReadsItsAccountingFiles() throws IOException {
        Path dir = Files.createDirectories(root.resolve("run-1-1"));
        Files.writeString(dir.resolve("cpu.stat"), "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n");
        Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n");
        Files.writeString(dir.resolve("pids.events"), "max 3\n");
        Files.writeString(dir.resolve("memory.current"), "4096\n");
        CgroupV2.Run run = new CgroupV2.Run(dir);

        run.setMemoryLimit(64L << 20);
        run.setProcessLimit(66);

        assertThat(Files.readString(dir.resolve("memory.max"))).isEqualTo(Long.toString(64L << 20));
        assertThat(Files.readString(dir.resolve("pids.max"))).isEqualTo("66");
        assertThat(run.cpuUsageNanos()).isEqualTo(1_500_000);
        assertThat(run.oomKills()).isEqualTo(1);
        assertThat(run.processLimitHits()).isEqualTo(3);
        assertThat(run.peakMemoryBytes()).isEqualTo(4096);
        Files.writeString(dir.resolve("memory.peak"), "9000\n");
        assertThat(run.peakMemoryBytes()).isEqualTo(9000);
    }

    @Test
    void v2KillEmptiesARealCgroupThroughCgroupKill() throws Exception {
        Path unified = Path.of("/sys/fs/cgroup/unified");
        Assumptions.assumeTrue(Files.isWritable(unified), "no writable cgroup2 mount on this host");
        Path dir = unified.resolve("sandlot-test-" + ProcessHandle.current().pid());
        Files.createDirectory(dir);
        Assumptions.assumeTrue(Files.exists(dir.resolve("cgroup.kill")), "kernel without cgroup.kill");
        CgroupV2.Run run = new CgroupV2.Run(dir);
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(dir.resolve("cgroup.procs"), Long.toString(sleeper.pid()));
            assertThat(run.pids()).containsExactly(sleeper.pid());

            run.close();

            assertThat(sleeper.waitFor(2, TimeUnit.SECONDS)).isTrue();
            assertThat(dir).doesNotExist();
        }
        finally {
            sleeper.destroyForcibly();
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void staleRunNamesAreThoseOfDeadEngines() {
        assertThat(CgroupFiles.isStale("run-" + ProcessHandle.current().pid() + "-3")).isFalse();
        assertThat(CgroupFiles.isStale("run-999999999-3")).isTrue();
        assertThat(CgroupFiles.isStale("sandlot-engine")).isFalse();
    }

}
