package dev.sandlot.server.account;

import dev.sandlot.server.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates API clients by {@code Authorization: Bearer <token or API key>}
 * or {@code X-API-Key}. A credential that is present but unknown is a 401 at
 * once, never a silent fallback to anonymous.
 */
class BearerAuthenticationFilter extends OncePerRequestFilter {

    private final AccountService accounts;
    private final JsonMapper json;

    BearerAuthenticationFilter(AccountService accounts, JsonMapper json) {
        this.accounts = accounts;
        this.json = json;
    }

    static String credential(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) return header.substring(7).strip();
        String apiKey = request.getHeader("X-API-Key");
        return apiKey == null ? null : apiKey.strip();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String credential = credential(request);
        if (credential == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Account> account = accounts.resolveBearer(credential);
        if (account.isEmpty()) {
            var problem = Problems.of(HttpStatus.UNAUTHORIZED, "invalid-token", "Invalid credentials",
                    "The bearer token or API key is unknown, expired or revoked.");
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new AccountPrincipal(account.get(), credential));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
