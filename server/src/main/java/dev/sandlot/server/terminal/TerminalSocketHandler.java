package dev.sandlot.server.terminal;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.TerminalRequest;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.account.Callers;
import dev.sandlot.server.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.web.ErrorResponseException;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * WebSocket /api/v1/projects/{id}/terminal[?cols=&rows=&mode=view]: attaches to the
 * project's terminal, starting it if needed. The handshake itself is refused with a
 * problem-details response (401, 404, 409, 429, 503), so a client learns why before any
 * socket exists. Messages are described in docs/api.md; every sender to one socket is
 * serialised here.
 */
@Component
class TerminalSocketHandler extends TextWebSocketHandler implements HandshakeInterceptor {

    static final String PATH = "/api/v1/projects/*/terminal";

    private static final Pattern PROJECT = Pattern.compile("/api/v1/projects/(\\d{1,18})/terminal/?$");

    private static final Map<String, Integer> SIGNALS = Map.of("INT", 2, "QUIT", 3, "TSTP", 20, "TERM", 15, "KILL", 9,
            "HUP", 1, "CONT", 18);

    private static final String ATTACHED = "terminal";

    private static final String VIEWER = "viewer";

    private static final String CLIENT = "client";

    private static final String CALLER = "caller";

    private static final int MAX_INPUT_BYTES = 1 << 20;

    private static final Logger log = LoggerFactory.getLogger(TerminalSocketHandler.class);

    private final TerminalSessions sessions;

    private final Callers callers;

    private final JsonMapper json;

    TerminalSocketHandler(TerminalSessions sessions, Callers callers, JsonMapper json) {
        this.sessions = sessions;
        this.callers = callers;
        this.json = json;
    }

