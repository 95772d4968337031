package dev.sandlot.server.review;

import static dev.sandlot.server.review.ReviewProblems.MAX_TEXT;
import static dev.sandlot.server.review.ReviewProblems.conflict;
import static dev.sandlot.server.review.ReviewProblems.forbidden;
import static dev.sandlot.server.review.ReviewProblems.signedIn;
import static dev.sandlot.server.review.ReviewProblems.text;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.server.account.Account;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.account.Role;
import dev.sandlot.server.project.Project;
import dev.sandlot.server.project.ProjectFile;
import dev.sandlot.server.project.ProjectService;
import dev.sandlot.server.review.ReviewAccess.AttemptContext;
import dev.sandlot.server.review.ReviewAccess.SubmissionContext;
import dev.sandlot.server.review.ReviewRecords.Attempt;
import dev.sandlot.server.review.ReviewRecords.CaseResult;
import dev.sandlot.server.review.ReviewRecords.Submission;
import dev.sandlot.server.review.ReviewRecords.Task;
import dev.sandlot.server.review.ReviewRecords.TaskFile;
import dev.sandlot.server.review.ReviewRecords.TestCase;
import dev.sandlot.server.review.ReviewViews.DiffView;
import dev.sandlot.server.review.ReviewViews.FileDiff;
import dev.sandlot.server.review.ReviewViews.FileView;
import dev.sandlot.server.review.ReviewViews.ResultView;
import dev.sandlot.server.review.ReviewViews.SubmissionView;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Reviewing submissions: submitting an attempt, the review queue, diffs between
 * snapshots, and decisions.
 */
@Service
public class ReviewService {

    static final Set<String> DECISIONS = Set.of("approved", "changes_requested", "rejected");

    private final TaskRepository taskRepo;

    private final AttemptRepository attemptRepo;

    private final SubmissionRepository submissionRepo;

    private final NotificationRepository notificationRepo;

    private final ReviewAccess access;

    private final AttemptService attempts;

    private final ProjectService projects;

    private final CaseRunner runner;

    private final AccountService accounts;

    private final TransactionTemplate tx;

    private final DiffLimits diffLimits;

    ReviewService(TaskRepository taskRepo, AttemptRepository attemptRepo, SubmissionRepository submissionRepo,
            NotificationRepository notificationRepo, ReviewAccess access, AttemptService attempts,
            ProjectService projects, CaseRunner runner, AccountService accounts, TransactionTemplate tx,
            DiffLimits diffLimits) {
        this.diffLimits = diffLimits;
        this.taskRepo = taskRepo;
        this.attemptRepo = attemptRepo;
        this.submissionRepo = submissionRepo;
        this.notificationRepo = notificationRepo;
        this.access = access;
        this.attempts = attempts;
        this.projects = projects;
        this.runner = runner;
        this.accounts = accounts;
        this.tx = tx;
    }

    /**
     * Freezes the attempt's files as the next submission, runs every case against the
     * snapshot, and tells the reviewers.
     */
    public SubmissionView submit(Caller caller, Long attemptId, String message) {
        signedIn(caller);
        if (attemptId == null)
            throw new InvalidFieldException("attemptId", "is required");
        AttemptContext c;
        try {
            c = access.visibleAttempt(caller, attemptId);
        }
        catch (ErrorResponseException e) {
            throw new InvalidFieldException("attemptId", "is not an attempt of yours");
        }
        if (c.attempt().learnerId() != caller.userId())
            throw forbidden("attemptId", "only the learner submits their attempt");
        String text = message == null ? "" : text("message", message, 4000, false).strip();
        AttemptService.requireOpen(c.attempt());
        Project p = projects.get(caller, c.attempt().projectId());
        List<ProjectFile> files = projects.files(caller, p.id(), true);
        if (files.isEmpty())
            throw new InvalidFieldException("attemptId", "the attempt has no files to submit");
        List<TaskFile> snapshot = files.stream().map(f -> new TaskFile(f.path(), f.content())).toList();
        List<TestCase> cases = taskRepo.cases(c.task().id());
        List<CaseResult> results = runner.run(caller, new CaseRunner.Program(c.task().language(),
                attempts.entry(c.task(), p, files), snapshot, null, null, null), cases, "review-submission");
        long id = tx.execute(status -> {
            attemptRepo.lockAttempt(c.attempt().id());
            int seq = submissionRepo.nextSeq(c.attempt().id());
            long sid = submissionRepo.createSubmission(c.attempt().id(), seq, text);
            for (TaskFile f : snapshot)
                submissionRepo.insertSubmissionFile(sid, f.path(), f.content());
            for (CaseResult r : results)
                submissionRepo.insertResult(sid, r);
            String note = caller.username() + " submitted #" + seq + " of \u201c" + c.task().title() + "\u201d.";
            for (long reviewer : access.reviewersOf(c.task()))
                notificationRepo.notify(reviewer, "submitted", note, "/review.html#submission=" + sid);
            return sid;
        });
        return submission(caller, id);
    }

