package dev.sandlot.engine.packages;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One install's view of the proxy: a Unix socket of its own, accepted on a virtual
 * thread, its connections, the hashes its index pages promised, and its byte and time
 * caps.
 */
final class UnixProxySession implements ProxySession {

    private static final Logger log = LoggerFactory.getLogger(UnixProxySession.class);

    /** Refusals kept per session; a client retrying without end cannot fill the heap. */
    private static final int MAX_REFUSALS = 200;

    private final PackageProxy proxy;

    private final String label;

    private final Path socket;

    private final long maxBytes;

    private final ServerSocketChannel server;

    private final AtomicLong bytes = new AtomicLong();

    private final List<String> refusals = new ArrayList<>();

    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();

    /** Client URL key ({@link IndexPages#key}) → the hash its index page promised. */
    private final Map<String, ExpectedHash> expected = new ConcurrentHashMap<>();

    private volatile String capReached;

    private volatile boolean closed;

    private ScheduledFuture<?> timeCap;

    UnixProxySession(PackageProxy proxy, String label, Path socket, long maxBytes) throws IOException {
        this.proxy = proxy;
        this.label = label;
        this.socket = socket;
        this.maxBytes = maxBytes;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        // Sandbox uids connect to it; the name is unguessable and the directory
        // unlistable.
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        Thread.ofVirtual().name("package-proxy " + label).start(this::acceptLoop);
    }

    void timeCap(ScheduledFuture<?> future) {
        this.timeCap = future;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel client = server.accept();
                if (capReached != null) {
                    client.close();
                    continue;
                }
                open.add(client);
                Thread.ofVirtual().name("package-proxy " + label + " connection").start(() -> {
                    try {
                        new ProxyConnection(this, client).serve();
                    }
                    finally {
                        closeQuietly(client);
                        open.remove(client);
                    }
                });
            }
            catch (IOException e) {
                if (!closed)
                    log.debug("{}: accept failed: {}", label, e.getMessage());
                return;
            }
        }
    }

    PackageProxy proxy() {
        return proxy;
    }

    String label() {
        return label;
    }

    Map<String, ExpectedHash> expected() {
        return expected;
    }

    /** Counts relayed bytes; past the cap every connection is closed and this throws. */
    void charge(long count) throws IOException {
        if (capReached != null)
            throw new IOException(capReached);
        if (bytes.addAndGet(count) > maxBytes) {
            reachCap("byte cap reached (" + maxBytes + " bytes)");
            throw new IOException("byte cap reached");
        }
    }

    /** A resource to close when a cap is reached (an upstream body, a client channel). */
    void track(Closeable resource) {
        open.add(resource);
        if (capReached != null)
            closeQuietly(resource);
    }

    void untrack(Closeable resource) {
        open.remove(resource);
    }

    boolean capReached() {
        return capReached != null;
    }

    void reachCap(String reason) {
        synchronized (this) {
            if (capReached != null)
                return;
            capReached = reason;
        }
        refuse(reason);
        closeQuietly(server);
        for (Closeable resource : open)
            closeQuietly(resource);
    }

    /** Records and logs why something was refused. */
    void refuse(String reason) {
        log.warn("package proxy {}: {}", label, reason);
        synchronized (refusals) {
            if (refusals.size() < MAX_REFUSALS)
                refusals.add(reason);
        }
    }

    @Override
    public Path socket() {
        return socket;
    }

    @Override
    public long bytes() {
        return bytes.get();
    }

    @Override
    public List<String> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }

    @Override
    public void close() {
        if (closed)
            return;
        closed = true;
        if (timeCap != null)
            timeCap.cancel(false);
        closeQuietly(server);
        for (Closeable resource : open)
            closeQuietly(resource);
        try {
            Files.deleteIfExists(socket);
        }
        catch (IOException e) {
            log.warn("package proxy {}: cannot remove {}: {}", label, socket, e.getMessage());
        }
        proxy.forget(this);
    }

    static void closeQuietly(Closeable resource) {
        try {
            resource.close();
        }
        catch (IOException e) {
            // Closing is all that is left to do.
        }
    }

}
