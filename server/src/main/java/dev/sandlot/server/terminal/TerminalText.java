package dev.sandlot.server.terminal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns terminal output, arriving in chunks, into text for JSON messages: a character
 * split across chunks is decoded whole; bytes that are not UTF-8 become U+FFFD and the
 * chunk is flagged, so its raw bytes can go along too.
 */
final class TerminalText {

    /** The text of a chunk, and whether some of its bytes were not UTF-8. */
    record Decoded(String text, boolean malformed) {
    }

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);

    private byte[] pending = new byte[0];

    synchronized Decoded decode(byte[] chunk) {
        ByteBuffer in = ByteBuffer.allocate(pending.length + chunk.length);
        in.put(pending).put(chunk).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        boolean malformed = false;
        while (true) {
            CoderResult result = decoder.decode(in, out, false);
            if (result.isError()) {
                malformed = true;
                in.position(in.position() + result.length());
                out.put('\ufffd');
            }
            else {
                break;
            }
        }
        pending = new byte[in.remaining()];
        in.get(pending);
        return new Decoded(out.flip().toString(), malformed);
    }

    /**
     * Decodes bytes that may start in the middle of a character, e.g. the start of a
     * scrollback.
     */
    static String decodeAll(byte[] bytes) {
        int start = 0;
        while (start < bytes.length && start < 3 && (bytes[start] & 0xC0) == 0x80)
            start++;
        return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    }

}
