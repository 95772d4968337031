package dev.sandlot.server.review;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.execute.RunRefusals;
import dev.sandlot.server.review.ReviewViews.AttemptView;
import dev.sandlot.server.review.ReviewViews.CommentView;
import dev.sandlot.server.review.ReviewViews.DiffView;
import dev.sandlot.server.review.ReviewViews.FileView;
import dev.sandlot.server.review.ReviewViews.LinkPreview;
import dev.sandlot.server.review.ReviewViews.Notifications;
import dev.sandlot.server.review.ReviewViews.OpenedAttempt;
import dev.sandlot.server.review.ReviewViews.RunView;
import dev.sandlot.server.review.ReviewViews.SubmissionView;
import dev.sandlot.server.review.ReviewViews.TaskView;
import dev.sandlot.server.review.ReviewViews.TestRunView;
import dev.sandlot.server.web.BodyExample;
import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Review and interviews: tasks, attempts, submissions, diffs, comments, decisions,
 * notifications.
 */
@RestController
@Tag(name = "Review")
class ReviewController {

    private final TaskService tasks;

    private final AttemptService attempts;

    private final ReviewService reviews;

    private final CommentService comments;

    private final NotificationService notifications;

    ReviewController(TaskService tasks, AttemptService attempts, ReviewService reviews, CommentService comments,
            NotificationService notifications) {
        this.tasks = tasks;
        this.attempts = attempts;
        this.reviews = reviews;
        this.comments = comments;
        this.notifications = notifications;
    }

    // ------------------------------------------------------------ tasks

