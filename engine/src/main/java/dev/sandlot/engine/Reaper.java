package dev.sandlot.engine;

import dev.sandlot.engine.sandbox.SandboxProcess;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tears sandboxes down off the result path. A run's result is ready once the program has
 * exited and the init has reported it; destroying the namespaces and removing the cgroup
 * takes the kernel a few more milliseconds, which the caller need not wait for. The
 * reaper counts what it still holds, so the engine can wait until nothing of a run is
 * left.
 */
final class Reaper {

    private static final Logger log = LoggerFactory.getLogger(Reaper.class);

    private int pending;

    void retire(SandboxProcess sandbox) {
        synchronized (this) {
            pending++;
        }
        Thread.ofVirtual().name("reap-" + sandbox.name()).start(() -> {
            try {
                sandbox.close();
            }
            catch (RuntimeException e) {
                log.error("cannot tear down sandbox {}: {}", sandbox.name(), e.toString());
            }
            finally {
                synchronized (this) {
                    pending--;
                    notifyAll();
                }
            }
        });
    }

    synchronized int pending() {
        return pending;
    }

    /**
     * Waits until every retired sandbox is gone; false if some are still there after
     * {@code timeout}.
     */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0)
                return false;
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

}
