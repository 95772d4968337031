package dev.sandlot.server.review;

import dev.sandlot.server.review.ReviewRecords.CaseResult;
import dev.sandlot.server.review.ReviewRecords.TestCase;
import java.time.OffsetDateTime;
import java.util.List;

/** What the review API answers. Learners get views without hidden test contents. */
final class ReviewViews {

    private ReviewViews() {
    }

    record FileView(String path, String content) {
    }

    record CaseView(long id, int ordinal, String name, boolean hidden, String stdin, String expectedStdout,
            Long timeLimitMs, Long memoryMb) {
    }

    record LinkView(String token, String url, OffsetDateTime expiresAt, boolean expired) {
    }

    record MemberView(long userId, String username, String role) {
    }

    /**
     * A task. {@code tests} holds every case for those who manage the task and only the
     * visible ones for learners; {@code hiddenTests} counts the hidden ones. {@code link}
     * and {@code members} are null for learners, and so is {@code rubric} (the criteria
     * an interview on the task is scored on).
     */
    record TaskView(long id, String title, String statement, String statementHtml, String language, String entry,
            Integer timeLimitMinutes, int maxAttempts, long ownerId, String owner, List<FileView> starterFiles,
            List<CaseView> tests, int visibleTests, int hiddenTests, LinkView link, List<MemberView> members,
            boolean canManage, OffsetDateTime createdAt, List<String> rubric) {
    }

    /** What anyone holding a valid link sees before opening it. */
    record LinkPreview(long taskId, String title, String statementHtml, String language, String owner,
            Integer timeLimitMinutes, int visibleTests, int hiddenTests) {
    }

    record AttemptView(long id, long taskId, String taskTitle, long learnerId, String learner, Long projectId,
            OffsetDateTime startedAt, OffsetDateTime deadlineAt, boolean closed, int submissions, String latestStatus) {
    }

    /**
     * An attempt opened from a task: {@code created} false when the learner's existing
     * attempt is returned.
     */
    record OpenedAttempt(AttemptView attempt, boolean created) {
    }

    record ResultView(long caseId, String name, boolean hidden, String verdict, String stdin, String expectedStdout,
            String stdout, String stderr, String diff, long wallTimeMs, long memoryKb) {
    }

    /** A "Run tests" outcome: the visible cases only. */
    record TestRunView(long attemptId, List<ResultView> results, int passed, int total, OffsetDateTime ranAt) {
    }

    /**
     * A submission. {@code results} holds every case for reviewers and only the visible
     * ones for the learner, who gets the hidden ones as counts. {@code files} is null in
     * lists.
     */
    record SubmissionView(long id, long attemptId, long taskId, String taskTitle, int number, long learnerId,
            String learner, String message, String status, String decisionComment, String decidedBy,
            OffsetDateTime decidedAt, OffsetDateTime createdAt, List<FileView> files, List<ResultView> results,
            int visiblePassed, int visibleTotal, int hiddenPassed, int hiddenTotal) {
    }

    record FileDiff(String path, String oldPath, String status, String oldText, String newText, String unified,
            boolean truncated) {
    }

    record DiffView(long submissionId, String against, Long baseSubmissionId, Integer baseNumber, List<FileDiff> files,
            int added, int removed, int renamed, int modified) {
    }

    record CommentView(long id, long submissionId, Long parentId, long authorId, String author, String path,
            Integer line, String body, boolean resolved, OffsetDateTime createdAt) {
    }

    record RunView(String id, String status, String source, Long projectRevision, long wallTimeMs,
            OffsetDateTime createdAt) {
    }

    record NotificationView(long id, String kind, String message, String link, OffsetDateTime createdAt, boolean read) {
    }

    record Notifications(long unread, List<NotificationView> items) {
    }

    /**
     * A case's result beside the case; a wrong answer comes with the diff of expected and
     * actual output.
     */
    static ResultView result(CaseResult r, TestCase t, boolean withDiff) {
        String diff = withDiff && r.verdict().equals("wrong_answer")
                ? CaseRunner.outputDiff(t.expectedStdout(), r.stdout()) : null;
        return new ResultView(r.caseId(), t.name(), t.hidden(), r.verdict(), t.stdin(), t.expectedStdout(), r.stdout(),
                r.stderr(), diff, r.wallTimeMs(), r.memoryKb());
    }

}
