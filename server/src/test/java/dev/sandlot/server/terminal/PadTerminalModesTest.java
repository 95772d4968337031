package dev.sandlot.server.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ServerTest;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Connections already open to a pad's terminal follow the pad's rules as they change: an
 * interviewer typing stops when the pad stops letting them, everyone stops when it ends
 * (every socket, not just the first), and a watcher cannot resize or signal the shell.
 * One account cannot take every connection of the shared terminal.
 */
class PadTerminalModesTest extends ServerTest {

    @Autowired
    AccountService accounts;

    private record Pad(long id, long project, User owner, User co, User candidate) {
    }

    private Pad pad(boolean interviewerMayType) {
        User owner = newUser();
        accounts.setRole(owner.id(), Role.REVIEWER);
        JsonNode pad = as(owner, "POST", "/api/v1/pads",
                Map.of("title", "Shell", "language", "bash", "interviewerMayType", interviewerMayType))
            .json();
        User co = newUser();
        User candidate = newUser();
        as(co, "POST", "/api/v1/pad-links/" + pad.path("links").path("interviewer").path("token").asString() + "/join",
                null);
        as(candidate, "POST",
                "/api/v1/pad-links/" + pad.path("links").path("candidate").path("token").asString() + "/join", null);
        return new Pad(pad.path("id").asLong(), pad.path("projectId").asLong(), owner, co, candidate);
    }

    private static void assertRefused(TerminalClient client, String problem) throws InterruptedException {
        JsonNode error = client.awaitMessage("error");
        assertThat(error.path("status").asInt()).as(error.toString()).isEqualTo(403);
        assertThat(error.path("problem").asString()).isEqualTo("urn:sandlot:problem:" + problem);
    }

    @Test
    void anInterviewerTypingOnlyWatchesOnceThePadStopsLettingThemAndMayReconnectWhenItLetsThemAgain() throws Exception {
        Pad p = pad(true);
        URI control = terminalUri(p.project());
        URI view = URI.create(control + "?mode=view");
        TerminalClient candidate = TerminalClient.connect(control, p.candidate().authorization());
        candidate.await("$ ");
        TerminalClient co = TerminalClient.connect(control, p.co().authorization());
        TerminalClient owner = TerminalClient.connect(view, p.owner().authorization());
        List<TerminalClient> open = new ArrayList<>(List.of(candidate, co, owner));
        try {
            assertThat(co.awaitMessage("session").path("mode").asString()).isEqualTo("control");
            assertThat(owner.awaitMessage("session").path("mode").asString()).isEqualTo("view");
            co.type("echo b''efore\r");
            owner.await("before\r\n");

            assertThat(as(p.owner(), "PATCH", "/api/v1/pads/" + p.id(), Map.of("interviewerMayType", false)).status())
                .isEqualTo(200);
            // Typed right after the change answered, without waiting to be told: refused.
            co.type("echo le''aked\r");
            JsonNode mode = co.awaitMessage("mode");
            assertThat(mode.path("mode").asString()).isEqualTo("view");
            assertThat(mode.path("reason").asString()).isEqualTo("pad-settings");
            assertThat(mode.path("mayControl").asBoolean()).isFalse();
            assertRefused(co, "read-only");
            candidate.type("echo st''ill\r");
            assertThat(owner.await("still\r\n")).as("the candidate still types; the interviewer's keys never arrived")
                .doesNotContain("leaked");
            assertThat(candidate.messages.stream().map(m -> m.path("type").asString())).doesNotContain("mode");

            // Let them type again: the watchers are told once, and reconnect to type.
            as(p.owner(), "PATCH", "/api/v1/pads/" + p.id(), Map.of("interviewerMayType", true));
            for (TerminalClient watcher : List.of(co, owner)) {
                JsonNode may = watcher.awaitMessage("mode");
                assertThat(may.path("mode").asString()).isEqualTo("view");
                assertThat(may.path("mayControl").asBoolean()).isTrue();
            }
            owner.type("echo x\r");
            assertRefused(owner, "read-only");
            TerminalClient again = TerminalClient.connect(control, p.co().authorization());
            open.add(again);
            assertThat(again.awaitMessage("session").path("mode").asString()).isEqualTo("control");
            again.type("echo ag''ain\r");
            owner.await("again\r\n");
        }
        finally {
            open.forEach(c -> c.socket.abort());
        }
    }

