package dev.sandlot.server.interview.crdt;

/** One Uint8Array. */
final class ContentBinary implements Content {

    private final byte[] bytes;

    ContentBinary(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long length() {
        return 1;
    }

    @Override
    public boolean countable() {
        return true;
    }

    @Override
    public int ref() {
        return 3;
    }

    @Override
    public Content splice(long offset) {
        throw Content.unsplittable();
    }

    @Override
    public Content tail(long offset) {
        throw Content.unsplittable();
    }

    @Override
    public boolean mergeWith(Content right) {
        return false;
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
