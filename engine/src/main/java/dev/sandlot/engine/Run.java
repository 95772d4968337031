package dev.sandlot.engine;

import dev.sandlot.engine.sandbox.Bind;
import dev.sandlot.engine.sandbox.HelperRequest;
import dev.sandlot.engine.sandbox.HelperRequest.Resource;
import dev.sandlot.engine.sandbox.SandboxProcess;
import dev.sandlot.engine.sandbox.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: compile when the language needs it (or reuse the cached
 * build), then run, each stage in a sandbox of its own; everything it held is
 * released in {@code finally}.
 */
final class Run {

    private static final Logger log = LoggerFactory.getLogger(Run.class);
    private static final long MAX_STACK_BYTES = 64L * 1024 * 1024;

    /** A request after validation: everything a run needs, in the engine's terms. */
    record Plan(Language language, Limits limits, List<SourceFile> files, String entry, List<String> args) {

        String entrySource() {
            return files.getFirst().text();
        }

        List<String> fileNames() {
            return files.stream().map(SourceFile::name).toList();
        }
    }

    private final Engine engine;
    private final String id;
    private final Plan plan;
    private final StdinChannel stdin;
    private final OutputListener listener;
    private volatile StageRun current;
    private volatile boolean killed;

    Run(Engine engine, String id, Plan plan, StdinChannel stdin, OutputListener listener) {
        this.engine = engine;
        this.id = id;
        this.plan = plan;
        this.stdin = stdin;
        this.listener = listener;
    }

    void kill() {
        killed = true;
        StageRun stage = current;
        if (stage != null) stage.stop(StageRun.Stop.USER);
    }

    RunResult execute() {
        Language language = plan.language();
        long started = System.nanoTime();
        BuildCache.Entry build = null;
        StageResult compile = null;
        try {
            if (language.compiled()) {
                CommandTemplate template = new CommandTemplate(
                                plan.entry(),
                                plan.entrySource(),
                                plan.fileNames(),
                                List.of(),
                                engine.limitPolicy().compileLimitsFor(language))
                        .forCompiler();
                List<String> command = template.expand(language.compileCommand());
                String key = BuildCache.key(language, command, plan.files(), plan.entry());
                build = engine.buildCache().acquire(key);
                if (build != null) {
                    compile = build.compile;
                    engine.cachedBuilds.increment();
                } else {
                    engine.compiles.increment();
                    Compiled compiled = compile(command, template);
                    try {
                        compile = compiled.result();
                        if (compile.status() == Status.OK) {
                            build = storeBuild(key, compiled.artifacts(), compile);
                            if (build == null)
                                compile = StageResult.internalError("the build output could not be stored");
                        }
                    } catch (BuildArchive.UnusableOutputException e) {
                        log.info("run {} {}: compile output refused: {}", id, language.label(), e.getMessage());
                        compile = compile.unusableOutput(e.getMessage());
                    } finally {
                        Files.deleteIfExists(compiled.artifacts());
                    }
                }
                if (compile.status() != Status.OK) {
                    return finish(compileFailureStatus(compile.status()), compile, null, started, false);
                }
            }
            if (killed) {
                return finish(Status.KILLED, compile, null, started, false);
            }
            Bind artifacts = build == null ? null : Bind.readOnly(build.artifacts, "/build");
            StageOutcome outcome = runStage(artifacts);
            return finish(outcome.result().status(), compile, outcome.result(), started, outcome.warm());
        } catch (IOException | RuntimeException e) {
            log.error("run {} {}: failed", id, language.label(), e);
            StageResult failed = StageResult.internalError("the engine could not run the program: " + e.getMessage());
            return finish(
                    Status.INTERNAL_ERROR,
                    compile,
                    compile == null || compile.status() == Status.OK ? failed : null,
                    started,
                    false);
        } finally {
            if (build != null) build.close();
        }
    }

    private BuildCache.Entry storeBuild(String key, Path archive, StageResult compile)
            throws BuildArchive.UnusableOutputException {
        try {
            return engine.buildCache()
                    .store(
                            key,
                            archive,
                            compile,
                            engine.limitPolicy()
                                    .compileLimitsFor(plan.language())
                                    .maxDiskBytes());
        } catch (BuildArchive.UnusableOutputException e) {
            throw e;
        } catch (IOException e) {
            log.warn("run {}: cannot cache the build: {}", id, e.getMessage());
            return null;
        }
    }

    private static Status compileFailureStatus(Status status) {
        return status == Status.KILLED || status == Status.RUNTIME_ERROR ? Status.COMPILE_ERROR : status;
    }

    /** A compile stage's verdict and the file its /build was packed into (which the caller removes). */
    private record Compiled(StageResult result, Path artifacts) {}

