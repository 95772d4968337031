package dev.sandlot.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ServerTest;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each seed system's documented requests, replayed as its clients send them, with the
 * documented response shapes and behaviour.
 */
class SeedApisTest extends ServerTest {

    /** Seed 1: the Python Playground backend (FastAPI). */
    @Nested
    class PlaygroundBackend {

        @Test
        void executeReturnsStdoutAndStderr() {
            JsonNode r = post("/playground/execute", "{\"code\": \"print('Hello, World!')\"}").json();

            assertThat(r.path("stdout").asString()).isEqualTo("Hello, World!\n");
            assertThat(r.path("stderr").asString()).isEmpty();
            assertThat(r.size()).isEqualTo(2);
        }

        @Test
        void forbiddenModulesAreRefusedByParsingNotBySubstring() {
            JsonNode os = post("/playground/execute", "{\"code\": \"import math, os\\nprint(1)\"}").json();
            JsonNode builtin = post("/playground/execute", "{\"code\": \"print(eval('1+1'))\"}").json();
            JsonNode lookalike = post("/playground/execute",
                    "{\"code\": \"photos = []\\nphotos.append('os')\\nprint(len(photos))\"}")
                .json();

            assertThat(os.path("stderr").asString())
                .isEqualTo("Security Error: Module 'os' is not allowed for security reasons.");
            assertThat(os.path("stdout").asString()).isEmpty();
            assertThat(builtin.path("stderr").asString())
                .isEqualTo("Security Error: Module 'eval' is not allowed for security reasons.");
            assertThat(lookalike.path("stdout").asString()).isEqualTo("1\n");
        }

        @Test
        void aTimeoutAfterFiveSecondsIsReportedInStderr() {
            long started = System.nanoTime();
            JsonNode r = post("/playground/execute", "{\"code\": \"while True:\\n    pass\"}").json();

            assertThat(r.path("stderr").asString()).isEqualTo("Error: Code execution timed out (5 second limit).");
            assertThat((System.nanoTime() - started) / 1_000_000).isBetween(5000L, 8000L);
        }

        @Test
        void rootWelcomesJsonClientsAndServesThePageToBrowsers() {
            Response json = send(HttpRequest.newBuilder(uri("/")).header("Accept", "application/json").GET());
            Response html = send(HttpRequest.newBuilder(uri("/"))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .GET());

            assertThat(json.json().path("Message").asString()).isEqualTo("Welcome to the Python Playground Backend!");
            assertThat(html.contentType()).startsWith("text/html");
            assertThat(html.body()).contains("<title>Sandlot</title>");
        }

    }

    /**
     * Seed 2: the playground backend behind nginx, with saved files (now in the caller's
     * default project).
     */
    @Nested
    class BackendWithFiles {

        private final User user = newUser();

        private Response authed(HttpRequest.Builder request) {
            return send(request.header("Authorization", user.authorization()));
        }

        @Test
        void executeFeedsInputDataToStdin() {
            JsonNode r = post("/api/execute",
                    "{\"code\": \"print(input()[::-1])\", \"language\": \"python\", \"input_data\": \"olleh\"}")
                .json();

            assertThat(r.path("output").asString()).isEqualTo("hello\n");
            assertThat(r.path("error").isNull()).isTrue();
            assertThat(r.path("execution_time").isNumber()).isTrue();
        }

        @Test
        void inputDataMayBeNull() {
            JsonNode r = post("/api/execute",
                    "{\"code\": \"print('Hello, World!')\", \"language\": \"python\", \"input_data\": null}")
                .json();

            assertThat(r.path("output").asString()).isEqualTo("Hello, World!\n");
        }

