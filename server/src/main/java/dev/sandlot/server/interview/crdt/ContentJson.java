package dev.sandlot.server.interview.crdt;

import java.util.ArrayList;
import java.util.List;

/** Legacy JSON values of a Y.Array, kept as their JSON text ("undefined" included). */
final class ContentJson implements Content {

    private List<String> values;

    ContentJson(List<String> values) {
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
        return 2;
    }

    @Override
    public Content splice(long offset) {
        ContentJson right = new ContentJson(new ArrayList<>(values.subList((int) offset, values.size())));
        values = new ArrayList<>(values.subList(0, (int) offset));
        return right;
    }

    @Override
    public Content tail(long offset) {
        return new ContentJson(new ArrayList<>(values.subList((int) offset, values.size())));
    }

    @Override
    public boolean mergeWith(Content right) {
        values.addAll(((ContentJson) right).values);
        return true;
    }

    @Override
    public void write(ByteWriter out, long offset) {
        out.writeVarUint(values.size() - offset);
        for (int i = (int) offset; i < values.size(); i++)
            out.writeVarString(values.get(i));
    }

    @Override
    public long approximateBytes() {
        return 32 + values.stream().mapToLong(v -> 40 + 2L * v.length()).sum();
    }

}
