package dev.sandlot.server.account;

import java.time.OffsetDateTime;

/** A user as the API shows it (never the password hash). */
public record Account(long id, String username, Role role, OffsetDateTime createdAt) {
}
