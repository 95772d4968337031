package dev.sandlot.server.review;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The stored shapes of review tasks, attempts, submissions and what hangs off them. */
final class ReviewRecords {

    private ReviewRecords() {
    }

    /** Now, as the review tables store times (UTC). */
    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    record Task(long id, long ownerId, String title, String statement, String language, String entry,
            Integer timeLimitMinutes, int maxAttempts, String linkToken, OffsetDateTime linkExpiresAt,
            OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime archivedAt) {
    }

    record TaskFile(String path, String content) {
    }

    record TestCase(long id, long taskId, int ordinal, String name, String stdin, String expectedStdout, boolean hidden,
            Long timeLimitMs, Long memoryMb) {
    }

    /**
     * An attempt; {@code viaLink} is the token of the share link it was started through,
     * null if assigned.
     */
    record Attempt(long id, long taskId, long learnerId, Long projectId, OffsetDateTime startedAt,
            OffsetDateTime deadlineAt, String viaLink) {
    }

    record Submission(long id, long attemptId, int seq, String message, String status, String decisionComment,
            Long decidedBy, OffsetDateTime decidedAt, OffsetDateTime createdAt) {
    }

    record CaseResult(long caseId, String verdict, String stdout, String stderr, long wallTimeMs, long memoryKb) {
    }

    record Comment(long id, long submissionId, Long parentId, long authorId, String path, Integer line, String body,
            boolean resolved, OffsetDateTime createdAt) {
    }

    record Notification(long id, long userId, String kind, String message, String link, OffsetDateTime createdAt,
            OffsetDateTime readAt) {
    }

}
