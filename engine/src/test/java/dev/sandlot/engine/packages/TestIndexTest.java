package dev.sandlot.engine.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture index serves what the real pip and tar accept. */
class TestIndexTest {

    @Test
    void pipInstallsAWheelAndItsDependencyFromTheIndex(@TempDir Path target) throws Exception {
        try (TestIndex index = TestIndex.start()) {
            index.addWheel("fixture-base", "1.0", Map.of("fixture_base.py", "VALUE = 41\n"), List.of());
            index.addWheel("fixture-top", "2.0",
                    Map.of("fixture_top.py", "import fixture_base\nVALUE = fixture_base.VALUE + 1\n"),
                    List.of("fixture-base>=1.0"));

            String out = run(target, "/usr/bin/python3", "-m", "pip", "install", "--no-cache-dir", "--isolated",
                    "--target", target.toString(), "--index-url", index.simpleUrl(), "fixture-top");

            assertThat(out).contains("Successfully installed fixture-base-1.0 fixture-top-2.0");
            assertThat(run(target, "/usr/bin/python3", "-c",
                    "import sys; sys.path.insert(0, '" + target + "'); import fixture_top; print(fixture_top.VALUE)"))
                .isEqualTo("42\n");
            assertThat(index.requests("/files/fixture_top-2.0-py3-none-any.whl")).isEqualTo(1);
        }
    }

    @Test
    void npmTarballsAreRealArchives(@TempDir Path dir) throws Exception {
        try (TestIndex index = TestIndex.start()) {
            String path = index.addNpm("fixture-pad", "1.2.3", Map.of("index.js", "module.exports = 7;\n"), Map.of());
            Path tgz = dir.resolve("p.tgz");
            try (var in = java.net.URI.create(index.url() + path).toURL().openStream()) {
                Files.write(tgz, in.readAllBytes());
            }

            assertThat(run(dir, "tar", "tzf", tgz.toString())).isEqualTo("package/package.json\npackage/index.js\n");
        }
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

}