    /**
     * A live interview's outcome, as it enters review. {@code taskId}: the task the pad
     * was started from (null: a blank pad; a task made for it then, hidden from task
     * lists); {@code starterFiles}: what the pad started with (the diff's base for a
     * blank pad); {@code files}: the pad's project as it ended; {@code coReviewers}: the
     * other interviewers, who share a task made for the interview if they are reviewers.
     */
    public record InterviewSubmission(Long taskId, String title, String language, String entry, long candidateId,
            long projectId, List<ProjectService.NewFile> starterFiles, List<ProjectService.NewFile> files,
            List<String> rubric, List<Long> coReviewers) {
    }

    /**
     * Files an ended interview as a submission of the candidate's: an attempt on the
     * pad's task (or on a task made for it, owned by {@code owner}) whose project is the
     * pad's, closed at once, and its first submission with the task's test results, as
     * {@link #submit} makes them; the task's reviewers are told. Returns the submission's
     * id. The caller checked that {@code owner} runs the pad.
     */
    public long submitInterview(Caller owner, InterviewSubmission s) {
        Optional<Long> filed = interviewSubmission(s);
        if (filed.isPresent())
            return filed.get();
        Task given = s.taskId() == null ? null
                : taskRepo.task(s.taskId())
                    .filter(t -> t.archivedAt() == null && access.canManage(owner, t))
                    .orElse(null);
        List<TaskFile> snapshot = s.files().stream().map(f -> new TaskFile(f.path(), f.content())).toList();
        List<TestCase> cases = given == null ? List.of() : taskRepo.cases(given.id());
        List<CaseResult> results = cases.isEmpty() ? List.of()
                : runner.run(owner, new CaseRunner.Program(given.language(), s.entry(), snapshot, null, null, null),
                        cases, "review-submission");
        return tx.execute(status -> {
            Optional<Long> meanwhile = interviewSubmission(s);
            if (meanwhile.isPresent())
                return meanwhile.get();
            long taskId;
            if (given != null) {
                taskId = given.id();
            }
            else {
                String title = "Interview: " + s.title();
                taskId = taskRepo.createTask(owner.userId(), title.length() > 200 ? title.substring(0, 200) : title,
                        "A live interview.", s.language(), s.entry(), null, 1, true);
                for (ProjectService.NewFile f : s.starterFiles())
                    taskRepo.insertTaskFile(taskId, f.path(), f.content());
                taskRepo.setRubric(taskId, s.rubric());
                for (long reviewer : s.coReviewers()) {
                    Role r = accounts.find(reviewer).map(Account::role).orElse(null);
                    if (reviewer != owner.userId() && (r == Role.REVIEWER || r == Role.ADMIN))
                        taskRepo.addMember(taskId, reviewer, ReviewAccess.REVIEWER);
                }
            }
            Task task = taskRepo.task(taskId).orElseThrow();
            OffsetDateTime now = ReviewRecords.now();
            long attemptId = attemptRepo.createAttempt(taskId, s.candidateId(), s.projectId(), now, now, null);
            long sid = submissionRepo.createSubmission(attemptId, 1, "Live interview \u201c" + s.title() + "\u201d.");
            for (TaskFile f : snapshot)
                submissionRepo.insertSubmissionFile(sid, f.path(), f.content());
            for (CaseResult r : results)
                submissionRepo.insertResult(sid, r);
            String note = "The interview \u201c" + s.title() + "\u201d of "
                    + accounts.username(s.candidateId()).orElse("a candidate") + " ended; its submission is ready.";
            for (long reviewer : access.reviewersOf(task))
                notificationRepo.notify(reviewer, "submitted", note, "/review.html#submission=" + sid);
            return sid;
        });
    }

