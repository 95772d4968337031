package dev.sandlot.server.review;

import static dev.sandlot.server.review.ReviewAccess.ASSIGNEE;
import static dev.sandlot.server.review.ReviewAccess.REVIEWER;
import static dev.sandlot.server.review.ReviewProblems.MAX_TEXT;
import static dev.sandlot.server.review.ReviewProblems.forbidden;
import static dev.sandlot.server.review.ReviewProblems.path;
import static dev.sandlot.server.review.ReviewProblems.signedIn;
import static dev.sandlot.server.review.ReviewProblems.text;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.server.account.Account;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.account.Role;
import dev.sandlot.server.project.ProjectProperties;
import dev.sandlot.server.review.ReviewRecords.Task;
import dev.sandlot.server.review.ReviewRecords.TestCase;
import dev.sandlot.server.review.ReviewViews.CaseView;
import dev.sandlot.server.review.ReviewViews.FileView;
import dev.sandlot.server.review.ReviewViews.LinkPreview;
import dev.sandlot.server.review.ReviewViews.LinkView;
import dev.sandlot.server.review.ReviewViews.MemberView;
import dev.sandlot.server.review.ReviewViews.TaskView;
import dev.sandlot.server.web.Problems;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Review tasks: creating them, who they are assigned and shared to, and their share
 * links.
 */
@Service
public class TaskService {

    private static final int MAX_CASES = 50;

    private static final int MAX_CASE_IO = 1024 * 1024;

    private final TaskRepository taskRepo;

    private final NotificationRepository notificationRepo;

    private final ReviewAccess access;

    private final AccountService accounts;

    private final TransactionTemplate tx;

    private final Engine engine;

    private final ProjectProperties caps;

    private final SecureRandom random = new SecureRandom();

    TaskService(TaskRepository taskRepo, NotificationRepository notificationRepo, ReviewAccess access,
            AccountService accounts, TransactionTemplate tx, Engine engine, ProjectProperties caps) {
        this.taskRepo = taskRepo;
        this.notificationRepo = notificationRepo;
        this.access = access;
        this.accounts = accounts;
        this.tx = tx;
        this.engine = engine;
        this.caps = caps;
    }

    /** A starter file of a new task. */
    public record NewFile(String path, String content) {
    }

    /**
     * A test case of a new task; hidden cases run only on submission, and learners never
     * see their contents.
     */
    public record NewCase(String name, String stdin, String expectedStdout, Boolean hidden, Long timeLimitMs,
            Long memoryMb) {
    }

    /**
     * A new task; {@code rubric} names the criteria an interview on it is scored on (at
     * most 12, each 1 to 80 characters).
     */
    public record NewTask(String title, String statement, String language, String entry, Integer timeLimitMinutes,
            Integer maxAttempts, List<NewFile> starterFiles, List<NewCase> tests, List<String> assignees,
            List<String> rubric) {
    }

    public TaskView createTask(Caller caller, NewTask body) {
        signedIn(caller);
        if (caller.role() != Role.REVIEWER && !caller.isAdmin()) {
            throw forbidden("role", "only reviewers and admins may create tasks");
        }
        if (body == null)
            throw new InvalidFieldException("title", "is required");
        String title = text("title", body.title(), 200, true);
        String statement = body.statement() == null ? "" : statement(body.statement());
        String language = language(body.language());
        String entry = entry(body.entry());
        Integer minutes = minutes(body.timeLimitMinutes());
        int maxAttempts = body.maxAttempts() == null ? 1 : maxAttempts(body.maxAttempts());
        List<NewFile> files = files(body.starterFiles() == null ? List.of() : body.starterFiles());
        List<NewCase> cases = cases(body.tests() == null ? List.of() : body.tests());
        List<String> rubric = rubric(body.rubric() == null ? List.of() : body.rubric());
        List<Long> assignees = new ArrayList<>();
        List<String> names = body.assignees() == null ? List.of() : body.assignees();
        for (int i = 0; i < names.size(); i++)
            assignees.add(userId("assignees[" + i + "]", names.get(i)));
        long id = tx.execute(status -> {
            long taskId = taskRepo.createTask(caller.userId(), title, statement, language, entry, minutes, maxAttempts);
            for (NewFile f : files)
                taskRepo.insertTaskFile(taskId, f.path(), f.content());
            insertCases(taskId, cases);
            taskRepo.setRubric(taskId, rubric);
            for (long user : assignees)
                taskRepo.addMember(taskId, user, ASSIGNEE);
            return taskId;
        });
        return taskView(caller, taskRepo.task(id).orElseThrow());
    }

