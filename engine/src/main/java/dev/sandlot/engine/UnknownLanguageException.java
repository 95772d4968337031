package dev.sandlot.engine;

import java.util.List;

/** The requested language (or version of it) is not installed here. */
public class UnknownLanguageException extends InvalidFieldException {

    private final List<String> available;

    public UnknownLanguageException(String field, String message, List<String> available) {
        super(field, message);
        this.available = List.copyOf(available);
    }

    /** The language ids (or versions) that would have been accepted. */
    public List<String> available() {
        return available;
    }

}
