package dev.sandlot.server.interview.crdt;

/** One Uint8Array. */
final class ContentBinary implements Content.Single {

    private final byte[] bytes;

    ContentBinary(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int ref() {
        return 3;
    }

    @Override
    public void write(ByteWriter out, long offset) {
        out.writeVarUint8Array(bytes);
    }

    @Override
    public long approximateBytes() {
        return 32L + bytes.length;
    }

}
