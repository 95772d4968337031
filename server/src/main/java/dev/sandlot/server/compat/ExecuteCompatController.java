package dev.sandlot.server.compat;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.Language;
import dev.sandlot.engine.LimitRequest;
import dev.sandlot.engine.RunRequest;
import dev.sandlot.engine.RunResult;
import dev.sandlot.engine.Status;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.execute.RunRefusals;
import dev.sandlot.server.execute.RunService;
import dev.sandlot.server.history.RunContext;
import dev.sandlot.server.web.BodyExample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fourth seed service (code execution API for Python, TypeScript, Rust): POST
 * /execute {code, language, timeout seconds} and GET /health.
 */
@RestController
@Tag(name = "Seed APIs")
class ExecuteCompatController {

    private final RunService runs;

    ExecuteCompatController(RunService runs) {
        this.runs = runs;
    }

    record Body(String code, String language, Double timeout) {
    }

    record Result(String output, String error, double execution_time, boolean success) {
    }

    @Operation(summary = "Run code with a timeout in seconds (seed: code execution API)")
    @BodyExample(summary = "Hello, world in Python with a 5 s timeout", value = """
            {"code": "print('Hello, world!')", "language": "python", "timeout": 5}""")
    @RunRefusals
    @PostMapping(path = "/execute", consumes = MediaType.APPLICATION_JSON_VALUE)
    Result execute(@RequestBody Body body, Caller caller) {
        if (body.code() == null)
            throw new InvalidFieldException("code", "is required");
        String language = body.language() == null ? "python" : body.language();
        Language l = runs.engine().language(language, null);
        LimitRequest limits = LimitRequest.DEFAULTS;
        if (body.timeout() != null) {
            var policy = runs.engine().limitPolicy();
            long max = policy.maximumsFor(l).wallTimeMs();
            long ms = Math.round(body.timeout() * 1000);
            if (ms < 1)
                throw new InvalidFieldException("timeout", "must be a positive number of seconds");
            if (ms > max)
                throw new InvalidFieldException("timeout", "must be at most " + max / 1000 + " seconds", max / 1000);
            long cpu = Math.min(policy.maximumsFor(l).cpuTimeMs(), Math.max(ms, policy.defaultsFor(l).cpuTimeMs()));
            limits = limits.withWallTimeMs(ms).withCpuTimeMs(cpu);
        }
        RunResult r = runs.run(caller,
                RunRequest.builder(language).file(l.fileNameFor(body.code()), body.code()).limits(limits).build(),
                RunContext.of("seed-execute"));
        return new Result(SeedResults.output(r), SeedResults.error(r), SeedResults.seconds(r), r.status() == Status.OK);
    }

    @Operation(summary = "Status and sandbox availability (seed: code execution API)")
    @GetMapping("/health")
    Map<String, Object> health() {
        return Map.of("status", "healthy", "sandbox_available", runs.engine().sandboxStatus().available());
    }

}