        @Test
        void filesAreSavedListedLoadedAndDeleted() {
            String name = "saved-" + System.nanoTime() + ".py";
            Response saved = authed(HttpRequest
                .newBuilder(uri("/api/save?filename=" + name + "&code="
                        + URLEncoder.encode("print('saved')", StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(saved.status()).isEqualTo(200);

            JsonNode files = authed(HttpRequest.newBuilder(uri("/api/files")).GET()).json();
            assertThat(files.path("count").asInt()).isEqualTo(files.path("files").size());
            JsonNode entry = null;
            for (JsonNode f : files.path("files"))
                if (f.path("filename").asString().equals(name))
                    entry = f;
            assertThat(entry).isNotNull();
            assertThat(entry.path("size").asLong()).isEqualTo(14);
            assertThat(entry.path("modified").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");

            JsonNode loaded = authed(HttpRequest.newBuilder(uri("/api/load/" + name)).GET()).json();
            assertThat(loaded.path("code").asString()).isEqualTo("print('saved')");
            assertThat(loaded.path("filename").asString()).isEqualTo(name);

            assertThat(authed(HttpRequest.newBuilder(uri("/api/delete/" + name)).DELETE()).status()).isEqualTo(200);
            Response gone = authed(HttpRequest.newBuilder(uri("/api/load/" + name)).GET());
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.json().path("detail").asString()).isEqualTo("File not found");
        }

        @Test
        void aFormPostSavesToo() {
            Response saved = authed(HttpRequest.newBuilder(uri("/api/save"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers
                    .ofString("filename=form.py&code=" + URLEncoder.encode("x = 1\n", StandardCharsets.UTF_8))));

            assertThat(saved.status()).isEqualTo(200);
            assertThat(authed(HttpRequest.newBuilder(uri("/api/load/form.py")).GET()).json().path("code").asString())
                .isEqualTo("x = 1\n");
        }

        @Test
        void savedFilesNeedAnAccountAndStayPrivate() {
            assertThat(get("/api/files").status()).isEqualTo(401);
            authed(HttpRequest.newBuilder(uri("/api/save?filename=mine.py&code=secret"))
                .POST(HttpRequest.BodyPublishers.noBody()));
            User other = newUser();
            Response theirs = send(HttpRequest.newBuilder(uri("/api/load/mine.py"))
                .header("Authorization", other.authorization())
                .GET());
            assertThat(theirs.status()).isEqualTo(404);
        }

        @Test
        void filenamesThatEscapeOrHideAreRefused() {
            for (String bad : new String[] { "..%2F..%2Fetc%2Fpasswd", ".hidden", "a%2Fb.py", "x".repeat(300) }) {
                Response r = authed(HttpRequest.newBuilder(uri("/api/save?filename=" + bad + "&code=1"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
                assertThat(r.status()).as(bad).isEqualTo(400);
                assertThat(r.json().path("field").asString()).isEqualTo("filename");
            }
        }

        @Test
        void healthAndInfo() {
            assertThat(get("/api/health").json().path("status").asString()).isEqualTo("healthy");
            assertThat(get("/api/").json().path("endpoints").toString()).contains("POST /api/execute");
        }

    }

    /** Seed 3: the learning platform's code execution service. */
    @Nested
    class LearningPlatform {

        @Test
        void executeReportsStatusAndExitCode() {
            JsonNode r = post("/api/v1/code/execute",
                    """
                            {"code": "print(\\"Hello, World!\\")", "language": "python", "stdin": "", "project_id": 1, "save_history": true}""")
                .json();

            assertThat(r.path("output").asString()).isEqualTo("Hello, World!\n");
            assertThat(r.path("error").isNull()).isTrue();
            assertThat(r.path("status").asString()).isEqualTo("success");
            assertThat(r.path("exit_code").asInt()).isZero();
            assertThat(r.path("execution_time").isNumber()).isTrue();
        }

        @Test
        void errorsKeepTheirExitCode() {
            JsonNode r = post("/api/v1/code/execute",
                    "{\"code\": \"import sys\\nprint('oops', file=sys.stderr)\\nsys.exit(3)\", \"language\": \"python\"}")
                .json();

            assertThat(r.path("status").asString()).isEqualTo("error");
            assertThat(r.path("exit_code").asInt()).isEqualTo(3);
            assertThat(r.path("error").asString()).isEqualTo("oops\n");
        }

        @Test
        void codeOverFiftyKilobytesIsRefused() {
            Response r = post("/api/v1/code/execute", Map.of("code", "#".repeat(51 * 1024), "language", "python"));

            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().path("field").asString()).isEqualTo("code");
        }

        @Test
        void languagesAreListed() {
            assertThat(get("/api/v1/code/languages").json().path("languages").toString()).contains("\"python\"", ".py");
        }

    }

    /** Seed 4: the code execution API for Python, TypeScript and Rust. */
    @Nested
    class CodeExecutionApi {

        @Test
        void executeReportsSuccess() {
            JsonNode r = post("/execute",
                    "{\"code\": \"print('Hello, World!')\", \"language\": \"python\", \"timeout\": 10}")
                .json();

            assertThat(r.path("output").asString()).isEqualTo("Hello, World!\n");
            assertThat(r.path("error").isNull()).isTrue();
            assertThat(r.path("success").asBoolean()).isTrue();
            assertThat(r.path("execution_time").isNumber()).isTrue();
        }

        @Test
        void typescriptAndRustRunToo() {
            JsonNode ts = post("/execute",
                    "{\"code\": \"const n: number = 6 * 7; console.log(n)\", \"language\": \"typescript\"}")
                .json();
            JsonNode rust = post("/execute",
                    "{\"code\": \"fn main() { println!(\\\"{}\\\", 6 * 7); }\", \"language\": \"rust\"}")
                .json();

            assertThat(ts.path("output").asString()).isEqualTo("42\n");
            assertThat(rust.path("output").asString()).isEqualTo("42\n");
        }

        @Test
        void theTimeoutIsHonouredAndFailureIsReported() {
            JsonNode r = post("/execute",
                    "{\"code\": \"import time\\ntime.sleep(5)\", \"language\": \"python\", \"timeout\": 1}")
                .json();

            assertThat(r.path("success").asBoolean()).isFalse();
            assertThat(r.path("error").asString()).contains("1000 ms");
            assertThat(r.path("execution_time").asDouble()).isBetween(1.0, 1.5);
        }

        @Test
        void healthSaysWhetherTheSandboxIsAvailable() {
            JsonNode r = get("/health").json();

            assertThat(r.path("status").asString()).isEqualTo("healthy");
            assertThat(r.path("sandbox_available").asBoolean()).isTrue();
        }

        @Test
        void rootListsTheLanguagesForJsonClients() {
            assertThat(get("/").json().path("supported_languages").toString()).contains("python", "typescript", "rust");
        }

    }

}
