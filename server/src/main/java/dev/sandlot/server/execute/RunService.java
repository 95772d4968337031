package dev.sandlot.server.execute;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.OutputListener;
import dev.sandlot.engine.RunHandle;
import dev.sandlot.engine.RunRequest;
import dev.sandlot.engine.RunResult;
import dev.sandlot.server.web.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Every run of every API goes through here: the client's rate limit, a slot
 * at the gate, the engine, then metrics and a log line naming the run.
 */
@Service
public class RunService {

    private static final Logger log = LoggerFactory.getLogger(RunService.class);
    private final Engine engine;
    private final RunGate gate;
    private final RateLimiter rateLimiter;
    private final MeterRegistry metrics;

    RunService(Engine engine, RunGate gate, RateLimiter rateLimiter, MeterRegistry metrics) {
        this.engine = engine;
        this.gate = gate;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        Gauge.builder("sandlot.runs.active", gate, RunGate::running).description("Runs in progress").register(metrics);
        Gauge.builder("sandlot.runs.queued", gate, RunGate::queued).description("Runs waiting for a slot").register(metrics);
        Gauge.builder("sandlot.runs.capacity", gate, RunGate::capacity).description("Runs allowed at once").register(metrics);
        for (var language : engine.stats().warmReady().keySet()) {
            Gauge.builder("sandlot.pool.ready", engine, e -> e.stats().warmReady().getOrDefault(language, 0))
                    .tag("language", language).description("Pre-started sandboxes waiting").register(metrics);
        }
    }

    public Engine engine() {
        return engine;
    }

    /** The client a request comes from, as the rate limiter identifies it. */
    public String clientOf(jakarta.servlet.http.HttpServletRequest request) {
        return rateLimiter.clientOf(request);
    }

    public String clientOf(String remoteAddress, String forwardedFor) {
        return rateLimiter.clientOf(remoteAddress, forwardedFor);
    }

    /** Runs to completion on behalf of {@code client} (used for rate limiting and the log). */
    public RunResult run(String client, RunRequest request) {
        rateLimiter.acquire(client);
        try (RunGate.Permit permit = gate.enter()) {
            long started = System.nanoTime();
            RunResult result = engine.run(request);
            record(client, result, started);
            return result;
        }
    }

    /** Starts an interactive run; its slot is held until it ends. */
    public RunHandle start(String client, RunRequest request, OutputListener listener) {
        rateLimiter.acquire(client);
        RunGate.Permit permit = gate.enter();
        try {
            long started = System.nanoTime();
            RunHandle handle = engine.start(request, listener);
            handle.result().whenComplete((result, failure) -> {
                permit.close();
                if (result != null) record(client, result, started);
            });
            return handle;
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
    }

    private void record(String client, RunResult result, long startedNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        Counter.builder("sandlot.runs").description("Runs by language and status")
                .tag("language", result.language()).tag("status", result.status().wireName())
                .register(metrics).increment();
        Timer.builder("sandlot.run.duration").description("Time from accepting a run to its result")
                .tag("language", result.language()).publishPercentileHistogram()
                .register(metrics).record(took);
        log.info("client {} run {} {} {}: {} in {} ms", client, result.id(), result.language(), result.version(),
                result.status(), took.toMillis());
    }
}
