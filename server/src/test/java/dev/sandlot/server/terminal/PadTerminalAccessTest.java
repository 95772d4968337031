package dev.sandlot.server.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ServerTest;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.account.Role;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A pad's terminal through {@link TerminalAccess}: its candidate types, its interviewers
 * watch unless the pad lets them type, and after the end everyone only watches; people
 * outside the pad are refused as before.
 */
class PadTerminalAccessTest extends ServerTest {

    @Autowired
    AccountService accounts;

    @Autowired
    TerminalSessions sessions;

    private record Pad(long id, long project, User owner, User co, User candidate) {
    }

    private Pad pad() {
        User owner = newUser();
        accounts.setRole(owner.id(), Role.REVIEWER);
        JsonNode pad = as(owner, "POST", "/api/v1/pads", Map.of("title", "Shell", "language", "bash")).json();
        User co = newUser();
        User candidate = newUser();
        as(co, "POST", "/api/v1/pad-links/" + pad.path("links").path("interviewer").path("token").asString() + "/join",
                null);
        as(candidate, "POST",
                "/api/v1/pad-links/" + pad.path("links").path("candidate").path("token").asString() + "/join", null);
        return new Pad(pad.path("id").asLong(), pad.path("projectId").asLong(), owner, co, candidate);
    }

    private static Caller caller(User u) {
        return new Caller(u.id(), u.username(), Role.LEARNER, "127.0.0.1");
    }

    @Test
    void theCandidateControlsInterviewersWatchUnlessAllowedAndAfterTheEndEveryoneWatches() {
        Pad p = pad();
        User stranger = newUser();
        assertThat(sessions.access(caller(p.candidate()), p.project())).contains(true);
        assertThat(sessions.access(caller(p.co()), p.project())).contains(false);
        assertThat(sessions.access(caller(p.owner()), p.project())).as("the owner is an interviewer here")
            .contains(false);
        assertThat(sessions.access(caller(stranger), p.project())).isEqualTo(Optional.empty());
        assertThat(sessions.access(Caller.anonymous("127.0.0.1"), p.project())).isEqualTo(Optional.empty());
        assertThat(sessions.access(caller(p.candidate()), pythonProject(p.candidate())))
            .as("no opinion on a project of no pad")
            .isEqualTo(Optional.empty());

        as(p.owner(), "PATCH", "/api/v1/pads/" + p.id(), Map.of("interviewerMayType", true));
        assertThat(sessions.access(caller(p.co()), p.project())).contains(true);
        assertThat(sessions.access(caller(p.owner()), p.project())).contains(true);

        assertThat(as(p.owner(), "POST", "/api/v1/pads/" + p.id() + "/end", null).status()).isEqualTo(200);
        for (User u : new User[] { p.candidate(), p.co(), p.owner() })
            assertThat(sessions.access(caller(u), p.project())).as(u.username()).contains(false);
    }

    @Test
    void theCandidateTypesAndTheInterviewerWatchesTheSameTerminal() throws Exception {
        Pad p = pad();
        URI control = terminalUri(p.project());
        URI view = URI.create(control + "?mode=view");
        TerminalClient typing = TerminalClient.connect(control, p.candidate().authorization());
        typing.await("$ ");
        try {
            assertThat(TerminalClient.refusal(control, p.co().authorization())).isEqualTo(403);
            assertThat(TerminalClient.refusal(view, newUser().authorization())).isEqualTo(404);
            TerminalClient watching = TerminalClient.connect(view, p.co().authorization());
            assertThat(watching.awaitMessage("session").path("mode").asString()).isEqualTo("view");
            typing.type("echo pa''ired\r");
            watching.await("paired\r\n");
            watching.socket.abort();
        }
        finally {
            typing.socket.abort();
        }
    }

}
