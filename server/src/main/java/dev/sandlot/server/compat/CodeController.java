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
import dev.sandlot.server.history.Execution;
import dev.sandlot.server.history.HistoryService;
import dev.sandlot.server.history.RunContext;
import dev.sandlot.server.project.ProjectService;
import dev.sandlot.server.web.BodyExample;
import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
 * The third seed service (learning platform): 30 s, 128 MB, 10 KB of output, 50 KB of
 * code, as it documented; a timeout reports exit code 124. (Its history endpoints arrive
 * with accounts.)
 */
@RestController
@Tag(name = "Seed APIs")
class CodeController {

    static final int MAX_CODE_BYTES = 50 * 1024;

    private final RunService runs;

    private final HistoryService history;

    private final ProjectService projects;

    CodeController(RunService runs, HistoryService history, ProjectService projects) {
        this.runs = runs;
        this.history = history;
        this.projects = projects;
    }

    record CodeRequest(String code, String language, String stdin, Long project_id, Boolean save_history) {
    }

    record CodeResponse(String output, String error, double execution_time, String status, Integer exit_code) {
    }

    @Operation(summary = "Run code (seed: learning platform code executor)")
    @BodyExample(summary = "Hello, world in Python", value = """
            {"code": "print('Hello, world!')", "language": "python"}""")
    @RunRefusals
    @PostMapping(path = "/api/v1/code/execute", consumes = MediaType.APPLICATION_JSON_VALUE)
    CodeResponse execute(@RequestBody CodeRequest body, Caller caller) {
        if (body.code() == null)
            throw new InvalidFieldException("code", "is required");
        int size = body.code().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_CODE_BYTES) {
            throw new InvalidFieldException("code", "must be at most " + MAX_CODE_BYTES + " bytes; got " + size,
                    (long) MAX_CODE_BYTES);
        }
        String language = body.language() == null ? "python" : body.language();
        Language l = runs.engine().language(language, null);
        RunRequest.Builder request = RunRequest.builder(language)
            .file(l.fileNameFor(body.code()), body.code())
            .limits(LimitRequest.DEFAULTS.withWallTimeMs(30_000)
                .withCpuTimeMs(30_000)
                .withMemoryMb(Math.max(128, runs.engine().limitPolicy().defaultsFor(l).memoryMb()))
                .withMaxOutputBytes(10 * 1024));
        if (body.stdin() != null)
            request.stdin(body.stdin().getBytes(StandardCharsets.UTF_8));
        RunContext context = RunContext.of("seed-code").withSaveHistory(body.save_history());
        if (body.project_id() != null && caller.signedIn()) {
            // Linked only when it is the caller's own project; the seed ignored unknown
            // ids too.
            try {
                var project = projects.get(caller, body.project_id());
                context = RunContext.ofProject(context.source(), project).withSaveHistory(context.saveHistory());
            }
            catch (ErrorResponseException notYours) {
                // recorded without a project
            }
        }
        RunResult r = runs.run(caller, request.build(), context);
        String status = r.status() == Status.OK ? "success" : r.status() == Status.TIMEOUT ? "timeout" : "error";
        Integer exitCode = r.status() == Status.TIMEOUT ? Integer.valueOf(124) : exitCode(r);
        return new CodeResponse(SeedResults.output(r), SeedResults.error(r), SeedResults.seconds(r), status, exitCode);
    }

    private static Integer exitCode(RunResult r) {
        var last = r.last();
        if (last == null)
            return 1;
        if (last.exitCode() != null)
            return last.exitCode();
        return last.signal() != null ? 128 + last.signal() : 1;
    }

    record HistoryItem(String id, long user_id, Long project_id, String code, String language, String output,
            String error, double execution_time, String status, Integer exit_code, String created_at) {
        static HistoryItem of(Execution e) {
            String status = e.status().equals("ok") ? "success" : e.status().equals("timeout") ? "timeout" : "error";
            return new HistoryItem(e.id(), e.userId(), e.projectId(), e.code(), e.language(), e.stdout(),
                    e.stderr().isEmpty() ? null : e.stderr(), e.wallTimeMs() / 1000.0, status,
                    e.status().equals("timeout") ? Integer.valueOf(124) : e.exitCode(), e.createdAt().toString());
        }
    }

    @Operation(summary = "The caller's recorded runs, newest first (seed: learning platform)")
    @GetMapping("/api/v1/code/history")
    List<HistoryItem> history(@Parameter(example = "42") @RequestParam(required = false) Long project_id,
            @Parameter(example = "10",
                    description = "1 to 200; 50 when absent") @RequestParam(required = false) Integer limit,
            Caller caller) {
        return history.list(caller, project_id, null, null, limit == null ? 50 : limit, null)
            .items()
            .stream()
            .map(HistoryItem::of)
            .toList();
    }

    @Operation(summary = "One recorded run (seed: learning platform); 404 when missing or not yours")
    @GetMapping("/api/v1/code/history/{execution_id}")
    @Refuses(ProblemType.EXECUTION_NOT_FOUND)
    HistoryItem execution(
            @Parameter(example = "0b8f6c1e-2d4a-4f6b-9a7e-5c3d2e1f0a9b") @PathVariable String execution_id,
            Caller caller) {
        return HistoryItem.of(history.get(caller, execution_id));
    }

    @Operation(summary = "Delete a recorded run (seed: learning platform); 404 when missing or not yours")
    @DeleteMapping("/api/v1/code/history/{execution_id}")
    @Refuses({ ProblemType.EXECUTION_NOT_FOUND, ProblemType.ATTEMPT_EVIDENCE })
    Map<String, Object> deleteExecution(
            @Parameter(example = "0b8f6c1e-2d4a-4f6b-9a7e-5c3d2e1f0a9b") @PathVariable String execution_id,
            Caller caller) {
        history.delete(caller, execution_id);
        return Map.of("message", "Execution deleted successfully", "id", execution_id);
    }

    @Operation(summary = "Languages (seed: learning platform)")
    @GetMapping("/api/v1/code/languages")
    Map<String, Object> languages() {
        List<Map<String, Object>> languages = runs.engine()
            .languages()
            .stream()
            .map(l -> Map.<String, Object>of("id", l.id(), "name", l.name(), "version", l.version(), "extension",
                    l.fileName().contains(".") ? l.fileName().substring(l.fileName().lastIndexOf('.')) : ""))
            .toList();
        return Map.of("languages", languages);
    }

}
