package dev.sandlot.server.interview.crdt;

/** A rich-text formatting mark: key and JSON value; not counted in the text's length. */
record ContentFormat(String key, String json) implements Content.Single {

    @Override
    public boolean countable() {
        return false;
    }

    @Override
    public int ref() {
        return 6;
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
