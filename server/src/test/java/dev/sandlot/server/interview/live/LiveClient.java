package dev.sandlot.server.interview.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.interview.crdt.SyncMessages;
import dev.sandlot.server.interview.crdt.YDoc;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A pad participant's client as the browser's is: y-websocket framing with a Yjs document
 * of its own (the server's Java port stands in for yjs), and the JSON frames kept in
 * order.
 */
final class LiveClient implements WebSocket.Listener {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final long clientId;

    /** Guarded by this. */
    final YDoc doc;

    final List<JsonNode> messages = new ArrayList<>();

    /** Awareness entries received, in order. */
    final List<SyncMessages.AwarenessEntry> awareness = new ArrayList<>();

    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    volatile String closeReason;

    /** The server's step 2 came: the document holds what the server had. */
    private boolean synced;

    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    private final StringBuilder text = new StringBuilder();

    volatile WebSocket socket;

    private LiveClient(long clientId) {
        this.clientId = clientId;
        this.doc = new YDoc(clientId);
    }

    static LiveClient connect(int port, long padId, String authorization) throws Exception {
        return connect(port, padId, authorization, ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE));
    }

    /** With a chosen Yjs client id (an attacker's). */
    static LiveClient connect(int port, long padId, String authorization, long clientId) throws Exception {
        LiveClient client = new LiveClient(clientId);
        var builder = HTTP.newWebSocketBuilder();
        if (authorization != null)
            builder.header("Authorization", authorization);
        client.socket = builder.buildAsync(uri(port, padId), client).get(20, TimeUnit.SECONDS);
        return client;
    }

    static URI uri(int port, long padId) {
        return URI.create("ws://localhost:" + port + "/api/v1/pads/" + padId + "/live");
    }

    /** The status (and body) a refused handshake answered with; 101 if it was not. */
    static int refusal(int port, long padId, String authorization) throws Exception {
        try {
            connect(port, padId, authorization).socket.abort();
            return 101;
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h)
                return h.getResponse().statusCode();
            throw e;
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket; // before any message: the server's step 1 is answered at once
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            JsonNode node = JSON.readTree(text.toString());
            text.setLength(0);
            synchronized (this) {
                messages.add(node);
                notifyAll();
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] part = new byte[data.remaining()];
        data.get(part);
        binary.writeBytes(part);
        if (last) {
            byte[] frame = binary.toByteArray();
            binary.reset();
            receive(frame);
        }
        webSocket.request(1);
        return null;
    }

    private synchronized void receive(byte[] frame) {
        SyncMessages.Message m = SyncMessages.read(frame);
        if (m.type() == SyncMessages.SYNC && m.syncType() == SyncMessages.SYNC_STEP1) {
            // The server's step 1: answer with what it lacks, then ask for what we lack.
            send(SyncMessages.syncStep2(doc.encodeStateAsUpdate(m.payload())));
            send(SyncMessages.syncStep1(doc.encodeStateVector()));
        }
        else if (m.type() == SyncMessages.SYNC) {
            doc.applyUpdate(m.payload());
            if (m.syncType() == SyncMessages.SYNC_STEP2)
                synced = true;
        }
        else if (m.type() == SyncMessages.AWARENESS) {
            awareness.addAll(SyncMessages.decodeAwareness(m.payload()));
        }
        notifyAll();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(statusCode);
        synchronized (this) {
            notifyAll();
        }
        return null;
    }

    /** What broke the connection on this side, if anything did. */
    volatile Throwable failure;

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        failure = error;
        closed.complete(-1);
        synchronized (this) {
            notifyAll();
        }
    }

    /** One send at a time: the JDK's WebSocket allows no more. */
    private final Object sending = new Object();

    void send(byte[] frame) {
        synchronized (sending) {
            socket.sendBinary(ByteBuffer.wrap(frame), true).join();
        }
    }

    void sendJson(Map<String, ?> message) {
        synchronized (sending) {
            socket.sendText(JSON.writeValueAsString(message), true).join();
        }
    }

    /** Types into the client's document and sends the update. */
    synchronized void edit(String path, String content) {
        byte[] update = doc.setText(PadRoom.FILES, path, content);
        send(SyncMessages.syncUpdate(update));
    }

    synchronized void delete(String path) {
        send(SyncMessages.syncUpdate(doc.deleteKey(PadRoom.FILES, path)));
    }

    /** Sends an awareness state for {@code clientId}. */
    void aware(long clientId, long clock, String stateJson) {
        send(SyncMessages.awareness(
                SyncMessages.encodeAwareness(List.of(new SyncMessages.AwarenessEntry(clientId, clock, stateJson)))));
    }

    synchronized String text(String path) {
        return doc.text(PadRoom.FILES, path).orElse(null);
    }

    /** Waits until the client's document holds {@code expected} at {@code path}. */
    synchronized void awaitText(String path, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!expected.equals(text(path)) && System.nanoTime() < deadline)
            wait(50);
        assertThat(text(path)).as(path).isEqualTo(expected);
    }

    /** Waits for the server's step 2, as y-websocket's "synced" (edit only after it). */
    synchronized LiveClient awaitSynced() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!synced && System.nanoTime() < deadline)
            wait(50);
        assertThat(synced).as("synced (failure: %s)", failure).isTrue();
        return this;
    }

    /** The first JSON frame from {@code from} on that matches, waiting up to 10 s. */
    synchronized JsonNode await(int from, Predicate<JsonNode> match) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = from; i < messages.size(); i++) {
                if (match.test(messages.get(i)))
                    return messages.get(i);
            }
            wait(50);
        }
        throw new AssertionError("no matching message in " + messages);
    }

    JsonNode await(String type) throws InterruptedException {
        return await(0, m -> m.path("type").asString().equals(type));
    }

    JsonNode awaitError(String code) throws InterruptedException {
        return await(0, m -> m.path("type").asString().equals("error") && m.path("code").asString().equals(code));
    }

    /** The JSON frames so far. */
    synchronized List<JsonNode> received() {
        return List.copyOf(messages);
    }

    synchronized List<SyncMessages.AwarenessEntry> awarenessReceived() {
        return List.copyOf(awareness);
    }

    synchronized int count() {
        return messages.size();
    }

    /** Waits for an awareness entry of {@code clientId} that matches. */
    synchronized SyncMessages.AwarenessEntry awaitAwareness(long clientId, Predicate<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (SyncMessages.AwarenessEntry e : awareness) {
                if (e.clientId() == clientId && state.test(e.stateJson()))
                    return e;
            }
            wait(50);
        }
        throw new AssertionError("no matching awareness of " + clientId + " in " + awareness);
    }

    int awaitClose() throws Exception {
        return closed.get(15, TimeUnit.SECONDS);
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

}
