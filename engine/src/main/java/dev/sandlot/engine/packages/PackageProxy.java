package dev.sandlot.engine.packages;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The only network path of an install step: an HTTP proxy on Unix sockets, one per
 * install, that lets through only the configured index hosts, resolves names itself, and
 * keeps a shared download cache keyed by content hash, written only here.
 */
public final class PackageProxy implements AutoCloseable {

    private final IndexConfig indexes;

    /**
     * @param indexes what is allowed
     * @param cacheDir the content-addressed download cache (server side only)
     * @param socketDir where per-install sockets are made (traversable by sandbox uids)
     */
    public PackageProxy(IndexConfig indexes, Path cacheDir, Path socketDir) {
        this.indexes = indexes;
    }

    public IndexConfig indexes() {
        return indexes;
    }

    /** A session for one install step, capped at {@code maxBytes} and {@code maxTime}. */
    public ProxySession open(String label, long maxBytes, Duration maxTime) {
        return null;
    }

    @Override
    public void close() {
    }

}
