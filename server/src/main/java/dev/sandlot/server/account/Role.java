package dev.sandlot.server.account;

/**
 * What an account may do: learners write and run code, reviewers judge it, admins manage
 * everything.
 */
public enum Role {

    LEARNER, REVIEWER, ADMIN;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Role parse(String value) {
        for (Role r : values()) {
            if (r.wireName().equalsIgnoreCase(value))
                return r;
        }
        throw new IllegalArgumentException(value);
    }

}
