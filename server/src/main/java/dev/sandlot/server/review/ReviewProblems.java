package dev.sandlot.server.review;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.SourcePaths;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The problems the review API answers with, and the field checks every review service
 * shares.
 */
final class ReviewProblems {

    static final int MAX_TEXT = 64 * 1024;

    private ReviewProblems() {
    }

    static void signedIn(Caller caller) {
        if (!caller.signedIn()) {
            throw new ErrorResponseException(HttpStatus.UNAUTHORIZED,
                    Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign-in required",
                            "Sign in (POST /api/v1/auth/login) or send a bearer token or API key."),
                    null);
        }
    }

    static String text(String field, String value, int max, boolean required) {
        if (value == null || (required && value.isBlank()))
            throw new InvalidFieldException(field, "is required");
        if (value.length() > max)
            throw new InvalidFieldException(field, "must be at most " + max + " characters", (long) max);
        return required ? value.strip() : value;
    }

    static String path(String field, String path) {
        String problem = SourcePaths.problem(path);
        if (problem != null)
            throw new InvalidFieldException(field, problem);
        return path;
    }

    static ErrorResponseException notFound(String what, String detail) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, what + "-not-found", "Not found", detail), null);
    }

    static ErrorResponseException forbidden(String field, String detail) {
        ProblemDetail p = Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", field + ": " + detail);
        p.setProperty("field", field);
        return new ErrorResponseException(HttpStatus.FORBIDDEN, p, null);
    }

    static ErrorResponseException conflict(String kind, String field, String detail) {
        ProblemDetail p = Problems.of(HttpStatus.CONFLICT, kind, "Conflict", field + " " + detail);
        p.setProperty("field", field);
        return new ErrorResponseException(HttpStatus.CONFLICT, p, null);
    }

}
