package dev.sandlot.server.interview.live;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.account.Callers;
import dev.sandlot.server.interview.Participant;
import dev.sandlot.server.interview.crdt.SyncMessages;
import dev.sandlot.server.interview.crdt.YUpdateException;
import dev.sandlot.server.project.ProjectProperties;
import dev.sandlot.server.web.Problems;
import dev.sandlot.server.web.WebSocketProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * WebSocket /api/v1/pads/{id}/live: a participant's connection to the pad's shared
 * document (binary y-websocket frames) and its runs and presence (JSON text frames), as
 * docs/api.md's "Live pad protocol" describes. The handshake is refused with a problem
 * details answer (401, 404, 429, 503).
 */
@Component
class LiveSocketHandler extends AbstractWebSocketHandler implements HandshakeInterceptor {

    static final String PATH = "/api/v1/pads/*/live";

    private static final Pattern PAD = Pattern.compile("/api/v1/pads/(\\d{1,18})/live/?$");

    private static final String PARTICIPANT = "participant";

    private static final String CALLER = "caller";

    private static final String CONNECTION = "connection";

    private static final String ROOM = "room";

    private static final String PARTS = "parts";

    private static final Logger log = LoggerFactory.getLogger(LiveSocketHandler.class);

    private final Callers callers;

    private final PadDirectory pads;

    private final PadRooms rooms;

    private final LiveFrames frames;

    private final LiveProperties config;

    private final ProjectProperties caps;

    private final WebSocketProperties sockets;

    private final LiveCommands commands;

    LiveSocketHandler(Callers callers, PadDirectory pads, PadRooms rooms, LiveFrames frames, LiveProperties config,
            ProjectProperties caps, WebSocketProperties sockets, LiveCommands commands) {
        this.callers = callers;
        this.pads = pads;
        this.rooms = rooms;
        this.frames = frames;
        this.config = config;
        this.caps = caps;
        this.sockets = sockets;
        this.commands = commands;
    }

