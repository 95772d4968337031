package dev.sandlot.server.history;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
    HistoryService.Page list(@Parameter(example = "42") @RequestParam(required = false) Long projectId,
            @Parameter(example = "python") @RequestParam(required = false) String language,
            @Parameter(example = "ok",
                    description = "ok, runtime_error, compile_error, timeout, memory_limit, output_limit, killed, "
                            + "internal_error") @RequestParam(required = false) String status,
            @Parameter(example = "20", description = "1 to 200") @RequestParam(required = false) Integer limit,
            @Parameter(description = "The nextCursor of the page before (a cursor this server issued)") @RequestParam(
                    required = false) String cursor,
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
    @Refuses(ProblemType.EXECUTION_NOT_FOUND)
    @GetMapping("/api/v1/executions/{id}")
    ExecutionDetail get(@Parameter(example = "0b8f6c1e-2d4a-4f6b-9a7e-5c3d2e1f0a9b") @PathVariable String id,
            Caller caller) {
        return history.detail(caller, id);
    }

    @Operation(summary = "Delete a recorded run")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Refuses({ ProblemType.EXECUTION_NOT_FOUND, ProblemType.ATTEMPT_EVIDENCE })
    @DeleteMapping("/api/v1/executions/{id}")
    ResponseEntity<Void> delete(@Parameter(example = "0b8f6c1e-2d4a-4f6b-9a7e-5c3d2e1f0a9b") @PathVariable String id,
            Caller caller) {
        history.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

}
