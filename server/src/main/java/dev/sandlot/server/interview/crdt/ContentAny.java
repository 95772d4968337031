package dev.sandlot.server.interview.crdt;

import java.util.List;

/** Values in lib0's any encoding (Y.Map values, Y.Array entries). */
final class ContentAny extends ListContent<Object> {

    ContentAny(List<Object> values) {
        super(values);
    }

    @Override
    ListContent<Object> holding(List<Object> values) {
        return new ContentAny(values);
    }

    @Override
    public int ref() {
        return 8;
    }

    @Override
    void writeValue(ByteWriter out, Object value) {
        AnyValue.write(out, value);
    }

    @Override
    long approximateBytes(Object value) {
        return AnyValue.approximateBytes(value);
    }

}
