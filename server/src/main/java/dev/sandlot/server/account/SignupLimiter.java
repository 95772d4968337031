package dev.sandlot.server.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sandlot.server.web.RateLimiter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Sign-up budgets per client address and for the whole server, taken before the name is
 * looked up or the password hashed, so a flood of sign-ups is refused cheaply and cannot
 * spend everyone's CPU on BCrypt. Off only when {@code sandlot.rate-limit.enabled=false}
 * switches every per-client limit off. An address's bucket untouched for the window has
 * refilled and is forgotten; at most {@value #MAX_ADDRESSES} are kept, the least used
 * going first.
 */
@Component
class SignupLimiter {

    static final int MAX_ADDRESSES = 100_000;

    private final AccountProperties.Signup config;

    private final RateLimiter rateLimiter;

    private final Cache<String, Bucket> perAddress;

    private volatile Bucket global;

    SignupLimiter(AccountProperties properties, RateLimiter rateLimiter) {
        this.config = properties.signup();
        this.rateLimiter = rateLimiter;
        this.perAddress = Caffeine.newBuilder().expireAfterAccess(config.window()).maximumSize(MAX_ADDRESSES).build();
        this.global = newBucket(config.global());
    }

    void acquire(String address) {
        if (!rateLimiter.enabled())
            return;
        Bucket mine = perAddress.get(address == null ? "" : address, a -> newBucket(config.perAddress()));
        ConsumptionProbe own = mine.tryConsumeAndReturnRemaining(1);
        if (!own.isConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(own.getNanosToWaitForRefill()) + 1;
            throw AccountProblems.tooMany("signup-limited", "Too many sign-ups", "username", seconds,
                    "This address has created too many accounts; " + config.perAddress() + " per "
                            + config.window().toMinutes() + " min are allowed. Retry in " + seconds + " s.");
        }
        ConsumptionProbe all = global.tryConsumeAndReturnRemaining(1);
        if (!all.isConsumed()) {
            mine.addTokens(1);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(all.getNanosToWaitForRefill()) + 1;
            throw AccountProblems.tooMany("signup-limited", "Too many sign-ups", "username", seconds,
                    "The server is taking no more new accounts for now. Retry in " + seconds + " s.");
        }
    }

    private Bucket newBucket(int capacity) {
        return Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, config.window()).build())
            .build();
    }

    /** Forgets everything; for tests that need a clean slate between attacks. */
    void forgetAll() {
        perAddress.invalidateAll();
        global = newBucket(config.global());
    }

}
