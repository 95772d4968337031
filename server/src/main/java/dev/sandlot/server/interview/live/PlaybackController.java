package dev.sandlot.server.interview.live;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.interview.Pad;
import dev.sandlot.server.interview.Participant;
import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GET /api/v1/pads/{id}/playback: every update of the pad's shared document with its time
 * and author, and its runs, for the interviewers' timeline (the browser replays the
 * updates with yjs).
 */
@RestController
@Tag(name = "Pads")
class PlaybackController {

    /**
     * An insert at least this long counts as a paste (typing inserts one character, an
     * indent a few).
     */
    static final int PASTE_CHARS = 20;

    /** A paste longer than this is flagged. */
    static final int FLAGGED_CHARS = 200;

    private final PadDirectory pads;

    private final UpdateLog updates;

    private final JsonMapper json;

    PlaybackController(PadDirectory pads, UpdateLog updates, JsonMapper json) {
        this.pads = pads;
        this.updates = updates;
        this.json = json;
    }

    record Update(long seq, OffsetDateTime at, Long participantId, String author, int insertedChars, int largestInsert,
            boolean paste, boolean flagged, String update) {
    }

    record Run(String runId, OffsetDateTime at, OffsetDateTime finishedAt, Map<String, Object> by, String status,
            String stdout, String stderr, JsonNode result) {
    }

    record Playback(OffsetDateTime start, OffsetDateTime end, List<Update> updates, List<Run> runs,
            List<Map<String, Object>> participants) {
    }

    @Operation(summary = "The pad's recorded edits and runs, for replaying it (interviewers only)")
    @Refuses({ ProblemType.PAD_NOT_FOUND, ProblemType.INTERVIEWERS_ONLY })
    @GetMapping("/api/v1/pads/{id}/playback")
    Playback playback(@Parameter(example = "7") @PathVariable long id, Caller caller) {
        Pad pad = pads.pad(id).orElseThrow();
        Participant me = pads.requireInterviewer(caller, id);
        Map<Long, Participant> people = new HashMap<>();
        pads.participants(id).forEach(p -> people.put(p.id(), p));
        Base64.Encoder base64 = Base64.getEncoder();
        List<Update> list = updates.after(id, 0).stream().map(e -> {
            Participant p = e.participantId() == null ? null : people.get(e.participantId());
            boolean person = e.participantId() != null;
            return new Update(e.seq(), e.at(), e.participantId(),
                    p == null ? (person ? "unknown" : "system") : p.name(), e.insertedChars(), e.largestInsert(),
                    person && e.largestInsert() >= PASTE_CHARS, person && e.largestInsert() > FLAGGED_CHARS,
                    base64.encodeToString(e.payload()));
        }).toList();
        List<Run> runs = updates.runs(id).stream().map(r -> {
            Participant p = people.get(r.participantId());
            Map<String, Object> by = p == null ? Map.of("participantId", r.participantId()) : LiveFrames.by(p);
            return new Run(r.runId(), r.startedAt(), r.finishedAt(), by, r.status(), r.stdout(), r.stderr(),
                    r.resultJson() == null ? null : json.readTree(r.resultJson()));
        }).toList();
        OffsetDateTime end = pad.endedAt() != null ? pad.endedAt() : list.isEmpty() ? null : list.getLast().at();
        return new Playback(pad.createdAt(), end, list, runs,
                LiveFrames.participants(pads.view(me), java.util.Set.of()));
    }

}
