package dev.sandlot.server.terminal;

/** The last bytes a terminal printed, replayed to a client that attaches later. */
final class Scrollback {

    private final byte[] ring;

    private long written;

    Scrollback(int capacity) {
        this.ring = new byte[Math.max(1024, capacity)];
    }

    synchronized void add(byte[] bytes) {
        int from = Math.max(0, bytes.length - ring.length);
        for (int i = from; i < bytes.length; i++) {
            ring[(int) ((written + i - from) % ring.length)] = bytes[i];
        }
        written += bytes.length - from;
    }

    synchronized byte[] snapshot() {
        int size = (int) Math.min(written, ring.length);
        byte[] out = new byte[size];
        long start = written - size;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(int) ((start + i) % ring.length)];
        }
        return out;
    }

}
