package dev.sandlot.engine;

import dev.sandlot.engine.policy.PolicyViolationException;
import dev.sandlot.engine.sandbox.Sandbox;
import dev.sandlot.engine.sandbox.SandboxProcess;
import dev.sandlot.engine.sandbox.SandboxUids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution engine: runs untrusted programs in many languages, each in a fresh
 * sandbox, with every limit enforced by the kernel. Start one per process with
 * {@link #start(EngineConfig)}; it is thread-safe.
 *
 * <p>
 * This class is the façade: at start a {@link LanguageDetector} finds the installed
 * languages; for each request a {@link RunPlanner} checks it and plans its stages, and a
 * {@link Run} carries them out, each stage a {@link StageRun} in a sandbox of its own.
 *
 * <pre>{@code
 * try (Engine engine = Engine.start(EngineConfig.defaults(Path.of("data")))) {
 *     RunResult result = engine.run(RunRequest.builder("python").file("main.py", "print(42)").build());
 * }
 * }</pre>
 */
public final class Engine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final EngineConfig config;

    private final Sandbox sandbox;

    private final List<Language> languages;

    private final RunPlanner planner;

    private final BuildCache buildCache;

    private final WarmPool warmPool;

    /**
     * Where matplotlib's font list is kept between starts, one per matplotlib version
     * (see {@link PlotFonts}).
     */
    private static final Path FONT_CACHE = Path.of("/var/cache/sandlot/matplotlib");

    private final Reaper reaper = new Reaper();

    private final ExecutorService runThreads = Executors.newVirtualThreadPerTaskExecutor();

    final LongAdder warmStarts = new LongAdder();

    final LongAdder coldStarts = new LongAdder();

    final LongAdder compiles = new LongAdder();

    final LongAdder cachedBuilds = new LongAdder();

    private final AtomicLong activeRuns = new AtomicLong();

    private final Set<Terminal> terminals = ConcurrentHashMap.newKeySet();

    private Engine(EngineConfig config, Sandbox sandbox, List<Language> languages, BuildCache buildCache) {
        this.config = config;
        this.sandbox = sandbox;
        this.languages = languages;
        this.planner = new RunPlanner(config.limits(), languages, plotBackend(sandbox, languages));
        this.buildCache = buildCache;
        this.warmPool = new WarmPool(sandbox);
    }

    /** Checks the sandbox, detects the installed languages and fills the warm pools. */
    public static Engine start(EngineConfig config) {
        Sandbox sandbox = Sandbox.open(new Sandbox.Config(config.bwrap(), config.runtimeDir(), config.sandboxUid(),
                config.sandboxGid(), config.cgroupParent()));
        if (!sandbox.status().available()) {
            log.error("The sandbox is unavailable, so no code will run: {}",
                    String.join("; ", sandbox.status().problems()));
        }
        List<LanguageDefinition> definitions = LanguageCatalog.load(config.languageFiles());
        List<Language> languages = sandbox.status().available()
                ? new LanguageDetector(sandbox, config.libraries()).detect(definitions) : List.of();
        BuildCache cache;
        try {
            cache = new BuildCache(config.buildCacheDir(), config.buildCacheMaxBytes());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot open the build cache at " + config.buildCacheDir(), e);
        }
        Engine engine = new Engine(config, sandbox, languages, cache);
        engine.startWarmPools();
        log.info("Sandbox: {}, cgroups {}, seccomp {}; languages: {}", sandbox.status().isolation(),
                sandbox.status().cgroups(), sandbox.status().seccomp() ? "on" : "off",
                languages.stream().map(Language::label).toList());
        return engine;
    }

    private static PlotBackend.Mounts plotBackend(Sandbox sandbox, List<Language> languages) {
        if (!sandbox.status().available())
            return null;
        try {
            return PlotBackend.install(sandbox, languages, FONT_CACHE);
        }
        catch (IOException e) {
            log.warn("The matplotlib backend is not installed, so plt.show() returns no plot: {}", e.getMessage());
            return null;
        }
    }

    public SandboxStatus sandboxStatus() {
        return sandbox.status();
    }

    /** The host uids this engine's sandboxes run as, one per live sandbox. */
    public SandboxUids sandboxUids() {
        return sandbox.uids();
    }

    /**
     * The environment every sandbox starts from (PATH, HOME, TMPDIR, LANG, USER,
     * LOGNAME), before a language's own.
     */
    public static Map<String, String> baseEnvironment() {
        return RunPlanner.BASE_ENV;
    }

    /** Installed languages, newest version of each id first. */
    public List<Language> languages() {
        return languages;
    }

    public LimitPolicy limitPolicy() {
        return config.limits();
    }

    public EngineConfig config() {
        return config;
    }

    public EngineStats stats() {
        return new EngineStats(warmStarts.sum(), coldStarts.sum(), compiles.sum(), cachedBuilds.sum(), activeRuns.get(),
                warmPool.readyCounts());
    }

    /**
     * Finds a language by id or alias, and version (exact, or a prefix such as "3" or
     * "3.11"; null for newest).
     */
    public Language language(String idOrAlias, String version) {
        return planner.language(idOrAlias, version);
    }

    /**
     * Runs a program to the end and returns its result. Refused requests throw
     * {@link InvalidFieldException}; a request whose import policy forbids its code
     * throws {@link PolicyViolationException}.
     */
    public RunResult run(RunRequest request) {
        return start(request, OutputListener.NONE, StdinChannel.of(request.stdin())).await();
    }

    /**
     * Starts a run whose output streams to {@code listener} and whose stdin the caller
     * feeds through the handle (the request's own stdin is sent first).
     */
    public RunHandle start(RunRequest request, OutputListener listener) {
        StdinChannel stdin = StdinChannel.interactive(config.limits().maxStdinBytes());
        if (request.stdin().length > 0)
            stdin.write(request.stdin());
        return start(request, listener, stdin);
    }

    private RunHandle start(RunRequest request, OutputListener listener, StdinChannel stdin) {
        if (!sandbox.status().available())
            throw new SandboxUnavailableException(sandbox.status());
        RunPlanner.Plan plan = planner.plan(request);
        String id = UUID.randomUUID().toString();
        Run run = new Run(this, id, plan, stdin, listener);
        activeRuns.incrementAndGet();
        CompletableFuture<RunResult> result = CompletableFuture.supplyAsync(() -> {
            try {
                return run.execute();
            }
            finally {
                activeRuns.decrementAndGet();
            }
        }, runThreads);
        return new RunHandle(id, stdin, run, result);
    }

    /**
     * Opens an interactive shell in a sandbox of its own, with the request's files in its
     * workspace and every installed language on its PATH.
     */
    public Terminal openTerminal(TerminalRequest request, Terminal.Listener listener) throws IOException {
        if (!sandbox.status().available())
            throw new SandboxUnavailableException(sandbox.status());
        PackageRequestSocket packageSocket = request.packageRequests() == null ? null : PackageRequestSocket
            .open(config.runtimeDir().resolve("terminal-sockets"), request.label(), request.packageRequests());
        SandboxProcess process;
        try {
            process = sandbox.start(planner.terminalSpec(request, TerminalFiles.prepare(sandbox),
                    packageSocket == null ? null : packageSocket.bind()));
            try {
                process.send(planner.terminalRequest(request).bytes());
            }
            catch (IOException | RuntimeException e) {
                process.close();
                throw e;
            }
        }
        catch (IOException | RuntimeException e) {
            if (packageSocket != null)
                packageSocket.close();
            throw e;
        }
        Terminal terminal = new Terminal(request.label(), process, listener, closed -> {
            terminals.remove(closed);
            if (packageSocket != null)
                packageSocket.close();
        });
        terminals.add(terminal);
        if (!terminal.alive())
            terminals.remove(terminal);
        return terminal;
    }

    /** Terminals open now. */
    public int openTerminals() {
        return terminals.size();
    }

    /** The sandbox runs start in; an install step starts its own in it too. */
    public Sandbox sandbox() {
        return sandbox;
    }

    RunPlanner planner() {
        return planner;
    }

    BuildCache buildCache() {
        return buildCache;
    }

    WarmPool warmPool() {
        return warmPool;
    }

    Reaper reaper() {
        return reaper;
    }

    /**
     * Waits until no run is active and every sandbox of a finished run has been destroyed
     * (a run's result comes back before its sandbox is torn down).
     */
    public boolean awaitQuiescence(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (activeRuns.get() > 0 && System.nanoTime() < deadline)
            Thread.sleep(5);
        return activeRuns.get() == 0 && reaper.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    private void startWarmPools() {
        Set<String> seen = new HashSet<>();
        for (Language language : languages) {
            // Only the default (newest) version of a language is kept warm.
            if (!seen.add(language.id()) || language.warm() == null)
                continue;
            int size = config.warmPool().getOrDefault(language.id(), 0);
            if (size <= 0)
                continue;
            warmPool.add(language, planner.warmPoolSpec(language), size);
        }
    }

    @Override
    public void close() {
        for (Terminal terminal : List.copyOf(terminals))
            terminal.close();
        warmPool.close();
        runThreads.shutdownNow();
        try {
            if (!reaper.awaitIdle(Duration.ofSeconds(10)))
                log.warn("{} sandboxes were still being torn down", reaper.pending());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sandbox.close();
    }

}
