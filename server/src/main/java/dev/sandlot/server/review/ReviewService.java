package dev.sandlot.server.review;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.SourcePaths;
import dev.sandlot.server.SandlotProperties;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.account.Role;
import dev.sandlot.server.project.Project;
import dev.sandlot.server.project.ProjectFile;
import dev.sandlot.server.project.ProjectService;
import dev.sandlot.server.review.ReviewRecords.Attempt;
import dev.sandlot.server.review.ReviewRecords.CaseResult;
import dev.sandlot.server.review.ReviewRecords.Comment;
import dev.sandlot.server.review.ReviewRecords.Submission;
import dev.sandlot.server.review.ReviewRecords.Task;
import dev.sandlot.server.review.ReviewRecords.TaskFile;
import dev.sandlot.server.review.ReviewRecords.TestCase;
import dev.sandlot.server.review.ReviewViews.AttemptView;
import dev.sandlot.server.review.ReviewViews.CaseView;
import dev.sandlot.server.review.ReviewViews.CommentView;
import dev.sandlot.server.review.ReviewViews.DiffView;
import dev.sandlot.server.review.ReviewViews.FileDiff;
import dev.sandlot.server.review.ReviewViews.FileView;
import dev.sandlot.server.review.ReviewViews.LinkPreview;
import dev.sandlot.server.review.ReviewViews.LinkView;
import dev.sandlot.server.review.ReviewViews.MemberView;
import dev.sandlot.server.review.ReviewViews.NotificationView;
import dev.sandlot.server.review.ReviewViews.Notifications;
import dev.sandlot.server.review.ReviewViews.OpenedAttempt;
import dev.sandlot.server.review.ReviewViews.ResultView;
import dev.sandlot.server.review.ReviewViews.RunView;
import dev.sandlot.server.review.ReviewViews.SubmissionView;
import dev.sandlot.server.review.ReviewViews.TaskView;
import dev.sandlot.server.review.ReviewViews.TestRunView;
import dev.sandlot.server.web.InvalidFieldException;
import dev.sandlot.server.web.Problems;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * The review workflow and its rules in one place. Who may see what:
 * a task's owner, the reviewers it is shared with, and admins manage it and
 * see everything about it; a learner sees a task only through an attempt, an
 * assignment or a valid link, never its hidden test contents, and sees only
 * their own attempts and submissions. Anything a caller may not see is the
 * same 404 as something that does not exist.
 */
@Service
public class ReviewService {

    static final String ASSIGNEE = "assignee";
    static final String REVIEWER = "reviewer";
    static final Set<String> DECISIONS = Set.of("approved", "changes_requested", "rejected");
    private static final int MAX_CASES = 50;
    private static final int MAX_TEXT = 64 * 1024;
    private static final int MAX_CASE_IO = 1024 * 1024;

    private final ReviewRepository repo;
    private final ProjectService projects;
    private final CaseRunner runner;
    private final TransactionTemplate tx;
    private final Engine engine;
    private final SandlotProperties.Projects caps;
    private final SecureRandom random = new SecureRandom();

    ReviewService(ReviewRepository repo, ProjectService projects, CaseRunner runner, TransactionTemplate tx, Engine engine,
                  SandlotProperties properties) {
        this.repo = repo;
        this.projects = projects;
        this.runner = runner;
        this.tx = tx;
        this.engine = engine;
        this.caps = properties.getProjects();
    }

    // ================================================================ access

    boolean canManage(Caller caller, Task task) {
        return caller.signedIn() && (caller.isAdmin() || task.ownerId() == caller.userId()
                || repo.isMember(task.id(), caller.userId(), REVIEWER));
    }

    private boolean canSee(Caller caller, Task task) {
        return canManage(caller, task) || repo.isMember(task.id(), caller.userId(), ASSIGNEE)
                || !repo.attemptsOf(task.id(), caller.userId()).isEmpty();
    }

    /** True if the caller is an admin or manages the task of an attempt that uses this project. */
    boolean canWatchProject(Caller caller, long projectId) {
        if (!caller.signedIn()) return false;
        if (caller.isAdmin()) return true;
        for (Attempt a : repo.attemptsByProject(projectId)) {
            if (repo.task(a.taskId()).filter(t -> canManage(caller, t)).isPresent()) return true;
        }
        return false;
    }

