package dev.sandlot.bench;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.EngineConfig;
import dev.sandlot.engine.FileTrees;
import dev.sandlot.engine.RunRequest;
import dev.sandlot.engine.RunResult;
import dev.sandlot.engine.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The engine benchmark: in one run, bare process start on this machine, the same programs
 * through the engine (sequential percentiles), and throughput at several concurrency
 * levels, for Python and C, with ratios to bare start.
 *
 * <pre>./sandlot bench [--runs 200] [--seconds 5] [--levels 1,2,4,8] [--pads-only] [--libraries-only]
 * [--packages-only]</pre>
 */
public final class BenchMain {

    private static final String PYTHON_HELLO = "print('Hello, World!')\n";

    private static final String C_HELLO = "#include <stdio.h>\nint main(void) { puts(\"Hello, World!\"); return 0; }\n";

    private int runs = 200;

    private int seconds = 5;

    private List<Integer> levels = List.of(1, 2, 4, 8);

    private boolean http = true;

    private String url;

    private String serverJar = "server/target/sandlot-server.jar";

    private List<Integer> httpLevels = List.of(1, 2, 4, 8, 16);

    private boolean engine = true;

    /** Only the built-in libraries' import figures (issue 16), nothing else. */
    private boolean librariesOnly;

    private boolean terminal = true;

    private int terminalSessions = 20;

    private int keystrokes = 1000;

    private boolean page = true;

    private int pageSamples = 5;

    private boolean pads = true;

    private int padKeys = 200;

    private int crowdPads = 50;

    private String adminPassword;

    private boolean files = true;

    private int fileSamples = 20;

    private boolean packages = true;

    private int packageSamples = 5;

