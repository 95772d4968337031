package dev.sandlot.server.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Bounds password guessing without letting anyone lock an owner out. A failed sign-in
 * costs a token from the (account, address) pair, from the address, and from the account
 * as a whole, whether the account exists or not (so the limit reveals nothing). An empty
 * pair or address bucket refuses that client only, so nobody can lock out the owner from
 * another address. An empty account bucket (many addresses guessing) closes the account
 * to every device but those that have signed in to it before, which share a small slow
 * lane of their own; an admin can unlock it. Accounts are keyed by their name's skeleton,
 * so case and punctuation variants are the same account.
 *
 * <p>
 * A bucket untouched for its window has refilled, so it is forgotten then (the account
 * buckets after the account window, the others after the window); at most
 * {@value #MAX_BUCKETS} of each are kept, the least used going first.
 */
@Component
class LoginLimiter {

    static final int MAX_BUCKETS = 100_000;

    private final AccountProperties.Login config;

    /**
     * Per (address, account) pair, per address, and the known devices' lane of an
     * account.
     */
    private final Cache<String, Bucket> buckets;

    /** Per account, from every address. */
    private final Cache<String, Bucket> accounts;

    LoginLimiter(AccountProperties properties) {
        this.config = properties.login();
        this.buckets = expiringAfter(config.window());
        this.accounts = expiringAfter(config.accountWindow());
    }

    private static Cache<String, Bucket> expiringAfter(Duration window) {
        return Caffeine.newBuilder().expireAfterAccess(window).maximumSize(MAX_BUCKETS).build();
    }

    /**
     * Refuses the attempt when this client has used up its failures, or the account its
     * own.
     */
    void check(String address, String username, boolean knownDevice) {
        String account = accountKey(username);
        probe(pair(address, account), "This address has made too many failed sign-ins on this account");
        probe(address(address), "This address has made too many failed sign-ins");
        Bucket all = account(account);
        if (all.getAvailableTokens() > 0)
            return;
        if (!knownDevice) {
            probe(all, "This account has had too many failed sign-ins from many addresses; sign in from a device"
                    + " that has signed in to it before, or ask an admin to unlock it");
        }
        probe(knownLane(account), "This account has had too many failed sign-ins, even from known devices");
    }

    void failed(String address, String username, boolean knownDevice) {
        String account = accountKey(username);
        pair(address, account).tryConsume(1);
        address(address).tryConsume(1);
        if (!account(account).tryConsume(1) && knownDevice)
            knownLane(account).tryConsume(1);
    }

    /**
     * Forgets every failure counted against the account, from every address (an admin's
     * unlock).
     */
    void unlock(String username) {
        String account = accountKey(username);
        accounts.invalidate(account);
        buckets.asMap().keySet().removeIf(k -> k.equals("known:" + account) || k.endsWith("|" + account));
    }

    /**
     * How an account is locked now: closed to new devices (its own budget is spent), and
     * from how many addresses (their budget on it is spent).
     */
    record Lock(boolean newDevices, int addresses) {

        static final Lock NONE = new Lock(false, 0);

        boolean locked() {
            return newDevices || addresses > 0;
        }

    }

    /**
     * The locks on these accounts, by name (one pass over the buckets, however many
     * names).
     */
    Map<String, Lock> locks(Collection<String> usernames) {
        Map<String, String> byKey = new HashMap<>();
        for (String name : usernames)
            byKey.put(accountKey(name), name);
        Map<String, Integer> addresses = new HashMap<>();
        buckets.asMap().forEach((key, bucket) -> {
            int bar = key.lastIndexOf('|');
            if (key.startsWith("pair:") && bar > 0 && byKey.containsKey(key.substring(bar + 1)) && spent(bucket))
                addresses.merge(key.substring(bar + 1), 1, Integer::sum);
        });
        Map<String, Lock> locks = new HashMap<>();
        byKey.forEach((key, name) -> {
            Bucket all = accounts.getIfPresent(key);
            Lock lock = new Lock(all != null && spent(all), addresses.getOrDefault(key, 0));
            locks.put(name, lock.locked() ? lock : Lock.NONE);
        });
        return locks;
    }

    private static boolean spent(Bucket bucket) {
        return !bucket.estimateAbilityToConsume(1).canBeConsumed();
    }

    private static String accountKey(String username) {
        String skeleton = Usernames.skeleton(username);
        return "user:" + (skeleton.length() > 64 ? skeleton.substring(0, 64) : skeleton);
    }

    private Bucket pair(String address, String account) {
        return bucket(buckets, "pair:" + address + "|" + account, config.perPair(), config.window());
    }

    private Bucket address(String address) {
        return bucket(buckets, "ip:" + address, config.perAddress(), config.window());
    }

    private Bucket account(String account) {
        return bucket(accounts, account, config.perAccount(), config.accountWindow());
    }

    private Bucket knownLane(String account) {
        return bucket(buckets, "known:" + account, config.knownDevice(), config.window());
    }

    private static Bucket bucket(Cache<String, Bucket> cache, String key, int capacity, Duration window) {
        return cache.get(key,
                k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
                    .build());
    }

    private static void probe(Bucket bucket, String why) {
        var estimate = bucket.estimateAbilityToConsume(1);
        if (!estimate.canBeConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(estimate.getNanosToWaitForRefill()) + 1;
            throw AccountProblems.tooMany("sign-in-limited", "Too many failed sign-ins", "username", seconds,
                    why + "; retry in " + seconds + " s.");
        }
    }

    /** Forgets everything; for tests that need a clean slate between attacks. */
    void forgetAll() {
        buckets.invalidateAll();
        accounts.invalidateAll();
    }

}
