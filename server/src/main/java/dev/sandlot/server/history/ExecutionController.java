package dev.sandlot.server.history;

import dev.sandlot.server.account.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's history of runs. */
@RestController
@Tag(name = "History")
class ExecutionController {

    private final HistoryService history;
    private final Callers callers;

    ExecutionController(HistoryService history, Callers callers) {
        this.history = history;
        this.callers = callers;
    }

    @Operation(summary = "Your runs, newest first; pass nextCursor as cursor for the next page")
    @GetMapping("/api/v1/executions")
    HistoryService.Page list(
            @RequestParam(required = false) Long projectId,
            @RequestParam(required = false) String language,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            HttpServletRequest http) {
        return history.list(callers.of(http), projectId, language, status, limit, cursor);
    }

    @Operation(summary = "Counts and average wall time of your runs by language and status")
    @GetMapping("/api/v1/executions/stats")
    List<ExecutionRepository.Stat> stats(HttpServletRequest http) {
        return history.stats(callers.of(http));
    }

    @Operation(summary = "One recorded run, with its code and output")
    @GetMapping("/api/v1/executions/{id}")
    Execution get(@PathVariable String id, HttpServletRequest http) {
        return history.get(callers.of(http), id);
    }

    @DeleteMapping("/api/v1/executions/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, HttpServletRequest http) {
        history.delete(callers.of(http), id);
        return ResponseEntity.noContent().build();
    }
}
