package dev.sandlot.engine.packages;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A package index on loopback for tests: a PEP 503 simple index of wheels built here, and
 * a minimal npm registry (metadata plus tarballs). It counts the requests of each path,
 * so a test can tell a cache hit from a download.
 */
public final class TestIndex implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    /** Served bytes by path, e.g. "/files/demo-1.0-py3-none-any.whl". */
    private final Map<String, Served> routes = new ConcurrentHashMap<>();

    /** Wheel file names and their sha256, by normalised project name. */
    private final Map<String, Map<String, String>> wheels = new ConcurrentHashMap<>();

    /** npm versions (name → version → version document). */
    private final Map<String, Map<String, ObjectNode>> npm = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    private record Served(int status, String contentType, byte[] body, String location) {
    }

    private TestIndex(HttpServer server) {
        this.server = server;
    }

    /** Starts an index on 127.0.0.1 at a free port. */
    public static TestIndex start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestIndex index = new TestIndex(server);
            server.createContext("/", index::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return index;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://localhost:<port>}, without a trailing slash. */
    public String url() {
        return "http://localhost:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The PEP 503 index, {@code <url>/simple/}. */
    public String simpleUrl() {
        return url() + "/simple/";
    }

    /**
     * The npm registry, {@code <url>/}: metadata at /<name>, tarballs at
     * /<name>/-/<file>.
     */
    public String npmUrl() {
        return url() + "/";
    }

    /** How many requests reached {@code path} so far. */
    public int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    /**
     * Adds a pure-Python wheel holding {@code files} (path in site-packages → content),
     * depending on {@code requires} (PEP 508 specifiers); returns the wheel's path.
     */
    public synchronized String addWheel(String name, String version, Map<String, String> files, List<String> requires) {
        String dist = name.replaceAll("[-_.]+", "_");
        String fileName = dist + "-" + version + "-py3-none-any.whl";
        byte[] wheel = wheel(dist, name, version, files, requires);
        String path = "/files/" + fileName;
        routes.put(path, new Served(200, "application/octet-stream", wheel, null));
        wheels.computeIfAbsent(normalise(name), n -> new TreeMap<>()).put(fileName, sha256(wheel));
        return path;
    }

    /**
     * Adds an npm package whose tarball holds {@code package/package.json} and
     * {@code files}; returns the tarball's path.
     */
    public synchronized String addNpm(String name, String version, Map<String, String> files,
            Map<String, String> dependencies) {
        ObjectNode manifest = JSON.createObjectNode().put("name", name).put("version", version).put("main", "index.js");
        ObjectNode deps = manifest.putObject("dependencies");
        dependencies.forEach(deps::put);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/package.json", JSON.writeValueAsBytes(manifest));
        files.forEach((p, c) -> entries.put("package/" + p, c.getBytes(StandardCharsets.UTF_8)));
        byte[] tarball = tarGz(entries);
        String path = "/" + name + "/-/" + name + "-" + version + ".tgz";
        routes.put(path, new Served(200, "application/octet-stream", tarball, null));
        ObjectNode doc = manifest.deepCopy();
        doc.putObject("dist")
            .put("tarball", url() + path)
            .put("integrity", "sha512-" + Base64.getEncoder().encodeToString(digest("SHA-512", tarball)))
            .put("shasum", HexFormat.of().formatHex(digest("SHA-1", tarball)));
        npm.computeIfAbsent(name, n -> new TreeMap<>()).put(version, doc);
        return path;
    }

    /** Makes {@code path} answer 302 to {@code location}. */
    public void redirect(String path, String location) {
        routes.put(path, new Served(302, "text/plain", new byte[0], location));
    }

    /**
     * Serves other bytes at {@code path} than the index pages' hashes promise (a tampered
     * mirror).
     */
    public void tamper(String path) {
        Served served = routes.get(path);
        byte[] body = served.body().clone();
        body[body.length / 2] ^= 1;
        routes.put(path, new Served(served.status(), served.contentType(), body, null));
    }

    /** Any other bytes at {@code path}, e.g. a large file for a byte cap. */
    public void serve(String path, String contentType, byte[] body) {
        routes.put(path, new Served(200, contentType, body, null));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Served served = route(path);
            if (served == null) {
                served = new Served(404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8), null);
            }
            exchange.getResponseHeaders().set("Content-Type", served.contentType());
            if (served.location() != null) {
                exchange.getResponseHeaders().set("Location", served.location());
            }
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(served.status(),
                    head || served.body().length == 0 ? -1 : served.body().length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(served.body());
                }
            }
        }
    }

    private Served route(String path) {
        Served fixed = routes.get(path);
        if (fixed != null)
            return fixed;
        if (path.equals("/simple/")) {
            StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>\n");
            wheels.keySet()
                .stream()
                .sorted()
                .forEach(n -> html.append("<a href=\"/simple/%s/\">%s</a>\n".formatted(n, n)));
            return html(html.append("</body></html>\n"));
        }
        if (path.startsWith("/simple/") && path.endsWith("/")) {
            Map<String, String> files = wheels.get(normalise(path.substring(8, path.length() - 1)));
            if (files == null)
                return null;
            StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>\n");
            files.forEach((file, hash) -> html
                .append("<a href=\"%s/files/%s#sha256=%s\">%s</a><br>\n".formatted(url(), file, hash, file)));
            return html(html.append("</body></html>\n"));
        }
        if (path.length() > 1 && path.indexOf('/', 1) < 0) {
            String name = URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8);
            Map<String, ObjectNode> versions = npm.get(name);
            if (versions == null)
                return null;
            ObjectNode doc = JSON.createObjectNode().put("name", name);
            doc.putObject("dist-tags").put("latest", new ArrayList<>(versions.keySet()).getLast());
            ObjectNode all = doc.putObject("versions");
            versions.forEach(all::set);
            return new Served(200, "application/json", JSON.writeValueAsBytes(doc), null);
        }
        return null;
    }

    private static Served html(StringBuilder page) {
        return new Served(200, "text/html; charset=utf-8", page.toString().getBytes(StandardCharsets.UTF_8), null);
    }

    /** PEP 503 normalisation. */
    static String normalise(String name) {
        return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
    }

    private static byte[] wheel(String dist, String name, String version, Map<String, String> files,
            List<String> requires) {
        String info = dist + "-" + version + ".dist-info/";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        files.forEach((p, c) -> entries.put(p, c.getBytes(StandardCharsets.UTF_8)));
        StringBuilder metadata = new StringBuilder(
                "Metadata-Version: 2.1\nName: %s\nVersion: %s\n".formatted(name, version));
        requires.forEach(r -> metadata.append("Requires-Dist: ").append(r).append('\n'));
        entries.put(info + "METADATA", metadata.toString().getBytes(StandardCharsets.UTF_8));
        entries.put(info + "WHEEL", """
                Wheel-Version: 1.0
                Generator: sandlot-test
                Root-Is-Purelib: true
                Tag: py3-none-any
                """.getBytes(StandardCharsets.UTF_8));
        StringBuilder record = new StringBuilder();
        entries.forEach((p, c) -> record.append("%s,sha256=%s,%d\n".formatted(p,
                Base64.getUrlEncoder().withoutPadding().encodeToString(digest("SHA-256", c)), c.length)));
        record.append(info).append("RECORD,,\n");
        entries.put(info + "RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A gzipped ustar archive of regular files (mode 0644). */
    private static byte[] tarGz(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                gz.write(tarHeader(e.getKey(), e.getValue().length));
                gz.write(e.getValue());
                gz.write(new byte[(512 - e.getValue().length % 512) % 512]);
            }
            gz.write(new byte[1024]);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] tarHeader(String name, long size) {
        byte[] h = new byte[512];
        put(h, 0, name, 100);
        put(h, 100, "0000644", 8);
        put(h, 108, "0000000", 8);
        put(h, 116, "0000000", 8);
        put(h, 124, "%011o".formatted(size), 12);
        put(h, 136, "%011o".formatted(0), 12);
        h[156] = '0';
        put(h, 257, "ustar", 6);
        put(h, 263, "00", 2);
        for (int i = 148; i < 156; i++)
            h[i] = ' ';
        int sum = 0;
        for (byte b : h)
            sum += b & 0xff;
        put(h, 148, "%06o".formatted(sum), 7);
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] header, int offset, String value, int length) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        if (b.length > length)
            throw new IllegalArgumentException("tar field too long: " + value);
        System.arraycopy(b, 0, header, offset, b.length);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-256", bytes));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
