package dev.sandlot.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A strict Content-Security-Policy on every response: scripts only from this server's own
 * files (no inline script, no eval), no plugins, no framing by other sites, and
 * connections only back to this origin. Styles may be inline because Monaco and xterm.js
 * insert their own style elements; Monaco's workers load from this origin (or a blob it
 * makes). No Referer leaves the page, so share-link tokens in a URL never reach another
 * site.
 */
final class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String POLICY = String.join("; ", "default-src 'self'", "script-src 'self'",
            "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "font-src 'self' data:", "connect-src 'self'",
            "worker-src 'self' blob:", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
            "frame-ancestors 'none'");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }

}
