package dev.sandlot.engine.sandbox;

import java.nio.file.Path;

/** A host path made visible inside the sandbox, read-only unless {@code writable}. */
public record Bind(Path host, String target, boolean writable) {

    public static Bind readOnly(Path host, String target) {
        return new Bind(host, target, false);
    }

    public static Bind writable(Path host, String target) {
        return new Bind(host, target, true);
    }
}
