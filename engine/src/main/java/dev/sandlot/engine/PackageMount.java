package dev.sandlot.engine;

import dev.sandlot.engine.packages.PackageGenerations;
import dev.sandlot.engine.sandbox.Bind;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A project's package generations as one run sees them: the directory mounted read-only
 * at /packages.d, and the generation current when the run started (Node's module path and
 * the build cache key name it; Python's hook picks the newest itself).
 *
 * @param root the host directory of the generations
 * @param generation the current generation, or 0 when none exists yet
 */
record PackageMount(Path root, int generation) {

    /** The mount of {@code root}, or null when there is none (no directory yet). */
    static PackageMount of(Path root) {
        if (root == null || !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS))
            return null;
        Path dir = root.toAbsolutePath().normalize();
        return new PackageMount(dir, PackageGenerations.newest(dir).orElse(0));
    }

    Bind bind() {
        return Bind.readOnly(root, PackageGenerations.MOUNT);
    }

    /** What the sandbox's environment gains. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(PackageGenerations.ENV, PackageGenerations.MOUNT);
        if (generation > 0)
            env.put("NODE_PATH", PackageGenerations.MOUNT + "/" + generation + "/node/node_modules");
        return env;
    }

    /**
     * The words a build cache key gains: another project or generation is another build.
     */
    String cacheKeyPart() {
        return "packages=" + root + "#" + generation;
    }

}
