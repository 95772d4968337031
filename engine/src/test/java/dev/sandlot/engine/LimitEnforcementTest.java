package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every limit attacked by a real program in the real sandbox, and shown to hold. */
@Tag("sandbox")
class LimitEnforcementTest {

    @Test
    void pythonMemoryBombEndsAsMemoryLimit() {
        RunResult r = TestEngine.run("python", "chunks = []\nwhile True:\n    chunks.append(bytearray(1 << 20))\n",
                LimitRequest.DEFAULTS.withMemoryMb(64));

        assertThat(r.status()).isEqualTo(Status.MEMORY_LIMIT);
        assertThat(r.run().message()).contains("64 MiB");
        assertThat(r.run().memoryBytes()).isGreaterThan(32L << 20).isLessThanOrEqualTo(64L << 20);
    }

    @Test
    void cMallocLoopEndsAsMemoryLimit() {
        String code = """
                #include <stdlib.h>
                #include <string.h>
                int main(void) {
                    for (;;) {
                        char *p = malloc(1 << 20);
                        if (!p) return 3;
                        memset(p, 7, 1 << 20);
                    }
                }
                """;
        RunResult r = TestEngine.run("c", code, LimitRequest.DEFAULTS.withMemoryMb(64));

        assertThat(r.status()).isEqualTo(Status.MEMORY_LIMIT);
    }

    @Test
    void aRefusedAllocationIsReportedAsMemoryLimitInEveryRuntime() {
        RunResult python = TestEngine.run("python", "x = [0] * 10**10");
        RunResult java = TestEngine.run("java", """
                public class Main {
                    public static void main(String[] args) {
                        var blocks = new java.util.ArrayList<long[]>();
                        while (true) blocks.add(new long[1 << 20]);
                    }
                }
                """);
        RunResult node = TestEngine.run("javascript", "const a = [];\nwhile (true) a.push(new Array(1e6).fill(1));");

        assertThat(python.status()).as(python.stderrText()).isEqualTo(Status.MEMORY_LIMIT);
        assertThat(java.status()).as(java.stderrText()).isEqualTo(Status.MEMORY_LIMIT);
        assertThat(java.stderrText()).contains("OutOfMemoryError");
        assertThat(node.status()).isEqualTo(Status.MEMORY_LIMIT);
        assertThat(python.run().message()).contains("128 MiB");
    }

    @Test
    void aProgramThatOnlyTalksAboutMemoryErrorsIsNotMisjudged() {
        RunResult r = TestEngine.run("python", "import sys\nprint('MemoryError', file=sys.stderr)\nprint('fine')");

        assertThat(r.status()).isEqualTo(Status.OK);
    }

    @Test
    void infiniteLoopTimesOutAtTheWallLimit() {
        long started = System.nanoTime();
        RunResult r = TestEngine.run("python", "while True:\n    pass\n", LimitRequest.DEFAULTS.withWallTimeMs(1000));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(r.status()).isEqualTo(Status.TIMEOUT);
        assertThat(r.run().wallTimeMs()).isBetween(1000L, 1300L);
        assertThat(elapsedMs).isLessThan(2500);
    }

    @Test
    void sleepTimesOutAtTheWallLimit() {
        RunResult r = TestEngine.run("python", "import time\ntime.sleep(60)\n",
                LimitRequest.DEFAULTS.withWallTimeMs(800));

        assertThat(r.status()).isEqualTo(Status.TIMEOUT);
        assertThat(r.run().wallTimeMs()).isBetween(800L, 1100L);
        assertThat(r.run().cpuTimeMs()).isLessThan(200);
    }

    @Test
    void cpuLimitCountsEveryThreadOfTheTree() {
        String code = """
                #include <pthread.h>
                static void *spin(void *arg) { for (volatile long i = 0;; i++); return arg; }
                int main(void) {
                    pthread_t t;
                    pthread_create(&t, 0, spin, 0);
                    spin(0);
                }
                """;
        long started = System.nanoTime();
        RunResult r = TestEngine.run("c", code, LimitRequest.DEFAULTS.withCpuTimeMs(600).withWallTimeMs(20_000));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(r.status()).isEqualTo(Status.TIMEOUT);
        assertThat(r.run().message()).contains("CPU time");
        assertThat(r.run().cpuTimeMs()).isBetween(600L, 900L);
        assertThat(elapsedMs).isLessThan(5_000);
    }

    @Test
    void endlessOutputEndsAsOutputLimitKeepingTheFirstBytes() {
        RunResult r = TestEngine.run("python", "i = 0\nwhile True:\n    print('line', i)\n    i += 1\n");

        assertThat(r.status()).isEqualTo(Status.OUTPUT_LIMIT);
        assertThat(r.run().stdoutTruncated()).isTrue();
        assertThat(r.run().stdout()).hasSize(1024 * 1024);
        assertThat(r.stdoutText()).startsWith("line 0\nline 1\nline 2\n");
    }

