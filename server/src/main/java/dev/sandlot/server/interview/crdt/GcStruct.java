package dev.sandlot.server.interview.crdt;

/** Clocks whose content is gone for good. */
final class GcStruct extends Struct {

    static final int REF = 0;

    GcStruct(long client, long clock, long length) {
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
