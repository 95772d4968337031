package dev.sandlot.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.DataDirectoryProperties;
import dev.sandlot.server.ServerTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Requests that cannot be read, sent byte for byte as an attacker would: each gets a
 * problem detail that says what is wrong, never a 500, an HTML page or Spring Boot's own
 * error JSON; and the headers every page carries.
 */
class RequestHygieneTest extends ServerTest {

    @Autowired
    DataDirectoryProperties properties;

    record Raw(int status, String headers, String body) {
    }

    private Raw raw(String requestHead) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String head = response.substring(0, split);
            String body = response.substring(split + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked"))
                body = dechunk(body);
            return new Raw(Integer.parseInt(head.split(" ")[1]), head, body);
        }
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
            if (size == 0)
                return out.toString();
            out.append(body, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }

    private Raw rawGet(String target, String... headers) throws IOException {
        return raw(
                "GET " + target + " HTTP/1.1\nHost: localhost\nConnection: close\n" + String.join("", headers) + "\n");
    }

    private static void assertProblem(Raw r, int status, String type) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().toLowerCase(Locale.ROOT)).contains("content-type: application/problem+json");
        assertThat(r.body()).contains("\"type\":\"urn:sandlot:problem:" + type + "\"")
            .doesNotContain("Exception")
            .doesNotContain("<html");
    }

    @Test
    void aParameterThatIsNotUtf8IsRefusedNamingIt() throws IOException {
        String form = "username=%ff&password=x";
        Raw token = raw("POST /api/v1/auth/token HTTP/1.1\nHost: localhost\nConnection: close\n"
                + "Content-Type: application/x-www-form-urlencoded\nContent-Length: " + form.length() + "\n\n" + form);
        assertProblem(token, 400, "invalid-encoding");
        assertThat(token.body()).contains("\"field\":\"username\"");

        Raw query = rawGet("/api/v1/executions?status=%C0%AF", "Authorization: Bearer " + newUser().token() + "\n");
        assertProblem(query, 400, "invalid-encoding");
        assertThat(query.body()).contains("\"field\":\"status\"");
    }

    @Test
    void aPathThatIsNotUtf8IsAProblemNotTomcatsPage() throws IOException {
        assertProblem(rawGet("/api/v1/%ff%fe"), 400, "bad-request");
    }

    @Test
    void pathParametersDoubleSlashesAndEncodedSlashesAreRefusedAsProblems() throws IOException {
        for (String path : new String[] { "/api/v1/languages;x=1", "//api/v1/languages", "/api/v1/%2e%2e/languages",
                "/api/v1/projects/1%2f..%2f2" }) {
            Raw r = rawGet(path);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.body()).as(path).contains("urn:sandlot:problem:").doesNotContain("timestamp");
        }
    }

    @Test
    void aWebSocketHandshakeWithAMalformedOriginIsRefusedAsAProblem() throws IOException {
        for (String origin : new String[] { "http://127.0.0.1:8091.evil.com", "http://[::1", "http://a b",
                "javascript:1" }) {
            Raw r = rawGet("/api/v1/execute/stream", "Upgrade: websocket\n", "Connection: Upgrade\n",
                    "Sec-WebSocket-Version: 13\n", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\n",
                    "Origin: " + origin + "\n");
            assertProblem(r, 400, "bad-origin");
            assertThat(r.body()).contains("\"field\":\"Origin\"");
        }
        assertThat(RequestSyntaxFilter.isOrigin("http://localhost:8080")).isTrue();
        assertThat(RequestSyntaxFilter.isOrigin("https://sandlot.example")).isTrue();
        assertThat(RequestSyntaxFilter.isOrigin("null")).isTrue();
    }

    @Test
    void anUnknownAddressIsAProblemToo() throws IOException {
        Raw r = rawGet("/no/such/page");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.headers().toLowerCase(Locale.ROOT)).contains("application/problem+json");
    }

    @Test
    void everyPageHasAStrictContentSecurityPolicyAndNoReferrer() throws IOException {
        for (String path : new String[] { "/", "/review.html", "/api/v1/health" }) {
            Raw r = rawGet(path);
            assertThat(r.headers()).as(path)
                .contains("Content-Security-Policy: default-src 'self'; script-src 'self';")
                .contains("frame-ancestors 'none'")
                .contains("Referrer-Policy: no-referrer");
        }
    }

    @Test
    void theDataDirectoryAndTheDatabaseFilesAreTheServersAlone() throws IOException {
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        Path db = dataDir.resolve("db");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("cache/build"))))
            .isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(db)) {
            assertThat(files.toList()).isNotEmpty();
        }
    }

}
