package dev.sandlot.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ServerTest;
import java.net.URI;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Files a run returns, end to end: in the JSON of /api/v1/execute and of a project run,
 * as "file" messages on the stream, and in the history.
 */
@Tag("sandbox")
class OutputFilesApiTest extends ServerTest {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

    private static final String PLOT = """
            import matplotlib.pyplot as plt
            plt.plot([1, 2, 3], [3, 1, 2])
            plt.show()
            open('data.csv', 'w').write('a,b\\n')
            """;

    @Test
    void aPlotAndANamedFileComeBackAsBase64AndTheHistoryKeepsThem() {
        User user = newUser();
        Response r = as(user, "POST", "/api/v1/execute",
                Map.of("language", "python", "code", PLOT, "outputFiles", List.of("data.csv")));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode files = r.json().path("files");
        assertThat(files).hasSize(2);
        assertPng(files.get(0));
        assertThat(files.get(1).path("name").asString()).isEqualTo("data.csv");
        assertThat(files.get(1).path("mimeType").asString()).isEqualTo("text/csv");
        assertThat(Base64.getDecoder().decode(files.get(1).path("base64").asString())).asString().isEqualTo("a,b\n");
        assertThat(r.json().path("filesTruncated").asBoolean()).isFalse();

        JsonNode recorded = as(user, "GET", "/api/v1/executions/" + r.json().path("id").asString(), null).json();
        assertThat(recorded.path("files")).hasSize(2);
        assertPng(recorded.path("files").get(0));
        assertThat(recorded.path("filesTruncated").asBoolean()).isFalse();
    }

    @Test
    void theHistoryKeepsTheFilesThatFitItsCapAndSaysTheRestAreMissing() {
        User user = newUser();
        // Three files of 600 KB: the run returns all (4 MiB), the history keeps 1 MiB.
        Response r = as(user, "POST", "/api/v1/execute", Map.of("language", "python", "code", """
                for name in 'abc':
                    open('/output/' + name + '.bin', 'wb').write(bytes(600 * 1024))
                """));

        assertThat(r.json().path("files")).hasSize(3);
        assertThat(r.json().path("filesTruncated").asBoolean()).isFalse();
        JsonNode recorded = as(user, "GET", "/api/v1/executions/" + r.json().path("id").asString(), null).json();
        assertThat(recorded.path("files")).hasSize(1);
        assertThat(recorded.path("files").get(0).path("name").asString()).isEqualTo("a.bin");
        assertThat(recorded.path("filesTruncated").asBoolean()).isTrue();
    }

    @Test
    void aRunWithoutFilesSaysSoAndHostileNamesAreRefusedByField() {
        Response plain = post("/api/v1/execute", Map.of("language", "python", "code", "print(1)"));
        assertThat(plain.json().path("files").isArray()).isTrue();
        assertThat(plain.json().path("files")).isEmpty();

        Response up = post("/api/v1/execute",
                Map.of("language", "python", "code", "print(1)", "outputFiles", List.of("ok.txt", "../etc/passwd")));
        assertThat(up.status()).isEqualTo(400);
        assertThat(up.json().path("field").asString()).isEqualTo("outputFiles[1]");

        Response absolute = post("/api/v1/execute", """
                {"language": "python", "code": "print(1)", "outputFiles": ["/etc/passwd"]}""");
        assertThat(absolute.status()).isEqualTo(400);
        assertThat(absolute.json().path("field").asString()).isEqualTo("outputFiles[0]");

        Response nul = post("/api/v1/execute", """
                {"language": "python", "code": "print(1)", "outputFiles": [null]}""");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().path("field").asString()).isEqualTo("outputFiles[0]");
    }

    @Test
    void aProjectRunNamesItsFilesToo() {
        User user = newUser();
        long project = pythonProject(user);
        Response r = as(user, "POST", "/api/v1/projects/" + project + "/run",
                Map.of("outputFiles", List.of("main.py")));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("files").get(0).path("name").asString()).isEqualTo("main.py");
        assertThat(Base64.getDecoder().decode(r.json().path("files").get(0).path("base64").asString())).asString()
            .isEqualTo("print(1)\n");
    }

    @Test
    void theStreamSendsEachFileBeforeExit() throws Exception {
        ExecuteStreamTest.Client client = ExecuteStreamTest.Client
            .connect(URI.create("ws://localhost:" + port + "/api/v1/execute/stream"));
        client.send(JSON.writeValueAsString(Map.of("type", "start", "language", "python", "code", PLOT)));

        JsonNode file = client.await("file");
        assertPng(file);
        JsonNode exit = client.await("exit");
        assertThat(exit.path("status").asString()).isEqualTo("ok");
        assertThat(exit.has("files")).isFalse();
        assertThat(exit.path("filesTruncated").asBoolean()).isFalse();
    }

    private static void assertPng(JsonNode file) {
        assertThat(file.path("name").asString()).isEqualTo("figure-1.png");
        assertThat(file.path("mimeType").asString()).isEqualTo("image/png");
        byte[] bytes = Base64.getDecoder().decode(file.path("base64").asString());
        assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(PNG);
        assertThat(file.path("size").asLong()).isEqualTo(bytes.length);
    }

}
