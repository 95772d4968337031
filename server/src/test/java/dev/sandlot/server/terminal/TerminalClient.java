package dev.sandlot.server.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A terminal WebSocket client for tests: collects every message, keeps the output as one
 * text, and waits for text to appear on it the way a person watches a screen. Typed
 * commands are written so that their echo does not already contain what is awaited (e.g.
 * {@code echo hel''lo}).
 */
final class TerminalClient implements WebSocket.Listener {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final List<JsonNode> messages = new ArrayList<>();

    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private final StringBuilder screen = new StringBuilder();

    private final StringBuilder partial = new StringBuilder();

    private int mark;

    private int seenMessages;

    WebSocket socket;

    /** The session message that opened the connection, once awaited. */
    JsonNode hello;

    static TerminalClient connect(URI uri, String authorization) throws Exception {
        return connect(uri, authorization, null);
    }

    /** As from {@code forwardedFor}, for a server that trusts X-Forwarded-For. */
    static TerminalClient connect(URI uri, String authorization, String forwardedFor) throws Exception {
        TerminalClient client = new TerminalClient();
        var builder = HTTP.newWebSocketBuilder();
        if (authorization != null)
            builder.header("Authorization", authorization);
        if (forwardedFor != null)
            builder.header("X-Forwarded-For", forwardedFor);
        client.socket = builder.buildAsync(uri, client).get(20, TimeUnit.SECONDS);
        return client;
    }

    /** The HTTP status a refused handshake answered with. */
    static int refusal(URI uri, String authorization) throws Exception {
        return refusal(uri, authorization, null);
    }

    static int refusal(URI uri, String authorization, String forwardedFor) throws Exception {
        try {
            connect(uri, authorization, forwardedFor).socket.abort();
            return 101;
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h)
                return h.getResponse().statusCode();
            throw e;
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode m = JSON.readTree(partial.toString());
            partial.setLength(0);
            synchronized (this) {
                messages.add(m);
                if (m.path("type").asString().equals("output"))
                    screen.append(m.path("data").asString());
                notifyAll();
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        synchronized (this) {
            notifyAll();
        }
        return null;
    }

    void send(Map<String, ?> message) {
        socket.sendText(JSON.writeValueAsString(message), true).join();
    }

    void type(String keys) {
        send(Map.of("type", "input", "data", keys));
    }

    /**
     * Waits until {@code wanted} appears on the screen after what was last awaited;
     * returns the text up to it.
     */
    synchronized String await(String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            int at = screen.indexOf(wanted, mark);
            if (at >= 0) {
                String seen = screen.substring(mark, at + wanted.length());
                mark = at + wanted.length();
                return seen;
            }
            long left = deadline - System.nanoTime();
            assertThat(left > 0 && !closed.isDone())
                .as("'%s' did not appear; screen since the last match: %s; messages: %s", wanted,
                        screen.substring(mark),
                        messages.stream().filter(m -> !m.path("type").asString().equals("output")).toList())
                .isTrue();
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits for the next message of a type, after the ones already returned. */
    synchronized JsonNode awaitMessage(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            for (; seenMessages < messages.size(); seenMessages++) {
                JsonNode m = messages.get(seenMessages);
                if (m.path("type").asString().equals(type)) {
                    seenMessages++;
                    return m;
                }
            }
            long left = deadline - System.nanoTime();
            assertThat(left > 0)
                .as("no %s message; got %s", type,
                        messages.stream().filter(m -> !m.path("type").asString().equals("output")).toList())
                .isTrue();
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized String screen() {
        return screen.toString();
    }

    void close() {
        // Not awaited: a test closes and moves on, as a browser tab would.
        var unused = socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

}
