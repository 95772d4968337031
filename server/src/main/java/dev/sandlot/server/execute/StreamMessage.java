package dev.sandlot.server.execute;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * What the server sends on /api/v1/execute/stream (docs/api.md). The kind goes out first
 * as {@code "type"}, then the record's fields in their order.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = StreamMessage.Started.class, name = "started"),
        @JsonSubTypes.Type(value = StreamMessage.Stdout.class, name = "stdout"),
        @JsonSubTypes.Type(value = StreamMessage.Stderr.class, name = "stderr"),
        @JsonSubTypes.Type(value = StreamMessage.File.class, name = "file"),
        @JsonSubTypes.Type(value = StreamMessage.Exit.class, name = "exit"),
        @JsonSubTypes.Type(value = StreamMessage.Failed.class, name = "exit"),
        @JsonSubTypes.Type(value = StreamMessage.Problem.class, name = "error"),
        @JsonSubTypes.Type(value = StreamMessage.Pong.class, name = "pong") })
sealed interface StreamMessage {

    /** The run has begun; its id is the one the history and the exit message carry. */
    record Started(String id) implements StreamMessage {
    }

    /** Output as it happens, decoded as UTF-8 without splitting a character. */
    sealed interface Output extends StreamMessage {

        String data();

    }

    record Stdout(String data) implements Output {
    }

    record Stderr(String data) implements Output {
    }

    /**
     * A file the run returned, one message each, after the last output and before "exit".
     */
    record File(@JsonUnwrapped RunResponse.File file) implements StreamMessage {
    }

    /**
     * The run's result, with the fields of {@link RunResponse} beside "type" (its files
     * went out before it).
     */
    record Exit(@JsonUnwrapped RunResponse result) implements StreamMessage {
    }

    /** An "exit" without a result: the run failed on the server. */
    record Failed(String status, String message) implements StreamMessage {

        static Failed onTheServer() {
            return new Failed("internal_error", "The run failed on the server.");
        }
    }

    /**
     * A refused message: the problem type URN, and the field at fault when there is one.
     */
    record Problem(String problemType, int status, String title, String detail,
            @JsonInclude(JsonInclude.Include.NON_NULL) String field) implements StreamMessage {

        static Problem of(int status, String kind, String title, String detail, String field) {
            return new Problem("urn:sandlot:problem:" + kind, status, title, detail, field);
        }
    }

    /** The answer to a ping. */
    record Pong() implements StreamMessage {
    }

}
