package dev.sandlot.server.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ServerTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The terminal WebSocket and its REST companions, against the real server and sandbox.
 */
class TerminalApiTest extends ServerTest {

    private User owner;

    private long project;

    private final List<TerminalClient> clients = new ArrayList<>();

    @BeforeEach
    void createProject() {
        owner = newUser();
        project = as(owner, "POST", "/api/v1/projects",
                Map.of("name", "shell", "language", "python", "files",
                        List.of(Map.of("path", "main.py", "content", "print('hello from main')\n"))))
            .json()
            .path("id")
            .asLong();
    }

    @AfterEach
    void closeTerminals() {
        clients.forEach(c -> c.socket.abort());
        for (JsonNode t : as(owner, "GET", "/api/v1/terminals?projectId=" + project, null).json()) {
            as(owner, "DELETE", "/api/v1/terminals/" + t.path("id").asString(), null);
        }
    }

    private URI terminalUri(long id, String query) {
        return URI.create(
                "ws://localhost:" + port + "/api/v1/projects/" + id + "/terminal" + (query == null ? "" : "?" + query));
    }

    private TerminalClient attach(User user, String query) throws Exception {
        TerminalClient client = TerminalClient.connect(terminalUri(project, query), user.authorization());
        clients.add(client);
        return client;
    }

    private TerminalClient open() throws Exception {
        TerminalClient client = attach(owner, null);
        client.hello = client.awaitMessage("session");
        assertThat(client.hello.path("mode").asString()).isEqualTo("control");
        client.await("$ ");
        return client;
    }

    private String fileContent(String path) {
        Response r = as(owner, "GET", "/api/v1/projects/" + project + "/files/" + path, null);
        return r.status() == 200 ? r.json().path("content").asString() : null;
    }

    @Test
    void runsCommandsAndThePythonFileOfTheProject() throws Exception {
        TerminalClient t = open();
        t.type("echo hel''lo\r");
        t.await("hello\r\n");
        t.type("python main.py\r");
        t.await("hello from main\r\n");
    }

    @Test
    void ctrlCInterruptsThePythonReplWhichStaysUsable() throws Exception {
        TerminalClient t = open();
        t.type("python3 -q\r");
        t.await(">>> ");
        t.type("while True: pass\r\r");
        Thread.sleep(300);
        t.type("\u0003");
        t.await("KeyboardInterrupt");
        t.type("print(6 * 7)\r");
        t.await("42\r\n");
        t.type("while True: pass\r\r");
        Thread.sleep(300);
        t.send(Map.of("type", "signal", "name", "INT"));
        t.await("KeyboardInterrupt");
        t.type("print(7 * 8)\r");
        t.await("56\r\n");
    }

    @Test
    void rawBytesComeWithTheirBase64AndEscapesPassThrough() throws Exception {
        TerminalClient t = open();
        t.type("printf 'raw:\\377:\\033[1mbold\\033[0m\\n'\r");
        t.await("raw:\ufffd:\u001b[1mbold\u001b[0m");
        JsonNode raw;
        synchronized (t) {
            raw = t.messages.stream()
                .filter(m -> m.path("data").asString().contains("raw:\ufffd"))
                .findFirst()
                .orElseThrow();
        }
        byte[] bytes = Base64.getDecoder().decode(raw.path("bytes").asString());
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains("raw:\u00ff:");
    }

    @Test
    void resizeIsWhatSttySees() throws Exception {
        TerminalClient t = open();
        t.send(Map.of("type", "resize", "cols", 120, "rows", 40));
        t.type("stty size\r");
        t.await("40 120\r\n");
    }

