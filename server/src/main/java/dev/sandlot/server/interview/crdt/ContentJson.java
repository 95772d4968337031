package dev.sandlot.server.interview.crdt;

import java.util.List;

/** Legacy JSON values of a Y.Array, kept as their JSON text ("undefined" included). */
final class ContentJson extends ListContent<String> {

    ContentJson(List<String> values) {
        super(values);
    }

    @Override
    ListContent<String> holding(List<String> values) {
        return new ContentJson(values);
    }

    @Override
    public int ref() {
        return 2;
    }

    @Override
    void writeValue(ByteWriter out, String value) {
        out.writeVarString(value);
    }

    @Override
    long approximateBytes(String value) {
        return 40 + 2L * value.length();
    }

}
