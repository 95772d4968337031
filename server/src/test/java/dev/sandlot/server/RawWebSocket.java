package dev.sandlot.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client as an attacker writes one: a plain socket, the upgrade request by
 * hand, and nothing more. It costs the test a few hundred bytes, so thousands of them
 * measure the server, not the client.
 */
public final class RawWebSocket implements AutoCloseable {

    public final Socket socket;

    public final int status;

    public final Map<String, String> headers;

    public final String body;

    private RawWebSocket(Socket socket, int status, Map<String, String> headers, String body) {
        this.socket = socket;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * Connects from {@code local} (a loopback address, or null) and sends the handshake
     * with {@code extraHeaders}.
     */
    public static RawWebSocket open(InetAddress local, int port, String path, Map<String, String> extraHeaders)
            throws IOException {
        Socket s = new Socket();
        try {
            if (local != null)
                s.bind(new InetSocketAddress(local, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n");
            extraHeaders.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            req.append("\r\n");
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                head.write(b);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n')
                    break;
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0)
                    headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip());
            }
            String body = "";
            if (status != 101) {
                int length = Integer.parseInt(headers.getOrDefault("content-length", "-1"));
                body = new String(length >= 0 ? in.readNBytes(length) : readChunkedOrToEnd(in, headers),
                        StandardCharsets.UTF_8);
                s.close();
            }
            return new RawWebSocket(s, status, headers, body);
        }
        catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static byte[] readChunkedOrToEnd(InputStream in, Map<String, String> headers) throws IOException {
        if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding")))
            return in.readAllBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != -1 && b != '\n')
                if (b != '\r')
                    line.append((char) b);
            int size = Integer.parseInt(line.toString().split(";")[0].strip(), 16);
            if (size == 0)
                return out.toByteArray();
            out.write(in.readNBytes(size));
            in.readNBytes(2);
        }
    }

    /** Sends one masked text frame. */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        }
        else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        }
        else {
            frame.write(0x80 | 127);
            for (int i = 7; i >= 0; i--)
                frame.write((int) ((long) payload.length >> (8 * i)));
        }
        byte[] mask = { 1, 2, 3, 4 };
        frame.write(mask);
        for (int i = 0; i < payload.length; i++)
            frame.write(payload[i] ^ mask[i % 4]);
        socket.getOutputStream().write(frame.toByteArray());
        socket.getOutputStream().flush();
    }

    /**
     * Reads frames until a close frame and returns its status code (-1 if the connection
     * just ended).
     */
    public int awaitClose(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        InputStream in = socket.getInputStream();
        while (true) {
            int first = in.read();
            if (first == -1)
                return -1;
            int second = in.read();
            if (second == -1)
                return -1;
            long length = second & 0x7f;
            if (length == 126)
                length = (long) (in.read() << 8) | in.read();
            else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++)
                    length = (length << 8) | in.read();
            }
            byte[] payload = in.readNBytes((int) length);
            if ((first & 0x0f) == 0x8)
                return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

}
