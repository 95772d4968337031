package dev.sandlot.server.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ApiClient;
import dev.sandlot.server.H2Server;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The per-account terminal cap (1 here) and a pad's shared terminal: a participant at
 * their cap still starts or joins it, and it does not count against whoever started it.
 */
@H2Server
@TestPropertySource(properties = { "sandlot.terminal.max-per-user=1", "sandlot.terminal.max-per-address=8" })
class PadTerminalCapTest extends ApiClient {

    @Autowired
    AccountService accounts;

    /** A bash pad of a new reviewer's that {@code candidate} joined; its project. */
    private long padProject(User owner, User candidate) {
        accounts.setRole(owner.id(), Role.REVIEWER);
        JsonNode pad = as(owner, "POST", "/api/v1/pads", Map.of("title", "Shell", "language", "bash")).json();
        as(candidate, "POST",
                "/api/v1/pad-links/" + pad.path("links").path("candidate").path("token").asString() + "/join", null);
        return pad.path("projectId").asLong();
    }

    @Test
    void aParticipantAtTheirCapStillUsesAPadsTerminalAndItDoesNotCountAgainstThem() throws Exception {
        User candidate = newUser();
        User owner = newUser();
        List<TerminalClient> open = new ArrayList<>();
        try {
            // The candidate starts the pad's shared terminal...
            URI shared = terminalUri(padProject(owner, candidate));
            TerminalClient typing = TerminalClient.connect(shared, candidate.authorization());
            open.add(typing);
            typing.await("$ ");
            // ...which does not count against them: they still get one of their own,
            TerminalClient own = TerminalClient.connect(terminalUri(pythonProject(candidate)),
                    candidate.authorization());
            open.add(own);
            own.await("$ ");
            // and then they are at the cap of 1 for their own projects.
            assertThat(TerminalClient.refusal(terminalUri(pythonProject(candidate)), candidate.authorization()))
                .isEqualTo(429);

            // At their cap, they still start another pad's terminal.
            User other = newUser();
            TerminalClient second = TerminalClient.connect(terminalUri(padProject(other, candidate)),
                    candidate.authorization());
            open.add(second);
            second.await("$ ");
            second.type("echo sec''ond\r");
            second.await("second\r\n");

            // The interviewer, at their own cap, still watches the first pad's.
            TerminalClient ownersOwn = TerminalClient.connect(terminalUri(pythonProject(owner)), owner.authorization());
            open.add(ownersOwn);
            ownersOwn.await("$ ");
            TerminalClient watching = TerminalClient.connect(URI.create(shared + "?mode=view"), owner.authorization());
            open.add(watching);
            assertThat(watching.awaitMessage("session").path("mode").asString()).isEqualTo("view");
            typing.type("echo sha''red\r");
            watching.await("shared\r\n");
        }
        finally {
            open.forEach(c -> c.socket.abort());
        }
    }

}