    private static void signedIn(Caller caller) {
        if (!caller.signedIn()) {
            throw new ErrorResponseException(HttpStatus.UNAUTHORIZED, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Sign-in required", "Sign in (POST /api/v1/auth/login) or send a bearer token or API key."), null);
        }
    }

    private Task visibleTask(Caller caller, long id) {
        signedIn(caller);
        return repo.task(id).filter(t -> canSee(caller, t)).orElseThrow(() -> notFound("task", "No task " + id + "."));
    }

    private Task managedTask(Caller caller, long id) {
        Task t = visibleTask(caller, id);
        if (!canManage(caller, t)) throw forbidden("taskId", "only the task's reviewers and admins may do this");
        return t;
    }

    private record Context(Attempt attempt, Task task) {
    }

    private Context visibleAttempt(Caller caller, long id) {
        signedIn(caller);
        Attempt a = repo.attempt(id).orElseThrow(() -> notFound("attempt", "No attempt " + id + "."));
        Task t = repo.task(a.taskId()).orElseThrow();
        if (a.learnerId() != caller.userId() && !canManage(caller, t)) throw notFound("attempt", "No attempt " + id + ".");
        return new Context(a, t);
    }

    private record SubmissionContext(Submission submission, Attempt attempt, Task task, boolean manager) {
    }

    private SubmissionContext visibleSubmission(Caller caller, long id) {
        signedIn(caller);
        Submission s = repo.submission(id).orElseThrow(() -> notFound("submission", "No submission " + id + "."));
        Attempt a = repo.attempt(s.attemptId()).orElseThrow();
        Task t = repo.task(a.taskId()).orElseThrow();
        boolean manager = canManage(caller, t);
        if (a.learnerId() != caller.userId() && !manager) throw notFound("submission", "No submission " + id + ".");
        return new SubmissionContext(s, a, t, manager);
    }

    // ================================================================ tasks

    /** A starter file of a new task. */
    public record NewFile(String path, String content) {
    }

    /** A test case of a new task; hidden cases run only on submission, and learners never see their contents. */
    public record NewCase(String name, String stdin, String expectedStdout, Boolean hidden, Long timeLimitMs, Long memoryMb) {
    }

    public record NewTask(String title, String statement, String language, String entry, Integer timeLimitMinutes,
                          Integer maxAttempts, List<NewFile> starterFiles, List<NewCase> tests, List<String> assignees) {
    }

    public TaskView createTask(Caller caller, NewTask body) {
        signedIn(caller);
        if (caller.role() != Role.REVIEWER && !caller.isAdmin()) {
            throw forbidden("role", "only reviewers and admins may create tasks");
        }
        if (body == null) throw new InvalidFieldException("title", "is required");
        String title = text("title", body.title(), 200, true);
        String statement = body.statement() == null ? "" : text("statement", body.statement(), MAX_TEXT, false);
        if (body.language() == null || body.language().isBlank()) throw new InvalidFieldException("language", "is required");
        String language = engine.language(body.language(), null).id();
        if (body.entry() != null && !body.entry().isEmpty()) path("entry", body.entry());
        Integer minutes = body.timeLimitMinutes();
        if (minutes != null && (minutes < 1 || minutes > 7 * 24 * 60)) {
            throw new InvalidFieldException("timeLimitMinutes", "must be between 1 and 10080 (a week)");
        }
        int maxAttempts = body.maxAttempts() == null ? 1 : body.maxAttempts();
        if (maxAttempts < 1 || maxAttempts > 100) throw new InvalidFieldException("maxAttempts", "must be between 1 and 100");
        List<NewFile> files = body.starterFiles() == null ? List.of() : body.starterFiles();
        if (files.size() > caps.getMaxFiles()) {
            throw new InvalidFieldException("starterFiles", "must have at most " + caps.getMaxFiles() + " files", (long) caps.getMaxFiles());
        }
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            NewFile f = files.get(i);
            if (f == null || f.path() == null) throw new InvalidFieldException("starterFiles[" + i + "].path", "is required");
            path("starterFiles[" + i + "].path", f.path());
            if (!seen.add(f.path())) throw new InvalidFieldException("starterFiles[" + i + "].path", "repeats '" + f.path() + "'");
            if (f.content() == null) throw new InvalidFieldException("starterFiles[" + i + "].content", "is required");
            int size = f.content().getBytes(StandardCharsets.UTF_8).length;
            if (size > caps.getMaxFileBytes()) {
                throw new InvalidFieldException("starterFiles[" + i + "].content", "must be at most " + caps.getMaxFileBytes() + " bytes",
                        (long) caps.getMaxFileBytes());
            }
            total += size;
        }
        if (total > caps.getMaxProjectBytes()) {
            throw new InvalidFieldException("starterFiles", "must total at most " + caps.getMaxProjectBytes() + " bytes",
                    (long) caps.getMaxProjectBytes());
        }
        List<NewCase> cases = body.tests() == null ? List.of() : body.tests();
        if (cases.size() > MAX_CASES) throw new InvalidFieldException("tests", "must have at most " + MAX_CASES + " cases", (long) MAX_CASES);
        for (int i = 0; i < cases.size(); i++) {
            NewCase c = cases.get(i);
            String at = "tests[" + i + "]";
            if (c == null) throw new InvalidFieldException(at, "must be an object");
            if (c.name() != null) text(at + ".name", c.name(), 200, false);
            if (c.stdin() != null) text(at + ".stdin", c.stdin(), MAX_CASE_IO, false);
            if (c.expectedStdout() == null) throw new InvalidFieldException(at + ".expectedStdout", "is required");
            text(at + ".expectedStdout", c.expectedStdout(), MAX_CASE_IO, false);
            if (c.timeLimitMs() != null && (c.timeLimitMs() < 100 || c.timeLimitMs() > 60_000)) {
                throw new InvalidFieldException(at + ".timeLimitMs", "must be between 100 and 60000");
            }
            if (c.memoryMb() != null && (c.memoryMb() < 16 || c.memoryMb() > 1024)) {
                throw new InvalidFieldException(at + ".memoryMb", "must be between 16 and 1024");
            }
        }
        List<Long> assignees = new ArrayList<>();
        List<String> names = body.assignees() == null ? List.of() : body.assignees();
        for (int i = 0; i < names.size(); i++) assignees.add(userId("assignees[" + i + "]", names.get(i)));
        long id = tx.execute(status -> {
            long taskId = repo.createTask(caller.userId(), title, statement, language,
                    body.entry() == null || body.entry().isEmpty() ? null : body.entry(), minutes, maxAttempts);
            for (NewFile f : files) repo.insertTaskFile(taskId, f.path(), f.content());
            for (int i = 0; i < cases.size(); i++) {
                NewCase c = cases.get(i);
                repo.insertCase(taskId, i + 1, c.name() == null || c.name().isBlank() ? "Test " + (i + 1) : c.name().strip(),
                        c.stdin() == null ? "" : c.stdin(), c.expectedStdout(), Boolean.TRUE.equals(c.hidden()),
                        c.timeLimitMs(), c.memoryMb());
            }
            for (long user : assignees) repo.addMember(taskId, user, ASSIGNEE);
            return taskId;
        });
        return taskView(caller, repo.task(id).orElseThrow());
    }

