package dev.sandlot.server.review;

import dev.sandlot.server.project.ProjectWriteGuard;
import dev.sandlot.server.review.ReviewRecords.Attempt;
import org.springframework.stereotype.Component;

/** An attempt's files are read-only through the project API once its time limit has passed. */
@Component
class AttemptDeadlines implements ProjectWriteGuard {

    private final ReviewRepository repo;

    AttemptDeadlines(ReviewRepository repo) {
        this.repo = repo;
    }

    @Override
    public void checkWritable(long projectId) {
        for (Attempt a : repo.attemptsByProject(projectId)) {
            if (a.deadlineAt() != null && !a.deadlineAt().isAfter(ReviewRepository.now())) {
                throw ReviewProblems.conflict("attempt-closed", "projectId", "is attempt " + a.id() + ", which ran out of time at "
                        + a.deadlineAt() + ": its files are read-only");
            }
        }
    }
}
