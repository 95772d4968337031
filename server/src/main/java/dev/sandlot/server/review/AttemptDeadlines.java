package dev.sandlot.server.review;

import dev.sandlot.server.project.ProjectWriteGuard;
import dev.sandlot.server.review.ReviewRecords.Attempt;
import org.springframework.stereotype.Component;

/**
 * An attempt's project is the reviewer's evidence: its files and its name, language and
 * entry are read-only once the attempt's time limit has passed, and neither the project
 * nor its recorded runs can be deleted through the project or history API at any time.
 */
@Component
class AttemptDeadlines implements ProjectWriteGuard {

    private final AttemptRepository attemptRepo;

    AttemptDeadlines(AttemptRepository attemptRepo) {
        this.attemptRepo = attemptRepo;
    }

    @Override
    public void checkWritable(long projectId) {
        for (Attempt a : attemptRepo.attemptsByProject(projectId)) {
            if (a.deadlineAt() != null && !a.deadlineAt().isAfter(ReviewRecords.now())) {
                throw ReviewProblems.conflict("attempt-closed", "projectId", "is attempt " + a.id()
                        + ", which ran out of time at " + a.deadlineAt() + ": its files are read-only");
            }
        }
    }

    @Override
    public void checkDeletable(long projectId) {
        for (Attempt a : attemptRepo.attemptsByProject(projectId)) {
            throw ReviewProblems.conflict("attempt-evidence", "projectId", "is the project of attempt " + a.id()
                    + ": it and its recorded runs are the reviewer's evidence and cannot be deleted");
        }
    }

}
