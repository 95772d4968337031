package dev.sandlot.server.interview.live;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.interview.Participant;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * One participant's socket to a pad: its sends serialised (a client that cannot keep up
 * is closed, so its backlog stays bounded), its rate, and the Yjs client ids it used.
 */
final class LiveConnection {

    /**
     * Client ids one connection may use (a Y.Doc has one; a reload makes a new socket).
     */
    static final int MAX_CLIENT_IDS = 8;

    private static final Logger log = LoggerFactory.getLogger(LiveConnection.class);

    private final WebSocketSession out;

    final Participant participant;

    final Caller caller;

    /** Guarded by the room. */
    final Set<Long> clientIds = new LinkedHashSet<>();

    private final TokenBucket frames;

    private final TokenBucket bytes;

    LiveConnection(WebSocketSession socket, Participant participant, Caller caller, LiveProperties config) {
        this.out = new ConcurrentWebSocketSessionDecorator(socket, 10_000, 32 * 1024 * 1024);
        this.participant = participant;
        this.caller = caller;
        long now = System.nanoTime();
        this.frames = new TokenBucket(config.framesPerSecond(), config.burstFrames(), now);
        this.bytes = new TokenBucket(config.bytesPerSecond(), config.burstBytes(), now);
    }

    String id() {
        return out.getId();
    }

    /**
     * Counts {@code size} bytes, and a message when {@code last} (its last part came);
     * false when the connection is over its rate.
     */
    boolean withinRate(int size, boolean last) {
        long now = System.nanoTime();
        boolean frameAllowed = !last || frames.take(1, now);
        boolean bytesAllowed = bytes.take(size, now);
        return frameAllowed && bytesAllowed;
    }

    void sendText(String json) {
        send(new TextMessage(json));
    }

    void sendBinary(byte[] frame) {
        send(new BinaryMessage(frame));
    }

    private void send(org.springframework.web.socket.WebSocketMessage<?> message) {
        if (!out.isOpen())
            return;
        try {
            out.sendMessage(message);
        }
        catch (IOException | RuntimeException e) {
            // Too slow (the decorator's limits) or gone: it is closed; its close handler
            // takes it out of the room.
            log.info("pad {}: connection of participant {} dropped: {}", participant.padId(), participant.id(),
                    e.toString());
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void close(CloseStatus status) {
        try {
            out.close(status);
        }
        catch (IOException | RuntimeException e) {
            log.debug("closing a pad socket failed: {}", e.toString());
        }
    }

    boolean open() {
        return out.isOpen();
    }

}
