package dev.sandlot.engine;

import dev.sandlot.engine.policy.PolicyViolationException;
import dev.sandlot.engine.sandbox.Bind;
import dev.sandlot.engine.sandbox.HelperRequest;
import dev.sandlot.engine.sandbox.Sandbox;
import dev.sandlot.engine.sandbox.SandboxProcess;
import dev.sandlot.engine.sandbox.SandboxSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution engine: runs untrusted programs in many languages, each in a
 * fresh sandbox, with every limit enforced by the kernel. Start one per
 * process with {@link #start(EngineConfig)}; it is thread-safe.
 *
 * <pre>{@code
 * try (Engine engine = Engine.start(EngineConfig.defaults(Path.of("data")))) {
 *     RunResult result = engine.run(RunRequest.builder("python").file("main.py", "print(42)").build());
 * }
 * }</pre>
 */
public final class Engine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    private static final Map<String, String> BASE_ENV = Map.of(
            "PATH", "/usr/local/bin:/usr/bin:/bin",
            "HOME", "/tmp",
            "TMPDIR", "/tmp",
            "LANG", "C.UTF-8",
            "USER", "sandbox",
            "LOGNAME", "sandbox");

    private final EngineConfig config;
    private final Sandbox sandbox;
    private final List<Language> languages;
    private final BuildCache buildCache;
    private final WarmPool warmPool;
    private final Reaper reaper = new Reaper();
    private final ExecutorService runThreads = Executors.newVirtualThreadPerTaskExecutor();
    final java.util.concurrent.atomic.LongAdder warmStarts = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder coldStarts = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder compiles = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder cachedBuilds = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.AtomicLong activeRuns = new java.util.concurrent.atomic.AtomicLong();
    private final Set<Terminal> terminals = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final List<String> SHELL =
            List.of("/bin/bash", "--noprofile", "--rcfile", "/opt/sandlot/bashrc", "-i");

    private Engine(EngineConfig config, Sandbox sandbox, List<Language> languages, BuildCache buildCache) {
        this.config = config;
        this.sandbox = sandbox;
        this.languages = languages;
        this.buildCache = buildCache;
        this.warmPool = new WarmPool(sandbox);
    }

    /** Checks the sandbox, detects the installed languages and fills the warm pools. */
    public static Engine start(EngineConfig config) {
        Sandbox sandbox = Sandbox.open(new Sandbox.Config(
                config.bwrap(), config.runtimeDir(), config.sandboxUid(), config.sandboxGid(), config.cgroupParent()));
        if (!sandbox.status().available()) {
            log.error(
                    "The sandbox is unavailable, so no code will run: {}",
                    String.join("; ", sandbox.status().problems()));
        }
        List<LanguageDefinition> definitions = LanguageCatalog.load(config.languageFiles());
        List<Language> languages = sandbox.status().available() ? detect(sandbox, definitions) : List.of();
        BuildCache cache;
        try {
            cache = new BuildCache(config.buildCacheDir(), config.buildCacheMaxBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the build cache at " + config.buildCacheDir(), e);
        }
        Engine engine = new Engine(config, sandbox, languages, cache);
        engine.startWarmPools();
        log.info(
                "Sandbox: {}, cgroups {}, seccomp {}; languages: {}",
                sandbox.status().isolation(),
                sandbox.status().cgroups(),
                sandbox.status().seccomp() ? "on" : "off",
                languages.stream().map(Language::label).toList());
        return engine;
    }

    public SandboxStatus sandboxStatus() {
        return sandbox.status();
    }

    /** The host uids this engine's sandboxes run as, one per live sandbox. */
    public dev.sandlot.engine.sandbox.SandboxUids sandboxUids() {
        return sandbox.uids();
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
        return new EngineStats(
                warmStarts.sum(),
                coldStarts.sum(),
                compiles.sum(),
                cachedBuilds.sum(),
                activeRuns.get(),
                warmPool.readyCounts());
    }

    /** Finds a language by id or alias, and version (exact, or a prefix such as "3" or "3.11"; null for newest). */
    public Language language(String idOrAlias, String version) {
        if (idOrAlias == null || idOrAlias.isBlank()) throw new InvalidFieldException("language", "is required");
        List<Language> matches =
                languages.stream().filter(l -> l.answersTo(idOrAlias.strip())).toList();
        if (matches.isEmpty()) {
            List<String> ids = languages.stream().map(Language::id).distinct().toList();
            throw new UnknownLanguageException(
                    "language", "'" + idOrAlias + "' is not installed here; available: " + String.join(", ", ids), ids);
        }
        if (version == null || version.isBlank() || version.equals("*")) return matches.getFirst();
        String wanted = version.strip();
        for (Language l : matches) {
            if (l.version().equals(wanted) || l.version().startsWith(wanted + ".")) return l;
        }
        List<String> versions = matches.stream().map(Language::version).toList();
        throw new UnknownLanguageException(
                "version",
                "'" + wanted + "' of " + matches.getFirst().id() + " is not installed; available: "
                        + String.join(", ", versions),
                versions);
    }

    /**
     * Runs a program to the end and returns its result. Refused requests throw
     * {@link InvalidFieldException}; a request whose import policy forbids its
     * code throws {@link PolicyViolationException}.
     */
    public RunResult run(RunRequest request) {
        return start(request, OutputListener.NONE, StdinChannel.of(request.stdin()))
                .await();
    }

    /**
     * Starts a run whose output streams to {@code listener} and whose stdin the
     * caller feeds through the handle (the request's own stdin is sent first).
     */
    public RunHandle start(RunRequest request, OutputListener listener) {
        StdinChannel stdin = StdinChannel.interactive(config.limits().maxStdinBytes());
        if (request.stdin().length > 0) stdin.write(request.stdin());
        return start(request, listener, stdin);
    }

    private RunHandle start(RunRequest request, OutputListener listener, StdinChannel stdin) {
        if (!sandbox.status().available()) throw new SandboxUnavailableException(sandbox.status());
        Run.Plan plan = plan(request);
        String id = UUID.randomUUID().toString();
        Run run = new Run(this, id, plan, stdin, listener);
        activeRuns.incrementAndGet();
        CompletableFuture<RunResult> result = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return run.execute();
                    } finally {
                        activeRuns.decrementAndGet();
                    }
                },
                runThreads);
        return new RunHandle(id, stdin, run, result);
    }

    /**
     * Opens an interactive shell in a sandbox of its own, with the request's
     * files in its workspace and every installed language on its PATH.
     */
    public Terminal openTerminal(TerminalRequest request, Terminal.Listener listener) throws IOException {
        if (!sandbox.status().available()) throw new SandboxUnavailableException(sandbox.status());
        SandboxProcess process = sandbox.start(terminalSpec(request));
        try {
            HelperRequest init = HelperRequest.cold();
            request.files().forEach((path, content) -> init.file(path, 0644, content));
            init.rlimit(HelperRequest.Resource.NOFILE, 1024, 1024)
                    .rlimit(HelperRequest.Resource.STACK, 8L << 20, 8L << 20)
                    .terminal(request.cols(), request.rows());
            SHELL.forEach(init::word);
            process.send(init.go().bytes());
        } catch (IOException | RuntimeException e) {
            process.close();
            throw e;
        }
        Terminal terminal = new Terminal(request.label(), process, listener, terminals::remove);
        terminals.add(terminal);
        if (!terminal.alive()) terminals.remove(terminal);
        return terminal;
    }

    /** Terminals open now. */
    public int openTerminals() {
        return terminals.size();
    }

    private SandboxSpec terminalSpec(TerminalRequest request) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(BASE_ENV);
        Map<String, Bind> binds = new LinkedHashMap<>();
        List<String> path = new ArrayList<>(List.of("/opt/sandlot/bin"));
        for (Language language : languages) {
            for (Bind bind : language.binds()) binds.putIfAbsent(bind.target(), bind);
            String home = language.home();
            if (home != null && !home.startsWith("/usr") && Files.isDirectory(Path.of(home, "bin"))) {
                String bin = home + "/bin";
                if (!path.contains(bin)) path.add(bin);
            }
        }
        path.add(BASE_ENV.get("PATH"));
        env.put("PATH", String.join(":", path));
        env.put("TERM", "xterm-256color");
        env.put("COLORTERM", "truecolor");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("GOPATH", "/tmp/go");
        env.put("GOCACHE", "/tmp/go-cache");
        Path shellFiles = TerminalFiles.prepare(sandbox);
        binds.put("/opt/sandlot", Bind.readOnly(shellFiles, "/opt/sandlot"));
        return new SandboxSpec(
                request.label(),
                env,
                List.copyOf(binds.values()),
                request.diskBytes(),
                request.memoryBytes(),
                request.maxProcesses(),
                null,
                request.cpuCores());
    }

    Run.Plan plan(RunRequest request) {
        Language language = language(request.language(), request.version());
        LimitPolicy policy = config.limits();
        List<SourceFile> files = request.files();
        if (files.isEmpty()) throw new InvalidFieldException("files", "must contain at least one file");
        if (files.size() > policy.maxFiles()) {
            throw new InvalidFieldException(
                    "files", "must contain at most " + policy.maxFiles() + " files; got " + files.size());
        }
        long total = 0;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            SourceFile file = files.get(i);
            SourcePaths.validate("files[" + i + "].name", file.name());
            if (!names.add(file.name()))
                throw new InvalidFieldException("files[" + i + "].name", "repeats '" + file.name() + "'");
            total += file.content().length;
        }
        if (total > policy.maxSourceBytes()) {
            throw new InvalidFieldException(
                    "files",
                    "must total at most " + policy.maxSourceBytes() + " bytes; got " + total,
                    policy.maxSourceBytes());
        }
        String entry = request.entryName();
        if (!names.contains(entry)) throw new InvalidFieldException("entry", "'" + entry + "' is not one of the files");
        if (request.args().size() > policy.maxArgs()) {
            throw new InvalidFieldException("args", "must have at most " + policy.maxArgs() + " arguments");
        }
        for (int i = 0; i < request.args().size(); i++) {
            String arg = request.args().get(i);
            if (arg == null || arg.indexOf('\0') >= 0)
                throw new InvalidFieldException("args[" + i + "]", "must not contain NUL");
            if (arg.length() > 4096)
                throw new InvalidFieldException("args[" + i + "]", "must be at most 4096 characters");
        }
        if (request.stdin().length > policy.maxStdinBytes()) {
            throw new InvalidFieldException(
                    "stdin", "must be at most " + policy.maxStdinBytes() + " bytes", policy.maxStdinBytes());
        }
        Limits limits = policy.resolve(request.limits(), language);
        if (request.importPolicy() != null && language.id().equals("python")) {
            for (SourceFile file : files) {
                if (!file.name().endsWith(".py")) continue;
                request.importPolicy().firstViolation(file.text()).ifPresent(name -> {
                    throw new PolicyViolationException(name);
                });
            }
        }
        List<SourceFile> ordered = new ArrayList<>();
        files.stream().filter(f -> f.name().equals(entry)).forEach(ordered::add);
        files.stream().filter(f -> !f.name().equals(entry)).forEach(ordered::add);
        return new Run.Plan(language, limits, List.copyOf(ordered), entry, request.args());
    }

    Sandbox sandbox() {
        return sandbox;
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
     * Waits until no run is active and every sandbox of a finished run has been
     * destroyed (a run's result comes back before its sandbox is torn down).
     */
    public boolean awaitQuiescence(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (activeRuns.get() > 0 && System.nanoTime() < deadline) Thread.sleep(5);
        return activeRuns.get() == 0
                && reaper.awaitIdle(java.time.Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /** The sandbox of one stage of a language: the same for a warm and a cold start. */
    SandboxSpec stageSpec(
            Language language,
            String stage,
            Map<String, String> languageEnv,
            Limits limits,
            Bind extra,
            List<String> warmCommand) {
        Map<String, String> env = new LinkedHashMap<>(BASE_ENV);
        env.putAll(languageEnv);
        List<Bind> binds = new ArrayList<>(language.binds());
        if (extra != null) binds.add(extra);
        return new SandboxSpec(
                language.id() + " " + stage,
                env,
                binds,
                limits.maxDiskBytes(),
                limits.memoryBytes(),
                limits.maxProcesses(),
                warmCommand);
    }

    private void startWarmPools() {
        Set<String> seen = new HashSet<>();
        for (Language language : languages) {
            // Only the default (newest) version of a language is kept warm.
            if (!seen.add(language.id()) || language.warm() == null) continue;
            int size = config.warmPool().getOrDefault(language.id(), 0);
            if (size <= 0) continue;
            Limits defaults = config.limits().defaultsFor(language);
            CommandTemplate template =
                    new CommandTemplate(language.fileName(), "", List.of(language.fileName()), List.of(), defaults);
            warmPool.add(
                    language,
                    stageSpec(
                            language,
                            "run",
                            template.expand(language.env()),
                            defaults,
                            null,
                            template.expand(language.runCommand())),
                    size);
        }
    }

    private static List<Language> detect(Sandbox sandbox, List<LanguageDefinition> definitions) {
        Semaphore parallel = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));
        List<Future<Language>> probes = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (LanguageDefinition definition : definitions) {
                for (LanguageCatalog.Candidate candidate : LanguageCatalog.candidates(definition)) {
                    probes.add(threads.submit(() -> {
                        parallel.acquire();
                        try {
                            return probe(sandbox, candidate);
                        } finally {
                            parallel.release();
                        }
                    }));
                }
            }
            List<Language> found = new ArrayList<>();
            for (Future<Language> probe : probes) {
                try {
                    Language language = probe.get();
                    if (language != null
                            && found.stream()
                                    .noneMatch(l -> l.id().equals(language.id())
                                            && l.version().equals(language.version()))) {
                        found.add(language);
                    }
                } catch (Exception e) {
                    log.warn("language detection failed: {}", e.toString());
                }
            }
            List<String> order =
                    definitions.stream().map(LanguageDefinition::id).toList();
            found.sort(Comparator.<Language>comparingInt(l -> order.indexOf(l.id()))
                    .thenComparing(Language::version, Engine::compareVersionsDescending));
            return List.copyOf(found);
        }
    }

    /** Asks the runtime for its version, inside the sandbox: a runtime that cannot run there is not installed. */
    private static Language probe(Sandbox sandbox, LanguageCatalog.Candidate candidate) throws IOException {
        Language language = candidate.language();
        Map<String, String> env = new LinkedHashMap<>(BASE_ENV);
        Limits limits = LimitPolicy.standard().compileLimits();
        env.putAll(new CommandTemplate(language.fileName(), "", List.of(), List.of(), limits).expand(language.env()));
        SandboxSpec spec = new SandboxSpec(
                language.id() + " version probe", env, language.binds(), 16L << 20, 1L << 30, 128, null);
        String output;
        try (SandboxProcess process = sandbox.start(spec)) {
            HelperRequest request = HelperRequest.cold();
            candidate.probe().forEach(request::word);
            process.send(request.go().bytes());
            process.closeStdin();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.stderr()));
            byte[] out = readAll(process.stdout());
            if (!process.waitFor(30_000)) {
                log.warn("{} at {}: version probe did not finish", language.id(), language.home());
                return null;
            }
            output = new String(out, StandardCharsets.UTF_8) + new String(err.join(), StandardCharsets.UTF_8);
            SandboxProcess.Exit exit = process.exit();
            if (exit == null || exit.code() == null || exit.code() != 0) {
                log.info(
                        "{} at {} does not run in the sandbox ({}): {}",
                        language.id(),
                        language.home(),
                        exit,
                        output.strip());
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        Matcher m = Pattern.compile(candidate.pattern()).matcher(output);
        if (!m.find()) {
            log.info("{} at {}: no version in {}", language.id(), language.home(), output.strip());
            return null;
        }
        String version = m.group(1).replaceAll("\\.$", "");
        Language detected = language.withVersion(version, List.of());
        if ("python".equals(language.warm())) {
            Bind hook = PythonHook.bind(sandbox, language, version);
            if (hook == null) {
                log.info("{}: no sitecustomize hook point, so no pre-started interpreters", detected.label());
                return PythonHook.withoutWarm(detected);
            }
            return language.withVersion(version, List.of(hook));
        }
        return detected;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static int compareVersionsDescending(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? parseOrZero(x[i]) : 0;
            int yi = i < y.length ? parseOrZero(y[i]) : 0;
            if (xi != yi) return Integer.compare(yi, xi);
        }
        return 0;
    }

    private static int parseOrZero(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        for (Terminal terminal : List.copyOf(terminals)) terminal.close();
        warmPool.close();
        runThreads.shutdownNow();
        try {
            if (!reaper.awaitIdle(java.time.Duration.ofSeconds(10)))
                log.warn("{} sandboxes were still being torn down", reaper.pending());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sandbox.close();
    }

    /** Where the Python warm hook (sitecustomize) is mounted for one interpreter version. */
    static final class PythonHook {
        static final String RESOURCE = "/dev/sandlot/engine/python/sitecustomize.py";

        private PythonHook() {}

        static Bind bind(Sandbox sandbox, Language language, String version) throws IOException {
            String[] parts = version.split("\\.");
            if (parts.length < 2) return null;
            String majorMinor = parts[0] + "." + parts[1];
            Path lib = Path.of(language.home(), "lib", "python" + majorMinor, "sitecustomize.py");
            String target;
            if (Files.isSymbolicLink(lib)) {
                Path resolved =
                        lib.getParent().resolve(Files.readSymbolicLink(lib)).normalize();
                // Outside /usr bwrap creates the mount point; inside read-only /usr it must exist.
                if (!resolved.startsWith("/usr") || Files.exists(resolved)) {
                    target = resolved.toString();
                } else {
                    return null;
                }
            } else if (Files.isRegularFile(lib)) {
                target = lib.toString();
            } else {
                return null;
            }
            Path hook = sandbox.runtimeFile("python-sitecustomize.py");
            synchronized (PythonHook.class) {
                if (!Files.exists(hook)) {
                    try (InputStream in = Engine.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) throw new IOException("missing " + RESOURCE);
                        Files.write(hook, in.readAllBytes());
                    }
                    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
            return Bind.readOnly(hook, target);
        }

        static Language withoutWarm(Language l) {
            return new Language(
                    l.id(),
                    l.name(),
                    l.version(),
                    l.aliases(),
                    l.fileName(),
                    l.fileNameFromSource(),
                    l.compileCommand(),
                    l.runCommand(),
                    l.env(),
                    l.binds(),
                    l.limits(),
                    l.compileLimits(),
                    null,
                    l.memoryError(),
                    l.home(),
                    l.packages());
        }
    }
}