    @Test
    void whenThePadEndsEverySocketOfTheCandidateAndInterviewersOnlyWatches() throws Exception {
        Pad p = pad(true);
        URI control = terminalUri(p.project());
        TerminalClient first = TerminalClient.connect(control, p.candidate().authorization());
        first.await("$ ");
        // A second socket, opened before the end, as an attacker would keep in reserve.
        TerminalClient second = TerminalClient.connect(control, p.candidate().authorization());
        TerminalClient co = TerminalClient.connect(control, p.co().authorization());
        TerminalClient watcher = TerminalClient.connect(URI.create(control + "?mode=view"), p.owner().authorization());
        List<TerminalClient> all = List.of(first, second, co, watcher);
        try {
            for (TerminalClient c : all)
                c.awaitMessage("session");
            assertThat(as(p.owner(), "POST", "/api/v1/pads/" + p.id() + "/end", null).status()).isEqualTo(200);
            for (TerminalClient c : List.of(first, second, co)) {
                c.type("echo af''ter-end > late.txt\r");
                c.send(Map.of("type", "resize", "cols", 20, "rows", 5));
                c.send(Map.of("type", "signal", "name", "KILL"));
                JsonNode mode = c.awaitMessage("mode");
                assertThat(mode.path("mode").asString()).isEqualTo("view");
                assertThat(mode.path("reason").asString()).isEqualTo("pad-ended");
                for (int refused = 0; refused < 3; refused++)
                    assertRefused(c, "read-only");
            }
            assertThat(TerminalClient.refusal(control, p.candidate().authorization())).isEqualTo(403);
            TimeUnit.MILLISECONDS.sleep(500);
            assertThat(watcher.screen()).doesNotContain("after-end");
            assertThat(first.closed).as("the shell lives on for watching").isNotDone();
        }
        finally {
            all.forEach(c -> c.socket.abort());
        }
    }

    @Test
    void aWatcherCannotResizeOrSignalTheShell() throws Exception {
        Pad p = pad(false);
        URI control = terminalUri(p.project());
        TerminalClient candidate = TerminalClient.connect(control, p.candidate().authorization());
        candidate.await("$ ");
        TerminalClient watcher = TerminalClient.connect(URI.create(control + "?mode=view"), p.co().authorization());
        try {
            watcher.awaitMessage("session");
            candidate.type("sleep 1; echo sl''ept\r");
            watcher.send(Map.of("type", "resize", "cols", 11, "rows", 3));
            assertRefused(watcher, "read-only");
            watcher.send(Map.of("type", "signal", "name", "INT"));
            assertRefused(watcher, "read-only");
            watcher.send(Map.of("type", "input", "bytes", "Aw=="));
            assertRefused(watcher, "read-only");
            candidate.await("slept\r\n");
            candidate.type("stty size; echo si''zed\r");
            assertThat(candidate.await("sized\r\n")).as("the watcher's resize never reached the shell")
                .contains("24 80");
        }
        finally {
            watcher.socket.abort();
            candidate.socket.abort();
        }
    }

    @Test
    void oneAccountTakesAtMostHalfTheConnectionsOfASharedTerminal() throws Exception {
        Pad p = pad(false);
        URI control = terminalUri(p.project());
        List<TerminalClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < TerminalSession.MAX_CLIENTS_PER_USER_SHARED; i++) {
                TerminalClient c = TerminalClient.connect(control, p.candidate().authorization());
                open.add(c);
                assertThat(c.awaitMessage("session").path("mode").asString()).isEqualTo("control");
            }
            TerminalClient extra = TerminalClient.connect(control, p.candidate().authorization());
            open.add(extra);
            JsonNode error = extra.awaitMessage("error");
            assertThat(error.path("status").asInt()).isEqualTo(429);
            assertThat(error.path("problem").asString()).isEqualTo("urn:sandlot:problem:too-many-clients");
            assertThat(extra.closed.get(20, TimeUnit.SECONDS)).isEqualTo(1000);
            TerminalClient interviewer = TerminalClient.connect(URI.create(control + "?mode=view"),
                    p.owner().authorization());
            open.add(interviewer);
            assertThat(interviewer.awaitMessage("session").path("mode").asString()).isEqualTo("view");
        }
        finally {
            open.forEach(c -> c.socket.abort());
        }
    }

}
