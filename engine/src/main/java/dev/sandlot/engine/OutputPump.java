package dev.sandlot.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads one output stream of a sandbox until EOF, keeping at most {@code cap} bytes. The
 * first byte past the cap calls {@code onOverflow} (which ends the run); what follows is
 * read and dropped so the writer never blocks.
 */
final class OutputPump implements Runnable {

    private final InputStream in;

    private final long cap;

    private final Consumer<byte[]> listener;

    private final Runnable onOverflow;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

    private volatile boolean truncated;

    OutputPump(InputStream in, long cap, Consumer<byte[]> listener, Runnable onOverflow) {
        this.in = in;
        this.cap = cap;
        this.listener = listener;
        this.onOverflow = onOverflow;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (truncated)
                    continue;
                long room = cap - kept.size();
                int keep = (int) Math.min(room, n);
                if (keep > 0) {
                    kept.write(buffer, 0, keep);
                    listener.accept(Arrays.copyOf(buffer, keep));
                }
                if (keep < n) {
                    truncated = true;
                    onOverflow.run();
                }
            }
        }
        catch (IOException e) {
            // the pipe closed under us when the sandbox was killed
        }
    }

    byte[] bytes() {
        synchronized (kept) {
            return kept.toByteArray();
        }
    }

    boolean truncated() {
        return truncated;
    }

}
