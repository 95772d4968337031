package dev.sandlot.server.interview.crdt;

import java.util.ArrayList;
import java.util.List;

/**
 * Content of one value per clock (a Y.Array's entries, a Y.Map's value): split and merged
 * by list.
 */
abstract sealed class ListContent<T> implements Content permits ContentAny, ContentJson {

    private List<T> values;

    ListContent(List<T> values) {
        this.values = values;
    }

    /** The same kind of content holding {@code values}. */
    abstract ListContent<T> holding(List<T> values);

    abstract void writeValue(ByteWriter out, T value);

    abstract long approximateBytes(T value);

    @Override
    public final long length() {
        return values.size();
    }

    @Override
    public final boolean countable() {
        return true;
    }

    @Override
    public final Content splice(long offset) {
        Content right = tail(offset);
        values = new ArrayList<>(values.subList(0, (int) offset));
        return right;
    }

    @Override
    public final Content tail(long offset) {
        return holding(new ArrayList<>(values.subList((int) offset, values.size())));
    }

    @Override
    @SuppressWarnings("unchecked")
    public final boolean mergeWith(Content right) {
        values.addAll(((ListContent<T>) right).values);
        return true;
    }

    @Override
    public final void write(ByteWriter out, long offset) {
        out.writeVarUint(values.size() - offset);
        for (int i = (int) offset; i < values.size(); i++)
            writeValue(out, values.get(i));
    }

    @Override
    public final long approximateBytes() {
        return 32 + values.stream().mapToLong(this::approximateBytes).sum();
    }

}
