package dev.sandlot.server.account;

import java.io.Serializable;

/**
 * Who made a request: a signed-in account, or an anonymous client known only by its
 * address. Rate limits, history and authorization all start here.
 */
public record Caller(Long userId, String username, Role role, String address) implements Serializable {

    public static Caller anonymous(String address) {
        return new Caller(null, null, null, address);
    }

    public boolean signedIn() {
        return userId != null;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** The rate limiter's bucket: one per account, else one per address. */
    public String rateLimitKey() {
        return signedIn() ? "user:" + userId : "ip:" + address;
    }

    @Override
    public String toString() {
        return signedIn() ? username + "#" + userId : "anonymous@" + address;
    }
}
