package dev.sandlot.server.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ApiClient;
import dev.sandlot.server.H2Server;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 12, item 10: terminal slots. Accounts from one address cannot take every slot; a
 * terminal nobody is attached to ends soon; and a user under their own cap gets a
 * terminal on a full server by ending the longest-idle unattached one.
 */
@H2Server
@TestPropertySource(properties = { "sandlot.rate-limit.trust-forwarded-for=true", "sandlot.terminal.max-per-server=3",
        "sandlot.terminal.max-per-address=2", "sandlot.terminal.detached-idle-timeout=4s",
        "sandlot.engine.warm-pool.python=0" })
class TerminalCapsTest extends ApiClient {

    private int running(User user) {
        return as(user, "GET", "/api/v1/terminals", null).json().size();
    }

    @Test
    void slotsAreSharedAndUnattachedTerminalsGiveWay() throws Exception {
        // Many accounts from one address: the address's cap, not just each account's.
        User a1 = newUser();
        User a2 = newUser();
        User a3 = newUser();
        TerminalClient t1 = TerminalClient.connect(terminalUri(pythonProject(a1)), a1.authorization(), "10.5.5.5");
        t1.await("$ ");
        TerminalClient t2 = TerminalClient.connect(terminalUri(pythonProject(a2)), a2.authorization(), "10.5.5.5");
        t2.await("$ ");
        assertThat(TerminalClient.refusal(terminalUri(pythonProject(a3)), a3.authorization(), "10.5.5.5"))
            .isEqualTo(429);

        // Another address takes the last slot and goes away without closing it.
        User b = newUser();
        long bProject = pythonProject(b);
        TerminalClient tb = TerminalClient.connect(terminalUri(bProject), b.authorization(), "10.6.6.6");
        tb.await("$ ");
        tb.type("echo kept > kept.txt\r");
        tb.await("$ ");
        tb.socket.abort();

        // The server is full; a user under their own cap still gets one: b's unattached
        // terminal gives way.
        User c = newUser();
        long started = System.nanoTime();
        TerminalClient tc = TerminalClient.connect(terminalUri(pythonProject(c)), c.authorization(), "10.7.7.7");
        tc.await("$ ");
        System.out.printf("terminals: a full server made room for a new user in %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
        assertThat(running(b)).isZero();
        assertThat(as(b, "GET", "/api/v1/projects/" + bProject + "/files/kept.txt", null).json()
            .path("content")
            .asString()).isEqualTo("kept\n");
        // With every terminal attached, the next one is refused, with a problem.
        User d = newUser();
        assertThat(TerminalClient.refusal(terminalUri(pythonProject(d)), d.authorization(), "10.8.8.8")).isEqualTo(503);

        // Unattached and quiet, a terminal ends after seconds, not the 15-minute idle
        // time-out.
        tc.socket.abort();
        long detached = System.nanoTime();
        while (running(c) > 0 && System.nanoTime() - detached < TimeUnit.SECONDS.toNanos(15))
            Thread.sleep(200);
        long endedAfterMs = (System.nanoTime() - detached) / 1_000_000;
        System.out.printf("terminals: an unattached quiet terminal ended after %d ms (time-out 4 s)%n", endedAfterMs);
        assertThat(running(c)).isZero();
        assertThat(endedAfterMs).isBetween(3000L, 10_000L);
        // An attached one lives on.
        assertThat(running(a1)).isEqualTo(1);
        for (TerminalClient t : List.of(t1, t2))
            t.socket.abort();
    }

}