    @Test
    void hundredMegabytesOfOutputAreCutAtTheLimit() {
        RunResult r = TestEngine.run("python",
                "import sys\nchunk = b'0123456789' * 100_000\nfor _ in range(100):\n    sys.stdout.buffer.write(chunk)\n",
                LimitRequest.DEFAULTS.withMaxOutputBytes(64 * 1024));

        assertThat(r.status()).isEqualTo(Status.OUTPUT_LIMIT);
        assertThat(r.run().stdout()).hasSize(64 * 1024);
        assertThat(r.stdoutText()).startsWith("0123456789012");
    }

    @Test
    void stderrFloodIsCappedToo() {
        RunResult r = TestEngine.run("bash", "while true; do echo 'error line' >&2; done",
                LimitRequest.DEFAULTS.withMaxOutputBytes(10_000));

        assertThat(r.status()).isEqualTo(Status.OUTPUT_LIMIT);
        assertThat(r.run().stderrTruncated()).isTrue();
        assertThat(r.run().stderr()).hasSize(10_000);
    }

    @Test
    void writingAGigabyteToTheWorkspaceIsStopped() {
        long started = System.nanoTime();
        RunResult r = TestEngine.run("python",
                "with open('big.bin', 'wb') as f:\n    for _ in range(1024):\n        f.write(b'x' * (1 << 20))\n");

        assertThat(r.status()).isNotEqualTo(Status.OK);
        assertThat(r.stderrText()).containsAnyOf("No space left on device", "File too large");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void writingAGigabyteToTmpIsStopped() {
        RunResult r = TestEngine.run("bash", "head -c 1073741824 /dev/zero > /tmp/fill; echo exit=$?",
                LimitRequest.DEFAULTS.withMemoryMb(256));

        assertThat(r.stdoutText()).doesNotContain("exit=0");
        assertThat(r.stderrText()).containsAnyOf("No space left on device", "File size limit exceeded");
    }

    @Test
    void manySmallFilesCannotFillTheDiskEither() {
        RunResult r = TestEngine.run("python", """
                import os
                written = 0
                try:
                    for i in range(100_000):
                        with open(f'f{i}', 'wb') as f:
                            f.write(b'y' * 65536)
                        written += 65536
                except OSError as e:
                    print('stopped', e.errno, written // (1 << 20))
                """);

        assertThat(r.stdoutText()).startsWith("stopped");
        int megabytes = Integer.parseInt(r.stdoutText().strip().split(" ")[2]);
        assertThat(megabytes).isLessThanOrEqualTo(16);
    }

    @Test
    void forkBombIsContainedByTheProcessLimit() {
        long started = System.nanoTime();
        RunResult r = TestEngine.run("python", """
                import os
                children = 0
                while True:
                    try:
                        if os.fork() == 0:
                            while True:
                                pass
                        children += 1
                    except OSError:
                        print('fork refused after', children, flush=True)
                        break
                """, LimitRequest.DEFAULTS.withMaxProcesses(16).withWallTimeMs(3000));

        assertThat(r.stdoutText()).startsWith("fork refused after");
        int children = Integer.parseInt(r.stdoutText().strip().replaceAll("\\D+", ""));
        assertThat(children).isLessThanOrEqualTo(16);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(6_000);
    }

    @Test
    void bashForkBombEndsAndTheHostStaysResponsive() {
        RunResult r = TestEngine.run("bash", ":(){ :|:& };:\nwait", LimitRequest.DEFAULTS.withWallTimeMs(2000));

        assertThat(r.status()).isIn(Status.TIMEOUT, Status.RUNTIME_ERROR, Status.OK);
        RunResult after = TestEngine.run("python", "print('still fine')");
        assertThat(after.stdoutText()).isEqualTo("still fine\n");
    }

    @Test
    void processLimitAppliesToThreads() {
        RunResult r = TestEngine.run("python", """
                import threading, time
                started = 0
                try:
                    for _ in range(100):
                        threading.Thread(target=time.sleep, args=(5,), daemon=True).start()
                        started += 1
                except RuntimeError:
                    pass
                print(started)
                """, LimitRequest.DEFAULTS.withMaxProcesses(10));

        assertThat(Integer.parseInt(r.stdoutText().strip())).isLessThan(10);
    }

    @Test
    void aLimitAboveTheMaximumIsRefusedNamingTheField() {
        Engine engine = TestEngine.get();
        RunRequest request = RunRequest.builder("python")
            .file("main.py", "pass")
            .limits(LimitRequest.DEFAULTS.withMemoryMb(1_000_000))
            .build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.run(request))
            .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                assertThat(e.field()).isEqualTo("limits.memoryMb");
                assertThat(e.maximum()).isEqualTo(1024L);
            });
    }

    @Test
    void perRunLimitsApplyToAPreStartedInterpreterToo() {
        // The pool starts interpreters with the default limits; this run asks for less.
        RunResult r = TestEngine.run("python", "x = bytearray(40 << 20)\nprint(len(x))",
                LimitRequest.DEFAULTS.withMemoryMb(24));

        assertThat(r.status()).isEqualTo(Status.MEMORY_LIMIT);
        assertThat(new String(r.run().stdout(), StandardCharsets.UTF_8)).isEmpty();
    }

}
