package dev.sandlot.server.account;

import dev.sandlot.server.web.RateLimiter;
import io.swagger.v3.oas.annotations.Operation;
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

    AuthController(AccountService accounts, SecurityContextRepository contexts, RateLimiter rateLimiter) {
        this.accounts = accounts;
        this.contexts = contexts;
        this.rateLimiter = rateLimiter;
    }

    record Credentials(String username, String password) {
    }

    record Me(long id, String username, String role, OffsetDateTime createdAt) {
        static Me of(Account a) {
            return new Me(a.id(), a.username(), a.role().wireName(), a.createdAt());
        }
    }

    @Operation(summary = "Create an account (a learner); 409 when the name is taken")
    @PostMapping(path = "/api/v1/auth/signup", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Me> signup(@RequestBody Credentials body) {
        Account account = accounts.signup(body.username(), body.password());
        return ResponseEntity.created(URI.create("/api/v1/auth/me")).body(Me.of(account));
    }

    @Operation(summary = "Sign in for a browser session (cookie); send the CSRF token on later writes")
    @PostMapping(path = "/api/v1/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> login(@RequestBody Credentials body, HttpServletRequest request, HttpServletResponse response) {
        Account account = accounts.authenticate(body.username(), body.password(), rateLimiter.clientOf(request));
        HttpSession existing = request.getSession(false);
        if (existing != null) request.changeSessionId(); // no session fixation
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new AccountPrincipal(account, null));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return Map.of("user", Me.of(account), "csrfHeader", csrf.getHeaderName(), "csrfToken", csrf.getToken());
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
        if (session != null) session.invalidate();
        SecurityContextHolder.clearContext();
    }

    record TokenResponse(String access_token, String token_type, long expires_in) {
    }

    @Operation(summary = "A bearer token for API clients (OAuth2 password-style form: username, password)")
    @PostMapping(path = "/api/v1/auth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    TokenResponse token(@RequestParam(required = false) String username, @RequestParam(required = false) String password,
                        HttpServletRequest request) {
        Account account = accounts.authenticate(username, password, rateLimiter.clientOf(request));
        AccountService.IssuedToken token = accounts.issueToken(account);
        return new TokenResponse(token.token(), "bearer", token.expiresInSeconds());
    }

    @Operation(summary = "The CSRF token a signed-in browser sends in X-XSRF-TOKEN with every write")
    @GetMapping("/api/v1/auth/csrf")
    Map<String, String> csrf(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return Map.of("headerName", csrf.getHeaderName(), "token", csrf.getToken());
    }

    @Operation(summary = "The signed-in account")
    @GetMapping("/api/v1/auth/me")
    Me me() {
        AccountPrincipal p = principal();
        return Me.of(accounts.find(p.userId()).orElseThrow(AccountService::badCredentials));
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    @Operation(summary = "Change the password; every bearer token of the account is revoked")
    @PostMapping(path = "/api/v1/auth/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void password(@RequestBody PasswordChange body, HttpServletRequest request) {
        accounts.changePassword(principal().userId(), body.currentPassword(), body.newPassword(), rateLimiter.clientOf(request));
    }

    record KeyRequest(String name) {
    }

    record KeyView(long id, String name, String prefix, OffsetDateTime createdAt, OffsetDateTime lastUsedAt, boolean revoked) {
    }

    @Operation(summary = "Create a personal API key (shown once; send it as a bearer token or X-API-Key)")
    @PostMapping(path = "/api/v1/auth/api-keys", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccountService.CreatedApiKey> createKey(@RequestBody(required = false) KeyRequest body) {
        var key = accounts.createApiKey(principal().userId(), body == null ? null : body.name());
        return ResponseEntity.status(HttpStatus.CREATED).body(key);
    }

    @Operation(summary = "The account's API keys (without the secrets)")
    @GetMapping("/api/v1/auth/api-keys")
    List<KeyView> keys() {
        return accounts.apiKeys(principal().userId()).stream()
                .map(k -> new KeyView(k.id(), k.name(), k.prefix(), k.createdAt(), k.lastUsedAt(), k.revokedAt() != null)).toList();
    }

    @Operation(summary = "Revoke an API key")
    @DeleteMapping("/api/v1/auth/api-keys/{id}")
    ResponseEntity<Void> revoke(@PathVariable long id) {
        return accounts.revokeApiKey(principal().userId(), id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    static AccountPrincipal principal() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof AccountPrincipal p) return p;
        throw AccountService.badCredentials();
    }
}
