package dev.sandlot.server.interview.live;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.server.project.ProjectService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Writes a room's shared text to its project, as the pad's owner and through the
 * project's own rules (paths, caps, quota): what the project refuses is taken back out of
 * the document. One write per room at a time.
 */
@Component
class ProjectWriter {

    private static final Logger log = LoggerFactory.getLogger(ProjectWriter.class);

    private final ProjectService projects;

    private final UpdateLog updates;

    ProjectWriter(ProjectService projects, UpdateLog updates) {
        this.projects = projects;
        this.updates = updates;
    }

    void write(PadRoom room) {
        room.writing.lock();
        try {
            long revision = -1;
            for (PadRoom.Write w : room.pendingWrites()) {
                try {
                    if (w.content().isPresent()) {
                        var saved = projects.putFile(room.owner, room.projectId, w.path(), w.content().get(), null);
                        revision = Math.max(revision, saved.file().revision());
                    }
                    else {
                        projects.deleteFile(room.owner, room.projectId, w.path(), null);
                    }
                    room.wrote(w);
                }
                catch (InvalidFieldException e) {
                    room.refused(w, e.getMessage());
                }
                catch (ErrorResponseException e) {
                    if (e.getStatusCode() == HttpStatus.NOT_FOUND && w.content().isEmpty()) {
                        room.wrote(w); // deleted already
                    }
                    else {
                        log.warn("pad {}: '{}' not written to project {}: {}", room.padId, w.path(), room.projectId,
                                e.getBody().getDetail());
                        room.writeFailed(w);
                    }
                }
            }
            if (revision >= 0)
                updates.written(room.padId, revision);
        }
        finally {
            room.writing.unlock();
        }
    }

}
