package dev.sandlot.server.account;

import dev.sandlot.server.SandlotProperties;
import dev.sandlot.server.web.InvalidFieldException;
import dev.sandlot.server.web.Problems;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Accounts: sign-up, password checks that take the same time whether or not
 * the account exists, bearer tokens, API keys, and the first admin.
 */
@Service
@Order(0)
public class AccountService implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    static final String API_KEY_PREFIX = "slk_";
    private static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{2,31}");
    private final AccountRepository accounts;
    private final PasswordEncoder encoder;
    private final LoginLimiter limiter;
    private final SandlotProperties.Auth config;
    private final SecureRandom random = new SecureRandom();
    /** Compared against when the account does not exist, so both paths cost one BCrypt check. */
    private final String decoyHash;

    AccountService(AccountRepository accounts, PasswordEncoder encoder, LoginLimiter limiter, SandlotProperties properties) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.limiter = limiter;
        this.config = properties.getAuth();
        this.decoyHash = encoder.encode("decoy-" + System.nanoTime());
    }

    /** Creates the first admin when there is no account yet, printing its one-time password once. */
    @Override
    public void run(ApplicationArguments args) {
        if (accounts.count() > 0) return;
        String password = randomToken(18);
        accounts.create("admin", encoder.encode(password), Role.ADMIN);
        log.warn("""

                ================================================================
                 Created the first account: admin
                 Its one-time password (shown only now): {}
                 Sign in and change it: POST /api/v1/auth/password
                ================================================================""", password);
    }

    public Account signup(String username, String password) {
        if (!config.isSignupEnabled()) {
            throw new ErrorResponseException(HttpStatus.FORBIDDEN,
                    Problems.of(HttpStatus.FORBIDDEN, "signup-disabled", "Sign-up disabled",
                            "This server does not accept new accounts; ask an admin."), null);
        }
        checkUsername(username);
        checkPassword("password", password);
        if (accounts.credentials(username).isPresent()) {
            throw new ErrorResponseException(HttpStatus.CONFLICT, withField(Problems.of(HttpStatus.CONFLICT, "username-taken",
                    "Username taken", "username '" + username + "' is already taken"), "username"), null);
        }
        try {
            long id = accounts.create(username, encoder.encode(password), Role.LEARNER);
            return accounts.find(id).orElseThrow();
        } catch (org.springframework.dao.DuplicateKeyException race) {
            throw new ErrorResponseException(HttpStatus.CONFLICT, withField(Problems.of(HttpStatus.CONFLICT, "username-taken",
                    "Username taken", "username '" + username + "' is already taken"), "username"), null);
        }
    }

    /** The account, if the password is right; the same answer and the same work when the account does not exist. */
    public Account authenticate(String username, String password, String address) {
        limiter.check(address, username);
        Optional<AccountRepository.Credentials> found = username == null ? Optional.empty() : accounts.credentials(username);
        String candidate = password == null ? "" : password;
        boolean ok = encoder.matches(candidate, found.map(AccountRepository.Credentials::passwordHash).orElse(decoyHash));
        if (!ok || found.isEmpty()) {
            limiter.failed(address, username);
            log.info("failed sign-in from {}", address);
            throw badCredentials();
        }
        return found.get().account();
    }

    public void changePassword(long userId, String current, String replacement, String address) {
        AccountRepository.Credentials c = accounts.credentials(userId).orElseThrow(AccountService::badCredentials);
        limiter.check(address, c.account().username());
        if (current == null || !encoder.matches(current, c.passwordHash())) {
            limiter.failed(address, c.account().username());
            throw new InvalidFieldException("currentPassword", "is not the current password");
        }
        checkPassword("newPassword", replacement);
        accounts.setPassword(userId, encoder.encode(replacement));
        accounts.deleteTokens(userId);
    }

    public record IssuedToken(String token, long expiresInSeconds) {
    }

    public IssuedToken issueToken(Account account) {
        String token = randomToken(32);
        Duration lifetime = config.getTokenLifetime();
        accounts.saveToken(sha256(token), account.id(), AccountRepository.now().plus(lifetime));
        return new IssuedToken(token, lifetime.toSeconds());
    }

    public void revokeToken(String token) {
        accounts.deleteToken(sha256(token));
    }

    /** The account a bearer credential (token or API key) belongs to. */
    public Optional<Account> resolveBearer(String credential) {
        if (credential == null || credential.isBlank() || credential.length() > 200) return Optional.empty();
        String hash = sha256(credential);
        return credential.startsWith(API_KEY_PREFIX) ? accounts.apiKeyOwner(hash) : accounts.tokenOwner(hash);
    }

    public record CreatedApiKey(long id, String name, String key) {
    }

    public CreatedApiKey createApiKey(long userId, String name) {
        String label = name == null || name.isBlank() ? "API key" : name.strip();
        if (label.length() > 100) throw new InvalidFieldException("name", "must be at most 100 characters");
        String key = API_KEY_PREFIX + randomToken(24);
        long id = accounts.saveApiKey(userId, label, key.substring(0, API_KEY_PREFIX.length() + 6), sha256(key));
        return new CreatedApiKey(id, label, key);
    }

    public List<AccountRepository.ApiKey> apiKeys(long userId) {
        return accounts.apiKeys(userId);
    }

    public boolean revokeApiKey(long userId, long keyId) {
        return accounts.revokeApiKey(userId, keyId);
    }

    public List<Account> list() {
        return accounts.list();
    }

    public Optional<Account> find(long id) {
        return accounts.find(id);
    }

    public boolean setRole(long id, Role role) {
        return accounts.setRole(id, role);
    }

    @Scheduled(fixedDelay = 1, timeUnit = java.util.concurrent.TimeUnit.HOURS)
    void pruneTokens() {
        accounts.deleteExpiredTokens();
    }

    static ErrorResponseException badCredentials() {
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED, Problems.of(HttpStatus.UNAUTHORIZED,
                "bad-credentials", "Sign-in failed", "Invalid username or password."), null);
    }

    private static void checkUsername(String username) {
        if (username == null || username.isBlank()) throw new InvalidFieldException("username", "is required");
        if (!USERNAME.matcher(username).matches()) {
            throw new InvalidFieldException("username", "must be 3 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static void checkPassword(String field, String password) {
        if (password == null || password.isEmpty()) throw new InvalidFieldException(field, "is required");
        if (password.length() < 8) throw new InvalidFieldException(field, "must be at least 8 characters");
        // BCrypt reads at most 72 bytes; a longer password would be silently cut.
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) throw new InvalidFieldException(field, "must be at most 72 bytes");
    }

    private static org.springframework.http.ProblemDetail withField(org.springframework.http.ProblemDetail p, String field) {
        p.setProperty("field", field);
        return p;
    }

    private String randomToken(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
