package dev.sandlot.server.interview.crdt;

/** A run of clocks of one client: an item, a garbage-collected range, or a gap. */
abstract sealed class Struct permits Item, GcStruct, SkipStruct {

    final long client;

    long clock;

    long length;

    Struct(long client, long clock, long length) {
        this.client = client;
        this.clock = clock;
        this.length = length;
    }

    abstract boolean deleted();

    /** Writes this struct from {@code offset} clocks in. */
    abstract void write(ByteWriter out, long offset);

    long end() {
        return clock + length;
    }

    Id id() {
        return new Id(client, clock);
    }

}
