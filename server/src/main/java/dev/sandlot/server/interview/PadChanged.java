package dev.sandlot.server.interview;

/**
 * Published after a pad's settings, participants, timer or state changed (committed), so
 * that open connections can be told.
 */
public record PadChanged(long padId) {
}