    public static void main(String[] args) throws Exception {
        BenchMain bench = new BenchMain();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> bench.runs = Integer.parseInt(args[++i]);
                case "--seconds" -> bench.seconds = Integer.parseInt(args[++i]);
                case "--levels" -> bench.levels = parseLevels(args[++i]);
                case "--no-http" -> bench.http = false;
                case "--url" -> bench.url = args[++i];
                case "--server-jar" -> bench.serverJar = args[++i];
                case "--http-levels" -> bench.httpLevels = parseLevels(args[++i]);
                case "--no-terminal" -> bench.terminal = false;
                case "--terminal-only" -> {
                    bench.packages = false;
                    bench.files = false;
                    bench.engine = false;
                    bench.http = false;
                    bench.page = false;
                }
                case "--terminal-sessions" -> bench.terminalSessions = Integer.parseInt(args[++i]);
                case "--keystrokes" -> bench.keystrokes = Integer.parseInt(args[++i]);
                case "--no-page" -> bench.page = false;
                case "--page-only" -> {
                    bench.packages = false;
                    bench.files = false;
                    bench.engine = false;
                    bench.http = false;
                    bench.terminal = false;
                }
                case "--page-samples" -> bench.pageSamples = Integer.parseInt(args[++i]);
                case "--no-pads" -> bench.pads = false;
                case "--pads-only" -> {
                    bench.packages = false;
                    bench.files = false;
                    bench.engine = false;
                    bench.http = false;
                    bench.terminal = false;
                    bench.page = false;
                }
                case "--pad-keys" -> bench.padKeys = Integer.parseInt(args[++i]);
                case "--crowd-pads" -> bench.crowdPads = Integer.parseInt(args[++i]);
                case "--admin-password" -> bench.adminPassword = args[++i];
                case "--libraries-only" -> {
                    bench.packages = false;
                    bench.librariesOnly = true;
                    bench.http = false;
                    bench.terminal = false;
                    bench.page = false;
                    bench.pads = false;
                    bench.files = false;
                }
                case "--no-files" -> bench.files = false;
                case "--files-only" -> {
                    bench.packages = false;
                    bench.engine = false;
                    bench.http = false;
                    bench.terminal = false;
                    bench.page = false;
                    bench.pads = false;
                }
                case "--file-samples" -> bench.fileSamples = Integer.parseInt(args[++i]);
                case "--no-packages" -> bench.packages = false;
                case "--packages-only" -> {
                    bench.engine = false;
                    bench.http = false;
                    bench.terminal = false;
                    bench.page = false;
                    bench.pads = false;
                    bench.files = false;
                }
                case "--package-samples" -> bench.packageSamples = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: bench [--runs N] [--seconds S] [--levels 1,2,4,8] [--no-http] "
                            + "[--url URL | --server-jar PATH] [--http-levels 1,2,4,8,16] [--no-terminal | --terminal-only] "
                            + "[--terminal-sessions 20] [--keystrokes 1000] [--no-page | --page-only] [--page-samples 5]"
                            + " [--no-pads | --pads-only] [--pad-keys 200] [--crowd-pads 50] [--admin-password P]"
                            + " [--libraries-only] [--no-files | --files-only] [--file-samples 20]"
                            + " [--no-packages | --packages-only] [--package-samples 5]");
                    System.exit(2);
                }
            }
        }
        if (bench.engine)
            bench.engineBenchmark();
        bench.serverBenchmarks();
        if (bench.packages)
            PackagesLoad.run(Path.of(bench.serverJar), bench.packageSamples);
    }

    /**
     * {@code import numpy} and {@code import pandas} as whole runs (sandbox, interpreter,
     * import, exit), beside the same import in a bare python3 and a hello world run.
     */
    private void librariesBenchmark(Engine warm, Engine cold, RunRequest hello) {
        int count = Math.max(10, runs / 20);
        Table table = new Table("what", "p50 ms", "p90 ms", "p99 ms", "p50 vs pre-started hello world");
        Percentiles helloWarm = sample(count, () -> awaitWarm(warm), () -> check(warm.run(hello)));
        table.row("engine, Python hello world, pre-started", ms(helloWarm.p50()), ms(helloWarm.p90()),
                ms(helloWarm.p99()), "1.00x");
        for (String library : List.of("numpy", "pandas")) {
            RunRequest run = RunRequest.builder("python")
                .file("main.py", "import " + library + "\nprint('Hello')\n")
                .build();
            Percentiles bareImport = sample(count, () -> bare("/usr/bin/python3", "-c", "import " + library));
            Percentiles warmImport = sample(count, () -> awaitWarm(warm), () -> check(warm.run(run)));
            Percentiles coldImport = sample(count, () -> check(cold.run(run)));
            table.row("bare `python3 -c 'import " + library + "'`", ms(bareImport.p50()), ms(bareImport.p90()),
                    ms(bareImport.p99()), ratio(bareImport, helloWarm));
            table.row("engine, `import " + library + "`, pre-started (paced)", ms(warmImport.p50()),
                    ms(warmImport.p90()), ms(warmImport.p99()), ratio(warmImport, helloWarm));
            table.row("engine, `import " + library + "`, cold (no pool)", ms(coldImport.p50()), ms(coldImport.p90()),
                    ms(coldImport.p99()), ratio(coldImport, helloWarm));
        }
        table.print("Built-in libraries: a run that imports them, sequential (" + count + " runs each)");
    }

    private static List<Integer> parseLevels(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).map(Integer::parseInt).toList();
    }

    private void engineBenchmark() throws Exception {
        Path work = Files.createTempDirectory("sandlot-bench",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
        System.out.printf(Locale.ROOT,
                "# Sandlot engine benchmark%n%nmachine: %d cores, %s %s, Java %s; %d sequential runs, %d s per level%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), Runtime.version(), runs, seconds);

        Path cBinary = compileOnHost(work);
        Path pyFile = Files.writeString(work.resolve("hello.py"), PYTHON_HELLO);
        Percentiles barePythonPass = sample(runs, () -> bare("/usr/bin/python3", "-c", "pass"));
        Percentiles barePython = sample(runs, () -> bare("/usr/bin/python3", pyFile.toString()));
        Percentiles bareC = sample(runs, () -> bare(cBinary.toString()));

        try (Engine warm = Engine.start(EngineConfig.defaults(work.resolve("warm")).withWarmPool(Map.of("python", 2)));
                Engine cold = Engine.start(EngineConfig.defaults(work.resolve("cold"))
                    .withRuntimeDir(Path.of("/run/sandlot", "bench-cold-" + ProcessHandle.current().pid()))
                    .withWarmPool(Map.of()))) {
            if (!warm.sandboxStatus().available()) {
                System.out.println("sandbox unavailable: " + warm.sandboxStatus().problems());
                System.exit(1);
            }
            RunRequest python = RunRequest.builder("python").file("main.py", PYTHON_HELLO).build();
            librariesBenchmark(warm, cold, python);
            if (librariesOnly)
                return;
            RunRequest c = RunRequest.builder("c").file("main.c", C_HELLO).build();
            check(warm.run(c));
            check(cold.run(c));

            Percentiles pythonCold = sample(runs, () -> check(cold.run(python)));
            Percentiles pythonWarmPaced = sample(runs, () -> awaitWarm(warm), () -> check(warm.run(python)));
            Percentiles pythonBackToBack = sample(runs, () -> check(warm.run(python)));
            Percentiles cCached = sample(runs, () -> check(warm.run(c)));
            AtomicInteger variant = new AtomicInteger();
            Percentiles cCompile = sample(Math.max(5, runs / 20),
                    () -> check(warm.run(RunRequest.builder("c")
                        .file("main.c",
                                C_HELLO.replace("Hello", "Hello " + System.nanoTime() + variant.incrementAndGet()))
                        .build())));

            new Table("what", "p50 ms", "p90 ms", "p99 ms", "p50 vs bare python3 -c pass")
                .row("bare `python3 -c pass`", ms(barePythonPass.p50()), ms(barePythonPass.p90()),
                        ms(barePythonPass.p99()), "1.00x")
                .row("bare `python3 hello.py`", ms(barePython.p50()), ms(barePython.p90()), ms(barePython.p99()),
                        ratio(barePython, barePythonPass))
                .row("engine, Python, pre-started (paced 100 ms)", ms(pythonWarmPaced.p50()), ms(pythonWarmPaced.p90()),
                        ms(pythonWarmPaced.p99()), ratio(pythonWarmPaced, barePythonPass))
                .row("engine, Python, back to back (pool of 2)", ms(pythonBackToBack.p50()), ms(pythonBackToBack.p90()),
                        ms(pythonBackToBack.p99()), ratio(pythonBackToBack, barePythonPass))
                .row("engine, Python, cold (no pool)", ms(pythonCold.p50()), ms(pythonCold.p90()), ms(pythonCold.p99()),
                        ratio(pythonCold, barePythonPass))
                .print("Python hello world, sequential (" + runs + " runs each)");

            new Table("what", "p50 ms", "p90 ms", "p99 ms", "p50 vs bare binary")
                .row("bare compiled `./hello`", ms(bareC.p50()), ms(bareC.p90()), ms(bareC.p99()), "1.00x")
                .row("engine, C, build cached", ms(cCached.p50()), ms(cCached.p90()), ms(cCached.p99()),
                        ratio(cCached, bareC))
                .row("engine, C, compile + run", ms(cCompile.p50()), ms(cCompile.p90()), ms(cCompile.p99()),
                        ratio(cCompile, bareC))
                .print("C hello world, sequential (compile + run: " + cCompile.count() + " distinct programs)");

            Table throughput = new Table("program", "clients", "runs/s", "p50 ms", "p99 ms", "errors");
            for (int level : levels) {
                Load py = load(level, () -> warm.run(python));
                throughput.row("Python (pool of 2)", level, String.format(Locale.ROOT, "%.0f", py.perSecond()),
                        ms(py.latency().p50()), ms(py.latency().p99()), py.errors());
            }
            for (int level : levels) {
                Load cl = load(level, () -> warm.run(c));
                throughput.row("C (build cached)", level, String.format(Locale.ROOT, "%.0f", cl.perSecond()),
                        ms(cl.latency().p50()), ms(cl.latency().p99()), cl.errors());
            }
            throughput.print("Throughput, " + seconds + " s per level");
        }
        finally {
            FileTrees.delete(work);
        }
    }

    /**
     * HTTP load and the terminal, against --url or a server started from the jar for the
     * purpose.
     */
    private void serverBenchmarks() throws Exception {
        if (!http && !terminal && !page && !pads && !files)
            return;
        if (url != null) {
            serverBenchmarks(url, adminPassword, OptionalLong.empty());
        }
        else {
            try (ServerProcess server = ServerProcess.start(Path.of(serverJar))) {
                serverBenchmarks(server.url(), server.adminPassword(), OptionalLong.of(server.pid()));
            }
        }
    }

    private void serverBenchmarks(String base, String admin, OptionalLong pid) throws Exception {
        if (http)
            HttpLoad.run(base, httpLevels, seconds);
        if (terminal)
            TerminalLoad.run(base, terminalSessions, keystrokes);
        if (page)
            PageLoad.run(base, pageSamples);
        if (pads)
            PadLoad.run(base, admin, Path.of("server/frontend/node_modules"), pid, padKeys, crowdPads);
        if (files)
            FilesLoad.run(base, fileSamples);
    }

    record Load(double perSecond, Percentiles latency, int errors) {
    }

    private Load load(int clients, Supplier<RunResult> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long t = System.nanoTime();
                        RunResult r = run.get();
                        latencies.add(System.nanoTime() - t);
                        if (r.status() != Status.OK)
                            errors.incrementAndGet();
                    }
                }));
            }
            for (Future<?> w : workers)
                w.get();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        return new Load(latencies.size() / elapsed, Percentiles.of(latencies), errors.get());
    }

    private static void awaitWarm(Engine engine) {
        try {
            Thread.sleep(100);
            for (int i = 0; i < 100
                    && engine.stats().warmReady().values().stream().mapToInt(Integer::intValue).sum() == 0; i++) {
                Thread.sleep(10);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RunResult check(RunResult r) {
        if (r.status() != Status.OK || !r.stdoutText().startsWith("Hello")) {
            throw new IllegalStateException("benchmark run failed: " + r.status() + " " + r.stderrText());
        }
        return r;
    }

    private static Object bare(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0)
                throw new IllegalStateException(String.join(" ", command) + " failed");
            return p;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Percentiles sample(int count, Supplier<?> action) {
        return sample(count, () -> {
        }, action);
    }

    /**
     * Times {@code action} {@code count} times after a warm-up; {@code prepare} runs
     * before each, untimed.
     */
    private static Percentiles sample(int count, Runnable prepare, Supplier<?> action) {
        for (int i = 0; i < Math.min(10, count); i++) {
            prepare.run();
            var unused = action.get();
        }
        List<Long> nanos = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            prepare.run();
            long t = System.nanoTime();
            var unused = action.get();
            nanos.add(System.nanoTime() - t);
        }
        return Percentiles.of(nanos);
    }

    private static Path compileOnHost(Path work) throws Exception {
        Path source = Files.writeString(work.resolve("hello.c"), C_HELLO);
        Path binary = work.resolve("hello");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-o", binary.toString(), source.toString()).inheritIO().start();
        if (gcc.waitFor() != 0)
            throw new IllegalStateException("gcc failed");
        return binary;
    }

    static String ms(double value) {
        return Percentiles.ms(value);
    }

    private static String ratio(Percentiles a, Percentiles b) {
        return String.format(Locale.ROOT, "%.2fx", a.p50() / b.p50());
    }

}
