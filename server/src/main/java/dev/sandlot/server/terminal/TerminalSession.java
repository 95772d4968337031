package dev.sandlot.server.terminal;

import dev.sandlot.engine.Signals;
import dev.sandlot.engine.Terminal;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.project.ProjectFilesChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One project's terminal: the sandboxed shell, the clients attached to it (tabs of the
 * owner, viewers), its recent output, and the sync of its workspace with the project.
 * File work and the ending run one at a time on the session's own operations thread,
 * never on the terminal's reader.
 */
final class TerminalSession implements Terminal.Listener {

    /** Someone attached: a browser tab or an API client. */
    interface Client {

        /** Sends one message; a client that fails is dropped. */
        void send(TerminalMessage message);

        /** Closes the connection after the session ended. */
        void close();

        boolean viewer();

        /** Who connected, as the handshake saw them. */
        Caller caller();

        /**
         * From now on this client only watches: its input, resizes and signals are
         * refused, and none of them is let through once this returns.
         */
        void watchOnly();

    }

    /** What a client may do now, as the rules say when asked again. */
    enum Right {

        /** May type. */
        CONTROL,
        /** May only watch. */
        WATCH,
        /** May not even watch (any more). */
        NONE

    }

    /** Why a session ended, as the clients are told. */
    enum Reason {

        EXIT("exit"), IDLE("idle"), DETACHED("detached"), EVICTED("evicted"), CLOSED("closed"), DELETED("deleted"),
        SHUTDOWN("shutdown"), ERROR("error");

        final String wire;

        Reason(String wire) {
            this.wire = wire;
        }

    }

    private static final Logger log = LoggerFactory.getLogger(TerminalSession.class);

    /** More clients than this on one terminal (tabs, viewers) are refused. */
    static final int MAX_CLIENTS = 8;

    /**
     * One account's share of a shared terminal's clients, so that a participant opening
     * tabs cannot keep the others from watching.
     */
    static final int MAX_CLIENTS_PER_USER_SHARED = MAX_CLIENTS / 2;

    /**
     * Output faster than any person reads (e.g. {@code yes}) is slowed down to this: the
     * reader waits, the sandbox's pty fills and the program blocks, so a flood costs the
     * server little.
     */
    private static final long MAX_OUTPUT_BYTES_PER_SECOND = 2L << 20;

    private static final long WINDOW_NANOS = 100_000_000;

    final String id = UUID.randomUUID().toString();

    final long projectId;

    final Caller owner;

    /**
     * The terminal of a project shared through a {@link TerminalAccess} (a pad's): not
     * counted against its starter's own cap.
     */
    volatile boolean shared;

    final Instant started = Instant.now();

    private final Duration idleTimeout;

    private final Scrollback scrollback;

    private final TerminalText text = new TerminalText();

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();

    /** Watchers already told that they may now type (after reconnecting). */
    private final Set<Client> toldMayControl = ConcurrentHashMap.newKeySet();

    private final ExecutorService operations;

    private final AtomicBoolean ending = new AtomicBoolean();

    private final AtomicBoolean syncQueued = new AtomicBoolean();

    private final Consumer<TerminalSession> onEnded;

    private final Object outputLock = new Object();

    private volatile Terminal terminal;

    private volatile WorkspaceSync sync;

    private volatile long lastInputNanos = System.nanoTime();

    private volatile long lastOutputNanos = System.nanoTime();

    private volatile long lastDetachNanos = System.nanoTime();

    private volatile Duration detachedIdleTimeout;

    private volatile long lastSyncNanos = System.nanoTime();

    private volatile boolean outputSinceSync;

    private volatile int cols;

    private volatile int rows;

    private long windowStart = System.nanoTime();

    private long windowBytes;

    TerminalSession(long projectId, Caller owner, Duration idleTimeout, int scrollbackBytes, int cols, int rows,
            Consumer<TerminalSession> onEnded) {
        this.projectId = projectId;
        this.owner = owner;
        this.idleTimeout = idleTimeout;
        this.scrollback = new Scrollback(scrollbackBytes);
        this.cols = cols;
        this.rows = rows;
        this.onEnded = onEnded;
        this.operations = Executors
            .newSingleThreadExecutor(Thread.ofVirtual().name("terminal-ops-" + projectId).factory());
    }

    void started(Terminal terminal, WorkspaceSync sync) {
        this.terminal = terminal;
        this.sync = sync;
    }

    boolean alive() {
        return !ending.get() && terminal != null && terminal.alive();
    }

    int clientCount() {
        return clients.size();
    }

    Duration idleFor() {
        return Duration.ofNanos(System.nanoTime() - lastInputNanos);
    }

    /**
     * How long nothing happened (input, output, a client leaving), for a terminal nobody
     * is attached to.
     */
    Duration quietFor() {
        long last = Math.max(lastInputNanos, Math.max(lastOutputNanos, lastDetachNanos));
        return Duration.ofNanos(System.nanoTime() - last);
    }

    /**
     * Ends the session sooner when no client is attached and nothing happens; null keeps
     * only the idle time-out.
     */
    void endWhenDetachedAndQuietFor(Duration timeout) {
        this.detachedIdleTimeout = timeout;
    }

