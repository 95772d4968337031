package dev.sandlot.server.account;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Bounds password guessing without letting anyone lock an owner out. A failed
 * sign-in costs a token from the (account, address) pair, from the address,
 * and from the account as a whole, whether the account exists or not (so the
 * limit reveals nothing). An empty pair or address bucket refuses that client
 * only, so nobody can lock out the owner from another address. An empty
 * account bucket (many addresses guessing) closes the account to every device
 * but those that have signed in to it before, which share a small slow lane of
 * their own; an admin can unlock it. Accounts are keyed by their name's
 * skeleton, so case and punctuation variants are the same account.
 */
@Component
class LoginLimiter {

    private final AccountProperties.Login config;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    LoginLimiter(AccountProperties properties) {
        this.config = properties.login();
    }

    /** Refuses the attempt when this client has used up its failures, or the account its own. */
    void check(String address, String username, boolean knownDevice) {
        String account = accountKey(username);
        probe(pair(address, account), "This address has made too many failed sign-ins on this account");
        probe(address(address), "This address has made too many failed sign-ins");
        Bucket all = account(account);
        if (all.getAvailableTokens() > 0) return;
        if (!knownDevice) {
            probe(
                    all,
                    "This account has had too many failed sign-ins from many addresses; sign in from a device"
                            + " that has signed in to it before, or ask an admin to unlock it");
        }
        probe(knownLane(account), "This account has had too many failed sign-ins, even from known devices");
    }

    void failed(String address, String username, boolean knownDevice) {
        String account = accountKey(username);
        pair(address, account).tryConsume(1);
        address(address).tryConsume(1);
        if (!account(account).tryConsume(1) && knownDevice) knownLane(account).tryConsume(1);
    }

    /** Forgets every failure counted against the account, from every address (an admin's unlock). */
    void unlock(String username) {
        String account = accountKey(username);
        buckets.keySet().removeIf(k -> k.equals(account) || k.equals("known:" + account) || k.endsWith("|" + account));
    }

    private static String accountKey(String username) {
        String skeleton = Usernames.skeleton(username);
        return "user:" + (skeleton.length() > 64 ? skeleton.substring(0, 64) : skeleton);
    }

    private Bucket pair(String address, String account) {
        return bucket("pair:" + address + "|" + account, config.perPair(), config.window());
    }

    private Bucket address(String address) {
        return bucket("ip:" + address, config.perAddress(), config.window());
    }

    private Bucket account(String account) {
        return bucket(account, config.perAccount(), config.accountWindow());
    }

    private Bucket knownLane(String account) {
        return bucket("known:" + account, config.knownDevice(), config.window());
    }

    private Bucket bucket(String key, int capacity, Duration window) {
        return buckets.computeIfAbsent(
                key,
                k -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(capacity)
                                .refillGreedy(capacity, window)
                                .build())
                        .build());
    }

    private static void probe(Bucket bucket, String why) {
        var estimate = bucket.estimateAbilityToConsume(1);
        if (!estimate.canBeConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(estimate.getNanosToWaitForRefill()) + 1;
            throw AccountProblems.tooMany(
                    "sign-in-limited",
                    "Too many failed sign-ins",
                    "username",
                    seconds,
                    why + "; retry in " + seconds + " s.");
        }
    }

    private int capacity(String key) {
        if (key.startsWith("ip:")) return config.perAddress();
        if (key.startsWith("pair:")) return config.perPair();
        if (key.startsWith("known:")) return config.knownDevice();
        return config.perAccount();
    }

    @Scheduled(fixedDelay = 15, timeUnit = TimeUnit.MINUTES)
    void forgetFullBuckets() {
        buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= capacity(e.getKey()));
    }

    /** Forgets everything; for tests that need a clean slate between attacks. */
    void forgetAll() {
        buckets.clear();
    }
}
