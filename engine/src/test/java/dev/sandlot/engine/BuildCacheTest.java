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
    void aStartOnTheCurrentLayoutKeepsItsEntries() throws Exception {
        Path root = temp.resolve("build");
        new BuildCache(root, 1 << 20);
        Path entry = Files.createDirectories(root.resolve("c-abc/out"));

        new BuildCache(root, 1 << 20);

        assertThat(entry).isDirectory();
    }
}
