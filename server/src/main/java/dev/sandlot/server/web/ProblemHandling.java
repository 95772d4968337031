package dev.sandlot.server.web;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.SandboxUnavailableException;
import dev.sandlot.engine.UnknownLanguageException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Turns every refusal into RFC 9457 problem details that name what is wrong, and every
 * unexpected failure into a 500 that names only an incident id (the details go to the
 * log, never a stack trace to the client).
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(UnknownLanguageException.class)
    ResponseEntity<ProblemDetail> unknownLanguage(UnknownLanguageException e) {
        ProblemDetail p = Problems.invalidField(e.field().equals("version") ? "unknown-version" : "unknown-language",
                e.field().equals("version") ? "Version not installed" : "Unknown language", e.field(), e.detail());
        p.setProperty("available", e.available());
        return problem(p);
    }

    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<ProblemDetail> invalidField(InvalidFieldException e) {
        String field = e.field();
        String detail = e.detail();
        Long maximum = e.maximum();
        ProblemDetail p;
        if (maximum != null && field.startsWith("limits.")) {
            p = Problems.invalidField("limit-too-high", "Limit above the maximum", field, detail);
        }
        else if (maximum != null) {
            p = Problems.invalidField("too-large", "Too large", field, detail);
        }
        else {
            p = Problems.invalidField("invalid-request", "Invalid request", field, detail);
        }
        if (maximum != null)
            p.setProperty("maximum", maximum);
        return problem(p);
    }

    @ExceptionHandler(SandboxUnavailableException.class)
    ResponseEntity<ProblemDetail> sandboxUnavailable(SandboxUnavailableException e) {
        ProblemDetail p = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "sandbox-unavailable", "Sandbox unavailable",
                "This server cannot run code safely right now: " + String.join("; ", e.status().problems()));
        p.setProperty("problems", e.status().problems());
        return problem(p);
    }

    @ExceptionHandler(RejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RejectedException e) {
        boolean rateLimited = e.status() == HttpStatus.TOO_MANY_REQUESTS;
        ProblemDetail p = Problems.of(e.status(), rateLimited ? "rate-limited" : "overloaded",
                rateLimited ? "Too many runs" : "Server busy", e.getMessage());
        p.setProperty("retryAfterSeconds", e.retryAfterSeconds());
        return ResponseEntity.status(e.status())
            .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(p);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge)
                return new ResponseEntity<>(tooLarge(tooLarge.limit()), problemHeaders(), HttpStatus.CONTENT_TOO_LARGE);
        }
        ProblemDetail p;
        if (e.getCause() instanceof JacksonException json) {
            String path = jsonPath(json);
            String where = json.getLocation() == null ? ""
                    : " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr();
            String what = json.getOriginalMessage().split("\n")[0];
            if (!path.isEmpty()) {
                p = Problems.invalidField("invalid-json", "Invalid JSON", path,
                        "has the wrong type or form: " + simplify(what));
            }
            else {
                p = Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                        "The request body is not valid JSON" + where + ": " + simplify(what));
            }
        }
        else {
            p = Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "The request body is missing or is not valid JSON.");
        }
        return new ResponseEntity<>(p, problemHeaders(), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String got = e.getContentType() == null ? "no Content-Type" : "Content-Type " + e.getContentType();
        ProblemDetail p = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported media type",
                "Send the body as " + e.getSupportedMediaTypes().stream().map(Object::toString).distinct().toList()
                        + "; got " + got + ".");
        headers.setAccept(e.getSupportedMediaTypes());
        return new ResponseEntity<>(p, headers, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    /**
     * Spring MVC's own refusals (a missing or mistyped parameter, no such resource, a
     * method or media type the address does not take) get a Sandlot type too instead of
     * {@code about:blank}, and the parameter at fault as {@code field}.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Object problem = body == null && e instanceof ErrorResponse response
                ? response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale()) : body;
        if (problem instanceof ProblemDetail p && (p.getType() == null || "about:blank".equals(p.getType().toString())))
            typed(p, e, status);
        return super.handleExceptionInternal(e, problem, headers, status, request);
    }

    private static void typed(ProblemDetail p, Exception e, HttpStatusCode status) {
        String field = switch (e) {
            case MissingServletRequestParameterException missing -> missing.getParameterName();
            case MissingRequestHeaderException missing -> missing.getHeaderName();
            case MissingPathVariableException missing -> missing.getVariableName();
            case MethodArgumentTypeMismatchException mismatch -> mismatch.getName();
            case TypeMismatchException mismatch -> mismatch.getPropertyName();
            default -> null;
        };
        ProblemType type = switch (status.value()) {
            case 400 -> ProblemType.INVALID_REQUEST;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.BODY_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> null;
        };
        if (type != null) {
            p.setType(type.uri());
            p.setTitle(type.title());
        }
        else {
            HttpStatus known = HttpStatus.resolve(status.value());
            String reason = known == null ? "Error" : known.getReasonPhrase();
            p.setType(URI.create("urn:sandlot:problem:" + reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-")));
        }
        if (field != null)
            p.setProperty("field", field);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        log.error("incident {}: unexpected failure", incident, e);
        ProblemDetail p = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something failed on the server; the log has the details under incident " + incident + ".");
        p.setProperty("incident", incident);
        return problem(p);
    }

    static ProblemDetail tooLarge(long limit) {
        ProblemDetail p = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large",
                "The request body is larger than the server's limit of " + limit + " bytes.");
        p.setProperty("maximum", limit);
        return p;
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static HttpHeaders problemHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return headers;
    }

    /**
     * The JSON path of the value at fault, e.g. {@code limits.memoryMb} or
     * {@code files[0].name}.
     */
    private static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        List<JacksonException.Reference> refs = e.getPath();
        for (JacksonException.Reference ref : refs) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty())
                    path.append('.');
                path.append(ref.getPropertyName());
            }
            else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Jackson's messages name Java types; keep the part a client can act on. */
    private static String simplify(String message) {
        return message.replaceAll("`[a-zA-Z0-9_.$]+\\.([A-Za-z0-9_$]+)`", "$1")
            .replaceAll("\\(class [^)]*\\)", "")
            .replaceAll("\\s+", " ")
            .strip();
    }

}
