package dev.sandlot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load through the HTTP API, with keep-alive connections (one per client): POST
 * /api/v1/execute with a Python hello world. Reports throughput, latency and every
 * non-200 answer by status code; a 429 or 503 must carry Retry-After, and anything else
 * is an error.
 */
final class HttpLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String BODY = JSON
        .writeValueAsString(JSON.createObjectNode().put("language", "python").put("code", "print('Hello, World!')"));

    private HttpLoad() {
    }

    static void run(String baseUrl, List<Integer> levels, int seconds) throws Exception {
        URI uri = URI.create(baseUrl.replaceAll("/$", "") + "/api/v1/execute");
        // A fresh server runs its first requests interpreted; measure it once the JIT has
        // done its work.
        level(uri, 2, Math.max(5, seconds));
        Table table = new Table("clients", "requests/s", "p50 ms", "p90 ms", "p99 ms", "200",
                "429/503 with Retry-After", "other");
        boolean clean = true;
        for (int clients : levels) {
            Result r = level(uri, clients, seconds);
            table.row(clients, String.format(Locale.ROOT, "%.0f", r.perSecond()), Percentiles.ms(r.latency().p50()),
                    Percentiles.ms(r.latency().p90()), Percentiles.ms(r.latency().p99()), r.ok(), r.shed(), r.other());
            clean &= r.other().isEmpty();
        }
        table.print("HTTP POST /api/v1/execute, Python hello world, keep-alive, " + seconds + " s per level");
        if (!clean) {
            System.out.println("\nFAILED: some answers were neither 200 nor 429/503 with Retry-After");
            System.exit(1);
        }
    }

    record Result(double perSecond, Percentiles latency, int ok, int shed, Map<String, Integer> other) {
    }

    private static Result level(URI uri, int clients, int seconds) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger shed = new AtomicInteger();
        Map<String, Integer> other = Collections.synchronizedMap(new TreeMap<>());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                workers.add(pool.submit(() -> {
                    HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                    HttpRequest request = HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(BODY))
                        .build();
                    while (System.nanoTime() < deadline) {
                        long t = System.nanoTime();
                        try {
                            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                            int code = response.statusCode();
                            if (code == 200) {
                                latencies.add(System.nanoTime() - t);
                                ok.incrementAndGet();
                            }
                            else if ((code == 429 || code == 503)
                                    && response.headers().firstValue("Retry-After").isPresent()) {
                                shed.incrementAndGet();
                            }
                            else {
                                other.merge(Integer.toString(code), 1, Integer::sum);
                            }
                        }
                        catch (Exception e) {
                            other.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers)
                w.get();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        return new Result(latencies.size() / elapsed, Percentiles.of(latencies), ok.get(), shed.get(),
                Map.copyOf(other));
    }

}
