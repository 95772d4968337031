package dev.sandlot.server.interview.live;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The JSON messages a pad connection sends: run, stdin, eof, stop, ping.
 */
@Component
class LiveCommands {

    /** The most text one stdin message (or a run's first input) may carry. */
    static final int MAX_INPUT_CHARS = 64 * 1024;

    private final LiveFrames frames;

    private final PadRunner runner;

    LiveCommands(LiveFrames frames, PadRunner runner) {
        this.frames = frames;
        this.runner = runner;
    }

    void text(PadRoom room, LiveConnection c, String payload) {
        JsonNode msg;
        try {
            msg = frames.json().readTree(payload);
        }
        catch (JacksonException e) {
            msg = null;
        }
        if (msg == null || !msg.isObject()) {
            c.sendText(frames.error("malformed", "A text message must be a JSON object."));
            c.close(CloseStatus.BAD_DATA.withReason("malformed message"));
            return;
        }
        String type = msg.path("type").asString("");
        PadRoom.Refusal refusal = switch (type) {
            case "run" -> {
                JsonNode stdin = msg.path("stdin");
                if (!stdin.isMissingNode() && !stdin.isNull() && !stdin.isString())
                    yield invalid("stdin must be a string.");
                String text = stdin.isString() ? stdin.asString() : null;
                if (text != null && text.length() > MAX_INPUT_CHARS)
                    yield invalid("stdin may have at most " + MAX_INPUT_CHARS + " characters.");
                yield runner.start(room, c, text);
            }
            case "stdin" -> {
                JsonNode data = msg.path("data");
                if (!data.isString())
                    yield invalid("stdin needs a string field data.");
                if (data.asString().length() > MAX_INPUT_CHARS)
                    yield invalid("data may have at most " + MAX_INPUT_CHARS + " characters.");
                yield toRun(room, run -> run.input(c.participant, data.asString()));
            }
            case "eof" -> toRun(room, run -> run.eof(c.participant));
            case "stop" -> toRun(room, SharedRun::stop);
            case "ping" -> {
                c.sendText(frames.pong());
                yield null;
            }
            default -> invalid("type must be run, stdin, eof, stop or ping; got '" + type + "'.");
        };
        if (refusal != null)
            c.sendText(frames.error(refusal.code(), refusal.message()));
    }

    private static PadRoom.Refusal invalid(String message) {
        return new PadRoom.Refusal("invalid-request", message);
    }

    private static PadRoom.Refusal toRun(PadRoom room, java.util.function.Consumer<SharedRun> action) {
        SharedRun run = room.run();
        if (run == null || run.finished() || run.runId() == null)
            return new PadRoom.Refusal("no-run", "No run is in progress in this pad.");
        try {
            action.accept(run);
            return null;
        }
        catch (IllegalStateException e) {
            return new PadRoom.Refusal("stdin-closed", e.getMessage());
        }
    }

}
