package dev.sandlot.server.account;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The signed-in account in Spring Security's context (session or bearer). A session keeps
 * only who signed in and the session epoch it signed in with;
 * {@link SessionPrincipalFilter} replaces it on every request with one built from the
 * account's current row. An API key's principal carries the key's scopes, and without the
 * admin scope an admin's key acts as a reviewer.
 */
public final class AccountPrincipal extends AbstractAuthenticationToken implements Serializable {

    /**
     * Stored in database sessions; a session saved under another value reads back as
     * signed out.
     */
    @Serial
    private static final long serialVersionUID = 1L;

    private final long userId;

    private final String username;

    private final Role role;

    private final long sessionEpoch;

    private final transient String bearer;

    private final Set<ApiKeyScope> scopes;

    AccountPrincipal(Account account, String bearer) {
        this(account, bearer, 0, null);
    }

    AccountPrincipal(Account account, String bearer, long sessionEpoch, Set<ApiKeyScope> scopes) {
        this(account, bearer, sessionEpoch, scopes, effectiveRole(account.role(), scopes));
    }

    private AccountPrincipal(Account account, String bearer, long sessionEpoch, Set<ApiKeyScope> scopes, Role role) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
        this.userId = account.id();
        this.username = account.username();
        this.role = role;
        this.sessionEpoch = sessionEpoch;
        this.bearer = bearer;
        this.scopes = scopes == null ? null : Set.copyOf(scopes);
        setAuthenticated(true);
    }

    private static Role effectiveRole(Role role, Set<ApiKeyScope> scopes) {
        if (scopes != null && role == Role.ADMIN && !scopes.contains(ApiKeyScope.ADMIN))
            return Role.REVIEWER;
        return role;
    }

    public long userId() {
        return userId;
    }

    public String username() {
        return username;
    }

    public Role role() {
        return role;
    }

    long sessionEpoch() {
        return sessionEpoch;
    }

    /** The bearer token this request came with, or null for a browser session. */
    String bearer() {
        return bearer;
    }

    /**
     * The API key's scopes, or null when this is no API key (a session or a bearer token:
     * the account's full rights).
     */
    Set<ApiKeyScope> scopes() {
        return scopes;
    }

    boolean apiKey() {
        return scopes != null;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return username;
    }

}
