package dev.sandlot.engine;

import static dev.sandlot.engine.sandbox.HelperProtocol.frame;

import dev.sandlot.engine.sandbox.HelperProtocol;
import dev.sandlot.engine.sandbox.SandboxProcess;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shell on a pty in a long-lived sandbox: the same confinement as a run (namespaces,
 * read-only system, cgroup, seccomp, unprivileged uid), with a workspace that lives as
 * long as the terminal. The pty is made by the sandbox init inside the sandbox, so the
 * shell has a controlling terminal and ^C reaches the foreground job as on any terminal.
 * Files of the workspace are read and written by the init too, inside the sandbox, so the
 * host never follows a path the user's programs control.
 */
public final class Terminal implements AutoCloseable {

    /**
     * What happens in the terminal, called from its reader thread; implementations must
     * be quick.
     */
    public interface Listener {

        /** Bytes the terminal printed: text, escape sequences, anything. */
        void output(byte[] bytes);

        /**
         * The shell ended (code or signal), or the terminal was closed or failed (error).
         */
        void ended(Ended ended);

    }

    /**
     * How a terminal ended: the shell's exit code or signal, or why it could not go on.
     */
    public record Ended(Integer code, Integer signal, String error) {
    }

    /** One entry of the workspace listing. */
    public record Entry(String path, boolean utf8Name, Kind kind, long size, long modifiedNanos) {
        public enum Kind {

            FILE, SYMLINK, OTHER

        }
    }

    /**
     * The workspace listing; {@code truncated} when it held more entries or depth than is
     * listed.
     */
    public record Listing(List<Entry> entries, boolean truncated) {
    }

    /** A file read from the workspace: its bytes, or why not. */
    public record FileRead(Outcome outcome, long size, byte[] content) {
        public enum Outcome {

            OK, TOO_LARGE, UNREADABLE

        }
    }

    private static final Logger log = LoggerFactory.getLogger(Terminal.class);

    private static final int MAX_QUEUED_BYTES = 4 << 20;

    private static final byte[] CLOSE = new byte[0];

    private final String label;

    private final SandboxProcess sandbox;

    private final Listener listener;

    private final ArrayDeque<CompletableFuture<Object>> answers = new ArrayDeque<>();

    private final LinkedBlockingQueue<byte[]> outgoing = new LinkedBlockingQueue<>();

    private final AtomicLong queuedBytes = new AtomicLong();

    private final CompletableFuture<Ended> end = new CompletableFuture<>();

    private final Consumer<Terminal> onClose;

    private volatile boolean closing;

    /** The sandbox is gone: nothing more can be read or written. */
    private volatile boolean gone;

    Terminal(String label, SandboxProcess sandbox, Listener listener, Consumer<Terminal> onClose) {
        this.label = label;
        this.sandbox = sandbox;
        this.listener = listener;
        this.onClose = onClose;
        Thread.ofVirtual().name("terminal-out-" + sandbox.name()).start(this::readLoop);
        Thread.ofVirtual().name("terminal-in-" + sandbox.name()).start(this::writeLoop);
        Thread.ofVirtual().name("terminal-err-" + sandbox.name()).start(this::drainStderr);
    }

    public String label() {
        return label;
    }

    /**
     * Completes when the shell has ended or the terminal was closed. After the shell ends
     * the workspace can still be listed and read until {@link #close()}.
     */
    public CompletableFuture<Ended> ended() {
        return end;
    }

    public boolean alive() {
        return !end.isDone();
    }

    /**
     * Keystrokes or pasted text, as bytes; false if dropped because the shell is not
     * reading.
     */
    public boolean input(byte[] bytes) {
        return bytes.length == 0 || enqueue(frame(HelperProtocol.INPUT, bytes));
    }

