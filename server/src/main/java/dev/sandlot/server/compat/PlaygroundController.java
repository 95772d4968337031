package dev.sandlot.server.compat;

import dev.sandlot.engine.LimitRequest;
import dev.sandlot.engine.RunRequest;
import dev.sandlot.engine.RunResult;
import dev.sandlot.engine.Status;
import dev.sandlot.engine.policy.ImportPolicy;
import dev.sandlot.engine.policy.PolicyViolationException;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.execute.RunRefusals;
import dev.sandlot.server.execute.RunService;
import dev.sandlot.server.history.RunContext;
import dev.sandlot.server.web.BodyExample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The first seed playground: POST /playground/execute {code} -> {stdout, stderr}, Python
 * only, 5 s, with its import policy (checked on the code's tokens; the sandbox remains
 * the real defence).
 */
@RestController
@Tag(name = "Seed APIs", description = "Endpoints of the systems Sandlot replaces, kept for their clients")
class PlaygroundController {

    static final long TIME_LIMIT_MS = 5_000;

    private final RunService runs;

    PlaygroundController(RunService runs) {
        this.runs = runs;
    }

    record PlaygroundRequest(String code) {
    }

    record PlaygroundResponse(String stdout, String stderr) {
    }

    @Operation(summary = "Run Python (seed: Python Playground backend)")
    @BodyExample(summary = "Hello, world", value = """
            {"code": "print('Hello, world!')"}""")
    @RunRefusals
    @PostMapping(path = "/playground/execute", consumes = MediaType.APPLICATION_JSON_VALUE)
    PlaygroundResponse execute(@RequestBody PlaygroundRequest body, Caller caller) {
        String code = body.code() == null ? "" : body.code();
        RunRequest request = RunRequest.builder("python")
            .file("main.py", code)
            .limits(LimitRequest.DEFAULTS.withWallTimeMs(TIME_LIMIT_MS))
            .importPolicy(ImportPolicy.SEED_PLAYGROUND)
            .build();
        RunResult r;
        try {
            r = runs.run(caller, request, RunContext.of("seed-playground"));
        }
        catch (PolicyViolationException e) {
            return new PlaygroundResponse("",
                    "Security Error: Module '" + e.name() + "' is not allowed for security reasons.");
        }
        if (r.status() == Status.TIMEOUT) {
            return new PlaygroundResponse(r.stdoutText(), "Error: Code execution timed out (5 second limit).");
        }
        String stderr = SeedResults.error(r);
        return new PlaygroundResponse(r.stdoutText(), stderr == null ? "" : stderr);
    }

}
