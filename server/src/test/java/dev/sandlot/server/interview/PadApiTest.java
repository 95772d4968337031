package dev.sandlot.server.interview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.H2Server;
import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Pads through the REST API: creating them, links (expiry, revocation, re-issue), joining
 * (guests, full and ended pads, again), ending into review, scorecards, notes and the
 * timer.
 */
@H2Server
class PadApiTest extends PadTestSupport {

    @Autowired
    JdbcClient jdbc;

    // ------------------------------------------------------------ creating

    @Test
    void onlyReviewersAndAdminsStartPadsAndABlankPadHasTheLanguagesHelloWorld() {
        User learner = newUser();
        assertProblem(as(learner, "POST", "/api/v1/pads", Map.of("title", "x", "language", "python")), 403,
                "forbidden");
        assertProblem(as(null, "POST", "/api/v1/pads", Map.of("title", "x", "language", "python")), 401,
                "unauthenticated");
        User owner = reviewer();
        assertProblem(as(owner, "POST", "/api/v1/pads", Map.of("title", "x")), 400, "invalid-request");
        assertProblem(as(owner, "POST", "/api/v1/pads", Map.of("title", "x", "language", "cobol")), 400,
                "unknown-language");
        assertProblem(as(owner, "POST", "/api/v1/pads", Map.of("title", "x", "language", "go", "maxParticipants", 1)),
                400, "invalid-request");
        assertProblem(as(owner, "POST", "/api/v1/pads", Map.of("title", "x", "language", "go", "maxParticipants", 9)),
                400, "invalid-request");
        assertProblem(as(owner, "POST", "/api/v1/pads", Map.of("title", " ", "language", "go")), 400,
                "invalid-request");
        assertProblem(
                as(owner, "POST", "/api/v1/pads",
                        Map.of("title", "x", "language", "go", "linkExpiresAt", "2001-01-01T00:00:00Z")),
                400, "invalid-request");

        JsonNode pad = newPad(admin(), Map.of("title", "Java round", "language", "java"));
        assertThat(pad.path("status").asString()).isEqualTo("live");
        assertThat(pad.path("language").asString()).isEqualTo("java");
        assertThat(pad.path("participants")).hasSize(1);
        assertThat(pad.path("you").path("role").asString()).isEqualTo("interviewer");
        assertThat(pad.path("rubric").findValuesAsString("x")).isEmpty();
        assertThat(pad.path("rubric").toString()).contains("Problem solving", "Code quality", "Communication",
                "Testing");
        JsonNode link = pad.path("links").path("candidate");
        assertThat(link.path("token").asString()).matches("[A-Za-z0-9_-]{43}");
        assertThat(link.path("url").asString()).isEqualTo("/pad.html#join=" + link.path("token").asString());
        assertThat(OffsetDateTime.parse(link.path("expiresAt").asString()))
            .isAfter(OffsetDateTime.now(ZoneOffset.UTC).plusDays(6));
        assertThat(pad.path("links").path("interviewer").path("token").asString())
            .isNotEqualTo(link.path("token").asString());
    }

