package dev.sandlot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls to a server a test started itself (e.g. to stop and start it again), outside
 * Spring's test support.
 */
public final class ContextCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ContextCalls() {
    }

    /** Settings for a server on a free port in a fresh data directory, on H2. */
    public static Map<String, Object> serverOnH2(String dataPrefix) throws IOException {
        Map<String, Object> p = new HashMap<>();
        p.put("server.port", "0");
        p.put("sandlot.data-dir", Files.createTempDirectory(dataPrefix).toString());
        p.put("sandlot.rate-limit.enabled", "false");
        p.put("sandlot.engine.warm-pool.python", "0");
        return p;
    }

    /** As {@link #serverOnH2}, on a new database of the test PostgreSQL server. */
    public static Map<String, Object> serverOnPostgres(String dataPrefix) throws IOException {
        Map<String, Object> p = serverOnH2(dataPrefix);
        p.put("sandlot.db.url", PostgresServer.Database.newDatabase());
        p.put("sandlot.db.user", "postgres");
        p.put("sandlot.db.password", "postgres");
        return p;
    }

    /**
     * Starts the application with {@code properties} as command-line arguments, as an
     * operator would (they outrank everything, as test property sources would not).
     */
    public static ConfigurableApplicationContext start(Map<String, Object> properties) {
        String[] args = properties.entrySet()
            .stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
        return new SpringApplicationBuilder(SandlotApplication.class).run(args);
    }

    public static String base(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    public static String token(String base, String username, String password) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
            .build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body())
            .path("access_token")
            .asString();
    }

    /** A JSON request that must succeed (2xx); returns the answer. */
    public static JsonNode send(String base, String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null)
            b.header("Authorization", "Bearer " + token);
        b.method(method,
                body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .header("Content-Type", "application/json");
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

}
