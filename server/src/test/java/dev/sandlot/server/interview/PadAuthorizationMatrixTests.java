package dev.sandlot.server.interview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.account.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.JsonNode;

/**
 * Every pad endpoint against every kind of caller: anonymous, a stranger (a learner not
 * in the pad), a guest (the candidate of another pad), an admin not in the pad, the
 * candidate, a co-interviewer (a learner who joined by the interviewers' link) and the
 * owner (the reviewer who started it). Outsiders get the 404 of a pad that does not
 * exist; the candidate gets 403 for what is the interviewers'. Run on H2 and PostgreSQL.
 */
abstract class PadAuthorizationMatrixTests extends PadTestSupport {

    private static final List<String> WHO = List.of("anonymous", "stranger", "guest", "admin", "candidate",
            "co-interviewer", "owner");

    @Autowired
    PadService padService;

    private User owner;

    private User co;

    private User candidate;

    private User stranger;

    private User admin;

    private Browser guest;

    private JsonNode pad;

    private long id;

    private long guestPad;

    private Map<String, Client> clients;

    @BeforeEach
    void setUp() {
        owner = reviewer();
        co = newUser();
        candidate = newUser();
        stranger = newUser();
        admin = admin();
        pad = newPad(owner);
        id = pad.path("id").asLong();
        join(co, token(pad, "interviewer"));
        join(candidate, token(pad, "candidate"));
        JsonNode other = newPad(owner, Map.of("title", "Other", "language", "python", "allowGuests", true));
        guestPad = other.path("id").asLong();
        guest = joinAsGuest(token(other, "candidate"), "Grace");
        clients = new LinkedHashMap<>();
        clients.put("anonymous", anonymous());
        clients.put("stranger", bearer(stranger));
        clients.put("guest", browser(guest));
        clients.put("admin", bearer(admin));
        clients.put("candidate", bearer(candidate));
        clients.put("co-interviewer", bearer(co));
        clients.put("owner", bearer(owner));
    }

    /**
     * Sends the request as each caller, in {@link #WHO}'s order, and compares statuses.
     */
    private void expect(String method, String path, Object body, int... statuses) {
        Map<String, Integer> got = new LinkedHashMap<>();
        Map<String, Integer> want = new LinkedHashMap<>();
        for (int i = 0; i < WHO.size(); i++) {
            got.put(WHO.get(i), clients.get(WHO.get(i)).send(method, path, body).status());
            want.put(WHO.get(i), statuses[i]);
        }
        assertThat(got).as(method + " " + path).isEqualTo(want);
    }

    @Test
    void padEndpointsWhileLive() {
        String p = "/api/v1/pads/" + id;
        expect("GET", p, null, 401, 404, 404, 404, 200, 200, 200);
        expect("PATCH", p, Map.of("title", "Renamed"), 401, 404, 404, 404, 403, 200, 200);
        expect("GET", p + "/notes", null, 401, 404, 404, 404, 403, 200, 200);
        expect("PUT", p + "/notes", Map.of("markdown", "*hm*"), 401, 404, 404, 404, 403, 200, 200);
        expect("POST", p + "/timer", Map.of("minutes", 30), 401, 404, 404, 404, 403, 200, 200);
        expect("DELETE", p + "/timer", null, 401, 404, 404, 404, 403, 200, 200);
        expect("GET", p + "/scorecards", null, 401, 404, 404, 404, 403, 200, 200);
        expect("PUT", p + "/scorecard", Map.of("scores", Map.of(), "recommendation", "yes"), 401, 404, 404, 404, 403,
                409, 409);
        expect("POST", p + "/links/interviewer", Map.of(), 401, 404, 404, 404, 403, 200, 200);
        expect("DELETE", p + "/links/interviewer", null, 401, 404, 404, 404, 403, 200, 200);
        expect("POST", p + "/links/candidate", null, 401, 404, 404, 404, 403, 200, 200);
        expect("DELETE", p + "/links/candidate", null, 401, 404, 404, 404, 403, 200, 200);
        // Ending last: the co-interviewer ends it, and then it is over for the owner too.
        expect("POST", p + "/end", null, 401, 404, 404, 404, 403, 200, 409);
    }

    @Test
    void theCandidatesViewHasNoLinksNorRubricAndTheInterviewersHasBoth() {
        JsonNode mine = bearer(candidate).send("GET", "/api/v1/pads/" + id, null).json();
        assertThat(mine.has("links")).isFalse();
        assertThat(mine.has("rubric")).isFalse();
        assertThat(mine.path("you").path("role").asString()).isEqualTo("candidate");
        assertThat(mine.toString()).doesNotContain(token(pad, "candidate")).doesNotContain(token(pad, "interviewer"));
        JsonNode theirs = bearer(co).send("GET", "/api/v1/pads/" + id, null).json();
        assertThat(theirs.path("links").path("candidate").path("token").asString()).isNotEmpty();
        assertThat(theirs.path("rubric")).hasSize(4);
    }