    /**
     * A change to a task: absent fields stay as they are; {@code starterFiles} and
     * {@code tests}, when present, replace the whole list. An empty {@code entry} clears
     * it.
     */
    public record TaskChange(String title, String statement, String language, String entry, Integer timeLimitMinutes,
            Integer maxAttempts, List<NewFile> starterFiles, List<NewCase> tests, List<String> assignees,
            List<String> rubric) {
    }

    /**
     * Edits a task its managers own or share. Replaced test cases are retired, not
     * deleted: earlier submissions keep the verdicts they were judged with. Attempts
     * already started keep their projects and deadlines.
     */
    public TaskView updateTask(Caller caller, long id, TaskChange body) {
        Task t = access.managedTask(caller, id);
        if (body == null)
            throw new InvalidFieldException("title", "is required");
        if (body.assignees() != null) {
            throw new InvalidFieldException("assignees",
                    "cannot be edited here: POST /api/v1/tasks/" + id + "/assignees");
        }
        String title = body.title() == null ? t.title() : text("title", body.title(), 200, true);
        String statement = body.statement() == null ? t.statement() : statement(body.statement());
        String language = body.language() == null ? t.language() : language(body.language());
        String entry = body.entry() == null ? t.entry() : entry(body.entry());
        Integer minutes = body.timeLimitMinutes() == null ? t.timeLimitMinutes() : minutes(body.timeLimitMinutes());
        int maxAttempts = body.maxAttempts() == null ? t.maxAttempts() : maxAttempts(body.maxAttempts());
        List<NewFile> files = body.starterFiles() == null ? null : files(body.starterFiles());
        List<NewCase> cases = body.tests() == null ? null : cases(body.tests());
        List<String> rubric = body.rubric() == null ? null : rubric(body.rubric());
        tx.executeWithoutResult(status -> {
            taskRepo.lockTask(t.id());
            taskRepo.updateTask(t.id(), title, statement, language, entry, minutes, maxAttempts);
            if (files != null) {
                taskRepo.deleteTaskFiles(t.id());
                for (NewFile f : files)
                    taskRepo.insertTaskFile(t.id(), f.path(), f.content());
            }
            if (cases != null) {
                taskRepo.retireCases(t.id());
                insertCases(t.id(), cases);
            }
            if (rubric != null)
                taskRepo.setRubric(t.id(), rubric);
        });
        return taskView(caller, taskRepo.task(id).orElseThrow());
    }

    /**
     * Deletes a task by archiving it: gone from lists, its link refused, no new attempts;
     * attempts and submissions stay.
     */
    public void archiveTask(Caller caller, long id) {
        Task t = access.managedTask(caller, id);
        taskRepo.archive(t.id());
    }

    private void insertCases(long taskId, List<NewCase> cases) {
        for (int i = 0; i < cases.size(); i++) {
            NewCase c = cases.get(i);
            taskRepo.insertCase(taskId, i + 1,
                    c.name() == null || c.name().isBlank() ? "Test " + (i + 1) : c.name().strip(),
                    c.stdin() == null ? "" : c.stdin(), c.expectedStdout(), Boolean.TRUE.equals(c.hidden()),
                    c.timeLimitMs(), c.memoryMb());
        }
    }

