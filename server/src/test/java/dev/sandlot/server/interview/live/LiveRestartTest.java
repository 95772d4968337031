package dev.sandlot.server.interview.live;

import static dev.sandlot.server.ContextCalls.base;
import static dev.sandlot.server.ContextCalls.send;
import static dev.sandlot.server.ContextCalls.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ContextCalls;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The shared text across unloading, compaction and a restart of the server on the same
 * database (H2 and PostgreSQL, whose bytea columns hold the updates).
 */
@Tag("sandbox")
class LiveRestartTest {

    @Test
    void theTextSurvivesCompactionUnloadAndRestartOnH2() throws Exception {
        scenario(ContextCalls.serverOnH2("sandlot-live-restart"));
    }

    @Test
    void theTextSurvivesCompactionUnloadAndRestartOnPostgres() throws Exception {
        scenario(ContextCalls.serverOnPostgres("sandlot-live-restart"));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private void scenario(Map<String, Object> properties) throws Exception {
        properties.put("sandlot.interview.live.snapshot-every", "5");
        properties.put("sandlot.interview.live.idle-unload", "1s");
        long padId;
        String expected = "";
        try (ConfigurableApplicationContext first = ContextCalls.start(properties)) {
            String base = base(first);
            long owner = send(base, "POST", "/api/v1/auth/signup", null,
                    Map.of("username", "padowner", "password", "survives restarts"))
                .path("id")
                .asLong();
            first.getBean(AccountService.class).setRole(owner, Role.REVIEWER);
            String token = token(base, "padowner", "survives restarts");
            JsonNode pad = send(base, "POST", "/api/v1/pads", token, Map.of("title", "Restart", "language", "python"));
            padId = pad.path("id").asLong();
            LiveClient c = LiveClient.connect(port(first), padId, "Bearer " + token);
            c.awaitSynced();
            for (int n = 0; n < 12; n++) {
                expected = expected + "line " + n + "\n";
                c.edit("main.py", expected);
            }
            LiveClient other = LiveClient.connect(port(first), padId, "Bearer " + token);
            other.awaitText("main.py", expected);
            other.close();
            c.close();
            // Idle for a second: unloaded (written, snapshotted), then loaded again from
            // the snapshot and the updates after it.
            PadRooms rooms = first.getBean(PadRooms.class);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (rooms.loaded(padId).isPresent() && System.nanoTime() < deadline)
                Thread.sleep(100);
            assertThat(rooms.loaded(padId)).as("unloaded when idle").isEmpty();
            LiveClient reloaded = LiveClient.connect(port(first), padId, "Bearer " + token);
            reloaded.awaitText("main.py", expected);
            expected = expected + "after reload\n";
            reloaded.edit("main.py", expected);
            Thread.sleep(200);
            reloaded.close();
        }
        try (ConfigurableApplicationContext second = ContextCalls.start(properties)) {
            String base = base(second);
            String token = token(base, "padowner", "survives restarts");
            LiveClient c = LiveClient.connect(port(second), padId, "Bearer " + token);
            c.awaitText("main.py", expected);
            JsonNode project = send(base, "GET", "/api/v1/pads/" + padId, token, null);
            JsonNode file = send(base, "GET",
                    "/api/v1/projects/" + project.path("projectId").asLong() + "/files/main.py", token, null);
            assertThat(file.path("content").asString()).as("the project equals the shared text").isEqualTo(expected);
            c.close();
        }
    }

}
