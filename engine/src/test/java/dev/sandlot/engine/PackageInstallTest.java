package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.engine.packages.Ecosystem;
import dev.sandlot.engine.packages.IndexConfig;
import dev.sandlot.engine.packages.InstallRequest;
import dev.sandlot.engine.packages.InstallResult;
import dev.sandlot.engine.packages.PackageInstaller;
import dev.sandlot.engine.packages.PackageProxy;
import dev.sandlot.engine.packages.TestIndex;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The install step with the real pip and npm, through the real proxy, from a loopback
 * index; then runs that mount the result at /packages.d. Hostile packages' build steps
 * are contained like any run.
 */
@Tag("sandbox")
class PackageInstallTest {

    private static TestIndex index;

    private static PackageProxy proxy;

    private static PackageInstaller installer;

    private static Path dir;

    private static String wheel;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("sandlot-install",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
        index = TestIndex.start();
        index.addWheel("sl-base", "2.0", Map.of("sl_base.py", "BASE = 41\n"), List.of());
        wheel = index.addWheel("sl-plot", "1.0",
                Map.of("sl_plot/__init__.py", "from sl_base import BASE\nVALUE = BASE + 1\n"), List.of("sl-base>=2"));
        index.addNpm("sl-left", "1.0.0", Map.of("index.js", "module.exports = () => 'left ' + require('sl-pad');\n"),
                Map.of("sl-pad", "^0.1.0"));
        index.addNpm("sl-pad", "0.1.0", Map.of("index.js", "module.exports = 'padded';\n"), Map.of());
        Path links = Files.createDirectory(dir.resolve("links"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        sdist(links, "sl-hostile", HOSTILE.replace("INDEX_PORT", Integer.toString(index.port())));
        sdist(links, "sl-slow", "import time\ntime.sleep(600)\n");
        proxy = new PackageProxy(new IndexConfig(List.of(URI.create(index.simpleUrl())), List.of(links),
                URI.create(index.npmUrl()), List.of()), dir.resolve("cache"), dir.resolve("sockets"));
        installer = new PackageInstaller(TestEngine.get(), proxy);
    }

    @AfterAll
    static void stop() {
        if (proxy != null)
            proxy.close();
        if (index != null)
            index.close();
        FileTrees.delete(dir);
    }

    /** What a setup.py that attacks its host does, reporting each attempt. */
    private static final String HOSTILE = """
            import os, socket, sys, time
            try:
                open('/etc/shadow').read()
                print('HOSTILE shadow read', flush=True)
            except Exception as e:
                print('HOSTILE shadow', type(e).__name__, flush=True)
            try:
                socket.create_connection(('127.0.0.1', INDEX_PORT), timeout=2)
                print('HOSTILE socket connected', flush=True)
            except Exception as e:
                print('HOSTILE socket', type(e).__name__, flush=True)
            n = 0
            try:
                while n < 100000:
                    if os.fork() == 0:
                        time.sleep(1)
                        os._exit(0)
                    n += 1
            except OSError as e:
                print('HOSTILE fork stopped', type(e).__name__, flush=True)
            sys.exit(3)
            """;

    @Test
    void pipInstallsAWheelAndItsDependencyAndARunImportsThem() throws IOException {
        Path project = generations("p1");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        InstallResult result = installer.install(python("sl-plot==1.0\n", project.resolve("1")), log::add);

        assertThat(result.status()).as(result.message() + "\n" + String.join("\n", log))
            .isEqualTo(InstallResult.INSTALLED);
        assertThat(project.resolve("1/python/site/sl_plot/__init__.py")).isRegularFile();
        assertThat(project.resolve("1/python/site/sl_base.py")).isRegularFile();
        assertThat(String.join("\n", log)).contains("Successfully installed");

        Engine engine = TestEngine.get();
        long cold = engine.stats().coldStarts();
        RunResult run = engine.run(RunRequest.builder("python")
            .file("main.py", "import sl_plot, sys\nprint(sl_plot.VALUE, sl_plot.__file__)\n")
            .packages(project)
            .build());
        assertThat(run.stdoutText()).isEqualTo("42 /packages.d/1/python/site/sl_plot/__init__.py\n");
        assertThat(engine.stats().coldStarts()).as("a run with packages starts cold").isEqualTo(cold + 1);

        // A second project installing the same is served from the proxy's cache.
        int downloads = index.requests(wheel);
        Path other = generations("p2");
        InstallResult again = installer.install(python("sl-plot\n", other.resolve("1")), line -> {
        });
        assertThat(again.status()).isEqualTo(InstallResult.INSTALLED);
        assertThat(index.requests(wheel)).isEqualTo(downloads);
    }

    @Test
    void npmInstallsAPackageAndItsDependencyAndARunRequiresThem() throws IOException {
        Path project = generations("n1");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        byte[] manifest = "{\"name\":\"p\",\"version\":\"0.0.0\",\"dependencies\":{\"sl-left\":\"1.0.0\"}}"
            .getBytes(StandardCharsets.UTF_8);
        InstallResult result = installer
            .install(InstallRequest.of("npm test", Ecosystem.NODE, manifest, project.resolve("1")), log::add);

        assertThat(result.status()).as(result.message() + "\n" + String.join("\n", log))
            .isEqualTo(InstallResult.INSTALLED);
        assertThat(project.resolve("1/node/node_modules/sl-left/package.json")).isRegularFile();
        RunResult run = TestEngine.get()
            .run(RunRequest.builder("javascript")
                .file("main.js", "console.log(require('sl-left')())\n")
                .packages(project)
                .build());
        assertThat(run.stdoutText()).isEqualTo("left padded\n");
    }

    @Test
    void anUnknownPackageFailsWithPipsOwnMessageAndLeavesNothing() throws IOException {
        Path out = generations("u1").resolve("staging");
        Files.createDirectory(out);
        InstallResult result = installer.install(python("sl-nonexistent\n", out), line -> {
        });

        assertThat(result.status()).isEqualTo(InstallResult.FAILED);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.message()).contains("No matching distribution found for sl-nonexistent");
        try (var entries = Files.list(out)) {
            assertThat(entries.toList()).isEmpty();
        }
    }

    @Test
    void aHostileBuildStepIsContainedAndTheInstallEndsWithAStatus() throws IOException {
        Path out = Files.createDirectories(generations("h1").resolve("1"));
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        InstallResult result = installer.install(python("sl-hostile\n", out).withTimeout(Duration.ofSeconds(60)),
                log::add);

        String text = String.join("\n", log);
        assertThat(result.status()).as(text).isEqualTo(InstallResult.FAILED);
        assertThat(text).containsPattern("HOSTILE shadow (PermissionError|FileNotFoundError)")
            .contains("HOSTILE socket ConnectionRefusedError")
            .contains("HOSTILE fork stopped BlockingIOError")
            .doesNotContain("HOSTILE shadow read")
            .doesNotContain("HOSTILE socket connected");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(60);
    }

    @Test
    void anInstallPastItsTimeCapEndsAsTimeout() throws IOException {
        Path out = Files.createDirectories(generations("t1").resolve("1"));
        long started = System.nanoTime();
        InstallResult result = installer.install(python("sl-slow\n", out).withTimeout(Duration.ofSeconds(5)), line -> {
        });

        assertThat(result.status()).isEqualTo(InstallResult.TIMEOUT);
        assertThat(result.exitCode()).isNull();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(20);
    }

    private static InstallRequest python(String requirements, Path output) throws IOException {
        Files.createDirectories(output);
        return InstallRequest.of("pip test", Ecosystem.PYTHON, requirements.getBytes(StandardCharsets.UTF_8), output);
    }

    /**
     * A project's generations directory, as the server keeps it (readable by sandboxes).
     */
    private static Path generations(String name) throws IOException {
        return Files.createDirectory(dir.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    /** A source distribution whose setup.py is {@code setup}, in a find-links folder. */
    private static void sdist(Path links, String name, String setup) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(dir, "sdist");
        Path top = Files.createDirectory(work.resolve(name + "-1.0"));
        Files.writeString(top.resolve("setup.py"), setup);
        Files.writeString(top.resolve("PKG-INFO"), "Metadata-Version: 2.1\nName: " + name + "\nVersion: 1.0\n");
        Path archive = links.resolve(name + "-1.0.tar.gz");
        Process tar = new ProcessBuilder("tar", "czf", archive.toString(), "-C", work.toString(), name + "-1.0")
            .inheritIO()
            .start();
        assertThat(tar.waitFor()).isZero();
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-r--r--"));
    }

}
