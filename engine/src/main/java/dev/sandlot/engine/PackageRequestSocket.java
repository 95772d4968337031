package dev.sandlot.engine;

import dev.sandlot.engine.sandbox.Bind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Unix socket a terminal's pip and npm wrappers send their installs to, in a
 * directory of its own bound at /run/sandlot. One request per connection: a JSON line
 * {@code {"tool":"pip","args":[...],"files":{"requirements.txt":"..."}}}; the answer is
 * JSON lines {@code {"log":"..."}} as the install goes, then {@code {"exit":0}}. One
 * request at a time per terminal; anything malformed, too large or too slow is answered
 * with an error and closed.
 */
final class PackageRequestSocket implements AutoCloseable {

    static final String TARGET = "/run/sandlot";

    static final String NAME = "packages.sock";

    static final int MAX_REQUEST_BYTES = 512 << 10;

    static final int MAX_ARGS = 200;

    static final int MAX_ARG_CHARS = 4096;

    static final int MAX_FILES = 4;

    private static final long REQUEST_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(PackageRequestSocket.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    private final ServerSocketChannel server;

    private final PackageRequests handler;

    private final String label;

    private final AtomicBoolean busy = new AtomicBoolean();

    private volatile boolean closed;

    private PackageRequestSocket(Path dir, ServerSocketChannel server, PackageRequests handler, String label) {
        this.dir = dir;
        this.server = server;
        this.handler = handler;
        this.label = label;
    }

    /** Listens in a new directory under {@code socketsDir}, unguessably named. */
    static PackageRequestSocket open(Path socketsDir, String label, PackageRequests handler) throws IOException {
        // Traversable, not listable, by the sandbox uids; outside every overlaid
        // directory,
        // since a socket cannot be connected to through an overlay.
        Files.createDirectories(socketsDir);
        Files.setPosixFilePermissions(socketsDir, PosixFilePermissions.fromString("rwx--x--x"));
        byte[] name = new byte[16];
        RANDOM.nextBytes(name);
        Path dir = Files.createDirectory(socketsDir.resolve("terminal-" + HexFormat.of().formatHex(name)),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            Path socket = dir.resolve(NAME);
            server.bind(UnixDomainSocketAddress.of(socket));
            // The sandbox's uid is not ours: it may traverse the directory and connect,
            // no
            // more.
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        }
        catch (IOException | RuntimeException e) {
            server.close();
            FileTrees.delete(dir);
            throw e;
        }
        PackageRequestSocket socket = new PackageRequestSocket(dir, server, handler, label);
        Thread.ofVirtual().name("terminal-packages").start(socket::acceptLoop);
        return socket;
    }

    /** Where the terminal sees the socket's directory. */
    Bind bind() {
        return Bind.socket(dir, TARGET);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel connection = server.accept();
                Thread.ofVirtual().name("terminal-packages-request").start(() -> serve(connection));
            }
            catch (IOException e) {
                if (!closed)
                    log.warn("terminal {}: package socket: {}", label, e.toString());
                return;
            }
        }
    }

    private void serve(SocketChannel connection) {
        Answer answer = new Answer(connection);
        try (connection) {
            if (!busy.compareAndSet(false, true)) {
                answer.end("sandlot: another package command is running in this terminal; wait for it to end", 1);
                return;
            }
            try {
                PackageRequests.Request request;
                try {
                    request = parse(readLine(connection));
                }
                catch (BadRequest e) {
                    answer.end("sandlot: " + e.getMessage(), 2);
                    return;
                }
                int code = handler.handle(request, answer::log);
                answer.end(null, code);
            }
            finally {
                busy.set(false);
            }
        }
        catch (IOException | RuntimeException e) {
            if (!closed)
                log.warn("terminal {}: package request failed: {}", label, e.toString());
            answer.end("sandlot: the package request failed; the server log says why", 1);
        }
    }

    /** Reads the request line, closing the connection if it has not come in time. */
    private static byte[] readLine(SocketChannel connection) throws IOException {
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture.delayedExecutor(REQUEST_SECONDS, TimeUnit.SECONDS).execute(() -> {
            if (!done.get()) {
                try {
                    connection.close();
                }
                catch (IOException e) {
                    // closed anyway
                }
            }
        });
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        try {
            while (true) {
                buffer.clear();
                int n = connection.read(buffer);
                if (n < 0)
                    throw new BadRequest("the request ended before its newline");
                for (int i = 0; i < n; i++) {
                    byte b = buffer.get(i);
                    if (b == '\n')
                        return line.toByteArray();
                    line.write(b);
                }
                if (line.size() > MAX_REQUEST_BYTES)
                    throw new BadRequest("the request is larger than " + MAX_REQUEST_BYTES + " bytes");
            }
        }
        catch (IOException e) {
            if (!connection.isOpen())
                throw new BadRequest("no request came within " + REQUEST_SECONDS + " s");
            throw e;
        }
        finally {
            done.set(true);
        }
    }

    static PackageRequests.Request parse(byte[] line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        }
        catch (JacksonException e) {
            throw new BadRequest("the request is not JSON");
        }
        if (root == null || !root.isObject())
            throw new BadRequest("the request is not a JSON object");
        JsonNode tool = root.get("tool");
        if (tool == null || !tool.isString() || !List.of("pip", "npm").contains(tool.asString()))
            throw new BadRequest("tool must be pip or npm");
        JsonNode args = root.get("args");
        if (args == null || !args.isArray() || args.size() > MAX_ARGS)
            throw new BadRequest("args must be an array of at most " + MAX_ARGS + " words");
        List<String> words = new ArrayList<>();
        for (JsonNode arg : args) {
            if (!arg.isString() || arg.asString().length() > MAX_ARG_CHARS)
                throw new BadRequest("each of args must be a string of at most " + MAX_ARG_CHARS + " characters");
            words.add(arg.asString());
        }
        Map<String, String> files = new LinkedHashMap<>();
        JsonNode given = root.get("files");
        if (given != null && !given.isNull()) {
            if (!given.isObject() || given.size() > MAX_FILES)
                throw new BadRequest("files must be an object of at most " + MAX_FILES + " files");
            for (Map.Entry<String, JsonNode> file : ((ObjectNode) given).properties()) {
                if (!file.getValue().isString())
                    throw new BadRequest("files must hold text");
                files.put(file.getKey(), file.getValue().asString());
            }
        }
        return new PackageRequests.Request(tool.asString(), words, files);
    }

    @Override
    public void close() {
        if (closed)
            return;
        closed = true;
        try {
            server.close();
        }
        catch (IOException e) {
            // closing anyway
        }
        if (!FileTrees.delete(dir))
            log.warn("terminal {}: cannot remove {}", label, dir);
    }

    /** A request the socket refuses, with the reason the shell prints. */
    static final class BadRequest extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }

    }

    /**
     * The answer's JSON lines, written by a thread of its own so that a client that does
     * not read never holds up the install: past {@link #MAX_QUEUED_BYTES} lines are
     * dropped, and once the client has gone, everything is.
     */
    private static final class Answer {

        private static final int MAX_QUEUED_BYTES = 1 << 20;

        private static final byte[] END = new byte[0];

        private final SocketChannel connection;

        private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();

        private final AtomicLong queued = new AtomicLong();

        private final Thread writer;

        private volatile boolean gone;

        private boolean ended;

        private boolean dropped;

        Answer(SocketChannel connection) {
            this.connection = connection;
            this.writer = Thread.ofVirtual().name("terminal-packages-answer").start(this::writeLoop);
        }

        synchronized void log(String line) {
            ObjectNode node = JSON.createObjectNode();
            node.put("log", line);
            enqueue(node);
        }

        /** Queues the exit code and waits a little for the client to take it all. */
        void end(String error, int code) {
            synchronized (this) {
                if (ended)
                    return;
                if (error != null)
                    log(error);
                ended = true;
                ObjectNode node = JSON.createObjectNode();
                node.put("exit", code);
                queue.add((JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
                queue.add(END);
            }
            try {
                writer.join(Duration.ofSeconds(5));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writer.interrupt();
        }

        private void enqueue(ObjectNode node) {
            if (gone || ended)
                return;
            byte[] bytes = (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
            if (queued.addAndGet(bytes.length) > MAX_QUEUED_BYTES) {
                queued.addAndGet(-bytes.length);
                if (!dropped) {
                    dropped = true;
                    ObjectNode note = JSON.createObjectNode();
                    note.put("log", "sandlot: the terminal is not reading; some log lines are left out");
                    queue.add((JSON.writeValueAsString(note) + "\n").getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
            queue.add(bytes);
        }

        private void writeLoop() {
            try {
                while (true) {
                    byte[] bytes = queue.take();
                    if (bytes == END)
                        return;
                    queued.addAndGet(-bytes.length);
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining())
                        connection.write(buffer);
                }
            }
            catch (IOException e) {
                gone = true;
            }
            catch (InterruptedException e) {
                gone = true;
            }
        }

    }

}
