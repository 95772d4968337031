package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Nothing outlives a run: no process, no cgroup, no status file, no build directory, no
 * mount; and the build cache holds nothing a host user could misuse. Checked from the
 * host's /proc and /sys/fs/cgroup, on an engine whose programs run as a uid nothing else
 * uses.
 */
@Tag("sandbox")
class LeakTest {

    @Test
    void aDaemonThatDoubleForksAndCallsSetsidIsGoneWhenTheRunEnds() throws InterruptedException {
        RunResult r = TestEngine.run(TestEngine.isolated(), "python", """
                import os, time
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        os.closerange(0, 3)
                        time.sleep(120)
                    os._exit(0)
                time.sleep(0.2)
                print('parent exits')
                """, LimitRequest.DEFAULTS);

        assertThat(r.stdoutText()).isEqualTo("parent exits\n");
        assertThat(TestEngine.isolated().awaitQuiescence(Duration.ofSeconds(5))).isTrue();
        assertThat(HostProcesses.describe(HostProcesses.ofIsolatedSandboxes())).isEmpty();
        assertThat(HostProcesses.runCgroupsOfIsolatedEngine()).isEmpty();
    }

    @Test
    void twoHundredRunsOfEveryOutcomeLeaveNothingBehind() throws Exception {
        Engine engine = TestEngine.isolated();
        List<String> programs = List.of("print('ok')", "raise SystemExit(2)", "import time\ntime.sleep(5)",
                "x = [bytearray(1 << 20) for _ in range(200)]", "while True:\n    print('flood' * 100)",
                "import os\nif os.fork() == 0:\n    import time\n    time.sleep(30)\nprint('forked')",
                "import os\nos.kill(os.getpid(), 9)");
        LimitRequest limits = LimitRequest.DEFAULTS.withWallTimeMs(400).withMemoryMb(64).withMaxOutputBytes(4096);
        List<Future<RunResult>> results = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 200; i++) {
                String code = programs.get(i % programs.size());
                results.add(clients.submit(() -> TestEngine.run(engine, "python", code, limits)));
            }
        }
        for (Future<RunResult> result : results) {
            assertThat(result.get().status()).isNotEqualTo(Status.INTERNAL_ERROR);
        }
        RunResult compiled = TestEngine.run(engine, "c", "int main(void) { return 0; }", limits);
        assertThat(compiled.status()).isEqualTo(Status.OK);
        assertThat(engine.awaitQuiescence(Duration.ofSeconds(10))).isTrue();

        assertThat(HostProcesses.describe(HostProcesses.ofIsolatedSandboxes())).isEmpty();
        assertThat(HostProcesses.runCgroupsOfIsolatedEngine()).isEmpty();
        assertThat(listing(engine.config().runtimeDir().resolve("status"))).isEmpty();
        assertThat(listing(engine.config().buildCacheDir().resolve("tmp"))).isEmpty();
        assertThat(CompileStageAttackTest.cacheProblems(engine.config().buildCacheDir())).isEmpty();
        // Each sandbox's overlays live in a mount namespace of its own and end with it.
        assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo")))
            .noneMatch(line -> line.contains(engine.config().runtimeDir().toString()));
        assertThat(engine.stats().activeRuns()).isZero();
    }

    private static List<Path> listing(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

}
