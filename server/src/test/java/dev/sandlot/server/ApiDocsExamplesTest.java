package dev.sandlot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import dev.sandlot.server.web.ProblemType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document (/v3/api-docs) as Swagger UI (/docs) uses it. Every operation is
 * sent the way "Try it out" sends it, once per documented request example: the example
 * body as it is (or, without one, the body Swagger UI makes up from the schema), the
 * parameters' examples, path ids of data the test made first, by a browser session that
 * sends its CSRF token with every write, as /docs's request interceptor does. Each answer
 * must be a 2xx that the operation documents. And every operation documents its refusals
 * as problem details of the catalogued types.
 * <p>
 * A server of its own, new: the examples work, in their order, on a new server (the
 * account of the sign-up example must not exist yet).
 */
@TestPropertySource(properties = "test.context=api-docs-examples")
class ApiDocsExamplesTest extends ServerTest {

    /**
     * What "Try it out" cannot do, and why. Everything else in the document is sent.
     */
    private static final Map<String, String> EXCLUDED = Map.of("GET /api/v1/execute/stream",
            "a WebSocket upgrade, which Swagger UI's fetch cannot open (ExecuteStreamTest covers the protocol)");

    /**
     * Operations whose body names one of the caller's own records by id: the reader puts
     * in an id of theirs, as the example's summary says, and so does the test.
     */
    private static final Map<String, String> BODY_IDS = Map.of("POST /api/v1/submissions", "attemptId");

    /** Query parameters without an example, and why. */
    private static final Map<String, String> NO_EXAMPLE = Map.of("GET /api/v1/executions cursor",
            "only the nextCursor of a page before is valid", "GET /api/v1/admin/users cursor",
            "only the nextCursor of a page before is valid", "GET /actuator/prometheus format",
            "Actuator's, picked from a menu of its formats", "GET /actuator/metrics/{requiredMetricName} tag",
            "Actuator's optional key:value filter");

    private static final AtomicInteger NAMES = new AtomicInteger();

    @Autowired
    private AccountService accounts;

    private JsonNode api;

    private final List<WebSocket> terminals = new ArrayList<>();

    /** The example account, once the sign-up example made it, and its browser session. */
    private User ada;

    private Browser adaBrowser;

    private Browser reviewerBrowser;

    private Browser adminBrowser;

    private User reviewer;

    @AfterEach
    void closeTerminals() {
        terminals.forEach(WebSocket::abort);
    }

    private JsonNode api() {
        if (api == null) {
            Response r = get("/v3/api-docs");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            api = r.json();
        }
        return api;
    }

    /** An operation of the document. */
    private record Op(String method, String path, JsonNode node) {
        String key() {
            return method + " " + path;
        }
    }

