package dev.sandlot.server.review;

import static dev.sandlot.server.review.ReviewProblems.conflict;
import static dev.sandlot.server.review.ReviewProblems.forbidden;
import static dev.sandlot.server.review.ReviewProblems.notFound;
import static dev.sandlot.server.review.ReviewProblems.signedIn;

import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.history.HistoryService;
import dev.sandlot.server.project.Project;
import dev.sandlot.server.project.ProjectFile;
import dev.sandlot.server.project.ProjectService;
import dev.sandlot.server.review.ReviewAccess.AttemptContext;
import dev.sandlot.server.review.ReviewRecords.Attempt;
import dev.sandlot.server.review.ReviewRecords.CaseResult;
import dev.sandlot.server.review.ReviewRecords.Submission;
import dev.sandlot.server.review.ReviewRecords.Task;
import dev.sandlot.server.review.ReviewRecords.TaskFile;
import dev.sandlot.server.review.ReviewRecords.TestCase;
import dev.sandlot.server.review.ReviewViews.AttemptView;
import dev.sandlot.server.review.ReviewViews.FileView;
import dev.sandlot.server.review.ReviewViews.OpenedAttempt;
import dev.sandlot.server.review.ReviewViews.ResultView;
import dev.sandlot.server.review.ReviewViews.RunView;
import dev.sandlot.server.review.ReviewViews.TestRunView;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Learners' attempts at a task: opening one (a project from the starter files), its files
 * and runs, and test runs.
 */
@Service
public class AttemptService {

    private final TaskRepository taskRepo;

    private final AttemptRepository attemptRepo;

    private final SubmissionRepository submissionRepo;

    private final ReviewAccess access;

    private final TaskService tasks;

    private final ProjectService projects;

    private final CaseRunner runner;

    private final AccountService accounts;

    private final HistoryService history;

    private final TransactionTemplate tx;

    AttemptService(TaskRepository taskRepo, AttemptRepository attemptRepo, SubmissionRepository submissionRepo,
            ReviewAccess access, TaskService tasks, ProjectService projects, CaseRunner runner, AccountService accounts,
            HistoryService history, TransactionTemplate tx) {
        this.taskRepo = taskRepo;
        this.attemptRepo = attemptRepo;
        this.submissionRepo = submissionRepo;
        this.access = access;
        this.tasks = tasks;
        this.projects = projects;
        this.runner = runner;
        this.accounts = accounts;
        this.history = history;
        this.tx = tx;
    }

    /**
     * Opens the caller's attempt through a link: their latest attempt, or a new one (also
     * when {@code again} allows it).
     */
    public OpenedAttempt openByLink(Caller caller, String token, boolean again) {
        signedIn(caller);
        return open(caller, tasks.taskByLink(token), again, token);
    }

    /**
     * Opens an attempt of a task the caller can see (assigned, already attempted, or
     * managed).
     */
    public OpenedAttempt openAssigned(Caller caller, long taskId, boolean again) {
        return open(caller, access.visibleTask(caller, taskId), again, null);
    }

    /**
     * Opens or starts an attempt. {@code viaLink} is the link token the caller came
     * through (checked by {@link TaskService#taskByLink}), or null. A new attempt needs a
     * right that still holds now: the task is assigned to the caller or managed by them,
     * or the caller came through the task's current, unexpired link (now, or for an
     * earlier attempt). Revoking or replacing a link thus stops everyone who joined
     * through it from starting more attempts.
     */
    private OpenedAttempt open(Caller caller, Task found, boolean again, String viaLink) {
        return tx.execute(status -> {
            // Locked and read again: the task may have been edited or deleted since it
            // was found.
            Task task = taskRepo.lockTask(found.id())
                .filter(t -> t.archivedAt() == null)
                .orElseThrow(() -> notFound("task", "No task " + found.id() + "."));
            List<Attempt> mine = attemptRepo.attemptsOf(task.id(), caller.userId());
            if (!mine.isEmpty() && !again)
                return new OpenedAttempt(attemptView(mine.getFirst(), task), false);
            if (mine.size() >= task.maxAttempts()) {
                throw conflict("attempt-limit", "again",
                        "cannot start another attempt: this task allows " + task.maxAttempts() + " per learner");
            }
            String link = viaLink != null ? viaLink : linkStillValid(task, mine);
            if (link == null && !access.canManage(caller, task) && !access.isAssignee(caller, task)) {
                throw forbidden("again",
                        "cannot start another attempt: you joined this task through a share link that was "
                                + "revoked, replaced or has expired; your attempts stay yours to read");
            }
            List<ProjectService.NewFile> files = taskRepo.taskFiles(task.id())
                .stream()
                .map(f -> new ProjectService.NewFile(f.path(), f.content()))
                .toList();
            String name = task.title().length() > 180 ? task.title().substring(0, 180) : task.title();
            Project p = projects.create(caller, name + " (attempt)", task.language(), task.entry(), files, false);
            OffsetDateTime now = ReviewRecords.now();
            OffsetDateTime deadline = task.timeLimitMinutes() == null ? null : now.plusMinutes(task.timeLimitMinutes());
            long id = attemptRepo.createAttempt(task.id(), caller.userId(), p.id(), now, deadline, link);
            return new OpenedAttempt(attemptView(attemptRepo.attempt(id).orElseThrow(), task), true);
        });
    }

