package dev.sandlot.engine.packages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 client on a proxy session's Unix socket, for tests: one request per
 * connection, the response read to its end (or to where the proxy cut it).
 */
final class ProxyClient {

    /**
     * A response.
     *
     * @param status the status code
     * @param headers lower-case names
     * @param body the body as received
     * @param complete whether the body ended as HTTP says (its length, or the last chunk)
     */
    record Response(int status, Map<String, String> headers, byte[] body, boolean complete) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private ProxyClient() {
    }

    static Response get(Path socket, String url) throws IOException {
        return send(socket, "GET " + url + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    static Response send(Path socket, String request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
            return read(Channels.newInputStream(channel));
        }
    }

    private static Response read(InputStream in) throws IOException {
        String status = line(in);
        if (status == null)
            return new Response(0, Map.of(), new byte[0], false);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h; (h = line(in)) != null && !h.isEmpty();) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean complete;
        if (headers.containsKey("content-length")) {
            byte[] bytes = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            body.write(bytes);
            complete = bytes.length == Integer.parseInt(headers.get("content-length"));
        }
        else {
            complete = false;
            for (String size; (size = line(in)) != null;) {
                int n = Integer.parseInt(size, 16);
                if (n == 0) {
                    complete = true;
                    break;
                }
                byte[] chunk = in.readNBytes(n);
                body.write(chunk);
                if (chunk.length < n || line(in) == null)
                    break;
            }
        }
        return new Response(code, headers, body.toByteArray(), complete);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n';) {
            if (b < 0)
                return null;
            if (b != '\r')
                line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

}
