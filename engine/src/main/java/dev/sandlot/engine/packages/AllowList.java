package dev.sandlot.engine.packages;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The hosts an install may reach, keyed by how the client inside the sandbox names them:
 * clients speak plain HTTP to the proxy, so {@code https://h/} becomes {@code http://h/}
 * (port 80 as the client sees it) while the proxy still fetches {@code https://h:443/}.
 */
final class AllowList {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** An upstream origin: the scheme, host and port the proxy really fetches from. */
    record Origin(String scheme, String host, int port) {

        /** The port a client uses for this origin once https is rewritten to http. */
        int clientPort() {
            return scheme.equals("https") && port == 443 ? 80 : port;
        }

        /** {@code http://host[:port]} as clients see it. */
        String clientBase() {
            return clientPort() == 80 ? "http://" + host : "http://" + host + ":" + clientPort();
        }

        URI upstream(String pathAndQuery) {
            return URI.create(scheme + "://" + host + ":" + port + pathAndQuery);
        }
    }

    private final Map<String, Origin> byClientAuthority = new LinkedHashMap<>();

    AllowList(IndexConfig indexes) {
        for (URI index : indexes.pythonIndexes())
            add(origin(index));
        if (indexes.npmRegistry() != null)
            add(origin(indexes.npmRegistry()));
        for (String extra : indexes.extraHosts())
            add(origin(extra.contains("://") ? URI.create(extra) : URI.create("https://" + extra)));
    }

    private void add(Origin origin) {
        byClientAuthority.putIfAbsent(authority(origin.host(), origin.clientPort()), origin);
    }

    static Origin origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null)
            throw new IllegalArgumentException("not an http(s) address: " + uri);
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
    }

    static String authority(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    List<Origin> origins() {
        return List.copyOf(byClientAuthority.values());
    }

    /**
     * The origin for a client's {@code http://host:port}, or null; see
     * {@link #refusal(String, int)} for why not.
     */
    Origin find(String host, int port) {
        return byClientAuthority.get(authority(host, port));
    }

    /** Why {@code host:port} is not allowed, for the log and the 403 body. */
    String refusal(String host, int port) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (IPV4.matcher(lower).matches() || lower.startsWith("[") || lower.contains(":"))
            return "a raw IP address is not an allowed host";
        boolean known = byClientAuthority.values().stream().anyMatch(o -> o.host().equals(lower));
        return known ? "port " + port + " is not allowed for " + lower : "not an allowed host";
    }

    /**
     * Index text with every allowed https origin turned into the plain http one clients
     * use.
     */
    String rewrite(String text) {
        String out = text;
        for (Origin origin : byClientAuthority.values()) {
            if (!origin.scheme().equals("https"))
                continue;
            out = out.replace("https://" + origin.host() + ":" + origin.port(), origin.clientBase());
            if (origin.port() == 443)
                out = out.replace("https://" + origin.host(), origin.clientBase());
        }
        return out;
    }

}
