package dev.sandlot.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ServerTest;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SystemApiTest extends ServerTest {

    @Test
    void healthReportsTheSandbox() {
        Response r = get("/api/v1/health");
        JsonNode sandbox = r.json().path("sandbox");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asString()).isEqualTo("ok");
        assertThat(sandbox.path("available").asBoolean()).isTrue();
        assertThat(sandbox.path("isolation").asString()).startsWith("bubblewrap");
        assertThat(sandbox.path("cgroups").asString()).isIn("v1", "v2");
        assertThat(sandbox.path("seccomp").asBoolean()).isTrue();
        assertThat(r.json().path("languages").toString()).contains("python");
        assertThat(r.json().path("terminals").path("running").isInt()).isTrue();
    }

    @Test
    void actuatorHealthInfoAndPrometheusMetrics() {
        post("/api/v1/execute", Map.of("language", "python", "code", "print(1)"));

        assertThat(get("/actuator/health").json().path("components").path("sandbox").path("status").asString())
            .isEqualTo("UP");
        assertThat(get("/actuator/info").json().path("app").path("name").asString()).isEqualTo("Sandlot");
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("sandlot_runs_total{language=\"python\",status=\"ok\"}",
                "sandlot_run_duration_seconds_bucket", "sandlot_runs_queued", "sandlot_runs_capacity",
                "sandlot_pool_ready{language=\"python");
    }

    @Test
    void openApiDescribesEveryEndpointAndDocsServeTheUi() {
        JsonNode paths = get("/v3/api-docs").json().path("paths");

        for (String path : new String[] { "/api/v1/execute", "/api/v1/languages", "/api/v1/health",
                "/api/v1/execute/stream", "/playground/execute", "/api/execute", "/api/files", "/api/save",
                "/api/load/{filename}", "/api/delete/{filename}", "/api/health", "/api/v1/code/execute",
                "/api/v1/code/languages", "/execute", "/health", "/" }) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        Response docs = send(HttpRequest.newBuilder(uri("/docs")).GET());
        Response ui = docs.status() / 100 == 3
                ? get(docs.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")) : docs;
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }

    @Test
    void theCallerIsNoPartOfAnyDescribedRequest() {
        JsonNode docs = get("/v3/api-docs").json();
        List<String> parameters = new ArrayList<>();
        docs.path("paths")
            .forEach(path -> path.forEach(
                    operation -> operation.path("parameters").forEach(p -> parameters.add(p.path("name").asString()))));

        assertThat(parameters).isNotEmpty().doesNotContain("caller", "userId", "username", "address", "role");
        assertThat(docs.path("components").path("schemas").has("Caller")).isFalse();
    }

    @Test
    void unknownPathsAreProblemDetailsToo() {
        Response r = get("/api/v1/nope");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

}
