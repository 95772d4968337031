package dev.sandlot.engine.packages;

import java.nio.file.Path;
import java.util.List;

/** The proxy as one install step sees it: its own socket, byte and time caps, and log. */
public interface ProxySession extends AutoCloseable {

    /**
     * The Unix socket to bind into the install sandbox (the forwarder inside connects to
     * it).
     */
    Path socket();

    /** Bytes relayed so far, both ways. */
    long bytes();

    /**
     * Why requests were refused, one line each, e.g. "refused 10.0.0.1:80: not an allowed
     * host".
     */
    List<String> refusals();

    /** Stops serving this install; its socket file is removed. */
    @Override
    void close();

}