    @Test
    void aFileMadeInTheShellIsSavedToTheProject() throws Exception {
        TerminalClient t = open();
        t.type("mkdir -p lib && printf 'VALUE = 1\\n' > lib/made.py && echo do''ne\r");
        t.await("done\r\n");
        JsonNode changed = t.awaitMessage("files-changed");
        assertThat(changed.path("paths").toString()).contains("lib/made.py");
        assertThat(fileContent("lib/made.py")).isEqualTo("VALUE = 1\n");

        t.type("rm lib/made.py && echo remo''ved\r");
        t.await("removed\r\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fileContent("lib/made.py") != null && System.nanoTime() < deadline)
            Thread.sleep(100);
        assertThat(fileContent("lib/made.py")).isNull();
    }

    @Test
    void anEditThroughTheApiIsWhatTheShellReads() throws Exception {
        TerminalClient t = open();
        Response saved = as(owner, "PUT", "/api/v1/projects/" + project + "/files/main.py",
                Map.of("content", "print('edited')\n"));
        assertThat(saved.status()).isEqualTo(200);
        t.type("cat main.py; python main.py\r");
        t.await("print('edited')\r\nedited\r\n");
        as(owner, "PUT", "/api/v1/projects/" + project + "/files/docs/notes.txt", Map.of("content", "new file\n"));
        as(owner, "DELETE", "/api/v1/projects/" + project + "/files/main.py", null);
        t.type("cat docs/notes.txt; ls main.py\r");
        t.await("new file\r\n");
        t.await("No such file");
        assertThat(fileContent("docs/notes.txt")).isEqualTo("new file\n");
    }

    @Test
    void binaryAndOversizedFilesAreReportedNotSaved() throws Exception {
        TerminalClient t = open();
        t.type("head -c 100 /dev/urandom > blob.bin; head -c 2000000 /dev/zero | tr '\\0' a > big.txt; ln -s main.py link.py; echo do''ne\r");
        t.await("done\r\n");
        JsonNode changed = t.awaitMessage("files-changed");
        assertThat(changed.path("skipped").toString()).contains("blob.bin", "binary", "big.txt", "larger than",
                "link.py", "symbolic link");
        assertThat(fileContent("blob.bin")).isNull();
        assertThat(fileContent("big.txt")).isNull();
    }

    @Test
    void reattachingGetsTheSameShellAndItsRecentOutput() throws Exception {
        TerminalClient first = open();
        first.type("export MARK=sec''ond; echo rem''embered\r");
        first.await("remembered\r\n");
        String id = first.hello.path("id").asString();
        first.socket.abort();

        TerminalClient second = attach(owner, null);
        JsonNode hello = second.awaitMessage("session");
        assertThat(hello.path("reattached").asBoolean()).isTrue();
        assertThat(hello.path("id").asString()).isEqualTo(id);
        second.await("remembered\r\n");
        second.type("echo $MARK\r");
        second.await("second\r\n");
    }

    @Test
    void othersCannotAttachAndViewersCannotType() throws Exception {
        TerminalClient t = open();
        User other = newUser();
        assertThat(TerminalClient.refusal(terminalUri(project, null), other.authorization())).isEqualTo(404);
        assertThat(TerminalClient.refusal(terminalUri(project, null), null)).isEqualTo(401);
        assertThat(TerminalClient.refusal(terminalUri(project, "cols=0"), owner.authorization())).isEqualTo(400);
        assertThat(TerminalClient.refusal(terminalUri(project, "mode=view"), other.authorization())).isEqualTo(404);

        TerminalClient viewer = attach(owner, "mode=view");
        assertThat(viewer.awaitMessage("session").path("mode").asString()).isEqualTo("view");
        viewer.type("echo from the viewer\r");
        JsonNode error = viewer.awaitMessage("error");
        assertThat(error.path("status").asInt()).isEqualTo(403);
        t.type("echo wat''ched\r");
        viewer.await("watched\r\n");
    }

    @Test
    void exitSavesWhatWasWrittenLastAndSaysWhy() throws Exception {
        TerminalClient t = open();
        t.type("echo last > last.txt; exit 4\r");
        JsonNode exit = t.awaitMessage("exit");
        assertThat(exit.path("reason").asString()).isEqualTo("exit");
        assertThat(exit.path("code").asInt()).isEqualTo(4);
        assertThat(fileContent("last.txt")).isEqualTo("last\n");
        assertThat(t.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void deletingTheTerminalSavesAndEndsItAndANewOneStartsFresh() throws Exception {
        TerminalClient t = open();
        String id = t.hello.path("id").asString();
        t.type("echo kept > kept.txt; sleep 1000\r");
        Thread.sleep(200);
        JsonNode running = as(owner, "GET", "/api/v1/terminals", null).json();
        assertThat(running.findValuesAsString("id")).containsExactly(id);
        assertThat(as(newUser(), "DELETE", "/api/v1/terminals/" + id, null).status()).isEqualTo(404);
        assertThat(as(owner, "DELETE", "/api/v1/terminals/" + id, null).status()).isEqualTo(204);
        assertThat(t.awaitMessage("exit").path("reason").asString()).isEqualTo("closed");
        assertThat(fileContent("kept.txt")).isEqualTo("kept\n");
        assertThat(as(owner, "GET", "/api/v1/terminals", null).json()).isEmpty();

        TerminalClient fresh = open();
        assertThat(fresh.hello.path("reattached").asBoolean()).isFalse();
        fresh.type("cat kept.txt\r");
        fresh.await("kept\r\n");
    }

    @Test
    void badMessagesGetProblemsThatNameTheField() throws Exception {
        TerminalClient t = open();
        t.send(Map.of("type", "resize", "cols", 0, "rows", 10));
        assertThat(t.awaitMessage("error").path("field").asString()).isEqualTo("cols");
        t.send(Map.of("type", "signal", "name", "SEGV"));
        assertThat(t.awaitMessage("error").path("field").asString()).isEqualTo("name");
        t.send(Map.of("type", "nonsense"));
        assertThat(t.awaitMessage("error").path("field").asString()).isEqualTo("type");
        t.send(Map.of("type", "ping"));
        t.awaitMessage("pong");
    }

    @Test
    void anEndlessFloodOfOutputIsSlowedAndCtrlCStopsIt() throws Exception {
        TerminalClient t = open();
        long before = t.screen().length();
        t.type("yes flood\r");
        Thread.sleep(2000);
        t.type("\u0003");
        t.type("echo after''wards\r");
        t.await("afterwards\r\n");
        long flooded = t.screen().length() - before;
        // About 2 MiB a second reach the client, whatever the program writes.
        assertThat(flooded).isGreaterThan(100_000).isLessThan(12L << 20);
        assertThat(as(owner, "GET", "/api/v1/projects/" + project, null).status()).isEqualTo(200);
    }

    @Test
    void theShellHasNoNetworkAndNoHostFiles() throws Exception {
        TerminalClient t = open();
        t.type("id -u; cat /etc/shadow; python3 -c 'import socket; socket.create_connection((\"10.0.0.1\", 80), 2)' 2>&1 | tail -1; echo e''nd\r");
        String seen = t.await("end\r\n");
        assertThat(seen).contains("1000\r\n").contains("/etc/shadow: No such file").contains("OSError");
    }

}
