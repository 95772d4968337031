package dev.sandlot.server.interview.crdt;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * lib0's decoding over a byte array. Every read checks the bytes left, so a length or
 * count read from hostile input can never make it allocate more than the input holds.
 */
final class ByteReader {

    /** The largest integer a JavaScript number holds exactly, as lib0 allows. */
    static final long MAX_SAFE = (1L << 53) - 1;

    private final byte[] bytes;

    private int pos;

    ByteReader(byte[] bytes) {
        this.bytes = bytes;
    }

    int remaining() {
        return bytes.length - pos;
    }

    boolean hasMore() {
        return pos < bytes.length;
    }

    int position() {
        return pos;
    }

    void expectEnd(String what) {
        if (pos != bytes.length)
            throw new YUpdateException(
                    what + ": " + (bytes.length - pos) + " unexpected bytes after the end at " + pos);
    }

    int readUint8() {
        if (pos >= bytes.length)
            throw truncated();
        return bytes[pos++] & 0xff;
    }

    long readVarUint() {
        long num = 0;
        int shift = 0;
        while (true) {
            int r = readUint8();
            if (shift >= 53 || (shift > 45 && (r & 0x7f) >> (53 - shift) != 0))
                throw new YUpdateException("integer out of range at " + (pos - 1));
            num |= (long) (r & 0x7f) << shift;
            shift += 7;
            if (r < 0x80)
                return num;
        }
    }

    /**
     * A varUint that must fit an int (a length or count); bounds checks are the caller's.
     */
    int readLength() {
        long n = readVarUint();
        if (n > Integer.MAX_VALUE)
            throw new YUpdateException("length " + n + " too large at " + pos);
        return (int) n;
    }

    /**
     * A count of entries each at least {@code minBytes} long: more than the bytes left is
     * malformed.
     */
    int readCount(int minBytes) {
        long n = readVarUint();
        if (n > (long) remaining() / Math.max(1, minBytes))
            throw new YUpdateException("count " + n + " exceeds the " + remaining() + " bytes left at " + pos);
        return (int) n;
    }

    long readVarInt() {
        int r = readUint8();
        long num = r & 0x3f;
        boolean negative = (r & 0x40) != 0;
        int shift = 6;
        while ((r & 0x80) != 0) {
            r = readUint8();
            if (shift >= 53 || (shift > 46 && (r & 0x7f) >> (53 - shift) != 0))
                throw new YUpdateException("integer out of range at " + (pos - 1));
            num |= (long) (r & 0x7f) << shift;
            shift += 7;
        }
        return negative ? -num : num;
    }

    byte[] readBytes(int len) {
        if (len < 0 || len > remaining())
            throw new YUpdateException("length " + len + " exceeds the " + remaining() + " bytes left at " + pos);
        byte[] out = Arrays.copyOfRange(bytes, pos, pos + len);
        pos += len;
        return out;
    }

    byte[] readVarUint8Array() {
        long len = readVarUint();
        if (len > remaining())
            throw new YUpdateException("length " + len + " exceeds the " + remaining() + " bytes left at " + pos);
        return readBytes((int) len);
    }

    /**
     * UTF-8 with a varUint length; invalid UTF-8 is refused (peers could decode it
     * differently).
     */
    String readVarString() {
        long len = readVarUint();
        if (len > remaining())
            throw new YUpdateException(
                    "string length " + len + " exceeds the " + remaining() + " bytes left at " + pos);
        int start = pos;
        pos += (int) len;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, start, (int) len))
                .toString();
        }
        catch (CharacterCodingException ex) {
            throw new YUpdateException("invalid UTF-8 in the string at " + start);
        }
    }

    float readFloat32() {
        return Float.intBitsToFloat((int) readFixed(4));
    }

    double readFloat64() {
        return Double.longBitsToDouble(readFixed(8));
    }

    long readBigInt64() {
        return readFixed(8);
    }

    private long readFixed(int n) {
        if (remaining() < n)
            throw truncated();
        long v = 0;
        for (int i = 0; i < n; i++)
            v = (v << 8) | (bytes[pos++] & 0xff);
        return v;
    }

    private YUpdateException truncated() {
        return new YUpdateException("unexpected end of input at " + pos);
    }

}
