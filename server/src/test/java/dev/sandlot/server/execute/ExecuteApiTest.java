package dev.sandlot.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ServerTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ExecuteApiTest extends ServerTest {

    @Test
    void theReadmeExampleReversesItsInput() {
        Response r = post("/api/v1/execute", """
                {"language":"python","code":"print(input()[::-1])","stdin":"olleh"}""");

        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.path("stdout").asString()).isEqualTo("hello\n");
        assertThat(body.path("status").asString()).isEqualTo("ok");
        assertThat(body.path("exitCode").asInt()).isZero();
        assertThat(body.path("id").asString()).isNotBlank();
        assertThat(body.path("version").asString()).startsWith("3.");
        for (String field : List.of("signal", "stderr", "stdoutTruncated", "stderrTruncated", "wallTimeMs", "cpuTimeMs",
                "memoryKb", "compile")) {
            assertThat(body.has(field)).as(field).isTrue();
        }
        assertThat(body.path("compile").isNull()).isTrue();
    }

    @Test
    void aFailingProgramIsA200WithItsStatus() {
        JsonNode timeout = post("/api/v1/execute",
                Map.of("language", "python", "code", "while True: pass", "limits", Map.of("wallTimeMs", 500)))
            .json();
        JsonNode crash = post("/api/v1/execute",
                Map.of("language", "c", "code", "int main(void) { int *p = 0; return *p; }"))
            .json();

        assertThat(timeout.path("status").asString()).isEqualTo("timeout");
        assertThat(timeout.path("message").asString()).contains("500 ms");
        assertThat(crash.path("status").asString()).isEqualTo("killed");
        assertThat(crash.path("signal").asString()).isEqualTo("SIGSEGV");
        assertThat(crash.path("compile").path("status").asString()).isEqualTo("ok");
    }

    @Test
    void aCompileErrorComesBackInTheCompileStage() {
        JsonNode body = post("/api/v1/execute", Map.of("language", "cpp", "code", "int main() { return x; }")).json();

        assertThat(body.path("status").asString()).isEqualTo("compile_error");
        assertThat(body.path("compile").path("stderr").asString()).contains("was not declared");
        assertThat(body.path("exitCode").isNull()).isTrue();
    }

    @Test
    void severalFilesWithAnEntryPointAndArguments() {
        JsonNode body = post("/api/v1/execute", Map.of("language", "python", "entry", "app.py", "files",
                List.of(Map.of("name", "util.py", "content", "def twice(x):\n    return 2 * x\n"),
                        Map.of("name", "app.py", "content", "import sys, util\nprint(util.twice(int(sys.argv[1])))\n")),
                "args", List.of("21")))
            .json();

        assertThat(body.path("stdout").asString()).isEqualTo("42\n");
    }

    @Test
    void outputThatIsNotUtf8AlsoComesAsBase64() {
        JsonNode body = post("/api/v1/execute",
                Map.of("language", "python", "code", "import sys\nsys.stdout.buffer.write(b'ok\\xff\\xfe')"))
            .json();

        assertThat(body.path("stdoutBase64").asString()).isEqualTo("b2v//g==");
        assertThat(body.path("stdout").asString()).startsWith("ok");
        assertThat(body.has("stderrBase64")).isFalse();
    }

    @Test
    void unknownLanguageListsTheValidIds() {
        Response r = post("/api/v1/execute", "{\"language\":\"cobol\",\"code\":\"x\"}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("field").asString()).isEqualTo("language");
        assertThat(r.json().path("available").toString()).contains("python", "java");
        assertThat(r.json().path("type").asString()).isEqualTo("urn:sandlot:problem:unknown-language");
    }

    @Test
    void aLimitAboveTheMaximumSaysTheMaximum() {
        Response r = post("/api/v1/execute",
                "{\"language\":\"python\",\"code\":\"x\",\"limits\":{\"wallTimeMs\":999999}}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("field").asString()).isEqualTo("limits.wallTimeMs");
        assertThat(r.json().path("maximum").asLong()).isEqualTo(60000);
        assertThat(r.json().path("detail").asString()).contains("at most 60000 ms");
    }

    @Test
    void codeTooLargeNamesTheCodeField() {
        Response r = post("/api/v1/execute", Map.of("language", "python", "code", "#".repeat(300 * 1024)));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("field").asString()).isEqualTo("code");
        assertThat(r.json().path("maximum").asLong()).isEqualTo(256 * 1024);
    }

    @Test
    void malformedJsonSaysWhere() {
        Response r = post("/api/v1/execute", "{\"language\": \"python\", ");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("type").asString()).isEqualTo("urn:sandlot:problem:malformed-json");
        assertThat(r.json().path("detail").asString()).contains("line 1");
        assertThat(r.body()).doesNotContain("Exception", "at org.", "at dev.");
    }

    @Test
    void aValueOfTheWrongTypeNamesItsPath() {
        Response r = post("/api/v1/execute",
                "{\"language\":\"python\",\"code\":\"x\",\"limits\":{\"memoryMb\":\"lots\"}}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("field").asString()).isEqualTo("limits.memoryMb");
    }

    @Test
    void missingFieldsAndPathsOutsideTheWorkspaceAreNamed() {
        assertThat(post("/api/v1/execute", "{\"code\":\"print(1)\"}").json().path("field").asString())
            .isEqualTo("language");
        assertThat(post("/api/v1/execute", "{\"language\":\"python\"}").json().path("field").asString())
            .isEqualTo("code");
        Response traversal = post("/api/v1/execute",
                Map.of("language", "python", "files", List.of(Map.of("name", "../../etc/cron.d/x", "content", "x"))));
        assertThat(traversal.status()).isEqualTo(400);
        assertThat(traversal.json().path("field").asString()).isEqualTo("files[0].name");
    }

    @Test
    void fileNamesThatACompilerWouldReadAsOptionsAreRefusedNamingTheFile() {
        for (String name : List.of("-zzanon.c", "@args.c", "-toolexec=/bin/sh /workspace/x.sh #.c")) {
            Response r = post("/api/v1/execute",
                    Map.of("language", "c", "files",
                            List.of(Map.of("name", "main.c", "content", "int main(void) { return 0; }"),
                                    Map.of("name", name, "content", "-o /tmp/x"))));

            assertThat(r.status()).as(name).isEqualTo(400);
            assertThat(r.json().path("field").asString()).isEqualTo("files[1].name");
            assertThat(r.json().path("detail").asString()).contains("'-' or '@'");
        }
    }

    @Test
    void theWrongContentTypeIs415() {
        Response r = send(HttpRequest.newBuilder(uri("/api/v1/execute"))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("print(1)")));

        assertThat(r.status()).isEqualTo(415);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("detail").asString()).contains("application/json");
    }

    @Test
    void aBodyOverTheCapIs413() {
        byte[] big = new byte[33 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        Response declared = send(HttpRequest.newBuilder(uri("/api/v1/execute"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(big)));

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().path("maximum").asLong()).isEqualTo(32L * 1024 * 1024);
    }

    @Test
    void aChunkedBodyIsCountedAsItIsReadAndStoppedAtTheCap() {
        byte[] json = ("{\"language\":\"python\",\"code\":\"" + "a".repeat(32 * 1024 * 1024 + 100 * 1024) + "\"}")
            .getBytes(StandardCharsets.US_ASCII);
        Response chunked = send(HttpRequest.newBuilder(uri("/api/v1/execute"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json))));

        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.json().path("type").asString()).isEqualTo("urn:sandlot:problem:body-too-large");
    }

    @Test
    void languagesListsOnlyInstalledOnesWithRealVersions() {
        JsonNode languages = get("/api/v1/languages").json();

        assertThat(languages.isArray()).isTrue();
        JsonNode python = null;
        for (JsonNode l : languages) {
            if (l.path("id").asString().equals("python"))
                python = l;
            assertThat(l.path("version").asString()).matches("\\d+(\\.\\d+)*");
        }
        assertThat(python).isNotNull();
        assertThat(python.path("fileName").asString()).isEqualTo("main.py");
        assertThat(python.path("compiled").asBoolean()).isFalse();
        assertThat(python.path("aliases").toString()).contains("py");
    }

    @Test
    void pythonListsItsBuiltInLibrariesWithTheVersionsARunImports() {
        JsonNode python = null;
        for (JsonNode l : get("/api/v1/languages").json()) {
            if (l.path("id").asString().equals("python"))
                python = l;
            else
                assertThat(l.path("libraries").isArray()).isTrue();
        }
        assertThat(python).isNotNull();
        JsonNode libraries = python.path("libraries");
        assertThat(libraries.findValuesAsString("name")).containsExactly("numpy", "pandas", "scipy", "matplotlib",
                "seaborn", "scikit-learn", "sympy");
        assertThat(libraries.findValuesAsString("module")).contains("sklearn");

        JsonNode run = post("/api/v1/execute", Map.of("language", "python", "code",
                "import numpy, pandas, sklearn\nprint(numpy.__version__, pandas.__version__, sklearn.__version__)"))
            .json();

        assertThat(run.path("status").asString()).isEqualTo("ok");
        assertThat(run.path("stdout").asString())
            .isEqualTo(libraries.get(0).path("version").asString() + " " + libraries.get(1).path("version").asString()
                    + " " + libraries.get(5).path("version").asString() + "\n");
    }

}
