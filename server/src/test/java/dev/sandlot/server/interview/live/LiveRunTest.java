package dev.sandlot.server.interview.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Shared runs: one participant presses Run, everyone sees the same frames; typed input is
 * shown with the typist's name; a late joiner gets the run replayed; one run at a time.
 */
class LiveRunTest extends LiveTestSupport {

    private static Predicate<JsonNode> type(String type) {
        return m -> m.path("type").asString().equals(type);
    }

    @Test
    void everyoneSeesTheSameRunAndWhoTypedItsInput() throws Exception {
        Interview i = interview();
        LiveClient candidate = connect(i, i.candidate());
        LiveClient interviewer = connect(i, i.interviewer());
        candidate.edit("main.py", "name = input()\nprint('hello', name)\n");
        interviewer.awaitText("main.py", "name = input()\nprint('hello', name)\n");

        candidate.sendJson(Map.of("type", "run"));
        JsonNode started = interviewer.await(0, type("run-started"));
        assertThat(candidate.await(0, type("run-started"))).isEqualTo(started);
        String runId = started.path("runId").asString();
        String candidateName = candidate.await("welcome").path("you").path("name").asString();
        assertThat(started.path("by").path("name").asString()).isEqualTo(candidateName);

        candidate.sendJson(Map.of("type", "run"));
        candidate.awaitError("run-in-progress");

        String interviewerName = interviewer.await("welcome").path("you").path("name").asString();
        interviewer.sendJson(Map.of("type", "stdin", "data", "Ada\n"));
        JsonNode input = candidate.await(0, type("run-input"));
        assertThat(input.path("by").path("name").asString()).isEqualTo(interviewerName);
        assertThat(input.path("data").asString()).isEqualTo("Ada\n");
        assertThat(input.path("runId").asString()).isEqualTo(runId);

        JsonNode finished = candidate.await(0, type("run-finished"));
        assertThat(interviewer.await(0, type("run-finished"))).isEqualTo(finished);
        assertThat(finished.path("result").path("status").asString()).isEqualTo("ok");
        String out = candidate.received()
            .stream()
            .filter(type("run-output"))
            .map(m -> m.path("data").asString())
            .reduce("", String::concat);
        assertThat(out).isEqualTo("hello Ada\n");

        LiveClient late = connect(i, i.interviewer());
        late.await(0, type("run-finished"));
        assertThat(late.await(0, type("run-started")).path("runId").asString()).isEqualTo(runId);
        String replayed = late.received()
            .stream()
            .filter(type("run-output"))
            .map(m -> m.path("data").asString())
            .reduce("", String::concat);
        assertThat(replayed).as("the run so far, for a late joiner").isEqualTo("hello Ada\n");
        assertThat(late.await(0, type("run-input")).path("by").path("name").asString()).isEqualTo(interviewerName);

        Response playback = as(i.interviewer(), "GET", "/api/v1/pads/" + i.padId() + "/playback", null);
        JsonNode run = playback.json().path("runs").get(0);
        assertThat(run.path("runId").asString()).isEqualTo(runId);
        assertThat(run.path("stdout").asString()).isEqualTo("hello Ada\n");
        assertThat(run.path("by").path("name").asString()).isEqualTo(candidateName);
        candidate.close();
        interviewer.close();
        late.close();
    }

    @Test
    void aStoppedRunReportsItsStatusToEveryone() throws Exception {
        Interview i = interview();
        LiveClient candidate = connect(i, i.candidate());
        LiveClient interviewer = connect(i, i.interviewer());
        candidate.edit("main.py", "import time\nprint('waiting', flush=True)\ntime.sleep(60)\n");
        interviewer.awaitText("main.py", "import time\nprint('waiting', flush=True)\ntime.sleep(60)\n");
        candidate.sendJson(Map.of("type", "run"));
        interviewer.await(0, m -> type("run-output").test(m) && m.path("data").asString().contains("waiting"));
        interviewer.sendJson(Map.of("type", "stop"));
        JsonNode finished = candidate.await(0, type("run-finished"));
        assertThat(finished.path("result").path("status").asString()).isNotEqualTo("ok");
        assertThat(interviewer.await(0, type("run-finished"))).isEqualTo(finished);
        candidate.close();
        interviewer.close();
    }

}
