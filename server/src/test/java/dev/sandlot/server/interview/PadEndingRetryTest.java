package dev.sandlot.server.interview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.H2Server;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An ending that failed half-way leaves the pad ended without a submission (the state the
 * end is in when making the submission threw); ending again makes it, once, even when two
 * interviewers retry at the same moment; after that, ending is 409.
 */
@H2Server
class PadEndingRetryTest extends PadTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void endingAgainAfterAHalfDoneEndMakesTheSubmissionOnceThenIs409() throws Exception {
        User owner = reviewer();
        JsonNode pad = newPad(owner, Map.of("title", "Half", "language", "python"));
        long id = pad.path("id").asLong();
        long project = pad.path("projectId").asLong();
        User candidate = newUser();
        join(candidate, token(pad, "candidate"));
        User co = newUser();
        join(co, token(pad, "interviewer"));
        assertThat(as(candidate, "PUT", "/api/v1/projects/" + project + "/files/main.py",
                Map.of("content", "print('kept')\n"))
            .status()).isEqualTo(200);
        // Marked ended, then the submission step failed.
        assertThat(jdbc.sql("update pads set ended_at = ? where id = ?")
            .params(OffsetDateTime.now(ZoneOffset.UTC), id)
            .update()).isEqualTo(1);
        JsonNode half = as(owner, "GET", "/api/v1/pads/" + id, null).json();
        assertThat(half.path("status").asString()).isEqualTo("ended");
        assertThat(half.path("submissionId").isNull()).isTrue();

        // Two interviewers retry at once: one makes the submission, the other is told.
        List<CompletableFuture<Response>> retries = new ArrayList<>();
        for (User u : List.of(owner, co))
            retries.add(CompletableFuture.supplyAsync(() -> as(u, "POST", "/api/v1/pads/" + id + "/end", null)));
        List<Response> answers = retries.stream().map(CompletableFuture::join).toList();
        assertThat(answers).extracting(Response::status).as(answers.toString()).containsExactlyInAnyOrder(200, 409);
        Response made = answers.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
        long submission = made.json().path("submissionId").asLong();
        assertThat(made.json().path("pad").path("submissionId").asLong()).isEqualTo(submission);
        assertProblem(answers.stream().filter(r -> r.status() == 409).findFirst().orElseThrow(), 409, "pad-ended");

        JsonNode s = as(owner, "GET", "/api/v1/submissions/" + submission, null).json();
        assertThat(s.path("learner").asString()).isEqualTo(candidate.username());
        assertThat(s.path("files").toString()).contains("print('kept')");
        assertThat(as(owner, "GET", "/api/v1/submissions?status=pending", null).json().findValuesAsString("taskTitle"))
            .as("one submission, not two")
            .containsOnlyOnce("Interview: Half");

        assertProblem(as(owner, "POST", "/api/v1/pads/" + id + "/end", null), 409, "pad-ended");
        assertThat(as(owner, "GET", "/api/v1/pads/" + id, null).json().path("submissionId").asLong())
            .isEqualTo(submission);
    }

    @Test
    void endingAgainAfterTheSubmissionWasMadeButNotRecordedGivesTheSameSubmission() throws Exception {
        User owner = reviewer();
        JsonNode pad = newPad(owner, Map.of("title", "Twice", "language", "python"));
        long id = pad.path("id").asLong();
        User candidate = newUser();
        join(candidate, token(pad, "candidate"));
        Response ended = as(owner, "POST", "/api/v1/pads/" + id + "/end", null);
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        long submission = ended.json().path("submissionId").asLong();
        // The submission was filed, then recording it on the pad failed.
        assertThat(jdbc.sql("update pads set submission_id = null where id = ?").param(id).update()).isEqualTo(1);

        Response again = as(owner, "POST", "/api/v1/pads/" + id + "/end", null);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("submissionId").asLong()).as("the submission already filed").isEqualTo(submission);
        assertThat(as(owner, "GET", "/api/v1/submissions?status=pending", null).json().findValuesAsString("taskTitle"))
            .as("one submission, not two")
            .containsOnlyOnce("Interview: Twice");
    }

}
