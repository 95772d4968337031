package dev.sandlot.server.interview;

/**
 * Someone in a pad: an account (a guest is an account too, made when they joined by
 * name), with the name and colour everyone sees for them.
 */
public record Participant(long id, long padId, long userId, String name, PadRole role, String colour) {
}
