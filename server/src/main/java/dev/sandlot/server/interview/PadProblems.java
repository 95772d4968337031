package dev.sandlot.server.interview;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problems the pad API answers with. */
final class PadProblems {

    private PadProblems() {
    }

    static void signedIn(Caller caller) {
        if (!caller.signedIn())
            throw unauthenticated("Sign in (POST /api/v1/auth/login) or send a bearer token or API key.");
    }

    static ErrorResponseException unauthenticated(String detail) {
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED,
                Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign-in required", detail), null);
    }

    /**
     * What everyone outside a pad gets: the same answer as for a pad that does not exist.
     */
    static ErrorResponseException notFound(String what, String detail) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, what + "-not-found", "Not found", detail), null);
    }

    static ErrorResponseException padNotFound(long id) {
        return notFound("pad", "No pad " + id + ".");
    }

    static ErrorResponseException interviewersOnly(String what) {
        ProblemDetail p = Problems.of(HttpStatus.FORBIDDEN, "interviewers-only", "Interviewers only",
                what + " is for the pad's interviewers only.");
        return new ErrorResponseException(HttpStatus.FORBIDDEN, p, null);
    }

    static ErrorResponseException forbidden(String field, String detail) {
        ProblemDetail p = Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", field + ": " + detail);
        p.setProperty("field", field);
        return new ErrorResponseException(HttpStatus.FORBIDDEN, p, null);
    }

    static ErrorResponseException conflict(String kind, String title, String detail) {
        return new ErrorResponseException(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, kind, title, detail),
                null);
    }

    static ErrorResponseException ended(long padId) {
        return conflict("pad-ended", "Interview over",
                "Pad " + padId + " has ended: it and its project are read-only.");
    }

    static ErrorResponseException linkRefused(boolean expired, String detail) {
        HttpStatus status = expired ? HttpStatus.GONE : HttpStatus.NOT_FOUND;
        ProblemDetail p = Problems.of(status, expired ? "pad-link-expired" : "pad-link-not-found",
                expired ? "Link expired" : "Unknown link", "token " + detail);
        p.setProperty("field", "token");
        return new ErrorResponseException(status, p, null);
    }

}
