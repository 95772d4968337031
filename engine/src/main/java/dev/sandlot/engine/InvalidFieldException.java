package dev.sandlot.engine;

/**
 * A request refused before anything is run or stored, naming the field at fault (as a
 * JSON-style path such as {@code limits.memoryMb}): the engine's checks of runs and
 * terminals, and the server's of every request it takes.
 */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    private final Long maximum;

    public InvalidFieldException(String field, String message) {
        this(field, message, null);
    }

    public InvalidFieldException(String field, String message, Long maximum) {
        super(field + " " + message);
        this.field = field;
        this.maximum = maximum;
    }

    public String field() {
        return field;
    }

    /** The operator's maximum when the value was too large, else null. */
    public Long maximum() {
        return maximum;
    }

    /** The message without the field name. */
    public String detail() {
        return getMessage().substring(field.length() + 1);
    }

}
