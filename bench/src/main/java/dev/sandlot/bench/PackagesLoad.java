package dev.sandlot.bench;

import dev.sandlot.engine.packages.TestIndex;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Per-project package installs end to end through {@code POST
 * /api/v1/projects/{id}/packages} (JSON answer) of a server started for the purpose,
 * whose pip index and npm registry are a loopback {@link TestIndex}. For each of N
 * distinct packages (so that every first install meets a cold download cache): the first
 * install in a new project, the same install in a second project (the proxy's
 * content-hash cache: the index's request counter of the file must not grow), and a run
 * of that project importing the package (cold, as every run with packages is). The same
 * for npm.
 */
final class PackagesLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    /** Base64 of random bytes, which deflate shrinks to about 3/4: a wheel of ~200 KB. */
    private static final int BLOB_CHARS = 270_000;

    private final String base;

    private final String token;

    private PackagesLoad(String base, String token) {
        this.base = base;
        this.token = token;
    }

    static void run(Path serverJar, int samples) throws Exception {
        try (TestIndex index = TestIndex.start()) {
            List<String> wheels = new ArrayList<>();
            List<String> tarballs = new ArrayList<>();
            for (int k = 0; k < samples; k++) {
                index.addWheel("sl-dep-" + k, "1.0", Map.of("sl_dep_" + k + ".py", "BASE = 41\n"), List.of());
                wheels.add(index.addWheel("sl-bench-" + k, "1.0",
                        Map.of("sl_bench_" + k + "/__init__.py",
                                "from sl_dep_" + k + " import BASE\nVALUE = BASE + 1\n", "sl_bench_" + k + "/blob.py",
                                "DATA = '" + blob(k) + "'\n"),
                        List.of("sl-dep-" + k + ">=1")));
                tarballs.add(index.addNpm("sl-bench-npm-" + k, "1.0.0",
                        Map.of("index.js", "module.exports = 'padded " + k + "';\n"), Map.of()));
            }
            Map<String, String> settings = Map.of("SANDLOT_PACKAGES_PYTHON_INDEX_URL", index.simpleUrl(),
                    "SANDLOT_PACKAGES_NPM_REGISTRY", index.npmUrl());
            try (ServerProcess server = ServerProcess.start(serverJar, settings)) {
                PackagesLoad load = new PackagesLoad(server.url(), signIn(server.url()));
                Table table = new Table("what", "p50 ms", "p95 ms", "max ms", "target",
                        "index downloads of the file (after 1st → 2nd install)");
                load.ecosystem(table, index, "pip", "python", "main.py", wheels, samples);
                load.ecosystem(table, index, "npm", "javascript", "main.js", tarballs, samples);
                table.print("Package installs, HTTP POST /api/v1/projects/{id}/packages, sequential (" + samples
                        + " distinct packages, each in two new projects)");
                // Fetched last: this request would count as a download.
                System.out.printf(
                        "%nwheel size: %d bytes (sl-bench-0; its dependency sl-dep-0 is tiny)%n", HTTP
                            .send(HttpRequest.newBuilder(URI.create(index.url() + wheels.getFirst())).build(),
                                    HttpResponse.BodyHandlers.ofByteArray())
                            .body().length);
            }
        }
    }

    private void ecosystem(Table table, TestIndex index, String client, String language, String entry,
            List<String> files, int samples) throws Exception {
        List<Long> first = new ArrayList<>();
        List<Long> cached = new ArrayList<>();
        List<Long> runs = new ArrayList<>();
        List<String> counters = new ArrayList<>();
        for (int k = 0; k < samples; k++) {
            String name = "python".equals(language) ? "sl-bench-" + k : "sl-bench-npm-" + k;
            String code = "python".equals(language) ? "import sl_bench_" + k + "\nprint(sl_bench_" + k + ".VALUE)\n"
                    : "console.log(require('sl-bench-npm-" + k + "'));\n";
            String expected = "python".equals(language) ? "42\n" : "padded " + k + "\n";
            long one = project(language, entry, code);
            first.add(install(one, language, name));
            int afterFirst = index.requests(files.get(k));
            long two = project(language, entry, code);
            cached.add(install(two, language, name));
            int afterSecond = index.requests(files.get(k));
            if (afterFirst != 1 || afterSecond != afterFirst) {
                throw new IllegalStateException(files.get(k) + " was requested " + afterFirst
                        + " times by the first install and " + afterSecond + " after the second: not from the cache");
            }
            counters.add(afterFirst + "→" + afterSecond);
            runs.add(run(two, expected));
        }
        String counter = counters.stream().distinct().count() == 1 ? counters.getFirst() + " (all)"
                : String.join(", ", counters);
        Percentiles f = Percentiles.of(first);
        Percentiles c = Percentiles.of(cached);
        Percentiles r = Percentiles.of(runs);
        table.row(client + ", first install in a new project (cold download cache)", Percentiles.ms(f.p50()),
                Percentiles.ms(f.p95()), Percentiles.ms(f.max()), "≤ 10 s", counter);
        table.row(client + ", the same package in a second project (proxy's cache)", Percentiles.ms(c.p50()),
                Percentiles.ms(c.p95()), Percentiles.ms(c.max()), "≤ 3 s", "no new request");
        table.row(language + " project run importing it (cold start)", Percentiles.ms(r.p50()), Percentiles.ms(r.p95()),
                Percentiles.ms(r.max()), "", "");
    }

    private long install(long project, String language, String name) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("ecosystem", "python".equals(language) ? "python" : "node");
        body.putArray("add").add(name);
        long t = System.nanoTime();
        JsonNode answer = JSON.readTree(send("POST", "/api/v1/projects/" + project + "/packages", token,
                "application/json", JSON.writeValueAsString(body), 200));
        long took = System.nanoTime() - t;
        if (!"installed".equals(answer.path("status").asString()))
            throw new IllegalStateException("install of " + name + " failed: " + answer);
        return took;
    }

    private long run(long project, String expected) throws Exception {
        long t = System.nanoTime();
        JsonNode answer = JSON
            .readTree(send("POST", "/api/v1/projects/" + project + "/run", token, "application/json", "{}", 200));
        long took = System.nanoTime() - t;
        if (!expected.equals(answer.path("stdout").asString()))
            throw new IllegalStateException("the project's run did not import its package: " + answer);
        return took;
    }

    private long project(String language, String entry, String code) throws Exception {
        ObjectNode body = JSON.createObjectNode()
            .put("name", "bench " + System.nanoTime())
            .put("language", language)
            .put("entry", entry);
        body.putArray("files").addObject().put("path", entry).put("content", code);
        return JSON
            .readTree(send("POST", "/api/v1/projects", token, "application/json", JSON.writeValueAsString(body), 201))
            .path("id")
            .asLong();
    }

    private static String blob(int seed) {
        byte[] bytes = new byte[BLOB_CHARS / 4 * 3];
        new Random(seed).nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String signIn(String base) throws Exception {
        String name = "pkgbench" + System.nanoTime() % 1_000_000;
        String password = "bench password " + name;
        PackagesLoad anonymous = new PackagesLoad(base, null);
        anonymous.send("POST", "/api/v1/auth/signup", null, "application/json",
                JSON.writeValueAsString(JSON.createObjectNode().put("username", name).put("password", password)), 201);
        String form = "username=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return JSON
            .readTree(
                    anonymous.send("POST", "/api/v1/auth/token", null, "application/x-www-form-urlencoded", form, 200))
            .path("access_token")
            .asString();
    }

    private String send(String method, String path, String bearer, String type, String body, int expected)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", type)
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(150))
            .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null)
            b.header("Authorization", "Bearer " + bearer);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected)
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }

}
