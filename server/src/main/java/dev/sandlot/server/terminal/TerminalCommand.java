package dev.sandlot.server.terminal;

import tools.jackson.databind.JsonNode;

/**
 * What a client sends on a terminal socket (docs/api.md), read from the message's JSON as
 * leniently as the protocol always has: a missing or mistyped field becomes null (text)
 * or 0 (numbers), for the handler to refuse.
 */
sealed interface TerminalCommand {

    /**
     * Keystrokes: {@code data} as text, or else {@code bytes} in base64; null where not a
     * string.
     */
    record Input(String data, String bytes) implements TerminalCommand {
    }

    record Resize(int cols, int rows) implements TerminalCommand {
    }

    /** A signal by name, with or without {@code SIG}; "" when missing. */
    record Signal(String name) implements TerminalCommand {
    }

    /** Save the workspace to the project now. */
    record Sync() implements TerminalCommand {
    }

    record Ping() implements TerminalCommand {
    }

    /** A type this protocol does not have ("" when the message has none). */
    record Unknown(String type) implements TerminalCommand {
    }

    static TerminalCommand of(JsonNode message) {
        String type = message.path("type").asString("");
        return switch (type) {
            case "input" -> new Input(text(message, "data"), text(message, "bytes"));
            case "resize" -> new Resize(message.path("cols").asInt(0), message.path("rows").asInt(0));
            case "signal" -> new Signal(message.path("name").asString(""));
            case "sync" -> new Sync();
            case "ping" -> new Ping();
            default -> new Unknown(type);
        };
    }

    private static String text(JsonNode message, String field) {
        JsonNode value = message.path(field);
        return value.isString() ? value.asString() : null;
    }

}
