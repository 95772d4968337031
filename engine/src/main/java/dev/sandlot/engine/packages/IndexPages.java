package dev.sandlot.engine.packages;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Index pages as they pass through the proxy: PEP 503 HTML, PEP 691 JSON and npm
 * metadata. Their https links are rewritten for the plain-HTTP clients, and the file
 * hashes they promise are noted so a later download can be checked and cached.
 */
final class IndexPages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private static final Pattern SHA256_FRAGMENT = Pattern.compile("sha256=([0-9a-fA-F]{64})");

    private IndexPages() {
    }

    /** Whether a response of this type is an index page (rewritten), not a file. */
    static boolean isPage(String contentType) {
        if (contentType == null)
            return false;
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
        return type.equals("text/html") || type.startsWith("application/vnd.pypi.simple")
                || type.equals("application/json") || type.equals("application/vnd.npm.install-v1+json");
    }

    /**
     * Calls {@code found} with each (client URL without fragment, expected hash) the
     * already-rewritten page promises; {@code pageUrl} is the page's client URL, for
     * relative links.
     */
    static void hashes(String page, URI pageUrl, BiConsumer<String, ExpectedHash> found) {
        String trimmed = page.stripLeading();
        if (trimmed.startsWith("{")) {
            json(trimmed, pageUrl, found);
            return;
        }
        Matcher href = HREF.matcher(page);
        while (href.find()) {
            String link = href.group(1).replace("&amp;", "&");
            int hash = link.indexOf('#');
            if (hash < 0)
                continue;
            Matcher sha = SHA256_FRAGMENT.matcher(link.substring(hash + 1));
            if (sha.find())
                note(pageUrl, link.substring(0, hash), new ExpectedHash("sha256", sha.group(1)), found);
        }
    }

    private static void json(String page, URI pageUrl, BiConsumer<String, ExpectedHash> found) {
        JsonNode root;
        try {
            root = JSON.readTree(page);
        }
        catch (JacksonException e) {
            return;
        }
        // PEP 691: {"files": [{"url": ..., "hashes": {"sha256": ...}}]}
        for (JsonNode file : root.path("files")) {
            String sha = file.path("hashes").path("sha256").asString("");
            if (file.path("url").isString() && sha.length() == 64)
                note(pageUrl, file.path("url").asString(), sha256(sha), found);
        }
        // npm: {"versions": {"1.0.0": {"dist": {"tarball": ..., "integrity":
        // "sha512-..."}}}}
        for (Map.Entry<String, JsonNode> version : root.path("versions").properties()) {
            JsonNode dist = version.getValue().path("dist");
            if (!dist.path("tarball").isString() || !dist.path("integrity").isString())
                continue;
            ExpectedHash expected = ExpectedHash.fromIntegrity(dist.path("integrity").asString());
            if (expected != null)
                note(pageUrl, dist.path("tarball").asString(), expected, found);
        }
    }

    private static ExpectedHash sha256(String hex) {
        try {
            return new ExpectedHash("sha256", hex);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void note(URI pageUrl, String link, ExpectedHash expected, BiConsumer<String, ExpectedHash> found) {
        if (expected == null)
            return;
        try {
            String key = key(pageUrl.resolve(link.strip()));
            if (key != null)
                found.accept(key, expected);
        }
        catch (IllegalArgumentException e) {
            // Not a URL a client could fetch either.
        }
    }

    /**
     * How a client URL is remembered: {@code host:port/path?query}, lower-case host,
     * explicit port.
     */
    static String key(URI url) {
        if (url.getScheme() == null || !url.getScheme().equalsIgnoreCase("http") || url.getHost() == null)
            return null;
        int port = url.getPort() > 0 ? url.getPort() : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return AllowList.authority(url.getHost(), port) + path
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    }

}
