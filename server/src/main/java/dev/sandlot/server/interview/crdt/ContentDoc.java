package dev.sandlot.server.interview.crdt;

/** A subdocument reference: its guid and options; the server never loads it. */
record ContentDoc(String guid, Object options) implements Content.Single {

    @Override
    public int ref() {
        return 9;
    }

    @Override
    public void write(ByteWriter out, long offset) {
        out.writeVarString(guid);
        AnyValue.write(out, options);
    }

    @Override
    public long approximateBytes() {
        return 48 + 2L * guid.length() + AnyValue.approximateBytes(options);
    }

}
