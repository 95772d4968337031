package dev.sandlot.engine.sandbox;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts every sandbox process from one long-lived platform thread. The launcher sets
 * PR_SET_PDEATHSIG so that a sandbox dies with the server; the kernel sends that signal
 * when the parent *thread* exits, so processes must not be started from pooled or virtual
 * threads that come and go.
 */
final class Spawner {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "sandlot-spawner");
        thread.setDaemon(true);
        return thread;
    });

    private Spawner() {
    }

    static Process start(ProcessBuilder builder) throws IOException {
        Future<Process> started = THREAD.submit(builder::start);
        try {
            return started.get();
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io)
                throw io;
            throw new IOException("cannot start " + builder.command().getFirst(), e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.cancel(false);
            throw new IOException("interrupted while starting a sandbox", e);
        }
    }

}
