package dev.sandlot.server.interview.crdt;

/** A nested shared type (Y.Text, Y.Map, Y.Array, Y.Xml*). */
record ContentType(YType type) implements Content.Single {

    @Override
    public int ref() {
        return 7;
    }

    @Override
    public void write(ByteWriter out, long offset) {
        out.writeVarUint(type.typeRef);
        if (type.typeRef == YType.XML_ELEMENT || type.typeRef == YType.XML_HOOK)
            out.writeVarString(type.nodeName);
    }

    @Override
    public long approximateBytes() {
        return 96 + (type.nodeName == null ? 0 : 2L * type.nodeName.length());
    }

}
