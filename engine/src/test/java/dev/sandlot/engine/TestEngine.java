package dev.sandlot.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Real engines shared by the tests of this JVM (starting one probes every language in the
 * sandbox). {@link #get()} is the ordinary engine with a warm Python pool;
 * {@link #isolated()} runs programs as a uid and in a cgroup parent of its own, without a
 * pool, so a test can look for anything a run left behind without asking the engine.
 */
final class TestEngine {

    /**
     * Far from the default 61000, so the isolated engine's uid ranges never meet another
     * engine's.
     */
    static final int ISOLATED_UID = 161000;

    static final String ISOLATED_CGROUP_PARENT = "sandlot-test-isolated";

    private static Engine shared;

    private static Engine isolated;

    private TestEngine() {
    }

    static synchronized Engine get() {
        if (shared == null) {
            shared = startEngine("sandlot-engine-test", config -> config.withWarmPool(Map.of("python", 2)));
        }
        return shared;
    }

    static synchronized Engine isolated() {
        if (isolated == null) {
            isolated = startEngine("sandlot-engine-isolated", config -> isolatedSettings(config)
                .withRuntimeDir(Path.of("/run/sandlot", "isolated-" + ProcessHandle.current().pid())));
        }
        return isolated;
    }

    /**
     * Another engine set up as the isolated one (the same base uid and cgroup parent), as
     * a second server on the host would be. The caller closes it.
     */
    static Engine startIsolatedNeighbour() throws IOException {
        Path data = reachableTempDirectory("sandlot-engine-neighbour");
        return Engine.start(isolatedSettings(EngineConfig.defaults(data)));
    }

    private static EngineConfig isolatedSettings(EngineConfig config) {
        return config.withSandboxIds(ISOLATED_UID, ISOLATED_UID)
            .withCgroupParent(ISOLATED_CGROUP_PARENT)
            .withLanguageFiles(List.of(testLanguages()))
            .withWarmPool(Map.of());
    }

    private static Engine startEngine(String prefix, UnaryOperator<EngineConfig> adjust) {
        try {
            Path data = reachableTempDirectory(prefix);
            Engine engine = Engine.start(adjust.apply(EngineConfig.defaults(data)));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                engine.close();
                FileTrees.delete(data);
            }));
            return engine;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * "buildscript": a compiler that runs the user's script, standing for any way
     * attacker code gets to run while compiling (a plugin, a build tool).
     */
    private static Path testLanguages() {
        try {
            return Path.of(TestEngine.class.getResource("test-languages.json").toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A temporary directory the sandbox uid can traverse, so the build cache can live in
     * it.
     */
    static Path reachableTempDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
    }

    static RunResult run(String language, String code) {
        return run(get(), language, code, LimitRequest.DEFAULTS);
    }

    static RunResult run(String language, String code, LimitRequest limits) {
        return run(get(), language, code, limits);
    }

    static RunResult run(Engine engine, String language, String code, LimitRequest limits) {
        Language l = engine.language(language, null);
        return engine.run(RunRequest.builder(language).file(l.fileNameFor(code), code).limits(limits).build());
    }

}
