package dev.sandlot.server.interview.crdt;

import java.util.Arrays;

/** lib0's encoding into a growing byte array. */
final class ByteWriter {

    private byte[] buf = new byte[64];

    private int len;

    void writeUint8(int b) {
        if (len == buf.length)
            buf = Arrays.copyOf(buf, buf.length * 2);
        buf[len++] = (byte) b;
    }

    void writeVarUint(long num) {
        while (num > 0x7f) {
            writeUint8(0x80 | (int) (num & 0x7f));
            num >>>= 7;
        }
        writeUint8((int) num);
    }

    void writeVarInt(long num) {
        boolean negative = num < 0;
        long abs = negative ? -num : num;
        writeUint8((abs > 0x3f ? 0x80 : 0) | (negative ? 0x40 : 0) | (int) (abs & 0x3f));
        abs >>>= 6;
        while (abs > 0) {
            writeUint8((abs > 0x7f ? 0x80 : 0) | (int) (abs & 0x7f));
            abs >>>= 7;
        }
    }

    void writeBytes(byte[] bytes) {
        if (len + bytes.length > buf.length)
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + bytes.length));
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    void writeVarUint8Array(byte[] bytes) {
        writeVarUint(bytes.length);
        writeBytes(bytes);
    }

    /** UTF-8 as JavaScript's TextEncoder writes it: a lone surrogate becomes U+FFFD. */
    void writeVarString(String s) {
        writeVarUint8Array(utf8(s));
    }

    void writeFloat32(float f) {
        writeFixed(Float.floatToRawIntBits(f), 4);
    }

    void writeFloat64(double d) {
        writeFixed(Double.doubleToRawLongBits(d), 8);
    }

    void writeBigInt64(long v) {
        writeFixed(v, 8);
    }

    private void writeFixed(long v, int n) {
        for (int i = n - 1; i >= 0; i--)
            writeUint8((int) (v >>> (8 * i)));
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    static byte[] utf8(String s) {
        ByteWriter out = new ByteWriter();
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(c, s.charAt(++i));
            }
            else if (Character.isSurrogate(c)) {
                cp = 0xFFFD;
            }
            if (cp < 0x80) {
                out.writeUint8(cp);
            }
            else if (cp < 0x800) {
                out.writeUint8(0xC0 | (cp >> 6));
                out.writeUint8(0x80 | (cp & 0x3f));
            }
            else if (cp < 0x10000) {
                out.writeUint8(0xE0 | (cp >> 12));
                out.writeUint8(0x80 | ((cp >> 6) & 0x3f));
                out.writeUint8(0x80 | (cp & 0x3f));
            }
            else {
                out.writeUint8(0xF0 | (cp >> 18));
                out.writeUint8(0x80 | ((cp >> 12) & 0x3f));
                out.writeUint8(0x80 | ((cp >> 6) & 0x3f));
                out.writeUint8(0x80 | (cp & 0x3f));
            }
        }
        return out.toByteArray();
    }

}
