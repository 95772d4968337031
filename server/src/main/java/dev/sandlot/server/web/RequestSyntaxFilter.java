package dev.sandlot.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything else reads the request, what cannot be read: parameters that
 * are not valid UTF-8 (Tomcat would throw from whatever first asks for a parameter, deep
 * inside a filter or a controller) and an {@code Origin} header that is not an origin
 * (Spring's same-origin check would fail with a 500). Each is a client's mistake: a 400
 * problem naming the parameter or header, and one debug line in the log, never a trace.
 */
final class RequestSyntaxFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestSyntaxFilter.class);

    private static final Pattern PARAMETER_NAME = Pattern.compile("Parameter \\[([^\\]]{1,100})\\]");

    private final ProblemWriter problems;

    RequestSyntaxFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader("Origin");
        if (origin != null && !isOrigin(origin)) {
            log.debug("refused {} {}: malformed Origin header", request.getMethod(), request.getRequestURI());
            problems.write(response, field(HttpStatus.BAD_REQUEST, "bad-origin", "Malformed Origin header", "Origin",
                    "is not an origin (scheme://host[:port])"));
            return;
        }
        try {
            // Multipart bodies are left to their own size limits and parser.
            String type = request.getContentType();
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/"))
                request.getParameterMap();
        }
        catch (IllegalStateException | IllegalArgumentException e) {
            Matcher name = PARAMETER_NAME.matcher(String.valueOf(e.getMessage()));
            String field = name.find() ? name.group(1) : "query";
            log.debug("refused {} {}: a parameter is not valid UTF-8", request.getMethod(), request.getRequestURI());
            problems.write(response, field(HttpStatus.BAD_REQUEST, "invalid-encoding", "Invalid encoding", field,
                    "is not valid percent-encoded UTF-8"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static ProblemDetail field(HttpStatus status, String kind, String title, String field, String detail) {
        ProblemDetail p = Problems.of(status, kind, title, field + " " + detail);
        p.setProperty("field", field);
        return p;
    }

    /** "null" (an opaque origin) or scheme://host[:port] with nothing after it. */
    static boolean isOrigin(String value) {
        if (value.equals("null"))
            return true;
        try {
            URI uri = new URI(value);
            return uri.getScheme() != null && uri.getHost() != null && uri.getRawUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getPort() <= 65535;
        }
        catch (URISyntaxException e) {
            return false;
        }
    }

}
