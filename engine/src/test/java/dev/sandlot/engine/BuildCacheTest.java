package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's own rules, on a directory of its own (no sandbox needed). */
class BuildCacheTest {

    /** One build: a single file of this size, charged 4 KiB more for its entry. */
    private static final int BUILD_BYTES = 100_000;

    /** Room for two such builds, not three. */
    private static final long BUDGET = 250_000;

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
        StageResult compiled = new StageResult(Status.OK, 0, null, new byte[0], new byte[0], false, false, 1, 1, 1,
                null, false);
        for (int build = 0; build < 4; build++) {
            Path archive = temp.resolve("archive-" + build);
            try (var out = new DataOutputStream(Files.newOutputStream(archive))) {
                out.writeBytes("SLA1");
                for (int i = 0; i < 100; i++) {
                    byte[] name = ("f" + i).getBytes(StandardCharsets.UTF_8);
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

        // 100 empty files are charged 400 KiB each time: a 1 MiB cache keeps two such
        // builds, not four.
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("c-"))).hasSize(2);
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

    @Test
    void passingTheBudgetEvictsTheOldestBuild() throws Exception {
        BuildCache cache = new BuildCache(temp.resolve("build"), BUDGET);

        store(cache, "c-a").close();
        store(cache, "c-b").close();
        assertThat(entries()).containsExactlyInAnyOrder("c-a", "c-b");

        store(cache, "c-c").close();

        assertThat(entries()).containsExactlyInAnyOrder("c-b", "c-c");
        assertThat(cache.acquire("c-a")).isNull();
    }

    @Test
    void aBuildReusedLatelyOutlivesOneStoredAfterIt() throws Exception {
        BuildCache cache = new BuildCache(temp.resolve("build"), BUDGET);
        store(cache, "c-a").close();
        store(cache, "c-b").close();

        cache.acquire("c-a").close();
        store(cache, "c-c").close();

        assertThat(entries()).containsExactlyInAnyOrder("c-a", "c-c");
    }

    @Test
    void aBuildInUseIsNotEvictedUntilItIsReleased() throws Exception {
        BuildCache cache = new BuildCache(temp.resolve("build"), BUDGET);
        BuildCache.Entry stored = store(cache, "c-a");

        store(cache, "c-b").close();
        store(cache, "c-c").close();
        store(cache, "c-d").close();

        // Over budget three times, and each time the oldest build was the one in use.
        assertThat(entries()).containsExactlyInAnyOrder("c-a", "c-d");
        assertThat(stored.artifacts.resolve("main")).hasBinaryContent(content("c-a"));

        stored.close();
        store(cache, "c-e").close();

        assertThat(entries()).containsExactlyInAnyOrder("c-d", "c-e");
    }

    @Test
    void aBuildAcquiredTwiceStaysPinnedUntilBothAreReleased() throws Exception {
        BuildCache cache = new BuildCache(temp.resolve("build"), BUDGET);
        store(cache, "c-a").close();
        BuildCache.Entry first = cache.acquire("c-a");
        BuildCache.Entry second = cache.acquire("c-a");
        first.close();

        store(cache, "c-b").close();
        store(cache, "c-c").close();

        assertThat(entries()).containsExactlyInAnyOrder("c-a", "c-c");
        assertThat(second.artifacts.resolve("main")).hasBinaryContent(content("c-a"));

        second.close();
        store(cache, "c-d").close();

        assertThat(entries()).containsExactlyInAnyOrder("c-c", "c-d");
    }

    @Test
    void aCacheOpenedAgainOnTheSameRootFindsTheEarlierBuilds() throws Exception {
        Path root = temp.resolve("build");
        store(new BuildCache(root, BUDGET), "c-a").close();

        BuildCache reopened = new BuildCache(root, BUDGET);

        try (BuildCache.Entry entry = reopened.acquire("c-a")) {
            assertThat(entry).isNotNull();
            assertThat(entry.artifacts.resolve("main")).hasBinaryContent(content("c-a"));
            assertThat(entry.compile.status()).isEqualTo(Status.OK);
            assertThat(entry.compile.stdoutText()).isEqualTo("compiled c-a\n");
            assertThat(entry.compile.stderrText()).isEqualTo("warning: c-a\n");
            assertThat(entry.compile.cached()).isTrue();
        }
        assertThat(reopened.acquire("c-never-stored")).isNull();
    }

    @Test
    void aCacheOpenedAgainCountsTheEarlierBuildsAndEvictsTheLeastRecentlyUsed() throws Exception {
        Path root = temp.resolve("build");
        BuildCache first = new BuildCache(root, BUDGET);
        store(first, "c-a").close();
        store(first, "c-b").close();
        // c-a was stored first but used last.
        Files.setLastModifiedTime(root.resolve("c-b"), FileTime.fromMillis(1_000_000_000_000L));
        Files.setLastModifiedTime(root.resolve("c-a"), FileTime.fromMillis(1_000_000_060_000L));

        BuildCache reopened = new BuildCache(root, BUDGET);
        store(reopened, "c-c").close();

        assertThat(entries()).containsExactlyInAnyOrder("c-a", "c-c");
    }

    @Test
    void pathsInTheBuildOutputThatLeaveItAreRefusedAndNothingIsWritten() throws Exception {
        Path root = temp.resolve("build");
        BuildCache cache = new BuildCache(root, BUDGET);
        String outside = temp.resolve("escaped").toString();
        List<Archive> hostile = List.of(new Archive().file("../escaped", "x"), new Archive().file("../../escaped", "x"),
                new Archive().file("lib/../../../escaped", "x"), new Archive().file(outside, "x"),
                new Archive().dir("../escaped"), new Archive().dir(outside),
                new Archive().file("ok", "fine").file("nul\0name", "x"));

        for (int i = 0; i < hostile.size(); i++) {
            Path archive = hostile.get(i).writeTo(temp.resolve("hostile-" + i));
            assertThatThrownBy(() -> cache.store("c-x", archive, compiled("c-x"), 1 << 30)).as("archive %d", i)
                .isInstanceOf(BuildArchive.UnusableOutputException.class);
        }

        assertThat(temp.resolve("escaped")).doesNotExist();
        assertThat(root.getParent().resolve("escaped")).doesNotExist();
        assertThat(entries()).isEmpty();
        assertThat(cache.acquire("c-x")).isNull();
        try (Stream<Path> staging = Files.list(root.resolve("tmp"))) {
            assertThat(staging).isEmpty();
        }
    }

    @Test
    void keysThatAreNotOnePlainNameInTheRootAreRefused() throws Exception {
        Path root = Files.createDirectories(temp.resolve("deep/build"));
        BuildCache cache = new BuildCache(root, BUDGET);
        Path archive = build(temp.resolve("archive"), "x");
        List<String> hostile = List.of("../outside", "..", ".", "", "a/b", temp.resolve("absolute").toString(), "tmp",
                "layout");

        for (String key : hostile) {
            assertThatThrownBy(() -> cache.store(key, archive, compiled(key), 1 << 30)).as("key '%s'", key)
                .isInstanceOf(IOException.class);
            assertThat(cache.acquire(key)).as("key '%s'", key).isNull();
        }

        assertThat(temp.resolve("deep/outside")).doesNotExist();
        assertThat(temp.resolve("absolute")).doesNotExist();
        assertThat(root.resolve("a")).doesNotExist();
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("tmp", "layout");
        }
        try (Stream<Path> staging = Files.list(root.resolve("tmp"))) {
            assertThat(staging).isEmpty();
        }
        assertThat(root.resolve("layout")).hasContent("2");
    }

