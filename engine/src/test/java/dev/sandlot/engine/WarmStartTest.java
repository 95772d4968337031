package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A pre-started interpreter must be indistinguishable from a fresh one: the same program,
 * argv, stdin and limits give the same output, byte for byte, whether the run was served
 * warm (shared engine) or cold (isolated engine, no pool).
 */
@Tag("sandbox")
class WarmStartTest {

    private static final String PROBE = """
            import os, sys
            print(__name__, __file__, sys.argv, sys.orig_argv, sys.path[0])
            print(sorted(globals()))
            print(sorted(m for m in sys.modules))
            print(sys.flags)
            print(os.getpid(), os.getppid(), os.getcwd(), sorted(os.listdir('/proc/self/fd')))
            import resource
            for name in ('RLIMIT_NOFILE', 'RLIMIT_CPU', 'RLIMIT_FSIZE', 'RLIMIT_STACK', 'RLIMIT_CORE'):
                print(name, resource.getrlimit(getattr(resource, name)))
            print(repr(sys.stdin.read()))
            print(sorted(os.listdir('.')))
            def fail():
                raise ValueError('from line 13')
            fail()
            """;

    private static RunRequest request() {
        return RunRequest.builder("python")
            .file("main.py", PROBE)
            .file("data.txt", "x")
            .args("one", "two words", "ünï")
            .stdin("line 1\nline 2\n")
            .limits(LimitRequest.DEFAULTS.withCpuTimeMs(4000).withMemoryMb(100))
            .build();
    }

    @Test
    void aPreStartedInterpreterLooksExactlyLikeAFreshOne() throws InterruptedException {
        Engine warmEngine = TestEngine.get();
        awaitWarmSandbox(warmEngine);
        long warmBefore = warmEngine.stats().warmStarts();
        RunResult warm = warmEngine.run(request());
        assertThat(warmEngine.stats().warmStarts()).isEqualTo(warmBefore + 1);

        Engine coldEngine = TestEngine.isolated();
        long coldBefore = coldEngine.stats().coldStarts();
        RunResult cold = coldEngine.run(request());
        assertThat(coldEngine.stats().coldStarts()).isEqualTo(coldBefore + 1);

        assertThat(warm.status()).isEqualTo(Status.RUNTIME_ERROR);
        assertThat(warm.stdoutText()).isEqualTo(cold.stdoutText());
        assertThat(warm.stderrText()).isEqualTo(cold.stderrText());
        assertThat(warm.run().exitCode()).isEqualTo(cold.run().exitCode()).isEqualTo(1);
    }

    /**
     * The same with a built-in library: what numpy loads, the threads its BLAS starts and
     * the modules it leaves behind are the same warm and cold. (This is also why the warm
     * interpreters do not pre-import numpy: sys.modules, the threads and the memory of
     * every run would differ.)
     */
    @Test
    void numpyBehavesTheSameWarmAndCold() throws InterruptedException {
        String numpyProbe = """
                import os, sys
                before = sorted(sys.modules)
                import numpy
                print(numpy.__version__, numpy.__file__, numpy.arange(6).reshape(2, 3).T.tolist())
                print(sorted(set(sys.modules) - set(before)))
                print(len(os.listdir('/proc/self/task')), before)
                """;
        RunRequest request = RunRequest.builder("python")
            .file("main.py", numpyProbe)
            .limits(LimitRequest.DEFAULTS.withMemoryMb(100))
            .build();
        Engine warmEngine = TestEngine.get();
        awaitWarmSandbox(warmEngine);
        long warmBefore = warmEngine.stats().warmStarts();
        RunResult warm = warmEngine.run(request);
        assertThat(warmEngine.stats().warmStarts()).isEqualTo(warmBefore + 1);
        RunResult cold = TestEngine.isolated().run(request);

        assertThat(warm.status()).isEqualTo(Status.OK);
        assertThat(warm.stdoutText())
            .contains("/usr/lib/python3/dist-packages/numpy/__init__.py [[0, 3], [1, 4], [2, 5]]")
            .isEqualTo(cold.stdoutText());
        assertThat(warm.stderrText()).isEqualTo(cold.stderrText()).isEmpty();
    }

    /**
     * A program's own numpy.py is what it imports, warm or cold, as with a plain python3:
     * nothing in the pre-started interpreter has imported the library before the
     * program's directory was on sys.path.
     */
    @Test
    void aProgramsOwnModuleShadowsTheBuiltInLibrary() throws InterruptedException {
        awaitWarmSandbox(TestEngine.get());
        long warmBefore = TestEngine.get().stats().warmStarts();
        RunResult r = TestEngine.get()
            .run(RunRequest.builder("python")
                .file("main.py", "import numpy\nprint(numpy.WHO)")
                .file("numpy.py", "WHO = 'mine'")
                .build());

        assertThat(TestEngine.get().stats().warmStarts()).isEqualTo(warmBefore + 1);
        assertThat(r.stdoutText()).isEqualTo("mine\n");
    }

    @Test
    void theProgramRunsAsMainWithItsOwnFileArgvAndTraceback() throws InterruptedException {
        awaitWarmSandbox(TestEngine.get());
        RunResult r = TestEngine.get().run(request());

        assertThat(r.stdoutText()).startsWith("__main__ /workspace/main.py ['main.py', 'one', 'two words', 'ünï'] "
                + "['/usr/bin/python3', 'main.py', 'one', 'two words', 'ünï'] /workspace\n");
        assertThat(r.stdoutText()).contains("'line 1\\nline 2\\n'", "['data.txt', 'main.py']",
                "RLIMIT_NOFILE (256, 256)", "2 1 /workspace ['0', '1', '2', '3']");
        assertThat(r.stderrText()).isEqualTo("""
                Traceback (most recent call last):
                  File "/workspace/main.py", line 14, in <module>
                    fail()
                  File "/workspace/main.py", line 13, in fail
                    raise ValueError('from line 13')
                ValueError: from line 13
                """);
    }

    @Test
    void globalsOfOneRunNeverReachTheNext() throws InterruptedException {
        awaitWarmSandbox(TestEngine.get());
        TestEngine.run("python", "import builtins\nbuiltins.leaked = 42\nopen('/tmp/left-behind', 'w').write('x')");
        awaitWarmSandbox(TestEngine.get());
        RunResult next = TestEngine.run("python",
                "import builtins, os\nprint(hasattr(builtins, 'leaked'), os.path.exists('/tmp/left-behind'))");

        assertThat(next.stdoutText()).isEqualTo("False False\n");
    }

    static void awaitWarmSandbox(Engine engine) throws InterruptedException {
        for (int i = 0; i < 200
                && engine.stats().warmReady().values().stream().mapToInt(Integer::intValue).sum() == 0; i++) {
            Thread.sleep(25);
        }
    }

}
