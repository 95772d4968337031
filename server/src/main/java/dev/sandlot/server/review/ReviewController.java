package dev.sandlot.server.review;

import dev.sandlot.server.account.Caller;
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
import io.swagger.v3.oas.annotations.Operation;
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
    @PostMapping(path = "/api/v1/tasks", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TaskView> createTask(@RequestBody TaskService.NewTask body, Caller caller) {
        TaskView t = tasks.createTask(caller, body);
        return ResponseEntity.created(URI.create("/api/v1/tasks/" + t.id())).body(t);
    }

    @Operation(summary = "Tasks you own, are shared or assigned, or attempted (admins: all)")
    @GetMapping("/api/v1/tasks")
    List<TaskView> tasks(Caller caller) {
        return tasks.tasks(caller);
    }

    @Operation(summary = "One task; learners never see hidden test contents")
    @GetMapping("/api/v1/tasks/{id}")
    TaskView task(@PathVariable long id, Caller caller) {
        return tasks.task(caller, id);
    }

    @Operation(
            summary = "Edit a task (its reviewers and admins): absent fields stay; starterFiles and tests replace the whole list")
    @PatchMapping(path = "/api/v1/tasks/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    TaskView updateTask(@PathVariable long id, @RequestBody TaskService.TaskChange body, Caller caller) {
        return tasks.updateTask(caller, id, body);
    }

    @Operation(
            summary = "Delete (archive) a task: hidden, link refused, no new attempts; attempts and submissions are kept")
    @DeleteMapping("/api/v1/tasks/{id}")
    ResponseEntity<Void> archiveTask(@PathVariable long id, Caller caller) {
        tasks.archiveTask(caller, id);
        return ResponseEntity.noContent().build();
    }

    record LinkRequest(OffsetDateTime expiresAt) {
    }

    @Operation(summary = "Create or replace the task's share link (an unguessable token), optionally expiring")
    @PostMapping("/api/v1/tasks/{id}/link")
    TaskView createLink(@PathVariable long id, @RequestBody(required = false) LinkRequest body, Caller caller) {
        return tasks.createLink(caller, id, body == null ? null : body.expiresAt());
    }

    @Operation(summary = "Revoke the task's share link")
    @DeleteMapping("/api/v1/tasks/{id}/link")
    TaskView revokeLink(@PathVariable long id, Caller caller) {
        return tasks.revokeLink(caller, id);
    }

    record MemberRequest(String username) {
    }

    @Operation(summary = "Assign the task to a named user")
    @PostMapping(path = "/api/v1/tasks/{id}/assignees", consumes = MediaType.APPLICATION_JSON_VALUE)
    TaskView assign(@PathVariable long id, @RequestBody MemberRequest body, Caller caller) {
        return tasks.addMember(caller, id, body.username(), ReviewAccess.ASSIGNEE);
    }

    @Operation(summary = "Share the task with another reviewer, who may then review its submissions")
    @PostMapping(path = "/api/v1/tasks/{id}/reviewers", consumes = MediaType.APPLICATION_JSON_VALUE)
    TaskView share(@PathVariable long id, @RequestBody MemberRequest body, Caller caller) {
        return tasks.addMember(caller, id, body.username(), ReviewAccess.REVIEWER);
    }

    @Operation(
            summary = "What a share link shows before it is opened (no sign-in needed); 404 unknown or revoked, 410 expired")
    @GetMapping("/api/v1/tasks/by-link/{token}")
    LinkPreview preview(@PathVariable String token) {
        return tasks.preview(token);
    }

    record OpenRequest(Boolean again) {
    }

    @Operation(summary = "Open a share link: your attempt at the task (201 when new, 200 for your existing one)")
    @PostMapping("/api/v1/tasks/by-link/{token}/attempts")
    ResponseEntity<AttemptView> openByLink(@PathVariable String token, @RequestBody(required = false) OpenRequest body,
            Caller caller) {
        return opened(attempts.openByLink(caller, token, body != null && Boolean.TRUE.equals(body.again())));
    }

    @Operation(summary = "The task's attempts: all for its reviewers, your own for a learner")
    @GetMapping("/api/v1/tasks/{id}/attempts")
    List<AttemptView> attempts(@PathVariable long id, Caller caller) {
        return attempts.attemptsOfTask(caller, id);
    }

    @Operation(
            summary = "Start (or return) your attempt at a task assigned to you; again=true for another one if allowed")
    @PostMapping("/api/v1/tasks/{id}/attempts")
    ResponseEntity<AttemptView> open(@PathVariable long id, @RequestBody(required = false) OpenRequest body,
            Caller caller) {
        return opened(attempts.openAssigned(caller, id, body != null && Boolean.TRUE.equals(body.again())));
    }

    private static ResponseEntity<AttemptView> opened(OpenedAttempt o) {
        return ResponseEntity.status(o.created() ? HttpStatus.CREATED : HttpStatus.OK)
            .location(URI.create("/api/v1/attempts/" + o.attempt().id()))
            .body(o.attempt());
    }

    // ------------------------------------------------------------ attempts

    @Operation(summary = "Your own attempts (projectId= to find the attempt a project belongs to)")
    @GetMapping("/api/v1/attempts")
    List<AttemptView> myAttempts(@RequestParam(required = false) Long projectId, Caller caller) {
        return attempts.myAttempts(caller, projectId);
    }

    @GetMapping("/api/v1/attempts/{id}")
    AttemptView attempt(@PathVariable long id, Caller caller) {
        return attempts.attempt(caller, id);
    }

    @Operation(summary = "The attempt's live files, read-only (the learner and the task's reviewers)")
    @GetMapping("/api/v1/attempts/{id}/files")
    List<FileView> attemptFiles(@PathVariable long id, Caller caller) {
        return attempts.attemptFiles(caller, id);
    }

    @Operation(summary = "The attempt's recorded runs, newest first, with timestamps")
    @GetMapping("/api/v1/attempts/{id}/runs")
    List<RunView> attemptRuns(@PathVariable long id, Caller caller) {
        return attempts.attemptRuns(caller, id);
    }

    @Operation(summary = "Run the visible test cases against the attempt's current files (compiled once)")
    @PostMapping("/api/v1/attempts/{id}/test-runs")
    TestRunView runTests(@PathVariable long id, Caller caller) {
        return attempts.runTests(caller, id);
    }

    @Operation(summary = "The attempt's submissions, newest first")
    @GetMapping("/api/v1/attempts/{id}/submissions")
    List<SubmissionView> attemptSubmissions(@PathVariable long id, Caller caller) {
        return reviews.attemptSubmissions(caller, id);
    }

    // ------------------------------------------------------------ submissions

    record NewSubmission(Long attemptId, String message) {
    }

    @Operation(
            summary = "Submit: freeze the attempt's files with a message and run every test case against the snapshot")
    @PostMapping(path = "/api/v1/submissions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubmissionView> submit(@RequestBody NewSubmission body, Caller caller) {
        SubmissionView s = reviews.submit(caller, body.attemptId(), body.message());
        return ResponseEntity.created(URI.create("/api/v1/submissions/" + s.id())).body(s);
    }

    @Operation(
            summary = "The review queue, newest first: status=pending|approved|rejected|changes_requested|decided|all, taskId, learner")
    @GetMapping("/api/v1/submissions")
    List<SubmissionView> queue(@RequestParam(required = false) String status,
            @RequestParam(required = false) Long taskId, @RequestParam(required = false) String learner,
            @RequestParam(required = false) Integer limit, Caller caller) {
        return reviews.queue(caller, status, taskId, learner, limit);
    }

    @Operation(summary = "One submission with its files and results (learners: visible cases, hidden ones as counts)")
    @GetMapping("/api/v1/submissions/{id}")
    SubmissionView submission(@PathVariable long id, Caller caller) {
        return reviews.submission(caller, id);
    }

    @Operation(summary = "Per-file diff against=starter|previous|<submissionId>: both texts and a unified diff")
    @GetMapping("/api/v1/submissions/{id}/diff")
    DiffView diff(@PathVariable long id, @RequestParam(required = false) String against, Caller caller) {
        return reviews.diff(caller, id, against);
    }

    @GetMapping("/api/v1/submissions/{id}/comments")
    List<CommentView> comments(@PathVariable long id, Caller caller) {
        return comments.comments(caller, id);
    }

    record NewComment(String body, String path, Integer line, Long parentId) {
    }

    @Operation(summary = "Comment: general (body), on a line (path, line), or a reply (parentId)")
    @PostMapping(path = "/api/v1/submissions/{id}/comments", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommentView> comment(@PathVariable long id, @RequestBody NewComment body, Caller caller) {
        CommentView c = comments.comment(caller, id, body.body(), body.path(), body.line(), body.parentId());
        return ResponseEntity.status(HttpStatus.CREATED).body(c);
    }

    record CommentChange(Boolean resolved) {
    }

    @Operation(summary = "Resolve (or reopen) a comment thread: body {\"resolved\": true}")
    @PatchMapping(path = "/api/v1/submissions/{id}/comments/{commentId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    CommentView resolve(@PathVariable long id, @PathVariable long commentId, @RequestBody CommentChange body,
            Caller caller) {
        return comments.resolve(caller, id, commentId, body.resolved() == null || body.resolved());
    }

    record Decision(String decision, String comment) {
    }

    @Operation(summary = "Decide: approved, changes_requested or rejected, with a comment (reviewers and admins)")
    @PostMapping(path = "/api/v1/submissions/{id}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    SubmissionView decide(@PathVariable long id, @RequestBody Decision body, Caller caller) {
        return reviews.decide(caller, id, body.decision(), body.comment());
    }

    // ------------------------------------------------------------ notifications

    @Operation(summary = "Your notifications, newest first, and how many are unread")
    @GetMapping("/api/v1/notifications")
    Notifications notifications(@RequestParam(defaultValue = "false") boolean unread, Caller caller) {
        return notifications.notifications(caller, unread);
    }

    @PostMapping("/api/v1/notifications/{id}/read")
    ResponseEntity<Void> read(@PathVariable long id, Caller caller) {
        notifications.markRead(caller, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/notifications/read-all")
    ResponseEntity<Void> readAll(Caller caller) {
        notifications.markAllRead(caller);
        return ResponseEntity.noContent().build();
    }

}
