package dev.sandlot.server.execute;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.Limits;
import dev.sandlot.engine.OutputListener;
import dev.sandlot.engine.RunHandle;
import dev.sandlot.engine.RunRequest;
import dev.sandlot.engine.RunResult;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.history.HistoryService;
import dev.sandlot.server.history.RunContext;
import dev.sandlot.server.history.TypedInput;
import dev.sandlot.server.project.ProjectPackages;
import dev.sandlot.server.web.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Every run of every API goes through here: the client's rate limit, a slot at the gate,
 * the engine, then metrics and a log line naming the run.
 */
@Service
public class RunService {

    private static final Logger log = LoggerFactory.getLogger(RunService.class);

    private final Engine engine;

    private final RunGate gate;

    private final RateLimiter rateLimiter;

    private final MeterRegistry metrics;

    private final HistoryService history;

    private final ProjectPackages packages;

    RunService(Engine engine, RunGate gate, RateLimiter rateLimiter, MeterRegistry metrics, HistoryService history,
            ProjectPackages packages) {
        this.history = history;
        this.packages = packages;
        this.engine = engine;
        this.gate = gate;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        Gauge.builder("sandlot.runs.active", gate, RunGate::running).description("Runs in progress").register(metrics);
        Gauge.builder("sandlot.runs.queued", gate, RunGate::queued)
            .description("Runs waiting for a slot")
            .register(metrics);
        Gauge.builder("sandlot.runs.capacity", gate, RunGate::capacity)
            .description("Runs allowed at once")
            .register(metrics);
        for (var language : engine.stats().warmReady().keySet()) {
            Gauge.builder("sandlot.pool.ready", engine, e -> e.stats().warmReady().getOrDefault(language, 0))
                .tag("language", language)
                .description("Pre-started sandboxes waiting")
                .register(metrics);
        }
    }

    public Engine engine() {
        return engine;
    }

    /**
     * Runs to completion on behalf of {@code caller}, recording it in their history
     * unless the context says not to.
     */
    public RunResult run(Caller caller, RunRequest request, RunContext context) {
        charge(caller);
        return runCharged(caller, request, context);
    }

    /**
     * Counts one request against the caller's rate limit (429 when over), e.g. a test run
     * that then runs every case.
     */
    public void charge(Caller caller) {
        rateLimiter.acquire(caller.rateLimitKey(), caller.signedIn());
    }

    /**
     * Runs one program of a request already {@link #charge charged}: the run gate and the
     * history apply as usual.
     */
    @SuppressWarnings("try") // the permit is held for the block and given back when it
                             // ends
    public RunResult runCharged(Caller caller, RunRequest request, RunContext context) {
        request = withPackages(withinAnonymousWallTime(caller, request), context);
        try (RunGate.Permit permit = gate.enter(caller)) {
            long started = System.nanoTime();
            RunResult result = engine.run(request);
            record(caller, context, request, null, result, started);
            return result;
        }
    }

    /**
     * A started run, and its result once it is also recorded (history, metrics) and its
     * slot freed. Its stdin goes through here, so that the history keeps what was typed.
     */
    public record Started(RunHandle handle, CompletableFuture<RunResult> finished, TypedInput typed) {

        /**
         * Sends text to the program's stdin.
         * @throws IllegalStateException when stdin was closed or would pass its size cap
         */
        public void writeStdin(String text) {
            typed.stdin(text, () -> handle.writeStdin(text));
        }

        /** End of input. */
        public void closeStdin() {
            typed.eof(handle::closeStdin);
        }

    }