    private Compiled compile(List<String> command, CommandTemplate template) throws IOException {
        Limits limits = engine.limitPolicy().compileLimitsFor(plan.language());
        SandboxSpec spec = engine.stageSpec(
                        plan.language(),
                        "compile",
                        template.expand(plan.language().env()),
                        limits,
                        null,
                        null)
                .withBuild(limits.maxDiskBytes());
        SandboxProcess sandbox = engine.sandbox().start(spec);
        try {
            HelperRequest request = files(HelperRequest.cold(), limits).packBuild();
            command.forEach(request::word);
            StageResult result =
                    execute("compile", sandbox, request.go(), limits, true, StdinChannel.empty(), OutputListener.NONE);
            return new Compiled(result, sandbox.artifacts());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(sandbox.artifacts());
            throw e;
        }
    }

    private record StageOutcome(StageResult result, boolean warm) {}

    private StageOutcome runStage(Bind artifacts) throws IOException {
        Language language = plan.language();
        Limits limits = plan.limits();
        CommandTemplate template = template(plan.args(), limits);
        SandboxSpec spec = engine.stageSpec(language, "run", template.expand(language.env()), limits, artifacts, null);
        SandboxProcess sandbox = null;
        HelperRequest request;
        if (language.warm() != null && plan.entry().equals(language.fileName()) && artifacts == null) {
            List<String> warmCommand = template(List.of(), limits).expand(language.runCommand());
            SandboxSpec wanted = engine.stageSpec(language, "run", spec.env(), limits, null, warmCommand);
            sandbox = engine.warmPool().take(language, wanted);
        }
        boolean warm = sandbox != null;
        (warm ? engine.warmStarts : engine.coldStarts).increment();
        if (warm) {
            if (limits.memoryBytes() != sandbox.spec().memoryBytes())
                sandbox.cgroup().setMemoryLimit(limits.memoryBytes());
            if (limits.maxProcesses() != sandbox.spec().maxProcesses())
                sandbox.cgroup().setProcessLimit(limits.maxProcesses() + 2);
            request = files(HelperRequest.warm(), limits);
            plan.args().forEach(request::word);
        } else {
            sandbox = engine.sandbox().start(spec);
            request = files(HelperRequest.cold(), limits);
            template.expand(language.runCommand()).forEach(request::word);
        }
        return new StageOutcome(execute("run", sandbox, request.go(), limits, false, stdin, listener), warm);
    }

    private StageResult execute(
            String stage,
            SandboxProcess sandbox,
            HelperRequest request,
            Limits limits,
            boolean compileStage,
            StdinChannel input,
            OutputListener output)
            throws IOException {
        // A compile stage's output directory is used next, so its sandbox must be gone first.
        StageRun stageRun = new StageRun(
                id,
                stage,
                sandbox,
                limits,
                compileStage,
                output,
                compileStage ? null : engine.reaper(),
                compileStage ? null : plan.language().memoryError());
        current = stageRun;
        if (killed) stageRun.stop(StageRun.Stop.USER);
        try {
            stageRun.begin(request.bytes());
        } catch (IOException e) {
            // The init died before reading its request; await() reports why.
            log.debug("run {} {}: request not delivered: {}", id, stage, e.getMessage());
        }
        input.attach(stageRun, id);
        if (!compileStage) output.started();
        return stageRun.await();
    }

    private HelperRequest files(HelperRequest request, Limits limits) {
        for (SourceFile file : plan.files()) {
            request.file(file.name(), 0644, file.content());
        }
        long cpuSeconds = (limits.cpuTimeMs() + 999) / 1000 + 1;
        long stack = Math.min(MAX_STACK_BYTES, limits.memoryBytes());
        return request.rlimit(Resource.CORE, 0, 0)
                .rlimit(Resource.NOFILE, limits.maxOpenFiles(), limits.maxOpenFiles())
                .rlimit(Resource.FSIZE, limits.maxDiskBytes(), limits.maxDiskBytes())
                .rlimit(Resource.STACK, stack, stack)
                .rlimit(Resource.CPU, cpuSeconds, cpuSeconds + 1);
    }

    private CommandTemplate template(List<String> args, Limits limits) {
        return new CommandTemplate(plan.entry(), plan.entrySource(), plan.fileNames(), args, limits);
    }

    private RunResult finish(Status status, StageResult compile, StageResult run, long startedNanos, boolean warm) {
        Language language = plan.language();
        StageResult last = run != null ? run : compile;
        log.info(
                "run {} {}: {} in {} ms (program {} ms, cpu {} ms, {} KiB){}{}",
                id,
                language.label(),
                status,
                (System.nanoTime() - startedNanos) / 1_000_000,
                last == null ? 0 : last.wallTimeMs(),
                last == null ? 0 : last.cpuTimeMs(),
                last == null ? 0 : last.memoryBytes() / 1024,
                warm ? ", pre-started sandbox" : "",
                compile != null && compile.cached() ? ", cached build" : "");
        return new RunResult(id, language.id(), language.version(), status, compile, run);
    }
}
