package dev.sandlot.server.web;

/** A request field the server refuses, answered 400 with the field named. */
public class InvalidFieldException extends RuntimeException {

    private final String field;
    private final Long maximum;

    public InvalidFieldException(String field, String detail) {
        this(field, detail, null);
    }

    public InvalidFieldException(String field, String detail, Long maximum) {
        super(field + " " + detail);
        this.field = field;
        this.maximum = maximum;
    }

    public String field() {
        return field;
    }

    public Long maximum() {
        return maximum;
    }

    public String detail() {
        return getMessage().substring(field.length() + 1);
    }
}
