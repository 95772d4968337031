package dev.sandlot.server.web;

import org.springframework.http.HttpStatus;

/**
 * A request refused for load, not for its content: too many runs from this client (429)
 * or on the server (503). The client may retry after the delay.
 */
public class RejectedException extends RuntimeException {

    private final HttpStatus status;

    private final long retryAfterSeconds;

    public RejectedException(HttpStatus status, long retryAfterSeconds, String message) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public HttpStatus status() {
        return status;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

}