    // ------------------------------------------------------------ handshake

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) throws IOException {
        try {
            HttpServletRequest servlet = ((ServletServerHttpRequest) request).getServletRequest();
            Caller caller = callers.of(servlet);
            if (!caller.signedIn()) {
                throw TerminalSessions.refusal(HttpStatus.UNAUTHORIZED, "unauthorized", "Sign in first",
                        "A terminal belongs to a project; sign in (session or bearer token) to open one.");
            }
            long projectId = projectId(request.getURI());
            int cols = dimension(servlet.getParameter("cols"), "cols", 80, TerminalRequest.MAX_COLS);
            int rows = dimension(servlet.getParameter("rows"), "rows", 24, TerminalRequest.MAX_ROWS);
            String mode = servlet.getParameter("mode") == null ? "control" : servlet.getParameter("mode");
            if (!mode.equals("control") && !mode.equals("view")) {
                throw invalid("mode", "must be control or view; got '" + mode + "'");
            }
            boolean viewer = mode.equals("view");
            attributes.put(ATTACHED, sessions.open(caller, projectId, cols, rows, viewer));
            attributes.put(VIEWER, viewer);
            attributes.put(CALLER, caller);
            return true;
        }
        catch (ErrorResponseException e) {
            refuse(response, e.getBody());
            return false;
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }

    private void refuse(ServerHttpResponse response, ProblemDetail problem) throws IOException {
        response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getBody().write(json.writeValueAsBytes(problem));
        response.flush();
    }

    private static long projectId(URI uri) {
        Matcher m = PROJECT.matcher(uri.getPath());
        if (!m.find())
            throw invalid("id", "must be a project id");
        return Long.parseLong(m.group(1));
    }

    private static int dimension(String value, String name, int fallback, int max) {
        if (value == null)
            return fallback;
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= max)
                return n;
        }
        catch (NumberFormatException e) {
            // below
        }
        throw invalid(name, "must be a whole number from 1 to " + max + "; got '" + value + "'");
    }

    private static ErrorResponseException invalid(String field, String detail) {
        ProblemDetail p = Problems.invalidField("invalid-request", "Invalid request", field, detail);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, p, null);
    }

    // ------------------------------------------------------------ socket

    /**
     * One socket as a client of a session; sends are serialised, a failed one closes the
     * socket.
     */
    private final class SocketClient implements TerminalSession.Client {

        private final WebSocketSession socket;

        private final Caller caller;

        /**
         * Held while a message is checked and carried out, and while the mode changes.
         */
        private final Object mode = new Object();

        private volatile boolean viewer;

        SocketClient(WebSocketSession socket, Caller caller, boolean viewer) {
            this.socket = socket;
            this.caller = caller;
            this.viewer = viewer;
        }

        @Override
        public void send(TerminalMessage message) {
            synchronized (this) {
                if (!socket.isOpen())
                    throw new IllegalStateException("closed");
                try {
                    socket.sendMessage(new TextMessage(json.writeValueAsString(message)));
                }
                catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public void close() {
            try {
                socket.close(CloseStatus.NORMAL);
            }
            catch (IOException e) {
                // gone already
            }
        }

        @Override
        public boolean viewer() {
            return viewer;
        }

        @Override
        public Caller caller() {
            return caller;
        }

        @Override
        public void watchOnly() {
            synchronized (mode) {
                viewer = true;
            }
        }

    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        TerminalSessions.Attached attached = (TerminalSessions.Attached) socket.getAttributes().get(ATTACHED);
        SocketClient client = new SocketClient(socket, (Caller) socket.getAttributes().get(CALLER),
                (Boolean) socket.getAttributes().get(VIEWER));
        socket.getAttributes().put(CLIENT, client);
        attached.session().attach(client, attached.reattached());
        if (!attached.session().alive())
            client.close();
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        TerminalSessions.Attached attached = (TerminalSessions.Attached) socket.getAttributes().get(ATTACHED);
        SocketClient client = (SocketClient) socket.getAttributes().get(CLIENT);
        if (attached != null && client != null)
            attached.session().detach(client);
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
        TerminalSession session = ((TerminalSessions.Attached) socket.getAttributes().get(ATTACHED)).session();
        SocketClient client = (SocketClient) socket.getAttributes().get(CLIENT);
        TerminalCommand command;
        try {
            command = TerminalCommand.of(json.readTree(message.getPayload()));
        }
        catch (JacksonException e) {
            error(client, 400, "malformed-json", "The message is not valid JSON.", null);
            return;
        }
        if (command instanceof TerminalCommand.Ping) {
            client.send(new TerminalMessage.Pong());
            return;
        }
        if (!session.alive()) {
            error(client, 409, "terminal-ended", "The terminal has ended; reconnect to start a new one.", null);
            return;
        }
        // Under the client's mode lock: once a client was made a watcher, nothing it sent
        // earlier is still on its way into the shell.
        synchronized (client.mode) {
            carryOut(session, client, command);
        }
    }

    private void carryOut(TerminalSession session, SocketClient client, TerminalCommand command) {
        if (client.viewer() && !(command instanceof TerminalCommand.Sync)) {
            error(client, 403, "read-only", "This connection watches the terminal (mode=view); it cannot type into it.",
                    null);
            return;
        }
        try {
            switch (command) {
                case TerminalCommand.Input input -> input(session, client, input);
                case TerminalCommand.Resize resize -> session.resize(resize.cols(), resize.rows());
                case TerminalCommand.Signal named -> {
                    Integer signal = SIGNALS.get(named.name().replaceFirst("^SIG", ""));
                    if (signal == null) {
                        error(client, 400, "invalid-request", "name must be one of " + SIGNALS.keySet() + ".", "name");
                    }
                    else {
                        session.signal(signal);
                    }
                }
                case TerminalCommand.Sync sync -> session.syncSoon();
                case TerminalCommand.Ping ping -> {
                } // answered above, even after the terminal ended
                case TerminalCommand.Unknown unknown -> error(client, 400, "invalid-request",
                        "type must be input, resize, signal, sync or ping; got '" + unknown.type() + "'.", "type");
            }
        }
        catch (InvalidFieldException e) {
            error(client, 400, "invalid-request", e.getMessage() + ".", e.field());
        }
        catch (InputDroppedException e) {
            error(client, 429, "input-dropped", e.getMessage() + ".", "data");
        }
        catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            log.error("incident {}: terminal message failed", incident, e);
            error(client, 500, "internal-error",
                    "Something failed on the server; the log has the details under incident " + incident + ".", null);
        }
    }

    private void input(TerminalSession session, SocketClient client, TerminalCommand.Input input) {
        byte[] bytes;
        if (input.data() != null) {
            bytes = input.data().getBytes(StandardCharsets.UTF_8);
        }
        else if (input.bytes() != null) {
            try {
                bytes = Base64.getDecoder().decode(input.bytes());
            }
            catch (IllegalArgumentException e) {
                error(client, 400, "invalid-request", "bytes must be base64.", "bytes");
                return;
            }
        }
        else {
            error(client, 400, "invalid-request", "input needs a string field data (text) or bytes (base64).", "data");
            return;
        }
        if (bytes.length > MAX_INPUT_BYTES) {
            error(client, 400, "invalid-request", "data must be at most " + MAX_INPUT_BYTES + " bytes.", "data");
            return;
        }
        session.input(bytes);
    }

    private void error(SocketClient client, int status, String kind, String detail, String field) {
        try {
            client.send(TerminalMessage.Problem.of(status, kind, detail, field));
        }
        catch (IllegalStateException closed) {
            log.debug("cannot report an error to a closed terminal socket");
        }
    }

}
