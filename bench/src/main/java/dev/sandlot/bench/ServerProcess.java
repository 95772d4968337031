package dev.sandlot.bench;

import dev.sandlot.engine.FileTrees;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sandlot server started for the HTTP benchmark: a free port, a throw-away data
 * directory, rate limiting off (it would answer the load with 429s).
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern ONE_TIME_PASSWORD = Pattern.compile("one-time password \\(shown only now\\): (\\S+)");

    private final Process process;

    private final int port;

    private final Path data;

    private ServerProcess(Process process, int port, Path data) {
        this.process = process;
        this.port = port;
        this.data = data;
    }

    static ServerProcess start(Path jar) throws Exception {
        return start(jar, Map.of());
    }

    /** The same server, with more environment settings (they win over the defaults). */
    static ServerProcess start(Path jar, Map<String, String> settings) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server jar at " + jar + "; build it (./sandlot build) or pass --url");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory("sandlot-bench-server");
        Path log = data.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                jar.toString(), "--server.port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().put("SANDLOT_RATE_LIMIT_ENABLED", "false");
        // The load comes from one address: measure the engine, not the per-client fair
        // share.
        builder.environment().put("SANDLOT_FAIR_SHARE_MAX_RUNS_PER_CLIENT", "1000");
        builder.environment().put("SANDLOT_FAIR_SHARE_MAX_QUEUED_PER_CLIENT", "1000");
        builder.environment().put("SANDLOT_FAIR_SHARE_ANONYMOUS_RUN_SECONDS", "1000000");
        builder.environment().put("SANDLOT_FAIR_SHARE_ANONYMOUS_RUN_SECONDS_PER_MINUTE", "1000000");
        builder.environment().put("SANDLOT_FAIR_SHARE_RUN_SECONDS", "1000000");
        builder.environment().put("SANDLOT_FAIR_SHARE_RUN_SECONDS_PER_MINUTE", "1000000");
        builder.environment().put("SANDLOT_TERMINAL_MAX_PER_ADDRESS", "64");
        builder.environment().put("SANDLOT_ACCOUNTS_SIGNUP_PER_ADDRESS", "1000");
        // 50 pads with two participants each, all from this one address and two accounts.
        builder.environment().put("SANDLOT_WEBSOCKET_MAX_PER_ADDRESS", "1024");
        builder.environment().put("SANDLOT_WEBSOCKET_MAX_PER_ACCOUNT", "1024");
        builder.environment().put("SANDLOT_DATA_DIR", data.toString());
        builder.environment().putAll(settings);
        ServerProcess server = new ServerProcess(builder.start(), port, data);
        server.awaitHealthy(log);
        return server;
    }

    long pid() {
        return process.pid();
    }

    /**
     * The first admin's one-time password, as the server printed it when it made the
     * account.
     */
    String adminPassword() throws IOException {
        Matcher m = ONE_TIME_PASSWORD.matcher(Files.readString(data.resolve("server.log")));
        return m.find() ? m.group(1) : null;
    }

    String url() {
        return "http://localhost:" + port;
    }

    private void awaitHealthy(Path log) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/api/v1/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
        for (int i = 0; i < 120; i++) {
            if (!process.isAlive())
                throw new IllegalStateException("the server exited: " + Files.readString(log));
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200)
                    return;
            }
            catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server did not become healthy in 60 s; see " + log);
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS))
                process.destroyForcibly();
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        FileTrees.delete(data);
    }

}
