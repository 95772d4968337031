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

    @Test
    void anIdleTerminalEndsAndSaysWhyAfterSavingItsFiles() throws Exception {
        User user = newUser();
        long project = pythonProject(user);
        TerminalClient t = TerminalClient.connect(terminalUri(project), user.authorization());
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
        long first = pythonProject(user);
        long second = pythonProject(user);
        TerminalClient t = TerminalClient.connect(terminalUri(first), user.authorization());
        t.await("$ ");
        assertThat(TerminalClient.refusal(terminalUri(second), user.authorization())).isEqualTo(429);
        TerminalClient again = TerminalClient.connect(terminalUri(first), user.authorization());
        assertThat(again.awaitMessage("session").path("reattached").asBoolean()).isTrue();
        // Another user is not limited by this one's terminal.
        User other = newUser();
        TerminalClient theirs = TerminalClient.connect(terminalUri(pythonProject(other)), other.authorization());
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
        long project = pythonProject(user);
        TerminalClient t = TerminalClient.connect(terminalUri(project), user.authorization());
        t.await("$ ");
        t.type("echo again > again.txt\r");
        assertThat(t.awaitMessage("files-changed").path("paths").toString()).contains("again.txt");
        t.socket.abort();
    }

}