    /** Stores a build of {@code key}: one file "main" whose bytes name the key. */
    private BuildCache.Entry store(BuildCache cache, String key) throws IOException {
        Path archive = build(temp.resolve("archive-" + key), key);
        BuildCache.Entry entry = cache.store(key, archive, compiled(key), 1 << 30);
        assertThat(entry.artifacts.resolve("main")).hasBinaryContent(content(key));
        return entry;
    }

    private static Path build(Path archive, String key) throws IOException {
        return new Archive().file("main", content(key)).writeTo(archive);
    }

    private static byte[] content(String key) {
        byte[] bytes = new byte[BUILD_BYTES];
        Arrays.fill(bytes, (byte) 'x');
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, bytes, 0, Math.min(name.length, bytes.length));
        return bytes;
    }

    private static StageResult compiled(String key) {
        return new StageResult(Status.OK, 0, null, ("compiled " + key + "\n").getBytes(StandardCharsets.UTF_8),
                ("warning: " + key + "\n").getBytes(StandardCharsets.UTF_8), false, false, 12, 10, 1 << 20, null,
                false);
    }

    /** The builds the cache holds on disk now. */
    private List<String> entries() throws IOException {
        try (Stream<Path> left = Files.list(temp.resolve("build"))) {
            return left.map(p -> p.getFileName().toString())
                .filter(name -> !name.equals("tmp") && !name.equals("layout"))
                .toList();
        }
    }

    /** A build output packed as the sandbox init packs /build. */
    private static final class Archive {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        private final DataOutputStream out = new DataOutputStream(bytes);

        Archive() {
            bytes.writeBytes("SLA1".getBytes(StandardCharsets.US_ASCII));
        }

        Archive dir(String name) throws IOException {
            byte[] path = name.getBytes(StandardCharsets.UTF_8);
            out.write('d');
            out.writeInt(Integer.reverseBytes(path.length));
            out.write(path);
            return this;
        }

        Archive file(String name, String content) throws IOException {
            return file(name, content.getBytes(StandardCharsets.UTF_8));
        }

        Archive file(String name, byte[] content) throws IOException {
            byte[] path = name.getBytes(StandardCharsets.UTF_8);
            out.write('f');
            out.writeInt(Integer.reverseBytes(8 + path.length + content.length));
            out.writeInt(Integer.reverseBytes(0755));
            out.writeInt(Integer.reverseBytes(path.length));
            out.write(path);
            out.write(content);
            return this;
        }

        Path writeTo(Path file) throws IOException {
            out.write('Z');
            out.writeInt(0);
            out.flush();
            return Files.write(file, bytes.toByteArray());
        }

    }

}
