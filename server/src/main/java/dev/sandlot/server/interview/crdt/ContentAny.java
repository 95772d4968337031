package dev.sandlot.server.interview.crdt;

import java.util.ArrayList;
import java.util.List;

/** Values in lib0's any encoding (Y.Map values, Y.Array entries). */
final class ContentAny implements Content {

    private List<Object> values;

    ContentAny(List<Object> values) {
        this.values = values;
    }

    @Override
    public long length() {
        return values.size();
    }

    @Override
    public boolean countable() {
        return true;
    }

    @Override
    public int ref() {
        return 8;
    }

    @Override
    public Content splice(long offset) {
        ContentAny right = new ContentAny(new ArrayList<>(values.subList((int) offset, values.size())));
        values = new ArrayList<>(values.subList(0, (int) offset));
        return right;
    }

    @Override
    public Content tail(long offset) {
        return new ContentAny(new ArrayList<>(values.subList((int) offset, values.size())));
    }

    @Override
    public boolean mergeWith(Content right) {
        values.addAll(((ContentAny) right).values);
        return true;
    }

    @Override
    public void write(ByteWriter out, long offset) {
        out.writeVarUint(values.size() - offset);
        for (int i = (int) offset; i < values.size(); i++)
            AnyValue.write(out, values.get(i));
    }

    @Override
    public long approximateBytes() {
        return 32 + values.stream().mapToLong(AnyValue::approximateBytes).sum();
    }

}