    public void resize(int cols, int rows) {
        if (cols < 1 || cols > TerminalRequest.MAX_COLS)
            throw new InvalidFieldException("cols", "must be between 1 and " + TerminalRequest.MAX_COLS);
        if (rows < 1 || rows > TerminalRequest.MAX_ROWS)
            throw new InvalidFieldException("rows", "must be between 1 and " + TerminalRequest.MAX_ROWS);
        enqueue(frame(HelperProtocol.RESIZE, HelperProtocol.size(cols, rows)));
    }

    /** Sends a signal (e.g. 2, SIGINT) to the foreground job of the terminal. */
    public void signal(int signal) {
        enqueue(frame(HelperProtocol.SIGNAL, HelperProtocol.u32(signal)));
    }

    /**
     * Writes a workspace file (atomically, by rename); fails with the reason the sandbox
     * gave.
     */
    public CompletableFuture<Void> writeFile(String path, byte[] content) {
        SourcePaths.validate("path", path);
        return request(frame(HelperProtocol.WRITE_FILE, HelperProtocol.file(0644, path, content)))
            .thenAccept(Terminal::acknowledged);
    }

    public CompletableFuture<Void> deleteFile(String path) {
        SourcePaths.validate("path", path);
        return request(frame(HelperProtocol.DELETE_FILE, path.getBytes(StandardCharsets.UTF_8)))
            .thenAccept(Terminal::acknowledged);
    }

    /** Lists the regular files, symlinks and other non-directories of the workspace. */
    public CompletableFuture<Listing> list() {
        return request(frame(HelperProtocol.LIST, new byte[0])).thenApply(answer -> (Listing) answer);
    }

    /**
     * Reads a regular workspace file of at most {@code maxBytes}; symlinks and FIFOs are
     * not followed.
     */
    public CompletableFuture<FileRead> read(String path, int maxBytes) {
        return request(frame(HelperProtocol.READ_FILE, HelperProtocol.readFile(maxBytes, path)))
            .thenApply(answer -> (FileRead) answer);
    }

    /** Ends the terminal: kills everything in it and removes its cgroup. */
    @Override
    public void close() {
        closing = true;
        outgoing.add(CLOSE);
        sandbox.close();
        onClose.accept(this); // the reader runs it too, later; the engine's count must
                              // not wait for it
        finish(new Ended(null, null, "closed"));
    }

    /**
     * Whether the sandbox is gone (closed, or it died); until then files can be read even
     * after the shell ended.
     */
    public boolean closed() {
        return gone;
    }

    // ------------------------------------------------------------------ wire

    private boolean enqueue(byte[] frame) {
        if (end.isDone())
            return false;
        if (queuedBytes.addAndGet(frame.length) > MAX_QUEUED_BYTES) {
            queuedBytes.addAndGet(-frame.length);
            return false;
        }
        outgoing.add(frame);
        return true;
    }

    private CompletableFuture<Object> request(byte[] frame) {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        synchronized (answers) {
            if (gone) {
                answer.completeExceptionally(new IOException("the terminal has ended"));
                return answer;
            }
            // Answers come back in the order of requests, so queueing both under one lock
            // pairs them.
            answers.add(answer);
            outgoing.add(frame);
            queuedBytes.addAndGet(frame.length);
        }
        return answer;
    }

    private static void acknowledged(Object answer) {
        String error = (String) answer;
        if (error != null)
            throw new IllegalStateException(error);
    }

