package dev.sandlot.server.system;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.SandboxStatus;
import dev.sandlot.server.execute.RunGate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Whether this server can run code, and with what. */
@RestController
@Tag(name = "System")
class HealthController {

    private final Engine engine;

    private final RunGate gate;

    HealthController(Engine engine, RunGate gate) {
        this.engine = engine;
        this.gate = gate;
    }

    record Sandbox(boolean available, String isolation, String cgroups, boolean seccomp, List<String> problems) {
    }

    record Runs(int active, int queued, int capacity) {
    }

    record Terminals(int running) {
    }

    record Health(String status, Sandbox sandbox, List<String> languages, Runs runs, Terminals terminals) {
    }

    @Operation(summary = "Sandbox status, installed languages and load; 503 when code cannot run here")
    @ApiResponse(responseCode = "200", description = "Code can run here", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "503", description = "Code cannot run here: see sandbox.problems",
            useReturnTypeSchema = true)
    @GetMapping(path = "/api/v1/health", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Health> health() {
        SandboxStatus s = engine.sandboxStatus();
        Health health = new Health(s.available() ? "ok" : "unavailable",
                new Sandbox(s.available(), s.isolation(), s.cgroups(), s.seccomp(), s.problems()),
                engine.languages().stream().map(l -> l.id() + " " + l.version()).toList(),
                new Runs(gate.running(), gate.queued(), gate.capacity()), new Terminals(engine.openTerminals()));
        return ResponseEntity.status(s.available() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(health);
    }

}
