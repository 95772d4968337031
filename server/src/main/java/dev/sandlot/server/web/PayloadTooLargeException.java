package dev.sandlot.server.web;

import java.io.IOException;

/** The request body passed the server's size cap while it was being read. */
public class PayloadTooLargeException extends IOException {

    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

}