    private void writeLoop() {
        try {
            while (true) {
                byte[] frame = outgoing.take();
                if (frame == CLOSE)
                    return;
                queuedBytes.addAndGet(-frame.length);
                sandbox.send(frame);
            }
        }
        catch (IOException e) {
            // the sandbox is gone; the reader reports the end
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        try (DataInputStream in = new DataInputStream(sandbox.stdout())) {
            HelperProtocol.Frame frame;
            while ((frame = HelperProtocol.readFrame(in)) != null) {
                byte[] payload = frame.payload();
                switch (frame.type()) {
                    case HelperProtocol.OUTPUT -> listener.output(payload);
                    case HelperProtocol.ENDED -> finish(parseEnd(new String(payload, StandardCharsets.US_ASCII)));
                    case HelperProtocol.ACK -> answer(payload[0] == 1 ? null
                            : new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8));
                    case HelperProtocol.LISTING -> answer(parseListing(payload));
                    case HelperProtocol.FILE_CONTENT -> answer(parseFile(payload));
                    default -> throw new IOException("unknown frame type " + (int) frame.type());
                }
            }
        }
        catch (IOException | RuntimeException e) {
            if (!closing)
                log.warn("terminal {}: {}", label, e.toString());
        }
        Ended how = closing ? new Ended(null, null, "closed") : exitStatus();
        synchronized (answers) {
            gone = true;
            for (CompletableFuture<Object> answer : answers) {
                answer.completeExceptionally(new IOException("the terminal has ended"));
            }
            answers.clear();
        }
        outgoing.add(CLOSE);
        sandbox.close();
        finish(how);
        onClose.accept(this);
    }

    /** The shell's status line, as the init wrote it to its status file too. */
    private static Ended parseEnd(String line) {
        try {
            return ended(HelperProtocol.parseStatus(line));
        }
        catch (RuntimeException e) {
            return new Ended(null, null, "unreadable status: " + line.strip());
        }
    }

    private static Ended ended(SandboxProcess.Exit exit) {
        if (exit.error() != null)
            return new Ended(null, null, exit.error());
        return new Ended(exit.code(), exit.signal(), null);
    }

    private Ended exitStatus() {
        try {
            sandbox.waitFor(2000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SandboxProcess.Exit exit = sandbox.exit();
        if (exit == null)
            return new Ended(null, null, "the sandbox ended without a status");
        return ended(exit);
    }

    private void finish(Ended how) {
        if (!end.complete(how))
            return;
        try {
            listener.ended(how);
        }
        catch (RuntimeException e) {
            log.warn("terminal {}: listener failed: {}", label, e.toString());
        }
    }

    private void answer(Object value) throws IOException {
        CompletableFuture<Object> next;
        synchronized (answers) {
            next = answers.poll();
        }
        if (next == null)
            throw new IOException("an answer nobody asked for");
        next.complete(value);
    }

    private static Listing parseListing(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        boolean truncated = b.get() != 0;
        List<Entry> entries = new ArrayList<>();
        while (b.hasRemaining()) {
            char kind = (char) b.get();
            long size = b.getLong();
            long mtime = b.getLong();
            byte[] name = new byte[b.getInt()];
            b.get(name);
            String path = Utf8.decodeOrNull(name);
            boolean utf8 = path != null;
            if (!utf8)
                path = new String(name, StandardCharsets.UTF_8);
            entries.add(new Entry(path, utf8, switch (kind) {
                case 'f' -> Entry.Kind.FILE;
                case 'l' -> Entry.Kind.SYMLINK;
                default -> Entry.Kind.OTHER;
            }, size, mtime));
        }
        return new Listing(List.copyOf(entries), truncated);
    }

    private static FileRead parseFile(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        int status = b.get();
        long size = b.getLong();
        byte[] content = new byte[b.remaining()];
        b.get(content);
        return new FileRead(switch (status) {
            case 0 -> FileRead.Outcome.OK;
            case 1 -> FileRead.Outcome.TOO_LARGE;
            default -> FileRead.Outcome.UNREADABLE;
        }, size, content);
    }

    private void drainStderr() {
        try (InputStream err = sandbox.stderr()) {
            byte[] text = err.readNBytes(8192);
            if (text.length > 0 && !closing)
                log.warn("terminal {}: {}", label, new String(text, StandardCharsets.UTF_8).strip());
            err.transferTo(OutputStream.nullOutputStream());
        }
        catch (IOException e) {
            // closed with the sandbox
        }
    }

}
