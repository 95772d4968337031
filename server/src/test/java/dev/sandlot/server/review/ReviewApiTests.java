package dev.sandlot.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ApiClient;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.account.Role;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The review story through the API, and its authorization matrix: reviewers create tasks
 * and share them, learners attempt, run tests and submit, reviewers diff, comment and
 * decide. Run on H2 and on PostgreSQL.
 */
abstract class ReviewApiTests extends ApiClient {

    static final String STARTER = "a = int(input())\nb = int(input())\nprint(a - b)\n";
    static final String FIXED = "a = int(input())\nb = int(input())\nprint(a + b)\n";

    @Autowired
    AccountService accounts;

    @Autowired
    ReviewAccess access;

    @Autowired
    JdbcClient jdbc;

    User reviewer;

    User learner;

    @BeforeEach
    void users() {
        reviewer = newUser();
        learner = newUser();
        accounts.setRole(reviewer.id(), Role.REVIEWER);
    }

    User newReviewer() {
        User u = newUser();
        accounts.setRole(u.id(), Role.REVIEWER);
        return u;
    }

    /**
     * A sum task: one visible case (3 + 4) and one hidden case whose numbers appear
     * nowhere else.
     */
    long createTask(User owner, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("title", "Sum two numbers", "language", "python",
                "statement",
                "# Sum\nRead **two** integers, print their sum. <script>alert(1)</script> [x](javascript:alert(2))",
                "starterFiles", List.of(Map.of("path", "main.py", "content", STARTER)), "tests",
                List.of(Map.of("name", "small", "stdin", "3\n4\n", "expectedStdout", "7\n"),
                        Map.of("name", "secret", "stdin", "91817\n10101\n", "expectedStdout", "101918\n", "hidden",
                                true, "timeLimitMs", 5000, "memoryMb", 128))));
        body.putAll(extra);
        Response created = as(owner, "POST", "/api/v1/tasks", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    String link(User owner, long task) {
        Response r = as(owner, "POST", "/api/v1/tasks/" + task + "/link", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("link").path("token").asString();
    }

    record Started(long attempt, long project) {
    }

    Started open(User user, String token) {
        Response r = as(user, "POST", "/api/v1/tasks/by-link/" + token + "/attempts", null);
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return new Started(r.json().path("id").asLong(), r.json().path("projectId").asLong());
    }

    void write(User user, long project, String path, String content) {
        Response r = as(user, "PUT", "/api/v1/projects/" + project + "/files/" + path, Map.of("content", content));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
    }

    Response submit(User user, long attempt, String message) {
        return as(user, "POST", "/api/v1/submissions", Map.of("attemptId", attempt, "message", message));
    }

    @Test
    void theWholeStory() {
        long task = createTask(reviewer, Map.of());
        JsonNode asReviewer = as(reviewer, "GET", "/api/v1/tasks/" + task, null).json();
        assertThat(asReviewer.path("tests")).hasSize(2);
        assertThat(asReviewer.path("statementHtml").asString()).contains("<h1>Sum</h1>", "<strong>two</strong>")
            .doesNotContain("<script", "javascript:");
        String token = link(reviewer, task);
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);

        // The learner opens the link: a project from the starter files; opening it again
        // returns the same attempt.
        Response preview = get("/api/v1/tasks/by-link/" + token);
        assertThat(preview.json().path("title").asString()).isEqualTo("Sum two numbers");
        assertThat(preview.json().path("hiddenTests").asInt()).isEqualTo(1);
        Response opened = as(learner, "POST", "/api/v1/tasks/by-link/" + token + "/attempts", null);
        assertThat(opened.status()).isEqualTo(201);
        long attempt = opened.json().path("id").asLong();
        long project = opened.json().path("projectId").asLong();
        Response again = as(learner, "POST", "/api/v1/tasks/by-link/" + token + "/attempts", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asLong()).isEqualTo(attempt);
        assertThat(as(learner, "GET", "/api/v1/projects/" + project + "/files/main.py", null).json()
            .path("content")
            .asString()).isEqualTo(STARTER);

        // The learner sees the task, but never the hidden case's contents.
        Response learnerTask = as(learner, "GET", "/api/v1/tasks/" + task, null);
        assertThat(learnerTask.status()).isEqualTo(200);
        assertThat(learnerTask.json().path("tests")).hasSize(1);
        assertThat(learnerTask.json().path("hiddenTests").asInt()).isEqualTo(1);
        assertThat(learnerTask.json().path("link").isNull()).isTrue();
        assertThat(learnerTask.body()).doesNotContain("91817", "101918");

        // Run tests on the starter: wrong answer with a diff; then fixed: accepted.
        JsonNode wrong = as(learner, "POST", "/api/v1/attempts/" + attempt + "/test-runs", null).json();
        assertThat(wrong.path("results")).hasSize(1);
        assertThat(wrong.path("results").get(0).path("verdict").asString()).isEqualTo("wrong_answer");
        assertThat(wrong.path("results").get(0).path("diff").asString()).contains("-7\n", "+-1\n");
        write(learner, project, "main.py", FIXED.replace("a + b", "a + b + 1"));
        Response first = submit(learner, attempt, "first try");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("number").asInt()).isEqualTo(1);
        assertThat(first.json().path("status").asString()).isEqualTo("submitted");
        assertThat(first.json().path("results")).hasSize(1);
        assertThat(first.json().path("hiddenTotal").asInt()).isEqualTo(1);
        assertThat(first.json().path("hiddenPassed").asInt()).isEqualTo(0);
        assertThat(first.body()).doesNotContain("91817", "101918");
        long s1 = first.json().path("id").asLong();

        // The snapshot is frozen: later edits do not change it.
        write(learner, project, "main.py", "print('changed after submitting')\n");
        assertThat(as(learner, "GET", "/api/v1/submissions/" + s1, null).json()
            .path("files")
            .get(0)
            .path("content")
            .asString()).isEqualTo(FIXED.replace("a + b", "a + b + 1"));

        // The reviewer: queue, all results, diff against the starter, a line comment,
        // changes requested.
        JsonNode queue = as(reviewer, "GET",
                "/api/v1/submissions?status=pending&taskId=" + task + "&learner=" + learner.username(), null)
            .json();
        assertThat(queue).hasSize(1);
        assertThat(queue.get(0).path("id").asLong()).isEqualTo(s1);
        assertThat(queue.get(0).path("learner").asString()).isEqualTo(learner.username());
        assertThat(as(reviewer, "GET", "/api/v1/submissions?status=approved", null).json()).isEmpty();
        JsonNode full = as(reviewer, "GET", "/api/v1/submissions/" + s1, null).json();
        assertThat(full.path("results")).hasSize(2);
        assertThat(full.path("results").get(1).path("stdin").asString()).isEqualTo("91817\n10101\n");
        JsonNode diff = as(reviewer, "GET", "/api/v1/submissions/" + s1 + "/diff?against=starter", null).json();
        assertThat(diff.path("against").asString()).isEqualTo("starter");
        assertThat(diff.path("modified").asInt()).isEqualTo(1);
        assertThat(diff.path("files").get(0).path("status").asString()).isEqualTo("modified");
        assertThat(diff.path("files").get(0).path("oldText").asString()).isEqualTo(STARTER);
        assertThat(diff.path("files").get(0).path("unified").asString()).contains("@@ -1,3 +1,3 @@", "-print(a - b)",
                "+print(a + b + 1)");
        Response comment = as(reviewer, "POST", "/api/v1/submissions/" + s1 + "/comments",
                Map.of("path", "main.py", "line", 3, "body", "Off by one here."));
        assertThat(comment.status()).as(comment.body()).isEqualTo(201);
        long thread = comment.json().path("id").asLong();
        Response badLine = as(reviewer, "POST", "/api/v1/submissions/" + s1 + "/comments",
                Map.of("path", "main.py", "line", 99, "body", "x"));
        assertThat(badLine.status()).isEqualTo(400);
        assertThat(badLine.json().path("field").asString()).isEqualTo("line");
        assertThat(as(reviewer, "POST", "/api/v1/submissions/" + s1 + "/comments",
                Map.of("path", "nope.py", "line", 1, "body", "x"))
            .json()
            .path("field")
            .asString()).isEqualTo("path");
        Response decided = as(reviewer, "POST", "/api/v1/submissions/" + s1 + "/decision",
                Map.of("decision", "changes_requested", "comment", "Close, fix the off-by-one."));
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        assertThat(decided.json().path("status").asString()).isEqualTo("changes_requested");
        assertThat(as(reviewer, "POST", "/api/v1/submissions/" + s1 + "/decision", Map.of("decision", "approved"))
            .status()).isEqualTo(409);

        // The learner is told, sees the comment, replies, and the thread is resolved.
        JsonNode notes = as(learner, "GET", "/api/v1/notifications", null).json();
        assertThat(notes.path("unread").asLong()).isEqualTo(2);
        assertThat(notes.path("items").get(0).path("message").asString()).contains("needs changes",
                "Close, fix the off-by-one.");
        assertThat(as(learner, "POST",
                "/api/v1/notifications/" + notes.path("items").get(0).path("id").asLong() + "/read", null)
            .status()).isEqualTo(204);
        assertThat(as(learner, "GET", "/api/v1/notifications", null).json().path("unread").asLong()).isEqualTo(1);
        JsonNode comments = as(learner, "GET", "/api/v1/submissions/" + s1 + "/comments", null).json();
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).path("line").asInt()).isEqualTo(3);
        Response reply = as(learner, "POST", "/api/v1/submissions/" + s1 + "/comments",
                Map.of("parentId", thread, "body", "Fixed."));
        assertThat(reply.json().path("parentId").asLong()).isEqualTo(thread);
        assertThat(reply.json().path("path").asString()).isEqualTo("main.py");
        assertThat(as(reviewer, "PATCH", "/api/v1/submissions/" + s1 + "/comments/" + thread, Map.of("resolved", true))
            .json()
            .path("resolved")
            .asBoolean()).isTrue();

        // Fixed and resubmitted: all cases pass; the reviewer diffs n-1 -> n and
        // approves.
        write(learner, project, "main.py", FIXED);
        write(learner, project, "NOTES.md", "used +\n");
        JsonNode ok = as(learner, "POST", "/api/v1/attempts/" + attempt + "/test-runs", null).json();
        assertThat(ok.path("results").get(0).path("verdict").asString()).isEqualTo("accepted");
        Response second = submit(learner, attempt, "fixed");
        assertThat(second.json().path("number").asInt()).isEqualTo(2);
        assertThat(second.json().path("visiblePassed").asInt()).isEqualTo(1);
        assertThat(second.json().path("hiddenPassed").asInt()).isEqualTo(1);
        long s2 = second.json().path("id").asLong();
        JsonNode previous = as(reviewer, "GET", "/api/v1/submissions/" + s2 + "/diff?against=previous", null).json();
        assertThat(previous.path("baseNumber").asInt()).isEqualTo(1);
        assertThat(previous.path("added").asInt()).isEqualTo(1);
        assertThat(previous.path("modified").asInt()).isEqualTo(1);
        assertThat(previous.path("files").findValuesAsString("status")).containsExactly("added", "modified");
        assertThat(as(reviewer, "GET", "/api/v1/submissions/" + s2 + "/diff?against=" + s1, null).json()
            .path("baseSubmissionId")
            .asLong()).isEqualTo(s1);
        assertThat(as(reviewer, "GET", "/api/v1/submissions/" + s2 + "/diff?against=banana", null).json()
            .path("field")
            .asString()).isEqualTo("against");
        assertThat(
                as(learner, "POST", "/api/v1/submissions/" + s2 + "/decision", Map.of("decision", "approved")).status())
            .isEqualTo(403);
        assertThat(as(reviewer, "POST", "/api/v1/submissions/" + s2 + "/decision",
                Map.of("decision", "approved", "comment", "Good."))
            .json()
            .path("status")
            .asString()).isEqualTo("approved");
        assertThat(as(learner, "GET", "/api/v1/attempts/" + attempt + "/submissions", null).json()
            .findValuesAsString("status")).containsExactly("approved", "changes_requested");
        assertThat(as(learner, "GET", "/api/v1/notifications", null).json()
            .path("items")
            .get(0)
            .path("message")
            .asString()).contains("was approved");

        // The reviewer's read-only view of the live attempt and its run history.
        assertThat(
                as(reviewer, "GET", "/api/v1/attempts/" + attempt + "/files", null).json().findValuesAsString("path"))
            .containsExactly("NOTES.md", "main.py");
        JsonNode runs = as(reviewer, "GET", "/api/v1/attempts/" + attempt + "/runs", null).json();
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).path("source").asString()).isEqualTo("review-tests");
        assertThat(runs.get(0).path("createdAt").asString()).isNotEmpty();
        // The learner's record of a test run can be run again exactly, case input and
        // limits included.
        JsonNode testRun = as(learner, "GET", "/api/v1/executions/" + runs.get(0).path("id").asString(), null).json();
        assertThat(testRun.path("exact").asBoolean()).as(testRun.toString()).isTrue();
        assertThat(testRun.path("projectName").asString()).isNotBlank();
        assertThat(testRun.path("request").path("limits").path("wallTimeMs").isNumber()).isTrue();
        assertThat(
                as(learner, "POST", "/api/v1/executions/" + runs.get(0).path("id").asString() + "/rerun", null).json()
                    .path("stdout")
                    .asString())
            .isEqualTo(testRun.path("stdout").asString());
    }

    @Test
    void everyVerdictIsReported() {
        String code = """
                import sys
                line = sys.stdin.readline().strip()
                if line == "loop":
                    while True:
                        pass
                elif line == "crash":
                    raise ValueError("boom")
                elif line == "memory":
                    x = bytearray(600 * 1024 * 1024)
                    print(len(x))
                elif line == "wrong":
                    print("no")
                else:
                    print("yes   ")
                """;
        Response created = as(reviewer, "POST", "/api/v1/tasks",
                Map.of("title", "Verdicts", "language", "python", "starterFiles",
                        List.of(Map.of("path", "main.py", "content", code)), "tests",
                        List.of(Map.of("stdin", "ok\n", "expectedStdout", "yes"),
                                Map.of("stdin", "wrong\n", "expectedStdout", "yes"),
                                Map.of("stdin", "loop\n", "expectedStdout", "yes", "timeLimitMs", 1000),
                                Map.of("stdin", "crash\n", "expectedStdout", "yes"),
                                Map.of("stdin", "memory\n", "expectedStdout", "yes", "memoryMb", 64))));
        long task = created.json().path("id").asLong();
        Started s = open(learner, link(reviewer, task));

        JsonNode run = as(learner, "POST", "/api/v1/attempts/" + s.attempt() + "/test-runs", null).json();

        assertThat(run.path("results").findValuesAsString("verdict")).containsExactly("accepted", "wrong_answer",
                "timeout", "runtime_error", "memory_limit");
        assertThat(run.path("passed").asInt()).isEqualTo(1);
        assertThat(run.path("results").get(3).path("stderr").asString()).contains("ValueError");
    }

    @Test
    void aTestCaseCanUseTheBuiltInLibraries() {
        String code = """
                import numpy, pandas
                values = numpy.array([float(x) for x in input().split()])
                print(pandas.Series(values).describe()['mean'])
                """;
        Response created = as(reviewer, "POST", "/api/v1/tasks",
                Map.of("title", "Mean", "language", "python", "starterFiles",
                        List.of(Map.of("path", "main.py", "content", code)), "tests",
                        List.of(Map.of("stdin", "1 2 3 6\n", "expectedStdout", "3.0\n"))));
        Started s = open(learner, link(reviewer, created.json().path("id").asLong()));

        JsonNode run = as(learner, "POST", "/api/v1/attempts/" + s.attempt() + "/test-runs", null).json();

        assertThat(run.path("results").findValuesAsString("verdict")).containsExactly("accepted");
    }

    @Test
    void aProgramThatDoesNotCompileFailsEveryCaseWithoutRunning() {
        Response created = as(reviewer, "POST", "/api/v1/tasks",
                Map.of("title", "C", "language", "c", "starterFiles",
                        List.of(Map.of("path", "main.c", "content", "int main(void) { return oops; }\n")), "tests",
                        List.of(Map.of("stdin", "", "expectedStdout", "a"),
                                Map.of("stdin", "", "expectedStdout", "b", "hidden", true))));
        long task = created.json().path("id").asLong();
        Started s = open(learner, link(reviewer, task));
        long before = jdbc.sql("select count(*) from executions").query(Long.class).single();

        JsonNode submission = submit(learner, s.attempt(), "broken").json();

        JsonNode all = as(reviewer, "GET", "/api/v1/submissions/" + submission.path("id").asLong(), null).json();
        assertThat(all.path("results").findValuesAsString("verdict")).containsExactly("compile_error", "compile_error");
        assertThat(all.path("results").get(1).path("stderr").asString()).contains("oops");
        JsonNode run = as(learner, "POST", "/api/v1/attempts/" + s.attempt() + "/test-runs", null).json();
        assertThat(run.path("results").findValuesAsString("verdict")).containsExactly("compile_error");
        // Submitting ran one compile for both cases and recorded nothing; the test run
        // recorded one run.
        assertThat(jdbc.sql("select count(*) from executions").query(Long.class).single()).isEqualTo(before + 1);
    }

    @Test
    void refusalsNameTheField() {
        assertThat(as(reviewer, "POST", "/api/v1/tasks", Map.of("language", "python")).json().path("field").asString())
            .isEqualTo("title");
        assertThat(as(reviewer, "POST", "/api/v1/tasks", Map.of("title", "t", "language", "cobol")).json()
            .path("field")
            .asString()).isEqualTo("language");
        assertThat(as(reviewer, "POST", "/api/v1/tasks",
                Map.of("title", "t", "language", "python", "tests", List.of(Map.of("stdin", ""))))
            .json()
            .path("field")
            .asString()).isEqualTo("tests[0].expectedStdout");
        assertThat(as(reviewer, "POST", "/api/v1/tasks",
                Map.of("title", "t", "language", "python", "starterFiles",
                        List.of(Map.of("path", "../x.py", "content", ""))))
            .json()
            .path("field")
            .asString()).isEqualTo("starterFiles[0].path");
        assertThat(as(reviewer, "POST", "/api/v1/tasks",
                Map.of("title", "t", "language", "python", "tests",
                        List.of(Map.of("expectedStdout", "", "timeLimitMs", 999_999))))
            .json()
            .path("field")
            .asString()).isEqualTo("tests[0].timeLimitMs");
        Response learnerCreates = as(learner, "POST", "/api/v1/tasks", Map.of("title", "t", "language", "python"));
        assertThat(learnerCreates.status()).isEqualTo(403);
        assertThat(learnerCreates.contentType()).startsWith("application/problem+json");
        assertThat(learnerCreates.json().path("field").asString()).isEqualTo("role");

        long task = createTask(reviewer, Map.of());
        Started s = open(learner, link(reviewer, task));
        Response again = as(learner, "POST", "/api/v1/tasks/" + task + "/attempts", Map.of("again", true));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("field").asString()).isEqualTo("again");
        submit(learner, s.attempt(), "one");
        Response badDecision = as(reviewer, "POST", "/api/v1/submissions/" + queueFirst(task) + "/decision",
                Map.of("decision", "maybe"));
        assertThat(badDecision.json().path("field").asString()).isEqualTo("decision");
        Response noReason = as(reviewer, "POST", "/api/v1/submissions/" + queueFirst(task) + "/decision",
                Map.of("decision", "rejected"));
        assertThat(noReason.json().path("field").asString()).isEqualTo("comment");
        assertThat(as(reviewer, "GET", "/api/v1/submissions?status=soon", null).json().path("field").asString())
            .isEqualTo("status");
    }

    @Test
    void aTaskMayAllowMoreAttempts() {
        long task = createTask(reviewer, Map.of("maxAttempts", 2));
        Started first = open(learner, link(reviewer, task));
        Response second = as(learner, "POST", "/api/v1/tasks/" + task + "/attempts", Map.of("again", true));
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().path("id").asLong()).isNotEqualTo(first.attempt());
        assertThat(as(learner, "POST", "/api/v1/tasks/" + task + "/attempts", Map.of("again", true)).status())
            .isEqualTo(409);
        assertThat(as(reviewer, "GET", "/api/v1/tasks/" + task + "/attempts", null).json()).hasSize(2);
    }

    @Test
    void anAttemptPastItsTimeLimitCannotBeSubmitted() {
        long task = createTask(reviewer, Map.of("timeLimitMinutes", 5));
        Started s = open(learner, link(reviewer, task));
        jdbc.sql("update review_attempts set deadline_at = ? where id = ?")
            .params(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), s.attempt())
            .update();

        Response late = submit(learner, s.attempt(), "late");

        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().path("field").asString()).isEqualTo("attemptId");
        assertThat(as(learner, "GET", "/api/v1/attempts/" + s.attempt(), null).json().path("closed").asBoolean())
            .isTrue();
    }

    @Test
    void theFilesOfAnAttemptPastItsTimeLimitAreReadOnly() {
        long task = createTask(reviewer, Map.of("timeLimitMinutes", 5));
        Started s = open(learner, link(reviewer, task));
        write(learner, s.project(), "main.py", FIXED);
        jdbc.sql("update review_attempts set deadline_at = ? where id = ?")
            .params(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), s.attempt())
            .update();
        String files = "/api/v1/projects/" + s.project() + "/files/";

        Response put = as(learner, "PUT", files + "main.py", Map.of("content", "print(1)\n"));
        assertThat(put.status()).isEqualTo(409);
        assertThat(put.contentType()).startsWith("application/problem+json");
        assertThat(put.json().path("type").asString()).isEqualTo("urn:sandlot:problem:attempt-closed");
        assertThat(put.json().path("field").asString()).isEqualTo("projectId");
        assertThat(put.json().path("detail").asString()).contains("attempt " + s.attempt(), "ran out of time");
        assertThat(as(learner, "PUT", files + "extra.py", Map.of("content", "")).status()).isEqualTo(409);
        assertThat(as(learner, "PATCH", files + "main.py", Map.of("path", "moved.py")).status()).isEqualTo(409);
        assertThat(as(learner, "DELETE", files + "main.py", null).status()).isEqualTo(409);
        // Reading still works, the files are unchanged, and a stranger still gets the 404
        // they got before.
        assertThat(as(learner, "GET", files + "main.py", null).json().path("content").asString()).isEqualTo(FIXED);
        assertThat(as(newUser(), "PUT", files + "main.py", Map.of("content", "x")).status()).isEqualTo(404);
        // An attempt with time left, or without a limit, is writable.
        long open = createTask(reviewer, Map.of());
        Started unlimited = open(learner, link(reviewer, open));
        write(learner, unlimited.project(), "main.py", FIXED);
    }

    @Test
    void theCandidateCannotRenameOrDeleteTheEvidence() {
        long task = createTask(reviewer, Map.of("timeLimitMinutes", 5));
        Started s = open(learner, link(reviewer, task));
        write(learner, s.project(), "main.py", FIXED);
        as(learner, "POST", "/api/v1/attempts/" + s.attempt() + "/test-runs", null);
        JsonNode runs = as(reviewer, "GET", "/api/v1/attempts/" + s.attempt() + "/runs", null).json();
        assertThat(runs).hasSize(1);
        String run = runs.get(0).path("id").asString();
        String project = "/api/v1/projects/" + s.project();

        // While the attempt is open: no deleting the project, nor the record of its runs.
        Response deleted = as(learner, "DELETE", project, null);
        assertThat(deleted.status()).isEqualTo(409);
        assertThat(deleted.contentType()).startsWith("application/problem+json");
        assertThat(deleted.json().path("type").asString()).isEqualTo("urn:sandlot:problem:attempt-evidence");
        assertThat(deleted.json().path("field").asString()).isEqualTo("projectId");
        Response forgotten = as(learner, "DELETE", "/api/v1/executions/" + run, null);
        assertThat(forgotten.status()).isEqualTo(409);
        assertThat(forgotten.json().path("field").asString()).isEqualTo("projectId");

        // After the deadline: no renaming, no language or entry change, still no
        // deleting.
        jdbc.sql("update review_attempts set deadline_at = ? where id = ?")
            .params(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), s.attempt())
            .update();
        for (Map<String, Object> change : List.<Map<String, Object>>of(Map.of("name", "nothing to see"),
                Map.of("language", "c"), Map.of("entry", "other.py"))) {
            Response patched = as(learner, "PATCH", project, change);
            assertThat(patched.status()).as(change.toString()).isEqualTo(409);
            assertThat(patched.json().path("type").asString()).isEqualTo("urn:sandlot:problem:attempt-closed");
            assertThat(patched.json().path("field").asString()).isEqualTo("projectId");
        }
        assertThat(as(learner, "DELETE", project, null).status()).isEqualTo(409);
        assertThat(as(learner, "DELETE", "/api/v1/executions/" + run, null).status()).isEqualTo(409);

        // The reviewer still sees everything as it was; a stranger still gets the 404
        // they got before.
        assertThat(as(learner, "GET", project, null).json().path("name").asString())
            .isEqualTo("Sum two numbers (attempt)");
        assertThat(as(reviewer, "GET", "/api/v1/attempts/" + s.attempt() + "/files", null).json()
            .get(0)
            .path("content")
            .asString()).isEqualTo(FIXED);
        assertThat(as(reviewer, "GET", "/api/v1/attempts/" + s.attempt() + "/runs", null).json()).hasSize(1);
        assertThat(as(newUser(), "DELETE", project, null).status()).isEqualTo(404);
        // The learner's other projects are theirs to rename and delete.
        long own = as(learner, "POST", "/api/v1/projects", Map.of("name", "scratch", "language", "python")).json()
            .path("id")
            .asLong();
        assertThat(as(learner, "PATCH", "/api/v1/projects/" + own, Map.of("name", "renamed")).status()).isEqualTo(200);
        assertThat(as(learner, "DELETE", "/api/v1/projects/" + own, null).status()).isEqualTo(204);
    }

    @Test
    void expiredAndRevokedLinksAreRefused() {
        long task = createTask(reviewer, Map.of());
        String token = link(reviewer, task);
        assertThat(as(reviewer, "DELETE", "/api/v1/tasks/" + task + "/link", null).status()).isEqualTo(200);
        Response revoked = as(learner, "POST", "/api/v1/tasks/by-link/" + token + "/attempts", null);
        assertThat(revoked.status()).isEqualTo(404);
        assertThat(revoked.json().path("field").asString()).isEqualTo("token");
        assertThat(get("/api/v1/tasks/by-link/" + token).status()).isEqualTo(404);

        Response expiring = as(reviewer, "POST", "/api/v1/tasks/" + task + "/link",
                Map.of("expiresAt", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString()));
        String fresh = expiring.json().path("link").path("token").asString();
        assertThat(fresh).isNotEqualTo(token);
        assertThat(get("/api/v1/tasks/by-link/" + fresh).status()).isEqualTo(200);
        jdbc.sql("update review_tasks set link_expires_at = ? where id = ?")
            .params(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), task)
            .update();
        Response expired = as(learner, "POST", "/api/v1/tasks/by-link/" + fresh + "/attempts", null);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.json().path("type").asString()).isEqualTo("urn:sandlot:problem:link-expired");
        assertThat(as(learner, "GET", "/api/v1/tasks/" + task, null).status()).isEqualTo(404);
        assertThat(as(reviewer, "POST", "/api/v1/tasks/" + task + "/link", Map.of("expiresAt", "2001-01-01T00:00:00Z"))
            .json()
            .path("field")
            .asString()).isEqualTo("expiresAt");
    }

    @Test
    void revokingALinkStopsThoseWhoJoinedThroughItFromStartingAttempts() {
        User assigned = newUser();
        long task = createTask(reviewer, Map.of("maxAttempts", 5, "assignees", List.of(assigned.username())));
        String token = link(reviewer, task);
        Started first = open(learner, token);
        String again = "/api/v1/tasks/" + task + "/attempts";
        assertThat(as(learner, "POST", again, Map.of("again", true)).status()).isEqualTo(201);

        assertThat(as(reviewer, "DELETE", "/api/v1/tasks/" + task + "/link", null).status()).isEqualTo(200);

        // Neither by the task's id nor by the old link.
        Response refused = as(learner, "POST", again, Map.of("again", true));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("field").asString()).isEqualTo("again");
        assertThat(as(learner, "POST", "/api/v1/tasks/by-link/" + token + "/attempts", Map.of("again", true)).status())
            .isEqualTo(404);
        assertThat(as(reviewer, "GET", "/api/v1/tasks/" + task + "/attempts", null).json()).hasSize(2);
        // What they have stays theirs: the latest attempt is returned, not a new one.
        Response mine = as(learner, "POST", again, null);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(as(learner, "GET", "/api/v1/attempts/" + first.attempt(), null).status()).isEqualTo(200);
        // An assignee keeps the right the assignment gives.
        assertThat(as(assigned, "POST", again, null).status()).isEqualTo(201);

        // A replaced link is revoked for those who joined through the old one; the new
        // link works for whoever opens it.
        String fresh = link(reviewer, task);
        assertThat(as(learner, "POST", again, Map.of("again", true)).status()).isEqualTo(403);
        assertThat(as(learner, "POST", "/api/v1/tasks/by-link/" + fresh + "/attempts", Map.of("again", true)).status())
            .isEqualTo(201);
        assertThat(as(learner, "POST", again, Map.of("again", true)).status()).isEqualTo(201);
        // ...until it expires.
        jdbc.sql("update review_tasks set link_expires_at = ? where id = ?")
            .params(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), task)
            .update();
        assertThat(as(learner, "POST", again, Map.of("again", true)).status()).isEqualTo(403);
        assertThat(as(reviewer, "GET", "/api/v1/tasks/" + task + "/attempts", null).json()).hasSize(5);
    }

    @Test
    void nestedMarkdownIsNeverSavedAndASavedOneBreaksOnlyItself() {
        String deep = "> ".repeat(32_000);
        assertThat(deep.length()).isLessThanOrEqualTo(ReviewProblems.MAX_TEXT);
        Response created = as(reviewer, "POST", "/api/v1/tasks",
                Map.of("title", "Deep", "language", "python", "statement", deep));
        assertThat(created.status()).isEqualTo(400);
        assertThat(created.contentType()).startsWith("application/problem+json");
        assertThat(created.json().path("field").asString()).isEqualTo("statement");
        assertThat(as(reviewer, "GET", "/api/v1/tasks", null).json().findValuesAsString("title"))
            .doesNotContain("Deep");
        long task = createTask(reviewer, Map.of());
        Response edited = as(reviewer, "PATCH", "/api/v1/tasks/" + task,
                Map.of("statement", "- ".repeat(30_000) + "x"));
        assertThat(edited.status()).isEqualTo(400);
        assertThat(edited.json().path("field").asString()).isEqualTo("statement");
        assertThat(as(reviewer, "GET", "/api/v1/tasks/" + task, null).json().path("statement").asString())
            .startsWith("# Sum");

        // One saved before this check: the task list, the task and its link still answer,
        // the statement shown as text.
        long good = createTask(reviewer, Map.of("title", "Fine"));
        String token = link(reviewer, task);
        open(learner, token);
        jdbc.sql("update review_tasks set statement = ? where id = ?")
            .params(deep + "<script>x</script>", task)
            .update();
        for (User user : List.of(reviewer, learner)) {
            Response list = as(user, "GET", "/api/v1/tasks", null);
            assertThat(list.status()).as(list.body().substring(0, Math.min(300, list.body().length()))).isEqualTo(200);
        }
        JsonNode tasks = as(reviewer, "GET", "/api/v1/tasks", null).json();
        for (JsonNode t : tasks) {
            if (t.path("id").asLong() == good)
                assertThat(t.path("statementHtml").asString()).contains("<h1>Sum</h1>");
            if (t.path("id").asLong() == task) {
                assertThat(t.path("statementHtml").asString()).startsWith("<pre")
                    .contains("&gt; &gt;", "&lt;script&gt;")
                    .doesNotContain("<script");
            }
        }
        assertThat(as(learner, "GET", "/api/v1/tasks/" + task, null).status()).isEqualTo(200);
        Response preview = get("/api/v1/tasks/by-link/" + token);
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().path("statementHtml").asString()).startsWith("<pre");
    }

    @Test
    void authorizationMatrix() {
        User otherReviewer = newReviewer();
        User otherLearner = newUser();
        User admin = newUser();
        accounts.setRole(admin.id(), Role.ADMIN);
        long task = createTask(reviewer, Map.of());
        Started s = open(learner, link(reviewer, task));
        long submission = submit(learner, s.attempt(), "mine").json().path("id").asLong();
        long comment = as(reviewer, "POST", "/api/v1/submissions/" + submission + "/comments",
                Map.of("body", "general"))
            .json()
            .path("id")
            .asLong();

        // Reads: anonymous, owner reviewer, other reviewer, the learner, another learner,
        // admin.
        expect("GET", "/api/v1/tasks/" + task, null, 401, 200, 404, 200, 404, 200);
        expect("GET", "/api/v1/tasks/" + task + "/attempts", null, 401, 200, 404, 200, 404, 200);
        expect("GET", "/api/v1/attempts/" + s.attempt(), null, 401, 200, 404, 200, 404, 200);
        expect("GET", "/api/v1/attempts/" + s.attempt() + "/files", null, 401, 200, 404, 200, 404, 200);
        expect("GET", "/api/v1/attempts/" + s.attempt() + "/runs", null, 401, 200, 404, 200, 404, 200);
        expect("GET", "/api/v1/attempts/" + s.attempt() + "/submissions", null, 401, 200, 404, 200, 404, 200);
        expect("GET", "/api/v1/submissions/" + submission, null, 401, 200, 404, 200, 404, 200);
        expect("GET", "/api/v1/submissions/" + submission + "/diff?against=starter", null, 401, 200, 404, 200, 404,
                200);
        expect("GET", "/api/v1/submissions/" + submission + "/comments", null, 401, 200, 404, 200, 404, 200);
        expect("GET", "/api/v1/notifications", null, 401, 200, 200, 200, 200, 200);
        // Writes that change nothing when refused.
        expect("POST", "/api/v1/tasks/" + task + "/link", Map.of(), 401, 200, 404, 403, 404, 200);
        expect("POST", "/api/v1/tasks/" + task + "/assignees", Map.of("username", otherLearner.username()), 401, 200,
                404, 403, 404, 200);
        expect("POST", "/api/v1/attempts/" + s.attempt() + "/test-runs", null, 401, 403, 404, 200, 404, 200);
        expect("PATCH", "/api/v1/submissions/" + submission + "/comments/" + comment, Map.of("resolved", false), 401,
                200, 404, 200, 404, 200);
        expect("POST", "/api/v1/submissions", Map.of("attemptId", s.attempt(), "message", "x"), 401, 403, 400, 201, 400,
                403);
        expect("POST", "/api/v1/submissions/" + submission + "/decision", Map.of("decision", "maybe"), 401, 400, 404,
                403, 404, 400);

        // The queue: each sees their own part.
        assertThat(as(reviewer, "GET", "/api/v1/submissions", null).json()).isNotEmpty();
        assertThat(as(otherReviewer, "GET", "/api/v1/submissions", null).json()).isEmpty();
        assertThat(as(otherLearner, "GET", "/api/v1/submissions", null).json()).isEmpty();
        assertThat(as(learner, "GET", "/api/v1/submissions", null).json().findValuesAsString("learner"))
            .containsOnly(learner.username());
        assertThat(as(admin, "GET", "/api/v1/submissions?taskId=" + task, null).json()).hasSize(2);
        assertThat(as(otherReviewer, "GET", "/api/v1/tasks", null).json().findValuesAsString("title")).isEmpty();
        // The learner's own views never hold hidden test contents.
        for (String path : List.of("/api/v1/tasks/" + task, "/api/v1/tasks", "/api/v1/submissions/" + submission,
                "/api/v1/attempts/" + s.attempt() + "/submissions", "/api/v1/submissions")) {
            assertThat(as(learner, "GET", path, null).body()).as(path).doesNotContain("91817", "101918");
        }
        // The terminal hook.
        Caller owner = new Caller(reviewer.id(), reviewer.username(), Role.REVIEWER, "127.0.0.1");
        Caller stranger = new Caller(otherReviewer.id(), otherReviewer.username(), Role.REVIEWER, "127.0.0.1");
        Caller root = new Caller(admin.id(), admin.username(), Role.ADMIN, "127.0.0.1");
        assertThat(access.canWatch(owner, s.project())).isTrue();
        assertThat(access.canWatch(stranger, s.project())).isFalse();
        assertThat(access.canWatch(root, s.project())).isTrue();
        assertThat(access.canWatch(Caller.anonymous("127.0.0.1"), s.project())).isFalse();

        // Shared with the other reviewer: now they may review it.
        assertThat(as(reviewer, "POST", "/api/v1/tasks/" + task + "/reviewers", Map.of("username", learner.username()))
            .json()
            .path("field")
            .asString()).isEqualTo("username");
        assertThat(as(reviewer, "POST", "/api/v1/tasks/" + task + "/reviewers",
                Map.of("username", otherReviewer.username()))
            .status()).isEqualTo(200);
        assertThat(as(otherReviewer, "GET", "/api/v1/submissions/" + submission, null).status()).isEqualTo(200);
        assertThat(access.canWatch(stranger, s.project())).isTrue();
        assertThat(as(otherReviewer, "POST", "/api/v1/submissions/" + submission + "/decision",
                Map.of("decision", "approved"))
            .status()).isEqualTo(200);
        // An assigned learner sees the task and may start an attempt without the link.
        assertThat(as(otherLearner, "GET", "/api/v1/tasks/" + task, null).status()).isEqualTo(200);
        assertThat(as(otherLearner, "POST", "/api/v1/tasks/" + task + "/attempts", null).status()).isEqualTo(201);
    }

    @Test
    void editingATaskReplacesItsCasesAndKeepsEarlierVerdicts() {
        long task = createTask(reviewer, Map.of());
        String token = link(reviewer, task);
        Started s = open(learner, token);
        write(learner, s.project(), "main.py", FIXED);
        long before = submit(learner, s.attempt(), "before the edit").json().path("id").asLong();

        Response edited = as(reviewer, "PATCH", "/api/v1/tasks/" + task,
                Map.of("title", "Sum, edited", "maxAttempts", 3, "timeLimitMinutes", 30, "starterFiles",
                        List.of(Map.of("path", "main.py", "content", "print(0)\n")), "tests",
                        List.of(Map.of("name", "off by one", "stdin", "1\n2\n", "expectedStdout", "4\n"))));

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("title").asString()).isEqualTo("Sum, edited");
        assertThat(edited.json().path("maxAttempts").asInt()).isEqualTo(3);
        assertThat(edited.json().path("timeLimitMinutes").asInt()).isEqualTo(30);
        assertThat(edited.json().path("language").asString()).isEqualTo("python");
        assertThat(edited.json().path("tests")).hasSize(1);
        assertThat(edited.json().path("hiddenTests").asInt()).isEqualTo(0);
        assertThat(edited.json().path("starterFiles").get(0).path("content").asString()).isEqualTo("print(0)\n");
        // The earlier submission keeps the verdicts it was judged with, on the old cases.
        JsonNode old = as(reviewer, "GET", "/api/v1/submissions/" + before, null).json();
        assertThat(old.path("results")).hasSize(2);
        assertThat(old.path("results").findValuesAsString("verdict")).containsOnly("accepted");
        assertThat(old.path("hiddenPassed").asInt()).isEqualTo(1);
        assertThat(old.path("visiblePassed").asInt()).isEqualTo(1);
        // The attempt keeps its project; new runs and submissions use the new cases.
        assertThat(as(learner, "GET", "/api/v1/projects/" + s.project() + "/files/main.py", null).json()
            .path("content")
            .asString()).isEqualTo(FIXED);
        JsonNode run = as(learner, "POST", "/api/v1/attempts/" + s.attempt() + "/test-runs", null).json();
        assertThat(run.path("results")).hasSize(1);
        assertThat(run.path("results").get(0).path("verdict").asString()).isEqualTo("wrong_answer");
        JsonNode after = submit(learner, s.attempt(), "after the edit").json();
        assertThat(after.path("results")).hasSize(1);
        assertThat(after.path("hiddenTotal").asInt()).isEqualTo(0);
        assertThat(after.path("results").get(0).path("name").asString()).isEqualTo("off by one");
        // A new attempt starts from the new starter files.
        User newcomer = newUser();
        Started fresh = open(newcomer, token);
        assertThat(as(newcomer, "GET", "/api/v1/projects/" + fresh.project() + "/files/main.py", null).json()
            .path("content")
            .asString()).isEqualTo("print(0)\n");
        // Absent fields stay as they are.
        JsonNode partly = as(reviewer, "PATCH", "/api/v1/tasks/" + task, Map.of("maxAttempts", 5)).json();
        assertThat(partly.path("title").asString()).isEqualTo("Sum, edited");
        assertThat(partly.path("maxAttempts").asInt()).isEqualTo(5);
        assertThat(partly.path("tests")).hasSize(1);
    }

    @Test
    void editRefusalsNameTheFieldLikeCreate() {
        long task = createTask(reviewer, Map.of());
        String path = "/api/v1/tasks/" + task;
        assertThat(as(reviewer, "PATCH", path, Map.of("title", " ")).json().path("field").asString())
            .isEqualTo("title");
        assertThat(as(reviewer, "PATCH", path, Map.of("language", "cobol")).json().path("field").asString())
            .isEqualTo("language");
        assertThat(as(reviewer, "PATCH", path, Map.of("tests", List.of(Map.of("stdin", "")))).json()
            .path("field")
            .asString()).isEqualTo("tests[0].expectedStdout");
        assertThat(
                as(reviewer, "PATCH", path, Map.of("starterFiles", List.of(Map.of("path", "../x.py", "content", ""))))
                    .json()
                    .path("field")
                    .asString())
            .isEqualTo("starterFiles[0].path");
        assertThat(as(reviewer, "PATCH", path,
                Map.of("tests", List.of(Map.of("expectedStdout", "", "timeLimitMs", 999_999))))
            .json()
            .path("field")
            .asString()).isEqualTo("tests[0].timeLimitMs");
        assertThat(as(reviewer, "PATCH", path, Map.of("maxAttempts", 0)).json().path("field").asString())
            .isEqualTo("maxAttempts");
        assertThat(as(reviewer, "PATCH", path, Map.of("timeLimitMinutes", 0)).json().path("field").asString())
            .isEqualTo("timeLimitMinutes");
        Response assignees = as(reviewer, "PATCH", path, Map.of("assignees", List.of(learner.username())));
        assertThat(assignees.status()).isEqualTo(400);
        assertThat(assignees.json().path("field").asString()).isEqualTo("assignees");
        // A refused edit changes nothing, not even the fields that were valid.
        assertThat(as(reviewer, "PATCH", path, Map.of("title", "Renamed", "maxAttempts", 0)).status()).isEqualTo(400);
        JsonNode unchanged = as(reviewer, "GET", path, null).json();
        assertThat(unchanged.path("title").asString()).isEqualTo("Sum two numbers");
        assertThat(unchanged.path("tests")).hasSize(2);
    }

    @Test
    void editingAndDeletingATaskIsForItsManagers() {
        User shared = newReviewer();
        User assigned = newUser();
        long task = createTask(reviewer, Map.of("assignees", List.of(assigned.username())));
        String token = link(reviewer, task);
        Started s = open(learner, token);
        long submission = submit(learner, s.attempt(), "mine").json().path("id").asLong();
        as(reviewer, "POST", "/api/v1/tasks/" + task + "/reviewers", Map.of("username", shared.username()));

        expect("PATCH", "/api/v1/tasks/" + task, Map.of("title", "Edited"), 401, 200, 404, 403, 404, 200);
        assertThat(
                as(shared, "PATCH", "/api/v1/tasks/" + task, Map.of("title", "Edited by a shared reviewer")).status())
            .isEqualTo(200);
        assertThat(as(assigned, "PATCH", "/api/v1/tasks/" + task, Map.of("title", "x")).status()).isEqualTo(403);
        assertThat(as(reviewer, "GET", "/api/v1/tasks/" + task, null).json().path("title").asString())
            .isEqualTo("Edited by a shared reviewer");

        // Delete: refused to all but its managers, then the task is archived.
        User otherReviewer = newReviewer();
        assertThat(as(null, "DELETE", "/api/v1/tasks/" + task, null).status()).isEqualTo(401);
        assertThat(as(otherReviewer, "DELETE", "/api/v1/tasks/" + task, null).status()).isEqualTo(404);
        assertThat(as(newUser(), "DELETE", "/api/v1/tasks/" + task, null).status()).isEqualTo(404);
        Response learnerDeletes = as(learner, "DELETE", "/api/v1/tasks/" + task, null);
        assertThat(learnerDeletes.status()).isEqualTo(403);
        assertThat(learnerDeletes.json().path("field").asString()).isEqualTo("taskId");
        assertThat(as(assigned, "DELETE", "/api/v1/tasks/" + task, null).status()).isEqualTo(403);
        assertThat(as(shared, "DELETE", "/api/v1/tasks/" + task, null).status()).isEqualTo(204);

        // Hidden from lists, its link refused, no new attempts; the attempt and
        // submission stay.
        assertThat(as(reviewer, "GET", "/api/v1/tasks/" + task, null).status()).isEqualTo(404);
        assertThat(as(reviewer, "GET", "/api/v1/tasks", null).json().findValuesAsString("title"))
            .doesNotContain("Edited by a shared reviewer");
        assertThat(as(learner, "GET", "/api/v1/tasks", null).json()).isEmpty();
        assertThat(get("/api/v1/tasks/by-link/" + token).status()).isEqualTo(404);
        assertThat(as(newUser(), "POST", "/api/v1/tasks/by-link/" + token + "/attempts", null).status()).isEqualTo(404);
        assertThat(as(assigned, "POST", "/api/v1/tasks/" + task + "/attempts", null).status()).isEqualTo(404);
        assertThat(as(reviewer, "PATCH", "/api/v1/tasks/" + task, Map.of("title", "back")).status()).isEqualTo(404);
        assertThat(as(reviewer, "DELETE", "/api/v1/tasks/" + task, null).status()).isEqualTo(404);
        assertThat(as(learner, "GET", "/api/v1/attempts/" + s.attempt(), null).status()).isEqualTo(200);
        assertThat(as(learner, "GET", "/api/v1/submissions/" + submission, null).status()).isEqualTo(200);
        assertThat(
                as(reviewer, "POST", "/api/v1/submissions/" + submission + "/decision", Map.of("decision", "approved"))
                    .status())
            .isEqualTo(200);
    }

    private User admins;

    private User others;

    private User strangers;

    private long queueFirst(long task) {
        return as(reviewer, "GET", "/api/v1/submissions?taskId=" + task, null).json().get(0).path("id").asLong();
    }

    /**
     * Expected statuses for: anonymous, the task's reviewer, another reviewer, the
     * learner, another learner, an admin.
     */
    private void expect(String method, String path, Object body, int anonymous, int owner, int otherReviewer,
            int theLearner, int otherLearner, int admin) {
        if (admins == null) {
            admins = newUser();
            accounts.setRole(admins.id(), Role.ADMIN);
            others = newReviewer();
            strangers = newUser();
        }
        Map<String, Integer> got = new LinkedHashMap<>();
        got.put("anonymous", as(null, method, path, body).status());
        got.put("other reviewer", as(others, method, path, body).status());
        got.put("other learner", as(strangers, method, path, body).status());
        got.put("learner", as(learner, method, path, body).status());
        got.put("admin", as(admins, method, path, body).status());
        got.put("reviewer", as(reviewer, method, path, body).status());
        Map<String, Integer> want = new LinkedHashMap<>();
        want.put("anonymous", anonymous);
        want.put("other reviewer", otherReviewer);
        want.put("other learner", otherLearner);
        want.put("learner", theLearner);
        want.put("admin", admin);
        want.put("reviewer", owner);
        assertThat(got).as(method + " " + path).isEqualTo(want);
    }

}
