package dev.sandlot.engine.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.engine.sandbox.Bind;
import dev.sandlot.engine.sandbox.HelperRequest;
import dev.sandlot.engine.sandbox.Sandbox;
import dev.sandlot.engine.sandbox.SandboxProcess;
import dev.sandlot.engine.sandbox.SandboxSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The native helper's forward mode inside a real sandbox: the install sandbox's only way
 * out is 127.0.0.1:3128 → the proxy's Unix socket → an allowed host.
 */
@Tag("sandbox")
class ForwardTest {

    private static final long MIB = 1 << 20;

    /**
     * In the sandbox: start the forwarder, then GET through it, then try the host
     * directly.
     */
    private static final String PROBE = """
            import socket, subprocess, time, urllib.request, urllib.error, sys
            subprocess.Popen(['/.sandlot/init', 'forward', '3128', '/run/sandlot-proxy.sock'])
            for _ in range(200):
                try:
                    socket.create_connection(('127.0.0.1', 3128), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.01)
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({'http': 'http://127.0.0.1:3128'}))
            page = opener.open(sys.argv[1], timeout=10).read().decode()
            print('allowed', 'fwd_demo-1.0-py3-none-any.whl' in page)
            try:
                opener.open('http://unlisted.invalid/', timeout=10)
            except urllib.error.HTTPError as e:
                print('unlisted', e.code, e.read().decode().strip())
            try:
                socket.create_connection(('127.0.0.1', int(sys.argv[2])), timeout=2)
                print('direct connected')
            except OSError as e:
                print('direct', e.errno)
            """;

    private static TestIndex index;

    private static PackageProxy proxy;

    private static Sandbox sandbox;

    private static Path dir;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("sandlot-forward",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
        index = TestIndex.start();
        index.addWheel("fwd-demo", "1.0", Map.of("fwd_demo.py", "X = 1\n"), List.of());
        proxy = new PackageProxy(new IndexConfig(List.of(URI.create(index.simpleUrl())), List.of(), null, List.of()),
                dir.resolve("cache"), dir.resolve("sockets"));
        sandbox = Sandbox
            .open(new Sandbox.Config(null, Path.of("/run/sandlot", "forward-test-" + ProcessHandle.current().pid()),
                    61000, 61000, "sandlot-test-forward"));
        assertThat(sandbox.status().problems()).isEmpty();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null)
            sandbox.close();
        proxy.close();
        index.close();
    }

    @Test
    void aSandboxedClientReachesAnAllowedHostThroughTheForwarderAndNothingElse() throws Exception {
        try (ProxySession session = proxy.open("forward test", 16 * MIB, Duration.ofMinutes(1))) {
            String out = runProbe(spec(session).withLoopbackNetwork());

            assertThat(out).isEqualTo("""
                    allowed True
                    unlisted 403 refused unlisted.invalid:80: not an allowed host
                    direct 111
                    """);
            assertThat(session.refusals()).containsExactly("refused unlisted.invalid:80: not an allowed host");
            assertThat(index.requests("/simple/fwd-demo/")).isEqualTo(1);
        }
    }

    @Test
    void withoutLoopbackNetworkASandboxHasNoInetSocketsAtAll() throws Exception {
        try (ProxySession session = proxy.open("no inet", 16 * MIB, Duration.ofMinutes(1))) {
            String out = runProbe(spec(session));

            assertThat(out).doesNotContain("allowed");
            assertThat(out).contains("Address family not supported");
        }
    }

    private static SandboxSpec spec(ProxySession session) {
        return new SandboxSpec("forward test", Map.of("PATH", "/usr/bin:/bin"),
                List.of(Bind.socket(session.socket(), "/run/sandlot-proxy.sock")), 16 * MIB, 256 * MIB, 16, null);
    }

    private static String runProbe(SandboxSpec spec) throws IOException, InterruptedException {
        try (SandboxProcess process = sandbox.start(spec)) {
            HelperRequest request = HelperRequest.cold();
            for (String word : List.of("/usr/bin/python3", "-c", PROBE, index.simpleUrl() + "fwd-demo/",
                    Integer.toString(index.port())))
                request.word(word);
            process.send(request.go().bytes());
            process.closeStdin();
            assertThat(process.waitFor(TimeUnit.SECONDS.toMillis(30))).isTrue();
            return read(process.stdout()) + read(process.stderr());
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

}
