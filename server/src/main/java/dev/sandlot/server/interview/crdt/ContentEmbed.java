package dev.sandlot.server.interview.crdt;

/** A rich-text embed, as its JSON text. */
record ContentEmbed(String json) implements Content.Single {

    @Override
    public int ref() {
        return 5;
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
