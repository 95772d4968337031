package dev.sandlot.server.account;

import dev.sandlot.server.web.BodyExample;
import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.RateLimiter;
import dev.sandlot.server.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sign-up, sign-in (browser session or bearer token), sign-out, password, API keys. */
@RestController
@Tag(name = "Accounts")
class AuthController {

    private final AccountService accounts;

    private final SecurityContextRepository contexts;

    private final RateLimiter rateLimiter;

    private final BrowserSessions sessions;

    private final KnownDevices devices;

    AuthController(AccountService accounts, SecurityContextRepository contexts, RateLimiter rateLimiter,
            BrowserSessions sessions, KnownDevices devices) {
        this.accounts = accounts;
        this.contexts = contexts;
        this.rateLimiter = rateLimiter;
        this.sessions = sessions;
        this.devices = devices;
    }

    record Credentials(String username, String password) {
    }

    record Me(long id, String username, String role, OffsetDateTime createdAt, boolean mustChangePassword) {
        static Me of(Account a) {
            return new Me(a.id(), a.username(), a.role().wireName(), a.createdAt(), a.mustChangePassword());
        }
    }

    @Operation(summary = "Create an account (a learner); 409 when the name is taken")
    @BodyExample(summary = "A new learner", value = """
            {"username": "ada", "password": "lovelace-analytical-engine"}""")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @Refuses({ ProblemType.SIGNUP_DISABLED, ProblemType.USERNAME_TAKEN, ProblemType.SIGNUP_LIMITED })
    @PostMapping(path = "/api/v1/auth/signup", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Me> signup(@RequestBody Credentials body, HttpServletRequest request) {
        Account account = accounts.signup(body.username(), body.password(), rateLimiter.clientOf(request));
        return ResponseEntity.created(URI.create("/api/v1/auth/me")).body(Me.of(account));
    }

    @Operation(
            summary = "Sign in for a browser session (cookie); send the returned CSRF token in X-XSRF-TOKEN on later writes")
    @BodyExample(summary = "The account of the sign-up example", value = """
            {"username": "ada", "password": "lovelace-analytical-engine"}""")
    @Refuses({ ProblemType.BAD_CREDENTIALS, ProblemType.SIGN_IN_LIMITED, ProblemType.ACCOUNT_DISABLED })
    @PostMapping(path = "/api/v1/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> login(@RequestBody Credentials body, HttpServletRequest request, HttpServletResponse response) {
        Account account = accounts.authenticate(body.username(), body.password(), rateLimiter.clientOf(request),
                devices.isKnown(request, body.username()));
        BrowserSessions.Started started = sessions.signIn(account, request, response);
        devices.remember(response, account.username());
        return Map.of("user", Me.of(account), "csrfHeader", started.csrfHeader(), "csrfToken", started.csrfToken());
    }

    @Operation(summary = "Sign out: ends the browser session, or revokes the bearer token used")
    @PostMapping("/api/v1/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(HttpServletRequest request) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof AccountPrincipal p && p.bearer() != null
                && !p.bearer().startsWith(AccountService.API_KEY_PREFIX)) {
            accounts.revokeToken(p.bearer());
        }
        HttpSession session = request.getSession(false);
        if (session != null)
            session.invalidate();
        SecurityContextHolder.clearContext();
    }

    record TokenResponse(String access_token, String token_type, long expires_in) {
    }