    @Operation(summary = "Create a task (reviewers and admins): statement, language, starter files, test cases")
    @BodyExample(summary = "A task with a visible and a hidden test", value = """
            {"title": "Reverse a line", "statement": "Read a line and print it **reversed**.",
             "language": "python", "entry": "main.py", "timeLimitMinutes": 60, "maxAttempts": 2,
             "starterFiles": [{"path": "main.py", "content": "line = input()\\nprint(line)\\n"}],
             "tests": [{"name": "a word", "stdin": "hello\\n", "expectedStdout": "olleh\\n"},
                       {"name": "a sentence", "stdin": "never odd or even\\n",
                        "expectedStdout": "neve ro ddo reven\\n", "hidden": true}]}""")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.FORBIDDEN, ProblemType.UNKNOWN_LANGUAGE,
            ProblemType.TOO_LARGE })
    @PostMapping(path = "/api/v1/tasks", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TaskView> createTask(@RequestBody TaskService.NewTask body, Caller caller) {
        TaskView t = tasks.createTask(caller, body);
        return ResponseEntity.created(URI.create("/api/v1/tasks/" + t.id())).body(t);
    }

    @Operation(summary = "Tasks you own, are shared or assigned, or attempted (admins: all)")
    @Refuses(ProblemType.UNAUTHENTICATED)
    @GetMapping("/api/v1/tasks")
    List<TaskView> tasks(Caller caller) {
        return tasks.tasks(caller);
    }

    @Operation(summary = "One task; learners never see hidden test contents")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.TASK_NOT_FOUND })
    @GetMapping("/api/v1/tasks/{id}")
    TaskView task(@Parameter(example = "7") @PathVariable long id, Caller caller) {
        return tasks.task(caller, id);
    }

    @Operation(
            summary = "Edit a task (its reviewers and admins): absent fields stay; starterFiles and tests replace the whole list")
    @BodyExample(summary = "A new title and more attempts", value = """
            {"title": "Reverse a line of text", "maxAttempts": 3}""")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.TASK_NOT_FOUND, ProblemType.FORBIDDEN,
            ProblemType.UNKNOWN_LANGUAGE, ProblemType.TOO_LARGE })
    @PatchMapping(path = "/api/v1/tasks/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    TaskView updateTask(@Parameter(example = "7") @PathVariable long id, @RequestBody TaskService.TaskChange body,
            Caller caller) {
        return tasks.updateTask(caller, id, body);
    }

    @Operation(
            summary = "Delete (archive) a task: hidden, link refused, no new attempts; attempts and submissions are kept")
    @ApiResponse(responseCode = "204", description = "Archived")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.TASK_NOT_FOUND, ProblemType.FORBIDDEN })
    @DeleteMapping("/api/v1/tasks/{id}")
    ResponseEntity<Void> archiveTask(@Parameter(example = "7") @PathVariable long id, Caller caller) {
        tasks.archiveTask(caller, id);
        return ResponseEntity.noContent().build();
    }

    record LinkRequest(OffsetDateTime expiresAt) {
    }

    @Operation(summary = "Create or replace the task's share link (an unguessable token), optionally expiring")
    @BodyExample(summary = "A link that does not expire", value = "{}")
    @BodyExample(summary = "A link that expires", value = """
            {"expiresAt": "2099-12-31T23:59:59Z"}""")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.TASK_NOT_FOUND, ProblemType.FORBIDDEN })
    @PostMapping("/api/v1/tasks/{id}/link")
    TaskView createLink(@Parameter(example = "7") @PathVariable long id,
            @RequestBody(required = false) LinkRequest body, Caller caller) {
        return tasks.createLink(caller, id, body == null ? null : body.expiresAt());
    }

    @Operation(summary = "Revoke the task's share link")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.TASK_NOT_FOUND, ProblemType.FORBIDDEN })
    @DeleteMapping("/api/v1/tasks/{id}/link")
    TaskView revokeLink(@Parameter(example = "7") @PathVariable long id, Caller caller) {
        return tasks.revokeLink(caller, id);
    }

    record MemberRequest(String username) {
    }

    @Operation(summary = "Assign the task to a named user")
    @BodyExample(summary = "The learner of the sign-up example", value = """
            {"username": "ada"}""")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.TASK_NOT_FOUND, ProblemType.FORBIDDEN })
    @PostMapping(path = "/api/v1/tasks/{id}/assignees", consumes = MediaType.APPLICATION_JSON_VALUE)
    TaskView assign(@Parameter(example = "7") @PathVariable long id, @RequestBody MemberRequest body, Caller caller) {
        return tasks.addMember(caller, id, body.username(), ReviewAccess.ASSIGNEE);
    }

    @Operation(summary = "Share the task with another reviewer, who may then review its submissions")
    @BodyExample(summary = "The first admin (any reviewer's or admin's user name)", value = """
            {"username": "admin"}""")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.TASK_NOT_FOUND, ProblemType.FORBIDDEN })
    @PostMapping(path = "/api/v1/tasks/{id}/reviewers", consumes = MediaType.APPLICATION_JSON_VALUE)
    TaskView share(@Parameter(example = "7") @PathVariable long id, @RequestBody MemberRequest body, Caller caller) {
        return tasks.addMember(caller, id, body.username(), ReviewAccess.REVIEWER);
    }

    @Operation(
            summary = "What a share link shows before it is opened (no sign-in needed); 404 unknown or revoked, 410 expired")
    @Refuses({ ProblemType.LINK_NOT_FOUND, ProblemType.LINK_EXPIRED })
    @GetMapping("/api/v1/tasks/by-link/{token}")
    LinkPreview preview(@Parameter(example = "q8V3n1sKJxY0m2b7c4d5e6f7g8h9i0jK") @PathVariable String token) {
        return tasks.preview(token);
    }

    record OpenRequest(Boolean again) {
    }

    @Operation(summary = "Open a share link: your attempt at the task (201 when new, 200 for your existing one)")
    @BodyExample(summary = "Your attempt (the one you have, or a new one)", value = """
            {"again": false}""")
    @ApiResponse(responseCode = "200", description = "Your existing attempt", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "201", description = "A new attempt", useReturnTypeSchema = true)
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.LINK_NOT_FOUND, ProblemType.LINK_EXPIRED,
            ProblemType.TASK_NOT_FOUND, ProblemType.FORBIDDEN, ProblemType.ATTEMPT_LIMIT, ProblemType.TOO_LARGE })
    @PostMapping("/api/v1/tasks/by-link/{token}/attempts")
    ResponseEntity<AttemptView> openByLink(
            @Parameter(example = "q8V3n1sKJxY0m2b7c4d5e6f7g8h9i0jK") @PathVariable String token,
            @RequestBody(required = false) OpenRequest body, Caller caller) {
        return opened(attempts.openByLink(caller, token, body != null && Boolean.TRUE.equals(body.again())));
    }

    @Operation(summary = "The task's attempts: all for its reviewers, your own for a learner")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.TASK_NOT_FOUND })
    @GetMapping("/api/v1/tasks/{id}/attempts")
    List<AttemptView> attempts(@Parameter(example = "7") @PathVariable long id, Caller caller) {
        return attempts.attemptsOfTask(caller, id);
    }

    @Operation(
            summary = "Start (or return) your attempt at a task assigned to you; again=true for another one if allowed")
    @BodyExample(summary = "Your attempt (the one you have, or a new one)", value = """
            {"again": false}""")
    @ApiResponse(responseCode = "200", description = "Your existing attempt", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "201", description = "A new attempt", useReturnTypeSchema = true)
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.TASK_NOT_FOUND, ProblemType.FORBIDDEN,
            ProblemType.ATTEMPT_LIMIT, ProblemType.TOO_LARGE })
    @PostMapping("/api/v1/tasks/{id}/attempts")
    ResponseEntity<AttemptView> open(@Parameter(example = "7") @PathVariable long id,
            @RequestBody(required = false) OpenRequest body, Caller caller) {
        return opened(attempts.openAssigned(caller, id, body != null && Boolean.TRUE.equals(body.again())));
    }

    private static ResponseEntity<AttemptView> opened(OpenedAttempt o) {
        return ResponseEntity.status(o.created() ? HttpStatus.CREATED : HttpStatus.OK)
            .location(URI.create("/api/v1/attempts/" + o.attempt().id()))
            .body(o.attempt());
    }

    // ------------------------------------------------------------ attempts

    @Operation(summary = "Your own attempts (projectId= to find the attempt a project belongs to)")
    @Refuses(ProblemType.UNAUTHENTICATED)
    @GetMapping("/api/v1/attempts")
    List<AttemptView> myAttempts(@Parameter(example = "42") @RequestParam(required = false) Long projectId,
            Caller caller) {
        return attempts.myAttempts(caller, projectId);
    }

    @Operation(summary = "One attempt (the learner and the task's reviewers)")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.ATTEMPT_NOT_FOUND })
    @GetMapping("/api/v1/attempts/{id}")
    AttemptView attempt(@Parameter(example = "12") @PathVariable long id, Caller caller) {
        return attempts.attempt(caller, id);
    }

    @Operation(summary = "The attempt's live files, read-only (the learner and the task's reviewers)")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.ATTEMPT_NOT_FOUND })
    @GetMapping("/api/v1/attempts/{id}/files")
    List<FileView> attemptFiles(@Parameter(example = "12") @PathVariable long id, Caller caller) {
        return attempts.attemptFiles(caller, id);
    }

    @Operation(summary = "The attempt's recorded runs, newest first, with timestamps")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.ATTEMPT_NOT_FOUND })
    @GetMapping("/api/v1/attempts/{id}/runs")
    List<RunView> attemptRuns(@Parameter(example = "12") @PathVariable long id, Caller caller) {
        return attempts.attemptRuns(caller, id);
    }

    @Operation(summary = "Run the visible test cases against the attempt's current files (compiled once)")
    @RunRefusals
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.ATTEMPT_NOT_FOUND, ProblemType.FORBIDDEN,
            ProblemType.ATTEMPT_CLOSED })
    @PostMapping("/api/v1/attempts/{id}/test-runs")
    TestRunView runTests(@Parameter(example = "12") @PathVariable long id, Caller caller) {
        return attempts.runTests(caller, id);
    }

    @Operation(summary = "The attempt's submissions, newest first")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.ATTEMPT_NOT_FOUND })
    @GetMapping("/api/v1/attempts/{id}/submissions")
    List<SubmissionView> attemptSubmissions(@Parameter(example = "12") @PathVariable long id, Caller caller) {
        return reviews.attemptSubmissions(caller, id);
    }

    // ------------------------------------------------------------ submissions

    record NewSubmission(Long attemptId, String message) {
    }

    @Operation(
            summary = "Submit: freeze the attempt's files with a message and run every test case against the snapshot")
    @BodyExample(summary = "Submit attempt 12 (put the id of one of your attempts, see GET /api/v1/attempts)",
            value = """
                    {"attemptId": 12, "message": "Ready for review"}""")
    @ApiResponse(responseCode = "201", description = "Submitted", useReturnTypeSchema = true)
    @RunRefusals
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.FORBIDDEN, ProblemType.ATTEMPT_CLOSED })
    @PostMapping(path = "/api/v1/submissions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubmissionView> submit(@RequestBody NewSubmission body, Caller caller) {
        SubmissionView s = reviews.submit(caller, body.attemptId(), body.message());
        return ResponseEntity.created(URI.create("/api/v1/submissions/" + s.id())).body(s);
    }

    @Operation(
            summary = "The review queue, newest first: status=pending|approved|rejected|changes_requested|decided|all, taskId, learner")
    @GetMapping("/api/v1/submissions")
    @Refuses(ProblemType.UNAUTHENTICATED)
    List<SubmissionView> queue(@Parameter(example = "pending") @RequestParam(required = false) String status,
            @Parameter(example = "7") @RequestParam(required = false) Long taskId,
            @Parameter(example = "ada") @RequestParam(required = false) String learner,
            @Parameter(example = "20",
                    description = "1 to 500; 100 when absent") @RequestParam(required = false) Integer limit,
            Caller caller) {
        return reviews.queue(caller, status, taskId, learner, limit);
    }

    @Operation(summary = "One submission with its files and results (learners: visible cases, hidden ones as counts)")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.SUBMISSION_NOT_FOUND })
    @GetMapping("/api/v1/submissions/{id}")
    SubmissionView submission(@Parameter(example = "31") @PathVariable long id, Caller caller) {
        return reviews.submission(caller, id);
    }

    @Operation(summary = "Per-file diff against=starter|previous|<submissionId>: both texts and a unified diff")
    @GetMapping("/api/v1/submissions/{id}/diff")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.SUBMISSION_NOT_FOUND, ProblemType.RATE_LIMITED,
            ProblemType.OVERLOADED })
    DiffView diff(@Parameter(example = "31") @PathVariable long id,
            @Parameter(example = "starter") @RequestParam(required = false) String against, Caller caller) {
        return reviews.diff(caller, id, against);
    }

    @Operation(summary = "The submission's comments, oldest first")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.SUBMISSION_NOT_FOUND })
    @GetMapping("/api/v1/submissions/{id}/comments")
    List<CommentView> comments(@Parameter(example = "31") @PathVariable long id, Caller caller) {
        return comments.comments(caller, id);
    }

    record NewComment(String body, String path, Integer line, Long parentId) {
    }

    @Operation(summary = "Comment: general (body), on a line (path, line), or a reply (parentId)")
    @BodyExample(summary = "A general comment", value = """
            {"body": "Nice use of slicing."}""")
    @BodyExample(summary = "A comment on line 1 of main.py", value = """
            {"body": "What if the line is empty?", "path": "main.py", "line": 1}""")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.SUBMISSION_NOT_FOUND })
    @PostMapping(path = "/api/v1/submissions/{id}/comments", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommentView> comment(@Parameter(example = "31") @PathVariable long id, @RequestBody NewComment body,
            Caller caller) {
        CommentView c = comments.comment(caller, id, body.body(), body.path(), body.line(), body.parentId());
        return ResponseEntity.status(HttpStatus.CREATED).body(c);
    }

    record CommentChange(Boolean resolved) {
    }

    @Operation(summary = "Resolve (or reopen) a comment thread: body {\"resolved\": true}")
    @PatchMapping(path = "/api/v1/submissions/{id}/comments/{commentId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @BodyExample(summary = "Resolve", value = """
            {"resolved": true}""")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.SUBMISSION_NOT_FOUND, ProblemType.COMMENT_NOT_FOUND })
    CommentView resolve(@Parameter(example = "31") @PathVariable long id,
            @Parameter(example = "5") @PathVariable long commentId, @RequestBody CommentChange body, Caller caller) {
        return comments.resolve(caller, id, commentId, body.resolved() == null || body.resolved());
    }

    record Decision(String decision, String comment) {
    }

    @Operation(summary = "Decide: approved, changes_requested or rejected, with a comment (reviewers and admins)")
    @BodyExample(summary = "Approve", value = """
            {"decision": "approved", "comment": "Well done."}""")
    @BodyExample(summary = "Ask for changes", value = """
            {"decision": "changes_requested", "comment": "Handle an empty line too."}""")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.SUBMISSION_NOT_FOUND, ProblemType.FORBIDDEN,
            ProblemType.ALREADY_DECIDED })
    @PostMapping(path = "/api/v1/submissions/{id}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    SubmissionView decide(@Parameter(example = "31") @PathVariable long id, @RequestBody Decision body, Caller caller) {
        return reviews.decide(caller, id, body.decision(), body.comment());
    }

    // ------------------------------------------------------------ notifications

    @Operation(summary = "Your notifications, newest first, and how many are unread")
    @GetMapping("/api/v1/notifications")
    @Refuses(ProblemType.UNAUTHENTICATED)
    Notifications notifications(@Parameter(example = "false") @RequestParam(defaultValue = "false") boolean unread,
            Caller caller) {
        return notifications.notifications(caller, unread);
    }

    @Operation(summary = "Mark a notification read")
    @ApiResponse(responseCode = "204", description = "Marked read")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.NOTIFICATION_NOT_FOUND })
    @PostMapping("/api/v1/notifications/{id}/read")
    ResponseEntity<Void> read(@Parameter(example = "3") @PathVariable long id, Caller caller) {
        notifications.markRead(caller, id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Mark every notification read")
    @ApiResponse(responseCode = "204", description = "Marked read")
    @Refuses(ProblemType.UNAUTHENTICATED)
    @PostMapping("/api/v1/notifications/read-all")
    ResponseEntity<Void> readAll(Caller caller) {
        notifications.markAllRead(caller);
        return ResponseEntity.noContent().build();
    }

}