    @Test
    void listsShowOnlyThePadsYouAreIn() {
        assertThat(anonymous().send("GET", "/api/v1/pads", null).status()).isEqualTo(401);
        assertThat(bearer(stranger).send("GET", "/api/v1/pads", null).json()).isEmpty();
        assertThat(bearer(admin).send("GET", "/api/v1/pads", null).json()).isEmpty();
        assertThat(bearer(candidate).send("GET", "/api/v1/pads", null).json().findValuesAsString("title"))
            .containsExactly("Interview");
        assertThat(browser(guest).send("GET", "/api/v1/pads", null).json().findValuesAsString("title"))
            .containsExactly("Other");
        assertThat(bearer(owner).send("GET", "/api/v1/pads", null).json().findValuesAsString("title"))
            .containsExactly("Other", "Interview");
    }

    @Test
    void theCandidateCannotReachAnotherPad() {
        String other = "/api/v1/pads/" + guestPad;
        for (String path : List.of(other, other + "/notes", other + "/scorecards"))
            assertThat(bearer(candidate).send("GET", path, null).status()).as(path).isEqualTo(404);
        assertThat(browser(guest).send("GET", other, null).status()).isEqualTo(200);
        assertThat(browser(guest).send("GET", other + "/notes", null).status()).isEqualTo(403);
    }

    @Test
    void playbackAndEverythingInterviewersOnlyRefusesTheCandidate() {
        Caller asCandidate = new Caller(candidate.id(), candidate.username(), Role.LEARNER, "127.0.0.1");
        Caller asStranger = new Caller(stranger.id(), stranger.username(), Role.LEARNER, "127.0.0.1");
        Caller asAdmin = new Caller(admin.id(), admin.username(), Role.ADMIN, "127.0.0.1");
        Caller asCo = new Caller(co.id(), co.username(), Role.LEARNER, "127.0.0.1");
        assertThatThrownBy(() -> padService.requireInterviewer(asCandidate, id))
            .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                assertThat(e.getStatusCode().value()).isEqualTo(403);
                assertThat(e.getBody().getType().toString()).isEqualTo("urn:sandlot:problem:interviewers-only");
            });
        for (Caller outsider : List.of(asStranger, asAdmin, Caller.anonymous("127.0.0.1"))) {
            assertThatThrownBy(() -> padService.requireInterviewer(outsider, id)).isInstanceOfSatisfying(
                    ErrorResponseException.class, e -> assertThat(e.getStatusCode().value()).isIn(401, 404));
        }
        assertThat(padService.requireInterviewer(asCo, id).role()).isEqualTo(PadRole.INTERVIEWER);
        // H3's playback answers through requireInterviewer; where it is served, so much
        // the better.
        Response playback = bearer(candidate).send("GET", "/api/v1/pads/" + id + "/playback", null);
        assertThat(playback.status()).isIn(403, 404);
        assertThat(playback.body()).doesNotContain("\"updates\"");
    }

    @Test
    void linksAnswerAnyoneHoldingThem() {
        String t = "/api/v1/pad-links/" + token(pad, "candidate");
        expect("GET", t, null, 200, 200, 200, 200, 200, 200, 200);
        assertThat(anonymous().send("GET", t, null).json().path("role").asString()).isEqualTo("candidate");
        assertThat(anonymous().send("GET", t, null).json().toString()).doesNotContain("rubric");
    }

    @Test
    void participantsUseThePadsProjectButOnlyItsOwnerChangesOrDeletesIt() {
        String p = "/api/v1/projects/" + pad.path("projectId").asLong();
        expect("GET", p, null, 401, 404, 404, 200, 200, 200, 200);
        expect("GET", p + "/files/main.py", null, 401, 404, 404, 200, 200, 200, 200);
        expect("PUT", p + "/files/main.py", Map.of("content", "print(2)\n"), 401, 404, 404, 200, 200, 200, 200);
        expect("POST", p + "/run", Map.of(), 401, 404, 404, 200, 200, 200, 200);
        expect("PATCH", p, Map.of("name", "mine now"), 401, 404, 404, 200, 403, 403, 200);
        expect("DELETE", p, null, 401, 404, 404, 409, 403, 403, 409);
        assertThat(bearer(candidate).send("GET", "/api/v1/projects", null).json().findValuesAsString("name"))
            .as("a shared project is not the candidate's own")
            .isEmpty();
    }

    @Test
    void afterTheEndScorecardsAreTheInterviewersAndTheProjectIsReadOnly() {
        Response ended = bearer(owner).send("POST", "/api/v1/pads/" + id + "/end", null);
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        String p = "/api/v1/pads/" + id;
        Map<String, Object> card = Map.of("scores",
                Map.of("Problem solving", 3, "Code quality", 2, "Communication", 4, "Testing", 1), "recommendation",
                "no");
        expect("PUT", p + "/scorecard", card, 401, 404, 404, 404, 403, 200, 200);
        expect("GET", p + "/scorecards", null, 401, 404, 404, 404, 403, 200, 200);
        expect("GET", p, null, 401, 404, 404, 404, 200, 200, 200);
        expect("PATCH", p, Map.of("title", "Again"), 401, 404, 404, 404, 403, 409, 409);
        String project = "/api/v1/projects/" + pad.path("projectId").asLong();
        expect("PUT", project + "/files/main.py", Map.of("content", "late\n"), 401, 404, 404, 409, 409, 409, 409);
        expect("GET", project + "/files/main.py", null, 401, 404, 404, 200, 200, 200, 200);
        String kind = bearer(candidate).send("PUT", project + "/files/main.py", Map.of("content", "x"))
            .json()
            .path("type")
            .asString();
        assertThat(kind).isEqualTo("urn:sandlot:problem:pad-ended");
    }

}
