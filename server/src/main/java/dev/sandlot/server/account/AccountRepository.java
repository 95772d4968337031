package dev.sandlot.server.account;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Users, their bearer tokens and API keys. Secrets are stored only as SHA-256 or BCrypt
 * hashes.
 */
@Repository
class AccountRepository {

    /**
     * An account, its password hash, whether an admin disabled it, and whether it is a
     * guest (no password sign-in).
     */
    record Credentials(Account account, String passwordHash, boolean disabled, boolean guest) {
    }

    /** An account with what admins see of it besides. */
    record AdminRow(Account account, OffsetDateTime lastSignInAt, OffsetDateTime disabledAt) {
    }

    record ApiKey(long id, String name, String prefix, Set<ApiKeyScope> scopes, OffsetDateTime createdAt,
            OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
    }

    /**
     * An account as a browser session sees it on each request, with the epoch its
     * sessions must carry.
     */
    record SessionState(Account account, long epoch) {
    }

    /** The owner of an API key and what the key may do. */
    record KeyOwner(Account account, Set<ApiKeyScope> scopes) {
    }

    private static final RowMapper<Account> ACCOUNT = (rs, n) -> new Account(rs.getLong("id"), rs.getString("username"),
            Role.valueOf(rs.getString("role")), rs.getObject("created_at", OffsetDateTime.class),
            rs.getBoolean("must_change_password"));

    private static final RowMapper<Credentials> CREDENTIALS = (rs, n) -> new Credentials(ACCOUNT.mapRow(rs, n),
            rs.getString("password_hash"), rs.getObject("disabled_at", OffsetDateTime.class) != null,
            rs.getBoolean("is_guest"));

    private static final RowMapper<AdminRow> ADMIN_ROW = (rs, n) -> new AdminRow(ACCOUNT.mapRow(rs, n),
            rs.getObject("last_sign_in_at", OffsetDateTime.class), rs.getObject("disabled_at", OffsetDateTime.class));

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    long create(String username, String passwordHash, Role role) {
        return create(username, passwordHash, role, false);
    }

    long create(String username, String passwordHash, Role role, boolean mustChangePassword) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        OffsetDateTime now = now();
        jdbc.sql("insert into users (username, username_key, username_skeleton, password_hash, role,"
                + " must_change_password, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
            .params(username, key(username), Usernames.skeleton(username), passwordHash, role.name(),
                    mustChangePassword, now, now)
            .update(keys, "id");
        return keys.getKey().longValue();
    }

