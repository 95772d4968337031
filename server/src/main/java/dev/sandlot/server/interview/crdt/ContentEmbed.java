package dev.sandlot.server.interview.crdt;

/** A rich-text embed, as its JSON text. */
record ContentEmbed(String json) implements Content {

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
        return 5;
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
        out.writeVarString(json);
    }

    @Override
    public long approximateBytes() {
        return 40 + 2L * json.length();
    }

}
