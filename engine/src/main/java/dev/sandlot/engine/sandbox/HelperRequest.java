package dev.sandlot.engine.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes what the sandbox init reads from stdin (see sandlot-helper.c):
 * workspace files, rlimits and the command, then "go". Everything after "go"
 * on the same pipe is the program's own stdin.
 */
public final class HelperRequest {

    static final byte[] MAGIC = "SLT1".getBytes(StandardCharsets.US_ASCII);

    /** rlimit resource numbers, the same on x86_64 and aarch64. */
    public enum Resource {
        CPU(0),
        FSIZE(1),
        STACK(3),
        CORE(4),
        NOFILE(7);

        final int number;

        Resource(int number) {
            this.number = number;
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private HelperRequest(boolean withMagic) {
        if (withMagic) out.writeBytes(MAGIC);
    }

    /** A request for a cold sandbox: magic, then records. */
    public static HelperRequest cold() {
        return new HelperRequest(true);
    }

    /** The rest of a request for a warm sandbox, whose magic and prelude were sent at start. */
    public static HelperRequest warm() {
        return new HelperRequest(false);
    }

    /** What a warm sandbox is sent at start: pre-start this command, then wait. */
    public static byte[] warmPrelude(List<String> command) {
        HelperRequest prelude = new HelperRequest(true);
        for (String word : command) {
            prelude.record('W', word.getBytes(StandardCharsets.UTF_8));
        }
        prelude.record('S', new byte[0]);
        return prelude.bytes();
    }

    public HelperRequest file(String path, int mode, byte[] content) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload =
                ByteBuffer.allocate(8 + name.length + content.length).order(ByteOrder.LITTLE_ENDIAN);
        payload.putInt(mode).putInt(name.length).put(name).put(content);
        return record('F', payload.array());
    }

    public HelperRequest rlimit(Resource resource, long soft, long hard) {
        ByteBuffer payload = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        payload.putInt(resource.number).putLong(soft).putLong(hard);
        return record('L', payload.array());
    }

    /** A command word (cold) or an extra argv word (warm). */
    public HelperRequest word(String word) {
        return record('P', word.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs the command on a new pty of this size and switches stdin and stdout to the terminal protocol. */
    public HelperRequest terminal(int cols, int rows) {
        ByteBuffer payload = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        payload.putShort((short) cols).putShort((short) rows);
        return record('T', payload.array());
    }

    /** Once the program exits with 0, pack its /build for the host (a compile stage). */
    public HelperRequest packBuild() {
        return record('B', new byte[0]);
    }

    public HelperRequest go() {
        return record('G', new byte[0]);
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    private HelperRequest record(char type, byte[] payload) {
        ByteBuffer head = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) type).putInt(payload.length);
        out.writeBytes(head.array());
        out.writeBytes(payload);
        return this;
    }
}
