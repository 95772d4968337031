package dev.sandlot.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Sixteen clients at once get results, or a refusal with Retry-After: never another
 * error, never a hang.
 */
class ConcurrentClientsTest extends ServerTest {

    @Test
    void sixteenClientsOnlyEverSeeResultsOrRetryAfter() throws Exception {
        List<Future<Response>> responses = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 64; i++) {
                int n = i;
                responses.add(clients.submit(
                        () -> post("/api/v1/execute", Map.of("language", "python", "code", "print(" + n + " * 2)"))));
            }
        }
        int ok = 0;
        for (Future<Response> f : responses) {
            Response r = f.get();
            if (r.status() == 200) {
                ok++;
                assertThat(r.json().path("status").asString()).isEqualTo("ok");
            }
            else {
                assertThat(r.status()).isIn(429, 503);
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(ok).isPositive();
    }

}
