package dev.sandlot.server.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.PackageIndexTests;
import dev.sandlot.server.ServerTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code pip install} typed in a project's terminal, against the real server, sandbox,
 * proxy and pip, from a package index on loopback: it prints pip's progress, exits 0, the
 * package imports at once in the same shell, the shell still has no network, and an
 * unknown package exits non-zero with pip's own message.
 */
class TerminalPipInstallTest extends ServerTest implements PackageIndexTests {

    static {
        INDEX.addWheel("term-greeting", "1.0",
                Map.of("term_greeting/__init__.py", "HELLO = 'hello from ' + 'term-greeting'\n"), List.of());
    }

    @Test
    void pipInstallInTheTerminalInstallsForTheProjectAndTheShellStaysOffline() throws Exception {
        User owner = newUser();
        long project = as(owner, "POST", "/api/v1/projects", Map.of("name", "pip", "language", "python", "files",
                List.of(Map.of("path", "main.py", "content", "print('main')\n"))))
            .json()
            .path("id")
            .asLong();
        TerminalClient t = TerminalClient.connect(
                URI.create("ws://localhost:" + port + "/api/v1/projects/" + project + "/terminal"),
                owner.authorization());
        try {
            t.await("$ ");
            t.type("pip install term-greeting; echo ex''it=$?\r");
            String install = t.await("exit=");
            assertThat(install).contains("Collecting term-greeting")
                .contains("Successfully installed term-greeting-1.0");
            assertThat(t.await("\r\n")).isEqualTo("0\r\n");

            t.type("python3 -c 'import term_greeting; print(term_greeting.HELLO)'\r");
            t.await("hello from term-greeting\r\n");
            t.type("python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", " + INDEX.port()
                    + "), 2)' 2>&1 | tail -1\r");
            t.await("Address family not supported");

            t.type("pip install nothing-such-package; echo ex''it=$?\r");
            assertThat(t.await("exit=")).contains("No matching distribution found for nothing-such-package");
            assertThat(t.await("\r\n")).isEqualTo("1\r\n");
            assertThat(as(owner, "GET", "/api/v1/projects/" + project + "/files/requirements.txt", null).json()
                .path("content")
                .asString()).isEqualTo("term-greeting\n");
        }
        finally {
            t.socket.abort();
            for (var terminal : as(owner, "GET", "/api/v1/terminals?projectId=" + project, null).json())
                as(owner, "DELETE", "/api/v1/terminals/" + terminal.path("id").asString(), null);
        }
    }

}
