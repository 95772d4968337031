package dev.sandlot.server.account;

import java.util.Locale;

/**
 * What an account may do: learners write and run code, reviewers judge it, admins manage
 * everything.
 */
public enum Role {

    LEARNER, REVIEWER, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String value) {
        for (Role r : values()) {
            if (r.wireName().equalsIgnoreCase(value))
                return r;
        }
        throw new IllegalArgumentException(value);
    }

}
