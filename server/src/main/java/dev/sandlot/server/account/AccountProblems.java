package dev.sandlot.server.account;

import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The account package's refusals: RFC 9457 problems that name the field they are about.
 */
final class AccountProblems {

    private AccountProblems() {
    }

    static ErrorResponseException refuse(HttpStatus status, String kind, String title, String field, String detail) {
        ProblemDetail p = Problems.of(status, kind, title, detail);
        p.setProperty("field", field);
        return new ErrorResponseException(status, p, null);
    }

    /** A refusal of a catalogued type about one field. */
    static ErrorResponseException refuse(ProblemType type, String field, String detail) {
        ProblemDetail p = Problems.of(type, detail);
        p.setProperty("field", field);
        return new ErrorResponseException(HttpStatus.valueOf(type.status()), p, null);
    }

    /**
     * A 404 of {@code type} (the same for what is missing and what is not the caller's).
     */
    static ErrorResponseException notFound(ProblemType type, String detail) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.of(type, detail), null);
    }

    /** A 429 with Retry-After, in the header and as {@code retryAfterSeconds}. */
    static ErrorResponseException tooMany(String kind, String title, String field, long seconds, String detail) {
        long retry = Math.max(1, seconds);
        ErrorResponseException e = refuse(HttpStatus.TOO_MANY_REQUESTS, kind, title, field, detail);
        e.getBody().setProperty("retryAfterSeconds", retry);
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retry));
        return e;
    }

}
