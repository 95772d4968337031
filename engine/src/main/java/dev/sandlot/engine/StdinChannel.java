package dev.sandlot.engine;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The program's stdin: bytes given up front, or typed while it runs. Writes never block
 * the caller: a writer thread feeds the pipe, so a program that does not read cannot
 * stall the supervisor that must time it out.
 */
final class StdinChannel {

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();

    private final long maxBytes;

    private long accepted;

    private boolean closed;

    private StdinChannel(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    static StdinChannel of(byte[] data) {
        StdinChannel channel = new StdinChannel(Long.MAX_VALUE);
        if (data.length > 0)
            channel.write(data);
        channel.close();
        return channel;
    }

    static StdinChannel interactive(long maxBytes) {
        return new StdinChannel(maxBytes);
    }

    static StdinChannel empty() {
        return of(new byte[0]);
    }

    /**
     * Queues bytes for the program; refuses them once the stream is closed or over its
     * cap.
     */
    synchronized void write(byte[] data) {
        if (closed)
            throw new IllegalStateException("stdin is closed");
        if (accepted + data.length > maxBytes) {
            throw new IllegalStateException("stdin may carry at most " + maxBytes + " bytes");
        }
        accepted += data.length;
        queue.add(data.clone());
    }

    synchronized void close() {
        if (closed)
            return;
        closed = true;
        queue.add(END);
    }

    /**
     * Feeds everything queued, now and later, to the stage's program on a thread of its
     * own.
     */
    void attach(StageRun stage, String runId) {
        Thread.ofVirtual().name("stdin-" + runId).start(() -> {
            try {
                for (byte[] chunk = queue.take(); chunk != END; chunk = queue.take()) {
                    stage.writeStdin(chunk);
                }
                stage.closeStdin();
            }
            catch (InterruptedException e) {
                stage.closeStdin();
            }
        });
    }

}
