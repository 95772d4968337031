package dev.sandlot.engine.packages;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where packages come from: the host's own pip and npm settings, plus hosts the operator
 * adds. Nothing here names a registry; every address is read from the host.
 *
 * @param pythonIndexes http(s) simple indexes, the first one pip's main index
 * @param pythonLocalDirs file:// indexes and find-links directories, bound read-only into
 * an install sandbox
 * @param npmRegistry the npm registry, or null when npm has none
 * @param extraHosts further host[:port] names the proxy lets through ({@code https}
 * unless written as {@code http://host:port})
 */
public record IndexConfig(List<URI> pythonIndexes, List<Path> pythonLocalDirs, URI npmRegistry,
        List<String> extraHosts) {

    public IndexConfig {
        pythonIndexes = List.copyOf(pythonIndexes);
        pythonLocalDirs = List.copyOf(pythonLocalDirs);
        extraHosts = List.copyOf(extraHosts);
        for (URI index : pythonIndexes)
            AllowList.origin(index);
        if (npmRegistry != null)
            AllowList.origin(npmRegistry);
        for (String host : extraHosts)
            AllowList.origin(host.contains("://") ? URI.create(host) : URI.create("https://" + host));
    }

    /** Reads the host's pip and npm configuration (pip config list, npm config get). */
    public static IndexConfig fromHost(List<String> extraHosts) {
        return HostIndexes.read(extraHosts, System.getenv());
    }

    /**
     * pip's options inside an install sandbox whose proxy forwarder listens on
     * 127.0.0.1:{@code port}. pip talks plain HTTP to the proxy, so https indexes are
     * given as http and their hosts as trusted.
     */
    public List<String> pipOptions(int port) {
        List<String> options = new ArrayList<>();
        List<String> indexes = new ArrayList<>(pythonIndexes.stream().map(IndexConfig::clientUrl).toList());
        List<String> findLinks = new ArrayList<>();
        for (Path dir : pythonLocalDirs) {
            if (isSimpleIndex(dir))
                indexes.add(dir.toUri().toString());
            else
                findLinks.add(dir.toString());
        }
        if (indexes.isEmpty()) {
            options.add("--no-index");
        }
        else {
            options.addAll(List.of("--index-url", indexes.getFirst()));
            for (String extra : indexes.subList(1, indexes.size()))
                options.addAll(List.of("--extra-index-url", extra));
        }
        for (String dir : findLinks)
            options.addAll(List.of("--find-links", dir));
        for (String host : trustedHosts())
            options.addAll(List.of("--trusted-host", host));
        options.addAll(List.of("--proxy", proxy(port), "--retries", "1", "--timeout", "30", "--no-input",
                "--disable-pip-version-check"));
        return List.copyOf(options);
    }

    /**
     * The environment pip needs besides its options: no configuration file of the host's
     * (the sandbox sees the host's /etc), so only {@link #pipOptions} count.
     */
    public static Map<String, String> pipEnvironment() {
        return Map.of("PIP_CONFIG_FILE", "/dev/null");
    }

    /** npm's options inside an install sandbox, likewise. */
    public List<String> npmOptions(int port) {
        List<String> options = new ArrayList<>();
        if (npmRegistry != null)
            options.add("--registry=" + clientUrl(npmRegistry));
        options.addAll(List.of("--proxy=" + proxy(port), "--https-proxy=" + proxy(port), "--fetch-retries=1",
                "--fetch-timeout=30000", "--no-audit", "--no-fund", "--update-notifier=false",
                "--userconfig=/dev/null"));
        return List.copyOf(options);
    }

    private static String proxy(int port) {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The URL as a client of the proxy writes it: plain http, the port as the proxy maps
     * it.
     */
    static String clientUrl(URI url) {
        AllowList.Origin origin = AllowList.origin(url);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return origin.clientBase() + path + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    }

    private Set<String> trustedHosts() {
        Set<String> hosts = new LinkedHashSet<>();
        for (AllowList.Origin origin : new AllowList(this).origins())
            hosts.add(origin.clientPort() == 80 ? origin.host() : origin.host() + ":" + origin.clientPort());
        return hosts;
    }

    /**
     * The host directories an install sandbox binds read-only for the local indexes: for
     * a file:// index named "simple", its parent, since such pages link to files beside
     * the index (for example {@code ../../files/x.whl}).
     */
    public List<Path> pythonLocalMounts() {
        Set<Path> mounts = new LinkedHashSet<>();
        for (Path dir : pythonLocalDirs) {
            Path parent = dir.getParent();
            boolean besideFiles = dir.getFileName() != null && dir.getFileName().toString().equals("simple")
                    && parent != null && parent.getParent() != null && isSimpleIndex(dir);
            mounts.add(besideFiles ? parent : dir);
        }
        return List.copyOf(mounts);
    }

    /**
     * A PEP 503 tree (a directory per project) rather than a find-links directory of
     * archives.
     */
    private static boolean isSimpleIndex(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.noneMatch(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    && p.getFileName().toString().matches(".*\\.(whl|tar\\.gz|zip|tar\\.bz2)"));
        }
        catch (IOException e) {
            return false;
        }
    }

}
