package dev.sandlot.server.compat;

import dev.sandlot.engine.InvalidRunException;
import dev.sandlot.engine.Language;
import dev.sandlot.engine.LimitRequest;
import dev.sandlot.engine.RunRequest;
import dev.sandlot.engine.RunResult;
import dev.sandlot.engine.Status;
import dev.sandlot.server.execute.RunService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The third seed service (learning platform): 30 s, 128 MB, 10 KB of output,
 * 50 KB of code, as it documented; a timeout reports exit code 124.
 * (Its history endpoints arrive with accounts.)
 */
@RestController
@Tag(name = "Seed APIs")
class CodeController {

    static final int MAX_CODE_BYTES = 50 * 1024;
    private final RunService runs;

    CodeController(RunService runs) {
        this.runs = runs;
    }

    record CodeRequest(String code, String language, String stdin, Long project_id, Boolean save_history) {
    }

    record CodeResponse(String output, String error, double execution_time, String status, Integer exit_code) {
    }

    @Operation(summary = "Run code (seed: learning platform code executor)")
    @PostMapping(path = "/api/v1/code/execute", consumes = MediaType.APPLICATION_JSON_VALUE)
    CodeResponse execute(@RequestBody CodeRequest body, HttpServletRequest http) {
        if (body.code() == null) throw new InvalidRunException("code", "is required");
        int size = body.code().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_CODE_BYTES) {
            throw new InvalidRunException("code", "must be at most " + MAX_CODE_BYTES + " bytes; got " + size, (long) MAX_CODE_BYTES);
        }
        String language = body.language() == null ? "python" : body.language();
        Language l = runs.engine().language(language, null);
        RunRequest.Builder request = RunRequest.builder(language).file(l.fileNameFor(body.code()), body.code())
                .limits(LimitRequest.DEFAULTS.withWallTimeMs(30_000).withCpuTimeMs(30_000).withMemoryMb(Math.max(128,
                        runs.engine().limitPolicy().defaultsFor(l).memoryMb())).withMaxOutputBytes(10 * 1024));
        if (body.stdin() != null) request.stdin(body.stdin().getBytes(StandardCharsets.UTF_8));
        RunResult r = runs.run(runs.clientOf(http), request.build());
        String status = r.status() == Status.OK ? "success" : r.status() == Status.TIMEOUT ? "timeout" : "error";
        Integer exitCode = r.status() == Status.TIMEOUT ? Integer.valueOf(124) : exitCode(r);
        return new CodeResponse(SeedResults.output(r), SeedResults.error(r), SeedResults.seconds(r), status, exitCode);
    }

    private static Integer exitCode(RunResult r) {
        var last = r.last();
        if (last == null) return 1;
        if (last.exitCode() != null) return last.exitCode();
        return last.signal() != null ? 128 + last.signal() : 1;
    }

    @Operation(summary = "Languages (seed: learning platform)")
    @GetMapping("/api/v1/code/languages")
    Map<String, Object> languages() {
        List<Map<String, Object>> languages = runs.engine().languages().stream().map(l -> Map.<String, Object>of(
                "id", l.id(), "name", l.name(), "version", l.version(),
                "extension", l.fileName().contains(".") ? l.fileName().substring(l.fileName().lastIndexOf('.')) : "")).toList();
        return Map.of("languages", languages);
    }
}
