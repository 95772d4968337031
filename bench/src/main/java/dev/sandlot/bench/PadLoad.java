package dev.sandlot.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Live pads through their public WebSocket, with the real Yjs clients the page uses (a
 * Node process running yjs and y-protocols from the front end's node_modules): edit
 * propagation from one typist to the other participants with 2 and with 8 in a pad, the
 * same with 50 pads typing at once, and the server's heap per open pad.
 */
final class PadLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String FILE = "main.py";

    private final String base;

    private final String adminPassword;

    private final Path nodeModules;

    private final OptionalLong serverPid;

    private PadLoad(String base, String adminPassword, Path nodeModules, OptionalLong serverPid) {
        this.base = base.replaceAll("/$", "");
        this.adminPassword = adminPassword;
        this.nodeModules = nodeModules;
        this.serverPid = serverPid;
    }

    /**
     * Runs the pad figures; {@code adminPassword} signs in as {@code admin}, who creates
     * the pads.
     */
    static void run(String baseUrl, String adminPassword, Path nodeModules, OptionalLong serverPid, int keys,
            int crowdPads) throws Exception {
        if (adminPassword == null) {
            System.out.println("\n(pads skipped: the admin password is unknown; with --url pass --admin-password)\n");
            return;
        }
        new PadLoad(baseUrl, adminPassword, nodeModules, serverPid).measure(keys, crowdPads);
    }

    private record Pad(long id, String candidateLink, String interviewerLink) {
    }

    private void measure(int keys, int crowdPads) throws Exception {
        String admin = token("admin", adminPassword);
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String name = "padbench" + System.nanoTime() % 1_000_000_000 + "x" + i;
            signup(name);
            others.add(token(name, "bench password " + name));
        }
        Pad two = pad(admin, "two");
        join(two.candidateLink(), others.get(0));
        Pad eight = pad(admin, "eight");
        join(eight.candidateLink(), others.get(0));
        for (int i = 1; i < 7; i++)
            join(eight.interviewerLink(), others.get(i));
        ObjectNode job = JSON.createObjectNode()
            .put("ws", base.replaceFirst("^http", "ws"))
            .put("file", FILE)
            .put("pauseMs", 500);
        ArrayNode scenarios = job.putArray("scenarios");
        scenario(scenarios, "2 participants, 1 pad", List.of(two), List.of(others.get(0), admin), keys);
        List<String> eightTokens = new ArrayList<>(others);
        eightTokens.add(admin);
        scenario(scenarios, "8 participants, 1 pad", List.of(eight), eightTokens, keys);

        long heapBefore = heapAfterGc();
        List<Pad> crowd = new ArrayList<>();
        for (int i = 0; i < crowdPads; i++) {
            Pad p = pad(admin, "crowd " + i);
            join(p.candidateLink(), others.get(0));
            crowd.add(p);
        }
        scenario(scenarios, "2 participants each, " + crowdPads + " pads typing at once", crowd,
                List.of(others.get(0), admin), keys);
        JsonNode answer = node(job);
        long heapAfter = heapAfterGc();

        Table table = new Table("measure", "samples", "p50 ms", "p90 ms", "p95 ms", "p99 ms", "max ms", "errors");
        for (JsonNode r : answer.path("results")) {
            List<Long> nanos = new ArrayList<>();
            for (JsonNode micros : r.path("latenciesMicros"))
                nanos.add(micros.asLong() * 1000);
            Percentiles p = Percentiles.of(nanos);
            table.row("edit propagation, " + r.path("name").asString(), p.count(), Percentiles.ms(p.p50()),
                    Percentiles.ms(p.p90()), Percentiles.ms(p.p95()), Percentiles.ms(p.p99()), Percentiles.ms(p.max()),
                    r.path("errors").size());
        }
        table.print("Live pads over WebSocket /api/v1/pads/{id}/live: real Yjs clients (Node), " + keys
                + " keystrokes by one typist per pad, 20 keys/s, each timed until it reaches every other participant");
        if (heapBefore >= 0 && heapAfter >= 0) {
            System.out.printf(Locale.ROOT,
                    "server heap after a full GC: %.1f MiB before the %d pads, %.1f MiB with them open"
                            + " (each typed into): %.1f KiB per open pad%n%n",
                    heapBefore / 1048576.0, crowdPads, heapAfter / 1048576.0,
                    (heapAfter - heapBefore) / 1024.0 / crowdPads);
        }
    }

    private void scenario(ArrayNode scenarios, String name, List<Pad> pads, List<String> tokens, int keys) {
        ObjectNode s = scenarios.addObject().put("name", name).put("keys", keys).put("paceMs", 50);
        ArrayNode list = s.putArray("pads");
        for (Pad p : pads) {
            ObjectNode o = list.addObject().put("id", p.id());
            ArrayNode t = o.putArray("tokens");
            tokens.forEach(t::add);
        }
    }

    /** Runs the Node clients on the job; their answer. */
    private JsonNode node(ObjectNode job) throws Exception {
        if (!Files.isDirectory(nodeModules.resolve("yjs")))
            throw new IllegalStateException("no yjs in " + nodeModules + "; build the front end (./sandlot build)");
        Path dir = Files.createTempDirectory("sandlot-pad-bench");
        try {
            Files.createSymbolicLink(dir.resolve("node_modules"), nodeModules.toAbsolutePath());
            Path script = dir.resolve("pad-load.mjs");
            try (InputStream in = PadLoad.class.getResourceAsStream("/pad-load.mjs")) {
                Files.write(script, in.readAllBytes());
            }
            Process p = new ProcessBuilder("node", "--experimental-websocket", "--no-warnings", script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
            p.getOutputStream().write(JSON.writeValueAsBytes(job));
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0)
                throw new IllegalStateException("the pad clients failed (exit " + p.exitValue() + ")");
            return JSON.readTree(out);
        }
        finally {
            dev.sandlot.engine.FileTrees.delete(dir);
        }
    }

    /** The server's used heap after a full GC (jcmd), or -1 if the server is not ours. */
    private long heapAfterGc() throws Exception {
        if (serverPid.isEmpty())
            return -1;
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(serverPid.getAsLong()), "GC.run")
            .redirectErrorStream(true)
            .start();
        gc.getInputStream().readAllBytes();
        gc.waitFor(60, TimeUnit.SECONDS);
        JsonNode used = JSON.readTree(get("/actuator/metrics/jvm.memory.used?tag=area:heap", null));
        return used.path("measurements").path(0).path("value").asLong(-1);
    }

    private Pad pad(String token, String title) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("title", "bench " + title).put("language", "python");
        JsonNode pad = JSON
            .readTree(send("POST", "/api/v1/pads", token, "application/json", JSON.writeValueAsString(body), 201));
        return new Pad(pad.path("id").asLong(), pad.path("links").path("candidate").path("token").asString(),
                pad.path("links").path("interviewer").path("token").asString());
    }

    private void join(String link, String token) throws Exception {
        send("POST", "/api/v1/pad-links/" + link + "/join", token, "application/json", "{}", 200);
    }

    private void signup(String name) throws Exception {
        ObjectNode signup = JSON.createObjectNode().put("username", name).put("password", "bench password " + name);
        send("POST", "/api/v1/auth/signup", null, "application/json", JSON.writeValueAsString(signup), 201);
    }

    private String token(String name, String password) throws Exception {
        String form = "username=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return JSON.readTree(send("POST", "/api/v1/auth/token", null, "application/x-www-form-urlencoded", form, 200))
            .path("access_token")
            .asString();
    }

    private String get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null)
            b.header("Authorization", "Bearer " + token);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String send(String method, String path, String token, String type, String body, int expected)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", type)
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null)
            b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected)
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }

}