    /**
     * Attaches a client: it gets a greeting, then the recent output, then everything
     * live.
     */
    void attach(Client client, boolean reattached) {
        synchronized (outputLock) {
            if (clients.size() >= MAX_CLIENTS) {
                client.send(TerminalMessage.Problem.of(429, "too-many-clients",
                        "This terminal already has " + MAX_CLIENTS + " connections; close a tab first.", null));
                client.close();
                return;
            }
            Long userId = client.caller().userId();
            if (shared && clients.stream()
                .filter(c -> c.caller().userId().equals(userId))
                .count() >= MAX_CLIENTS_PER_USER_SHARED) {
                client.send(
                        TerminalMessage.Problem
                            .of(429, "too-many-clients",
                                    "You already have " + MAX_CLIENTS_PER_USER_SHARED
                                            + " connections to this shared terminal, your most; close a tab first.",
                                    null));
                client.close();
                return;
            }
            client.send(new TerminalMessage.Session(id, projectId, client.viewer() ? "view" : "control", reattached,
                    cols, rows, idleTimeout.toSeconds()));
            byte[] recent = scrollback.snapshot();
            if (recent.length > 0)
                client.send(TerminalMessage.Output.replay(TerminalText.decodeAll(recent)));
            clients.add(client);
        }
        if (!client.viewer())
            lastInputNanos = System.nanoTime();
    }

    void detach(Client client) {
        clients.remove(client);
        toldMayControl.remove(client);
        lastDetachNanos = System.nanoTime();
    }

    /**
     * Asks the rules again for every attached client: one that typed and may now only
     * watch becomes a watcher (and is told, with {@code reason}); one that may not even
     * watch is told and dropped; a watcher that may now type is told once that it may
     * reconnect to do so.
     */
    void reassess(Function<Caller, Right> rights, String reason) {
        List<Client> dropped = new ArrayList<>();
        for (Client client : clients) {
            Right right;
            try {
                right = rights.apply(client.caller());
            }
            catch (RuntimeException e) {
                // Fail closed: watching is the most a client keeps when the rules cannot
                // be asked; reconnecting asks again.
                log.warn("terminal of project {}: cannot ask the rules again: {}", projectId, e.toString());
                right = Right.WATCH;
            }
            try {
                if (right == Right.NONE) {
                    client.watchOnly();
                    client.send(TerminalMessage.Problem.of(403, "terminal-access-ended",
                            "You may no longer use this terminal.", null));
                    dropped.add(client);
                }
                else if (right == Right.WATCH) {
                    toldMayControl.remove(client);
                    if (!client.viewer()) {
                        client.watchOnly();
                        client.send(TerminalMessage.Mode.downgraded(reason));
                    }
                }
                else if (client.viewer() && toldMayControl.add(client)) {
                    client.send(TerminalMessage.Mode.mayControlNow(reason));
                }
            }
            catch (RuntimeException e) {
                dropped.add(client);
            }
        }
        for (Client client : dropped) {
            clients.remove(client);
            toldMayControl.remove(client);
            client.close();
        }
    }

    /**
     * Types into the terminal, or throws {@link InputDroppedException} when it is not
     * reading.
     */
    void input(byte[] bytes) {
        lastInputNanos = System.nanoTime();
        if (!terminal.input(bytes))
            throw new InputDroppedException();
    }

    void resize(int cols, int rows) {
        terminal.resize(cols, rows);
        this.cols = cols;
        this.rows = rows;
    }

    void signal(int signal) {
        lastInputNanos = System.nanoTime();
        terminal.signal(signal);
    }

    // ------------------------------------------------------------ terminal

    @Override
    public void output(byte[] bytes) {
        outputSinceSync = true;
        lastOutputNanos = System.nanoTime();
        throttle(bytes.length);
        synchronized (outputLock) {
            scrollback.add(bytes);
            TerminalText.Decoded decoded = text.decode(bytes);
            broadcast(TerminalMessage.Output.live(decoded.text(),
                    decoded.malformed() ? Base64.getEncoder().encodeToString(bytes) : null));
        }
    }

    /** Runs on the terminal's reader: waiting here holds the sandbox's output back. */
    private void throttle(int length) {
        long now = System.nanoTime();
        if (now - windowStart > WINDOW_NANOS) {
            windowStart = now;
            windowBytes = 0;
        }
        windowBytes += length;
        if (windowBytes > MAX_OUTPUT_BYTES_PER_SECOND * WINDOW_NANOS / 1_000_000_000L) {
            long rest = windowStart + WINDOW_NANOS - now;
            if (rest > 0)
                LockSupport.parkNanos(rest);
        }
    }

    @Override
    public void ended(Terminal.Ended how) {
        if (how.error() != null && how.error().equals("closed"))
            return; // we closed it, and say why ourselves
        Reason reason = how.error() == null ? Reason.EXIT : Reason.ERROR;
        submit(() -> end(reason, how));
    }

    // ------------------------------------------------------------ files

