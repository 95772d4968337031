package dev.sandlot.engine.sandbox;

import java.nio.file.Path;

/**
 * A host path made visible inside the sandbox, read-only, through an overlay of the
 * sandbox's own (see {@link PrivateInodes}). Nothing of the host is ever writable from
 * inside: a sandbox writes only to its own tmpfs mounts.
 *
 * @param host the host path
 * @param target where it appears in the sandbox
 * @param socket whether it is a Unix socket, bound without an overlay (see
 * {@link #socket(Path, String)})
 */
public record Bind(Path host, String target, boolean socket) {

    public Bind(Path host, String target) {
        this(host, target, false);
    }

    public static Bind readOnly(Path host, String target) {
        return new Bind(host, target);
    }

    /**
     * A Unix socket (e.g. a package proxy's), bound read-only as it is, without an
     * overlay: connect() finds a socket by its inode, which an overlay would hide. A
     * read-only mount still lets a client connect; it cannot be written to.
     */
    public static Bind socket(Path hostSocket, String target) {
        return new Bind(hostSocket, target, true);
    }
}
