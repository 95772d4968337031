package dev.sandlot.server.terminal;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Problems;
import dev.sandlot.server.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Terminals seen from HTTP: which are running, and ending one (the page's "restart
 * terminal" ends it, then attaches again). The terminal itself is the WebSocket
 * {@code /api/v1/projects/{id}/terminal}; no HTTP mapping may share that path, or it
 * would answer the WebSocket handshake instead.
 */
@RestController
@Tag(name = "Terminals",
        description = "Interactive shells in a project's sandbox; the terminal itself is the WebSocket "
                + "/api/v1/projects/{id}/terminal (see docs/api.md)")
class TerminalController {

    private final TerminalSessions sessions;

    TerminalController(TerminalSessions sessions) {
        this.sessions = sessions;
    }

    /** A running terminal, as listed. */
    record TerminalInfo(String id, long projectId, String owner, Instant startedAt, int clients, long idleSeconds) {
        static TerminalInfo of(TerminalSession s) {
            return new TerminalInfo(s.id, s.projectId, s.owner.username(), s.started, s.clientCount(),
                    s.idleFor().toSeconds());
        }
    }

    @GetMapping("/api/v1/terminals")
    @Operation(summary = "Your running terminals, optionally of one project (an admin may ask for all=true)")
    List<TerminalInfo> list(@Parameter(example = "false") @RequestParam(defaultValue = "false") boolean all,
            @Parameter(example = "42") @RequestParam(required = false) Long projectId, Caller caller) {
        return sessions.list(caller, all)
            .stream()
            .filter(s -> projectId == null || s.projectId == projectId)
            .map(TerminalInfo::of)
            .toList();
    }

    @DeleteMapping("/api/v1/terminals/{id}")
    @Operation(summary = "End a terminal after saving its files (204); 404 when it is not running or not yours")
    @ApiResponse(responseCode = "204", description = "Ended")
    @Refuses(ProblemType.TERMINAL_NOT_FOUND)
    ResponseEntity<Void> close(@Parameter(example = "3f1c2b9e-6d0a-4a57-9c1e-2f8b7d4e5a60") @PathVariable String id,
            Caller caller) {
        if (!sessions.close(caller, id)) {
            throw new ErrorResponseException(HttpStatus.NOT_FOUND,
                    Problems.of(ProblemType.TERMINAL_NOT_FOUND, "No running terminal " + id + " of yours."), null);
        }
        return ResponseEntity.noContent().build();
    }

}