    public List<TaskView> tasks(Caller caller) {
        signedIn(caller);
        List<Task> tasks = caller.isAdmin() ? repo.allTasks() : repo.tasksOf(caller.userId());
        return tasks.stream().map(t -> taskView(caller, t)).toList();
    }

    public TaskView task(Caller caller, long id) {
        return taskView(caller, visibleTask(caller, id));
    }

    /** Creates (or replaces) the task's link; the old link stops working. */
    public TaskView createLink(Caller caller, long id, OffsetDateTime expiresAt) {
        Task t = managedTask(caller, id);
        if (expiresAt != null && !expiresAt.isAfter(ReviewRepository.now())) {
            throw new InvalidFieldException("expiresAt", "must be in the future");
        }
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        repo.setLink(t.id(), Base64.getUrlEncoder().withoutPadding().encodeToString(raw), expiresAt);
        return taskView(caller, repo.task(id).orElseThrow());
    }

    public TaskView revokeLink(Caller caller, long id) {
        Task t = managedTask(caller, id);
        repo.setLink(t.id(), null, null);
        return taskView(caller, repo.task(id).orElseThrow());
    }

    /** Assigns the task to a user ({@code role} assignee) or shares it with another reviewer ({@code role} reviewer). */
    public TaskView addMember(Caller caller, long id, String username, String role) {
        Task t = managedTask(caller, id);
        long user = userId("username", username);
        if (REVIEWER.equals(role)) {
            Role r = repo.username(user).isPresent() ? roleOf(user) : null;
            if (r != Role.REVIEWER && r != Role.ADMIN) throw new InvalidFieldException("username", "is not a reviewer");
        }
        repo.addMember(t.id(), user, role);
        if (ASSIGNEE.equals(role)) {
            repo.notify(user, "task-assigned", "You were assigned the task \u201c" + t.title() + "\u201d.", "/?task-id=" + t.id());
        }
        return taskView(caller, repo.task(id).orElseThrow());
    }

    private Role roleOf(long userId) {
        return repo.role(userId).map(Role::valueOf).orElse(null);
    }

    /** What a link shows before it is opened; anonymous callers too (a candidate signs up after reading it). */
    public LinkPreview preview(String token) {
        Task t = taskByLink(token);
        List<TestCase> cases = repo.cases(t.id());
        int hidden = (int) cases.stream().filter(TestCase::hidden).count();
        return new LinkPreview(t.id(), t.title(), Markdown.html(t.statement()), t.language(), repo.username(t.ownerId()).orElse(null),
                t.timeLimitMinutes(), cases.size() - hidden, hidden);
    }

    private Task taskByLink(String token) {
        if (token == null || token.isBlank() || token.length() > 64) throw linkRefused(HttpStatus.NOT_FOUND, "link-not-found",
                "is not a task link this server knows (it may have been revoked)");
        Task t = repo.taskByToken(token).orElseThrow(() -> linkRefused(HttpStatus.NOT_FOUND, "link-not-found",
                "is not a task link this server knows (it may have been revoked)"));
        if (t.linkExpiresAt() != null && !t.linkExpiresAt().isAfter(ReviewRepository.now())) {
            throw linkRefused(HttpStatus.GONE, "link-expired", "expired at " + t.linkExpiresAt());
        }
        return t;
    }

