package dev.sandlot.server.execute;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.LimitRequest;
import dev.sandlot.engine.RunRequest;
import dev.sandlot.engine.SourceFile;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.history.RunContext;
import dev.sandlot.server.project.Project;
import dev.sandlot.server.project.ProjectFile;
import dev.sandlot.server.project.ProjectService;
import dev.sandlot.server.web.BodyExample;
import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Running a saved project: its files, read through the project module's service, go to
 * the sandbox as {@code POST /api/v1/execute} would send them. It lives here, not in
 * {@code project}, so that projects know nothing of running (execute uses project, never
 * the other way round).
 */
@RestController
@Tag(name = "Projects")
class ProjectRunController {

    private final ProjectService projects;

    private final RunService runs;

    ProjectRunController(ProjectService projects, RunService runs) {
        this.projects = projects;
        this.runs = runs;
    }

    record RunBody(String entry, String stdin, List<String> args, ExecuteRequest.LimitsInput limits,
            Boolean saveHistory, List<String> outputFiles) {
    }

    @Operation(summary = "Run the project's files from its entry point, as POST /api/v1/execute would")
    @BodyExample(summary = "Standard input and arguments", value = """
            {"stdin": "Ada\\n", "args": ["Ada"]}""")
    @RunRefusals
    @Refuses(ProblemType.PROJECT_NOT_FOUND)
    @PostMapping(path = "/api/v1/projects/{id}/run")
    RunResponse run(@Parameter(example = "42") @PathVariable long id, @RequestBody(required = false) RunBody body,
            Caller caller) {
        Project p = projects.get(caller, id);
        List<ProjectFile> files = projects.files(caller, id, true);
        if (files.isEmpty())
            throw new InvalidFieldException("files", "the project has no files to run");
        RunBody b = body == null ? new RunBody(null, null, null, null, null, null) : body;
        RunRequest.Builder request = RunRequest.builder(p.language())
            .entry(b.entry() != null ? b.entry() : projects.entryOf(p, files));
        files.forEach(f -> request.file(SourceFile.of(f.path(), f.content())));
        if (b.stdin() != null)
            request.stdin(b.stdin().getBytes(StandardCharsets.UTF_8));
        if (b.args() != null)
            request.args(b.args().toArray(String[]::new));
        if (b.outputFiles() != null)
            request.outputFiles(ExecuteRequest.outputFileNames(b.outputFiles()));
        if (b.limits() != null) {
            var l = b.limits();
            request.limits(new LimitRequest(l.wallTimeMs(), l.cpuTimeMs(), l.memoryMb(), l.maxProcesses(),
                    l.maxOutputBytes()));
        }
        RunContext context = RunContext.ofProject("project", p).withSaveHistory(b.saveHistory());
        return RunResponse.of(runs.run(caller, request.build(), context));
    }

}
