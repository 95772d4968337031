package dev.sandlot.engine.sandbox;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The one Java codec of the sandbox init's wire protocol (see src/main/c/sandlot-helper.c
 * and terminal.c): frames of u8 type, u32 length (little endian) and payload, the payload
 * layouts the host and the init share, and the status line the init writes to fd 4 and,
 * in a terminal, in its 'x' frame. {@link HelperRequest} and the engine's Terminal both
 * frame through here.
 */
public final class HelperProtocol {

    /** What a request on the init's stdin begins with. */
    static final byte[] MAGIC = "SLT1".getBytes(StandardCharsets.US_ASCII);

    /** The largest payload either side accepts (MAX_RECORD in the helper). */
    public static final int MAX_PAYLOAD = 64 << 20;

    // Request records, host to init, up to "go".
    static final char WARM_WORD = 'W';
    static final char START_WARM = 'S';
    static final char FILE = 'F';
    static final char RLIMIT = 'L';
    static final char PROGRAM_WORD = 'P';
    static final char TERMINAL = 'T';
    static final char PACK_BUILD = 'B';
    static final char RETURN_OUTPUTS = 'O';
    static final char RETURN_FILE = 'N';
    static final char GO = 'G';

    // Terminal records, host to init, after "go".
    public static final char INPUT = 'i';

    public static final char RESIZE = 'r';

    public static final char SIGNAL = 's';

    public static final char WRITE_FILE = 'w';

    public static final char DELETE_FILE = 'd';

    public static final char READ_FILE = 'g';

    public static final char LIST = 'm';

    // Terminal records, init to host.
    public static final char OUTPUT = 'o';

    public static final char ENDED = 'x';

    public static final char ACK = 'A';

    public static final char LISTING = 'M';

    public static final char FILE_CONTENT = 'F';

    /** One frame read from the init. */
    public record Frame(char type, byte[] payload) {
    }

    private HelperProtocol() {
    }

    /** A frame: type, payload length, payload. */
    public static byte[] frame(char type, byte[] payload) {
        return le(5 + payload.length).put((byte) type).putInt(payload.length).put(payload).array();
    }

    /** The next frame, or null when the stream ends cleanly between frames. */
    public static Frame readFrame(DataInputStream in) throws IOException {
        byte[] head = new byte[5];
        try {
            in.readFully(head);
        }
        catch (EOFException e) {
            return null;
        }
        ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        char type = (char) (h.get() & 0xff);
        int length = h.getInt();
        if (length < 0 || length > MAX_PAYLOAD)
            throw new IOException("bad frame length " + length);
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(type, payload);
    }

    /**
     * A file to write: u32 mode, u32 path length, path, content (request 'F', terminal
     * 'w').
     */
    public static byte[] file(int mode, String path, byte[] content) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        return le(8 + name.length + content.length).putInt(mode).putInt(name.length).put(name).put(content).array();
    }

    /** A terminal size: u16 cols, u16 rows (request 'T', terminal 'r'). */
    public static byte[] size(int cols, int rows) {
        return le(4).putShort((short) cols).putShort((short) rows).array();
    }

    /** A u32, e.g. the signal of a terminal 's'. */
    public static byte[] u32(int value) {
        return le(4).putInt(value).array();
    }

    /** An rlimit: u32 resource, u64 soft, u64 hard (request 'L'). */
    static byte[] rlimit(int resource, long soft, long hard) {
        return le(20).putInt(resource).putLong(soft).putLong(hard).array();
    }

    /**
     * The caps of a run's returned files: u32 files, u64 bytes per file, u64 in all
     * (request 'O').
     */
    static byte[] outputCaps(int maxFiles, long maxFileBytes, long maxTotalBytes) {
        return le(20).putInt(maxFiles).putLong(maxFileBytes).putLong(maxTotalBytes).array();
    }

    /** A file to read: u32 the most bytes wanted, path (terminal 'g'). */
    public static byte[] readFile(int maxBytes, String path) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        return le(4 + name.length).putInt(maxBytes).put(name).array();
    }

    /**
     * The status line: "exit CODE WALL_US", "signal SIG CORE WALL_US" or "error TEXT";
     * another first word is reported as an unreadable status.
     * @throws RuntimeException when a number is missing or malformed, e.g. a line still
     * being written
     */
    public static SandboxProcess.Exit parseStatus(String line) {
        String[] parts = line.strip().split(" ", 2);
        String rest = parts.length > 1 ? parts[1] : "";
        String[] f = rest.split(" ");
        return switch (parts[0]) {
            case "exit" -> new SandboxProcess.Exit(Integer.parseInt(f[0]), null, false, Long.parseLong(f[1]), null);
            case "signal" ->
                new SandboxProcess.Exit(null, Integer.parseInt(f[0]), f[1].equals("1"), Long.parseLong(f[2]), null);
            case "error" -> new SandboxProcess.Exit(null, null, false, 0, rest);
            default -> new SandboxProcess.Exit(null, null, false, 0, "unreadable status: " + line.strip());
        };
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

}