    /**
     * A statement within the size cap that renders: never saved if it cannot be shown.
     */
    private static String statement(String statement) {
        String checked = text("statement", statement, MAX_TEXT, false);
        String problem = Markdown.problem(checked);
        if (problem != null)
            throw new InvalidFieldException("statement", problem);
        return checked;
    }

    private String language(String language) {
        if (language == null || language.isBlank())
            throw new InvalidFieldException("language", "is required");
        return engine.language(language, null).id();
    }

    private static String entry(String entry) {
        if (entry == null || entry.isEmpty())
            return null;
        return path("entry", entry);
    }

    private static Integer minutes(Integer minutes) {
        if (minutes != null && (minutes < 1 || minutes > 7 * 24 * 60)) {
            throw new InvalidFieldException("timeLimitMinutes", "must be between 1 and 10080 (a week)");
        }
        return minutes;
    }

    private static int maxAttempts(int maxAttempts) {
        if (maxAttempts < 1 || maxAttempts > 100)
            throw new InvalidFieldException("maxAttempts", "must be between 1 and 100");
        return maxAttempts;
    }

    private List<NewFile> files(List<NewFile> files) {
        if (files.size() > caps.maxFiles()) {
            throw new InvalidFieldException("starterFiles", "must have at most " + caps.maxFiles() + " files",
                    (long) caps.maxFiles());
        }
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            NewFile f = files.get(i);
            if (f == null || f.path() == null)
                throw new InvalidFieldException("starterFiles[" + i + "].path", "is required");
            path("starterFiles[" + i + "].path", f.path());
            if (!seen.add(f.path()))
                throw new InvalidFieldException("starterFiles[" + i + "].path", "repeats '" + f.path() + "'");
            if (f.content() == null)
                throw new InvalidFieldException("starterFiles[" + i + "].content", "is required");
            int size = f.content().getBytes(StandardCharsets.UTF_8).length;
            if (size > caps.maxFileBytes()) {
                throw new InvalidFieldException("starterFiles[" + i + "].content",
                        "must be at most " + caps.maxFileBytes() + " bytes", (long) caps.maxFileBytes());
            }
            total += size;
        }
        if (total > caps.maxProjectBytes()) {
            throw new InvalidFieldException("starterFiles", "must total at most " + caps.maxProjectBytes() + " bytes",
                    (long) caps.maxProjectBytes());
        }
        return files;
    }

    static final int MAX_CRITERIA = 12;

    static final int MAX_CRITERION = 80;

    /**
     * A rubric's criteria, stripped: at most {@link #MAX_CRITERIA}, each 1 to
     * {@link #MAX_CRITERION} characters of printable text, none twice.
     */
    private static List<String> rubric(List<String> rubric) {
        if (rubric.size() > MAX_CRITERIA) {
            throw new InvalidFieldException("rubric", "must have at most " + MAX_CRITERIA + " criteria",
                    (long) MAX_CRITERIA);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rubric.size(); i++) {
            String field = "rubric[" + i + "]";
            String name = rubric.get(i) == null ? "" : rubric.get(i).strip();
            if (name.isEmpty())
                throw new InvalidFieldException(field, "is required (a criterion's name)");
            if (name.length() > MAX_CRITERION) {
                throw new InvalidFieldException(field, "must be at most " + MAX_CRITERION + " characters",
                        (long) MAX_CRITERION);
            }
            if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT))
                throw new InvalidFieldException(field, "must not contain control or formatting characters");
            if (out.contains(name))
                throw new InvalidFieldException(field, "repeats '" + name + "'");
            out.add(name);
        }
        return out;
    }

    private static List<NewCase> cases(List<NewCase> cases) {
        if (cases.size() > MAX_CASES)
            throw new InvalidFieldException("tests", "must have at most " + MAX_CASES + " cases", (long) MAX_CASES);
        for (int i = 0; i < cases.size(); i++) {
            NewCase c = cases.get(i);
            String at = "tests[" + i + "]";
            if (c == null)
                throw new InvalidFieldException(at, "must be an object");
            if (c.name() != null)
                text(at + ".name", c.name(), 200, false);
            if (c.stdin() != null)
                text(at + ".stdin", c.stdin(), MAX_CASE_IO, false);
            if (c.expectedStdout() == null)
                throw new InvalidFieldException(at + ".expectedStdout", "is required");
            text(at + ".expectedStdout", c.expectedStdout(), MAX_CASE_IO, false);
            if (c.timeLimitMs() != null && (c.timeLimitMs() < 100 || c.timeLimitMs() > 60_000)) {
                throw new InvalidFieldException(at + ".timeLimitMs", "must be between 100 and 60000");
            }
            if (c.memoryMb() != null && (c.memoryMb() < 16 || c.memoryMb() > 1024)) {
                throw new InvalidFieldException(at + ".memoryMb", "must be between 16 and 1024");
            }
        }
        return cases;
    }

    public List<TaskView> tasks(Caller caller) {
        signedIn(caller);
        List<Task> tasks = caller.isAdmin() ? taskRepo.allTasks() : taskRepo.tasksOf(caller.userId());
        return tasks.stream().map(t -> taskView(caller, t)).toList();
    }

    public TaskView task(Caller caller, long id) {
        return taskView(caller, access.visibleTask(caller, id));
    }

    /** Creates (or replaces) the task's link; the old link stops working. */
    public TaskView createLink(Caller caller, long id, OffsetDateTime expiresAt) {
        Task t = access.managedTask(caller, id);
        if (expiresAt != null && !expiresAt.isAfter(ReviewRecords.now())) {
            throw new InvalidFieldException("expiresAt", "must be in the future");
        }
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        taskRepo.setLink(t.id(), Base64.getUrlEncoder().withoutPadding().encodeToString(raw), expiresAt);
        return taskView(caller, taskRepo.task(id).orElseThrow());
    }

    public TaskView revokeLink(Caller caller, long id) {
        Task t = access.managedTask(caller, id);
        taskRepo.setLink(t.id(), null, null);
        return taskView(caller, taskRepo.task(id).orElseThrow());
    }

    /**
     * Assigns the task to a user ({@code role} assignee) or shares it with another
     * reviewer ({@code role} reviewer).
     */
    public TaskView addMember(Caller caller, long id, String username, String role) {
        Task t = access.managedTask(caller, id);
        long user = userId("username", username);
        if (REVIEWER.equals(role)) {
            Role r = accounts.find(user).map(Account::role).orElse(null);
            if (r != Role.REVIEWER && r != Role.ADMIN)
                throw new InvalidFieldException("username", "is not a reviewer");
        }
        taskRepo.addMember(t.id(), user, role);
        if (ASSIGNEE.equals(role)) {
            notificationRepo.notify(user, "task-assigned", "You were assigned the task \u201c" + t.title() + "\u201d.",
                    "/?task-id=" + t.id());
        }
        return taskView(caller, taskRepo.task(id).orElseThrow());
    }

    /**
     * What an interview pad takes from a task: its title, language, entry point, starter
     * files and rubric. Only for those who manage the task (404 if they may not see it,
     * 403 if they only see it).
     */
    public record InterviewSource(long taskId, String title, String language, String entry,
            List<ProjectFileSource> starterFiles, List<String> rubric) {
    }

    /** A starter file, as an interview pad's project starts with it. */
    public record ProjectFileSource(String path, String content) {
    }

    public InterviewSource interviewSource(Caller caller, long taskId) {
        Task t = access.managedTask(caller, taskId);
        return new InterviewSource(t.id(), t.title(), t.language(), t.entry(),
                taskRepo.taskFiles(t.id()).stream().map(f -> new ProjectFileSource(f.path(), f.content())).toList(),
                taskRepo.rubric(t.id()));
    }

    /**
     * What a link shows before it is opened; anonymous callers too (a candidate signs up
     * after reading it).
     */
    public LinkPreview preview(String token) {
        Task t = taskByLink(token);
        List<TestCase> cases = taskRepo.cases(t.id());
        int hidden = (int) cases.stream().filter(TestCase::hidden).count();
        return new LinkPreview(t.id(), t.title(), Markdown.html(t.statement()), t.language(),
                accounts.username(t.ownerId()).orElse(null), t.timeLimitMinutes(), cases.size() - hidden, hidden);
    }

    Task taskByLink(String token) {
        if (token == null || token.isBlank() || token.length() > 64)
            throw linkRefused(HttpStatus.NOT_FOUND, "link-not-found",
                    "is not a task link this server knows (it may have been revoked)");
        Task t = taskRepo.taskByToken(token)
            .orElseThrow(() -> linkRefused(HttpStatus.NOT_FOUND, "link-not-found",
                    "is not a task link this server knows (it may have been revoked)"));
        if (t.linkExpiresAt() != null && !t.linkExpiresAt().isAfter(ReviewRecords.now())) {
            throw linkRefused(HttpStatus.GONE, "link-expired", "expired at " + t.linkExpiresAt());
        }
        return t;
    }

    private static ErrorResponseException linkRefused(HttpStatus status, String kind, String detail) {
        ProblemDetail p = Problems.of(status, kind, status == HttpStatus.GONE ? "Link expired" : "Unknown link",
                "token " + detail);
        p.setProperty("field", "token");
        return new ErrorResponseException(status, p, null);
    }

    TaskView taskView(Caller caller, Task t) {
        boolean manager = access.canManage(caller, t);
        List<TestCase> cases = taskRepo.cases(t.id());
        int hidden = (int) cases.stream().filter(TestCase::hidden).count();
        List<CaseView> shown = cases.stream()
            .filter(c -> manager || !c.hidden())
            .map(c -> new CaseView(c.id(), c.ordinal(), c.name(), c.hidden(), c.stdin(), c.expectedStdout(),
                    c.timeLimitMs(), c.memoryMb()))
            .toList();
        LinkView link = null;
        List<MemberView> members = null;
        if (manager) {
            if (t.linkToken() != null) {
                link = new LinkView(t.linkToken(), "/?task=" + t.linkToken(), t.linkExpiresAt(),
                        t.linkExpiresAt() != null && !t.linkExpiresAt().isAfter(ReviewRecords.now()));
            }
            List<TaskRepository.Member> found = taskRepo.members(t.id());
            Map<Long, String> names = accounts.usernames(found.stream().map(TaskRepository.Member::userId).toList());
            members = found.stream()
                .filter(m -> names.containsKey(m.userId()))
                .map(m -> new MemberView(m.userId(), names.get(m.userId()), m.role()))
                .sorted(Comparator.comparing(MemberView::role).thenComparing(MemberView::username))
                .toList();
        }
        return new TaskView(t.id(), t.title(), t.statement(), Markdown.html(t.statement()), t.language(), t.entry(),
                t.timeLimitMinutes(), t.maxAttempts(), t.ownerId(), accounts.username(t.ownerId()).orElse(null),
                taskRepo.taskFiles(t.id()).stream().map(f -> new FileView(f.path(), f.content())).toList(), shown,
                cases.size() - hidden, hidden, link, members, manager, t.createdAt(),
                manager ? taskRepo.rubric(t.id()) : null);
    }

    private long userId(String field, String username) {
        if (username == null || username.isBlank())
            throw new InvalidFieldException(field, "is required");
        return accounts.findByUsername(username.strip())
            .map(Account::id)
            .orElseThrow(() -> new InvalidFieldException(field, "names no account: '" + username + "'"));
    }

}
