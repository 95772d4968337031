package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stdin, stdout, exit codes and signals, exactly as the program made them; interactive
 * runs.
 */
@Tag("sandbox")
class RunIoTest {

    @Test
    void tenMegabytesOfStdinRoundTripExactly() {
        byte[] input = new byte[10 * 1024 * 1024];
        new Random(7).nextBytes(input);
        RunResult r = TestEngine.get()
            .run(RunRequest.builder("python")
                .file("main.py", "import sys\nsys.stdout.buffer.write(sys.stdin.buffer.read())")
                .stdin(input)
                .limits(LimitRequest.DEFAULTS.withMaxOutputBytes(16L << 20))
                .build());

        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.run().stdout()).isEqualTo(input);
    }

    @Test
    void nonUtf8OutputSurvivesByteForByte() {
        RunResult r = TestEngine.run("c", """
                #include <stdio.h>
                int main(void) {
                    fwrite("\\xff\\xfe\\x80\\x00ok\\xc3", 1, 7, stdout);
                    fwrite("\\xed\\xa0\\x80", 1, 3, stderr);
                    return 0;
                }
                """);

        assertThat(r.run().stdout())
            .isEqualTo(new byte[] { (byte) 0xff, (byte) 0xfe, (byte) 0x80, 0, 'o', 'k', (byte) 0xc3 });
        assertThat(r.run().stderr()).isEqualTo(new byte[] { (byte) 0xed, (byte) 0xa0, (byte) 0x80 });
    }

    @Test
    void exitCodesAreReportedExactlyEvenAbove128() {
        RunResult three = TestEngine.run("python", "import sys\nsys.exit(3)");
        RunResult high = TestEngine.run("c", "int main(void) { return 139; }");

        assertThat(three.status()).isEqualTo(Status.RUNTIME_ERROR);
        assertThat(three.run().exitCode()).isEqualTo(3);
        assertThat(high.status()).isEqualTo(Status.RUNTIME_ERROR);
        assertThat(high.run().exitCode()).isEqualTo(139);
        assertThat(high.run().signal()).isNull();
    }

    @Test
    void aSegfaultIsReportedAsKilledBySigsegv() {
        RunResult r = TestEngine.run("c", "int main(void) { volatile int *p = 0; return *p; }");

        assertThat(r.status()).isEqualTo(Status.KILLED);
        assertThat(r.run().signal()).isEqualTo(11);
        assertThat(r.run().signalName()).isEqualTo("SIGSEGV");
        assertThat(r.run().exitCode()).isNull();
        assertThat(r.run().message()).contains("segmentation fault");
    }

    @Test
    void argumentsArriveVerbatim() {
        RunResult r = TestEngine.get()
            .run(RunRequest.builder("python")
                .file("main.py", "import sys\nprint(sys.argv[1:])")
                .args("plain", "two words", "", "$HOME", "'quoted'", "ünïcødé", "--flag=1")
                .build());

        assertThat(r.stdoutText())
            .isEqualTo("['plain', 'two words', '', '$HOME', \"'quoted'\", 'ünïcødé', '--flag=1']\n");
    }

    @Test
    void anInteractiveProgramWaitsForEachLine() throws Exception {
        StringBuilder seen = new StringBuilder();
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch askedAgain = new CountDownLatch(1);
        RunHandle run = TestEngine.get()
            .start(RunRequest.builder("python")
                .file("main.py", "name = input('Name? ')\nage = input('Age? ')\nprint(f'{name} is {age}')")
                .build(), new OutputListener() {
                    @Override
                    public synchronized void stdout(byte[] chunk) {
                        seen.append(new String(chunk, StandardCharsets.UTF_8));
                        if (seen.toString().contains("Name? "))
                            asked.countDown();
                        if (seen.toString().contains("Age? "))
                            askedAgain.countDown();
                    }
                });

        assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.toString()).doesNotContain("Age?");
        run.writeStdin("Ada\n");
        assertThat(askedAgain.await(10, TimeUnit.SECONDS)).isTrue();
        run.writeStdin("36\n");
        RunResult result = run.await();

        assertThat(result.status()).isEqualTo(Status.OK);
        assertThat(result.stdoutText()).isEqualTo("Name? Age? Ada is 36\n");
    }

    @Test
    void outputStreamsWhileTheProgramRuns() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        long[] firstAt = new long[1];
        long started = System.nanoTime();
        RunHandle run = TestEngine.get()
            .start(RunRequest.builder("python")
                .file("main.py", "import time\nprint('early')\ntime.sleep(1.5)\nprint('late')")
                .build(), new OutputListener() {
                    @Override
                    public void stdout(byte[] chunk) {
                        if (first.getCount() > 0)
                            firstAt[0] = System.nanoTime();
                        first.countDown();
                    }
                });
        RunResult result = run.await();

        assertThat((firstAt[0] - started) / 1_000_000).isLessThan(1000);
        assertThat(result.stdoutText()).isEqualTo("early\nlate\n");
    }

    @Test
    void killStopsARunningProgram() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        RunHandle run = TestEngine.get()
            .start(RunRequest.builder("python")
                .file("main.py", "import time\nprint('go', flush=True)\ntime.sleep(60)")
                .build(), new OutputListener() {
                    @Override
                    public void started() {
                        started.countDown();
                    }
                });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        long before = System.nanoTime();
        run.kill();
        RunResult result = run.await();

        assertThat(result.status()).isEqualTo(Status.KILLED);
        assertThat((System.nanoTime() - before) / 1_000_000).isLessThan(2000);
    }

    @Test
    void stdinBeyondItsCapIsRefused() {
        RunHandle run = TestEngine.get()
            .start(RunRequest.builder("python").file("main.py", "import sys\nsys.stdin.read()").build(),
                    OutputListener.NONE);
        byte[] chunk = new byte[1 << 20];
        assertThatThrownBy(() -> {
            for (int i = 0; i < 17; i++)
                run.writeStdin(chunk);
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("at most");
        run.kill();
        run.await();
    }

    @Test
    void aProgramThatIgnoresStdinStillTimesOut() {
        byte[] big = new byte[8 << 20];
        long started = System.nanoTime();
        RunResult r = TestEngine.get()
            .run(RunRequest.builder("python")
                .file("main.py", "import time\ntime.sleep(30)")
                .stdin(big)
                .limits(LimitRequest.DEFAULTS.withWallTimeMs(700))
                .build());

        assertThat(r.status()).isEqualTo(Status.TIMEOUT);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3000);
    }

    @Test
    void stdoutAndStderrStayApartAndInOrder() {
        RunResult r = TestEngine.run("python",
                "import sys\nfor i in range(3):\n    print('out', i)\n    print('err', i, file=sys.stderr)");

        assertThat(r.stdoutText()).isEqualTo("out 0\nout 1\nout 2\n");
        assertThat(r.stderrText()).isEqualTo("err 0\nerr 1\nerr 2\n");
    }

}
