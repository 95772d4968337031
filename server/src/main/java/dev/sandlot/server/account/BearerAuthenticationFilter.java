package dev.sandlot.server.account;

import dev.sandlot.server.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates API clients by {@code Authorization: Bearer <token or API key>} or
 * {@code X-API-Key}. A credential that is present but unknown is a 401 at once, never a
 * silent fallback to anonymous. An API key that lacks a scope the request needs
 * ({@link ApiKeyScope#required}) is a 403, and so is any API key on the endpoints that
 * manage keys, the password and sessions.
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
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7))
            return header.substring(7).strip();
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
        Optional<AccountRepository.KeyOwner> owner = accounts.resolveBearer(credential);
        if (owner.isEmpty()) {
            var problem = Problems.of(HttpStatus.UNAUTHORIZED, "invalid-token", "Invalid credentials",
                    "The bearer token or API key is unknown, expired or revoked.");
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        Set<ApiKeyScope> scopes = owner.get().scopes();
        if (scopes != null) {
            String refusal = null;
            Set<ApiKeyScope> missing = EnumSet.noneOf(ApiKeyScope.class);
            if (ApiKeyScope.accountManagement(request)) {
                refusal = "An API key cannot manage API keys, the password or sessions; sign in or use a bearer token from"
                        + " POST /api/v1/auth/token.";
            }
            else {
                missing.addAll(ApiKeyScope.required(request));
                missing.removeAll(scopes);
                if (!missing.isEmpty()) {
                    refusal = "This API key lacks the scope " + String.join(", ", ApiKeyScope.wireNames(missing))
                            + " this request needs; it has " + String.join(", ", ApiKeyScope.wireNames(scopes)) + ".";
                }
            }
            if (refusal != null) {
                var problem = Problems.of(HttpStatus.FORBIDDEN, "api-key-scope", "API key not allowed", refusal);
                problem.setProperty("field", "scopes");
                problem.setProperty("missingScopes", ApiKeyScope.wireNames(missing));
                response.setStatus(403);
                response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                json.writeValue(response.getOutputStream(), problem);
                return;
            }
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new AccountPrincipal(owner.get().account(), credential, 0, scopes));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

}
