package dev.sandlot.server.compat;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.InvalidRunException;
import dev.sandlot.engine.RunRequest;
import dev.sandlot.engine.RunResult;
import dev.sandlot.server.execute.RunService;
import dev.sandlot.server.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The second seed backend (FastAPI behind nginx): execute with stdin, and a
 * folder of saved files. 10 s, 128 MB, 1 MB of output, as it documented.
 */
@RestController
@Tag(name = "Seed APIs")
class ApiController {

    private final RunService runs;
    private final WorkspaceFiles files;

    ApiController(RunService runs, WorkspaceFiles files) {
        this.runs = runs;
        this.files = files;
    }

    record ExecuteBody(String code, String language, String input_data) {
    }

    record ExecuteResult(String output, String error, double execution_time) {
    }

    @Operation(summary = "Run code with optional stdin (seed: playground backend)")
    @PostMapping(path = "/api/execute", consumes = MediaType.APPLICATION_JSON_VALUE)
    ExecuteResult execute(@RequestBody ExecuteBody body, HttpServletRequest http) {
        if (body.code() == null) throw new InvalidRunException("code", "is required");
        String language = body.language() == null || body.language().isBlank() ? "python" : body.language();
        Engine engine = runs.engine();
        RunRequest.Builder request = RunRequest.builder(language)
                .file(engine.language(language, null).fileNameFor(body.code()), body.code());
        if (body.input_data() != null) request.stdin(body.input_data().getBytes(StandardCharsets.UTF_8));
        RunResult r;
        try {
            r = runs.run(runs.clientOf(http), request.build());
        } catch (InvalidRunException e) {
            throw e.field().startsWith("files") ? new InvalidRunException("code", e.detail(), e.maximum()) : e;
        }
        return new ExecuteResult(SeedResults.output(r), SeedResults.error(r), SeedResults.seconds(r));
    }

    @Operation(summary = "List saved files")
    @GetMapping("/api/files")
    Map<String, Object> list() throws IOException {
        List<WorkspaceFiles.Saved> saved = files.list();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("files", saved);
        body.put("count", saved.size());
        return body;
    }

    @Operation(summary = "Save code to a file (parameters code and filename, in the query or a form)")
    @PostMapping("/api/save")
    Map<String, Object> save(@RequestParam String code, @RequestParam String filename) throws IOException {
        files.save(filename, code);
        return Map.of("message", "File saved successfully", "filename", filename);
    }

    @Operation(summary = "Load a saved file")
    @GetMapping("/api/load/{filename}")
    ResponseEntity<?> load(@PathVariable String filename) throws IOException {
        return files.load(filename)
                .<ResponseEntity<?>>map(code -> ResponseEntity.ok(Map.of("code", code, "filename", filename)))
                .orElseGet(ApiController::notFound);
    }

    @Operation(summary = "Delete a saved file")
    @DeleteMapping("/api/delete/{filename}")
    ResponseEntity<?> delete(@PathVariable String filename) throws IOException {
        if (!files.delete(filename)) return notFound();
        return ResponseEntity.ok(Map.of("message", "File deleted successfully", "filename", filename));
    }

    @Operation(summary = "Health of the backend and its executor")
    @GetMapping("/api/health")
    Map<String, Object> health() {
        boolean available = runs.engine().sandboxStatus().available();
        return Map.of("status", available ? "healthy" : "unhealthy", "executor", available ? "healthy" : "unavailable",
                "sandbox_available", available);
    }

    @Operation(summary = "API information")
    @GetMapping({"/api", "/api/"})
    Map<String, Object> info() {
        return Map.of("message", "Sandlot: Python Playground API", "version", "1",
                "endpoints", List.of("POST /api/execute", "GET /api/files", "POST /api/save", "GET /api/load/{filename}",
                        "DELETE /api/delete/{filename}", "GET /api/health"));
    }

    private static ResponseEntity<ProblemDetail> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.NOT_FOUND, "file-not-found", "Not found", "File not found"));
    }
}
