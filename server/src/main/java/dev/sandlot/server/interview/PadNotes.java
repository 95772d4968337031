package dev.sandlot.server.interview;

import static dev.sandlot.server.interview.PadProblems.conflict;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.interview.PadViews.NoteView;
import dev.sandlot.server.interview.PadViews.ScorecardView;
import dev.sandlot.server.review.Markdown;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The interviewers' own part of a pad: each one's private note (Markdown, rendered and
 * sanitised as task statements are) and, after the interview, each one's scorecard on the
 * pad's rubric. A candidate never reads any of it.
 */
@Service
class PadNotes {

    static final int MAX_NOTE = 64 * 1024;

    static final int MAX_COMMENT = 4000;

    static final Set<String> RECOMMENDATIONS = Set.of("strong-no", "no", "yes", "strong-yes");

    private final PadRepository pads;

    private final PadService padService;

    PadNotes(PadRepository pads, PadService padService) {
        this.pads = pads;
        this.padService = padService;
    }

    private Map<Long, Participant> byId(long padId) {
        return pads.participants(padId).stream().collect(Collectors.toMap(Participant::id, Function.identity()));
    }

    List<NoteView> notes(Caller caller, long padId) {
        padService.requireInterviewer(caller, padId);
        Map<Long, Participant> who = byId(padId);
        return pads.notes(padId)
            .stream()
            .map(n -> new NoteView(who.get(n.participantId()).name(), n.participantId(), n.markdown(),
                    Markdown.html(n.markdown()), n.updatedAt()))
            .toList();
    }

    /** Saves the caller's own note (also after the interview). */
    NoteView saveNote(Caller caller, long padId, String markdown) {
        Participant me = padService.requireInterviewer(caller, padId);
        if (markdown == null)
            throw new InvalidFieldException("markdown", "is required");
        if (markdown.length() > MAX_NOTE)
            throw new InvalidFieldException("markdown", "must be at most " + MAX_NOTE + " characters", (long) MAX_NOTE);
        String problem = Markdown.problem(markdown);
        if (problem != null)
            throw new InvalidFieldException("markdown", problem);
        pads.saveNote(padId, me.id(), markdown);
        return pads.notes(padId)
            .stream()
            .filter(n -> n.participantId() == me.id())
            .map(n -> new NoteView(me.name(), me.id(), n.markdown(), Markdown.html(n.markdown()), n.updatedAt()))
            .findFirst()
            .orElseThrow();
    }

    List<ScorecardView> scorecards(Caller caller, long padId) {
        padService.requireInterviewer(caller, padId);
        Map<Long, Participant> who = byId(padId);
        return pads.scorecards(padId)
            .stream()
            .map(s -> new ScorecardView(who.get(s.participantId()).name(), s.participantId(), s.scores(),
                    s.recommendation(), s.comment(), s.updatedAt()))
            .toList();
    }

    /** The scores of a scorecard: criterion to 1 (poor) .. 4 (excellent). */
    record ScorecardBody(Map<String, Integer> scores, String recommendation, String comment) {
    }

    /**
     * Saves the caller's scorecard: only once the interview ended, a score of 1 to 4 for
     * every criterion of the pad's rubric and no other.
     */
    ScorecardView saveScorecard(Caller caller, long padId, ScorecardBody body) {
        Participant me = padService.requireInterviewer(caller, padId);
        Pad pad = padService.pad(padId).orElseThrow();
        if (!pad.ended()) {
            throw conflict("pad-live", "Interview not over",
                    "Pad " + padId + " is live: scorecards are filled in after the interview ends.");
        }
        if (body == null || body.scores() == null)
            throw new InvalidFieldException("scores", "is required: a score of 1 to 4 for each criterion");
        List<String> rubric = pads.rubric(padId);
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (String criterion : body.scores().keySet()) {
            if (!rubric.contains(criterion))
                throw new InvalidFieldException("scores." + criterion, "is not a criterion of this pad's rubric");
        }
        for (String criterion : rubric) {
            Integer score = body.scores().get(criterion);
            if (score == null)
                throw new InvalidFieldException("scores." + criterion, "is required (1 to 4)");
            if (score < 1 || score > 4)
                throw new InvalidFieldException("scores." + criterion, "must be between 1 and 4");
            scores.put(criterion, score);
        }
        if (body.recommendation() == null || !RECOMMENDATIONS.contains(body.recommendation()))
            throw new InvalidFieldException("recommendation", "must be one of strong-no, no, yes, strong-yes");
        String comment = body.comment() == null ? "" : body.comment().strip();
        if (comment.length() > MAX_COMMENT) {
            throw new InvalidFieldException("comment", "must be at most " + MAX_COMMENT + " characters",
                    (long) MAX_COMMENT);
        }
        pads.saveScorecard(padId, me.id(), scores, body.recommendation(), comment);
        return scorecards(caller, padId).stream().filter(s -> s.participantId() == me.id()).findFirst().orElseThrow();
    }

}
