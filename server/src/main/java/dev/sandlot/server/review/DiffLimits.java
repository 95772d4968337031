package dev.sandlot.server.review;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.web.Problems;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * What bounds the diff endpoint beyond the per-file cap on work: a token bucket per
 * account, a cache of the edit scripts of immutable snapshot pairs (weighed in bytes,
 * least recently used first out), and a server-wide cap on diffs computed at once, so
 * that however many arrive, the other requests keep the remaining processors.
 */
@Component
class DiffLimits {

    /**
     * A cached diff: per file, its edit script (one byte per line) and whether it was
     * simplified.
     */
    record Scripts(Map<String, byte[]> kinds, Map<String, Boolean> truncated, long bytes) {
    }

    private record Entry(Bucket bucket, long[] lastUsed) {
    }

    private final DiffProperties config;

    private final Semaphore computing;

    private final Map<Long, Entry> buckets = new ConcurrentHashMap<>();

    private final LinkedHashMap<String, Scripts> cache = new LinkedHashMap<>(64, 0.75f, true);

    private long cachedBytes;

    DiffLimits(DiffProperties config) {
        this.config = config;
        int permits = config.maxConcurrent() > 0 ? config.maxConcurrent()
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.computing = new Semaphore(permits, true);
    }

    DiffProperties config() {
        return config;
    }

    /**
     * Takes one diff from the caller's bucket, or refuses with a 429 problem that says
     * when to retry.
     */
    void acquire(Caller caller) {
        Entry entry = buckets.computeIfAbsent(caller.userId(),
                id -> new Entry(Bucket.builder()
                    .addLimit(Bandwidth.builder()
                        .capacity(config.burst())
                        .refillGreedy(config.perMinute(), Duration.ofMinutes(1))
                        .build())
                    .build(), new long[1]));
        entry.lastUsed()[0] = System.nanoTime();
        ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1;
            throw refused(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many diffs",
                    "asked for too many diffs: " + config.perMinute() + " per minute are allowed (bursts of "
                            + config.burst() + "). Retry in " + seconds + " s.",
                    seconds);
        }
    }

    /**
     * The cached scripts under {@code key}, or computes them with one of the server's few
     * diff permits and caches them.
     */
    Scripts cached(String key, Supplier<Scripts> compute) {
        synchronized (cache) {
            Scripts hit = cache.get(key);
            if (hit != null)
                return hit;
        }
        boolean permitted;
        try {
            permitted = computing.tryAcquire(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            permitted = false;
        }
        if (!permitted) {
            throw refused(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Server busy",
                    "cannot be diffed now: the server is computing as many diffs as it allows. Retry in 5 s.", 5);
        }
        try {
            synchronized (cache) {
                Scripts hit = cache.get(key); // computed by another request while this
                                              // one waited
                if (hit != null)
                    return hit;
            }
            Scripts computed = compute.get();
            put(key, computed);
            return computed;
        }
        finally {
            computing.release();
        }
    }

    private void put(String key, Scripts scripts) {
        long weight = scripts.bytes() + 64L * scripts.kinds().size() + key.length() * 2L;
        if (weight > config.cacheBytes() / 4)
            return;
        synchronized (cache) {
            Scripts old = cache.put(key, scripts);
            if (old != null)
                cachedBytes -= weigh(key, old);
            cachedBytes += weight;
            Iterator<Map.Entry<String, Scripts>> eldest = cache.entrySet().iterator();
            while (cachedBytes > config.cacheBytes() && eldest.hasNext()) {
                Map.Entry<String, Scripts> e = eldest.next();
                cachedBytes -= weigh(e.getKey(), e.getValue());
                eldest.remove();
            }
        }
    }

    private static long weigh(String key, Scripts s) {
        return s.bytes() + 64L * s.kinds().size() + key.length() * 2L;
    }

    private static ErrorResponseException refused(HttpStatus status, String kind, String title, String detail,
            long retryAfter) {
        ProblemDetail p = Problems.of(status, kind, title, "submissionId " + detail);
        p.setProperty("field", "submissionId");
        p.setProperty("retryAfterSeconds", retryAfter);
        ErrorResponseException e = new ErrorResponseException(status, p, null);
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        return e;
    }

    @Scheduled(fixedDelay = 5, timeUnit = TimeUnit.MINUTES)
    void forgetIdleAccounts() {
        long idle = System.nanoTime() - TimeUnit.MINUTES.toNanos(10);
        buckets.values().removeIf(e -> e.lastUsed()[0] < idle);
    }

}
