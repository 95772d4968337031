package dev.sandlot.server.execute;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.web.RejectedException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Bounds the runs in progress and the runs waiting for a slot, and shares both among
 * clients (an account, or an address for anonymous runs):
 * <ul>
 * <li>a client may have at most its share of runs in progress and of queue places; past
 * it, 429 with Retry-After, whatever the rest of the server does;</li>
 * <li>anonymous runs never take the slots and queue places reserved for signed-in
 * users;</li>
 * <li>a freed slot goes to a waiting signed-in user first, then to the client with the
 * fewest runs in progress, then to the longest waiting;</li>
 * <li>each client has a budget of run-seconds (a bucket refilled over time, charged with
 * each run's wall time when it ends): a client in debt is refused (429) until it has
 * refilled, so batches of long runs within the rate of starts cannot keep the slots
 * either.</li>
 * </ul>
 * Past the queue a run is refused at once with 503 and Retry-After rather than queued
 * without end: the server never hangs or runs out of memory.
 */
@Component
public class RunGate {

    /** A held slot; closing it twice releases it once. */
    public final class Permit implements AutoCloseable {

        private final Client client;

        private final long grantedNanos = System.nanoTime();

        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(Client client) {
            this.client = client;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true))
                release(this);
        }

    }

    /**
     * One client's runs, waiting runs and run-seconds budget; guarded by the gate's lock.
     */
    private static final class Client {

        final boolean signedIn;

        int running;

        int queued;

        double balance;

        long refilledNanos = System.nanoTime();

        Client(boolean signedIn, double balance) {
            this.signedIn = signedIn;
            this.balance = balance;
        }

    }

    private static final class Waiter {

        final Client client;

        final long seq;

        final Condition granted;

        Permit permit;

        Waiter(Client client, long seq, Condition granted) {
            this.client = client;
            this.seq = seq;
            this.granted = granted;
        }

    }

    /**
     * Who gets a free slot first: signed-in users, then the client with the fewest runs
     * in progress.
     */
    private static final Comparator<Client> ORDER = Comparator.<Client>comparingInt(c -> c.signedIn ? 0 : 1)
        .thenComparingInt(c -> c.running);

    private final int capacity;

    private final int maxQueued;

    private final long timeoutNanos;

    private final int perClientRuns;

    private final int perClientQueued;

    private final int anonymousRuns;

    private final int anonymousQueued;

    private final FairShareProperties share;

    private final ReentrantLock lock = new ReentrantLock();

    private final Map<String, Client> clients = new HashMap<>();

    private final List<Waiter> waiters = new ArrayList<>();

    private int running;

    private int runningAnonymous;

    private int queuedAnonymous;

    private long seq;

    RunGate(ConcurrencyProperties concurrency, FairShareProperties share) {
        this.share = share;
        this.capacity = concurrency.maxRuns() > 0 ? concurrency.maxRuns()
                : 2 * Runtime.getRuntime().availableProcessors();
        this.maxQueued = concurrency.maxQueued() > 0 ? concurrency.maxQueued() : 4 * capacity;
        this.timeoutNanos = concurrency.queueTimeout().toNanos();
        this.perClientRuns = share.maxRunsPerClient() > 0 ? share.maxRunsPerClient() : Math.max(1, capacity / 2);
        this.perClientQueued = share.maxQueuedPerClient() > 0 ? share.maxQueuedPerClient() : Math.max(1, capacity / 2);
        int reservedRuns = share.signedInReservedRuns() > 0 ? share.signedInReservedRuns()
                : capacity > 1 ? Math.max(1, capacity / 4) : 0;
        int reservedQueue = share.signedInReservedQueue() > 0 ? share.signedInReservedQueue()
                : Math.max(1, maxQueued / 4);
        this.anonymousRuns = Math.max(1, capacity - reservedRuns);
        this.anonymousQueued = Math.max(1, maxQueued - reservedQueue);
    }

    /**
     * A slot for a run of {@code caller}, at once, after waiting its turn, or a refusal
     * (429 or 503).
     */
    public Permit enter(Caller caller) {
        String key = caller.rateLimitKey();
        lock.lock();
        try {
            Client client = clients.computeIfAbsent(key, k -> new Client(caller.signedIn(), burst(caller.signedIn())));
            refill(client);
            if (client.balance <= 0) {
                long seconds = (long) Math.ceil(-client.balance * 60.0 / perMinute(client.signedIn)) + 1;
                throw new RejectedException(HttpStatus.TOO_MANY_REQUESTS, seconds,
                        who(client) + " used its budget of run time (" + burst(client.signedIn) + " run-seconds, "
                                + perMinute(client.signedIn) + " more per minute)"
                                + (client.signedIn ? "" : "; signed-in users get more") + ". Retry in " + seconds
                                + " s.");
            }
            if (eligible(client)
                    && waiters.stream().noneMatch(w -> eligible(w.client) && ORDER.compare(w.client, client) <= 0)) {
                return grant(client); // a free slot, and nobody waiting for it comes
                                      // first
            }
            if (waiters.size() >= maxQueued || (!client.signedIn && queuedAnonymous >= anonymousQueued)) {
                throw busy(
                        "all " + capacity + " run slots are busy and " + waiters.size() + " runs are already waiting");
            }
            if (client.queued >= perClientQueued) {
                throw new RejectedException(HttpStatus.TOO_MANY_REQUESTS, 5,
                        who(client) + " has " + client.running + " runs in progress and " + client.queued
                                + " waiting, its share (" + perClientRuns + " and " + perClientQueued
                                + "). Wait for one to end.");
            }
            Waiter waiter = new Waiter(client, seq++, lock.newCondition());
            waiters.add(waiter);
            client.queued++;
            if (!client.signedIn)
                queuedAnonymous++;
            dispatch();
            long left = timeoutNanos;
            try {
                while (waiter.permit == null && left > 0)
                    left = waiter.granted.awaitNanos(left);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finally {
                if (waiter.permit == null) {
                    dequeue(waiter);
                }
            }
            if (waiter.permit != null)
                return waiter.permit;
            if (Thread.currentThread().isInterrupted())
                throw busy("interrupted while waiting for a run slot");
            throw busy("no run slot became free within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
        }
        finally {
            lock.unlock();
        }
    }

    private boolean eligible(Client client) {
        return running < capacity && client.running < perClientRuns
                && (client.signedIn || runningAnonymous < anonymousRuns);
    }

    private Permit grant(Client client) {
        running++;
        client.running++;
        if (!client.signedIn)
            runningAnonymous++;
        return new Permit(client);
    }

    private void dequeue(Waiter waiter) {
        if (waiters.remove(waiter)) {
            waiter.client.queued--;
            if (!waiter.client.signedIn)
                queuedAnonymous--;
        }
    }

    /**
     * Gives free slots to waiters: signed-in first, then the client with the fewest runs,
     * then the oldest.
     */
    private void dispatch() {
        while (running < capacity && !waiters.isEmpty()) {
            Waiter next = waiters.stream()
                .filter(w -> eligible(w.client))
                .min(Comparator.<Waiter, Client>comparing(w -> w.client, ORDER).thenComparingLong(w -> w.seq))
                .orElse(null);
            if (next == null)
                return;
            dequeue(next);
            next.permit = grant(next.client);
            next.granted.signal();
        }
    }

    private void release(Permit permit) {
        lock.lock();
        try {
            Client client = permit.client;
            running--;
            client.running--;
            if (!client.signedIn)
                runningAnonymous--;
            refill(client);
            client.balance -= (System.nanoTime() - permit.grantedNanos) / 1e9;
            dispatch();
        }
        finally {
            lock.unlock();
        }
    }

    private void refill(Client client) {
        long now = System.nanoTime();
        double add = (now - client.refilledNanos) / 60e9 * perMinute(client.signedIn);
        client.balance = Math.min(burst(client.signedIn), client.balance + add);
        client.refilledNanos = now;
    }

    private int burst(boolean signedIn) {
        return signedIn ? share.runSeconds() : share.anonymousRunSeconds();
    }

    private int perMinute(boolean signedIn) {
        return signedIn ? share.runSecondsPerMinute() : share.anonymousRunSecondsPerMinute();
    }

    private static String who(Client client) {
        return client.signedIn ? "This account" : "This address";
    }

    private static RejectedException busy(String why) {
        return new RejectedException(HttpStatus.SERVICE_UNAVAILABLE, 2,
                "The server is busy: " + why + ". Retry shortly.");
    }

    /** Forgets clients with nothing running or waiting whose budget is full again. */
    @Scheduled(fixedDelay = 5, timeUnit = TimeUnit.MINUTES)
    void forgetIdleClients() {
        lock.lock();
        try {
            clients.values().removeIf(c -> {
                refill(c);
                return c.running == 0 && c.queued == 0 && c.balance >= burst(c.signedIn);
            });
        }
        finally {
            lock.unlock();
        }
    }

    /** The longest wall time an anonymous run may ask for. */
    public long anonymousMaxWallTimeMs() {
        return share.anonymousMaxWallTime().toMillis();
    }

    public int capacity() {
        return capacity;
    }

    public int running() {
        lock.lock();
        try {
            return running;
        }
        finally {
            lock.unlock();
        }
    }

    public int queued() {
        lock.lock();
        try {
            return waiters.size();
        }
        finally {
            lock.unlock();
        }
    }

}
