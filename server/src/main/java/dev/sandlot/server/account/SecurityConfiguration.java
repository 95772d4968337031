package dev.sandlot.server.account;

import dev.sandlot.server.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Browsers sign in with a session cookie (HttpOnly, SameSite=Lax,
 * Secure unless configured off) and must send the CSRF token, which is kept in the
 * session, in the X-XSRF-TOKEN header on every write; API clients send a bearer token or
 * API key and need no CSRF token. A session's role is read fresh on every request.
 * Refusals are problem details, never a login page.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    static final String CSRF_HEADER = "X-XSRF-TOKEN";

    /** Only admins. */
    static final String[] ADMIN_PATHS = { "/api/v1/admin/**" };

    /** Signed-in users only (other features check their own callers too). */
    static final String[] SIGNED_IN_PATHS = { "/api/v1/projects/**", "/api/v1/executions/**", "/api/v1/auth/me",
            "/api/v1/auth/password", "/api/v1/auth/sign-out-everywhere", "/api/v1/auth/api-keys/**",
            "/api/v1/auth/api-keys", "/api/v1/terminals", "/api/files", "/api/save", "/api/load/**", "/api/delete/**",
            "/api/v1/code/history/**" };

    /**
     * What runs code (POST): anyone when anonymous runs are allowed, else signed-in
     * users.
     */
    static final String[] RUN_PATHS = { "/api/v1/execute", "/playground/execute", "/api/execute",
            "/api/v1/code/execute", "/execute" };

    /** The run stream's WebSocket, under the same rule as {@link #RUN_PATHS}. */
    static final String STREAM_PATH = "/api/v1/execute/stream";

    /**
     * CSRF tokens live in the session they protect, never in a cookie a sibling host
     * could plant.
     */
    @Bean
    CsrfTokenRepository csrfTokenRepository() {
        HttpSessionCsrfTokenRepository tokens = new HttpSessionCsrfTokenRepository();
        tokens.setHeaderName(CSRF_HEADER);
        return tokens;
    }

    /**
     * Reads the token from the header only: a {@code _csrf} query or form parameter is
     * ignored.
     */
    static final class HeaderOnlyCsrfTokenRequestHandler extends CsrfTokenRequestAttributeHandler {

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
            return request.getHeader(token.getHeaderName());
        }

    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AccountService accounts, JsonMapper json,
            AuthProperties auth, SecurityContextRepository contexts, CsrfTokenRepository csrfTokens) throws Exception {
        AuthorizationManager<RequestAuthorizationContext> execute = (authentication, ctx) -> new AuthorizationDecision(
                auth.anonymousExecute() || authentication.get() instanceof AccountPrincipal);
        http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
            .csrfTokenRequestHandler(new HeaderOnlyCsrfTokenRequestHandler())
            .requireCsrfProtectionMatcher(SecurityConfiguration::cookieAuthenticatedWrite))
            .securityContext(sc -> sc.securityContextRepository(contexts))
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
            .formLogin(AbstractHttpConfigurer::disable)
            .httpBasic(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .addFilterBefore(new SessionPrincipalFilter(accounts), AnonymousAuthenticationFilter.class)
            .addFilterBefore(new BearerAuthenticationFilter(accounts, json), AnonymousAuthenticationFilter.class)
            .authorizeHttpRequests(a -> a.requestMatchers(ADMIN_PATHS)
                .hasRole("ADMIN")
                .requestMatchers(SIGNED_IN_PATHS)
                .authenticated()
                .requestMatchers(HttpMethod.POST, RUN_PATHS)
                .access(execute)
                .requestMatchers(STREAM_PATH)
                .access(execute)
                .anyRequest()
                .permitAll())
            .exceptionHandling(e -> e
                .authenticationEntryPoint((req, res, ex) -> write(res, json,
                        Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign-in required",
                                "Sign in (POST /api/v1/auth/login) or send a bearer token or API key."),
                        "Bearer realm=\"sandlot\""))
                .accessDeniedHandler((req, res,
                        ex) -> write(res, json, ex instanceof CsrfException ? csrfProblem() : Problems
                            .of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your role does not allow this."),
                                null)));
        return http.build();
    }

    private static ProblemDetail csrfProblem() {
        ProblemDetail p = Problems.of(HttpStatus.FORBIDDEN, "csrf", "CSRF token missing or wrong",
                "A signed-in browser must send the token from GET /api/v1/auth/csrf in the " + CSRF_HEADER
                        + " header (a _csrf parameter is not accepted).");
        p.setProperty("field", CSRF_HEADER);
        return p;
    }

    /**
     * CSRF matters only where a cookie authenticates: unsafe methods, with a session
     * cookie, without a bearer credential.
     */
    private static boolean cookieAuthenticatedWrite(HttpServletRequest request) {
        if (SAFE.contains(request.getMethod()))
            return false;
        if (BearerAuthenticationFilter.credential(request) != null)
            return false;
        if (request.getCookies() == null)
            return false;
        for (var cookie : request.getCookies()) {
            if (cookie.getName().equals("JSESSIONID"))
                return true;
        }
        return false;
    }

    private static void write(HttpServletResponse response, JsonMapper json, ProblemDetail problem, String challenge)
            throws IOException {
        response.setStatus(problem.getStatus());
        if (challenge != null)
            response.setHeader("WWW-Authenticate", challenge);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

}
