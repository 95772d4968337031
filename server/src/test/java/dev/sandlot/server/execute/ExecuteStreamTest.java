package dev.sandlot.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The streaming API driven by a real WebSocket client. */
class ExecuteStreamTest extends ServerTest {

    /** A client that collects every message and can wait for one of a type. */
    static final class Client implements WebSocket.Listener {

        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

        final List<JsonNode> seen = new ArrayList<>();

        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        private final StringBuilder partial = new StringBuilder();

        WebSocket socket;

        static Client connect(URI uri) throws Exception {
            return connect(uri, null);
        }

        static Client connect(URI uri, String authorization) throws Exception {
            Client client = new Client();
            var builder = HttpClient.newHttpClient().newWebSocketBuilder();
            if (authorization != null)
                builder.header("Authorization", authorization);
            client.socket = builder.buildAsync(uri, client).get(10, TimeUnit.SECONDS);
            return client;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        void send(String json) {
            socket.sendText(json, true).join();
        }

        JsonNode await(String type) throws InterruptedException {
            while (true) {
                JsonNode m = messages.poll(20, TimeUnit.SECONDS);
                assertThat(m).as("waiting for a %s message; saw %s", type, seen).isNotNull();
                seen.add(m);
                if (m.path("type").asString().equals(type))
                    return m;
            }
        }

        String output() {
            StringBuilder out = new StringBuilder();
            for (JsonNode m : seen)
                if (m.path("type").asString().equals("stdout"))
                    out.append(m.path("data").asString());
            return out.toString();
        }

    }

    private URI streamUri() {
        return URI.create("ws://localhost:" + port + "/api/v1/execute/stream");
    }