    @Operation(summary = "A bearer token for API clients (OAuth2 password-style form: username, password)")
    @PostMapping(path = "/api/v1/auth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @BodyExample(summary = "The account of the sign-up example", value = """
            {"username": "ada", "password": "lovelace-analytical-engine"}""")
    @Refuses({ ProblemType.BAD_CREDENTIALS, ProblemType.SIGN_IN_LIMITED, ProblemType.ACCOUNT_DISABLED })
    TokenResponse token(@RequestParam(required = false) String username,
            @RequestParam(required = false) String password, HttpServletRequest request) {
        Account account = accounts.authenticate(username, password, rateLimiter.clientOf(request),
                devices.isKnown(request, username));
        AccountService.IssuedToken token = accounts.issueToken(account);
        return new TokenResponse(token.token(), "bearer", token.expiresInSeconds());
    }

    @Operation(summary = "The CSRF token a signed-in browser sends in X-XSRF-TOKEN with every write")
    @GetMapping("/api/v1/auth/csrf")
    Map<String, String> csrf(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return Map.of("headerName", csrf.getHeaderName(), "token", csrf.getToken());
    }

    /** Who this browser is, if anyone, and the CSRF token for its writes. */
    record Session(boolean signedIn, Me user, String csrfHeader, String csrfToken) {
    }

    @Operation(summary = "Whether this browser is signed in, as whom, and its CSRF token: one call at page load,"
            + " answered 200 whether signed in or not")
    @GetMapping("/api/v1/auth/session")
    Session session(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        Me user = SecurityContextHolder.getContext().getAuthentication() instanceof AccountPrincipal p
                ? accounts.find(p.userId()).map(Me::of).orElse(null) : null;
        return new Session(user != null, user, csrf.getHeaderName(), csrf.getToken());
    }

    @Operation(summary = "The signed-in account")
    @GetMapping("/api/v1/auth/me")
    Me me() {
        AccountPrincipal p = principal();
        return Me.of(accounts.find(p.userId()).orElseThrow(AccountService::badCredentials));
    }

    record PasswordChange(String currentPassword, String newPassword, Boolean revokeApiKeys) {
    }

    /** What a password change or "sign out everywhere" ended, and what still works. */
    record SessionsEnded(boolean otherSessionsEnded, boolean thisSessionKept, boolean bearerTokensRevoked,
            boolean apiKeysRevoked, int apiKeysRevokedCount, long apiKeysActive, String detail) {
    }

    @Operation(summary = "Change the password: every other browser session ends and every bearer token is revoked;"
            + " API keys keep working unless revokeApiKeys is true (the answer says which)")
    @BodyExample(summary = "From the sign-up example's password to another", value = """
            {"currentPassword": "lovelace-analytical-engine", "newPassword": "babbage-difference-engine",
             "revokeApiKeys": false}""")
    @Refuses(ProblemType.SIGN_IN_LIMITED)
    @PostMapping(path = "/api/v1/auth/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    SessionsEnded password(@RequestBody PasswordChange body, HttpServletRequest request, HttpServletResponse response) {
        AccountPrincipal p = principal();
        boolean revokeKeys = Boolean.TRUE.equals(body.revokeApiKeys());
        var ended = accounts.changePassword(p.userId(), body.currentPassword(), body.newPassword(), revokeKeys,
                rateLimiter.clientOf(request), devices.isKnown(request, p.username()));
        boolean keep = p.bearer() == null && request.getSession(false) != null;
        if (keep) {
            // This browser stays signed in, under a new session id and the new epoch;
            // every other session ends.
            request.changeSessionId();
            Account account = accounts.find(p.userId()).orElseThrow(AccountService::badCredentials);
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new AccountPrincipal(account, null, ended.sessionEpoch(), null));
            contexts.saveContext(context, request, response);
        }
        return describe(ended, keep, "Password changed.");
    }

    record SignOutEverywhere(Boolean revokeApiKeys) {
    }

    @Operation(
            summary = "Sign out everywhere: ends every browser session (this one too) and revokes every bearer token;"
                    + " API keys too when revokeApiKeys is true")
    @BodyExample(summary = "Keep the API keys", value = """
            {"revokeApiKeys": false}""")
    @PostMapping("/api/v1/auth/sign-out-everywhere")
    SessionsEnded signOutEverywhere(@RequestBody(required = false) SignOutEverywhere body, HttpServletRequest request) {
        AccountPrincipal p = principal();
        var ended = accounts.endSessions(p.userId(), body != null && Boolean.TRUE.equals(body.revokeApiKeys()));
        HttpSession session = request.getSession(false);
        if (session != null)
            session.invalidate();
        SecurityContextHolder.clearContext();
        return describe(ended, false, "Signed out everywhere.");
    }

    private static SessionsEnded describe(AccountService.SessionsEnded e, boolean keptThis, String what) {
        String sessions = keptThis ? "Every other browser session has ended; this one stays signed in."
                : "Every browser session has ended, this one included.";
        String keys = e.apiKeysRevoked() ? "API keys revoked: " + e.apiKeysRevokedCount() + "; none still work."
                : "API keys were kept: " + e.apiKeysActive()
                        + " still work (send revokeApiKeys=true to revoke them too).";
        return new SessionsEnded(true, keptThis, true, e.apiKeysRevoked(), e.apiKeysRevokedCount(), e.apiKeysActive(),
                what + " " + sessions + " Every bearer token is revoked. " + keys);
    }

    record KeyRequest(String name, List<String> scopes) {
    }

    record KeyView(long id, String name, String prefix, List<String> scopes, OffsetDateTime createdAt,
            OffsetDateTime lastUsedAt, boolean revoked) {
    }

    @Operation(
            summary = "Create a personal API key with scopes out of run, read, write, admin (default: all your role allows);"
                    + " shown once; send it as a bearer token or X-API-Key. An API key cannot create keys.")
    @BodyExample(summary = "A key that may run code and read", value = """
            {"name": "ci", "scopes": ["run", "read"]}""")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping(path = "/api/v1/auth/api-keys", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccountService.CreatedApiKey> createKey(@RequestBody(required = false) KeyRequest body) {
        var key = accounts.createApiKey(principal().userId(), body == null ? null : body.name(),
                body == null ? null : body.scopes());
        return ResponseEntity.status(HttpStatus.CREATED).body(key);
    }

    @Operation(summary = "The account's API keys (without the secrets)")
    @GetMapping("/api/v1/auth/api-keys")
    List<KeyView> keys() {
        return accounts.apiKeys(principal().userId())
            .stream()
            .map(k -> new KeyView(k.id(), k.name(), k.prefix(), ApiKeyScope.wireNames(k.scopes()), k.createdAt(),
                    k.lastUsedAt(), k.revokedAt() != null))
            .toList();
    }

    @Operation(summary = "Revoke an API key")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @Refuses(ProblemType.API_KEY_NOT_FOUND)
    @DeleteMapping("/api/v1/auth/api-keys/{id}")
    ResponseEntity<Void> revoke(@Parameter(example = "7") @PathVariable long id) {
        if (!accounts.revokeApiKey(principal().userId(), id))
            throw AccountProblems.notFound(ProblemType.API_KEY_NOT_FOUND, "No API key " + id + " of yours.");
        return ResponseEntity.noContent().build();
    }

    static AccountPrincipal principal() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof AccountPrincipal p)
            return p;
        throw AccountService.badCredentials();
    }

}
