package dev.sandlot.server.interview;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What the pad API answers. Candidates get views without links and rubric. */
public final class PadViews {

    private PadViews() {
    }

    /** Someone in the pad, as everyone in it sees them. */
    public record ParticipantView(long participantId, String name, String role, String colour, boolean guest) {
    }

    /** The caller's own place in the pad. */
    public record You(long participantId, String name, String role, String colour) {
    }

    /** The interviewers' countdown: started at {@code startedAt}, for {@code minutes}. */
    public record TimerView(OffsetDateTime startedAt, int minutes) {
    }

    /** A link as its pad's interviewers see it; {@code url} is the page that opens it. */
    public record LinkView(String token, String url, OffsetDateTime expiresAt, boolean revoked, boolean expired) {
    }

    public record Links(LinkView candidate, LinkView interviewer) {
    }

    /**
     * A pad. {@code links} and {@code rubric} are left out for a candidate.
     */
    public record PadView(long id, String title, String language, long projectId, Long taskId, String status,
            OffsetDateTime createdAt, OffsetDateTime endedAt, Long submissionId, boolean allowGuests,
            boolean interviewerMayType, int maxParticipants, You you, List<ParticipantView> participants,
            TimerView timer, @JsonInclude(JsonInclude.Include.NON_NULL) Links links,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> rubric) {
    }

    /** What anyone holding a working link sees before joining. */
    public record LinkPreview(long padId, String title, String language, String role, String owner, boolean allowGuests,
            String status) {
    }

    /** An interviewer's note, its Markdown and its sanitised HTML. */
    public record NoteView(String author, long participantId, String markdown, String html, OffsetDateTime updatedAt) {
    }

    /** An interviewer's scorecard: criterion to 1..4, and a recommendation. */
    public record ScorecardView(String author, long participantId, Map<String, Integer> scores, String recommendation,
            String comment, OffsetDateTime updatedAt) {
    }

    /** What ending an interview made. */
    public record Ended(PadView pad, long submissionId) {
    }

}