    @Test
    void anInputProgramIsDrivenLineByLine() throws Exception {
        Client client = Client.connect(streamUri());
        client
            .send("""
                    {"type":"start","language":"python","code":"a = input('first? ')\\nprint('got', a)\\nb = input('second? ')\\nprint('got', b)"}""");

        String id = client.await("started").path("id").asString();
        assertThat(id).isNotBlank();
        while (!client.output().contains("first? "))
            client.await("stdout");
        assertThat(client.output()).doesNotContain("second?");
        client.send("{\"type\":\"stdin\",\"data\":\"one\\n\"}");
        while (!client.output().contains("second? "))
            client.await("stdout");
        assertThat(client.output()).contains("got one");
        client.send("{\"type\":\"stdin\",\"data\":\"two\\n\"}");
        JsonNode exit = client.await("exit");

        assertThat(exit.path("status").asString()).isEqualTo("ok");
        assertThat(exit.path("id").asString()).isEqualTo(id);
        assertThat(exit.path("stdout").asString()).isEqualTo("first? got one\nsecond? got two\n");
        assertThat(client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void aSignedInRunIsAlreadyInTheHistoryWhenItsExitArrives() throws Exception {
        User user = newUser();
        for (int i = 0; i < 5; i++) {
            Client client = Client.connect(streamUri(), user.authorization());
            client.send("{\"type\":\"start\",\"language\":\"python\",\"code\":\"print(" + i + ")\"}");
            String id = client.await("exit").path("id").asString();

            assertThat(as(user, "GET", "/api/v1/executions/" + id, null).status()).isEqualTo(200);
        }
    }

    @Test
    void aRunOfAProjectsFilesGoesInThatProjectsHistoryAndOnlyForItsOwner() throws Exception {
        User owner = newUser();
        long project = as(owner, "POST", "/api/v1/projects", Map.of("name", "streamed", "language", "python")).json()
            .path("id")
            .asLong();
        String start = "{\"type\":\"start\",\"projectId\":" + project
                + ",\"language\":\"python\",\"files\":[{\"name\":\"main.py\",\"content\":\"print(5)\"}]}";
        Client client = Client.connect(streamUri(), owner.authorization());
        client.send(start);
        String id = client.await("exit").path("id").asString();
        JsonNode history = as(owner, "GET", "/api/v1/executions?projectId=" + project, null).json().path("items");
        assertThat(history.findValuesAsString("id")).containsExactly(id);

        Client stranger = Client.connect(streamUri(), newUser().authorization());
        stranger.send(start);
        JsonNode refused = stranger.await("error");
        assertThat(refused.path("status").asInt()).isEqualTo(404);
        assertThat(refused.path("field").asString()).isEqualTo("projectId");
    }

    @Test
    void startedComesFirstEvenWhenTheProgramIsFaster() throws Exception {
        for (int i = 0; i < 5; i++) {
            Client client = Client.connect(streamUri());
            client.send("{\"type\":\"start\",\"language\":\"python\",\"code\":\"print('quick')\"}");
            JsonNode first = client.messages.poll(20, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.path("type").asString()).isEqualTo("started");
            assertThat(client.await("exit").path("stdout").asString()).isEqualTo("quick\n");
            assertThat(client.output()).isEqualTo("quick\n");
        }
    }

    @Test
    void outputArrivesBeforeTheProgramEnds() throws Exception {
        Client client = Client.connect(streamUri());
        client.send(
                "{\"type\":\"start\",\"language\":\"python\",\"code\":\"import time\\nprint('early', flush=True)\\ntime.sleep(2)\\nprint('late')\"}");
        client.await("started");
        long before = System.nanoTime();
        JsonNode first = client.await("stdout");
        long waited = (System.nanoTime() - before) / 1_000_000;

        // Unbuffered Python writes "early" and "\n" separately, so the first chunk may be
        // either.
        assertThat(first.path("data").asString()).startsWith("early");
        assertThat(waited).isLessThan(1500);
        assertThat(client.await("exit").path("stdout").asString()).isEqualTo("early\nlate\n");
    }

    @Test
    void eofAndKillMessagesReachTheProgram() throws Exception {
        Client eof = Client.connect(streamUri());
        eof.send("{\"type\":\"start\",\"language\":\"python\",\"code\":\"import sys\\nprint(len(sys.stdin.read()))\"}");
        eof.await("started");
        eof.send("{\"type\":\"stdin\",\"data\":\"abc\"}");
        eof.send("{\"type\":\"eof\"}");
        assertThat(eof.await("exit").path("stdout").asString()).isEqualTo("3\n");

        Client kill = Client.connect(streamUri());
        kill.send("{\"type\":\"start\",\"language\":\"python\",\"code\":\"import time\\ntime.sleep(30)\"}");
        kill.await("started");
        kill.send("{\"type\":\"kill\"}");
        assertThat(kill.await("exit").path("status").asString()).isEqualTo("killed");
    }

    @Test
    void closingTheSocketKillsTheRun() throws Exception {
        Client client = Client.connect(streamUri());
        client.send(
                "{\"type\":\"start\",\"language\":\"python\",\"code\":\"import time\\nprint('up', flush=True)\\ntime.sleep(60)\"}");
        client.await("started");
        client.await("stdout");
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();

        for (int i = 0; i < 100 && gate.running() > 0; i++)
            Thread.sleep(50);
        assertThat(gate.running()).isZero();
    }

    @Autowired
    private RunGate gate;

    @Test
    void aBadStartIsAnErrorNamingTheField() throws Exception {
        Client client = Client.connect(streamUri());
        client.send("{\"type\":\"start\",\"language\":\"cobol\",\"code\":\"x\"}");
        JsonNode error = client.await("error");

        assertThat(error.path("status").asInt()).isEqualTo(400);
        assertThat(error.path("field").asString()).isEqualTo("language");
        assertThat(client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
    }

    @Test
    void unicodeSplitAcrossWritesArrivesWhole() throws Exception {
        Client client = Client.connect(streamUri());
        client.send(
                "{\"type\":\"start\",\"language\":\"python\",\"code\":\"import sys, time\\nb = 'é☃'.encode()\\nfor x in b:\\n    sys.stdout.buffer.write(bytes([x]))\\n    sys.stdout.flush()\\n    time.sleep(0.01)\"}");
        client.await("exit");

        assertThat(client.output()).isEqualTo("é☃");
    }

}
