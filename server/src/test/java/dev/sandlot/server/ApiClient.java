package dev.sandlot.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP helpers for tests against the real server: JSON in and out, and signed-in users
 * with bearer tokens.
 */
public abstract class ApiClient {

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The one HTTP client of the tests: HTTP/1.1, as browsers and seed clients speak it.
     */
    protected static final HttpClient CLIENT = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private static final AtomicInteger USERS = new AtomicInteger();

    @LocalServerPort
    protected int port;

    /**
     * A response: status, headers, and the body as text and, when it is JSON, as a tree.
     */
    public record Response(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    /** A signed-in test user and the bearer token that authenticates it. */
    public record User(String username, String password, String token, long id) {
        public String authorization() {
            return "Bearer " + token;
        }
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    protected Response post(String path, Object body) {
        return post(path, JSON.writeValueAsString(body));
    }

    protected Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A request with {@code user}'s bearer token (null for anonymous). */
    protected Response as(User user, String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (user != null)
            b.header("Authorization", user.authorization());
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        else {
            b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers
                    .ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        }
        return send(b);
    }

    protected Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = CLIENT.send(request.timeout(Duration.ofSeconds(90)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static String form(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&")
            .append(k)
            .append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    /** A one-file Python project of {@code user}'s; returns its id. */
    protected long pythonProject(User user) {
        return as(user, "POST", "/api/v1/projects", Map.of("name", "p", "language", "python", "files",
                List.of(Map.of("path", "main.py", "content", "print(1)\n"))))
            .json()
            .path("id")
            .asLong();
    }

    /** The terminal WebSocket of a project. */
    protected URI terminalUri(long project) {
        return URI.create("ws://localhost:" + port + "/api/v1/projects/" + project + "/terminal");
    }

    /** Creates a task as {@code reviewer}; returns its id. */
    protected long newTask(User reviewer, Map<String, ?> task) {
        Response created = as(reviewer, "POST", "/api/v1/tasks", task);
        if (created.status() != 201)
            throw new IllegalStateException("task not created: " + created.body());
        return created.json().path("id").asLong();
    }

    /**
     * Makes a share link of {@code task} and starts an attempt through it as
     * {@code candidate}.
     */
    protected JsonNode attemptByLink(User reviewer, long task, User candidate) {
        String token = as(reviewer, "POST", "/api/v1/tasks/" + task + "/link", Map.of()).json()
            .path("link")
            .path("token")
            .asString();
        return as(candidate, "POST", "/api/v1/tasks/by-link/" + token + "/attempts", null).json();
    }

    /** Signs up a fresh learner and gets a bearer token for it. */
    protected User newUser() {
        String name = "user" + System.nanoTime() % 1_000_000_000 + "x" + USERS.incrementAndGet();
        String password = "correct horse " + name;
        Response signup = post("/api/v1/auth/signup", Map.of("username", name, "password", password));
        if (signup.status() != 201)
            throw new IllegalStateException("signup failed: " + signup.body());
        return new User(name, password, token(name, password), signup.json().path("id").asLong());
    }

    protected String token(String username, String password) {
        Response r = send(HttpRequest.newBuilder(uri("/api/v1/auth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password)))));
        if (r.status() != 200)
            throw new IllegalStateException("token failed: " + r.status() + " " + r.body());
        return r.json().path("access_token").asString();
    }

}
