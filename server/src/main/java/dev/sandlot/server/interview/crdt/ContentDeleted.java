package dev.sandlot.server.interview.crdt;

/** The length of content that was deleted and collected. */
final class ContentDeleted implements Content {

    long len;

    ContentDeleted(long len) {
        this.len = len;
    }

    @Override
    public long length() {
        return len;
    }

    @Override
    public boolean countable() {
        return false;
    }

    @Override
    public int ref() {
        return 1;
    }

    @Override
    public Content splice(long offset) {
        ContentDeleted right = new ContentDeleted(len - offset);
        len = offset;
        return right;
    }

    @Override
    public Content tail(long offset) {
        return new ContentDeleted(len - offset);
    }

    @Override
    public boolean mergeWith(Content right) {
        len += ((ContentDeleted) right).len;
        return true;
    }

    @Override
    public void write(ByteWriter out, long offset) {
        out.writeVarUint(len - offset);
    }

    @Override
    public long approximateBytes() {
        return 16;
    }

}