    private static ErrorResponseException linkRefused(HttpStatus status, String kind, String detail) {
        ProblemDetail p = Problems.of(status, kind, status == HttpStatus.GONE ? "Link expired" : "Unknown link", "token " + detail);
        p.setProperty("field", "token");
        return new ErrorResponseException(status, p, null);
    }

    // ================================================================ attempts

    /** Opens the caller's attempt through a link: their latest attempt, or a new one (also when {@code again} allows it). */
    public OpenedAttempt openByLink(Caller caller, String token, boolean again) {
        signedIn(caller);
        return open(caller, taskByLink(token), again);
    }

    /** Opens an attempt of a task the caller can see (assigned, already attempted, or managed). */
    public OpenedAttempt openAssigned(Caller caller, long taskId, boolean again) {
        return open(caller, visibleTask(caller, taskId), again);
    }

    private OpenedAttempt open(Caller caller, Task task, boolean again) {
        return tx.execute(status -> {
            repo.lockTask(task.id());
            List<Attempt> mine = repo.attemptsOf(task.id(), caller.userId());
            if (!mine.isEmpty() && !again) return new OpenedAttempt(attemptView(mine.getFirst(), task), false);
            if (mine.size() >= task.maxAttempts()) {
                throw conflict("attempt-limit", "again", "cannot start another attempt: this task allows "
                        + task.maxAttempts() + " per learner");
            }
            List<ProjectService.NewFile> files = repo.taskFiles(task.id()).stream()
                    .map(f -> new ProjectService.NewFile(f.path(), f.content())).toList();
            String name = task.title().length() > 180 ? task.title().substring(0, 180) : task.title();
            Project p = projects.create(caller, name + " (attempt)", task.language(), task.entry(), files, false);
            OffsetDateTime now = ReviewRepository.now();
            OffsetDateTime deadline = task.timeLimitMinutes() == null ? null : now.plusMinutes(task.timeLimitMinutes());
            long id = repo.createAttempt(task.id(), caller.userId(), p.id(), now, deadline);
            return new OpenedAttempt(attemptView(repo.attempt(id).orElseThrow(), task), true);
        });
    }

    /** The task's attempts: all of them for its reviewers, the caller's own for a learner. */
    public List<AttemptView> attemptsOfTask(Caller caller, long taskId) {
        Task t = visibleTask(caller, taskId);
        return repo.attemptsOf(t.id(), canManage(caller, t) ? null : caller.userId()).stream().map(a -> attemptView(a, t)).toList();
    }

    /** The caller's own attempts, optionally only the one on a project. */
    public List<AttemptView> myAttempts(Caller caller, Long projectId) {
        signedIn(caller);
        List<Attempt> list = projectId == null ? repo.attemptsByLearner(caller.userId())
                : repo.attemptsByProject(projectId).stream().filter(a -> a.learnerId() == caller.userId()).toList();
        return list.stream().map(a -> attemptView(a, repo.task(a.taskId()).orElseThrow())).toList();
    }

    public AttemptView attempt(Caller caller, long id) {
        Context c = visibleAttempt(caller, id);
        return attemptView(c.attempt(), c.task());
    }

    /** The live files of the attempt's project, read-only: for the learner and the task's reviewers. */
    public List<FileView> attemptFiles(Caller caller, long id) {
        Context c = visibleAttempt(caller, id);
        if (c.attempt().projectId() == null) return List.of();
        return projects.filesForReview(c.attempt().projectId()).stream().map(f -> new FileView(f.path(), f.content())).toList();
    }

    /** The recorded runs of the attempt's project, newest first, with their timestamps. */
    public List<RunView> attemptRuns(Caller caller, long id) {
        Context c = visibleAttempt(caller, id);
        if (c.attempt().projectId() == null) return List.of();
        return repo.runs(c.attempt().projectId()).stream()
                .map(r -> new RunView(r.id(), r.status(), r.source(), r.projectRevision(), r.wallTimeMs(), r.createdAt())).toList();
    }

    /** Runs the visible test cases against the attempt's current files. Only its learner (or an admin) may. */
    public TestRunView runTests(Caller caller, long id) {
        Context c = visibleAttempt(caller, id);
        if (c.attempt().learnerId() != caller.userId() && !caller.isAdmin()) {
            throw forbidden("attemptId", "only the learner runs the tests of their attempt");
        }
        open(c.attempt());
        Project p = projects.get(caller, c.attempt().projectId());
        List<ProjectFile> files = projects.files(caller, p.id(), true);
        List<TestCase> visible = repo.cases(c.task().id()).stream().filter(t -> !t.hidden()).toList();
        CaseRunner.Program program = new CaseRunner.Program(c.task().language(), entry(c.task(), p, files),
                files.stream().map(f -> new TaskFile(f.path(), f.content())).toList(), p.id(), p.revision());
        List<CaseResult> results = runner.run(caller, program, visible, "review-tests");
        Map<Long, TestCase> byId = new HashMap<>();
        visible.forEach(t -> byId.put(t.id(), t));
        List<ResultView> views = results.stream().map(r -> resultView(r, byId.get(r.caseId()), true)).toList();
        int passed = (int) results.stream().filter(r -> r.verdict().equals("accepted")).count();
        return new TestRunView(id, views, passed, results.size(), ReviewRepository.now());
    }

