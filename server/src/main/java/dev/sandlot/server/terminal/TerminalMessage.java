package dev.sandlot.server.terminal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What the server sends on a terminal socket (docs/api.md). The kind goes out first as
 * {@code "type"}, then the record's fields in their order; a field marked non-null is
 * left out rather than sent as null.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = TerminalMessage.Session.class, name = "session"),
        @JsonSubTypes.Type(value = TerminalMessage.Output.class, name = "output"),
        @JsonSubTypes.Type(value = TerminalMessage.FilesChanged.class, name = "files-changed"),
        @JsonSubTypes.Type(value = TerminalMessage.Exit.class, name = "exit"),
        @JsonSubTypes.Type(value = TerminalMessage.Problem.class, name = "error"),
        @JsonSubTypes.Type(value = TerminalMessage.Mode.class, name = "mode"),
        @JsonSubTypes.Type(value = TerminalMessage.Pong.class, name = "pong") })
sealed interface TerminalMessage {

    /** The greeting of a new connection. */
    record Session(String id, long projectId, String mode, boolean reattached, int cols, int rows,
            long idleTimeoutSeconds) implements TerminalMessage {
    }

    /**
     * Terminal output as text; {@code bytes} (base64) only when the output was not valid
     * UTF-8, {@code replay} only on the recent output a new client gets.
     */
    record Output(String data, @JsonInclude(JsonInclude.Include.NON_NULL) String bytes,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean replay) implements TerminalMessage {

        static Output live(String data, String bytes) {
            return new Output(data, bytes, null);
        }

        static Output replay(String data) {
            return new Output(data, null, true);
        }
    }

    /**
     * Workspace files saved to (or deleted from) the project, and those that could not
     * be.
     */
    record FilesChanged(List<String> paths, List<String> deleted,
            List<WorkspaceSync.Skipped> skipped) implements TerminalMessage {
    }

    /**
     * The session ended; {@code code} and {@code signal} are null (and sent) when there
     * is none.
     */
    record Exit(String reason, Integer code, String signal, String message) implements TerminalMessage {
    }

    /**
     * A refused message or connection: the problem type URN, and the field at fault when
     * there is one.
     */
    record Problem(int status, String problem, String detail,
            @JsonInclude(JsonInclude.Include.NON_NULL) String field) implements TerminalMessage {

        static Problem of(int status, String kind, String detail, String field) {
            return new Problem(status, "urn:sandlot:problem:" + kind, detail, field);
        }
    }

    /**
     * The rules changed for a connection already open: {@code mode} is what it is now
     * ({@code view}: its input is refused from now on); {@code mayControl} true tells a
     * watcher that it may now type after reconnecting with mode=control.
     */
    record Mode(String mode, String reason, boolean mayControl, String message) implements TerminalMessage {

        static Mode downgraded(String reason) {
            return new Mode("view", reason, false,
                    "You may only watch this terminal now; what you type is refused (read-only).");
        }

        static Mode mayControlNow(String reason) {
            return new Mode("view", reason, true,
                    "You may type into this terminal now: reconnect with mode=control to do so.");
        }
    }

    /** The answer to a ping. */
    record Pong() implements TerminalMessage {
    }

}
