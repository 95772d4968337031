package dev.sandlot.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ApiClient;
import dev.sandlot.server.H2Server;
import dev.sandlot.server.RawWebSocket;
import dev.sandlot.server.web.WebSocketGuard;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 12, item 1: thousands of idle WebSockets that send nothing, as an attacker opens
 * them. Each costs the server a few KB, not a buffer of the largest message; the caps per
 * address, per account and per server refuse the rest with problem details and
 * Retry-After; the first-message deadline closes them all; health answers in under a
 * second throughout.
 */
@H2Server
@TestPropertySource(
        properties = { "sandlot.rate-limit.trust-forwarded-for=true", "sandlot.websocket.max-connections=2000",
                "sandlot.websocket.max-per-address=20", "sandlot.websocket.max-per-account=3",
                "sandlot.websocket.first-message-timeout=15s", "sandlot.engine.warm-pool.python=0" })
class IdleWebSocketFloodTest extends ApiClient {

    private static final String STREAM = "/api/v1/execute/stream";

    private static final int ADDRESSES = 100;

    private static final int PER_ADDRESS = 20;

    @Autowired
    WebSocketGuard guard;

    private RawWebSocket open(String forwardedFor, String authorization) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Forwarded-For", forwardedFor);
        if (authorization != null)
            headers.put("Authorization", authorization);
        return RawWebSocket.open(null, port, STREAM, headers);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private long timedHealthMillis() {
        long start = System.nanoTime();
        Response health = get("/api/v1/health");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(health.status()).isEqualTo(200);
        return ms;
    }

    @Test
    void thousandsOfIdleSocketsCostLittleAreCappedAndClosed() throws Exception {
        // The caps per address and per account refuse the handshake itself, with a
        // problem and Retry-After.
        List<RawWebSocket> few = new ArrayList<>();
        for (int i = 0; i < PER_ADDRESS; i++)
            few.add(open("10.9.9.9", null));
        assertThat(few).allSatisfy(s -> assertThat(s.status).isEqualTo(101));
        RawWebSocket overAddress = open("10.9.9.9", null);
        assertThat(overAddress.status).isEqualTo(429);
        assertThat(overAddress.headers.get("content-type")).startsWith("application/problem+json");
        assertThat(overAddress.headers).containsKey("retry-after");
        assertThat(JSON.readTree(overAddress.body).path("type").asString())
            .isEqualTo("urn:sandlot:problem:too-many-connections");
        User user = newUser();
        for (int i = 0; i < 3; i++)
            few.add(open("10.8.8." + i, user.authorization()));
        RawWebSocket overAccount = open("10.8.8.200", user.authorization());
        assertThat(overAccount.status).isEqualTo(429);
        assertThat(overAccount.body).contains("This account");
        for (RawWebSocket s : few)
            s.close();
        awaitOpen(0, 10);

        // The flood: 2,000 sockets from 100 addresses, each sending nothing.
        timedHealthMillis();
        long before = usedHeapAfterGc();
        long opening = System.nanoTime();
        List<RawWebSocket> idle = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            List<Future<?>> done = new ArrayList<>();
            for (int a = 0; a < ADDRESSES; a++) {
                String address = "10.0." + (a / 250) + "." + (a % 250 + 1);
                done.add(clients.submit(() -> {
                    for (int i = 0; i < PER_ADDRESS; i++)
                        idle.add(open(address, null));
                    return null;
                }));
            }
            for (Future<?> f : done)
                f.get();
        }
        long openedMs = (System.nanoTime() - opening) / 1_000_000;
        try {
            assertThat(idle).hasSize(ADDRESSES * PER_ADDRESS).allSatisfy(s -> assertThat(s.status).isEqualTo(101));
            assertThat(guard.open()).isEqualTo(2000);
            long perSocket = (usedHeapAfterGc() - before) / idle.size();
            long healthMs = timedHealthMillis();
            System.out.printf("idle WebSockets: %d opened in %d ms, %d bytes of heap each, health in %d ms%n",
                    idle.size(), openedMs, perSocket, healthMs);
            assertThat(perSocket).as("heap per idle WebSocket").isLessThan(40 * 1024);
            assertThat(healthMs).isLessThan(1000);

            // The server is full: a new address is refused with 503 and Retry-After.
            RawWebSocket full = open("10.7.7.7", null);
            assertThat(full.status).isEqualTo(503);
            assertThat(full.headers).containsKey("retry-after");
            assertThat(JSON.readTree(full.body).path("type").asString())
                .isEqualTo("urn:sandlot:problem:connections-full");

            // Nobody sent a message: the deadline closes every socket (1008), and the
            // server counts them all gone.
            int policy = 0;
            for (RawWebSocket s : idle)
                if (s.awaitClose(20_000) == 1008)
                    policy++;
            assertThat(policy).isEqualTo(idle.size());
            awaitOpen(0, 10);
            assertThat(timedHealthMillis()).isLessThan(1000);
        }
        finally {
            for (RawWebSocket s : idle)
                s.close();
        }
    }

    @Test
    void aSocketThatSpeaksIsKeptAndALongMessageStillArrivesInParts() throws Exception {
        try (RawWebSocket s = open("10.6.6.6", null)) {
            assertThat(s.status).isEqualTo(101);
            // Far longer than the container's buffer of a few KB, within the per-message
            // cap.
            String code = "print(len('" + "x".repeat(200_000) + "'))";
            s.sendText(JSON.writeValueAsString(Map.of("type", "ping", "pad", code)));
            assertThat(readText(s)).contains("pong");
        }
    }

    private static String readText(RawWebSocket s) throws Exception {
        var in = s.socket.getInputStream();
        s.socket.setSoTimeout(10_000);
        int first = in.read();
        int len = in.read() & 0x7f;
        if (len == 126)
            len = (in.read() << 8) | in.read();
        assertThat(first & 0x0f).isEqualTo(1);
        return new String(in.readNBytes(len), StandardCharsets.UTF_8);
    }

    private void awaitOpen(int expected, int seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (guard.open() != expected && System.nanoTime() < until)
            Thread.sleep(50);
        assertThat(guard.open()).isEqualTo(expected);
    }

}