    private String entry(Task task, Project p, List<ProjectFile> files) {
        if (task.entry() != null && files.stream().anyMatch(f -> f.path().equals(task.entry()))) return task.entry();
        return projects.entryOf(p, files);
    }

    private static void open(Attempt a) {
        if (a.projectId() == null) throw conflict("attempt-closed", "attemptId", "has no project any more (it was deleted)");
        if (a.deadlineAt() != null && !a.deadlineAt().isAfter(ReviewRepository.now())) {
            throw conflict("attempt-closed", "attemptId", "ran out of time at " + a.deadlineAt());
        }
    }

    // ================================================================ submissions

    /** Freezes the attempt's files as the next submission, runs every case against the snapshot, and tells the reviewers. */
    public SubmissionView submit(Caller caller, Long attemptId, String message) {
        signedIn(caller);
        if (attemptId == null) throw new InvalidFieldException("attemptId", "is required");
        Context c;
        try {
            c = visibleAttempt(caller, attemptId);
        } catch (ErrorResponseException e) {
            throw new InvalidFieldException("attemptId", "is not an attempt of yours");
        }
        if (c.attempt().learnerId() != caller.userId()) throw forbidden("attemptId", "only the learner submits their attempt");
        String text = message == null ? "" : text("message", message, 4000, false).strip();
        open(c.attempt());
        Project p = projects.get(caller, c.attempt().projectId());
        List<ProjectFile> files = projects.files(caller, p.id(), true);
        if (files.isEmpty()) throw new InvalidFieldException("attemptId", "the attempt has no files to submit");
        List<TaskFile> snapshot = files.stream().map(f -> new TaskFile(f.path(), f.content())).toList();
        List<TestCase> cases = repo.cases(c.task().id());
        List<CaseResult> results = runner.run(caller, new CaseRunner.Program(c.task().language(), entry(c.task(), p, files),
                snapshot, null, null), cases, "review-submission");
        long id = tx.execute(status -> {
            repo.lockAttempt(c.attempt().id());
            int seq = repo.nextSeq(c.attempt().id());
            long sid = repo.createSubmission(c.attempt().id(), seq, text);
            for (TaskFile f : snapshot) repo.insertSubmissionFile(sid, f.path(), f.content());
            for (CaseResult r : results) repo.insertResult(sid, r);
            String note = caller.username() + " submitted #" + seq + " of \u201c" + c.task().title() + "\u201d.";
            for (long reviewer : reviewersOf(c.task())) repo.notify(reviewer, "submitted", note, "/review.html#submission=" + sid);
            return sid;
        });
        return submission(caller, id);
    }

    private Set<Long> reviewersOf(Task t) {
        Set<Long> out = new TreeSet<>();
        out.add(t.ownerId());
        for (var m : repo.members(t.id())) if (m.role().equals(REVIEWER)) out.add(m.userId());
        return out;
    }

    public SubmissionView submission(Caller caller, long id) {
        SubmissionContext c = visibleSubmission(caller, id);
        return submissionView(c, true);
    }

    public List<SubmissionView> attemptSubmissions(Caller caller, long attemptId) {
        Context c = visibleAttempt(caller, attemptId);
        boolean manager = canManage(caller, c.task());
        return repo.submissionsOf(attemptId).stream()
                .map(s -> submissionView(new SubmissionContext(s, c.attempt(), c.task(), manager), false)).toList();
    }

