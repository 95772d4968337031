package dev.sandlot.server.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ApiClient;
import dev.sandlot.server.H2Server;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** A server with a short idle time and one terminal per user, to see both enforced. */
@H2Server
@TestPropertySource(properties = { "sandlot.terminal.idle-timeout=3s", "sandlot.terminal.max-per-user=1" })
class TerminalLimitsTest extends ApiClient {

    private long project(User user) {
        return as(user, "POST", "/api/v1/projects", Map.of("name", "p", "language", "python", "files",
                List.of(Map.of("path", "main.py", "content", "print(1)\n"))))
            .json()
            .path("id")
            .asLong();
    }

    private URI terminal(long project) {
        return URI.create("ws://localhost:" + port + "/api/v1/projects/" + project + "/terminal");
    }

    @Test
    void anIdleTerminalEndsAndSaysWhyAfterSavingItsFiles() throws Exception {
        User user = newUser();
        long project = project(user);
        TerminalClient t = TerminalClient.connect(terminal(project), user.authorization());
        t.await("$ ");
        t.type("echo idle > idle.txt\r");
        JsonNode exit = t.awaitMessage("exit");
        assertThat(exit.path("reason").asString()).isEqualTo("idle");
        assertThat(exit.path("message").asString()).contains("without input").contains("saved");
        assertThat(t.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(as(user, "GET", "/api/v1/projects/" + project + "/files/idle.txt", null).json()
            .path("content")
            .asString()).isEqualTo("idle\n");
    }

    @Test
    void aSecondProjectsTerminalIsRefusedOverTheCapButReattachingIsNot() throws Exception {
        User user = newUser();
        long first = project(user);
        long second = project(user);
        TerminalClient t = TerminalClient.connect(terminal(first), user.authorization());
        t.await("$ ");
        assertThat(TerminalClient.refusal(terminal(second), user.authorization())).isEqualTo(429);
        TerminalClient again = TerminalClient.connect(terminal(first), user.authorization());
        assertThat(again.awaitMessage("session").path("reattached").asBoolean()).isTrue();
        // Another user is not limited by this one's terminal.
        User other = newUser();
        TerminalClient theirs = TerminalClient.connect(terminal(project(other)), other.authorization());
        theirs.await("$ ");
        for (TerminalClient c : List.of(t, again, theirs))
            c.socket.abort();
    }

    @Autowired
    TerminalSessions sessions;

    @Test
    void stoppedAndStartedAgainTheTerminalsStillSaveTheirFiles() throws Exception {
        // Spring's test support pauses (stops) a cached context between test classes and
        // starts it again.
        sessions.stop();
        sessions.start();
        User user = newUser();
        long project = project(user);
        TerminalClient t = TerminalClient.connect(terminal(project), user.authorization());
        t.await("$ ");
        t.type("echo again > again.txt\r");
        assertThat(t.awaitMessage("files-changed").path("paths").toString()).contains("again.txt");
        t.socket.abort();
    }

}
