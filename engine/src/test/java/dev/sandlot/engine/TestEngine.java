package dev.sandlot.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** One real engine shared by the tests of this JVM (starting one probes every language). */
final class TestEngine {

    private static Engine engine;

    private TestEngine() {
    }

    static synchronized Engine get() {
        if (engine == null) {
            try {
                Path data = reachableTempDirectory("sandlot-engine-test");
                engine = Engine.start(EngineConfig.defaults(data).withWarmPool(Map.of("python", 2)));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    engine.close();
                    BuildCache.deleteTree(data);
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return engine;
    }

    /** A temporary directory the sandbox uid can traverse, so the build cache can live in it. */
    static Path reachableTempDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(prefix, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x")));
    }

    static RunResult run(String language, String code) {
        Language l = get().language(language, null);
        return get().run(RunRequest.builder(language).file(l.fileNameFor(code), code).build());
    }

    static RunResult run(RunRequest request) {
        return get().run(request);
    }
}