    /**
     * The submission an earlier call made for this interview (its project and candidate),
     * so that ending again after recording it failed files nothing twice.
     */
    private Optional<Long> interviewSubmission(InterviewSubmission s) {
        return attemptRepo.attemptsByProject(s.projectId())
            .stream()
            .filter(a -> a.learnerId() == s.candidateId())
            .flatMap(a -> submissionRepo.submissionsOf(a.id()).stream())
            .map(Submission::id)
            .findFirst();
    }

    public SubmissionView submission(Caller caller, long id) {
        SubmissionContext c = access.visibleSubmission(caller, id);
        return submissionView(c, true);
    }

    public List<SubmissionView> attemptSubmissions(Caller caller, long attemptId) {
        AttemptContext c = access.visibleAttempt(caller, attemptId);
        boolean manager = access.canManage(caller, c.task());
        return submissionRepo.submissionsOf(attemptId)
            .stream()
            .map(s -> submissionView(new SubmissionContext(s, c.attempt(), c.task(), manager), false))
            .toList();
    }

    /**
     * The review queue, newest first: pending (submitted), approved, rejected,
     * changes_requested, or all.
     */
    public List<SubmissionView> queue(Caller caller, String status, Long taskId, String learner, Integer limit) {
        signedIn(caller);
        List<String> statuses = switch (status == null ? "all" : status) {
            case "all" -> List.of();
            case "pending", "submitted" -> List.of("submitted");
            case "approved" -> List.of("approved");
            case "rejected" -> List.of("rejected");
            case "changes_requested" -> List.of("changes_requested");
            case "decided" -> List.of("approved", "rejected", "changes_requested");
            default -> throw new InvalidFieldException("status",
                    "must be one of pending, approved, rejected, changes_requested, decided, all");
        };
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 500)
            throw new InvalidFieldException("limit", "must be between 1 and 500");
        Long learnerId = null;
        if (learner != null && !learner.isBlank()) {
            // A name of no account has no submissions.
            Optional<Account> named = accounts.findByUsername(learner.strip());
            if (named.isEmpty())
                return List.of();
            learnerId = named.get().id();
        }
        return submissionRepo.queue(caller.isAdmin() ? null : caller.userId(), statuses, taskId, learnerId, size)
            .stream()
            .map(s -> {
                Attempt a = attemptRepo.attempt(s.attemptId()).orElseThrow();
                Task t = taskRepo.task(a.taskId()).orElseThrow();
                return submissionView(new SubmissionContext(s, a, t, access.canManage(caller, t)), false);
            })
            .toList();
    }

    public SubmissionView decide(Caller caller, long id, String decision, String comment) {
        SubmissionContext c = access.visibleSubmission(caller, id);
        if (!c.manager())
            throw forbidden("decision", "only the task's reviewers and admins decide on a submission");
        if (decision == null || !DECISIONS.contains(decision)) {
            throw new InvalidFieldException("decision", "must be one of approved, changes_requested, rejected");
        }
        String text = comment == null ? "" : text("comment", comment, MAX_TEXT, false).strip();
        if (text.isEmpty() && !decision.equals("approved")) {
            throw new InvalidFieldException("comment", "is required when requesting changes or rejecting: say why");
        }
        tx.executeWithoutResult(status -> {
            Submission s = submissionRepo.lockSubmission(id).orElseThrow();
            if (!s.status().equals("submitted"))
                throw conflict("already-decided", "decision", "was already made: " + s.status());
            submissionRepo.decide(id, decision, text.isEmpty() ? null : text, caller.userId());
            String what = switch (decision) {
                case "approved" -> "was approved";
                case "rejected" -> "was rejected";
                default -> "needs changes";
            };
            notificationRepo.notify(c.attempt().learnerId(), "decision", "Your submission #" + s.seq() + " of \u201c"
                    + c.task().title() + "\u201d " + what + (text.isEmpty() ? "." : ": " + text),
                    "/?attempt=" + c.attempt().id());
        });
        return submission(caller, id);
    }

    public DiffView diff(Caller caller, long id, String against) {
        SubmissionContext c = access.visibleSubmission(caller, id);
        diffLimits.acquire(caller);
        String mode = against == null || against.isBlank() ? "starter" : against.strip();
        List<TaskFile> base;
        Submission baseSubmission = null;
        if (mode.equals("starter")) {
            base = taskRepo.taskFiles(c.task().id());
        }
        else if (mode.equals("previous")) {
            baseSubmission = c.submission().seq() <= 1 ? null
                    : submissionRepo.submissionBySeq(c.attempt().id(), c.submission().seq() - 1).orElse(null);
            base = baseSubmission == null ? taskRepo.taskFiles(c.task().id())
                    : submissionRepo.submissionFiles(baseSubmission.id());
            if (baseSubmission == null)
                mode = "starter";
        }
        else {
            long other;
            try {
                other = Long.parseLong(mode);
            }
            catch (NumberFormatException e) {
                throw new InvalidFieldException("against", "must be starter, previous or a submission id");
            }
            baseSubmission = submissionRepo.submission(other)
                .filter(s -> s.attemptId() == c.attempt().id() && s.id() != id)
                .orElseThrow(
                        () -> new InvalidFieldException("against", "must be another submission of the same attempt"));
            base = submissionRepo.submissionFiles(baseSubmission.id());
            mode = "submission";
        }
        // Submissions are immutable; a task's starter files change only with its
        // updatedAt.
        String key = id + "|" + (baseSubmission != null ? "s" + baseSubmission.id()
                : "t" + c.task().id() + "@" + c.task().updatedAt());
        List<Pair> pairs = pairs(base, submissionRepo.submissionFiles(id));
        DiffProperties config = diffLimits.config();
        DiffLimits.Scripts scripts = diffLimits.cached(key,
                () -> scripts(pairs, config.maxWorkPerFile(), config.maxWorkPerRequest()));
        return diffView(id, mode, baseSubmission, pairs, scripts);
    }

    /**
     * One file of a diff: its paths on each side, what happened to it, and its texts
     * (null where absent).
     */
    record Pair(String path, String oldPath, String status, String oldText, String newText) {
    }

    /**
     * The files of two snapshots paired up: renames found by equal content, the rest by
     * path, in path order.
     */
    static List<Pair> pairs(List<TaskFile> base, List<TaskFile> current) {
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
        List<Pair> out = new ArrayList<>();
        for (String path : paths) {
            if (renamedFrom.containsValue(path))
                continue; // shown under its new name
            String from = renamedFrom.get(path);
            String oldText = old.get(path);
            String newText = now.get(path);
            if (from != null)
                out.add(new Pair(path, from, "renamed", old.get(from), newText));
            else if (oldText == null)
                out.add(new Pair(path, null, "added", null, newText));
            else if (newText == null)
                out.add(new Pair(path, path, "removed", oldText, null));
            else
                out.add(new Pair(path, path, oldText.equals(newText) ? "unchanged" : "modified", oldText, newText));
        }
        return out;
    }

    /**
     * The edit script of every file, within a budget of work per file and per request:
     * once the request's budget is spent, the remaining changed files degrade to
     * "changed, too different to align" without being compared.
     */
    static DiffLimits.Scripts scripts(List<Pair> pairs, long perFile, long perRequest) {
        Map<String, byte[]> kinds = new HashMap<>();
        Map<String, Boolean> truncated = new HashMap<>();
        long left = perRequest;
        long bytes = 0;
        for (Pair p : pairs) {
            LineDiff.Result d = LineDiff.diff(LineDiff.lines(p.oldText()), LineDiff.lines(p.newText()),
                    Math.max(0, Math.min(perFile, left)));
            left -= d.work();
            byte[] k = LineDiff.compact(d);
            kinds.put(p.path(), k);
            truncated.put(p.path(), d.truncated());
            bytes += k.length;
        }
        return new DiffLimits.Scripts(kinds, truncated, bytes);
    }

    static DiffView diffView(long id, String mode, Submission baseSubmission, List<TaskFile> base,
            List<TaskFile> current) {
        List<Pair> pairs = pairs(base, current);
        return diffView(id, mode, baseSubmission, pairs, scripts(pairs, LineDiff.MAX_WORK, Long.MAX_VALUE));
    }

    static DiffView diffView(long id, String mode, Submission baseSubmission, List<Pair> pairs,
            DiffLimits.Scripts scripts) {
        List<FileDiff> files = new ArrayList<>();
        int nAdded = 0, nRemoved = 0, nRenamed = 0, nModified = 0;
        for (Pair p : pairs) {
            switch (p.status()) {
                case "renamed" -> nRenamed++;
                case "added" -> nAdded++;
                case "removed" -> nRemoved++;
                case "modified" -> nModified++;
                default -> {
                }
            }
            LineDiff.Result d = LineDiff.replay(LineDiff.lines(p.oldText()), LineDiff.lines(p.newText()),
                    scripts.kinds().get(p.path()), scripts.truncated().get(p.path()));
            String unified = LineDiff.unified(p.oldPath() == null ? "/dev/null" : "a/" + p.oldPath(),
                    p.newText() == null ? "/dev/null" : "b/" + p.path(), d, 3);
            files.add(new FileDiff(p.path(), p.oldPath(), p.status(), p.oldText() == null ? "" : p.oldText(),
                    p.newText() == null ? "" : p.newText(), unified, d.truncated()));
        }
        return new DiffView(id, mode, baseSubmission == null ? null : baseSubmission.id(),
                baseSubmission == null ? null : baseSubmission.seq(), files, nAdded, nRemoved, nRenamed, nModified);
    }

    SubmissionView submissionView(SubmissionContext c, boolean detail) {
        Submission s = c.submission();
        Map<Long, TestCase> cases = new LinkedHashMap<>();
        taskRepo.casesEver(c.task().id()).forEach(t -> cases.put(t.id(), t));
        List<CaseResult> results = submissionRepo.results(s.id());
        Map<Long, CaseResult> byCase = new HashMap<>();
        results.forEach(r -> byCase.put(r.caseId(), r));
        int visiblePassed = 0, visibleTotal = 0, hiddenPassed = 0, hiddenTotal = 0;
        List<ResultView> views = new ArrayList<>();
        for (TestCase t : cases.values()) {
            CaseResult r = byCase.get(t.id());
            if (r == null)
                continue;
            boolean passed = r.verdict().equals("accepted");
            if (t.hidden()) {
                hiddenTotal++;
                if (passed)
                    hiddenPassed++;
            }
            else {
                visibleTotal++;
                if (passed)
                    visiblePassed++;
            }
            if (detail && (c.manager() || !t.hidden()))
                views.add(ReviewViews.result(r, t, true));
        }
        return new SubmissionView(s.id(), s.attemptId(), c.task().id(), c.task().title(), s.seq(),
                c.attempt().learnerId(), accounts.username(c.attempt().learnerId()).orElse(null), s.message(),
                s.status(), s.decisionComment(),
                s.decidedBy() == null ? null : accounts.username(s.decidedBy()).orElse(null), s.decidedAt(),
                s.createdAt(),
                detail ? submissionRepo.submissionFiles(s.id())
                    .stream()
                    .map(f -> new FileView(f.path(), f.content()))
                    .toList() : null,
                detail ? views : null, visiblePassed, visibleTotal, hiddenPassed, hiddenTotal);
    }

}
