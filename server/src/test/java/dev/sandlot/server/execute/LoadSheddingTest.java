package dev.sandlot.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Past the run slots and the queue, and past a client's rate, requests are answered at
 * once with 503 or 429 and Retry-After: never a hang.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "sandlot.data-dir=${java.io.tmpdir}/sandlot-server-test-${random.uuid}",
                "sandlot.concurrency.max-runs=1", "sandlot.concurrency.max-queued=1",
                "sandlot.concurrency.queue-timeout=10s", "sandlot.rate-limit.anonymous-capacity=6",
                "sandlot.rate-limit.anonymous-refill-per-minute=6", "sandlot.engine.warm-pool.python=0" })
@Tag("sandbox")
class LoadSheddingTest {

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private CompletableFuture<HttpResponse<String>> execute(String code) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/execute"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"language\":\"python\",\"code\":\"" + code + "\"}"));
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void overloadAndRateLimitAreAnsweredWithRetryAfter() throws Exception {
        // One run holds the only slot, one waits in the queue: the next ones are refused
        // at once.
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        inFlight.add(execute("import time\\ntime.sleep(2)"));
        Thread.sleep(500);
        inFlight.add(execute("print(1)"));
        Thread.sleep(300);
        long before = System.nanoTime();
        HttpResponse<String> refused = execute("print(2)").get();
        long refusedAfterMs = (System.nanoTime() - before) / 1_000_000;

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JsonMapper.builder().build().readTree(refused.body()).path("type").asString())
            .isEqualTo("urn:sandlot:problem:overloaded");
        assertThat(refusedAfterMs).isLessThan(1000);
        for (CompletableFuture<HttpResponse<String>> f : inFlight)
            assertThat(f.get().statusCode()).isEqualTo(200);

        // Three anonymous runs were started from this address above; a bucket of six
        // leaves three more, then 429.
        int ok = 0;
        HttpResponse<String> limited = null;
        for (int i = 0; i < 10 && limited == null; i++) {
            HttpResponse<String> r = execute("print(3)").get();
            if (r.statusCode() == 429)
                limited = r;
            else
                ok++;
        }
        assertThat(ok).isEqualTo(3);
        assertThat(limited).isNotNull();
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 11L);
    }

}
