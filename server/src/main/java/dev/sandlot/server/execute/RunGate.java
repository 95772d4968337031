package dev.sandlot.server.execute;

import dev.sandlot.server.SandlotProperties;
import dev.sandlot.server.web.RejectedException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Bounds the runs in progress and the runs waiting for a slot. Past both, a
 * run is refused at once with 503 and Retry-After rather than queued without
 * end: the server never hangs or runs out of memory under load.
 */
@Component
public class RunGate {

    /** A held slot; closing it twice releases it once. */
    public static final class Permit implements AutoCloseable {
        private final Semaphore slots;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(Semaphore slots) {
            this.slots = slots;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) slots.release();
        }
    }

    private final int capacity;
    private final int maxQueued;
    private final long timeoutNanos;
    private final Semaphore slots;
    private final AtomicInteger waiting = new AtomicInteger();

    RunGate(SandlotProperties properties) {
        SandlotProperties.Concurrency c = properties.getConcurrency();
        this.capacity = c.getMaxRuns() > 0 ? c.getMaxRuns() : 2 * Runtime.getRuntime().availableProcessors();
        this.maxQueued = c.getMaxQueued() > 0 ? c.getMaxQueued() : 4 * capacity;
        this.timeoutNanos = c.getQueueTimeout().toNanos();
        this.slots = new Semaphore(capacity, true);
    }

    public Permit enter() {
        if (slots.tryAcquire()) return new Permit(slots);
        if (waiting.incrementAndGet() > maxQueued) {
            waiting.decrementAndGet();
            throw busy("all " + capacity + " run slots are busy and " + maxQueued + " runs are already waiting");
        }
        try {
            if (!slots.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
                throw busy("no run slot became free within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
            }
            return new Permit(slots);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy("interrupted while waiting for a run slot");
        } finally {
            waiting.decrementAndGet();
        }
    }

    private static RejectedException busy(String why) {
        return new RejectedException(HttpStatus.SERVICE_UNAVAILABLE, 2, "The server is busy: " + why + ". Retry shortly.");
    }

    public int capacity() {
        return capacity;
    }

    public int running() {
        return capacity - slots.availablePermits();
    }

    public int queued() {
        return Math.max(0, waiting.get());
    }
}
