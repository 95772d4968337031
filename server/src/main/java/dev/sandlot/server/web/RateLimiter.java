package dev.sandlot.server.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A token bucket per client address for starting runs (Bucket4j). Switched
 * off entirely by {@code sandlot.rate-limit.enabled=false}.
 */
@Component
public class RateLimiter {

    private record Entry(Bucket bucket, long[] lastUsed) {}

    private final RateLimitProperties config;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();

    RateLimiter(RateLimitProperties config) {
        this.config = config;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /**
     * Takes one token from the bucket {@code key} (an account, or an anonymous
     * address with a smaller budget), or throws a 429 that says when to retry.
     */
    public void acquire(String key, boolean signedIn) {
        if (!config.enabled()) return;
        int capacity = signedIn ? config.capacity() : config.anonymousCapacity();
        int refill = signedIn ? config.refillPerMinute() : config.anonymousRefillPerMinute();
        Entry entry = buckets.computeIfAbsent(
                key,
                c -> new Entry(
                        Bucket.builder()
                                .addLimit(Bandwidth.builder()
                                        .capacity(capacity)
                                        .refillGreedy(refill, Duration.ofMinutes(1))
                                        .build())
                                .build(),
                        new long[1]));
        entry.lastUsed()[0] = System.nanoTime();
        ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1;
            throw new RejectedException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    seconds,
                    (signedIn ? "This account" : "This address") + " started too many runs; " + refill
                            + " per minute are allowed (bursts of " + capacity + ")"
                            + (signedIn ? "" : "; signed-in users get more") + ". Retry in " + seconds + " s.");
        }
    }

    public String clientOf(HttpServletRequest request) {
        return clientOf(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
    }

    public String clientOf(String remoteAddress, String forwardedFor) {
        if (config.trustForwardedFor() && forwardedFor != null && !forwardedFor.isBlank()) {
            return forwardedFor.split(",")[0].strip();
        }
        return remoteAddress;
    }

    @Scheduled(fixedDelay = 5, timeUnit = TimeUnit.MINUTES)
    void forgetIdleClients() {
        long idle = System.nanoTime() - TimeUnit.MINUTES.toNanos(10);
        buckets.values().removeIf(e -> e.lastUsed()[0] < idle);
    }
}
