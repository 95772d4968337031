package dev.sandlot.server.account;

import java.io.Serializable;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The signed-in account in Spring Security's context (session or bearer). */
public final class AccountPrincipal extends AbstractAuthenticationToken implements Serializable {

    private final long userId;
    private final String username;
    private final Role role;
    private final transient String bearer;

    AccountPrincipal(Account account, String bearer) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + account.role().name())));
        this.userId = account.id();
        this.username = account.username();
        this.role = account.role();
        this.bearer = bearer;
        setAuthenticated(true);
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

    /** The bearer token this request came with, or null for a browser session. */
    String bearer() {
        return bearer;
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
