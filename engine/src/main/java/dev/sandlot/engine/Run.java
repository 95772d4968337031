package dev.sandlot.engine;

import dev.sandlot.engine.sandbox.Bind;
import dev.sandlot.engine.sandbox.HelperRequest;
import dev.sandlot.engine.sandbox.SandboxProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run, carrying out a {@link RunPlanner.Plan}: compile when the language needs it (or
 * reuse the cached build), then run, each stage a {@link StageRun} in a sandbox of its
 * own, as the {@link RunPlanner} describes it; everything it held is released in
 * {@code finally}.
 */
final class Run {

    private static final Logger log = LoggerFactory.getLogger(Run.class);

    private final Engine engine;

    private final RunPlanner planner;

    private final String id;

    private final RunPlanner.Plan plan;

    private final StdinChannel stdin;

    private final OutputListener listener;

    private volatile StageRun current;

    private volatile boolean killed;

    private OutputArchive.Returned returned = OutputArchive.Returned.NONE;

    Run(Engine engine, String id, RunPlanner.Plan plan, StdinChannel stdin, OutputListener listener) {
        this.engine = engine;
        this.planner = engine.planner();
        this.id = id;
        this.plan = plan;
        this.stdin = stdin;
        this.listener = listener;
    }

    void kill() {
        killed = true;
        StageRun stage = current;
        if (stage != null)
            stage.stop(StageRun.Stop.USER);
    }

