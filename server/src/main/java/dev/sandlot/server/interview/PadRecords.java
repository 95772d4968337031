package dev.sandlot.server.interview;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** The stored shapes of a pad's links, timer, notes and scorecards. */
final class PadRecords {

    private PadRecords() {
    }

    /** Now, as the pad tables store times (UTC). */
    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** A pad's link for one role; {@code revokedAt} set means it no longer works. */
    record Link(long padId, PadRole role, String token, OffsetDateTime expiresAt, OffsetDateTime revokedAt,
            OffsetDateTime createdAt) {

        boolean expired() {
            return expiresAt != null && !expiresAt.isAfter(now());
        }

    }

    /**
     * A running (or run-out) countdown, started at {@code startedAt} for so many minutes.
     */
    record Timer(OffsetDateTime startedAt, int minutes) {
    }

    record Note(long participantId, String markdown, OffsetDateTime updatedAt) {
    }

    record Scorecard(long participantId, Map<String, Integer> scores, String recommendation, String comment,
            OffsetDateTime updatedAt) {
    }

}
