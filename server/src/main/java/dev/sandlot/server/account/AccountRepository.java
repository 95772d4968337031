package dev.sandlot.server.account;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    record Credentials(Account account, String passwordHash) {
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
            Role.valueOf(rs.getString("role")), rs.getObject("created_at", OffsetDateTime.class));

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
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        OffsetDateTime now = now();
        jdbc.sql(
                "insert into users (username, username_key, username_skeleton, password_hash, role, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
            .params(username, key(username), Usernames.skeleton(username), passwordHash, role.name(), now, now)
            .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Credentials> credentials(String username) {
        return jdbc.sql("select * from users where username_key = ?")
            .param(key(username))
            .query((rs, n) -> new Credentials(ACCOUNT.mapRow(rs, n), rs.getString("password_hash")))
            .optional();
    }

    Optional<Credentials> credentials(long id) {
        return jdbc.sql("select * from users where id = ?")
            .param(id)
            .query((rs, n) -> new Credentials(ACCOUNT.mapRow(rs, n), rs.getString("password_hash")))
            .optional();
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

    Optional<SessionState> sessionState(long id) {
        return jdbc.sql("select * from users where id = ?")
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

    void setPassword(long id, String passwordHash) {
        jdbc.sql("update users set password_hash = ?, updated_at = ? where id = ?")
            .params(passwordHash, now(), id)
            .update();
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
                "select u.* from access_tokens t join users u on u.id = t.user_id where t.token_hash = ? and t.expires_at > ?")
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
                    + " where k.key_hash = ? and k.revoked_at is null")
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
