package dev.sandlot.server.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ServerTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A project's terminal imports Python's built-in libraries, as runs do. */
class TerminalLibrariesTest extends ServerTest {

    private User owner;

    private long project;

    private TerminalClient client;

    @AfterEach
    void closeTerminal() {
        if (client != null)
            client.socket.abort();
        for (JsonNode t : as(owner, "GET", "/api/v1/terminals?projectId=" + project, null).json())
            as(owner, "DELETE", "/api/v1/terminals/" + t.path("id").asString(), null);
    }

    @Test
    void theSevenLibrariesImportInTheTerminal() throws Exception {
        owner = newUser();
        project = as(owner, "POST", "/api/v1/projects", Map.of("name", "libraries", "language", "python", "files",
                List.of(Map.of("path", "main.py", "content", "print(1)\n"))))
            .json()
            .path("id")
            .asLong();
        client = TerminalClient.connect(
                URI.create("ws://localhost:" + port + "/api/v1/projects/" + project + "/terminal"),
                owner.authorization());
        client.awaitMessage("session");
        client.await("$ ");

        client.type("python3 -c 'import numpy, pandas, scipy, matplotlib, seaborn, sklearn, sympy; "
                + "print(\"imported\", numpy.__name__ + \"-ok\")'\r");

        String seen = client.await("imported numpy-ok\r\n");
        assertThat(seen).doesNotContain("Traceback", "Error");
    }

}
