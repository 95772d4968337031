package dev.sandlot.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The terminal through its public WebSocket, as a browser uses it: sign in, create a
 * project, open its terminal (time until the prompt shows), type one key at a time and
 * wait for its echo (round trip through the server, the sandbox's pty and bash's line
 * editor), alone and with many terminals typing at once, and the time from signing in to
 * {@code python main.py} printing.
 */
final class TerminalLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A fast typist: 20 keys a second. */
    private static final int PACE_MS = 50;

    private final String base;

    private TerminalLoad(String base) {
        this.base = base.replaceAll("/$", "");
    }

    static void run(String baseUrl, int sessions, int keystrokes) throws Exception {
        new TerminalLoad(baseUrl).measure(sessions, keystrokes);
    }

    /** One terminal connection: what it printed, as the text of its output messages. */
    private static final class Screen implements WebSocket.Listener {

        final LinkedBlockingQueue<String> outputs = new LinkedBlockingQueue<>();

        final List<String> others = Collections.synchronizedList(new ArrayList<>());

        private final StringBuilder partial = new StringBuilder();

        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                JsonNode m = JSON.readTree(message);
                if (m.path("type").asString("").equals("output"))
                    outputs.add(m.path("data").asString(""));
                else
                    others.add(message);
            }
            ws.request(1);
            return null;
        }

        void type(String text) {
            ObjectNode input = JSON.createObjectNode().put("type", "input").put("data", text);
            socket.sendText(JSON.writeValueAsString(input), true).join();
        }

        /** Waits until output containing {@code wanted} arrives. */
        void await(String wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            StringBuilder seen = new StringBuilder();
            while (true) {
                String m = outputs.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (m == null)
                    throw new IllegalStateException("'" + wanted + "' did not appear; saw " + seen + " and " + others);
                // All the text so far, so that text split across two messages is still
                // found.
                seen.append(m);
                if (seen.indexOf(wanted) >= 0)
                    return;
            }
        }

    }

    private record Account(String token, long project) {
    }

    private void measure(int sessions, int keystrokes) throws Exception {
        List<Long> ready = new ArrayList<>();
        List<Long> opens = new ArrayList<>();
        List<Screen> screens = new ArrayList<>();
        try {
            for (int i = 0; i < sessions; i++) {
                long signIn = System.nanoTime();
                Account account = account("term" + System.nanoTime() % 1_000_000_000 + "x" + i);
                long open = System.nanoTime();
                Screen screen = open(account);
                opens.add(System.nanoTime() - open);
                screen.type("python main.py\r");
                screen.await("hello from main.py\r\n");
                ready.add(System.nanoTime() - signIn);
                screens.add(screen);
            }
            Percentiles alone = echo(screens.getFirst(), keystrokes);
            List<Long> together = Collections.synchronizedList(new ArrayList<>());
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Percentiles>> all = new ArrayList<>();
                for (Screen s : screens)
                    all.add(pool.submit(() -> echo(s, keystrokes, together)));
                for (Future<Percentiles> f : all)
                    f.get();
            }
            Percentiles crowd = Percentiles.of(together);
            List<Long> paced = Collections.synchronizedList(new ArrayList<>());
            int pacedKeys = Math.min(keystrokes, 300);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Percentiles>> all = new ArrayList<>();
                for (Screen s : screens)
                    all.add(pool.submit(() -> echo(s, pacedKeys, paced, PACE_MS)));
                for (Future<Percentiles> f : all)
                    f.get();
            }
            Percentiles typists = Percentiles.of(paced);
            Percentiles open = Percentiles.of(opens);
            Percentiles first = Percentiles.of(ready);

            Table table = new Table("measure", "samples", "p50 ms", "p90 ms", "p95 ms", "p99 ms", "max ms");
            table.row("open: WebSocket connect to prompt", open.count(), Percentiles.ms(open.p50()),
                    Percentiles.ms(open.p90()), Percentiles.ms(open.p95()), Percentiles.ms(open.p99()),
                    Percentiles.ms(open.max()));
            table.row("sign in to `python main.py` printed", first.count(), Percentiles.ms(first.p50()),
                    Percentiles.ms(first.p90()), Percentiles.ms(first.p95()), Percentiles.ms(first.p99()),
                    Percentiles.ms(first.max()));
            table.row("keystroke echo, 1 terminal typing", alone.count(), Percentiles.ms(alone.p50()),
                    Percentiles.ms(alone.p90()), Percentiles.ms(alone.p95()), Percentiles.ms(alone.p99()),
                    Percentiles.ms(alone.max()));
            table.row("keystroke echo, " + sessions + " terminals typing", crowd.count(), Percentiles.ms(crowd.p50()),
                    Percentiles.ms(crowd.p90()), Percentiles.ms(crowd.p95()), Percentiles.ms(crowd.p99()),
                    Percentiles.ms(crowd.max()));
            table.row("keystroke echo, " + sessions + " terminals typing " + 1000 / PACE_MS + " keys/s each",
                    typists.count(), Percentiles.ms(typists.p50()), Percentiles.ms(typists.p90()),
                    Percentiles.ms(typists.p95()), Percentiles.ms(typists.p99()), Percentiles.ms(typists.max()));
            table.print(
                    "Terminal over WebSocket /api/v1/projects/{id}/terminal: " + sessions + " sessions, " + keystrokes
                            + " keystrokes each, one at a time (each waits for its echo; paced: " + pacedKeys + ")");
        }
        finally {
            for (Screen s : screens)
                s.socket.abort();
        }
    }

    private Percentiles echo(Screen screen, int keystrokes) throws InterruptedException {
        return echo(screen, keystrokes, new ArrayList<>());
    }

    private Percentiles echo(Screen screen, int keystrokes, List<Long> into) throws InterruptedException {
        return echo(screen, keystrokes, into, 0);
    }

    /**
     * Types keys one at a time, waiting for each echo, then {@code paceMs} before the
     * next (0: at once).
     */
    private Percentiles echo(Screen screen, int keystrokes, List<Long> into, int paceMs) throws InterruptedException {
        List<Long> mine = new ArrayList<>();
        screen.outputs.clear();
        for (int i = 0; i < keystrokes; i++) {
            if (i > 0 && i % 60 == 0) {
                screen.type("\u0015"); // ^U: clear the line, so it never wraps
                Thread.sleep(5);
                screen.outputs.clear();
            }
            String key = String.valueOf((char) ('a' + i % 26));
            long sent = System.nanoTime();
            screen.type(key);
            screen.await(key);
            mine.add(System.nanoTime() - sent);
            if (paceMs > 0)
                Thread.sleep(paceMs);
        }
        screen.type("\u0015");
        into.addAll(mine);
        return Percentiles.of(mine);
    }

    private Account account(String name) throws Exception {
        String password = "bench password " + name;
        ObjectNode signup = JSON.createObjectNode().put("username", name).put("password", password);
        post("/api/v1/auth/signup", null, "application/json", JSON.writeValueAsString(signup), 201);
        String form = "username=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        String token = field(post("/api/v1/auth/token", null, "application/x-www-form-urlencoded", form, 200),
                "access_token");
        ObjectNode project = JSON.createObjectNode().put("name", "bench").put("language", "python");
        project.putArray("files").addObject().put("path", "main.py").put("content", "print('hello from main.py')\n");
        String created = post("/api/v1/projects", token, "application/json", JSON.writeValueAsString(project), 201);
        return new Account(token, Long.parseLong(field(created, "id")));
    }

    private Screen open(Account account) throws Exception {
        Screen screen = new Screen();
        URI uri = URI.create(base.replaceFirst("^http", "ws") + "/api/v1/projects/" + account.project()
                + "/terminal?cols=120&rows=30");
        screen.socket = HTTP.newWebSocketBuilder()
            .header("Authorization", "Bearer " + account.token())
            .buildAsync(uri, screen)
            .get(20, TimeUnit.SECONDS);
        screen.await("$ ");
        return screen;
    }

    private String post(String path, String token, String type, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", type)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null)
            b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected)
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    /** A field of a JSON answer, as text. */
    private static String field(String json, String name) {
        JsonNode value = JSON.readTree(json).path(name);
        if (!value.isValueNode() || value.isNull())
            throw new IllegalStateException("unexpected answer: " + json);
        return value.asString();
    }

}