    /** Starts an interactive run; its slot is held until it ends. */
    public Started start(Caller caller, RunRequest asked, RunContext context, OutputListener listener) {
        RunRequest request = withPackages(withinAnonymousWallTime(caller, asked), context);
        rateLimiter.acquire(caller.rateLimitKey(), caller.signedIn());
        RunGate.Permit permit = gate.enter(caller);
        try {
            long started = System.nanoTime();
            TypedInput typed = new TypedInput(history.inputCap());
            RunHandle handle = engine.start(request, listener);
            var finished = handle.result().whenComplete((result, failure) -> {
                permit.close();
                if (result != null)
                    record(caller, context, request, typed.snapshot(), result, started);
            });
            return new Started(handle, finished, typed);
        }
        catch (RuntimeException e) {
            permit.close();
            throw e;
        }
    }

    /**
     * Refuses (400, limits.wallTimeMs, with the maximum) an anonymous run that asks for
     * more wall time than anonymous runs get, within the server's maximum (the engine
     * refuses more than that itself). The native APIs call this, where the client chose
     * the limit; every run is lowered to the maximum anyway.
     */
    public void refuseLongAnonymousRun(Caller caller, RunRequest request) {
        if (caller.signedIn())
            return;
        long max = gate.anonymousMaxWallTimeMs();
        Long asked = request.limits().wallTimeMs();
        if (asked != null && asked > max && asked <= engine.limitPolicy().runMaximums().wallTimeMs()) {
            throw new InvalidFieldException("limits.wallTimeMs", "must be at most " + max
                    + " ms for a run without an account" + " (got " + asked + "); sign in for longer runs", max);
        }
    }

    /**
     * Anonymous runs get a lower maximum wall time: a longer request or server default is
     * lowered to it.
     */
    private RunRequest withinAnonymousWallTime(Caller caller, RunRequest request) {
        if (caller.signedIn())
            return request;
        long max = gate.anonymousMaxWallTimeMs();
        Long asked = request.limits().wallTimeMs();
        if (asked != null && asked > engine.limitPolicy().runMaximums().wallTimeMs())
            return request; // the engine refuses it
        long fallback = engine.limitPolicy().runDefaults().wallTimeMs();
        if (asked != null ? asked > max : fallback > max) {
            return new RunRequest(request.language(), request.version(), request.files(), request.entry(),
                    request.stdin(), request.args(), request.limits().withWallTimeMs(max), request.importPolicy(),
                    request.packages(), request.outputFiles());
        }
        return request;
    }

    /**
     * A run of a project (a project run, a test case of an attempt) gets the project's
     * packages at /packages.d; any other run none.
     */
    private RunRequest withPackages(RunRequest request, RunContext context) {
        if (context.projectId() == null || request.packages() != null)
            return request;
        return packages.environment(context.projectId())
            .map(dir -> new RunRequest(request.language(), request.version(), request.files(), request.entry(),
                    request.stdin(), request.args(), request.limits(), request.importPolicy(), dir,
                    request.outputFiles()))
            .orElse(request);
    }

    /**
     * The limits the run ran under: the engine resolves them the same way from the same
     * request (the request's, else the language's defaults).
     */
    private Limits appliedLimits(RunResult result, RunRequest request) {
        try {
            return engine.limitPolicy().resolve(request.limits(), engine.language(result.language(), result.version()));
        }
        catch (RuntimeException e) {
            log.warn("cannot resolve the limits of run {}: {}", result.id(), e.toString());
            return null;
        }
    }

    private void record(Caller caller, RunContext context, RunRequest request, TypedInput.Snapshot typed,
            RunResult result, long startedNanos) {
        history.record(caller, context, request, appliedLimits(result, request), typed, result);
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        Counter.builder("sandlot.runs")
            .description("Runs by language and status")
            .tag("language", result.language())
            .tag("status", result.status().wireName())
            .register(metrics)
            .increment();
        Timer.builder("sandlot.run.duration")
            .description("Time from accepting a run to its result")
            .tag("language", result.language())
            .publishPercentileHistogram()
            .register(metrics)
            .record(took);
        log.info("{} run {} {} {} via {}: {} in {} ms", caller, result.id(), result.language(), result.version(),
                context.source(), result.status(), took.toMillis());
    }

}
