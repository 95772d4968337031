package dev.sandlot.server.execute;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.OutputListener;
import dev.sandlot.engine.RunHandle;
import dev.sandlot.engine.RunRequest;
import dev.sandlot.engine.SandboxUnavailableException;
import dev.sandlot.engine.UnknownLanguageException;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.account.Callers;
import dev.sandlot.server.history.RunContext;
import dev.sandlot.server.project.Project;
import dev.sandlot.server.project.ProjectService;
import dev.sandlot.server.web.RejectedException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * WebSocket /api/v1/execute/stream: one interactive run per connection. Client:
 * {"type":"start", ...execute body, "projectId"?: the project whose files these are, to
 * record the run in its history}, then {"type":"stdin","data":...}, {"type":"eof"},
 * {"type":"kill"}. Server: {"type":"started","id":...},
 * {"type":"stdout"|"stderr","data":...} as output happens, and {"type":"exit",
 * ...result}. Closing the socket kills the run.
 */
@Component
class ExecuteStreamHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ExecuteStreamHandler.class);

    private static final String RUN = "run";

    private static final String OUT = "out";

    private final RunService runs;

    private final JsonMapper json;

    private final Callers callers;

    private final ProjectService projects;

    ExecuteStreamHandler(RunService runs, JsonMapper json, Callers callers, ProjectService projects) {
        this.runs = runs;
        this.json = json;
        this.callers = callers;
        this.projects = projects;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.getAttributes().put(OUT, new ConcurrentWebSocketSessionDecorator(session, 10_000, 8 * 1024 * 1024));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        JsonNode msg;
        try {
            msg = json.readTree(message.getPayload());
        }
        catch (JacksonException e) {
            sendError(session, 400, "malformed-json", "Malformed JSON", "The message is not valid JSON.", null);
            return;
        }
        String type = msg.path("type").asString("");
        RunService.Started run = (RunService.Started) session.getAttributes().get(RUN);
        switch (type) {
            case "start" -> start(session, msg, run);
            case "stdin" -> {
                if (run == null) {
                    sendError(session, 409, "not-started", "No run", "Send a start message before stdin.", null);
                }
                else if (!msg.path("data").isString()) {
                    sendError(session, 400, "invalid-request", "Invalid message", "stdin needs a string field data.",
                            "data");
                }
                else {
                    try {
                        run.writeStdin(msg.path("data").asString());
                    }
                    catch (IllegalStateException e) {
                        sendError(session, 400, "stdin-closed", "Stdin not accepted", e.getMessage(), "data");
                    }
                }
            }
            case "eof" -> {
                if (run != null)
                    run.closeStdin();
            }
            case "kill" -> {
                if (run != null)
                    run.handle().kill();
            }
            case "ping" -> send(session, new StreamMessage.Pong());
            default -> sendError(session, 400, "invalid-request", "Unknown message type",
                    "type must be start, stdin, eof, kill or ping; got '" + type + "'.", "type");
        }
    }

    private void start(WebSocketSession session, JsonNode msg, RunService.Started existing) throws IOException {
        if (existing != null) {
            sendError(session, 409, "already-started", "Run already started", "A connection carries one run.", null);
            return;
        }
        ExecuteRequest body;
        JsonNode projectField = msg.path("projectId");
        try {
            ObjectNode fields = ((ObjectNode) msg).deepCopy();
            fields.remove("type");
            fields.remove("projectId");
            body = json.treeToValue(fields, ExecuteRequest.class);
        }
        catch (JacksonException | ClassCastException e) {
            closeWithError(session, 400, "invalid-json", "Invalid start message",
                    "The start message does not have the shape of an execute request.", null);
            return;
        }
        Utf8Stream stdout = new Utf8Stream();
        Utf8Stream stderr = new Utf8Stream();
        Outbox outbox = new Outbox(session);
        OutputListener listener = new OutputListener() {
            @Override
            public void stdout(byte[] chunk) {
                outbox.emit(new StreamMessage.Stdout(stdout.decode(chunk)));
            }

            @Override
            public void stderr(byte[] chunk) {
                outbox.emit(new StreamMessage.Stderr(stderr.decode(chunk)));
            }
        };
        RunContext context = RunContext.of("stream");
        if (!projectField.isMissingNode() && !projectField.isNull()) {
            // The page runs an open project's files this way; the run then belongs to the
            // project's history.
            Caller caller = caller(session);
            Project project;
            try {
                if (!projectField.canConvertToLong() || !caller.signedIn())
                    throw new IllegalArgumentException();
                project = projects.get(caller, projectField.asLong());
            }
            catch (IllegalArgumentException | ErrorResponseException e) {
                closeWithError(session, 404, "project-not-found", "Not found",
                        "No project " + projectField + " of yours.", "projectId");
                return;
            }
            context = RunContext.ofProject("stream", project);
        }
        RunService.Started started;
        try {
            RunRequest request = body.toRunRequest(runs.engine());
            runs.refuseLongAnonymousRun(caller(session), request);
            started = runs.start(caller(session), request, context.withSaveHistory(body.saveHistory()), listener);
        }
        catch (UnknownLanguageException e) {
            closeWithError(session, 400, "unknown-language", "Unknown language", e.getMessage(), e.field());
            return;
        }
        catch (InvalidFieldException e) {
            InvalidFieldException renamed = body.renameFields(e);
            closeWithError(session, 400, "invalid-request", "Invalid request", renamed.getMessage(), renamed.field());
            return;
        }
        catch (RejectedException e) {
            closeWithError(session, e.status().value(), e.status().value() == 429 ? "rate-limited" : "overloaded",
                    "Try again later", e.getMessage() + " (retry after " + e.retryAfterSeconds() + " s)", null);
            return;
        }
        catch (SandboxUnavailableException e) {
            closeWithError(session, 503, "sandbox-unavailable", "Sandbox unavailable", e.getMessage(), null);
            return;
        }
        RunHandle handle = started.handle();
        session.getAttributes().put(RUN, started);
        outbox.announce(new StreamMessage.Started(handle.id()));
        // "exit" goes out once the run is also in the history, so a client reading it
        // next finds it.
        // Not awaited: the socket's session ends when "exit" has gone out.
        var unused = started.finished().whenComplete((result, failure) -> {
            outbox.emit(new StreamMessage.Stdout(stdout.finish()));
            outbox.emit(new StreamMessage.Stderr(stderr.finish()));
            if (result == null) {
                outbox.finish(StreamMessage.Failed.onTheServer());
                return;
            }
            RunResponse response = RunResponse.of(result);
            response.files().forEach(f -> outbox.file(new StreamMessage.File(f)));
            outbox.finish(new StreamMessage.Exit(response.withoutFiles()));
        });
    }

    /**
     * Keeps the order the protocol promises: a fast program may write, or even end,
     * before "started" has been sent; its messages wait until it has.
     */
    private final class Outbox {

        private final WebSocketSession session;

        private final List<StreamMessage> waiting = new ArrayList<>();

        private boolean announced;

        private StreamMessage exit;

        Outbox(WebSocketSession session) {
            this.session = session;
        }

        synchronized void emit(StreamMessage.Output output) {
            if (!output.data().isEmpty())
                deliver(output);
        }

        synchronized void file(StreamMessage.File file) {
            deliver(file);
        }

        synchronized void announce(StreamMessage.Started started) {
            announced = true;
            sendQuietly(started);
            waiting.forEach(this::sendQuietly);
            waiting.clear();
            if (exit != null)
                close();
        }

        synchronized void finish(StreamMessage exitMessage) {
            exit = exitMessage;
            if (announced)
                close();
        }

        private void deliver(StreamMessage message) {
            if (announced)
                sendQuietly(message);
            else
                waiting.add(message);
        }

        private void close() {
            sendQuietly(exit);
            try {
                session.close(CloseStatus.NORMAL);
            }
            catch (IOException e) {
                log.debug("stream closed before its result was sent");
            }
        }

        private void sendQuietly(StreamMessage message) {
            try {
                send(session, message);
            }
            catch (IOException e) {
                // the client went away; afterConnectionClosed stops the run
            }
        }

    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        RunService.Started run = (RunService.Started) session.getAttributes().get(RUN);
        RunHandle handle = run == null ? null : run.handle();
        if (handle != null && !handle.result().isDone()) {
            log.info("stream closed ({}): killing run {}", status.getCode(), handle.id());
            handle.kill();
        }
    }

    private void send(WebSocketSession session, StreamMessage message) throws IOException {
        WebSocketSession out = (WebSocketSession) session.getAttributes().getOrDefault(OUT, session);
        if (out.isOpen())
            out.sendMessage(new TextMessage(json.writeValueAsString(message)));
    }

    private void sendError(WebSocketSession session, int status, String kind, String title, String detail, String field)
            throws IOException {
        send(session, StreamMessage.Problem.of(status, kind, title, detail, field));
    }

    private void closeWithError(WebSocketSession session, int status, String kind, String title, String detail,
            String field) throws IOException {
        sendError(session, status, kind, title, detail, field);
        session.close(status >= 500 || status == 429 ? CloseStatus.SERVICE_OVERLOAD : CloseStatus.POLICY_VIOLATION);
    }

    private Caller caller(WebSocketSession session) {
        InetSocketAddress remote = session.getRemoteAddress();
        String forwarded = session.getHandshakeHeaders().getFirst("X-Forwarded-For");
        String address = callers.address(remote == null ? "unknown" : remote.getAddress().getHostAddress(), forwarded);
        return callers.of(session.getPrincipal() instanceof Authentication a ? a : null, address);
    }

}
