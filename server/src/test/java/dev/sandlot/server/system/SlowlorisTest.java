package dev.sandlot.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.H2Server;
import dev.sandlot.server.web.GuardedNioEndpoint;
import dev.sandlot.server.web.GuardedNioProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 12, item 11: slowloris. A server scaled down to 400 connections is attacked from
 * 127.0.0.2 with 600 half-open requests, each trickling a header line every second
 * (Tomcat's read timeout restarts on each). The per-address cap turns most away at
 * accept, the header deadline closes the rest, and a client on 127.0.0.1 still gets every
 * answer in under a second.
 */
@H2Server
@TestPropertySource(properties = { "server.tomcat.max-connections=400", "sandlot.connections.max-per-address=100",
        "sandlot.connections.header-timeout=3s", "sandlot.engine.warm-pool.python=0" })
class SlowlorisTest {

    private static final int ATTACKERS = 600;

    @LocalServerPort
    int port;

    @Autowired
    ServletWebServerApplicationContext context;

    private Socket connect(String from, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
            return s;
        }
        catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private GuardedNioEndpoint endpoint() {
        return ((GuardedNioProtocol) ((TomcatWebServer) context.getWebServer()).getTomcat()
            .getConnector()
            .getProtocolHandler()).guardedEndpoint();
    }

    /**
     * A request on a fresh connection from 127.0.0.1; its time in ms, or a huge value if
     * it failed.
     */
    private long timedRequest() {
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(5000);
            s.getOutputStream()
                .write("GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!response.startsWith("HTTP/1.1 200"))
                return 1_000_000;
        }
        catch (IOException e) {
            return 2_000_000;
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void halfOpenRequestsFromOneAddressDoNotBlockOthers() throws Exception {
        assertThat(timedRequest()).isLessThan(5000); // warm
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<List<Long>> victim = CompletableFuture.supplyAsync(() -> {
            List<Long> times = new ArrayList<>();
            while (!stop.get()) {
                times.add(timedRequest());
                try {
                    Thread.sleep(250);
                }
                catch (InterruptedException e) {
                    break;
                }
            }
            return times;
        }, Executors.newVirtualThreadPerTaskExecutor());

        List<Socket> attack = Collections.synchronizedList(new ArrayList<>());
        long refusedBefore = endpoint().refused();
        long timedOutBefore = endpoint().timedOut();
        int unconnected = 0;
        String lastAnswer = "";
        try {
            for (int i = 0; i < ATTACKERS; i++) {
                Socket s;
                try {
                    s = connect("127.0.0.2", 300);
                }
                catch (IOException full) {
                    unconnected++; // the server accepts no more connections: what the
                                   // attack is after
                    continue;
                }
                attack.add(s);
                try {
                    s.getOutputStream()
                        .write("GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                }
                catch (IOException closed) {
                    s.close();
                }
            }
            // One more that only listens hears why.
            try (Socket probe = connect("127.0.0.2", 1000)) {
                probe.setSoTimeout(1000);
                lastAnswer = new String(probe.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            // Trickle one header line a second on every connection still open, for ten
            // seconds.
            long until = System.nanoTime() + 10_000_000_000L;
            int round = 0;
            while (System.nanoTime() < until) {
                Thread.sleep(1000);
                for (Socket s : attack) {
                    if (s.isClosed())
                        continue;
                    try {
                        s.getOutputStream().write(("X-Slow-" + round + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    catch (IOException gone) {
                        s.close();
                    }
                }
                round++;
            }
        }
        finally {
            stop.set(true);
            for (Socket s : attack)
                s.close();
        }
        List<Long> times = victim.get();
        long worst = Collections.max(times);
        long refused = endpoint().refused() - refusedBefore;
        long timedOut = endpoint().timedOut() - timedOutBefore;
        System.out.printf(
                "slowloris: %d half-open connections from 127.0.0.2 (%d could not connect), %d refused with 429 "
                        + "at accept, %d closed at the header deadline; other client: %d requests, worst %d ms%n",
                ATTACKERS, unconnected, refused, timedOut, times.size(), worst);
        assertThat(times).hasSizeGreaterThan(10);
        assertThat(worst).as("slowest answer to the other client (ms)").isLessThan(1000);
        assertThat(unconnected).as("attack connections the server could not accept").isLessThan(30);
        assertThat(refused).isGreaterThanOrEqualTo(ATTACKERS - 100 - unconnected);
        assertThat(timedOut).isGreaterThanOrEqualTo(90);
        assertThat(lastAnswer).startsWith("HTTP/1.1 429")
            .contains("application/problem+json")
            .contains("Retry-After")
            .contains("urn:sandlot:problem:too-many-connections");
    }

    @Test
    void aRequestWhoseHeadersTrickleInIsClosedAtTheDeadline() throws Exception {
        try (Socket s = connect("127.0.0.3", 5000)) {
            s.getOutputStream()
                .write("GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            s.setSoTimeout(200);
            InputStream in = s.getInputStream();
            long closedAfterMs = -1;
            for (int i = 0; i < 60 && closedAfterMs < 0; i++) {
                try {
                    s.getOutputStream().write(("X-Slow-" + i + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                    if (in.read() == -1)
                        closedAfterMs = (System.nanoTime() - start) / 1_000_000;
                }
                catch (SocketTimeoutException stillOpen) {
                    // a line every 200 ms, far inside Tomcat's own read timeout
                }
                catch (IOException reset) {
                    closedAfterMs = (System.nanoTime() - start) / 1_000_000;
                }
            }
            System.out.printf("slowloris: a trickling request was closed after %d ms (deadline 3 s)%n", closedAfterMs);
            assertThat(closedAfterMs).isBetween(2500L, 6000L);
        }
        // A connection that sends nothing at all is closed at the deadline too.
        try (Socket s = connect("127.0.0.3", 5000)) {
            long start = System.nanoTime();
            s.setSoTimeout(10_000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(2500L, 6000L);
        }
    }

}
