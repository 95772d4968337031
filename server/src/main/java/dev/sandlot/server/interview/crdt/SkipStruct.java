package dev.sandlot.server.interview.crdt;

/** Clocks an update does not carry (a gap between the structs it has). */
final class SkipStruct extends Struct {

    static final int REF = 10;

    SkipStruct(long client, long clock, long length) {
        super(client, clock, length);
    }

    @Override
    boolean deleted() {
        return true;
    }

    @Override
    void write(ByteWriter out, long offset) {
        out.writeUint8(REF);
        out.writeVarUint(length - offset);
    }

}
