package dev.sandlot.engine.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package proxy lets through exactly the configured index hosts, refuses anything
 * else with a reason, caches only what matches its index hash, and keeps to its caps.
 */
class PackageProxyTest {

    private static final long MIB = 1 << 20;

    private static TestIndex index;

    private static String wheel;

    @TempDir
    static Path dir;

    private static PackageProxy proxy;

    @BeforeAll
    static void start() {
        index = TestIndex.start();
        wheel = index.addWheel("proxy-demo", "1.0", Map.of("proxy_demo.py", "X = 1\n"), List.of());
        proxy = new PackageProxy(new IndexConfig(List.of(URI.create(index.simpleUrl())), List.of(), null, List.of()),
                dir.resolve("cache"), dir.resolve("sockets"));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        index.close();
    }

    @Test
    void anAllowedHostPassesAndItsPageListsTheFile() throws IOException {
        try (ProxySession session = proxy.open("allowed", 16 * MIB, Duration.ofMinutes(1))) {
            ProxyClient.Response page = ProxyClient.get(session.socket(), index.simpleUrl() + "proxy-demo/");

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).contains(index.url() + wheel + "#sha256=");
            assertThat(session.refusals()).isEmpty();
            assertThat(session.bytes()).isGreaterThan(page.body().length);
        }
    }

    @Test
    void hostsNotOnTheListAreRefusedWithTheirReason() throws IOException {
        int otherPort;
        try (ServerSocket other = new ServerSocket(0)) {
            otherPort = other.getLocalPort();
        }
        try (ProxySession session = proxy.open("refusals", 16 * MIB, Duration.ofMinutes(1))) {
            Path socket = session.socket();
            int before = index.requests("/simple/");

            assertThat(ProxyClient.get(socket, "http://unlisted.invalid/simple/")).satisfies(r -> {
                assertThat(r.status()).isEqualTo(403);
                assertThat(r.text()).contains("not an allowed host");
            });
            assertThat(ProxyClient.get(socket, "http://127.0.0.1:" + index.port() + "/simple/").text())
                .contains("raw IP address");
            assertThat(ProxyClient.get(socket, "http://[::1]:" + index.port() + "/simple/").text())
                .contains("raw IP address");
            assertThat(ProxyClient.get(socket, "http://localhost:" + otherPort + "/simple/").text())
                .contains("port " + otherPort + " is not allowed for localhost");
            assertThat(ProxyClient.send(socket, "CONNECT localhost:" + index.port() + " HTTP/1.1\r\n\r\n").text())
                .contains("tunnels are not allowed");
            assertThat(ProxyClient.send(socket, "POST " + index.simpleUrl() + " HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
                .status()).isEqualTo(403);

            assertThat(session.refusals()).hasSize(6)
                .anyMatch(r -> r.equals("refused unlisted.invalid:80: not an allowed host"))
                .anyMatch(r -> r.startsWith("refused CONNECT"))
                .anyMatch(r -> r.startsWith("refused POST"));
            assertThat(index.requests("/simple/")).isEqualTo(before);
        }
    }

    @Test
    void aRedirectIsPassedOnAndItsTargetCheckedAgain() throws IOException {
        index.redirect("/away", "http://elsewhere.invalid/simple/");
        try (ProxySession session = proxy.open("redirect", 16 * MIB, Duration.ofMinutes(1))) {
            ProxyClient.Response redirect = ProxyClient.get(session.socket(), index.url() + "/away");

            assertThat(redirect.status()).isEqualTo(302);
            assertThat(redirect.headers()).containsEntry("location", "http://elsewhere.invalid/simple/");
            assertThat(ProxyClient.get(session.socket(), redirect.headers().get("location")).status()).isEqualTo(403);
            assertThat(session.refusals()).containsExactly("refused elsewhere.invalid:80: not an allowed host");
        }
    }

    @Test
    void aSecondSessionGetsTheFileFromTheCache() throws IOException {
        String fileUrl = index.url()
                + index.addWheel("cached-demo", "1.0", Map.of("cached_demo.py", "Y = 2\n"), List.of());
        String path = URI.create(fileUrl).getPath();
        byte[] first = download("first", "cached-demo", fileUrl);
        byte[] second = download("second", "cached-demo", fileUrl);

        assertThat(second).isEqualTo(first);
        assertThat(index.requests(path)).isEqualTo(1);
        assertThat(cached()).contains(TestIndex.sha256(first));
    }

    @Test
    void aFileWhoseHashDoesNotMatchIsCutOffAndNotCached() throws IOException {
        String path = index.addWheel("tampered-demo", "1.0", Map.of("tampered_demo.py", "Z = 3\n"), List.of());
        index.tamper(path);
        try (ProxySession session = proxy.open("tampered", 16 * MIB, Duration.ofMinutes(1))) {
            ProxyClient.get(session.socket(), index.simpleUrl() + "tampered-demo/");
            ProxyClient.Response file = ProxyClient.get(session.socket(), index.url() + path);

            assertThat(file.complete()).isFalse();
            assertThat(session.refusals()).singleElement()
                .asString()
                .contains(path)
                .contains("does not match the sha256 its index promised");
        }
        try (ProxySession again = proxy.open("tampered again", 16 * MIB, Duration.ofMinutes(1))) {
            ProxyClient.get(again.socket(), index.simpleUrl() + "tampered-demo/");
            ProxyClient.get(again.socket(), index.url() + path);
        }
        assertThat(index.requests(path)).isEqualTo(2);
    }

    @Test
    void theByteCapClosesTheConnection() throws IOException {
        byte[] big = new byte[(int) (4 * MIB)];
        Arrays.fill(big, (byte) 'x');
        index.serve("/files/big.bin", "application/octet-stream", big);
        try (ProxySession session = proxy.open("capped", MIB, Duration.ofMinutes(1))) {
            ProxyClient.Response r = ProxyClient.get(session.socket(), index.url() + "/files/big.bin");

            assertThat(r.complete()).isFalse();
            assertThat(r.body().length).isLessThanOrEqualTo((int) MIB);
            assertThat(session.refusals()).containsExactly("byte cap reached (1048576 bytes)");
            assertThatThrownBy(() -> ProxyClient.get(session.socket(), index.simpleUrl()))
                .isInstanceOf(IOException.class);
        }
    }

    @Test
    void theTimeCapClosesTheSession() throws Exception {
        try (ProxySession session = proxy.open("slow", 16 * MIB, Duration.ofMillis(50))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (session.refusals().isEmpty() && System.nanoTime() < deadline)
                Thread.onSpinWait();

            assertThat(session.refusals()).singleElement().asString().startsWith("time cap reached");
            assertThatThrownBy(() -> ProxyClient.get(session.socket(), index.simpleUrl()))
                .isInstanceOf(IOException.class);
        }
    }

    @Test
    void theSocketIsReachableBySandboxUidsAndRemovedOnClose() throws IOException {
        ProxySession session = proxy.open("socket", MIB, Duration.ofMinutes(1));
        Path socket = session.socket();

        assertThat(Files.getPosixFilePermissions(socket)).hasSize(6);
        assertThat(socket.getFileName().toString()).matches("[0-9a-f]{32}\\.sock");
        session.close();
        assertThat(socket).doesNotExist();
    }

    private static byte[] download(String label, String project, String fileUrl) throws IOException {
        try (ProxySession session = proxy.open(label, 16 * MIB, Duration.ofMinutes(1))) {
            assertThat(ProxyClient.get(session.socket(), index.simpleUrl() + project + "/").status()).isEqualTo(200);
            ProxyClient.Response file = ProxyClient.get(session.socket(), fileUrl);
            assertThat(file.status()).isEqualTo(200);
            assertThat(file.complete()).isTrue();
            return file.body();
        }
    }

    private static List<String> cached() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("cache/sha256"))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

}
