package dev.sandlot.server.history;

import dev.sandlot.server.account.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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

    ExecutionController(HistoryService history) {
        this.history = history;
    }

    @Operation(summary = "Your runs, newest first; pass nextCursor as cursor for the next page")
    @GetMapping("/api/v1/executions")
    HistoryService.Page list(@RequestParam(required = false) Long projectId,
            @RequestParam(required = false) String language, @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
            Caller caller) {
        return history.list(caller, projectId, language, status, limit, cursor);
    }

    @Operation(summary = "Counts and average wall time of your runs by language and status")
    @GetMapping("/api/v1/executions/stats")
    List<ExecutionRepository.Stat> stats(Caller caller) {
        return history.stats(caller);
    }

    @Operation(summary = "One recorded run, with its files, input, limits and output, and as request the body of "
            + "POST /api/v1/execute that runs it again (exact unless missing names what the history lacks)")
    @GetMapping("/api/v1/executions/{id}")
    ExecutionDetail get(@PathVariable String id, Caller caller) {
        return history.detail(caller, id);
    }

    @DeleteMapping("/api/v1/executions/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Caller caller) {
        history.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

}
