package dev.sandlot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scenario end to end, across a restart: sign up, create a
 * two-file project where main.py imports util.py, run it, stop the server,
 * start a new one on the same data, and find project and history intact.
 */
class RestartPersistenceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void projectAndHistorySurviveARestartOnH2() throws Exception {
        Map<String, Object> properties = properties();
        scenario(properties);
    }

    @Test
    void projectAndHistorySurviveARestartOnPostgres() throws Exception {
        Map<String, Object> properties = properties();
        properties.put("sandlot.db.url", PostgresServer.Database.newDatabase());
        properties.put("sandlot.db.user", "postgres");
        properties.put("sandlot.db.password", "postgres");
        scenario(properties);
    }

    private static Map<String, Object> properties() throws Exception {
        Path data = Files.createTempDirectory("sandlot-restart");
        Map<String, Object> p = new HashMap<>();
        p.put("server.port", "0");
        p.put("sandlot.data-dir", data.toString());
        p.put("sandlot.rate-limit.enabled", "false");
        p.put("sandlot.engine.warm-pool.python", "0");
        return p;
    }

    private void scenario(Map<String, Object> properties) throws Exception {
        long projectId;
        String runId;
        try (ConfigurableApplicationContext first = start(properties)) {
            String base = base(first);
            JsonNode signup = send(base, "POST", "/api/v1/auth/signup", null, Map.of("username", "restarter", "password", "survives restarts"));
            assertThat(signup.path("role").asString()).isEqualTo("learner");
            String token = token(base);
            projectId = send(base, "POST", "/api/v1/projects", token, Map.of("name", "two files", "language", "python",
                    "files", List.of(Map.of("path", "main.py", "content", "import util\nprint(util.double(21))\n"),
                            Map.of("path", "util.py", "content", "def double(x):\n    return 2 * x\n")))).path("id").asLong();
            JsonNode run = send(base, "POST", "/api/v1/projects/" + projectId + "/run", token, Map.of());
            assertThat(run.path("stdout").asString()).isEqualTo("42\n");
            runId = run.path("id").asString();
        }
        try (ConfigurableApplicationContext second = start(properties)) {
            String base = base(second);
            String token = token(base);
            JsonNode files = send(base, "GET", "/api/v1/projects/" + projectId + "/files?content=true", token, null);
            assertThat(files.findValuesAsString("path")).containsExactly("main.py", "util.py");
            assertThat(send(base, "GET", "/api/v1/executions/" + runId, token, null).path("stdout").asString()).isEqualTo("42\n");
            assertThat(send(base, "POST", "/api/v1/projects/" + projectId + "/run", token, Map.of()).path("stdout").asString())
                    .isEqualTo("42\n");
        }
    }

    /** Settings as command-line arguments, which outrank application.properties (default properties would not). */
    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(SandlotApplication.class).run(args);
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    private String token(String base) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=restarter&password=survives+restarts")).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asString();
    }

    private JsonNode send(String base, String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).header("Content-Type", "application/json");
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }
}