    /**
     * The task's current link token if one of the caller's attempts was started through
     * it and it has not expired; else null.
     */
    private static String linkStillValid(Task task, List<Attempt> mine) {
        if (task.linkToken() == null)
            return null;
        if (task.linkExpiresAt() != null && !task.linkExpiresAt().isAfter(ReviewRecords.now()))
            return null;
        return mine.stream().anyMatch(a -> task.linkToken().equals(a.viaLink())) ? task.linkToken() : null;
    }

    /**
     * The task's attempts: all of them for its reviewers, the caller's own for a learner.
     */
    public List<AttemptView> attemptsOfTask(Caller caller, long taskId) {
        Task t = access.visibleTask(caller, taskId);
        return attemptRepo.attemptsOf(t.id(), access.canManage(caller, t) ? null : caller.userId())
            .stream()
            .map(a -> attemptView(a, t))
            .toList();
    }

    /** The caller's own attempts, optionally only the one on a project. */
    public List<AttemptView> myAttempts(Caller caller, Long projectId) {
        signedIn(caller);
        List<Attempt> list = projectId == null ? attemptRepo.attemptsByLearner(caller.userId())
                : attemptRepo.attemptsByProject(projectId)
                    .stream()
                    .filter(a -> a.learnerId() == caller.userId())
                    .toList();
        return list.stream().map(a -> attemptView(a, taskRepo.task(a.taskId()).orElseThrow())).toList();
    }

    public AttemptView attempt(Caller caller, long id) {
        AttemptContext c = access.visibleAttempt(caller, id);
        return attemptView(c.attempt(), c.task());
    }

    /**
     * The live files of the attempt's project, read-only: for the learner and the task's
     * reviewers.
     */
    public List<FileView> attemptFiles(Caller caller, long id) {
        AttemptContext c = access.visibleAttempt(caller, id);
        if (c.attempt().projectId() == null)
            return List.of();
        return projects.filesForReview(c.attempt().projectId())
            .stream()
            .map(f -> new FileView(f.path(), f.content()))
            .toList();
    }

    /**
     * The recorded runs of the attempt's project, newest first, with their timestamps.
     */
    public List<RunView> attemptRuns(Caller caller, long id) {
        AttemptContext c = access.visibleAttempt(caller, id);
        if (c.attempt().projectId() == null)
            return List.of();
        return history.runsOfProject(c.attempt().projectId())
            .stream()
            .map(r -> new RunView(r.id(), r.status(), r.source(), r.projectRevision(), r.wallTimeMs(), r.createdAt()))
            .toList();
    }

    /**
     * Runs the visible test cases against the attempt's current files. Only its learner
     * (or an admin) may.
     */
    public TestRunView runTests(Caller caller, long id) {
        AttemptContext c = access.visibleAttempt(caller, id);
        if (c.attempt().learnerId() != caller.userId() && !caller.isAdmin()) {
            throw forbidden("attemptId", "only the learner runs the tests of their attempt");
        }
        requireOpen(c.attempt());
        Project p = projects.get(caller, c.attempt().projectId());
        List<ProjectFile> files = projects.files(caller, p.id(), true);
        List<TestCase> visible = taskRepo.cases(c.task().id()).stream().filter(t -> !t.hidden()).toList();
        CaseRunner.Program program = new CaseRunner.Program(c.task().language(), entry(c.task(), p, files),
                files.stream().map(f -> new TaskFile(f.path(), f.content())).toList(), p.id(), p.revision(), p.name());
        List<CaseResult> results = runner.run(caller, program, visible, "review-tests");
        Map<Long, TestCase> byId = new HashMap<>();
        visible.forEach(t -> byId.put(t.id(), t));
        List<ResultView> views = results.stream().map(r -> ReviewViews.result(r, byId.get(r.caseId()), true)).toList();
        int passed = (int) results.stream().filter(r -> r.verdict().equals("accepted")).count();
        return new TestRunView(id, views, passed, results.size(), ReviewRecords.now());
    }

    String entry(Task task, Project p, List<ProjectFile> files) {
        if (task.entry() != null && files.stream().anyMatch(f -> f.path().equals(task.entry())))
            return task.entry();
        return projects.entryOf(p, files);
    }

    static void requireOpen(Attempt a) {
        if (a.projectId() == null)
            throw conflict("attempt-closed", "attemptId", "has no project any more (it was deleted)");
        if (a.deadlineAt() != null && !a.deadlineAt().isAfter(ReviewRecords.now())) {
            throw conflict("attempt-closed", "attemptId", "ran out of time at " + a.deadlineAt());
        }
    }

    AttemptView attemptView(Attempt a, Task t) {
        List<Submission> subs = submissionRepo.submissionsOf(a.id());
        boolean closed = a.projectId() == null
                || (a.deadlineAt() != null && !a.deadlineAt().isAfter(ReviewRecords.now()));
        return new AttemptView(a.id(), t.id(), t.title(), a.learnerId(), accounts.username(a.learnerId()).orElse(null),
                a.projectId(), a.startedAt(), a.deadlineAt(), closed, subs.size(),
                subs.isEmpty() ? null : subs.getFirst().status());
    }

}
