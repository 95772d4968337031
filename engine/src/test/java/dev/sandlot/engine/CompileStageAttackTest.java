package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the compile stage: file names that a compiler would read as options, and
 * code that runs while compiling (here the "buildscript" test language, a compiler that
 * runs the user's script) writing without limit, nesting paths past PATH_MAX, or leaving
 * setuid files for the cache.
 */
@Tag("sandbox")
class CompileStageAttackTest {

    @Test
    void fileNamesThatCompilersWouldReadAsOptionsAreRefusedNamingTheFile() {
        Engine engine = TestEngine.get();
        List<List<String>> attacks = List.of(List.of("c", "main.c", "-zzanon.c"),
                List.of("c", "main.c", "-specs=/workspace/x.c"), List.of("cpp", "main.cpp", "-fplugin=x.cpp"),
                List.of("go", "main.go", "-toolexec=/bin/sh /workspace/x.sh #.go"),
                List.of("java", "Main.java", "@args.java"), List.of("rust", "main.rs", "@opts.rs"),
                List.of("python", "main.py", "-c"));
        for (List<String> attack : attacks) {
            RunRequest request = RunRequest.builder(attack.get(0))
                .file(attack.get(1), "x")
                .file(attack.get(2), "-o /tmp/x")
                .build();
            assertThatThrownBy(() -> engine.run(request)).as(attack.toString())
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("files[1].name");
                    assertThat(e.getMessage()).contains("'-' or '@'");
                });
        }
    }

    @Test
    void aFileInAFolderMayStillHaveADashInItsName() {
        RunResult r = TestEngine.get()
            .run(RunRequest.builder("c")
                .file("main.c",
                        "#include \"lib/-util.h\"\n#include <stdio.h>\nint main(void) { printf(\"%d\\n\", util()); }")
                .file("lib/-util.h", "int util(void);")
                .file("lib/-util.c", "int util(void) { return 42; }")
                .build());

        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.run().stdoutText()).isEqualTo("42\n");
    }

    @Test
    void whatTheCompilerWritesIsCappedWhileItRunsAndNeverReachesTheHostDisk() throws Exception {
        Engine engine = TestEngine.isolated();
        Path cache = engine.config().buildCacheDir();
        long largestOnHost = 0;
        RunHandle run = engine.start(RunRequest.builder("buildscript").file("build.sh", """
                for i in $(seq 1 400); do
                  head -c 1048576 /dev/zero > /build/f$i || { echo "stopped at $i MiB" >&2; sleep 0.3; exit 1; }
                done
                """).build(), OutputListener.NONE);
        while (!run.result().isDone()) {
            largestOnHost = Math.max(largestOnHost, sizeOf(cache) + sizeOf(engine.config().runtimeDir()));
            Thread.sleep(20);
        }
        RunResult r = run.await();

        assertThat(r.status()).isEqualTo(Status.COMPILE_ERROR);
        assertThat(r.compile().stderrText()).contains("No space left on device").contains("stopped at");
        assertThat(largestOnHost).isLessThan(4L << 20);
        assertThat(engine.awaitQuiescence(Duration.ofSeconds(5))).isTrue();
        assertThat(listing(cache.resolve("tmp"))).isEmpty();
    }

    @Test
    void aBuildOutputNestedPastPathMaxOrTooDeepIsRefusedAndNothingOfItStays() throws Exception {
        Engine engine = TestEngine.isolated();
        // 30 folders of 200 bytes make a path past PATH_MAX (4096); 40 folders of one
        // byte are too deep.
        for (String shape : List.of("200 30 longer than 1024 bytes", "1 40 nested more than 16 folders")) {
            String[] s = shape.split(" ", 3);
            RunResult r = engine.run(RunRequest.builder("buildscript").file("build.sh", """
                    cd /build
                    name=$(printf 'd%%.0s' $(seq 1 %s))
                    for i in $(seq 1 %s); do mkdir "$name" && cd "$name" || exit 3; done
                    echo deep > file
                    echo ok > /build/out.txt
                    """.formatted(s[0], s[1])).build());

            assertThat(r.status()).isEqualTo(Status.COMPILE_ERROR);
            assertThat(r.compile().message()).contains("could not be kept").contains(s[2]);
        }
        assertThat(engine.awaitQuiescence(Duration.ofSeconds(5))).isTrue();
        assertThat(listing(engine.config().buildCacheDir().resolve("tmp"))).isEmpty();
        assertThat(listing(engine.config().runtimeDir().resolve("status"))).isEmpty();
    }

    @Test
    void theCacheKeepsNoSetuidSetgidStickyOrWorldWritableEntryAndNoLinks() throws Exception {
        Engine engine = TestEngine.isolated();
        RunResult r = engine.run(RunRequest.builder("buildscript").file("build.sh", """
                echo built > /build/out.txt
                cp /bin/cat /build/suid && chmod 6755 /build/suid
                mkdir /build/open && chmod 1777 /build/open
                echo x > /build/open/file && chmod 666 /build/open/file
                ln -s /etc/passwd /build/link
                mkfifo /build/fifo
                """).build());

        assertThat(r.status()).as(r.compile().stderrText()).isEqualTo(Status.OK);
        assertThat(r.run().stdoutText()).startsWith("built\n")
            .contains("755 /build/suid")
            .contains("755 /build/open")
            .contains("read-only")
            .doesNotContain("/build/link")
            .doesNotContain("/build/fifo");
        assertThat(cacheProblems(engine.config().buildCacheDir())).isEmpty();
    }

    /**
     * Anything in the cache a host user could misuse: a root others may enter, setuid,
     * setgid, sticky or o+w, links.
     */
    static List<String> cacheProblems(Path cache) throws IOException {
        List<String> problems = new ArrayList<>();
        if (mode(cache) != 0700)
            problems.add(Integer.toOctalString(mode(cache)) + " " + cache);
        try (Stream<Path> all = Files.walk(cache)) {
            for (Path p : all.toList()) {
                PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!a.isRegularFile() && !a.isDirectory())
                    problems.add("not a file or folder: " + p);
                if ((mode(p) & 07002) != 0)
                    problems.add(Integer.toOctalString(mode(p)) + " " + p);
                if (!a.owner().getName().equals("root"))
                    problems.add("owned by " + a.owner() + ": " + p);
            }
        }
        return problems;
    }

    static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                .mapToLong(p -> p.toFile().length())
                .sum();
        }
        catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

}
