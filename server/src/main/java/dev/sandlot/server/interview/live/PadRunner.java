package dev.sandlot.server.interview.live;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.RunRequest;
import dev.sandlot.engine.SandboxUnavailableException;
import dev.sandlot.server.execute.RunService;
import dev.sandlot.server.history.RunContext;
import dev.sandlot.server.project.Project;
import dev.sandlot.server.project.ProjectFile;
import dev.sandlot.server.project.ProjectService;
import dev.sandlot.server.web.RejectedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a pad's files as they are in its shared document, interactively, for everyone in
 * it: the project's language and entry point, recorded in the history of whoever pressed
 * Run as a run of the pad's project, and in the pad's own record for playback.
 */
@Component
class PadRunner {

    private static final Logger log = LoggerFactory.getLogger(PadRunner.class);

    private final RunService runs;

    private final ProjectService projects;

    private final UpdateLog updates;

    PadRunner(RunService runs, ProjectService projects, UpdateLog updates) {
        this.runs = runs;
        this.projects = projects;
        this.updates = updates;
    }

    /** Starts a run for {@code c}; the refusal if it cannot be. */
    PadRoom.Refusal start(PadRoom room, LiveConnection c, String stdin) {
        if (room.ended())
            return new PadRoom.Refusal("read-only", "The interview has ended; nothing more runs in this pad.");
        Map<String, String> texts = room.texts();
        if (texts.isEmpty())
            return new PadRoom.Refusal("no-files", "The pad has no files to run.");
        SharedRun run = room.newRun(c.participant);
        if (run == null)
            return new PadRoom.Refusal("run-in-progress", "A run is in progress; stop it or wait for it to finish.");
        RunService.Started started;
        try {
            Project project = projects.get(room.owner, room.projectId);
            List<ProjectFile> files = new ArrayList<>();
            texts.forEach((path, content) -> files
                .add(new ProjectFile(path, content, 0, content.getBytes(StandardCharsets.UTF_8).length, null)));
            RunRequest.Builder request = RunRequest.builder(project.language()).entry(projects.entryOf(project, files));
            files.forEach(f -> request.file(f.path(), f.content()));
            if (stdin != null)
                request.stdin(stdin.getBytes(StandardCharsets.UTF_8));
            started = runs.start(c.caller, request.build(), RunContext.ofProject("pad", project), run);
        }
        catch (InvalidFieldException | RejectedException | SandboxUnavailableException e) {
            room.dropRun(run);
            log.info("pad {}: run by participant {} refused: {}", room.padId, c.participant.id(), e.getMessage());
            return new PadRoom.Refusal("run-refused", e.getMessage());
        }
        run.started(started);
        log.info("pad {}: run {} started by participant {}", room.padId, run.runId(), c.participant.id());
        var unused = started.finished().whenComplete((result, failure) -> {
            run.finish(result);
            try {
                updates.recordRun(room.padId, run.record());
            }
            catch (RuntimeException e) {
                log.warn("pad {}: run {} not recorded: {}", room.padId, run.runId(), e.toString());
            }
            log.info("pad {}: run {} finished: {}", room.padId, run.runId(),
                    result == null ? "failed on the server" : result.status());
        });
        return null;
    }

}
