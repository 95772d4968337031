package dev.sandlot.engine.packages;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One client connection: HTTP/1.1 forward-proxy requests ({@code GET http://host/path}),
 * one after another. Each is checked against the allow-list, fetched upstream (https
 * where the index is), and answered; index pages are rewritten, files with a promised
 * hash go through the download cache.
 */
final class ProxyConnection {

    private static final int MAX_LINE = 8 * 1024;

    private static final int MAX_HEADERS = 100;

    /**
     * An index page is held whole to be rewritten; npm's biggest documents are tens of
     * MiB.
     */
    private static final int MAX_PAGE = 64 << 20;

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /**
     * Request headers passed upstream; everything else (cookies, hop-by-hop,
     * conditionals) is dropped.
     */
    private static final List<String> FORWARDED = List.of("accept", "user-agent", "authorization", "npm-command",
            "npm-scope", "pacote-version", "pacote-req-type");

    private final UnixProxySession session;

    private final SocketChannel channel;

    private InputStream in;

    private OutputStream out;

    ProxyConnection(UnixProxySession session, SocketChannel channel) {
        this.session = session;
        this.channel = channel;
    }

    /** Refused request: answered with 403 (or 400) and the connection is closed. */
    private static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        private final int status;

        private final boolean logged;

        Refused(int status, String reason, boolean logged) {
            super(reason, null, false, false);
            this.status = status;
            this.logged = logged;
        }

    }

    void serve() {
        try {
            in = new BufferedInputStream(Channels.newInputStream(channel), 16 * 1024);
            out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
            boolean keepAlive = true;
            while (keepAlive && !session.capReached()) {
                String requestLine = readLine();
                if (requestLine == null)
                    return;
                if (requestLine.isEmpty())
                    continue;
                try {
                    keepAlive = handle(requestLine);
                }
                catch (Refused refused) {
                    if (refused.logged)
                        session.refuse(refused.getMessage());
                    answer(refused.status, refused.getMessage());
                    return;
                }
            }
        }
        catch (IOException e) {
            // The client went away, or a cap closed the connection.
        }
    }

    /** Handles one request; returns whether the connection stays open. */
    private boolean handle(String requestLine) throws IOException, Refused {
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1."))
            throw new Refused(400, "not an HTTP/1.x request line", false);
        Map<String, String> headers = readHeaders();
        String method = parts[0];
        String target = parts[1];
        if (method.equals("CONNECT"))
            throw new Refused(403, "refused CONNECT " + target + ": tunnels are not allowed (the proxy must see what"
                    + " is downloaded)", true);
        if (!method.equals("GET") && !method.equals("HEAD"))
            throw new Refused(403,
                    "refused " + printable(method) + " " + printable(target) + ": only GET and HEAD are allowed", true);
        if (headers.containsKey("transfer-encoding") || !headers.getOrDefault("content-length", "0").equals("0"))
            throw new Refused(400, "a GET or HEAD request carries no body", false);
        URI url = parseTarget(target);
        int port = url.getPort() > 0 ? url.getPort() : 80;
        AllowList.Origin origin = session.proxy().allowList().find(url.getHost(), port);
        if (origin == null)
            throw new Refused(403, "refused " + url.getHost() + ":" + port + ": "
                    + session.proxy().allowList().refusal(url.getHost(), port), true);
        String pathAndQuery = (url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String key = IndexPages.key(url);
        ExpectedHash expected = session.expected().get(key);
        boolean head = method.equals("HEAD");
        boolean keepAlive = !"close".equalsIgnoreCase(headers.get("connection"));
        if (expected != null && !head) {
            Path cached = session.proxy().cache().find(expected);
            if (cached != null) {
                serveCached(cached);
                return keepAlive;
            }
        }
        fetch(method, origin.upstream(pathAndQuery), url, headers, expected);
        return keepAlive;
    }

    private static URI parseTarget(String target) throws Refused {
        if (target.regionMatches(true, 0, "https://", 0, 8))
            throw new Refused(400, "send http:// URLs to this proxy: it fetches https itself", false);
        if (!target.regionMatches(true, 0, "http://", 0, 7))
            throw new Refused(400, "not a proxy request: the target must be an absolute http:// URL", false);
        URI url;
        try {
            url = new URI(target);
        }
        catch (URISyntaxException e) {
            throw new Refused(400, "not a valid URL", false);
        }
        if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null)
            throw new Refused(400, "the URL must be http://host[:port]/path", false);
        return url;
    }

    private void fetch(String method, URI upstream, URI clientUrl, Map<String, String> headers, ExpectedHash expected)
            throws IOException, Refused {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(30));
        for (String name : FORWARDED) {
            String value = headers.get(name);
            if (value != null)
                request.header(name, value);
        }
        HttpResponse<InputStream> response;
        try {
            response = session.proxy().client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        catch (IOException e) {
            throw new Refused(502, "upstream " + upstream.getHost() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), false);
        }
        try (InputStream body = response.body()) {
            session.track(body);
            try {
                respond(method, clientUrl, response, body, expected);
            }
            finally {
                session.untrack(body);
            }
        }
    }

    private void respond(String method, URI clientUrl, HttpResponse<InputStream> response, InputStream body,
            ExpectedHash expected) throws IOException {
        int status = response.statusCode();
        String contentType = response.headers().firstValue("content-type").orElse(null);
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null)
            headers.put("Content-Type", contentType);
        for (String name : List.of("etag", "last-modified", "cache-control")) {
            response.headers().firstValue(name).ifPresent(v -> headers.put(name, v));
        }
        // A redirect is passed on, rewritten; the client's next request is checked again.
        response.headers()
            .firstValue("location")
            .ifPresent(v -> headers.put("Location", session.proxy().allowList().rewrite(v)));
        if (method.equals("HEAD") || status == 204 || status == 304) {
            response.headers().firstValue("content-length").ifPresent(v -> headers.put("Content-Length", v));
            writeHead(status, headers);
            out.flush();
            return;
        }
        if (status / 100 == 3) {
            writeFixed(status, headers, new byte[0]);
            return;
        }
        if (status == 200 && IndexPages.isPage(contentType)) {
            byte[] page = readPage(body);
            String text = session.proxy().allowList().rewrite(new String(page, StandardCharsets.UTF_8));
            IndexPages.hashes(text, clientUrl, session.expected()::put);
            writeFixed(status, headers, text.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (status == 200 && expected != null) {
            streamIntoCache(headers, body, clientUrl, expected);
            return;
        }
        writeHead(status, withChunked(headers));
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = body.read(buffer)) > 0;)
            writeChunk(buffer, n);
        endChunks();
    }

    private void streamIntoCache(Map<String, String> headers, InputStream body, URI clientUrl, ExpectedHash expected)
            throws IOException {
        try (DownloadCache.Entry entry = session.proxy().cache().begin(expected)) {
            writeHead(200, withChunked(headers));
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) > 0;) {
                entry.write(buffer, 0, n);
                writeChunk(buffer, n);
            }
            if (!entry.commit()) {
                session.refuse("refused " + clientUrl + ": its content does not match the " + expected.algorithm()
                        + " its index promised, so it is not cached");
                // No final chunk: the client sees a cut-off download, never a complete
                // wrong file.
                out.flush();
                throw new IOException("hash mismatch");
            }
            endChunks();
        }
    }

    private void serveCached(Path cached) throws IOException {
        long size = Files.size(cached);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/octet-stream");
        headers.put("Content-Length", Long.toString(size));
        writeHead(200, headers);
        try (InputStream file = Files.newInputStream(cached)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = file.read(buffer)) > 0;) {
                session.charge(n);
                out.write(buffer, 0, n);
            }
        }
        out.flush();
    }

    private byte[] readPage(InputStream body) throws IOException {
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = body.read(buffer)) > 0;) {
            session.charge(n);
            if (page.size() + n > MAX_PAGE)
                throw new IOException("index page larger than " + MAX_PAGE + " bytes");
            page.write(buffer, 0, n);
        }
        return page.toByteArray();
    }

    private static Map<String, String> withChunked(Map<String, String> headers) {
        Map<String, String> chunked = new LinkedHashMap<>(headers);
        chunked.put("Transfer-Encoding", "chunked");
        return chunked;
    }

    private void answer(int status, String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/plain; charset=utf-8");
        headers.put("Connection", "close");
        try {
            writeFixed(status, headers, (text + "\n").getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            // The client is gone.
        }
    }

    private void writeFixed(int status, Map<String, String> headers, byte[] body) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Length", Integer.toString(body.length));
        writeHead(status, all);
        session.charge(body.length);
        out.write(body);
        out.flush();
    }

    private void writeHead(int status, Map<String, String> headers) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status)
            .append(' ')
            .append(reason(status))
            .append("\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value.replaceAll("[\r\n]", " ")).append("\r\n"));
        byte[] bytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        session.charge(bytes.length);
        out.write(bytes);
    }

    private void writeChunk(byte[] buffer, int length) throws IOException {
        session.charge(length);
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(buffer, 0, length);
        out.write(CRLF);
    }

    private void endChunks() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static final byte[] CRLF = { '\r', '\n' };

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 502 -> "Bad Gateway";
            default -> "Status";
        };
    }

    private Map<String, String> readHeaders() throws IOException, Refused {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int count = 0;; count++) {
            String line = readLine();
            if (line == null)
                throw new IOException("the client closed the connection mid-request");
            if (line.isEmpty())
                return headers;
            int colon = line.indexOf(':');
            if (count >= MAX_HEADERS || colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches())
                throw new Refused(400, "malformed or too many request headers", false);
            headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
    }

    /**
     * A CRLF- (or LF-) terminated line of at most 8 KiB, or null at the end of the
     * stream.
     */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0)
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            session.charge(1);
            if (b == '\n')
                break;
            if (line.size() >= MAX_LINE)
                throw new IOException("request line or header longer than " + MAX_LINE + " bytes");
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static String printable(String text) {
        String cut = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    }

}