    @Test
    void aBlankPadsProjectHoldsItsHelloWorld() {
        User owner = reviewer();
        JsonNode pad = newPad(owner, Map.of("title", "Go", "language", "go"));
        Response file = as(owner, "GET", "/api/v1/projects/" + pad.path("projectId").asLong() + "/files/main.go", null);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.json().path("content").asString()).contains("package main", "Hello, world!");
    }

    @Test
    void aPadFromATaskTakesItsFilesAndRubricAndOnlyItsReviewersMayStartOne() {
        User owner = reviewer();
        long task = newTask(owner,
                Map.of("title", "Reverse", "language", "python", "entry", "main.py", "rubric",
                        List.of("Correctness", " Naming "), "starterFiles",
                        List.of(Map.of("path", "main.py", "content", "print(input()[::-1])\n"),
                                Map.of("path", "util.py", "content", "X = 1\n"))));
        assertThat(as(owner, "GET", "/api/v1/tasks/" + task, null).json().path("rubric").toString())
            .isEqualTo("[\"Correctness\",\"Naming\"]");
        assertProblem(as(reviewer(), "POST", "/api/v1/pads", Map.of("taskId", task)), 404, "task-not-found");
        assertProblem(as(owner, "POST", "/api/v1/pads", Map.of("taskId", task, "language", "go")), 400,
                "invalid-request");
        JsonNode pad = newPad(owner, Map.of("taskId", task));
        assertThat(pad.path("title").asString()).isEqualTo("Reverse");
        assertThat(pad.path("taskId").asLong()).isEqualTo(task);
        assertThat(pad.path("rubric").toString()).isEqualTo("[\"Correctness\",\"Naming\"]");
        JsonNode files = as(owner, "GET", "/api/v1/projects/" + pad.path("projectId").asLong() + "/files?content=true",
                null)
            .json();
        assertThat(files.findValuesAsString("path")).containsExactly("main.py", "util.py");
        // A learner of the task never sees its rubric.
        User learner = newUser();
        JsonNode attempt = attemptByLink(owner, task, learner);
        assertThat(attempt.path("id").asLong()).isPositive();
        assertThat(as(learner, "GET", "/api/v1/tasks/" + task, null).json().path("rubric").isNull()).isTrue();
    }

    @Test
    void aTasksRubricIsCheckedAndEditable() {
        User owner = reviewer();
        Map<String, Object> task = Map.of("title", "T", "language", "python");
        for (List<String> bad : List.of(List.of(""), List.of("a".repeat(81)), List.of("a", "a"), List.of("tab\there"),
                java.util.Collections.nCopies(13, "x"))) {
            Map<String, Object> body = new java.util.HashMap<>(task);
            body.put("rubric",
                    bad.size() == 13 ? java.util.stream.IntStream.range(0, 13).mapToObj(i -> "c" + i).toList() : bad);
            Response r = as(owner, "POST", "/api/v1/tasks", body);
            assertThat(r.status()).as(bad.toString()).isEqualTo(400);
            assertThat(r.json().path("field").asString()).startsWith("rubric");
        }
        long id = newTask(owner, task);
        Response edited = as(owner, "PATCH", "/api/v1/tasks/" + id, Map.of("rubric", List.of("Design")));
        assertThat(edited.json().path("rubric").toString()).isEqualTo("[\"Design\"]");
    }

    // ------------------------------------------------------------ links

    @Test
    void anExpiredLinkIs410ARevokedOne404AndAReissuedOneKillsTheOld() {
        User owner = reviewer();
        JsonNode pad = newPad(owner);
        long id = pad.path("id").asLong();
        String old = token(pad, "candidate");
        assertThat(get("/api/v1/pad-links/" + old).json().path("padId").asLong()).isEqualTo(id);

        JsonNode reissued = as(owner, "POST", "/api/v1/pads/" + id + "/links/candidate", Map.of()).json();
        String fresh = token(reissued, "candidate");
        assertThat(fresh).isNotEqualTo(old);
        assertProblem(get("/api/v1/pad-links/" + old), 404, "pad-link-not-found");
        assertProblem(as(newUser(), "POST", "/api/v1/pad-links/" + old + "/join", null), 404, "pad-link-not-found");
        assertThat(get("/api/v1/pad-links/" + fresh).status()).isEqualTo(200);

        JsonNode revoked = as(owner, "DELETE", "/api/v1/pads/" + id + "/links/candidate", null).json();
        assertThat(revoked.path("links").path("candidate").path("revoked").asBoolean()).isTrue();
        assertProblem(get("/api/v1/pad-links/" + fresh), 404, "pad-link-not-found");
        assertProblem(as(newUser(), "POST", "/api/v1/pad-links/" + fresh + "/join", null), 404, "pad-link-not-found");

        String again = token(
                as(owner, "POST", "/api/v1/pads/" + id + "/links/candidate",
                        Map.of("expiresAt", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString()))
                    .json(),
                "candidate");
        jdbc.sql("update pad_links set expires_at = ? where token = ?")
            .params(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), again)
            .update();
        assertProblem(get("/api/v1/pad-links/" + again), 410, "pad-link-expired");
        assertProblem(as(newUser(), "POST", "/api/v1/pad-links/" + again + "/join", null), 410, "pad-link-expired");

        assertProblem(as(owner, "POST", "/api/v1/pads/" + id + "/links/boss", Map.of()), 400, "invalid-request");
        assertProblem(get("/api/v1/pad-links/" + "a".repeat(65)), 404, "pad-link-not-found");
        assertProblem(get("/api/v1/pad-links/%27%20or%201=1"), 404, "pad-link-not-found");
    }

    // ------------------------------------------------------------ joining

    @Test
    void aGuestJoinsOnlyWhenAllowedOnlyByTheCandidatesLinkAndGetsANewSession() {
        User owner = reviewer();
        JsonNode closed = newPad(owner);
        Browser anon = anonymousBrowser();
        assertProblem(browse(anon, "POST", "/api/v1/pad-links/" + token(closed, "candidate") + "/join",
                Map.of("guestName", "Ada")), 401, "unauthenticated");
        JsonNode open = newPad(owner, Map.of("title", "Open", "language", "python", "allowGuests", true));
        long id = open.path("id").asLong();
        assertProblem(browse(anon, "POST", "/api/v1/pad-links/" + token(open, "interviewer") + "/join",
                Map.of("guestName", "Ada")), 401, "unauthenticated");
        assertProblem(browse(anon, "POST", "/api/v1/pad-links/" + token(open, "candidate") + "/join", null), 401,
                "unauthenticated");
        for (String bad : List.of("  ", "a".repeat(41), "Ada\u0000", "Ada\u202e", "Ada\nBob", "Ada (guest)")) {
            Response r = browse(anon, "POST", "/api/v1/pad-links/" + token(open, "candidate") + "/join",
                    Map.of("guestName", bad));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().path("field").asString()).isEqualTo("guestName");
        }
        assertThat(as(owner, "GET", "/api/v1/pads/" + id, null).json().path("participants")).hasSize(1);

        Response joined = browse(anon, "POST", "/api/v1/pad-links/" + token(open, "candidate") + "/join",
                Map.of("guestName", "  Ada Lovelace "));
        assertThat(joined.status()).as(joined.body()).isEqualTo(200);
        assertThat(joined.json().path("you").path("name").asString()).isEqualTo("Ada Lovelace (guest)");
        assertThat(joined.json().path("you").path("role").asString()).isEqualTo("candidate");
        String cookie = sessionCookie(joined);
        assertThat(cookie).as("a new session id: no session fixation").isNotEqualTo(anon.cookie());
        String csrf = csrfOf(cookie);
        assertThat(csrf).as("a new CSRF token").isNotEqualTo(anon.csrf());
        Browser guest = new Browser(cookie, csrf);
        assertThat(browse(guest, "GET", "/api/v1/pads/" + id, null).status()).isEqualTo(200);
        assertThat(browse(anon, "GET", "/api/v1/pads/" + id, null).status()).as("the old session id").isEqualTo(401);
        assertThat(browse(new Browser(cookie, anon.csrf()), "PUT", "/api/v1/pads/" + id + "/notes",
                Map.of("markdown", "x"))
            .status()).as("the old CSRF token").isEqualTo(403);

        JsonNode me = browse(guest, "GET", "/api/v1/auth/me", null).json();
        String username = me.path("username").asString();
        assertThat(username).startsWith("guest-");
        assertThat(me.path("role").asString()).isEqualTo("learner");
        assertThat(JSON.readTree(as(owner, "GET", "/api/v1/pads/" + id, null).body())
            .path("participants")
            .path(1)
            .path("guest")
            .asBoolean()).isTrue();
        // No password works for a guest, and it gets no keys.
        for (String password : List.of("", "!guest", "guest"))
            assertThat(post("/api/v1/auth/login", Map.of("username", username, "password", password)).status())
                .isEqualTo(401);
        assertThat(browse(guest, "POST", "/api/v1/auth/api-keys", Map.of("name", "k")).status()).isEqualTo(403);
        assertThat(post("/api/v1/auth/signup", Map.of("username", "guest-mine", "password", "correct horse battery"))
            .status()).isEqualTo(409);
    }

    @Test
    void joiningAgainIsIdempotentAFullPadIs409AndOnlyOneCandidateJoins() {
        User owner = reviewer();
        JsonNode pad = newPad(owner, Map.of("title", "Small", "language", "python", "maxParticipants", 3));
        long id = pad.path("id").asLong();
        User candidate = newUser();
        JsonNode first = join(candidate, token(pad, "candidate"));
        JsonNode second = join(candidate, token(pad, "candidate"));
        assertThat(second.path("you").path("participantId").asLong())
            .isEqualTo(first.path("you").path("participantId").asLong());
        JsonNode asInterviewer = join(candidate, token(pad, "interviewer"));
        assertThat(asInterviewer.path("you").path("role").asString()).as("a role never changes by joining again")
            .isEqualTo("candidate");
        assertProblem(as(newUser(), "POST", "/api/v1/pad-links/" + token(pad, "candidate") + "/join", null), 409,
                "pad-has-candidate");
        User co = newUser();
        join(co, token(pad, "interviewer"));
        assertProblem(as(newUser(), "POST", "/api/v1/pad-links/" + token(pad, "interviewer") + "/join", null), 409,
                "pad-full");
        JsonNode view = as(owner, "GET", "/api/v1/pads/" + id, null).json();
        assertThat(view.path("participants")).hasSize(3);
        assertThat(view.path("participants").findValuesAsString("colour")).containsExactly("#0b6bcb", "#c2410c",
                "#15803d");
        assertThat(view.path("participants").findValuesAsString("role")).containsExactly("interviewer", "candidate",
                "interviewer");
    }

    @Test
    void anEndedPadTakesNoNewcomersButItsParticipantsStillOpenIt() {
        User owner = reviewer();
        JsonNode pad = newPad(owner);
        long id = pad.path("id").asLong();
        User candidate = newUser();
        join(candidate, token(pad, "candidate"));
        assertThat(as(owner, "POST", "/api/v1/pads/" + id + "/end", null).status()).isEqualTo(200);
        assertProblem(as(newUser(), "POST", "/api/v1/pad-links/" + token(pad, "interviewer") + "/join", null), 409,
                "pad-ended");
        assertThat(join(candidate, token(pad, "candidate")).path("status").asString()).isEqualTo("ended");
        assertThat(get("/api/v1/pad-links/" + token(pad, "candidate")).json().path("status").asString())
            .isEqualTo("ended");
        assertProblem(as(owner, "POST", "/api/v1/pads/" + id + "/links/candidate", Map.of()), 409, "pad-ended");
        assertProblem(as(owner, "POST", "/api/v1/pads/" + id + "/timer", Map.of("minutes", 5)), 409, "pad-ended");
        assertProblem(as(owner, "POST", "/api/v1/pads/" + id + "/end", null), 409, "pad-ended");
    }

    // ------------------------------------------------------------ ending

    @Test
    void endingWithoutACandidateIs409() {
        User owner = reviewer();
        long id = newPad(owner).path("id").asLong();
        assertProblem(as(owner, "POST", "/api/v1/pads/" + id + "/end", null), 409, "no-candidate");
        assertThat(as(owner, "GET", "/api/v1/pads/" + id, null).json().path("status").asString()).isEqualTo("live");
    }

    @Test
    void endingMakesASubmissionInTheOwnersReviewQueueWithTheProjectsFiles() {
        User owner = reviewer();
        JsonNode pad = newPad(owner, Map.of("title", "Strings", "language", "python"));
        long id = pad.path("id").asLong();
        long project = pad.path("projectId").asLong();
        User candidate = newUser();
        join(candidate, token(pad, "candidate"));
        assertThat(as(candidate, "PUT", "/api/v1/projects/" + project + "/files/main.py",
                Map.of("content", "print('reversed'[::-1])\n"))
            .status()).isEqualTo(200);
        assertThat(as(candidate, "PUT", "/api/v1/projects/" + project + "/files/test_main.py",
                Map.of("content", "assert True\n"))
            .status()).isEqualTo(201);

        Response ended = as(owner, "POST", "/api/v1/pads/" + id + "/end", null);
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        long submission = ended.json().path("submissionId").asLong();
        assertThat(ended.json().path("pad").path("status").asString()).isEqualTo("ended");
        assertThat(ended.json().path("pad").path("submissionId").asLong()).isEqualTo(submission);

        JsonNode queue = as(owner, "GET", "/api/v1/submissions?status=pending", null).json();
        assertThat(queue.findValuesAsString("taskTitle")).contains("Interview: Strings");
        JsonNode s = as(owner, "GET", "/api/v1/submissions/" + submission, null).json();
        assertThat(s.path("learner").asString()).isEqualTo(candidate.username());
        assertThat(s.path("files").findValuesAsString("path")).containsExactly("main.py", "test_main.py");
        assertThat(s.path("files").toString()).contains("print('reversed'[::-1])");
        Response diff = as(owner, "GET", "/api/v1/submissions/" + submission + "/diff", null);
        assertThat(diff.status()).as(diff.body()).isEqualTo(200);
        assertThat(diff.json().path("modified").asInt()).isEqualTo(1);
        assertThat(diff.json().path("added").asInt()).isEqualTo(1);
        assertThat(as(owner, "POST", "/api/v1/submissions/" + submission + "/comments",
                Map.of("body", "Nice slice.", "path", "main.py", "line", 1))
            .status()).isEqualTo(201);
        assertThat(as(owner, "POST", "/api/v1/submissions/" + submission + "/decision", Map.of("decision", "approved"))
            .status()).isEqualTo(200);
        assertThat(as(owner, "GET", "/api/v1/tasks", null).json().findValuesAsString("title"))
            .as("the task made for the interview stays out of the task list")
            .doesNotContain("Interview: Strings");
        // The candidate sees their own submission, as any learner does, but no notes.
        assertThat(as(candidate, "GET", "/api/v1/submissions/" + submission, null).status()).isEqualTo(200);

        assertProblem(as(candidate, "PUT", "/api/v1/projects/" + project + "/files/main.py", Map.of("content", "x")),
                409, "pad-ended");
        assertProblem(as(owner, "PUT", "/api/v1/projects/" + project + "/files/main.py", Map.of("content", "x")), 409,
                "pad-ended");
        assertProblem(as(candidate, "POST", "/api/v1/submissions", Map.of("attemptId", s.path("attemptId").asLong())),
                409, "attempt-closed");
    }

    @Test
    void endingAPadFromATaskRunsItsTestsAndScoresOnItsRubric() {
        User owner = reviewer();
        long task = newTask(owner,
                Map.of("title", "Echo", "language", "python", "rubric", List.of("Speed"), "starterFiles",
                        List.of(Map.of("path", "main.py", "content", "print(input())\n")), "tests",
                        List.of(Map.of("name", "hi", "stdin", "hi\n", "expectedStdout", "hi\n"))));
        JsonNode pad = newPad(owner, Map.of("taskId", task));
        long id = pad.path("id").asLong();
        join(newUser(), token(pad, "candidate"));
        long submission = as(owner, "POST", "/api/v1/pads/" + id + "/end", null).json().path("submissionId").asLong();
        JsonNode s = as(owner, "GET", "/api/v1/submissions/" + submission, null).json();
        assertThat(s.path("taskId").asLong()).isEqualTo(task);
        assertThat(s.path("visiblePassed").asInt()).isEqualTo(1);
        assertProblem(as(owner, "PUT", "/api/v1/pads/" + id + "/scorecard",
                Map.of("scores", Map.of("Testing", 2), "recommendation", "yes")), 400, "invalid-request");
        assertThat(as(owner, "PUT", "/api/v1/pads/" + id + "/scorecard",
                Map.of("scores", Map.of("Speed", 4), "recommendation", "strong-yes"))
            .status()).isEqualTo(200);
    }

    // ------------------------------------------------------------ scorecards, notes,
    // timer

    @Test
    void scorecardsComeAfterTheEndOnThePadsRubricWithScoresOneToFour() {
        User owner = reviewer();
        JsonNode pad = newPad(owner);
        long id = pad.path("id").asLong();
        User co = newUser();
        join(co, token(pad, "interviewer"));
        join(newUser(), token(pad, "candidate"));
        Map<String, Integer> good = Map.of("Problem solving", 3, "Code quality", 2, "Communication", 4, "Testing", 1);
        String card = "/api/v1/pads/" + id + "/scorecard";
        assertProblem(as(owner, "PUT", card, Map.of("scores", good, "recommendation", "yes")), 409, "pad-live");
        as(owner, "POST", "/api/v1/pads/" + id + "/end", null);

        Map<String, Integer> unknown = new java.util.HashMap<>(good);
        unknown.put("Charm", 4);
        Response r = as(owner, "PUT", card, Map.of("scores", unknown, "recommendation", "yes"));
        assertProblem(r, 400, "invalid-request");
        assertThat(r.json().path("field").asString()).isEqualTo("scores.Charm");
        for (int score : new int[] { 0, 5, -1 }) {
            Map<String, Integer> bad = new java.util.HashMap<>(good);
            bad.put("Testing", score);
            Response b = as(owner, "PUT", card, Map.of("scores", bad, "recommendation", "yes"));
            assertProblem(b, 400, "invalid-request");
            assertThat(b.json().path("field").asString()).isEqualTo("scores.Testing");
        }
        Map<String, Integer> missing = new java.util.HashMap<>(good);
        missing.remove("Communication");
        assertThat(as(owner, "PUT", card, Map.of("scores", missing, "recommendation", "yes")).json()
            .path("field")
            .asString()).isEqualTo("scores.Communication");
        assertThat(as(owner, "PUT", card, Map.of("scores", good, "recommendation", "maybe")).json()
            .path("field")
            .asString()).isEqualTo("recommendation");
        assertThat(as(owner, "PUT", card, Map.of("scores", good)).status()).isEqualTo(400);
        assertThat(
                as(owner, "PUT", card, "{\"scores\": {\"Testing\": \"four\"}, \"recommendation\": \"yes\"}").status())
            .isEqualTo(400);

        assertThat(as(owner, "PUT", card, Map.of("scores", good, "recommendation", "yes", "comment", "Good.")).status())
            .isEqualTo(200);
        assertThat(as(co, "PUT", card, Map.of("scores", good, "recommendation", "strong-no")).status()).isEqualTo(200);
        assertThat(as(owner, "PUT", card, Map.of("scores", good, "recommendation", "no")).status()).isEqualTo(200);
        JsonNode cards = as(co, "GET", "/api/v1/pads/" + id + "/scorecards", null).json();
        assertThat(cards.findValuesAsString("recommendation")).containsExactly("no", "strong-no");
        assertThat(cards.path(0).path("author").asString()).isEqualTo(owner.username());
        assertThat(cards.path(0).path("scores").path("Communication").asInt()).isEqualTo(4);
    }

    @Test
    void notesAreMarkdownRenderedSafelyAndSharedAmongInterviewers() {
        User owner = reviewer();
        JsonNode pad = newPad(owner);
        long id = pad.path("id").asLong();
        User co = newUser();
        join(co, token(pad, "interviewer"));
        String evil = "**good** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>";
        Response saved = as(co, "PUT", "/api/v1/pads/" + id + "/notes", Map.of("markdown", evil));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        String html = saved.json().path("html").asString();
        assertThat(html).contains("<strong>good</strong>")
            .doesNotContain("<script")
            .doesNotContain("javascript:")
            .doesNotContain("<img");
        as(owner, "PUT", "/api/v1/pads/" + id + "/notes", Map.of("markdown", "mine"));
        as(owner, "PUT", "/api/v1/pads/" + id + "/notes", Map.of("markdown", "mine, edited"));
        JsonNode notes = as(owner, "GET", "/api/v1/pads/" + id + "/notes", null).json();
        assertThat(notes.findValuesAsString("markdown")).containsExactly("mine, edited", evil);
        assertThat(notes.findValuesAsString("author")).containsExactly(owner.username(), co.username());
        assertProblem(as(owner, "PUT", "/api/v1/pads/" + id + "/notes", Map.of("markdown", "x".repeat(64 * 1024 + 1))),
                400, "too-large");
        assertProblem(as(owner, "PUT", "/api/v1/pads/" + id + "/notes", Map.of("markdown", "> ".repeat(100) + "x")),
                400, "invalid-request");
        assertThat(as(owner, "PUT", "/api/v1/pads/" + id + "/notes", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void theTimerStartsRestartsAndStops() {
        User owner = reviewer();
        long id = newPad(owner).path("id").asLong();
        String timer = "/api/v1/pads/" + id + "/timer";
        for (int bad : new int[] { 0, -5, 24 * 60 + 1 })
            assertProblem(as(owner, "POST", timer, Map.of("minutes", bad)), 400, "invalid-request");
        assertProblem(as(owner, "POST", timer, Map.of()), 400, "invalid-request");
        JsonNode started = as(owner, "POST", timer, Map.of("minutes", 45)).json();
        assertThat(started.path("timer").path("minutes").asInt()).isEqualTo(45);
        assertThat(OffsetDateTime.parse(started.path("timer").path("startedAt").asString()))
            .isBefore(OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(5));
        assertThat(as(owner, "POST", timer, Map.of("minutes", 10)).json().path("timer").path("minutes").asInt())
            .isEqualTo(10);
        assertThat(as(owner, "DELETE", timer, null).json().path("timer").isNull()).isTrue();
    }

    @Test
    void settingsChangeAndAreChecked() {
        User owner = reviewer();
        long id = newPad(owner).path("id").asLong();
        JsonNode changed = as(owner, "PATCH", "/api/v1/pads/" + id,
                Map.of("title", "Renamed", "allowGuests", true, "interviewerMayType", true))
            .json();
        assertThat(changed.path("title").asString()).isEqualTo("Renamed");
        assertThat(changed.path("allowGuests").asBoolean()).isTrue();
        assertThat(changed.path("interviewerMayType").asBoolean()).isTrue();
        assertProblem(as(owner, "PATCH", "/api/v1/pads/" + id, Map.of("title", "x".repeat(201))), 400, "too-large");
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/pads/" + id))
            .header("Authorization", owner.authorization())
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"allowGuests\": \"yes please\"}"))).status())
            .isEqualTo(400);
    }

}
