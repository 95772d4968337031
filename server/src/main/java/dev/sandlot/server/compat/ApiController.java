package dev.sandlot.server.compat;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.RunRequest;
import dev.sandlot.engine.RunResult;
import dev.sandlot.engine.SourcePaths;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.execute.ExecuteRequest;
import dev.sandlot.server.execute.RunRefusals;
import dev.sandlot.server.execute.RunService;
import dev.sandlot.server.history.RunContext;
import dev.sandlot.server.project.Project;
import dev.sandlot.server.project.ProjectFile;
import dev.sandlot.server.project.ProjectService;
import dev.sandlot.server.web.BodyExample;
import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Problems;
import dev.sandlot.server.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The second seed backend (FastAPI behind nginx): execute with stdin (10 s, 128 MB, 1 MB
 * of output, as it documented), and saved files, which live in the signed-in caller's
 * default project.
 */
@RestController
@Tag(name = "Seed APIs")
class ApiController {

    /**
     * The seed's "modified": local time to the second, e.g. 2024-01-15T10:30:00 (seconds
     * even when zero).
     */
    private static final DateTimeFormatter MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final RunService runs;

    private final ProjectService projects;

    ApiController(RunService runs, ProjectService projects) {
        this.runs = runs;
        this.projects = projects;
    }

    record ExecuteBody(String code, String language, String input_data) {
    }

    record ExecuteResult(String output, String error, double execution_time) {
    }

    @Operation(summary = "Run code with optional stdin (seed: playground backend)")
    @BodyExample(summary = "Python reading standard input", value = """
            {"code": "name = input()\\nprint(f'Hello, {name}!')", "language": "python", "input_data": "Ada"}""")
    @RunRefusals
    @PostMapping(path = "/api/execute", consumes = MediaType.APPLICATION_JSON_VALUE)
    ExecuteResult execute(@RequestBody ExecuteBody body, Caller caller) {
        if (body.code() == null)
            throw new InvalidFieldException("code", "is required");
        String language = body.language() == null || body.language().isBlank() ? "python" : body.language();
        Engine engine = runs.engine();
        RunRequest.Builder request = RunRequest.builder(language)
            .file(engine.language(language, null).fileNameFor(body.code()), body.code());
        if (body.input_data() != null)
            request.stdin(body.input_data().getBytes(StandardCharsets.UTF_8));
        RunResult r;
        try {
            r = runs.run(caller, request.build(), RunContext.of("seed-api"));
        }
        catch (InvalidFieldException e) {
            throw ExecuteRequest.asCodeField(e);
        }
        return new ExecuteResult(SeedResults.output(r), SeedResults.error(r), SeedResults.seconds(r));
    }

    record Saved(String filename, long size, String modified) {
    }

    @Operation(summary = "List saved files (the caller's default project)")
    @GetMapping("/api/files")
    Map<String, Object> list(Caller caller) {
        Project project = projects.defaultProject(caller);
        List<Saved> saved = projects.files(caller, project.id(), false)
            .stream()
            .map(f -> new Saved(f.path(), f.size(),
                    MODIFIED.format(f.updatedAt().atZoneSameInstant(ZoneId.systemDefault()))))
            .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("files", saved);
        body.put("count", saved.size());
        return body;
    }

    @Operation(summary = "Save code to a file (parameters code and filename, in the query or a form)")
    @PostMapping("/api/save")
    @Refuses(ProblemType.TOO_LARGE)
    Map<String, Object> save(@Parameter(example = "print('Hello, world!')") @RequestParam String code,
            @Parameter(example = "hello.py") @RequestParam String filename, Caller caller) {
        projects.putFile(caller, projects.defaultProject(caller).id(), plainName(filename), code, null);
        return Map.of("message", "File saved successfully", "filename", filename);
    }

    @Operation(summary = "Load a saved file")
    @GetMapping("/api/load/{filename}")
    @Refuses(ProblemType.FILE_NOT_FOUND)
    Map<String, Object> load(@Parameter(example = "hello.py") @PathVariable String filename, Caller caller) {
        ProjectFile file = existing(
                () -> projects.file(caller, projects.defaultProject(caller).id(), plainName(filename)));
        return Map.of("code", file.content(), "filename", filename);
    }

    @Operation(summary = "Delete a saved file")
    @DeleteMapping("/api/delete/{filename}")
    @Refuses(ProblemType.FILE_NOT_FOUND)
    Map<String, Object> delete(@Parameter(example = "hello.py") @PathVariable String filename, Caller caller) {
        existing(() -> {
            projects.deleteFile(caller, projects.defaultProject(caller).id(), plainName(filename), null);
            return null;
        });
        return Map.of("message", "File deleted successfully", "filename", filename);
    }

    @Operation(summary = "Health of the backend and its executor")
    @GetMapping("/api/health")
    Map<String, Object> health() {
        boolean available = runs.engine().sandboxStatus().available();
        return Map.of("status", available ? "healthy" : "unhealthy", "executor", available ? "healthy" : "unavailable",
                "sandbox_available", available);
    }

    @Operation(summary = "API information")
    @GetMapping({ "/api", "/api/" })
    Map<String, Object> info() {
        return Map.of("message", "Sandlot: Python Playground API", "version", "1", "endpoints",
                List.of("POST /api/execute", "GET /api/files", "POST /api/save", "GET /api/load/{filename}",
                        "DELETE /api/delete/{filename}", "GET /api/health"));
    }

    /** The seed stored flat files: a name without directories or a leading dot. */
    private static String plainName(String filename) {
        if (filename == null || filename.isEmpty())
            throw new InvalidFieldException("filename", "is required");
        if (filename.contains("/"))
            throw new InvalidFieldException("filename", "must be a plain file name, without '/'");
        if (filename.startsWith("."))
            throw new InvalidFieldException("filename", "must not start with '.' (no hidden files)");
        String problem = SourcePaths.problem(filename);
        if (problem != null)
            throw new InvalidFieldException("filename", problem);
        return filename;
    }

    /** The seed answered a missing file with 404 "File not found". */
    private static <T> T existing(Supplier<T> action) {
        try {
            return action.get();
        }
        catch (ErrorResponseException e) {
            if (e.getStatusCode().value() == 404) {
                throw new ErrorResponseException(e.getStatusCode(),
                        Problems.of(HttpStatus.NOT_FOUND, "file-not-found", "Not found", "File not found"), null);
            }
            throw e;
        }
    }

}