    private List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        for (var path : api().path("paths").properties()) {
            for (var operation : path.getValue().properties())
                ops.add(new Op(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(), operation.getValue()));
        }
        return ops;
    }

    private static boolean sandlots(Op op) {
        return !op.path().startsWith("/actuator");
    }

    // ------------------------------------------------------------ the examples, sent

    @Test
    void everyDocumentedExampleSucceedsSentAsSwaggerUiSendsIt() throws Exception {
        List<Op> ops = new ArrayList<>(operations());
        // On a new server the examples work in this order: sign up, sign in, the rest.
        List<String> first = List.of("POST /api/v1/auth/signup", "POST /api/v1/auth/login");
        ops.sort((a, b) -> Integer.compare(rank(first, a), rank(first, b)));
        assertThat(ops).extracting(Op::key).containsAll(first).containsAll(EXCLUDED.keySet());

        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Op op : ops) {
            if (EXCLUDED.containsKey(op.key()))
                continue;
            for (Object body : bodies(op)) {
                Browser browser;
                Response r;
                try {
                    browser = browserFor(op);
                    r = browser.send(request(op, body));
                }
                catch (AssertionError | RuntimeException e) {
                    failures.add(op.key() + " could not be tried: " + e.getMessage());
                    continue;
                }
                sent++;
                boolean documented = op.node().path("responses").has(Integer.toString(r.status()));
                if (r.status() / 100 != 2 || !documented) {
                    failures.add(op.key() + " with " + JSON.writeValueAsString(body) + " answered " + r.status()
                            + (documented ? "" : " (undocumented)") + ": " + abbreviate(r.body()));
                }
                else if (op.key().equals("POST /api/v1/auth/login")) {
                    adaBrowser = browser;
                }
            }
        }
        assertThat(failures).as("examples that fail as Swagger UI sends them").isEmpty();
        assertThat(sent).isGreaterThan(80);
    }

    private static int rank(List<String> first, Op op) {
        int i = first.indexOf(op.key());
        return i < 0 ? first.size() : i;
    }

    /**
     * The bodies "Try it out" offers: each documented example of the first media type,
     * or, without one, what Swagger UI makes up from the schema; a zip for a zip upload.
     */
    private List<Object> bodies(Op op) throws IOException {
        JsonNode content = op.node().path("requestBody").path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            List<Object> none = new ArrayList<>();
            none.add(null);
            return none;
        }
        var media = content.properties().iterator().next();
        JsonNode type = media.getValue();
        List<Object> out = new ArrayList<>();
        if (media.getKey().equals("application/zip") || media.getKey().equals("application/octet-stream")) {
            out.add(zip());
            return out;
        }
        for (JsonNode example : type.path("examples").values())
            out.add(example.path("value"));
        if (out.isEmpty() && type.has("example"))
            out.add(type.path("example"));
        if (out.isEmpty())
            out.add(sample(type.path("schema"), 0));
        return out;
    }

    /**
     * The body Swagger UI makes up from a schema when there is no example: the schema's
     * example, else each property's, else a placeholder per type ({@code "string"}, 0,
     * true).
     */
    private Object sample(JsonNode schema, int depth) {
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asString().replace("#/components/schemas/", "");
            return sample(api().path("components").path("schemas").path(name), depth);
        }
        if (schema.has("example"))
            return schema.path("example");
        String type = schema.path("type").isArray() ? schema.path("type").path(0).asString()
                : schema.path("type").asString();
        if (depth > 5)
            return null;
        return switch (type) {
            case "array" -> List.of(sample(schema.path("items"), depth + 1));
            case "integer", "number" -> 0;
            case "boolean" -> true;
            case "string" -> "string";
            default -> {
                Map<String, Object> object = new LinkedHashMap<>();
                schema.path("properties")
                    .properties()
                    .forEach(p -> object.put(p.getKey(), sample(p.getValue(), depth + 1)));
                yield object;
            }
        };
    }

    /** The file a reader would pick for a zip upload: a one-file Python project. */
    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("main.py"));
            zip.write("print('Hello from a zip')\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** The request Swagger UI builds for {@code op} with {@code body}. */
    private HttpRequest.Builder request(Op op, Object body) throws Exception {
        Map<String, String> pathValues = pathValues(op);
        String path = op.path();
        StringBuilder query = new StringBuilder();
        for (JsonNode p : op.node().path("parameters")) {
            String name = p.path("name").asString();
            String in = p.path("in").asString();
            if (in.equals("path")) {
                String value = pathValues.containsKey(name) ? pathValues.get(name) : example(p);
                assertThat(value).as(op.key() + " path parameter " + name + " has an example").isNotNull();
                path = path.replace("{" + name + "}", encodeParameter(value));
            }
            else if (in.equals("query")) {
                String value = example(p);
                if (value != null)
                    query.append(query.isEmpty() ? "?" : "&")
                        .append(encodeParameter(name))
                        .append('=')
                        .append(encodeParameter(value));
            }
        }
        String server = api().path("servers").path(0).path("url").asString();
        assertThat(server).isEqualTo("http://localhost:" + port);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path + query));
        String accept = accept(op);
        if (accept != null)
            request.header("Accept", accept);
        if (body == null) {
            request.method(op.method(), HttpRequest.BodyPublishers.noBody());
            return request;
        }
        String contentType = op.node().path("requestBody").path("content").propertyNames().iterator().next();
        request.header("Content-Type", contentType);
        if (body instanceof byte[] bytes) {
            request.method(op.method(), HttpRequest.BodyPublishers.ofByteArray(bytes));
        }
        else if (contentType.startsWith("application/x-www-form-urlencoded")) {
            Map<String, String> fields = new LinkedHashMap<>();
            JSON.valueToTree(body).properties().forEach(f -> fields.put(f.getKey(), f.getValue().asString()));
            request.method(op.method(), HttpRequest.BodyPublishers.ofString(form(fields)));
        }
        else {
            JsonNode json = JSON.valueToTree(body);
            if (BODY_IDS.containsKey(op.key()))
                json = withOwnId(op, json);
            request.method(op.method(), HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(json)));
        }
        return request;
    }

    private JsonNode withOwnId(Op op, JsonNode body) {
        ObjectNode copy = (ObjectNode) body.deepCopy();
        String field = BODY_IDS.get(op.key());
        assertThat(copy.has(field)).as(op.key() + " example has " + field).isTrue();
        copy.put(field, attempt());
        return copy;
    }

    /**
     * The value Swagger UI fills a parameter in with: its example, else its schema's
     * default.
     */
    private static String example(JsonNode parameter) {
        JsonNode example = parameter.has("example") ? parameter.path("example")
                : parameter.path("schema").path("example");
        if (example.isMissingNode() || example.isNull())
            example = parameter.path("schema").path("default");
        return example.isMissingNode() || example.isNull() ? null : example.asString();
    }

    /**
     * Swagger UI's Accept: the media type of the operation's first 2xx answer with a
     * body.
     */
    private static String accept(Op op) {
        for (var response : op.node().path("responses").properties()) {
            if (response.getKey().startsWith("2") && !response.getValue().path("content").isEmpty())
                return response.getValue().path("content").propertyNames().iterator().next();
        }
        return null;
    }

    /**
     * A parameter as Swagger UI encodes it: everything but letters, digits and
     * {@code -._~} percent-encoded.
     */
    private static String encodeParameter(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~");
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    // ------------------------------------------------------------ who sends it

    /**
     * The browser an operation is tried from: anonymous for signing up and in, the
     * example account for most, a reviewer for managing tasks and reviewing, an admin for
     * the admin API, and a throwaway account for what ends its sessions or changes its
     * password.
     */
    private Browser browserFor(Op op) {
        String key = op.key();
        if (Set
            .of("POST /api/v1/auth/signup", "POST /api/v1/auth/login", "POST /api/v1/auth/token",
                    "GET /api/v1/tasks/by-link/{token}", "GET /api/v1/pad-links/{token}")
            .contains(key))
            return new Browser();
        if (Set.of("POST /api/v1/auth/password", "POST /api/v1/auth/sign-out-everywhere", "POST /api/v1/auth/logout")
            .contains(key))
            return signedIn(throwaway());
        if (op.path().startsWith("/api/v1/admin/"))
            return admin();
        boolean reviewing = (op.path().startsWith("/api/v1/tasks") && !op.path().endsWith("/attempts")
                && !op.path().startsWith("/api/v1/tasks/by-link/")) || key.equals("GET /api/v1/tasks/{id}/attempts")
                || (op.path().startsWith("/api/v1/submissions") && !key.equals("POST /api/v1/submissions"));
        if (op.path().startsWith("/api/v1/pads"))
            return reviewer();
        return reviewing ? reviewer() : ada();
    }

    /**
     * The example account's browser, signed in by the sign-in example; when that failed
     * (a failure already), an anonymous one, so that what needs no account is still
     * tried.
     */
    private Browser ada() {
        return adaBrowser != null ? adaBrowser : new Browser();
    }

    private User adaUser() {
        if (ada == null) {
            JsonNode credentials = bodyExample("POST /api/v1/auth/signup");
            String name = credentials.path("username").asString();
            String password = credentials.path("password").asString();
            long id = accounts.list().stream().filter(a -> a.username().equals(name)).findFirst().orElseThrow().id();
            ada = new User(name, password, token(name, password), id);
        }
        return ada;
    }

    private User reviewerUser() {
        if (reviewer == null) {
            reviewer = newUser();
            accounts.setRole(reviewer.id(), Role.REVIEWER);
        }
        return reviewer;
    }

    private Browser reviewer() {
        if (reviewerBrowser == null)
            reviewerBrowser = signedIn(reviewerUser());
        return reviewerBrowser;
    }

    private Browser admin() {
        if (adminBrowser == null) {
            User admin = newUser();
            accounts.setRole(admin.id(), Role.ADMIN);
            adminBrowser = signedIn(admin);
        }
        return adminBrowser;
    }

    /** A new learner whose password is the sign-up example's, as the examples expect. */
    private User throwaway() {
        String name = "docs" + NAMES.incrementAndGet() + "x" + System.nanoTime() % 100_000;
        String password = bodyExample("POST /api/v1/auth/signup").path("password").asString();
        Response signup = post("/api/v1/auth/signup", Map.of("username", name, "password", password));
        assertThat(signup.status()).as(signup.body()).isEqualTo(201);
        return new User(name, password, token(name, password), signup.json().path("id").asLong());
    }

    private Browser signedIn(User user) {
        Browser b = new Browser();
        Response login = b.send(HttpRequest.newBuilder(uri("/api/v1/auth/login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers
                .ofString(JSON.writeValueAsString(Map.of("username", user.username(), "password", user.password())))));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return b;
    }

    private JsonNode bodyExample(String key) {
        String[] parts = key.split(" ", 2);
        return api().path("paths")
            .path(parts[1])
            .path(parts[0].toLowerCase(Locale.ROOT))
            .path("requestBody")
            .path("content")
            .path("application/json")
            .path("examples")
            .values()
            .iterator()
            .next()
            .path("value");
    }

    /**
     * A browser tab on /docs: it keeps its cookies, and before a write without a bearer
     * credential it asks GET /api/v1/auth/csrf for the session's token and sends it in
     * X-XSRF-TOKEN, as the request interceptor /docs installs does.
     */
    private final class Browser {

        private final Map<String, String[]> cookies = new LinkedHashMap<>();

        Response send(HttpRequest.Builder request) {
            HttpRequest built = request.copy().build();
            String method = built.method();
            boolean bearer = built.headers()
                .firstValue("Authorization")
                .filter(a -> a.startsWith("Bearer "))
                .isPresent() || built.headers().firstValue("X-API-Key").isPresent();
            if (!Set.of("GET", "HEAD", "OPTIONS", "TRACE").contains(method) && !bearer) {
                Response csrf = exchange(
                        HttpRequest.newBuilder(uri("/api/v1/auth/csrf")).header("Accept", "application/json").GET());
                assertThat(csrf.status()).isEqualTo(200);
                request.header(csrf.json().path("headerName").asString(), csrf.json().path("token").asString());
            }
            return exchange(request);
        }

        private Response exchange(HttpRequest.Builder request) {
            HttpRequest peek = request.copy().build();
            String path = peek.uri().getPath();
            List<String> sent = new ArrayList<>();
            cookies.forEach((name, value) -> {
                if (path.startsWith(value[1]))
                    sent.add(name + "=" + value[0]);
            });
            if (!sent.isEmpty())
                request.header("Cookie", String.join("; ", sent));
            try {
                HttpResponse<String> r = CLIENT.send(request.timeout(Duration.ofSeconds(90)).build(),
                        HttpResponse.BodyHandlers.ofString());
                remember(r.headers());
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

        private void remember(HttpHeaders headers) {
            for (String set : headers.allValues("Set-Cookie")) {
                String[] parts = set.split(";");
                String[] pair = parts[0].split("=", 2);
                String cookiePath = "/";
                boolean gone = false;
                for (String attribute : Arrays.copyOfRange(parts, 1, parts.length)) {
                    String a = attribute.strip().toLowerCase(Locale.ROOT);
                    if (a.startsWith("path="))
                        cookiePath = attribute.strip().substring(5);
                    if (a.equals("max-age=0") || a.startsWith("expires=thu, 01 jan 1970"))
                        gone = true;
                }
                if (gone)
                    cookies.remove(pair[0].strip());
                else
                    cookies.put(pair[0].strip(), new String[] { pair[1], cookiePath });
            }
        }

    }

    // ------------------------------------------------------------ fixtures

    /**
     * The path ids of an operation: records of the caller's made first. Other path
     * parameters ({path}, {filename}, {requiredMetricName}) take their example, which the
     * fixtures make exist.
     */
    private Map<String, String> pathValues(Op op) throws Exception {
        String p = op.path();
        Map<String, String> v = new LinkedHashMap<>();
        if (p.startsWith("/api/v1/projects/{id}"))
            v.put("id", Long.toString(pythonProject(adaUser())));
        else if (p.startsWith("/api/v1/tasks/by-link/{token}"))
            v.put("token", task().path("link").path("token").asString());
        else if (p.startsWith("/api/v1/tasks/{id}"))
            v.put("id", task().path("id").asString());
        else if (p.startsWith("/api/v1/attempts/{id}"))
            v.put("id", Long.toString(attempt()));
        else if (p.startsWith("/api/v1/submissions/{id}")) {
            long submission = submission();
            v.put("id", Long.toString(submission));
            if (p.contains("{commentId}"))
                v.put("commentId", Long.toString(comment(submission)));
        }
        else if (p.startsWith("/api/v1/pads/{id}"))
            v.put("id", Long.toString(
                    pad(p.endsWith("/end") || p.endsWith("/scorecard"), p.endsWith("/scorecard")).path("id").asLong()));
        else if (p.startsWith("/api/v1/pad-links/{token}"))
            v.put("token", pad(false, false).path("links").path("candidate").path("token").asString());
        else if (p.startsWith("/api/v1/notifications/{id}"))
            v.put("id", Long.toString(notification()));
        else if (p.startsWith("/api/v1/executions/{id}"))
            v.put("id", execution());
        else if (p.startsWith("/api/v1/code/history/{execution_id}"))
            v.put("execution_id", execution());
        else if (p.startsWith("/api/v1/auth/api-keys/{id}"))
            v.put("id",
                    as(adaUser(), "POST", "/api/v1/auth/api-keys", Map.of("name", "fixture")).json()
                        .path("id")
                        .asString());
        else if (p.startsWith("/api/v1/admin/users/{id}"))
            v.put("id", Long.toString(throwaway().id()));
        else if (p.startsWith("/api/v1/terminals/{id}"))
            v.put("id", terminal());
        else if (p.startsWith("/api/load/{filename}") || p.startsWith("/api/delete/{filename}")) {
            Response saved = as(adaUser(), "POST",
                    "/api/save?code=print(1)&filename=" + parameterExample(op, "filename"), null);
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        }
        return v;
    }

    private static String parameterExample(Op op, String name) {
        for (JsonNode p : op.node().path("parameters"))
            if (p.path("name").asString().equals(name))
                return example(p);
        throw new IllegalStateException(op.key() + " has no parameter " + name);
    }

    /**
     * A blank Python pad of the reviewer's; with the example account joined as its
     * candidate, and ended, if asked.
     */
    private JsonNode pad(boolean withCandidate, boolean ended) {
        Response created = as(reviewerUser(), "POST", "/api/v1/pads", Map.of("title", "Docs", "language", "python"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode pad = created.json();
        if (withCandidate) {
            String token = pad.path("links").path("candidate").path("token").asString();
            Response joined = as(adaUser(), "POST", "/api/v1/pad-links/" + token + "/join", null);
            assertThat(joined.status()).as(joined.body()).isEqualTo(200);
        }
        if (ended) {
            Response end = as(reviewerUser(), "POST", "/api/v1/pads/" + pad.path("id").asLong() + "/end", null);
            assertThat(end.status()).as(end.body()).isEqualTo(200);
        }
        return pad;
    }

    /**
     * A task of the reviewer's with a starter main.py and a visible test, assigned to the
     * example account, with a share link.
     */
    private JsonNode task() {
        long id = newTask(reviewerUser(),
                Map.of("title", "Reverse", "language", "python", "starterFiles",
                        List.of(Map.of("path", "main.py", "content", "print(input()[::-1])\n")), "tests",
                        List.of(Map.of("name", "word", "stdin", "abc\n", "expectedStdout", "cba\n")), "assignees",
                        List.of(adaUser().username())));
        Response linked = as(reviewerUser(), "POST", "/api/v1/tasks/" + id + "/link", Map.of());
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        return linked.json();
    }

    /** The example account's attempt at a new task. */
    private long attempt() {
        Response opened = as(adaUser(), "POST", "/api/v1/tasks/" + task().path("id").asLong() + "/attempts", null);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json().path("id").asLong();
    }

    private long submission() {
        Response submitted = as(adaUser(), "POST", "/api/v1/submissions", Map.of("attemptId", attempt()));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.json().path("id").asLong();
    }

    private long comment(long submission) {
        Response c = as(reviewerUser(), "POST", "/api/v1/submissions/" + submission + "/comments",
                Map.of("body", "A remark"));
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        return c.json().path("id").asLong();
    }

    /** A notification of the example account's: being assigned a task. */
    private long notification() {
        task();
        return as(adaUser(), "GET", "/api/v1/notifications", null).json().path("items").path(0).path("id").asLong();
    }

    private String execution() {
        Response run = as(adaUser(), "POST", "/api/v1/execute", Map.of("language", "python", "code", "print(1)"));
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        return run.json().path("id").asString();
    }

    /** A running terminal of the example account's (its WebSocket stays open). */
    private String terminal() throws Exception {
        long project = pythonProject(adaUser());
        CompletableFuture<Void> started = new CompletableFuture<>();
        WebSocket socket = CLIENT.newWebSocketBuilder()
            .header("Authorization", adaUser().authorization())
            .buildAsync(terminalUri(project), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    if (data.toString().contains("\"session\""))
                        started.complete(null);
                    ws.request(1);
                    return null;
                }
            })
            .get(20, TimeUnit.SECONDS);
        terminals.add(socket);
        started.get(30, TimeUnit.SECONDS);
        JsonNode running = as(adaUser(), "GET", "/api/v1/terminals?projectId=" + project, null).json();
        assertThat(running.size()).isEqualTo(1);
        return running.path(0).path("id").asString();
    }

    // ------------------------------------------------------------ the refusals,
    // documented

    @Test
    void everyOperationDocumentsItsRefusalsAsProblemDetailsOfCataloguedTypes() {
        Set<String> catalogued = new HashSet<>();
        for (ProblemType t : ProblemType.values())
            catalogued.add(t.uri().toString());
        String description = api().path("info").path("description").asString();
        assertThat(description).as("the API description lists every problem type").contains(catalogued);
        assertThat(description).as("the API description says how to try it out").contains("Authorize", "CSRF");
        assertThat(api().path("components").path("schemas").has("ProblemDetail")).isTrue();

        List<String> wrong = new ArrayList<>();
        for (Op op : operations()) {
            boolean input = !op.node().path("parameters").isEmpty() || op.node().has("requestBody");
            // Any request with an unknown bearer token or API key, the run stream's too.
            if (!op.node().path("responses").path("401").toString().contains("urn:sandlot:problem:invalid-token"))
                wrong.add(op.key() + " does not document the 401 of an unknown credential");
            if (sandlots(op) && input && !op.node().path("responses").has("400"))
                wrong.add(op.key() + " takes input but documents no 400");
            for (var response : op.node().path("responses").properties()) {
                if (!response.getKey().startsWith("4") || !sandlots(op))
                    continue;
                JsonNode problem = response.getValue().path("content").path("application/problem+json");
                if (problem.isMissingNode() || !problem.path("schema")
                    .path("$ref")
                    .asString()
                    .equals("#/components/schemas/ProblemDetail")) {
                    wrong.add(op.key() + " " + response.getKey() + " is not documented as a ProblemDetail");
                    continue;
                }
                for (JsonNode example : problem.path("examples").values()) {
                    String type = example.path("value").path("type").asString();
                    if (!catalogued.contains(type)
                            || !example.path("value").path("status").asString().equals(response.getKey())
                            || !response.getValue().path("description").asString().contains(type))
                        wrong.add(op.key() + " " + response.getKey() + " documents " + type + " wrongly");
                }
                if (problem.path("examples").isEmpty())
                    wrong.add(op.key() + " " + response.getKey() + " names no problem type");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyRequestBodyAndParameterHasAnExample() {
        List<String> missing = new ArrayList<>();
        for (Op op : operations()) {
            for (var media : op.node().path("requestBody").path("content").properties()) {
                boolean structured = media.getKey().contains("json") || media.getKey().contains("form");
                if (structured && media.getValue().path("examples").isEmpty() && !media.getValue().has("example"))
                    missing.add(op.key() + " " + media.getKey() + " body");
            }
            for (JsonNode p : op.node().path("parameters")) {
                String name = p.path("name").asString();
                if (!p.path("in").asString().equals("header") && example(p) == null
                        && !NO_EXAMPLE.containsKey(op.key() + " " + name))
                    missing.add(op.key() + " parameter " + name);
            }
        }
        assertThat(missing).as("bodies and parameters Swagger UI would fill in with placeholders").isEmpty();
    }

    @Test
    void docsSendsTheSessionsCsrfTokenWithEveryWriteAndOffersBothWaysToAuthorize() {
        Response script = get("/swagger-ui/swagger-initializer.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("requestInterceptor", "'/api/v1/auth/csrf'", "csrf.headerName", "configUrl");

        JsonNode schemes = api().path("components").path("securitySchemes");
        assertThat(schemes.path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("password").path("flows").path("password").path("tokenUrl").asString())
            .isEqualTo("/api/v1/auth/token");
        // What the Authorize dialog's password flow sends: a form with grant_type and
        // scope too, and an empty client in a Basic header the server ignores.
        Response token = send(HttpRequest.newBuilder(uri("/api/v1/auth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(":".getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&scope=&"
                    + form(Map.of("username", reviewerUser().username(), "password", reviewerUser().password())))));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(token.json().path("token_type").asString()).isEqualTo("bearer");
    }

}
