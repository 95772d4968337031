package dev.sandlot.engine;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A run in progress, for interactive use: feed its stdin as the user types, close it,
 * stop the run, and wait for the result.
 */
public final class RunHandle {

    private final String id;

    private final StdinChannel stdin;

    private final Run run;

    private final CompletableFuture<RunResult> result;

    RunHandle(String id, StdinChannel stdin, Run run, CompletableFuture<RunResult> result) {
        this.id = id;
        this.stdin = stdin;
        this.run = run;
        this.result = result;
    }

    public String id() {
        return id;
    }

    /**
     * Sends bytes to the program's stdin.
     * @throws IllegalStateException when stdin was closed or would pass its size cap
     */
    public void writeStdin(byte[] data) {
        stdin.write(data);
    }

    public void writeStdin(String text) {
        writeStdin(text.getBytes(StandardCharsets.UTF_8));
    }

    /** End of input: the program reads EOF once it has read what was sent. */
    public void closeStdin() {
        stdin.close();
    }

    /**
     * Stops the run now; its status will be {@code killed} unless it had already ended.
     */
    public void kill() {
        run.kill();
    }

    public CompletableFuture<RunResult> result() {
        return result;
    }

    /** Waits for the result. */
    public RunResult await() {
        try {
            return result.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while waiting for run " + id, e);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("run " + id + " failed", e.getCause());
        }
    }

}
