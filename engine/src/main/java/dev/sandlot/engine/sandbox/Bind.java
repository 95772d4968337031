package dev.sandlot.engine.sandbox;

import java.nio.file.Path;

/**
 * A host path made visible inside the sandbox, read-only, through an overlay of the
 * sandbox's own (see {@link PrivateInodes}). Nothing of the host is ever writable from
 * inside: a sandbox writes only to its own tmpfs mounts.
 */
public record Bind(Path host, String target) {

    public static Bind readOnly(Path host, String target) {
        return new Bind(host, target);
    }
}
