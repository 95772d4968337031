package dev.sandlot.server.interview;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.interview.PadViews.Ended;
import dev.sandlot.server.interview.PadViews.LinkPreview;
import dev.sandlot.server.interview.PadViews.NoteView;
import dev.sandlot.server.interview.PadViews.PadView;
import dev.sandlot.server.interview.PadViews.ScorecardView;
import dev.sandlot.server.web.BodyExample;
import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Live interview pads: creating one, its links and joining, settings, timer, notes,
 * ending and scorecards. The shared editing itself is the WebSocket
 * /api/v1/pads/{id}/live.
 */
@RestController
@Tag(name = "Interviews")
class PadController {

    private final PadService pads;

    private final PadLinks links;

    private final PadNotes notes;

    private final PadEnding ending;

    PadController(PadService pads, PadLinks links, PadNotes notes, PadEnding ending) {
        this.pads = pads;
        this.links = links;
        this.notes = notes;
        this.ending = ending;
    }

    @Operation(summary = "Start an interview pad (reviewers and admins): from a task, or blank in a language")
    @BodyExample(summary = "A blank Python pad that takes a guest candidate", value = """
            {"title": "Backend interview", "language": "python", "allowGuests": true}""")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.FORBIDDEN, ProblemType.UNKNOWN_LANGUAGE,
            ProblemType.TASK_NOT_FOUND, ProblemType.TOO_LARGE })
    @PostMapping(path = "/api/v1/pads", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PadView> create(@RequestBody PadService.NewPad body, Caller caller) {
        PadView pad = pads.create(caller, body);
        return ResponseEntity.created(URI.create("/api/v1/pads/" + pad.id())).body(pad);
    }

    @Operation(summary = "The pads you are in, newest first")
    @Refuses(ProblemType.UNAUTHENTICATED)
    @GetMapping("/api/v1/pads")
    List<PadView> list(Caller caller) {
        return pads.list(caller);
    }

    @Operation(summary = "One pad (its participants only); links and rubric for interviewers only")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.PAD_NOT_FOUND })
    @GetMapping("/api/v1/pads/{id}")
    PadView pad(@Parameter(example = "3") @PathVariable long id, Caller caller) {
        return pads.view(caller, id);
    }

    @Operation(summary = "Change a pad's title, whether it takes guests, whether interviewers may type (interviewers)")
    @BodyExample(summary = "Let interviewers type in the terminal", value = """
            {"interviewerMayType": true}""")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.PAD_NOT_FOUND, ProblemType.INTERVIEWERS_ONLY,
            ProblemType.PAD_ENDED })
    @PatchMapping(path = "/api/v1/pads/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    PadView update(@Parameter(example = "3") @PathVariable long id, @RequestBody PadService.PadChange body,
            Caller caller) {
        return pads.update(caller, id, body);
    }

    record LinkRequest(OffsetDateTime expiresAt) {
    }

    @Operation(summary = "Issue the candidate's or the co-interviewers' link again: a new token, the old one stops"
            + " working (interviewers)")
    @BodyExample(summary = "A link that works for sandlot.interview.link-ttl (or send expiresAt, within a year)",
            value = """
                    {}""")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.PAD_NOT_FOUND, ProblemType.INTERVIEWERS_ONLY,
            ProblemType.PAD_ENDED })
    @PostMapping("/api/v1/pads/{id}/links/{link}")
    PadView issueLink(@Parameter(example = "3") @PathVariable long id,
            @Parameter(example = "candidate") @PathVariable("link") String role,
            @RequestBody(required = false) LinkRequest body, Caller caller) {
        return links.issue(caller, id, role, body == null ? null : body.expiresAt());
    }

    @Operation(summary = "Revoke the candidate's or the co-interviewers' link (interviewers)")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.PAD_NOT_FOUND, ProblemType.INTERVIEWERS_ONLY })
    @DeleteMapping("/api/v1/pads/{id}/links/{link}")
    PadView revokeLink(@Parameter(example = "3") @PathVariable long id,
            @Parameter(example = "candidate") @PathVariable("link") String role, Caller caller) {
        return links.revoke(caller, id, role);
    }

    @Operation(summary = "What a pad link opens, before joining (anyone holding it)")
    @Refuses({ ProblemType.PAD_LINK_NOT_FOUND, ProblemType.PAD_LINK_EXPIRED })
    @GetMapping("/api/v1/pad-links/{token}")
    LinkPreview preview(@Parameter(example = "k3Vb9a...") @PathVariable String token) {
        return links.preview(token);
    }

    record JoinRequest(String guestName) {
    }

    @Operation(summary = "Join a pad through its link: signed in with the link's role, or on a candidate link of a pad"
            + " that allows guests, anonymously with guestName (this browser is then signed in as that guest)")
    @BodyExample(summary = "Join as a guest", value = """
            {"guestName": "Ada"}""")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.PAD_LINK_NOT_FOUND, ProblemType.PAD_LINK_EXPIRED,
            ProblemType.PAD_FULL, ProblemType.PAD_HAS_CANDIDATE, ProblemType.PAD_ENDED })
    @PostMapping("/api/v1/pad-links/{token}/join")
    PadView join(@Parameter(example = "k3Vb9a...") @PathVariable String token,
            @RequestBody(required = false) JoinRequest body, Caller caller, HttpServletRequest request,
            HttpServletResponse response) {
        return links.join(caller, token, body == null ? null : body.guestName(), request, response);
    }

    @Operation(summary = "The interviewers' private notes (interviewers; never a candidate)")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.PAD_NOT_FOUND, ProblemType.INTERVIEWERS_ONLY })
    @GetMapping("/api/v1/pads/{id}/notes")
    List<NoteView> notes(@Parameter(example = "3") @PathVariable long id, Caller caller) {
        return notes.notes(caller, id);
    }

    record NoteBody(String markdown) {
    }

    @Operation(summary = "Save your own note (Markdown; interviewers)")
    @BodyExample(summary = "A note", value = """
            {"markdown": "Asked about **edge cases** first."}""")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.PAD_NOT_FOUND, ProblemType.INTERVIEWERS_ONLY })
    @PutMapping(path = "/api/v1/pads/{id}/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
    NoteView saveNote(@Parameter(example = "3") @PathVariable long id, @RequestBody NoteBody body, Caller caller) {
        return notes.saveNote(caller, id, body == null ? null : body.markdown());
    }

    record TimerBody(Integer minutes) {
    }

    @Operation(summary = "Start (or restart) the pad's timer (interviewers)")
    @BodyExample(summary = "Forty-five minutes", value = """
            {"minutes": 45}""")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.PAD_NOT_FOUND, ProblemType.INTERVIEWERS_ONLY,
            ProblemType.PAD_ENDED })
    @PostMapping(path = "/api/v1/pads/{id}/timer", consumes = MediaType.APPLICATION_JSON_VALUE)
    PadView startTimer(@Parameter(example = "3") @PathVariable long id, @RequestBody TimerBody body, Caller caller) {
        return pads.startTimer(caller, id, body == null ? null : body.minutes());
    }

    @Operation(summary = "Stop the pad's timer (interviewers)")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.PAD_NOT_FOUND, ProblemType.INTERVIEWERS_ONLY,
            ProblemType.PAD_ENDED })
    @DeleteMapping("/api/v1/pads/{id}/timer")
    PadView stopTimer(@Parameter(example = "3") @PathVariable long id, Caller caller) {
        return pads.stopTimer(caller, id);
    }

    @Operation(summary = "End the interview (interviewers): the pad becomes read-only and its files a review"
            + " submission of the candidate's")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.PAD_NOT_FOUND, ProblemType.INTERVIEWERS_ONLY,
            ProblemType.PAD_ENDED, ProblemType.NO_CANDIDATE })
    @PostMapping("/api/v1/pads/{id}/end")
    Ended end(@Parameter(example = "3") @PathVariable long id, Caller caller) {
        return ending.end(caller, id);
    }

    @Operation(summary = "Every interviewer's scorecard (interviewers)")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.PAD_NOT_FOUND, ProblemType.INTERVIEWERS_ONLY })
    @GetMapping("/api/v1/pads/{id}/scorecards")
    List<ScorecardView> scorecards(@Parameter(example = "3") @PathVariable long id, Caller caller) {
        return notes.scorecards(caller, id);
    }

    @Operation(summary = "Save your scorecard after the interview: 1 to 4 for each criterion of the pad's rubric, and"
            + " a recommendation (interviewers)")
    @BodyExample(summary = "A scorecard on the default rubric", value = """
            {"scores": {"Problem solving": 3, "Code quality": 4, "Communication": 3, "Testing": 2},
             "recommendation": "yes", "comment": "Solid; tests came late."}""")
    @Refuses({ ProblemType.UNAUTHENTICATED, ProblemType.PAD_NOT_FOUND, ProblemType.INTERVIEWERS_ONLY,
            ProblemType.PAD_LIVE })
    @PutMapping(path = "/api/v1/pads/{id}/scorecard", consumes = MediaType.APPLICATION_JSON_VALUE)
    ScorecardView saveScorecard(@Parameter(example = "3") @PathVariable long id,
            @RequestBody PadNotes.ScorecardBody body, Caller caller) {
        return notes.saveScorecard(caller, id, body);
    }

}
