package dev.sandlot.server.review;

import static dev.sandlot.server.review.ReviewProblems.forbidden;
import static dev.sandlot.server.review.ReviewProblems.notFound;
import static dev.sandlot.server.review.ReviewProblems.signedIn;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.account.Role;
import dev.sandlot.server.review.ReviewRecords.Attempt;
import dev.sandlot.server.review.ReviewRecords.Submission;
import dev.sandlot.server.review.ReviewRecords.Task;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Who may see what in review. A task's owner, the reviewers it is shared with, and admins
 * manage it and see everything about it; a learner sees a task only through an attempt,
 * an assignment or a valid link, never its hidden test contents, and sees only their own
 * attempts and submissions. Anything a caller may not see is the same 404 as something
 * that does not exist. The terminal calls {@link #canWatch} before letting someone watch
 * a project's terminal read-only.
 */
@Component
public class ReviewAccess {

    static final String ASSIGNEE = "assignee";
    static final String REVIEWER = "reviewer";

    private final TaskRepository taskRepo;

    private final AttemptRepository attemptRepo;

    private final SubmissionRepository submissionRepo;

    ReviewAccess(TaskRepository taskRepo, AttemptRepository attemptRepo, SubmissionRepository submissionRepo) {
        this.taskRepo = taskRepo;
        this.attemptRepo = attemptRepo;
        this.submissionRepo = submissionRepo;
    }

    /**
     * True if the caller is an admin, or manages (owns, or has been shared) the task of
     * an attempt that uses this project; false for everyone else, including anonymous
     * callers and the learner (who owns the project anyway).
     */
    public boolean canWatch(Caller caller, long projectId) {
        if (caller == null || !caller.signedIn())
            return false;
        if (caller.isAdmin())
            return true;
        for (Attempt a : attemptRepo.attemptsByProject(projectId)) {
            if (taskRepo.task(a.taskId()).filter(t -> canManage(caller, t)).isPresent())
                return true;
        }
        return false;
    }

    /**
     * Admins, and reviewers who own the task or were shared it; a demoted reviewer loses
     * its tasks with the role.
     */
    boolean canManage(Caller caller, Task task) {
        if (!caller.signedIn())
            return false;
        if (caller.isAdmin())
            return true;
        return caller.role() == Role.REVIEWER
                && (task.ownerId() == caller.userId() || taskRepo.isMember(task.id(), caller.userId(), REVIEWER));
    }

    boolean isAssignee(Caller caller, Task task) {
        return caller.signedIn() && taskRepo.isMember(task.id(), caller.userId(), ASSIGNEE);
    }

    private boolean canSee(Caller caller, Task task) {
        return canManage(caller, task) || taskRepo.isMember(task.id(), caller.userId(), ASSIGNEE)
                || !attemptRepo.attemptsOf(task.id(), caller.userId()).isEmpty();
    }

    Task visibleTask(Caller caller, long id) {
        signedIn(caller);
        return taskRepo.task(id)
            .filter(t -> t.archivedAt() == null && canSee(caller, t))
            .orElseThrow(() -> notFound("task", "No task " + id + "."));
    }

    /**
     * The task if the caller manages it; 404 if they may not see it, 403 if they see it
     * but do not manage it.
     */
    Task managedTask(Caller caller, long id) {
        Task t = visibleTask(caller, id);
        if (!canManage(caller, t))
            throw forbidden("taskId", "only the task's reviewers and admins may do this");
        return t;
    }

    record AttemptContext(Attempt attempt, Task task) {
    }

    AttemptContext visibleAttempt(Caller caller, long id) {
        signedIn(caller);
        Attempt a = attemptRepo.attempt(id).orElseThrow(() -> notFound("attempt", "No attempt " + id + "."));
        Task t = taskRepo.task(a.taskId()).orElseThrow();
        if (a.learnerId() != caller.userId() && !canManage(caller, t))
            throw notFound("attempt", "No attempt " + id + ".");
        return new AttemptContext(a, t);
    }

    record SubmissionContext(Submission submission, Attempt attempt, Task task, boolean manager) {
    }

    SubmissionContext visibleSubmission(Caller caller, long id) {
        signedIn(caller);
        Submission s = submissionRepo.submission(id)
            .orElseThrow(() -> notFound("submission", "No submission " + id + "."));
        Attempt a = attemptRepo.attempt(s.attemptId()).orElseThrow();
        Task t = taskRepo.task(a.taskId()).orElseThrow();
        boolean manager = canManage(caller, t);
        if (a.learnerId() != caller.userId() && !manager)
            throw notFound("submission", "No submission " + id + ".");
        return new SubmissionContext(s, a, t, manager);
    }

    /**
     * The task's owner and the reviewers it is shared with: who hears about its
     * submissions and replies.
     */
    Set<Long> reviewersOf(Task t) {
        Set<Long> out = new TreeSet<>();
        out.add(t.ownerId());
        for (var m : taskRepo.members(t.id()))
            if (m.role().equals(REVIEWER))
                out.add(m.userId());
        return out;
    }

}
