package dev.sandlot.server.account;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Problems;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Accounts: sign-up, password checks that take the same time whether or not the account
 * exists, bearer tokens, API keys, and the first admin.
 */
@Service
@Order(0)
public class AccountService implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    static final String API_KEY_PREFIX = "slk_";

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{2,31}");

    private final AccountRepository accounts;

    private final PasswordEncoder encoder;

    private final LoginLimiter limiter;

    private final SignupLimiter signupLimiter;

    private final PasswordPolicy passwords;

    private final AuthProperties config;

    private final SecureRandom random = new SecureRandom();

    /**
     * Sign-ups check the name's skeleton and insert under this lock, so two look-alikes
     * cannot race in.
     */
    private final Object signupLock = new Object();

    /**
     * Compared against when the account does not exist, so both paths cost one BCrypt
     * check.
     */
    private final String decoyHash;

    AccountService(AccountRepository accounts, PasswordEncoder encoder, LoginLimiter limiter,
            SignupLimiter signupLimiter, PasswordPolicy passwords, AuthProperties config) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.limiter = limiter;
        this.signupLimiter = signupLimiter;
        this.passwords = passwords;
        this.config = config;
        this.decoyHash = encoder.encode("decoy-" + System.nanoTime());
    }

    /**
     * Creates the first admin when there is no account yet, printing its one-time
     * password once.
     */
    @Override
    public void run(ApplicationArguments args) {
        int filled = accounts.backfillSkeletons();
        if (filled > 0)
            log.info("computed the name skeletons of {} existing accounts", filled);
        if (accounts.count() > 0)
            return;
        String password = randomToken(18);
        accounts.create("admin", encoder.encode(password), Role.ADMIN, true);
        log.warn("""

                ================================================================
                 Created the first account: admin
                 Its one-time password (shown only now): {}
                 Sign in at /account.html and change it
                 (or POST /api/v1/auth/password)
                ================================================================""", password);
    }

    public Account signup(String username, String password, String address) {
        if (!config.signupEnabled()) {
            throw new ErrorResponseException(HttpStatus.FORBIDDEN, Problems.of(HttpStatus.FORBIDDEN, "signup-disabled",
                    "Sign-up disabled", "This server does not accept new accounts; ask an admin."), null);
        }
        checkUsername(username);
        if (username.toLowerCase(Locale.ROOT).startsWith(GUEST_PREFIX))
            throw taken(username, "starts with '" + GUEST_PREFIX + "', which only guests' accounts do");
        passwords.check("password", password, username);
        // Before the database and before BCrypt: a flood is refused for almost nothing.
        signupLimiter.acquire(address);
        if (accounts.credentials(username).isPresent())
            throw taken(username, "is already taken");
        String hash = encoder.encode(password);
        synchronized (signupLock) {
            if (accounts.skeletonTaken(Usernames.skeleton(username))) {
                throw taken(username,
                        "looks too much like an existing name (it differs only by case, punctuation or look-alike characters)");
            }
            try {
                long id = accounts.create(username, hash, Role.LEARNER);
                return accounts.find(id).orElseThrow();
            }
            catch (DuplicateKeyException race) {
                throw taken(username, "is already taken");
            }
        }
    }

    /** What guest accounts' names start with; no one signs up with such a name. */
    static final String GUEST_PREFIX = "guest-";

    /**
     * A guest account: a learner named {@code guest-<random>}, flagged guest, with no
     * usable password (it cannot sign in by password or get a bearer token). The feature
     * that makes one signs the browser in to it ({@link BrowserSessions}).
     */
    public Account createGuest() {
        synchronized (signupLock) {
            // 72 random bits: a clash is all but impossible, and then the next name is
            // tried.
            for (int tries = 1;; tries++) {
                String name = GUEST_PREFIX + randomToken(9).toLowerCase(Locale.ROOT);
                if (tries < 5 && accounts.skeletonTaken(Usernames.skeleton(name)))
                    continue;
                return accounts.find(accounts.createGuest(name)).orElseThrow();
            }
        }
    }

    /** Whether the account is a guest's (made when someone joined a pad by name). */
    public boolean isGuest(long userId) {
        return accounts.isGuest(userId);
    }

    private static ErrorResponseException taken(String username, String why) {
        return new ErrorResponseException(HttpStatus.CONFLICT, withField(Problems.of(HttpStatus.CONFLICT,
                "username-taken", "Username taken", "username '" + username + "' " + why), "username"), null);
    }

    /**
     * The account, if the password is right; the same answer and the same work when the
     * account does not exist. {@code knownDevice}: the request comes from a device that
     * has signed in to this account before.
     */
    public Account authenticate(String username, String password, String address, boolean knownDevice) {
        limiter.check(address, username, knownDevice);
        Optional<AccountRepository.Credentials> found = username == null ? Optional.empty()
                : accounts.credentials(username);
        String candidate = password == null ? "" : password;
        // A guest has no password: it is checked against the decoy, and fails as a
        // name of no account does.
        boolean guest = found.isPresent() && found.get().guest();
        boolean ok = encoder.matches(candidate,
                found.filter(c -> !c.guest()).map(AccountRepository.Credentials::passwordHash).orElse(decoyHash));
        if (!ok || found.isEmpty() || guest) {
            limiter.failed(address, username, knownDevice);
            log.info("failed sign-in from {}", address);
            throw badCredentials();
        }
        // Said only to whoever knows the password: a guesser learns nothing from it.
        if (found.get().disabled())
            throw AccountProblems.refuse(ProblemType.ACCOUNT_DISABLED, "username",
                    "This account has been disabled by an admin; ask an admin to enable it.");
        accounts.recordSignIn(found.get().account().id());
        return found.get().account();
    }

    /** What ending sessions did, as the API reports it. */
    public record SessionsEnded(boolean otherSessionsEnded, boolean bearerTokensRevoked, boolean apiKeysRevoked,
            int apiKeysRevokedCount, long apiKeysActive, long sessionEpoch) {
    }

    /**
     * Changes the password. Every browser session of the account carrying the old epoch
     * ends and every bearer token is revoked; API keys stay unless {@code revokeApiKeys}.
     * The caller's own browser session is carried over by the controller with the new
     * epoch.
     */
    public SessionsEnded changePassword(long userId, String current, String replacement, boolean revokeApiKeys,
            String address, boolean knownDevice) {
        AccountRepository.Credentials c = accounts.credentials(userId).orElseThrow(AccountService::badCredentials);
        limiter.check(address, c.account().username(), knownDevice);
        if (current == null || !encoder.matches(current, c.passwordHash())) {
            limiter.failed(address, c.account().username(), knownDevice);
            throw new InvalidFieldException("currentPassword", "is not the current password");
        }
        passwords.check("newPassword", replacement, c.account().username());
        if (encoder.matches(replacement, c.passwordHash()))
            throw new InvalidFieldException("newPassword", "must differ from the current password");
        accounts.setPassword(userId, encoder.encode(replacement));
        return endSessions(userId, revokeApiKeys);
    }

    /**
     * "Sign out everywhere": ends every browser session and bearer token, and the API
     * keys if asked.
     */
    public SessionsEnded endSessions(long userId, boolean revokeApiKeys) {
        long epoch = accounts.bumpSessionEpoch(userId);
        accounts.deleteTokens(userId);
        int revoked = revokeApiKeys ? accounts.revokeApiKeys(userId) : 0;
        return new SessionsEnded(true, true, revokeApiKeys, revoked, accounts.activeApiKeys(userId), epoch);
    }

    /**
     * The account as a browser session must see it now, or empty when the account is
     * gone.
     */
    Optional<AccountRepository.SessionState> sessionState(long userId) {
        return accounts.sessionState(userId);
    }

    public record IssuedToken(String token, long expiresInSeconds) {
    }

    public IssuedToken issueToken(Account account) {
        String token = randomToken(32);
        Duration lifetime = config.tokenLifetime();
        accounts.saveToken(sha256(token), account.id(), AccountRepository.now().plus(lifetime));
        return new IssuedToken(token, lifetime.toSeconds());
    }

    public void revokeToken(String token) {
        accounts.deleteToken(sha256(token));
    }

    /**
     * The account a bearer token belongs to, with its scopes when it is an API key (null
     * scopes: a token, full rights).
     */
    Optional<AccountRepository.KeyOwner> resolveBearer(String credential) {
        if (credential == null || credential.isBlank() || credential.length() > 200)
            return Optional.empty();
        String hash = sha256(credential);
        return credential.startsWith(API_KEY_PREFIX) ? accounts.apiKeyOwner(hash)
                : accounts.tokenOwner(hash).map(a -> new AccountRepository.KeyOwner(a, null));
    }

    public record CreatedApiKey(long id, String name, String key, List<String> scopes) {
    }

    /**
     * A new key with {@code scopes} (null: all the creator's role allows); never more
     * than the role allows.
     */
    public CreatedApiKey createApiKey(long userId, String name, List<String> scopes) {
        Account owner = accounts.find(userId).orElseThrow(AccountService::badCredentials);
        if (accounts.isGuest(userId))
            throw AccountProblems.refuse(ProblemType.FORBIDDEN, "name",
                    "a guest's account (made by joining an interview by name) cannot have API keys");
        String label = name == null || name.isBlank() ? "API key" : name.strip();
        if (label.length() > 100)
            throw new InvalidFieldException("name", "must be at most 100 characters");
        Set<ApiKeyScope> allowed = ApiKeyScope.allowedFor(owner.role());
        Set<ApiKeyScope> chosen;
        if (scopes == null) {
            chosen = allowed;
        }
        else {
            if (scopes.isEmpty())
                throw new InvalidFieldException("scopes", "must name at least one of run, read, write, admin");
            chosen = EnumSet.noneOf(ApiKeyScope.class);
            for (String s : scopes) {
                ApiKeyScope scope = s == null ? null : ApiKeyScope.parse(s).stream().findFirst().orElse(null);
                if (scope == null || !scope.wireName().equals(s.strip())) {
                    throw new InvalidFieldException("scopes", "must be some of run, read, write, admin");
                }
                if (!allowed.contains(scope))
                    throw new InvalidFieldException("scopes",
                            "may not include " + s + " for a " + owner.role().wireName());
                chosen.add(scope);
            }
        }
        String key = API_KEY_PREFIX + randomToken(24);
        long id = accounts.saveApiKey(userId, label, key.substring(0, API_KEY_PREFIX.length() + 6), sha256(key),
                chosen);
        return new CreatedApiKey(id, label, key, ApiKeyScope.wireNames(chosen));
    }

    public List<AccountRepository.ApiKey> apiKeys(long userId) {
        return accounts.apiKeys(userId);
    }

    public boolean revokeApiKey(long userId, long keyId) {
        return accounts.revokeApiKey(userId, keyId);
    }

    /** An admin's unlock: forgets every failed sign-in counted against the account. */
    public boolean unlock(long userId) {
        Optional<Account> account = accounts.find(userId);
        account.ifPresent(a -> limiter.unlock(a.username()));
        return account.isPresent();
    }

    public List<Account> list() {
        return accounts.list();
    }

    /** An account as admins see it. */
    record AdminAccount(long id, String username, String role, OffsetDateTime createdAt, OffsetDateTime lastSignInAt,
            boolean disabled, OffsetDateTime disabledAt, boolean mustChangePassword, boolean locked,
            boolean lockedForNewDevices, int lockedAddresses) {
    }

    /** A page of accounts, how many match in all, and the cursor of the next page. */
    record AdminPage(List<AdminAccount> items, long total, String nextCursor) {
    }

    static final int MAX_QUERY = 32;

    /**
     * Accounts whose name contains {@code query}, newest first, {@code limit} at a time
     * (default 50, at most 200); {@code cursor} is a page's {@code nextCursor}.
     */
    AdminPage adminList(String query, Integer limit, String cursor) {
        String q = query == null || query.isBlank() ? null : query.strip();
        if (q != null && q.length() > MAX_QUERY)
            throw new InvalidFieldException("q", "must be at most " + MAX_QUERY + " characters");
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200)
            throw new InvalidFieldException("limit", "must be between 1 and 200");
        Long before = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Long.parseLong(cursor.strip());
            }
            catch (NumberFormatException e) {
                throw new InvalidFieldException("cursor", "is not a cursor this server issued");
            }
        }
        List<AccountRepository.AdminRow> rows = accounts.search(q, before, size + 1);
        boolean more = rows.size() > size;
        List<AccountRepository.AdminRow> page = more ? rows.subList(0, size) : rows;
        Map<String, LoginLimiter.Lock> locks = limiter.locks(page.stream().map(r -> r.account().username()).toList());
        List<AdminAccount> items = page.stream()
            .map(r -> adminView(r, locks.getOrDefault(r.account().username(), LoginLimiter.Lock.NONE)))
            .toList();
        return new AdminPage(items, accounts.countMatching(q),
                more ? Long.toString(page.getLast().account().id()) : null);
    }

    Optional<AdminAccount> adminAccount(long id) {
        return accounts.adminRow(id)
            .map(r -> adminView(r, limiter.locks(List.of(r.account().username()))
                .getOrDefault(r.account().username(), LoginLimiter.Lock.NONE)));
    }

    private static AdminAccount adminView(AccountRepository.AdminRow r, LoginLimiter.Lock lock) {
        Account a = r.account();
        return new AdminAccount(a.id(), a.username(), a.role().wireName(), a.createdAt(), r.lastSignInAt(),
                r.disabledAt() != null, r.disabledAt(), a.mustChangePassword(), lock.locked(), lock.newDevices(),
                lock.addresses());
    }

    /**
     * Role changes and disabling, one at a time, so two cannot leave no admin between
     * them.
     */
    private final Object adminLock = new Object();

    /**
     * An admin's change of an account's role and whether it is disabled (null: as it is).
     * Refused when it would leave the server without an enabled admin. Disabling ends the
     * account's sessions and bearer tokens; its API keys stop working while it is
     * disabled. Empty when there is no such account.
     */
    Optional<AdminAccount> adminUpdate(long id, Role role, Boolean disabled) {
        synchronized (adminLock) {
            Optional<AccountRepository.AdminRow> found = accounts.adminRow(id);
            if (found.isEmpty())
                return Optional.empty();
            Account now = found.get().account();
            boolean wasDisabled = found.get().disabledAt() != null;
            Role newRole = role == null ? now.role() : role;
            boolean newDisabled = disabled == null ? wasDisabled : disabled;
            boolean wasAdmin = now.role() == Role.ADMIN && !wasDisabled;
            boolean staysAdmin = newRole == Role.ADMIN && !newDisabled;
            if (wasAdmin && !staysAdmin && accounts.enabledAdminsBesides(id) == 0) {
                boolean demoted = newRole != Role.ADMIN;
                throw AccountProblems.refuse(ProblemType.LAST_ADMIN, demoted ? "role" : "disabled",
                        "'" + now.username() + "' is the only enabled admin; " + (demoted ? "demoting" : "disabling")
                                + " it would leave this server without one. Make another account an admin first.");
            }
            accounts.update(id, newRole, newDisabled);
            if (newDisabled && !wasDisabled)
                endSessions(id, false);
        }
        return adminAccount(id);
    }

    public Optional<Account> find(long id) {
        return accounts.find(id);
    }

    /** The account of this name, whatever its case. */
    public Optional<Account> findByUsername(String username) {
        return accounts.findByUsername(username);
    }

    /** The account's name, if the account exists. */
    public Optional<String> username(long id) {
        return accounts.find(id).map(Account::username);
    }

    /** The names of these accounts by id; ids of no account are left out. */
    public Map<Long, String> usernames(Collection<Long> ids) {
        return accounts.usernames(ids);
    }

    public boolean setRole(long id, Role role) {
        return accounts.setRole(id, role);
    }

    @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.HOURS)
    void pruneTokens() {
        accounts.deleteExpiredTokens();
    }

    static ErrorResponseException badCredentials() {
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED, Problems.of(HttpStatus.UNAUTHORIZED,
                "bad-credentials", "Sign-in failed", "Invalid username or password."), null);
    }

    private static void checkUsername(String username) {
        if (username == null || username.isBlank())
            throw new InvalidFieldException("username", "is required");
        if (!USERNAME.matcher(username).matches()) {
            throw new InvalidFieldException("username",
                    "must be 3 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static ProblemDetail withField(ProblemDetail p, String field) {
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
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