    // ------------------------------------------------------------ handshake

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) throws IOException {
        HttpServletRequest servlet = ((ServletServerHttpRequest) request).getServletRequest();
        Caller caller = callers.of(servlet);
        if (!caller.signedIn()) {
            return refuse(response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Sign in first",
                    "A pad is for its participants; sign in (or join by the pad's link) first."));
        }
        Matcher m = PAD.matcher(request.getURI().getPath());
        String padId = m.find() ? m.group(1) : "";
        Participant participant = padId.isEmpty() ? null : pads.participant(caller, Long.parseLong(padId)).orElse(null);
        if (participant == null) {
            return refuse(response, Problems.of(HttpStatus.NOT_FOUND, "pad-not-found", "Not found",
                    "No pad " + padId + " that you are in."));
        }
        var room = rooms.loaded(participant.padId());
        if (room.isPresent() && room.get().connections.size() >= config.maxConnectionsPerPad()) {
            log.info("pad {}: participant {} refused: {} connections already", participant.padId(), participant.id(),
                    config.maxConnectionsPerPad());
            return refuse(response,
                    Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-connections", "Too many connections",
                            "Pad " + participant.padId() + " has " + config.maxConnectionsPerPad()
                                    + " connections open, the most allowed; close one first."));
        }
        if (!rooms.roomFor(participant.padId())) {
            log.info("pad {}: participant {} refused: the server holds its most pads", participant.padId(),
                    participant.id());
            return refuse(response, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "pads-busy", "Server busy",
                    "The server holds " + config.maxLoadedPads() + " open pads, its most; try again in a minute."));
        }
        attributes.put(PARTICIPANT, participant);
        attributes.put(CALLER, caller);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }

    private boolean refuse(ServerHttpResponse response, ProblemDetail problem) throws IOException {
        response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getBody().write(frames.json().writeValueAsBytes(problem));
        response.flush();
        return false;
    }

    // ------------------------------------------------------------ connection

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        Participant participant = (Participant) socket.getAttributes().get(PARTICIPANT);
        LiveConnection c = new LiveConnection(socket, participant, (Caller) socket.getAttributes().get(CALLER), config);
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                PadRoom room = rooms.open(participant.padId());
                Set<Long> online = new HashSet<>(room.online());
                online.add(participant.id());
                String welcome = frames.welcome(pads.view(participant), online, room.serverClientId);
                if (room.join(c, welcome)) {
                    socket.getAttributes().put(CONNECTION, c);
                    socket.getAttributes().put(ROOM, room);
                    log.info("pad {}: {} {} ({}) joined", participant.padId(), participant.role(), participant.id(),
                            participant.name());
                    rooms.presence(room);
                    return;
                }
            }
            throw new PadRooms.Busy("The pad is being unloaded; connect again.");
        }
        catch (PadRooms.Busy e) {
            c.sendText(frames.error("pads-busy", e.getMessage()));
            c.close(CloseStatus.SERVICE_OVERLOAD);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        LiveConnection c = (LiveConnection) socket.getAttributes().get(CONNECTION);
        PadRoom room = (PadRoom) socket.getAttributes().get(ROOM);
        if (c == null || room == null)
            return;
        room.leave(c);
        log.info("pad {}: participant {} left ({})", room.padId, c.participant.id(), status.getCode());
        rooms.presence(room);
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void handleMessage(WebSocketSession socket, WebSocketMessage<?> message) {
        LiveConnection c = (LiveConnection) socket.getAttributes().get(CONNECTION);
        PadRoom room = (PadRoom) socket.getAttributes().get(ROOM);
        if (c == null || room == null || message instanceof PongMessage || !c.open())
            return;
        if (!c.withinRate(message.getPayloadLength(), message.isLast())) {
            flood(c, room);
            return;
        }
        switch (message) {
            case TextMessage text -> commands.text(room, c, text.getPayload());
            case BinaryMessage binary -> {
                byte[] whole = assemble(socket, c, binary);
                if (whole != null)
                    binary(room, c, whole);
            }
            default -> {
            }
        }
    }

    /** The whole binary message once its last part came; null until then. */
    private byte[] assemble(WebSocketSession socket, LiveConnection c, BinaryMessage part) {
        ByteBuffer payload = part.getPayload();
        ByteArrayOutputStream parts = (ByteArrayOutputStream) socket.getAttributes().get(PARTS);
        if (part.isLast() && parts == null) {
            byte[] whole = new byte[payload.remaining()];
            payload.get(whole);
            return whole;
        }
        int max = sockets.maxMessageChars();
        if (parts == null) {
            parts = new ByteArrayOutputStream();
            socket.getAttributes().put(PARTS, parts);
        }
        if ((long) parts.size() + payload.remaining() > max) {
            socket.getAttributes().remove(PARTS);
            c.sendText(frames.error("too-large", "A message may have at most " + max + " bytes."));
            c.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("a message may have at most " + max + " bytes"));
            return null;
        }
        byte[] chunk = new byte[payload.remaining()];
        payload.get(chunk);
        parts.writeBytes(chunk);
        if (!part.isLast())
            return null;
        socket.getAttributes().remove(PARTS);
        return parts.toByteArray();
    }

    private void binary(PadRoom room, LiveConnection c, byte[] frame) {
        try {
            SyncMessages.Message m = SyncMessages.read(frame);
            PadRoom.Refusal refusal = switch (m.type()) {
                case SyncMessages.SYNC -> switch (m.syncType()) {
                    case SyncMessages.SYNC_STEP1 -> {
                        c.sendBinary(SyncMessages.syncStep2(room.stateAsUpdate(m.payload())));
                        yield null;
                    }
                    case SyncMessages.SYNC_STEP2, SyncMessages.SYNC_UPDATE ->
                        room.update(c, m.payload(), caps.maxProjectBytes(), caps.maxFileBytes());
                    default -> throw new YUpdateException("unknown sync message type " + m.syncType());
                };
                case SyncMessages.AWARENESS -> room.awareness(c, m.payload());
                case SyncMessages.QUERY_AWARENESS -> {
                    c.sendBinary(room.everyonesAwareness());
                    yield null;
                }
                default -> throw new YUpdateException("unknown message type " + m.type());
            };
            if (refusal != null) {
                log.info("pad {}: participant {}'s message refused: {}", room.padId, c.participant.id(),
                        refusal.code());
                c.sendText(frames.error(refusal.code(), refusal.message()));
            }
        }
        catch (YUpdateException e) {
            malformed(room, c, e.getMessage());
        }
    }

    void malformed(PadRoom room, LiveConnection c, String why) {
        log.info("pad {}: participant {} sent a malformed message ({}): closed", room.padId, c.participant.id(), why);
        c.sendText(frames.error("malformed", "The message is malformed: " + why + "."));
        c.close(CloseStatus.BAD_DATA.withReason("malformed message"));
    }

    private void flood(LiveConnection c, PadRoom room) {
        String message = "More than " + config.framesPerSecond() + " messages or " + config.bytesPerSecond()
                + " bytes a second (bursts of " + config.burstFrames() + "); the connection is closed.";
        log.warn("pad {}: participant {} cut off for flooding", room.padId, c.participant.id());
        c.sendText(frames.error("rate-limited", message));
        c.close(CloseStatus.POLICY_VIOLATION.withReason("rate-limited: too many messages"));
    }

}
