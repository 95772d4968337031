package dev.sandlot.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How an engine is set up. {@link #defaults(Path)} gives safe values for one host; every
 * field can be changed with its {@code with…} method.
 *
 * @param dataDir where the engine keeps state (the build cache, by default)
 * @param runtimeDir private scratch: helper binary, seccomp program, status files
 * @param buildCacheDir compiled artifacts, in a directory only the server may enter
 * @param buildCacheMaxBytes size cap of the build cache
 * @param sandboxUid first host uid programs run as, one per live sandbox (never 0)
 * @param sandboxGid first host gid, likewise (never 0)
 * @param bwrap the bubblewrap binary, or null to look on PATH
 * @param limits defaults and maximums
 * @param warmPool pre-started sandboxes per language id (e.g. python=2); 0 turns it off
 * @param languageFiles operator language files; entries replace built-in ones with the
 * same id
 * @param cgroupParent directory under the server's own cgroup that holds run cgroups
 * @param libraries the built-in libraries to look for, per language id, in place of the
 * language definition's list (an empty list: none); a language not named keeps its
 * definition's list
 */
public record EngineConfig(Path dataDir, Path runtimeDir, Path buildCacheDir, long buildCacheMaxBytes, int sandboxUid,
        int sandboxGid, Path bwrap, LimitPolicy limits, Map<String, Integer> warmPool, List<Path> languageFiles,
        String cgroupParent, Map<String, List<String>> libraries) {

    public static final int DEFAULT_SANDBOX_ID = 61000;

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    public EngineConfig {
        warmPool = Map.copyOf(warmPool);
        languageFiles = List.copyOf(languageFiles);
        libraries = Map.copyOf(libraries);
        if (sandboxUid == 0 || sandboxGid == 0)
            throw new IllegalArgumentException("the sandbox uid and gid must not be 0");
    }

    public static EngineConfig defaults(Path dataDir) {
        Path data = dataDir.toAbsolutePath().normalize();
        return new EngineConfig(data,
                Path.of("/run/sandlot", "engine-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet()),
                defaultBuildCache(data), 1024L * 1024 * 1024, DEFAULT_SANDBOX_ID, DEFAULT_SANDBOX_ID, null,
                LimitPolicy.standard(), Map.of("python", 2), List.of(), "sandlot", Map.of());
    }

    /**
     * Only the server enters the cache; sandboxes see an entry through an overlay mounted
     * for them.
     */
    static Path defaultBuildCache(Path dataDir) {
        return dataDir.resolve("cache/build");
    }

    public EngineConfig withRuntimeDir(Path value) {
        return new EngineConfig(dataDir, value, buildCacheDir, buildCacheMaxBytes, sandboxUid, sandboxGid, bwrap,
                limits, warmPool, languageFiles, cgroupParent, libraries);
    }

    public EngineConfig withBuildCache(Path dir, long maxBytes) {
        return new EngineConfig(dataDir, runtimeDir, dir, maxBytes, sandboxUid, sandboxGid, bwrap, limits, warmPool,
                languageFiles, cgroupParent, libraries);
    }

    public EngineConfig withSandboxIds(int uid, int gid) {
        return new EngineConfig(dataDir, runtimeDir, buildCacheDir, buildCacheMaxBytes, uid, gid, bwrap, limits,
                warmPool, languageFiles, cgroupParent, libraries);
    }

    public EngineConfig withBwrap(Path value) {
        return new EngineConfig(dataDir, runtimeDir, buildCacheDir, buildCacheMaxBytes, sandboxUid, sandboxGid, value,
                limits, warmPool, languageFiles, cgroupParent, libraries);
    }

    public EngineConfig withLimits(LimitPolicy value) {
        return new EngineConfig(dataDir, runtimeDir, buildCacheDir, buildCacheMaxBytes, sandboxUid, sandboxGid, bwrap,
                value, warmPool, languageFiles, cgroupParent, libraries);
    }

    public EngineConfig withWarmPool(Map<String, Integer> value) {
        return new EngineConfig(dataDir, runtimeDir, buildCacheDir, buildCacheMaxBytes, sandboxUid, sandboxGid, bwrap,
                limits, value, languageFiles, cgroupParent, libraries);
    }

    public EngineConfig withCgroupParent(String value) {
        return new EngineConfig(dataDir, runtimeDir, buildCacheDir, buildCacheMaxBytes, sandboxUid, sandboxGid, bwrap,
                limits, warmPool, languageFiles, value, libraries);
    }

    public EngineConfig withLanguageFiles(List<Path> value) {
        return new EngineConfig(dataDir, runtimeDir, buildCacheDir, buildCacheMaxBytes, sandboxUid, sandboxGid, bwrap,
                limits, warmPool, value, cgroupParent, libraries);
    }

    /**
     * Looks for these built-in libraries of one language instead of its definition's
     * list; an empty list looks for none.
     */
    public EngineConfig withLibraries(String languageId, List<String> names) {
        Map<String, List<String>> all = new LinkedHashMap<>(libraries);
        all.put(languageId, List.copyOf(names));
        return new EngineConfig(dataDir, runtimeDir, buildCacheDir, buildCacheMaxBytes, sandboxUid, sandboxGid, bwrap,
                limits, warmPool, languageFiles, cgroupParent, all);
    }
}