    /**
     * A guest account: a learner flagged guest, with a password hash nothing matches.
     */
    long createGuest(String username) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        OffsetDateTime now = now();
        jdbc.sql("insert into users (username, username_key, username_skeleton, password_hash, role,"
                + " must_change_password, is_guest, created_at, updated_at) values (?, ?, ?, ?, ?, false, true, ?, ?)")
            .params(username, key(username), Usernames.skeleton(username), "!guest", Role.LEARNER.name(), now, now)
            .update(keys, "id");
        return keys.getKey().longValue();
    }

    boolean isGuest(long id) {
        return jdbc.sql("select is_guest from users where id = ?")
            .param(id)
            .query(Boolean.class)
            .optional()
            .orElse(false);
    }

    Optional<Credentials> credentials(String username) {
        return jdbc.sql("select * from users where username_key = ?")
            .param(key(username))
            .query(CREDENTIALS)
            .optional();
    }

    Optional<Credentials> credentials(long id) {
        return jdbc.sql("select * from users where id = ?").param(id).query(CREDENTIALS).optional();
    }

    /**
     * Whether an account's name has this skeleton (same name but for case, punctuation or
     * look-alikes).
     */
    boolean skeletonTaken(String skeleton) {
        return jdbc.sql("select count(*) from users where username_skeleton = ?")
            .param(skeleton)
            .query(Long.class)
            .single() > 0;
    }

    /** Fills in the skeletons of accounts made before there were skeletons. */
    int backfillSkeletons() {
        List<Account> missing = jdbc.sql("select * from users where username_skeleton is null").query(ACCOUNT).list();
        for (Account a : missing) {
            jdbc.sql("update users set username_skeleton = ? where id = ?")
                .params(Usernames.skeleton(a.username()), a.id())
                .update();
        }
        return missing.size();
    }

    /** Empty when the account is gone or disabled: its sessions end. */
    Optional<SessionState> sessionState(long id) {
        return jdbc.sql("select * from users where id = ? and disabled_at is null")
            .param(id)
            .query((rs, n) -> new SessionState(ACCOUNT.mapRow(rs, n), rs.getLong("session_epoch")))
            .optional();
    }

    /**
     * Ends every browser session of the account (they carry the old epoch); returns the
     * new epoch.
     */
    long bumpSessionEpoch(long id) {
        jdbc.sql("update users set session_epoch = session_epoch + 1, updated_at = ? where id = ?")
            .params(now(), id)
            .update();
        return jdbc.sql("select session_epoch from users where id = ?").param(id).query(Long.class).single();
    }

    Optional<Account> find(long id) {
        return jdbc.sql("select * from users where id = ?").param(id).query(ACCOUNT).optional();
    }

    Optional<Account> findByUsername(String username) {
        return jdbc.sql("select * from users where username_key = ?").param(key(username)).query(ACCOUNT).optional();
    }

    Map<Long, String> usernames(Collection<Long> ids) {
        if (ids.isEmpty())
            return Map.of();
        Map<Long, String> names = new HashMap<>();
        jdbc.sql("select id, username from users where id in (:ids)").param("ids", Set.copyOf(ids)).query(rs -> {
            names.put(rs.getLong("id"), rs.getString("username"));
        });
        return names;
    }

    List<Account> list() {
        return jdbc.sql("select * from users order by id").query(ACCOUNT).list();
    }

    long count() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }

    /** A new password, chosen by its owner: it need not be changed any more. */
    void setPassword(long id, String passwordHash) {
        jdbc.sql("update users set password_hash = ?, must_change_password = false, updated_at = ? where id = ?")
            .params(passwordHash, now(), id)
            .update();
    }

    void recordSignIn(long id) {
        jdbc.sql("update users set last_sign_in_at = ? where id = ?").params(now(), id).update();
    }

    Optional<AdminRow> adminRow(long id) {
        return jdbc.sql("select * from users where id = ?").param(id).query(ADMIN_ROW).optional();
    }

    /**
     * Accounts whose name contains {@code query} (any case; null: all), newest first,
     * older than the account {@code beforeId} (null: from the newest).
     */
    List<AdminRow> search(String query, Long beforeId, int limit) {
        var sql = new StringBuilder("select * from users where 1 = 1");
        var params = new ArrayList<Object>();
        if (query != null) {
            sql.append(" and username_key like ? escape '\\'");
            params.add(likePattern(query));
        }
        if (beforeId != null) {
            sql.append(" and id < ?");
            params.add(beforeId);
        }
        sql.append(" order by id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(ADMIN_ROW).list();
    }

    long countMatching(String query) {
        if (query == null)
            return count();
        return jdbc.sql("select count(*) from users where username_key like ? escape '\\'")
            .param(likePattern(query))
            .query(Long.class)
            .single();
    }

    private static String likePattern(String query) {
        return "%" + key(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Enabled admins other than {@code id}. */
    long enabledAdminsBesides(long id) {
        return jdbc.sql("select count(*) from users where role = ? and disabled_at is null and id <> ?")
            .params(Role.ADMIN.name(), id)
            .query(Long.class)
            .single();
    }

    /**
     * Sets role and disabled state in one statement; a disabled account keeps the time it
     * was first disabled.
     */
    boolean update(long id, Role role, boolean disabled) {
        OffsetDateTime now = now();
        return jdbc
            .sql("update users set role = ?, disabled_at = case when ? then coalesce(disabled_at, ?) else null end,"
                    + " updated_at = ? where id = ?")
            .params(role.name(), disabled, now, now, id)
            .update() == 1;
    }

    boolean setRole(long id, Role role) {
        return jdbc.sql("update users set role = ?, updated_at = ? where id = ?")
            .params(role.name(), now(), id)
            .update() == 1;
    }

    void saveToken(String hash, long userId, OffsetDateTime expiresAt) {
        jdbc.sql("insert into access_tokens (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)")
            .params(hash, userId, now(), expiresAt)
            .update();
    }

    Optional<Account> tokenOwner(String hash) {
        return jdbc.sql(
                "select u.* from access_tokens t join users u on u.id = t.user_id where t.token_hash = ? and t.expires_at > ?"
                        + " and u.disabled_at is null")
            .params(hash, now())
            .query(ACCOUNT)
            .optional();
    }

    void deleteToken(String hash) {
        jdbc.sql("delete from access_tokens where token_hash = ?").param(hash).update();
    }

    void deleteTokens(long userId) {
        jdbc.sql("delete from access_tokens where user_id = ?").param(userId).update();
    }

    int deleteExpiredTokens() {
        return jdbc.sql("delete from access_tokens where expires_at <= ?").param(now()).update();
    }

    long saveApiKey(long userId, String name, String prefix, String hash, Set<ApiKeyScope> scopes) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into api_keys (user_id, name, prefix, key_hash, scopes, created_at) values (?, ?, ?, ?, ?, ?)")
            .params(userId, name, prefix, hash, ApiKeyScope.format(scopes), now())
            .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<KeyOwner> apiKeyOwner(String hash) {
        Optional<KeyOwner> owner = jdbc
            .sql("select u.*, k.scopes as key_scopes from api_keys k join users u on u.id = k.user_id"
                    + " where k.key_hash = ? and k.revoked_at is null and u.disabled_at is null")
            .param(hash)
            .query((rs, n) -> new KeyOwner(ACCOUNT.mapRow(rs, n), ApiKeyScope.parse(rs.getString("key_scopes"))))
            .optional();
        owner.ifPresent(
                a -> jdbc.sql("update api_keys set last_used_at = ? where key_hash = ?").params(now(), hash).update());
        return owner;
    }

    List<ApiKey> apiKeys(long userId) {
        return jdbc.sql("select * from api_keys where user_id = ? order by id")
            .param(userId)
            .query((rs, n) -> new ApiKey(rs.getLong("id"), rs.getString("name"), rs.getString("prefix"),
                    ApiKeyScope.parse(rs.getString("scopes")), rs.getObject("created_at", OffsetDateTime.class),
                    rs.getObject("last_used_at", OffsetDateTime.class),
                    rs.getObject("revoked_at", OffsetDateTime.class)))
            .list();
    }

    boolean revokeApiKey(long userId, long keyId) {
        return jdbc.sql("update api_keys set revoked_at = ? where id = ? and user_id = ? and revoked_at is null")
            .params(now(), keyId, userId)
            .update() == 1;
    }

    int revokeApiKeys(long userId) {
        return jdbc.sql("update api_keys set revoked_at = ? where user_id = ? and revoked_at is null")
            .params(now(), userId)
            .update();
    }

    long activeApiKeys(long userId) {
        return jdbc.sql("select count(*) from api_keys where user_id = ? and revoked_at is null")
            .param(userId)
            .query(Long.class)
            .single();
    }

}
