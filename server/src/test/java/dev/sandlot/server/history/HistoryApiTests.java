package dev.sandlot.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The history of runs; run on H2 and on PostgreSQL. */
abstract class HistoryApiTests extends ApiClient {

    @Autowired
    HistoryService history;

    @Autowired
    HistoryProperties properties;

    private String run(User user, String code, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("language", "python", "code", code));
        body.putAll(extra);
        return as(user, "POST", "/api/v1/execute", body).json().path("id").asString();
    }

    @Test
    void signedInRunsAreRecordedUnlessTheyOptOutAndAnonymousOnesAreNot() {
        User user = newUser();
        String recorded = run(user, "print('kept')", Map.of("stdin", "in"));
        run(user, "print('not kept')", Map.of("saveHistory", false));
        post("/api/v1/execute", Map.of("language", "python", "code", "print('anonymous')"));

        JsonNode items = as(user, "GET", "/api/v1/executions", null).json().path("items");
        assertThat(items).hasSize(1);
        JsonNode one = as(user, "GET", "/api/v1/executions/" + recorded, null).json();
        assertThat(one.path("code").asString()).isEqualTo("print('kept')");
        assertThat(one.path("stdout").asString()).isEqualTo("kept\n");
        assertThat(one.path("stdin").asString()).isEqualTo("in");
        assertThat(one.path("status").asString()).isEqualTo("ok");
        assertThat(one.path("language").asString()).isEqualTo("python");
        assertThat(one.path("createdAt").asString()).isNotBlank();
    }

    @Test
    void historyPagesNewestFirstWithCursorsAndFilters() {
        User user = newUser();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++)
            ids.add(run(user, i == 4 ? "raise SystemExit(1)" : "print(" + i + ")", Map.of()));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = as(user, "GET", "/api/v1/executions?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    null)
                .json();
            page.path("items").forEach(e -> seen.add(e.path("id").asString()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
        }
        while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(ids.reversed());
        assertThat(as(user, "GET", "/api/v1/executions?status=runtime_error", null).json().path("items")).hasSize(1);
        assertThat(as(user, "GET", "/api/v1/executions?language=javascript", null).json().path("items")).isEmpty();
        assertThat(as(user, "GET", "/api/v1/executions?cursor=garbage", null).json().path("field").asString())
            .isEqualTo("cursor");
    }

    @Test
    void statsCountAndAverageByLanguageAndStatus() {
        User user = newUser();
        run(user, "print(1)", Map.of());
        run(user, "print(2)", Map.of());
        run(user, "raise SystemExit(3)", Map.of());

        JsonNode stats = as(user, "GET", "/api/v1/executions/stats", null).json();
        assertThat(stats).hasSize(2);
        for (JsonNode s : stats) {
            assertThat(s.path("language").asString()).isEqualTo("python");
            assertThat(s.path("count").asLong()).isEqualTo(s.path("status").asString().equals("ok") ? 2 : 1);
            assertThat(s.path("averageWallTimeMs").isNumber()).isTrue();
        }
    }

    @Test
    void deletingARunRemovesIt() {
        User user = newUser();
        String id = run(user, "print(1)", Map.of());

        assertThat(as(user, "DELETE", "/api/v1/executions/" + id, null).status()).isEqualTo(204);
        assertThat(as(user, "GET", "/api/v1/executions/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void theSeedHistoryEndpointsShowTheSameRuns() {
        User user = newUser();
        Response executed = as(user, "POST", "/api/v1/code/execute",
                Map.of("code", "print('seed')", "language", "python", "stdin", "", "save_history", true));
        as(user, "POST", "/api/v1/code/execute",
                Map.of("code", "print('skip')", "language", "python", "save_history", false));

        JsonNode list = as(user, "GET", "/api/v1/code/history?limit=10", null).json();
        assertThat(list).hasSize(1);
        String id = list.get(0).path("id").asString();
        JsonNode one = as(user, "GET", "/api/v1/code/history/" + id, null).json();
        assertThat(one.path("output").asString()).isEqualTo("seed\n");
        assertThat(one.path("status").asString()).isEqualTo("success");
        assertThat(one.path("execution_time").isNumber()).isTrue();
        assertThat(executed.json().path("output").asString()).isEqualTo("seed\n");
        assertThat(as(user, "DELETE", "/api/v1/code/history/" + id, null).status()).isEqualTo(200);
        assertThat(as(user, "GET", "/api/v1/code/history/" + id, null).status()).isEqualTo(404);
        assertThat(as(user, "DELETE", "/api/v1/code/history/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void retentionKeepsTheNewestRunsPerUser() {
        User user = newUser();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++)
            ids.add(run(user, "print(" + i + ")", Map.of()));
        history.prune(properties.maxAge(), 2);

        assertThat(as(user, "GET", "/api/v1/executions", null).json().path("items").findValuesAsString("id"))
            .containsExactly(ids.get(3), ids.get(2));
    }

    // ------------------------------------------------------------ re-running a recorded
    // run

    /** A helper module larger than the 64 KiB a project run's files were once cut at. */
    private static final String HELPER = "def shout(s):\n    return s.upper() + '!'\n\n" + "# padding\n".repeat(8000);

    private static final String MAIN = """
            import sys
            import helper
            print(sys.argv[1:])
            for line in sys.stdin:
                print(helper.shout(line.rstrip("\\n")))
            print("end")
            """;

    private long helperProject(User user, String name) {
        return as(user, "POST", "/api/v1/projects",
                Map.of("name", name, "language", "python", "entry", "main.py", "files", List
                    .of(Map.of("path", "main.py", "content", MAIN), Map.of("path", "helper.py", "content", HELPER))))
            .json()
            .path("id")
            .asLong();
    }

    /** Runs the recorded run again both ways; each must print what the run printed. */
    private void rerunsGiveTheSameOutput(User user, String id, String stdout) {
        JsonNode request = as(user, "GET", "/api/v1/executions/" + id, null).json().path("request");
        JsonNode posted = as(user, "POST", "/api/v1/execute", request).json();
        assertThat(posted.path("status").asString()).as(posted.toString()).isEqualTo("ok");
        assertThat(posted.path("stdout").asString()).isEqualTo(stdout);

        Response rerun = as(user, "POST", "/api/v1/executions/" + id + "/rerun", null);
        assertThat(rerun.status()).as(rerun.body()).isEqualTo(200);
        assertThat(rerun.json().path("stdout").asString()).isEqualTo(stdout);
        JsonNode again = as(user, "GET", "/api/v1/executions/" + rerun.json().path("id").asString(), null).json();
        assertThat(again.path("source").asString()).isEqualTo("rerun");
        assertThat(again.path("request")).isEqualTo(request);
    }

    @Test
    void aProjectRunIsKeptWholeAndRunsAgainExactly() {
        User user = newUser();
        long project = helperProject(user, "helped");
        JsonNode ran = as(user, "POST", "/api/v1/projects/" + project + "/run", Map.of("stdin", "ada\nbob\n", "args",
                List.of("x", "y z"), "limits", Map.of("wallTimeMs", 7000, "memoryMb", 96, "maxProcesses", 32)))
            .json();
        String stdout = "['x', 'y z']\nADA!\nBOB!\nend\n";
        assertThat(ran.path("stdout").asString()).as(ran.toString()).isEqualTo(stdout);
        String id = ran.path("id").asString();

        JsonNode one = as(user, "GET", "/api/v1/executions/" + id, null).json();
        assertThat(one.path("exact").asBoolean()).isTrue();
        assertThat(one.path("missing")).isEmpty();
        assertThat(one.path("projectId").asLong()).isEqualTo(project);
        assertThat(one.path("projectName").asString()).isEqualTo("helped");
        JsonNode request = one.path("request");
        assertThat(request.path("language").asString()).isEqualTo("python");
        assertThat(request.path("version").asString()).isEqualTo(ran.path("version").asString());
        assertThat(request.path("entry").asString()).isEqualTo("main.py");
        assertThat(request.path("files").findValuesAsString("name")).containsExactlyInAnyOrder("main.py", "helper.py");
        request.path("files")
            .forEach(f -> assertThat(f.path("content").asString())
                .isEqualTo(f.path("name").asString().equals("main.py") ? MAIN : HELPER));
        assertThat(request.path("stdin").asString()).isEqualTo("ada\nbob\n");
        assertThat(request.path("args").valueStream().map(JsonNode::asString).toList()).containsExactly("x", "y z");
        assertThat(request.path("limits").path("wallTimeMs").asLong()).isEqualTo(7000);
        assertThat(request.path("limits").path("memoryMb").asLong()).isEqualTo(96);
        assertThat(request.path("limits").path("maxProcesses").asInt()).isEqualTo(32);
        assertThat(request.path("limits").path("cpuTimeMs").isNumber()).isTrue();
        assertThat(request.path("limits").path("maxOutputBytes").isNumber()).isTrue();
        assertThat(one.path("limits")).isEqualTo(request.path("limits"));
        assertThat(one.path("typedInput")).isEmpty();

        JsonNode item = as(user, "GET", "/api/v1/executions?projectId=" + project, null).json().path("items").get(0);
        assertThat(item.path("id").asString()).isEqualTo(id);
        assertThat(item.path("projectName").asString()).isEqualTo("helped");

        rerunsGiveTheSameOutput(user, id, stdout);
        assertThat(as(user, "GET", "/api/v1/executions?projectId=" + project, null).json().path("items"))
            .as("the re-run belongs to the project's history too")
            .hasSize(2);
    }

    @Test
    void aStreamRunKeepsWhatWasTypedAndRunsAgainWithIt() throws Exception {
        User user = newUser();
        long project = helperProject(user, "typed");
        Map<String, Object> start = Map.of("type", "start", "projectId", project, "language", "python", "entry",
                "main.py", "stdin", "ada\n", "files",
                List.of(Map.of("name", "main.py", "content", MAIN), Map.of("name", "helper.py", "content", HELPER)));
        List<JsonNode> messages = stream(user, JSON.writeValueAsString(start),
                "{\"type\":\"stdin\",\"data\":\"bob\\n\"}", "{\"type\":\"stdin\",\"data\":\"cy\\n\"}",
                "{\"type\":\"eof\"}");
        JsonNode exit = messages.getLast();
        String stdout = "[]\nADA!\nBOB!\nCY!\nend\n";
        assertThat(exit.path("type").asString()).as(messages.toString()).isEqualTo("exit");
        assertThat(exit.path("stdout").asString()).isEqualTo(stdout);
        String id = exit.path("id").asString();

        JsonNode one = as(user, "GET", "/api/v1/executions/" + id, null).json();
        assertThat(one.path("exact").asBoolean()).isTrue();
        assertThat(one.path("stdin").asString()).isEqualTo("ada\n");
        JsonNode typed = one.path("typedInput");
        assertThat(typed.findValuesAsString("type")).containsExactly("stdin", "stdin", "eof");
        assertThat(typed.get(0).path("data").asString()).isEqualTo("bob\n");
        assertThat(typed.get(1).path("data").asString()).isEqualTo("cy\n");
        assertThat(typed.get(2).has("data")).isFalse();
        assertThat(typed.get(2).path("atMs").asLong()).isGreaterThanOrEqualTo(typed.get(1).path("atMs").asLong());
        assertThat(one.path("request").path("stdin").asString()).isEqualTo("ada\nbob\ncy\n");
        assertThat(one.path("request").path("files").get(1).path("content").asString()).isEqualTo(HELPER);
        assertThat(one.path("projectName").asString()).isEqualTo("typed");

        rerunsGiveTheSameOutput(user, id, stdout);
    }

    @Test
    void aRunWhoseInputWasCutSaysItCannotRunAgainExactly() {
        User user = newUser();
        String big = "x".repeat((int) history.inputCap() + 1);
        String id = run(user, "import sys\nprint(len(sys.stdin.read()))", Map.of("stdin", big));

        JsonNode one = as(user, "GET", "/api/v1/executions/" + id, null).json();
        assertThat(one.path("exact").asBoolean()).isFalse();
        assertThat(one.path("missing").valueStream().map(JsonNode::asString).toList()).containsExactly("stdin");
        Response rerun = as(user, "POST", "/api/v1/executions/" + id + "/rerun", null);
        assertThat(rerun.status()).isEqualTo(409);
        assertThat(rerun.json().path("type").asString()).isEqualTo("urn:sandlot:problem:execution-not-rerunnable");
        assertThat(as(newUser(), "POST", "/api/v1/executions/" + id + "/rerun", null).status()).isEqualTo(404);
    }

    /**
     * Sends {@code messages} on the stream as {@code user}, the first at once and each
     * other once the run has started; returns what the server sent, up to its close.
     */
    private List<JsonNode> stream(User user, String... messages) throws Exception {
        List<JsonNode> received = new ArrayList<>();
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        StringBuilder partial = new StringBuilder();
        WebSocket socket = HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", user.authorization())
            .buildAsync(URI.create("ws://localhost:" + port + "/api/v1/execute/stream"), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        JsonNode m = JSON.readTree(partial.toString());
                        partial.setLength(0);
                        synchronized (received) {
                            received.add(m);
                        }
                        if (m.path("type").asString().equals("started"))
                            started.complete(null);
                    }
                    ws.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                    closed.complete(null);
                    return null;
                }
            })
            .get(10, TimeUnit.SECONDS);
        socket.sendText(messages[0], true).join();
        started.get(20, TimeUnit.SECONDS);
        for (int i = 1; i < messages.length; i++)
            socket.sendText(messages[i], true).join();
        closed.get(30, TimeUnit.SECONDS);
        synchronized (received) {
            return List.copyOf(received);
        }
    }

}
