package dev.sandlot.engine.sandbox;

import java.nio.file.Path;

/**
 * A host path made visible inside the sandbox, read-only, through an overlay of the
 * sandbox's own (see {@link PrivateInodes}), except a socket ({@link #socket}). Nothing
 * of the host is ever writable from inside: a sandbox writes only to its own tmpfs
 * mounts.
 */
public record Bind(Path host, String target, boolean socket) {

    public Bind(Path host, String target) {
        this(host, target, false);
    }

    public static Bind readOnly(Path host, String target) {
        return new Bind(host, target);
    }

    /**
     * A Unix socket of the server bound as it is: a socket cannot be connected to through
     * an overlay (the overlay's inode is not the socket's), so it is the one bind without
     * private inodes; its directory must be traversable by the sandbox uids.
     */
    public static Bind socket(Path host, String target) {
        return new Bind(host, target, true);
    }
}
