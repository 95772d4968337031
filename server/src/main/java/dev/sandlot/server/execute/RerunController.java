package dev.sandlot.server.execute;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.history.Execution;
import dev.sandlot.server.history.ExecutionDetail;
import dev.sandlot.server.history.HistoryService;
import dev.sandlot.server.history.RerunRequest;
import dev.sandlot.server.history.RunContext;
import dev.sandlot.server.project.Project;
import dev.sandlot.server.project.ProjectService;
import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Problems;
import dev.sandlot.server.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Running a recorded run again: the request its history record gives, sent as
 * {@code POST /api/v1/execute} would send it. It lives here, not in {@code history}, for
 * the same reason as {@link ProjectRunController}: running is execute's.
 */
@RestController
@Tag(name = "History")
class RerunController {

    private final HistoryService history;

    private final ProjectService projects;

    private final RunService runs;

    RerunController(HistoryService history, ProjectService projects, RunService runs) {
        this.history = history;
        this.projects = projects;
        this.runs = runs;
    }

    @Operation(summary = "Run a recorded run again, exactly as it ran; the result of POST /api/v1/execute",
            description = "Sends the run's request (GET /api/v1/executions/{id}) to the sandbox as the caller and "
                    + "records it as a new run (source rerun). 409 when the history does not have all of it.")
    @RunRefusals
    @Refuses({ ProblemType.EXECUTION_NOT_FOUND, ProblemType.EXECUTION_NOT_RERUNNABLE })
    @PostMapping(path = "/api/v1/executions/{id}/rerun", produces = MediaType.APPLICATION_JSON_VALUE)
    RunResponse rerun(@Parameter(example = "0b8f6c1e-2d4a-4f6b-9a7e-5c3d2e1f0a9b") @PathVariable String id,
            Caller caller) {
        ExecutionDetail detail = history.detail(caller, id);
        Execution recorded = detail.execution();
        if (!recorded.exact() || detail.request() == null) {
            ProblemDetail problem = Problems.of(ProblemType.EXECUTION_NOT_RERUNNABLE,
                    "The history does not have all of run " + id + " (missing: " + String.join(", ", recorded.missing())
                            + "), so it cannot be run again exactly.");
            problem.setProperty("missing", recorded.missing());
            throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
        }
        ExecuteRequest body = body(detail.request());
        try {
            return RunResponse.of(runs.run(caller, body.toRunRequest(runs.engine()), context(caller, recorded)));
        }
        catch (InvalidFieldException e) {
            throw body.renameFields(e);
        }
    }

    static ExecuteRequest body(RerunRequest r) {
        RerunRequest.LimitsInput l = r.limits();
        return new ExecuteRequest(r.language(), r.version(), null,
                r.files().stream().map(f -> new ExecuteRequest.FileInput(f.name(), f.content())).toList(), r.entry(),
                r.stdin(), r.args(), l == null ? null : new ExecuteRequest.LimitsInput(l.wallTimeMs(), l.cpuTimeMs(),
                        l.memoryMb(), l.maxProcesses(), l.maxOutputBytes()),
                null);
    }

    /**
     * A re-run of a project's run belongs to that project's history again, at the
     * revision whose files it ran, when the project is still the caller's own.
     */
    private RunContext context(Caller caller, Execution recorded) {
        if (recorded.projectId() == null)
            return RunContext.of("rerun");
        try {
            Project p = projects.get(caller, recorded.projectId());
            if (caller.userId() != null && p.ownerId() == caller.userId())
                return new RunContext("rerun", p.id(), recorded.projectRevision(), p.name(), true);
        }
        catch (ErrorResponseException gone) {
            // recorded without a project
        }
        return RunContext.of("rerun");
    }

}
