package dev.sandlot.server.review;

import dev.sandlot.server.account.Caller;
import org.springframework.stereotype.Component;

/**
 * Review rights other features ask about. The terminal calls
 * {@link #canWatch} before letting someone watch a project's terminal read-only.
 */
@Component
public class ReviewAccess {

    private final ReviewService reviews;

    ReviewAccess(ReviewService reviews) {
        this.reviews = reviews;
    }

    /**
     * True if the caller is an admin, or manages (owns, or has been shared) the
     * task of an attempt that uses this project; false for everyone else,
     * including anonymous callers and the learner (who owns the project anyway).
     */
    public boolean canWatch(Caller caller, long projectId) {
        return caller != null && reviews.canWatchProject(caller, projectId);
    }
}