    /**
     * Called on a timer: pulls the workspace when something happened, ends the session
     * when idle.
     */
    void tick(Duration forcedSyncEvery) {
        if (ending.get() || terminal == null)
            return;
        if (idleFor().compareTo(idleTimeout) > 0) {
            submit(() -> end(Reason.IDLE, null));
            return;
        }
        Duration detached = detachedIdleTimeout;
        if (detached != null && clients.isEmpty() && quietFor().compareTo(detached) > 0) {
            submit(() -> end(Reason.DETACHED, null));
            return;
        }
        boolean due = outputSinceSync || System.nanoTime() - lastSyncNanos > forcedSyncEvery.toNanos();
        if (due)
            syncSoon();
    }

    void syncSoon() {
        if (syncQueued.compareAndSet(false, true)) {
            submit(() -> {
                syncQueued.set(false);
                pull();
            });
        }
    }

    void projectChanged(ProjectFilesChanged change) {
        if (change.projectDeleted()) {
            submit(() -> end(Reason.DELETED, null));
            return;
        }
        submit(() -> {
            try {
                sync.push(change);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            catch (RuntimeException e) {
                log.warn("terminal of project {}: cannot write {} into the workspace: {}", projectId, change.path(),
                        e.getMessage());
            }
        });
    }

    /**
     * Saves the workspace to the project now, waiting a few seconds at most: before an
     * install, which reads the project's manifest.
     */
    void saveNow() {
        CompletableFuture<Void> saved = new CompletableFuture<>();
        try {
            operations.execute(() -> {
                try {
                    pull();
                }
                finally {
                    saved.complete(null);
                }
            });
            saved.get(10, TimeUnit.SECONDS);
        }
        catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
            // ended, or slow: the install reads what the project has
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pull() {
        if (terminal == null || terminal.closed())
            return;
        outputSinceSync = false;
        lastSyncNanos = System.nanoTime();
        try {
            WorkspaceSync.Changes changes = sync.pull();
            if (changes.isEmpty())
                return;
            List<String> paths = new ArrayList<>(changes.saved());
            paths.addAll(changes.deleted());
            broadcast(new TerminalMessage.FilesChanged(paths, changes.deleted(), changes.skipped()));
        }
        catch (WorkspaceSync.ProjectGone e) {
            end(Reason.DELETED, null);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException e) {
            if (!terminal.closed())
                log.warn("terminal of project {}: cannot save the workspace: {}", projectId, e.getMessage());
        }
    }

    // ------------------------------------------------------------ ending

    /**
     * Ends the session from any thread and waits until its files are saved and its
     * sandbox is gone.
     */
    void endAndWait(Reason reason) {
        try {
            operations.submit(() -> end(reason, null)).get(30, TimeUnit.SECONDS);
        }
        catch (RejectedExecutionException e) {
            // already ended
        }
        catch (ExecutionException | TimeoutException e) {
            log.warn("terminal of project {}: ending it failed: {}", projectId, e.toString());
            if (terminal != null)
                terminal.close();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void end(Reason reason, Terminal.Ended how) {
        if (!ending.compareAndSet(false, true))
            return;
        try {
            if (reason != Reason.DELETED)
                pull(); // what the terminal wrote last is saved before it goes
        }
        finally {
            if (terminal != null)
                terminal.close();
            TerminalMessage.Exit exit = new TerminalMessage.Exit(reason.wire, how == null ? null : how.code(),
                    how == null || how.signal() == null ? null : Signals.name(how.signal()), message(reason, how));
            synchronized (outputLock) {
                broadcast(exit);
                for (Client client : clients)
                    client.close();
                clients.clear();
            }
            log.info("terminal of project {} ({}) ended: {}", projectId, owner.username(), reason.wire);
            onEnded.accept(this);
            operations.shutdown();
        }
    }

    private String message(Reason reason, Terminal.Ended how) {
        return switch (reason) {
            case EXIT -> "The shell ended" + (how.code() != null ? " with exit code " + how.code() : "")
                    + ". Your files are saved.";
            case IDLE -> "The terminal was closed after " + idleTimeout.toMinutes()
                    + " minutes without input. Your files are saved; " + "restart the terminal to go on.";
            case DETACHED ->
                "The terminal was closed because no client was attached and nothing happened in it. Your files are saved.";
            case EVICTED ->
                "The terminal was closed to make room for another, as no client was attached. Your files are saved.";
            case CLOSED -> "The terminal was closed. Your files are saved.";
            case DELETED -> "The project was deleted, so its terminal was closed.";
            case SHUTDOWN -> "The server is stopping. Your files are saved; reconnect when it is back.";
            case ERROR -> "The terminal failed: " + (how == null ? "unknown error" : how.error()) + ".";
        };
    }

    private void submit(Runnable task) {
        try {
            operations.execute(task);
        }
        catch (RejectedExecutionException e) {
            // the session has ended
        }
    }

    private void broadcast(TerminalMessage message) {
        List<Client> failed = new ArrayList<>();
        for (Client client : clients) {
            try {
                client.send(message);
            }
            catch (RuntimeException e) {
                failed.add(client);
            }
        }
        for (Client client : failed) {
            clients.remove(client);
            client.close();
        }
    }

}