    RunResult execute() {
        Language language = plan.language();
        long started = System.nanoTime();
        BuildCache.Entry build = null;
        StageResult compile = null;
        try {
            if (language.compiled()) {
                RunPlanner.CompileStage stage = planner.compileStage(plan);
                build = engine.buildCache().acquire(stage.cacheKey());
                if (build != null) {
                    compile = build.compile;
                    engine.cachedBuilds.increment();
                }
                else {
                    engine.compiles.increment();
                    Compiled compiled = compile(stage);
                    try {
                        compile = compiled.result();
                        if (compile.status() == Status.OK) {
                            build = storeBuild(stage, compiled.artifacts(), compile);
                            if (build == null)
                                compile = StageResult.internalError("the build output could not be stored");
                        }
                    }
                    catch (BuildArchive.UnusableOutputException e) {
                        log.info("run {} {}: compile output refused: {}", id, language.label(), e.getMessage());
                        compile = compile.unusableOutput(e.getMessage());
                    }
                    finally {
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
        }
        catch (IOException | RuntimeException e) {
            log.error("run {} {}: failed", id, language.label(), e);
            StageResult failed = StageResult.internalError("the engine could not run the program: " + e.getMessage());
            return finish(Status.INTERNAL_ERROR, compile,
                    compile == null || compile.status() == Status.OK ? failed : null, started, false);
        }
        finally {
            if (build != null)
                build.close();
        }
    }

    private BuildCache.Entry storeBuild(RunPlanner.CompileStage stage, Path archive, StageResult compile)
            throws BuildArchive.UnusableOutputException {
        try {
            return engine.buildCache().store(stage.cacheKey(), archive, compile, stage.limits().maxDiskBytes());
        }
        catch (BuildArchive.UnusableOutputException e) {
            throw e;
        }
        catch (IOException e) {
            log.warn("run {}: cannot cache the build: {}", id, e.getMessage());
            return null;
        }
    }

    private static Status compileFailureStatus(Status status) {
        return status == Status.KILLED || status == Status.RUNTIME_ERROR ? Status.COMPILE_ERROR : status;
    }

    /**
     * A compile stage's verdict and the file its /build was packed into (which the caller
     * removes).
     */
    private record Compiled(StageResult result, Path artifacts) {
    }

    private Compiled compile(RunPlanner.CompileStage stage) throws IOException {
        SandboxProcess sandbox = engine.sandbox().start(stage.spec());
        try {
            HelperRequest request = planner.sources(HelperRequest.cold(), plan, stage.limits()).packBuild();
            stage.command().forEach(request::word);
            StageResult result = execute(stageRun("compile", sandbox, stage.limits(), true, OutputListener.NONE),
                    request.go(), StdinChannel.empty(), OutputListener.NONE, true);
            return new Compiled(result, sandbox.artifacts());
        }
        catch (IOException | RuntimeException e) {
            Files.deleteIfExists(sandbox.artifacts());
            throw e;
        }
    }

    private record StageOutcome(StageResult result, boolean warm) {
    }

    private StageOutcome runStage(Bind artifacts) throws IOException {
        RunPlanner.RunStage stage = planner.runStage(plan, artifacts);
        Limits limits = stage.limits();
        SandboxProcess sandbox = null;
        HelperRequest request;
        if (stage.warmSpec() != null) {
            sandbox = engine.warmPool().take(plan.language(), stage.warmSpec());
        }
        boolean warm = sandbox != null;
        (warm ? engine.warmStarts : engine.coldStarts).increment();
        if (warm) {
            if (limits.memoryBytes() != sandbox.spec().memoryBytes())
                sandbox.cgroup().setMemoryLimit(limits.memoryBytes());
            if (limits.maxProcesses() != sandbox.spec().maxProcesses())
                sandbox.cgroup().setProcessLimit(limits.maxProcesses() + 2);
            request = planner.returnFiles(planner.sources(HelperRequest.warm(), plan, limits), plan);
            plan.args().forEach(request::word);
        }
        else {
            sandbox = engine.sandbox().start(stage.spec());
            request = planner.returnFiles(planner.sources(HelperRequest.cold(), plan, limits), plan);
            stage.command().forEach(request::word);
        }
        StageRun stageRun = stageRun("run", sandbox, limits, false, listener);
        StageResult result = execute(stageRun, request.go(), stdin, listener, false);
        returned = stageRun.returned();
        return new StageOutcome(result, warm);
    }

    private StageRun stageRun(String stage, SandboxProcess sandbox, Limits limits, boolean compileStage,
            OutputListener output) {
        // A compile stage's output directory is used next, so its sandbox must be gone
        // first.
        return new StageRun(id, stage, sandbox, limits, compileStage, output, compileStage ? null : engine.reaper(),
                compileStage ? null : plan.language().memoryError(),
                compileStage ? null : planner.policy().outputCaps());
    }

    private StageResult execute(StageRun stageRun, HelperRequest request, StdinChannel input, OutputListener output,
            boolean compileStage) throws IOException {
        String stage = compileStage ? "compile" : "run";
        current = stageRun;
        if (killed)
            stageRun.stop(StageRun.Stop.USER);
        try {
            stageRun.begin(request.bytes());
        }
        catch (IOException e) {
            // The init died before reading its request; await() reports why.
            log.debug("run {} {}: request not delivered: {}", id, stage, e.getMessage());
        }
        input.attach(stageRun, id);
        if (!compileStage)
            output.started();
        return stageRun.await();
    }

    private RunResult finish(Status status, StageResult compile, StageResult run, long startedNanos, boolean warm) {
        Language language = plan.language();
        StageResult last = run != null ? run : compile;
        log.info("run {} {}: {} in {} ms (program {} ms, cpu {} ms, {} KiB){}{}", id, language.label(), status,
                (System.nanoTime() - startedNanos) / 1_000_000, last == null ? 0 : last.wallTimeMs(),
                last == null ? 0 : last.cpuTimeMs(), last == null ? 0 : last.memoryBytes() / 1024,
                warm ? ", pre-started sandbox" : "", compile != null && compile.cached() ? ", cached build" : "");
        if (!returned.files().isEmpty() || returned.truncated()) {
            log.info("run {}: returned {} files ({} bytes){}", id, returned.files().size(),
                    returned.files().stream().mapToLong(OutputFile::size).sum(),
                    returned.truncated() ? ", some left out" : "");
        }
        return new RunResult(id, language.id(), language.version(), status, compile, run, returned.files(),
                returned.truncated());
    }

}
