package dev.sandlot.server.interview.crdt;

/**
 * The bytes are not a well-formed Yjs update or protocol message; the message says where.
 */
public class YUpdateException extends RuntimeException {

    public YUpdateException(String message) {
        super(message);
    }

    public YUpdateException(String message, Throwable cause) {
        super(message, cause);
    }

}
