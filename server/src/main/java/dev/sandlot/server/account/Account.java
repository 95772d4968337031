package dev.sandlot.server.account;

import java.time.OffsetDateTime;

/**
 * A user as the API shows it (never the password hash). {@code mustChangePassword}: the
 * password was handed out (the first admin's one-time password) and is to be replaced.
 */
public record Account(long id, String username, Role role, OffsetDateTime createdAt, boolean mustChangePassword) {
}
