package dev.sandlot.server.account;

import dev.sandlot.server.web.RejectedException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: every failed sign-in costs a token from the client
 * address's bucket and from the account name's bucket, whether the account
 * exists or not (so the limit itself reveals nothing); with either bucket
 * empty, even the right password is refused until it refills.
 */
@Component
class LoginLimiter {

    private static final int PER_ADDRESS = 30;
    private static final int PER_ACCOUNT = 10;
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Refuses the attempt when this address or account has used up its failures. */
    void check(String address, String username) {
        probe(bucket("ip:" + address, PER_ADDRESS));
        probe(bucket(accountKey(username), PER_ACCOUNT));
    }

    void failed(String address, String username) {
        bucket("ip:" + address, PER_ADDRESS).tryConsume(1);
        bucket(accountKey(username), PER_ACCOUNT).tryConsume(1);
    }

    private static String accountKey(String username) {
        return "user:" + AccountRepository.key(username == null ? "" : username);
    }

    private Bucket bucket(String key, int capacity) {
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, WINDOW).build()).build());
    }

    private static void probe(Bucket bucket) {
        var estimate = bucket.estimateAbilityToConsume(1);
        if (!estimate.canBeConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(estimate.getNanosToWaitForRefill()) + 1;
            throw new RejectedException(HttpStatus.TOO_MANY_REQUESTS, seconds,
                    "Too many failed sign-in attempts; retry in " + seconds + " s.");
        }
    }

    @Scheduled(fixedDelay = 15, timeUnit = TimeUnit.MINUTES)
    void forgetFullBuckets() {
        buckets.entrySet().removeIf(e ->
                e.getValue().getAvailableTokens() >= (e.getKey().startsWith("ip:") ? PER_ADDRESS : PER_ACCOUNT));
    }
}
