package dev.sandlot.engine.packages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only network path of an install step: an HTTP proxy on Unix sockets, one per
 * install, that lets through only the configured index hosts, resolves names itself, and
 * keeps a shared download cache keyed by content hash, written only here.
 */
public final class PackageProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PackageProxy.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IndexConfig indexes;

    private final AllowList allowList;

    private final DownloadCache cache;

    private final Path socketDir;

    private final HttpClient client = ProxyConnection.newClient();

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "package-proxy time caps");
        t.setDaemon(true);
        return t;
    });

    private final Set<UnixProxySession> sessions = ConcurrentHashMap.newKeySet();

    /**
     * @param indexes what is allowed
     * @param cacheDir the content-addressed download cache (server side only)
     * @param socketDir where per-install sockets are made (traversable by sandbox uids)
     */
    public PackageProxy(IndexConfig indexes, Path cacheDir, Path socketDir) {
        this.indexes = indexes;
        this.allowList = new AllowList(indexes);
        this.socketDir = socketDir;
        try {
            this.cache = new DownloadCache(cacheDir);
            Files.createDirectories(socketDir);
            // Traversable, not listable: a sandbox uid reaches its own socket by name
            // only.
            Files.setPosixFilePermissions(socketDir, PosixFilePermissions.fromString("rwx--x--x"));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the package proxy's directories", e);
        }
        log.info("package proxy allows {}",
                allowList.origins().stream().map(o -> o.scheme() + "://" + o.host() + ":" + o.port()).toList());
    }

    public IndexConfig indexes() {
        return indexes;
    }

    /** A session for one install step, capped at {@code maxBytes} and {@code maxTime}. */
    public ProxySession open(String label, long maxBytes, Duration maxTime) {
        Path socket = socketDir.resolve(HexFormat.of().formatHex(token()) + ".sock");
        try {
            UnixProxySession session = new UnixProxySession(this, label, socket, maxBytes);
            sessions.add(session);
            session.timeCap(timer.schedule(() -> session.reachCap("time cap reached (" + maxTime + ")"),
                    maxTime.toMillis(), TimeUnit.MILLISECONDS));
            return session;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot open a package proxy socket in " + socketDir, e);
        }
    }

    private static byte[] token() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    AllowList allowList() {
        return allowList;
    }

    DownloadCache cache() {
        return cache;
    }

    HttpClient client() {
        return client;
    }

    void forget(UnixProxySession session) {
        sessions.remove(session);
    }

    @Override
    public void close() {
        for (UnixProxySession session : Set.copyOf(sessions))
            session.close();
        timer.shutdownNow();
        client.close();
    }

}