    /** The review queue, newest first: pending (submitted), approved, rejected, changes_requested, or all. */
    public List<SubmissionView> queue(Caller caller, String status, Long taskId, String learner, Integer limit) {
        signedIn(caller);
        List<String> statuses = switch (status == null ? "all" : status) {
            case "all" -> List.of();
            case "pending", "submitted" -> List.of("submitted");
            case "approved" -> List.of("approved");
            case "rejected" -> List.of("rejected");
            case "changes_requested" -> List.of("changes_requested");
            case "decided" -> List.of("approved", "rejected", "changes_requested");
            default -> throw new InvalidFieldException("status", "must be one of pending, approved, rejected, changes_requested, decided, all");
        };
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 500) throw new InvalidFieldException("limit", "must be between 1 and 500");
        return repo.queue(caller.isAdmin() ? null : caller.userId(), statuses, taskId, null,
                        learner == null || learner.isBlank() ? null : learner.strip(), size).stream()
                .map(row -> {
                    Attempt a = repo.attempt(row.submission().attemptId()).orElseThrow();
                    Task t = repo.task(a.taskId()).orElseThrow();
                    return submissionView(new SubmissionContext(row.submission(), a, t, canManage(caller, t)), false);
                }).toList();
    }

    public SubmissionView decide(Caller caller, long id, String decision, String comment) {
        SubmissionContext c = visibleSubmission(caller, id);
        if (!c.manager()) throw forbidden("decision", "only the task's reviewers and admins decide on a submission");
        if (decision == null || !DECISIONS.contains(decision)) {
            throw new InvalidFieldException("decision", "must be one of approved, changes_requested, rejected");
        }
        String text = comment == null ? "" : text("comment", comment, MAX_TEXT, false).strip();
        if (text.isEmpty() && !decision.equals("approved")) {
            throw new InvalidFieldException("comment", "is required when requesting changes or rejecting: say why");
        }
        tx.executeWithoutResult(status -> {
            Submission s = repo.lockSubmission(id).orElseThrow();
            if (!s.status().equals("submitted")) throw conflict("already-decided", "decision", "was already made: " + s.status());
            repo.decide(id, decision, text.isEmpty() ? null : text, caller.userId());
            String what = switch (decision) {
                case "approved" -> "was approved";
                case "rejected" -> "was rejected";
                default -> "needs changes";
            };
            repo.notify(c.attempt().learnerId(), "decision", "Your submission #" + s.seq() + " of \u201c" + c.task().title()
                    + "\u201d " + what + (text.isEmpty() ? "." : ": " + text), "/?attempt=" + c.attempt().id());
        });
        return submission(caller, id);
    }

    // ================================================================ diff

    public DiffView diff(Caller caller, long id, String against) {
        SubmissionContext c = visibleSubmission(caller, id);
        String mode = against == null || against.isBlank() ? "starter" : against.strip();
        List<TaskFile> base;
        Submission baseSubmission = null;
        if (mode.equals("starter")) {
            base = repo.taskFiles(c.task().id());
        } else if (mode.equals("previous")) {
            baseSubmission = c.submission().seq() <= 1 ? null
                    : repo.submissionBySeq(c.attempt().id(), c.submission().seq() - 1).orElse(null);
            base = baseSubmission == null ? repo.taskFiles(c.task().id()) : repo.submissionFiles(baseSubmission.id());
            if (baseSubmission == null) mode = "starter";
        } else {
            long other;
            try {
                other = Long.parseLong(mode);
            } catch (NumberFormatException e) {
                throw new InvalidFieldException("against", "must be starter, previous or a submission id");
            }
            baseSubmission = repo.submission(other).filter(s -> s.attemptId() == c.attempt().id() && s.id() != id)
                    .orElseThrow(() -> new InvalidFieldException("against", "must be another submission of the same attempt"));
            base = repo.submissionFiles(baseSubmission.id());
            mode = "submission";
        }
        return diffView(id, mode, baseSubmission, base, repo.submissionFiles(id));
    }

    static DiffView diffView(long id, String mode, Submission baseSubmission, List<TaskFile> base, List<TaskFile> current) {
        Map<String, String> old = new LinkedHashMap<>();
        base.forEach(f -> old.put(f.path(), f.content()));
        Map<String, String> now = new LinkedHashMap<>();
        current.forEach(f -> now.put(f.path(), f.content()));
        List<String> removed = old.keySet().stream().filter(p -> !now.containsKey(p)).toList();
        List<String> added = new ArrayList<>(now.keySet().stream().filter(p -> !old.containsKey(p)).toList());
        Map<String, String> renamedFrom = new HashMap<>();
        for (String r : removed) {
            for (String a : added) {
                if (!renamedFrom.containsKey(a) && old.get(r).equals(now.get(a))) {
                    renamedFrom.put(a, r);
                    break;
                }
            }
        }
        Set<String> paths = new TreeSet<>();
        paths.addAll(old.keySet());
        paths.addAll(now.keySet());
        List<FileDiff> files = new ArrayList<>();
        int nAdded = 0, nRemoved = 0, nRenamed = 0, nModified = 0;
        for (String path : paths) {
            if (renamedFrom.containsValue(path)) continue; // shown under its new name
            String from = renamedFrom.get(path);
            String status;
            String oldPath = path;
            String oldText = old.get(path);
            String newText = now.get(path);
            if (from != null) {
                status = "renamed";
                oldPath = from;
                oldText = old.get(from);
                nRenamed++;
            } else if (oldText == null) {
                status = "added";
                oldPath = null;
                nAdded++;
            } else if (newText == null) {
                status = "removed";
                nRemoved++;
            } else if (oldText.equals(newText)) {
                status = "unchanged";
            } else {
                status = "modified";
                nModified++;
            }
            LineDiff.Result d = LineDiff.diff(LineDiff.lines(oldText), LineDiff.lines(newText));
            String unified = LineDiff.unified(oldPath == null ? "/dev/null" : "a/" + oldPath,
                    newText == null ? "/dev/null" : "b/" + path, d, 3);
            files.add(new FileDiff(path, oldPath, status, oldText == null ? "" : oldText, newText == null ? "" : newText, unified,
                    d.truncated()));
        }
        return new DiffView(id, mode, baseSubmission == null ? null : baseSubmission.id(),
                baseSubmission == null ? null : baseSubmission.seq(), files, nAdded, nRemoved, nRenamed, nModified);
    }

    // ================================================================ comments

    public List<CommentView> comments(Caller caller, long submissionId) {
        visibleSubmission(caller, submissionId);
        return repo.comments(submissionId).stream().map(ReviewService::commentView).toList();
    }

    /** A general comment (no path), a line comment (path and line of a file of the submission), or a reply (parentId). */
    public CommentView comment(Caller caller, long submissionId, String body, String path, Integer line, Long parentId) {
        SubmissionContext c = visibleSubmission(caller, submissionId);
        String text = text("body", body, MAX_TEXT, true).strip();
        if (parentId != null) {
            Comment parent = repo.comment(parentId).filter(p -> p.submissionId() == submissionId)
                    .orElseThrow(() -> new InvalidFieldException("parentId", "is not a comment on this submission"));
            path = parent.path();
            line = parent.line();
            parentId = parent.parentId() != null ? parent.parentId() : parent.id();
        } else if (path != null && !path.isEmpty()) {
            String p = path;
            TaskFile file = repo.submissionFiles(submissionId).stream().filter(f -> f.path().equals(p)).findFirst()
                    .orElseThrow(() -> new InvalidFieldException("path", "is not a file of submission " + submissionId));
            int lines = Math.max(1, LineDiff.lines(file.content()).size());
            if (line == null) throw new InvalidFieldException("line", "is required with path");
            if (line < 1 || line > lines) throw new InvalidFieldException("line", "must be between 1 and " + lines);
        } else {
            if (line != null) throw new InvalidFieldException("path", "is required with line");
            path = null;
        }
        long id = repo.addComment(submissionId, parentId, caller.userId(), path, line, text);
        String where = path == null ? "" : " (" + path + ":" + line + ")";
        if (caller.userId() != c.attempt().learnerId()) {
            repo.notify(c.attempt().learnerId(), "comment", caller.username() + " commented on your submission #"
                    + c.submission().seq() + " of \u201c" + c.task().title() + "\u201d" + where + ".", "/?attempt=" + c.attempt().id());
        } else {
            for (long reviewer : reviewersOf(c.task())) {
                repo.notify(reviewer, "comment", caller.username() + " replied on submission #" + c.submission().seq() + " of \u201c"
                        + c.task().title() + "\u201d" + where + ".", "/review.html#submission=" + submissionId);
            }
        }
        return commentView(repo.comment(id).orElseThrow());
    }

    public CommentView resolve(Caller caller, long submissionId, long commentId, boolean resolved) {
        visibleSubmission(caller, submissionId);
        Comment c = repo.comment(commentId).filter(x -> x.submissionId() == submissionId)
                .orElseThrow(() -> notFound("comment", "No comment " + commentId + " on submission " + submissionId + "."));
        repo.resolve(c.id(), resolved);
        return commentView(repo.comment(commentId).orElseThrow());
    }

    // ================================================================ notifications

    public Notifications notifications(Caller caller, boolean unreadOnly) {
        signedIn(caller);
        return new Notifications(repo.unread(caller.userId()), repo.notifications(caller.userId(), unreadOnly, 100).stream()
                .map(n -> new NotificationView(n.id(), n.kind(), n.message(), n.link(), n.createdAt(), n.readAt() != null)).toList());
    }

    public void markRead(Caller caller, long id) {
        signedIn(caller);
        if (!repo.markRead(caller.userId(), id)) throw notFound("notification", "No notification " + id + ".");
    }

    public void markAllRead(Caller caller) {
        signedIn(caller);
        repo.markAllRead(caller.userId());
    }

    // ================================================================ views

    private TaskView taskView(Caller caller, Task t) {
        boolean manager = canManage(caller, t);
        List<TestCase> cases = repo.cases(t.id());
        int hidden = (int) cases.stream().filter(TestCase::hidden).count();
        List<CaseView> shown = cases.stream().filter(c -> manager || !c.hidden())
                .map(c -> new CaseView(c.id(), c.ordinal(), c.name(), c.hidden(), c.stdin(), c.expectedStdout(), c.timeLimitMs(), c.memoryMb()))
                .toList();
        LinkView link = null;
        List<MemberView> members = null;
        if (manager) {
            if (t.linkToken() != null) {
                link = new LinkView(t.linkToken(), "/?task=" + t.linkToken(), t.linkExpiresAt(),
                        t.linkExpiresAt() != null && !t.linkExpiresAt().isAfter(ReviewRepository.now()));
            }
            members = repo.members(t.id()).stream().map(m -> new MemberView(m.userId(), m.username(), m.role())).toList();
        }
        return new TaskView(t.id(), t.title(), t.statement(), Markdown.html(t.statement()), t.language(), t.entry(),
                t.timeLimitMinutes(), t.maxAttempts(), t.ownerId(), repo.username(t.ownerId()).orElse(null),
                repo.taskFiles(t.id()).stream().map(f -> new FileView(f.path(), f.content())).toList(), shown,
                cases.size() - hidden, hidden, link, members, manager, t.createdAt());
    }

    private AttemptView attemptView(Attempt a, Task t) {
        List<Submission> subs = repo.submissionsOf(a.id());
        boolean closed = a.projectId() == null || (a.deadlineAt() != null && !a.deadlineAt().isAfter(ReviewRepository.now()));
        return new AttemptView(a.id(), t.id(), t.title(), a.learnerId(), repo.username(a.learnerId()).orElse(null), a.projectId(),
                a.startedAt(), a.deadlineAt(), closed, subs.size(), subs.isEmpty() ? null : subs.getFirst().status());
    }

    private SubmissionView submissionView(SubmissionContext c, boolean detail) {
        Submission s = c.submission();
        Map<Long, TestCase> cases = new LinkedHashMap<>();
        repo.cases(c.task().id()).forEach(t -> cases.put(t.id(), t));
        List<CaseResult> results = repo.results(s.id());
        Map<Long, CaseResult> byCase = new HashMap<>();
        results.forEach(r -> byCase.put(r.caseId(), r));
        int visiblePassed = 0, visibleTotal = 0, hiddenPassed = 0, hiddenTotal = 0;
        List<ResultView> views = new ArrayList<>();
        for (TestCase t : cases.values()) {
            CaseResult r = byCase.get(t.id());
            if (r == null) continue;
            boolean passed = r.verdict().equals("accepted");
            if (t.hidden()) {
                hiddenTotal++;
                if (passed) hiddenPassed++;
            } else {
                visibleTotal++;
                if (passed) visiblePassed++;
            }
            if (detail && (c.manager() || !t.hidden())) views.add(resultView(r, t, true));
        }
        return new SubmissionView(s.id(), s.attemptId(), c.task().id(), c.task().title(), s.seq(), c.attempt().learnerId(),
                repo.username(c.attempt().learnerId()).orElse(null), s.message(), s.status(), s.decisionComment(),
                s.decidedBy() == null ? null : repo.username(s.decidedBy()).orElse(null), s.decidedAt(), s.createdAt(),
                detail ? repo.submissionFiles(s.id()).stream().map(f -> new FileView(f.path(), f.content())).toList() : null,
                detail ? views : null, visiblePassed, visibleTotal, hiddenPassed, hiddenTotal);
    }

    private static ResultView resultView(CaseResult r, TestCase t, boolean withDiff) {
        String diff = withDiff && r.verdict().equals("wrong_answer") ? CaseRunner.outputDiff(t.expectedStdout(), r.stdout()) : null;
        return new ResultView(r.caseId(), t.name(), t.hidden(), r.verdict(), t.stdin(), t.expectedStdout(), r.stdout(), r.stderr(),
                diff, r.wallTimeMs(), r.memoryKb());
    }

    private static CommentView commentView(Comment c) {
        return new CommentView(c.id(), c.submissionId(), c.parentId(), c.authorId(), c.authorName(), c.path(), c.line(), c.body(),
                c.resolved(), c.createdAt());
    }

    // ================================================================ checks and problems

    private long userId(String field, String username) {
        if (username == null || username.isBlank()) throw new InvalidFieldException(field, "is required");
        return repo.userIdByName(username.strip()).orElseThrow(() -> new InvalidFieldException(field, "names no account: '" + username + "'"));
    }

    private static String text(String field, String value, int max, boolean required) {
        if (value == null || (required && value.isBlank())) throw new InvalidFieldException(field, "is required");
        if (value.length() > max) throw new InvalidFieldException(field, "must be at most " + max + " characters", (long) max);
        return required ? value.strip() : value;
    }

    private static String path(String field, String path) {
        String problem = SourcePaths.problem(path);
        if (problem != null) throw new InvalidFieldException(field, problem);
        return path;
    }

    static ErrorResponseException notFound(String what, String detail) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, what + "-not-found", "Not found", detail), null);
    }

    static ErrorResponseException forbidden(String field, String detail) {
        ProblemDetail p = Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", field + ": " + detail);
        p.setProperty("field", field);
        return new ErrorResponseException(HttpStatus.FORBIDDEN, p, null);
    }

    static ErrorResponseException conflict(String kind, String field, String detail) {
        ProblemDetail p = Problems.of(HttpStatus.CONFLICT, kind, "Conflict", field + " " + detail);
        p.setProperty("field", field);
        return new ErrorResponseException(HttpStatus.CONFLICT, p, null);
    }
}
