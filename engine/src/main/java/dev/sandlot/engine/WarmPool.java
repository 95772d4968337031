package dev.sandlot.engine;

import dev.sandlot.engine.sandbox.Sandbox;
import dev.sandlot.engine.sandbox.SandboxProcess;
import dev.sandlot.engine.sandbox.SandboxSpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-started sandboxes for hot languages: cgroup joined, namespaces and tmpfs workspace
 * set up, interpreter started and waiting for its files. Each is used by one run and then
 * destroyed; a background thread per language keeps the pool full. An empty pool never
 * delays a run: the caller starts a cold sandbox instead.
 */
final class WarmPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WarmPool.class);

    /**
     * Old waiting sandboxes are replaced, so a run never lands in one started long ago.
     */
    private static final long MAX_AGE_NANOS = TimeUnit.MINUTES.toNanos(5);

    private record Warm(SandboxProcess process, long createdNanos) {
    }

    private static final class Slot {

        final Language language;

        final SandboxSpec spec;

        final int target;

        final Deque<Warm> ready = new ArrayDeque<>();

        Thread filler;

        Slot(Language language, SandboxSpec spec, int target) {
            this.language = language;
            this.spec = spec;
            this.target = target;
        }

    }

    private final Sandbox sandbox;

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    private volatile boolean closed;

    WarmPool(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    void add(Language language, SandboxSpec spec, int size) {
        if (size <= 0 || !spec.warm())
            return;
        Slot slot = new Slot(language, spec, size);
        slots.put(language.label(), slot);
        slot.filler = Thread.ofVirtual().name("warm-" + language.id()).start(() -> fill(slot));
    }

    /**
     * A waiting sandbox whose set-up matches {@code wanted} (same environment, mounts,
     * disk size and pre-started command), or null.
     */
    SandboxProcess take(Language language, SandboxSpec wanted) {
        Slot slot = slots.get(language.label());
        if (slot == null || !compatible(slot.spec, wanted))
            return null;
        synchronized (slot) {
            Warm warm;
            while ((warm = slot.ready.pollFirst()) != null) {
                if (warm.process().alive() && System.nanoTime() - warm.createdNanos() < MAX_AGE_NANOS) {
                    slot.notifyAll();
                    return warm.process();
                }
                warm.process().close();
            }
            slot.notifyAll();
            return null;
        }
    }

    /** How many sandboxes wait, per language label. */
    Map<String, Integer> readyCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        slots.forEach((label, slot) -> {
            synchronized (slot) {
                counts.put(label, slot.ready.size());
            }
        });
        return counts;
    }

    private static boolean compatible(SandboxSpec pooled, SandboxSpec wanted) {
        return pooled.warmCommand().equals(wanted.warmCommand()) && pooled.env().equals(wanted.env())
                && pooled.binds().equals(wanted.binds()) && pooled.diskBytes() == wanted.diskBytes()
                && pooled.outputBytes() == wanted.outputBytes();
    }

    private void fill(Slot slot) {
        long backoffMs = 0;
        while (!closed) {
            synchronized (slot) {
                retireOld(slot);
                while (!closed && slot.ready.size() >= slot.target) {
                    try {
                        slot.wait(TimeUnit.NANOSECONDS.toMillis(MAX_AGE_NANOS) / 4);
                    }
                    catch (InterruptedException e) {
                        return;
                    }
                    retireOld(slot);
                }
            }
            if (closed)
                return;
            try {
                SandboxProcess process = sandbox.start(slot.spec);
                synchronized (slot) {
                    if (closed) {
                        process.close();
                        return;
                    }
                    slot.ready.addLast(new Warm(process, System.nanoTime()));
                }
                backoffMs = 0;
            }
            catch (Exception e) {
                backoffMs = Math.min(30_000, Math.max(500, backoffMs * 2));
                log.warn("cannot pre-start a {} sandbox (retrying in {} ms): {}", slot.language.label(), backoffMs,
                        e.getMessage());
                try {
                    Thread.sleep(backoffMs);
                }
                catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void retireOld(Slot slot) {
        slot.ready.removeIf(w -> {
            boolean stale = !w.process().alive() || System.nanoTime() - w.createdNanos() >= MAX_AGE_NANOS;
            if (stale)
                w.process().close();
            return stale;
        });
    }

    @Override
    public void close() {
        closed = true;
        for (Slot slot : slots.values()) {
            if (slot.filler != null)
                slot.filler.interrupt();
            synchronized (slot) {
                slot.ready.forEach(w -> w.process().close());
                slot.ready.clear();
                slot.notifyAll();
            }
        }
    }

}
