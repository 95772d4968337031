package dev.sandlot.engine.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real pip and npm, with {@link IndexConfig#pipOptions} and
 * {@link IndexConfig#npmOptions}, install through the forwarder and the proxy (here on
 * the host; {@link ForwardTest} shows the forwarder in a sandbox).
 */
class ClientsThroughProxyTest {

    private static final long MIB = 1 << 20;

    @TempDir
    static Path dir;

    private static TestIndex index;

    private static PackageProxy proxy;

    private static IndexConfig config;

    private static String wheel;

    @BeforeAll
    static void start() {
        index = TestIndex.start();
        index.addWheel("client-base", "1.0", Map.of("client_base.py", "VALUE = 41\n"), List.of());
        wheel = index.addWheel("client-top", "2.0",
                Map.of("client_top.py", "import client_base\nVALUE = client_base.VALUE + 1\n"),
                List.of("client-base>=1.0"));
        index.addNpm("client-pad", "1.0.0", Map.of("index.js", "module.exports = 42;\n"), Map.of());
        config = new IndexConfig(List.of(URI.create(index.simpleUrl())), List.of(), URI.create(index.npmUrl()),
                List.of());
        proxy = new PackageProxy(config, dir.resolve("cache"), dir.resolve("sockets"));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        index.close();
    }

    @Test
    void pipInstallsAPackageAndItsDependencyAndASecondInstallComesFromTheCache() throws Exception {
        for (String install : List.of("first", "second")) {
            Path target = dir.resolve("pip-" + install);
            try (ProxySession session = proxy.open("pip " + install, 64 * MIB, Duration.ofMinutes(1));
                    Forwarder forwarder = new Forwarder(session.socket())) {
                List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-m", "pip", "install",
                        "--no-cache-dir", "--target", target.toString()));
                command.addAll(config.pipOptions(forwarder.port));
                command.add("client-top");

                String out = run(dir, command);

                assertThat(out).contains("Successfully installed client-base-1.0 client-top-2.0");
                assertThat(session.refusals()).isEmpty();
            }
            assertThat(Files.readString(target.resolve("client_top.py"))).contains("client_base.VALUE + 1");
        }
        assertThat(index.requests(wheel)).isEqualTo(1);
    }

    @Test
    void npmInstallsAPackage() throws Exception {
        Path project = Files.createDirectories(dir.resolve("npm"));
        Files.writeString(project.resolve("package.json"), "{\"name\": \"p\", \"version\": \"1.0.0\"}");
        try (ProxySession session = proxy.open("npm", 64 * MIB, Duration.ofMinutes(1));
                Forwarder forwarder = new Forwarder(session.socket())) {
            List<String> command = new ArrayList<>(
                    List.of("npm", "install", "--cache", dir.resolve("npm-cache").toString()));
            command.addAll(config.npmOptions(forwarder.port));
            command.add("client-pad");

            String out = run(project, command);

            assertThat(project.resolve("node_modules/client-pad/index.js")).as(out).exists();
            assertThat(session.refusals()).isEmpty();
        }
        // The tarball was checked against the metadata's sha512 integrity and kept.
        assertThat(dir.resolve("cache/sha512")).isNotEmptyDirectory();
    }

    private static String run(Path workdir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workdir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", dir.toString());
        env.putAll(IndexConfig.pipEnvironment());
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /** The native helper's forward mode, run on the host on a free loopback port. */
    private static final class Forwarder implements AutoCloseable {

        final int port;

        private final Process process;

        Forwarder(Path socket) throws IOException, URISyntaxException, InterruptedException {
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Path helper = Path
                .of(ClientsThroughProxyTest.class.getResource("/dev/sandlot/engine/native/sandlot-helper").toURI());
            process = new ProcessBuilder(helper.toString(), "forward", Integer.toString(port), socket.toString())
                .redirectErrorStream(true)
                .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try {
                    new Socket(InetAddress.getLoopbackAddress(), port).close();
                    return;
                }
                catch (IOException e) {
                    if (System.nanoTime() > deadline || !process.isAlive())
                        throw new IOException("the forwarder did not start", e);
                    Thread.onSpinWait();
                }
            }
        }

        @Override
        public void close() {
            process.destroy();
        }

    }

}
