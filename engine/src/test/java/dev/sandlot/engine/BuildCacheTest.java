package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's own rules, on a directory of its own (no sandbox needed). */
class BuildCacheTest {

    @TempDir
    Path temp;

    @Test
    void startingRemovesLeftoversNestedPastPathMaxAndEntriesOfTheOldLayout() throws Exception {
        Path root = temp.resolve("build");
        Path leftover = Files.createDirectories(root.resolve("tmp/build-123"));
        FileTreesTest.makeDeepTree(leftover, 60, 200);
        Path old = Files.createDirectories(root.resolve("c-0123/out"));
        Path setuid = Files.writeString(old.resolve("main"), "#!/bin/sh\n");
        Files.setAttribute(setuid, "unix:mode", 04755);

        new BuildCache(root, 1 << 20);

        assertThat(CompileStageAttackTest.mode(root)).isEqualTo(0700);
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("tmp", "layout");
        }
        try (Stream<Path> left = Files.list(root.resolve("tmp"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void manyEmptyFilesCostTheCacheSpaceSoTheyAreEvictedLikeAnyOtherBuild() throws Exception {
        Path root = temp.resolve("build");
        BuildCache cache = new BuildCache(root, 1 << 20);
        StageResult compiled =
                new StageResult(Status.OK, 0, null, new byte[0], new byte[0], false, false, 1, 1, 1, null, false);
        for (int build = 0; build < 4; build++) {
            Path archive = temp.resolve("archive-" + build);
            try (var out = new java.io.DataOutputStream(Files.newOutputStream(archive))) {
                out.writeBytes("SLA1");
                for (int i = 0; i < 100; i++) {
                    byte[] name = ("f" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.write('f');
                    out.writeInt(Integer.reverseBytes(8 + name.length));
                    out.writeInt(Integer.reverseBytes(0644));
                    out.writeInt(Integer.reverseBytes(name.length));
                    out.write(name);
                }
                out.write('Z');
                out.writeInt(0);
            }
            cache.store("c-" + build, archive, compiled, 1 << 30).close();
        }

        // 100 empty files are charged 400 KiB each time: a 1 MiB cache keeps two such builds, not four.
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("c-")))
                    .hasSize(2);
        }
    }

    @Test
    void aStartOnTheCurrentLayoutKeepsItsEntries() throws Exception {
        Path root = temp.resolve("build");
        new BuildCache(root, 1 << 20);
        Path entry = Files.createDirectories(root.resolve("c-abc/out"));

        new BuildCache(root, 1 << 20);

        assertThat(entry).isDirectory();
    }
}
