package dev.sandlot.engine.sandbox;

import static dev.sandlot.engine.sandbox.HelperProtocol.FILE;
import static dev.sandlot.engine.sandbox.HelperProtocol.GO;
import static dev.sandlot.engine.sandbox.HelperProtocol.PACK_BUILD;
import static dev.sandlot.engine.sandbox.HelperProtocol.PROGRAM_WORD;
import static dev.sandlot.engine.sandbox.HelperProtocol.RETURN_FILE;
import static dev.sandlot.engine.sandbox.HelperProtocol.RETURN_OUTPUTS;
import static dev.sandlot.engine.sandbox.HelperProtocol.RLIMIT;
import static dev.sandlot.engine.sandbox.HelperProtocol.START_WARM;
import static dev.sandlot.engine.sandbox.HelperProtocol.TERMINAL;
import static dev.sandlot.engine.sandbox.HelperProtocol.WARM_WORD;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds what the sandbox init reads from stdin (see sandlot-helper.c): workspace files,
 * rlimits and the command, then "go", framed by {@link HelperProtocol}. Everything after
 * "go" on the same pipe is the program's own stdin.
 */
public final class HelperRequest {

    /** rlimit resource numbers, the same on x86_64 and aarch64. */
    public enum Resource {

        CPU(0), FSIZE(1), STACK(3), CORE(4), NOFILE(7);

        final int number;

        Resource(int number) {
            this.number = number;
        }

    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private HelperRequest(boolean withMagic) {
        if (withMagic)
            out.writeBytes(HelperProtocol.MAGIC);
    }

    /** A request for a cold sandbox: magic, then records. */
    public static HelperRequest cold() {
        return new HelperRequest(true);
    }

    /**
     * The rest of a request for a warm sandbox, whose magic and prelude were sent at
     * start.
     */
    public static HelperRequest warm() {
        return new HelperRequest(false);
    }

    /** What a warm sandbox is sent at start: pre-start this command, then wait. */
    public static byte[] warmPrelude(List<String> command) {
        HelperRequest prelude = new HelperRequest(true);
        for (String word : command) {
            prelude.record(WARM_WORD, word.getBytes(StandardCharsets.UTF_8));
        }
        prelude.record(START_WARM, new byte[0]);
        return prelude.bytes();
    }

    public HelperRequest file(String path, int mode, byte[] content) {
        return record(FILE, HelperProtocol.file(mode, path, content));
    }

    public HelperRequest rlimit(Resource resource, long soft, long hard) {
        return record(RLIMIT, HelperProtocol.rlimit(resource.number, soft, hard));
    }

    /** A command word (cold) or an extra argv word (warm). */
    public HelperRequest word(String word) {
        return record(PROGRAM_WORD, word.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Runs the command on a new pty of this size and switches stdin and stdout to the
     * terminal protocol.
     */
    public HelperRequest terminal(int cols, int rows) {
        return record(TERMINAL, HelperProtocol.size(cols, rows));
    }

    /** Once the program exits with 0, pack its /build for the host (a compile stage). */
    public HelperRequest packBuild() {
        return record(PACK_BUILD, new byte[0]);
    }

    /**
     * Once the program exits, however it ends, pack the files under /output and the named
     * workspace files for the host, within these caps (a run stage).
     */
    public HelperRequest returnFiles(int maxFiles, long maxFileBytes, long maxTotalBytes, List<String> workspaceFiles) {
        record(RETURN_OUTPUTS, HelperProtocol.outputCaps(maxFiles, maxFileBytes, maxTotalBytes));
        for (String name : workspaceFiles)
            record(RETURN_FILE, name.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public HelperRequest go() {
        return record(GO, new byte[0]);
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    private HelperRequest record(char type, byte[] payload) {
        out.writeBytes(HelperProtocol.frame(type, payload));
        return this;
    }

}
