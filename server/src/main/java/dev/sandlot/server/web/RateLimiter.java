package dev.sandlot.server.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A token bucket per client address for starting runs (Bucket4j), forgotten after
 * {@value #IDLE_MINUTES} minutes without a run. Switched off entirely by
 * {@code sandlot.rate-limit.enabled=false}.
 */
@Component
public class RateLimiter {

    static final int IDLE_MINUTES = 10;

    /**
     * Buckets kept at most; past it the least used go first (a flood of addresses costs
     * bounded memory).
     */
    static final int MAX_BUCKETS = 100_000;

    private final RateLimitProperties config;

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
        .expireAfterAccess(Duration.ofMinutes(IDLE_MINUTES))
        .maximumSize(MAX_BUCKETS)
        .build();

    RateLimiter(RateLimitProperties config) {
        this.config = config;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /**
     * Takes one token from the bucket {@code key} (an account, or an anonymous address
     * with a smaller budget), or throws a 429 that says when to retry.
     */
    public void acquire(String key, boolean signedIn) {
        if (!config.enabled())
            return;
        int capacity = signedIn ? config.capacity() : config.anonymousCapacity();
        int refill = signedIn ? config.refillPerMinute() : config.anonymousRefillPerMinute();
        Bucket bucket = buckets.get(key,
                c -> Bucket.builder()
                    .addLimit(
                            Bandwidth.builder().capacity(capacity).refillGreedy(refill, Duration.ofMinutes(1)).build())
                    .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1;
            throw new RejectedException(HttpStatus.TOO_MANY_REQUESTS, seconds,
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

}
