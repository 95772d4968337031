package dev.sandlot.server.interview;

import java.time.OffsetDateTime;

/**
 * A pad: an ordinary project with participants. {@code endedAt} set means the interview
 * is over and the pad is read-only; {@code submissionId} is the review submission it
 * became.
 */
public record Pad(long id, long ownerId, long projectId, Long taskId, String title, String language,
        boolean allowGuests, boolean interviewerMayType, int maxParticipants, OffsetDateTime createdAt,
        OffsetDateTime endedAt, Long submissionId) {

    public boolean ended() {
        return endedAt != null;
    }

}
