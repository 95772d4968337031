package dev.sandlot.server.interview.crdt;

/** A rich-text formatting mark: key and JSON value; not counted in the text's length. */
record ContentFormat(String key, String json) implements Content {

    @Override
    public long length() {
        return 1;
    }

    @Override
    public boolean countable() {
        return false;
    }

    @Override
    public int ref() {
        return 6;
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
        out.writeVarString(key);
        out.writeVarString(json);
    }

    @Override
    public long approximateBytes() {
        return 64 + 2L * (key.length() + json.length());
    }

}
