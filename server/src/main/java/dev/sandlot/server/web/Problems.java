package dev.sandlot.server.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details with a stable type per kind of refusal
 * ({@code urn:sandlot:problem:<kind>}, catalogued in {@link ProblemType} and listed in
 * the OpenAPI document and docs/api.md).
 */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String kind, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:sandlot:problem:" + kind));
        problem.setTitle(title);
        return problem;
    }

    /** A problem of a catalogued type, with its status and title. */
    public static ProblemDetail of(ProblemType type, String detail) {
        return of(HttpStatus.valueOf(type.status()), type.kind(), type.title(), detail);
    }

    /**
     * A problem about one field of the request, named as a JSON path such as
     * {@code limits.memoryMb}.
     */
    public static ProblemDetail invalidField(String kind, String title, String field, String detail) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, kind, title, field + " " + detail);
        problem.setProperty("field", field);
        return problem;
    }

}
