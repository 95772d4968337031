package dev.sandlot.server.interview.crdt;

import java.util.ArrayList;
import java.util.List;

/**
 * The y-websocket framing of y-protocols: a varUint message type, then for sync a varUint
 * sync type and a varUint8Array payload, for awareness a varUint8Array awareness update,
 * for query-awareness nothing. Anything else, or bytes after the end, is malformed.
 */
public final class SyncMessages {

    public static final int SYNC = 0;

    public static final int AWARENESS = 1;

    public static final int QUERY_AWARENESS = 3;

    public static final int SYNC_STEP1 = 0;

    public static final int SYNC_STEP2 = 1;

    public static final int SYNC_UPDATE = 2;

    /** The sync type of a message that is not a sync message. */
    public static final int NO_SYNC_TYPE = -1;

    private SyncMessages() {
    }

    /**
     * One decoded frame: for sync, {@code syncType} and the payload; for awareness the
     * update ({@code syncType} {@link #NO_SYNC_TYPE}); for query-awareness an empty
     * payload.
     */
    public record Message(int type, int syncType, byte[] payload) {
    }

    /**
     * Decodes; throws {@link YUpdateException} if malformed.
     */
    public static Message read(byte[] frame) {
        if (frame == null || frame.length == 0)
            throw new YUpdateException("empty frame");
        ByteReader in = new ByteReader(frame);
        long type = in.readVarUint();
        Message message;
        if (type == SYNC) {
            long syncType = in.readVarUint();
            if (syncType != SYNC_STEP1 && syncType != SYNC_STEP2 && syncType != SYNC_UPDATE)
                throw new YUpdateException("unknown sync message type " + syncType);
            message = new Message(SYNC, (int) syncType, in.readVarUint8Array());
        }
        else if (type == AWARENESS) {
            message = new Message(AWARENESS, NO_SYNC_TYPE, in.readVarUint8Array());
        }
        else if (type == QUERY_AWARENESS) {
            message = new Message(QUERY_AWARENESS, NO_SYNC_TYPE, new byte[0]);
        }
        else {
            throw new YUpdateException("unknown message type " + type);
        }
        in.expectEnd("frame");
        return message;
    }

    public static byte[] syncStep1(byte[] stateVector) {
        return sync(SYNC_STEP1, stateVector);
    }

    public static byte[] syncStep2(byte[] update) {
        return sync(SYNC_STEP2, update);
    }

    public static byte[] syncUpdate(byte[] update) {
        return sync(SYNC_UPDATE, update);
    }

    private static byte[] sync(int syncType, byte[] payload) {
        ByteWriter out = new ByteWriter();
        out.writeVarUint(SYNC);
        out.writeVarUint(syncType);
        out.writeVarUint8Array(payload);
        return out.toByteArray();
    }

    public static byte[] awareness(byte[] awarenessUpdate) {
        ByteWriter out = new ByteWriter();
        out.writeVarUint(AWARENESS);
        out.writeVarUint8Array(awarenessUpdate);
        return out.toByteArray();
    }

    /** A query-awareness frame: asks the other side for everybody's awareness. */
    public static byte[] queryAwareness() {
        return new byte[] { QUERY_AWARENESS };
    }

    /**
     * One client's entry in an awareness update; {@code stateJson} "null" means it left.
     */
    public record AwarenessEntry(long clientId, long clock, String stateJson) {
    }

    /**
     * Decodes; throws {@link YUpdateException} if malformed (the state must be JSON).
     */
    public static List<AwarenessEntry> decodeAwareness(byte[] awarenessUpdate) {
        if (awarenessUpdate == null)
            throw new YUpdateException("no awareness update");
        ByteReader in = new ByteReader(awarenessUpdate);
        int n = in.readCount(3);
        List<AwarenessEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long clientId = in.readVarUint();
            long clock = in.readVarUint();
            String state = in.readVarString();
            JsonSyntax.check(state, "awareness state");
            entries.add(new AwarenessEntry(clientId, clock, state));
        }
        in.expectEnd("awareness update");
        return entries;
    }

    public static byte[] encodeAwareness(List<AwarenessEntry> entries) {
        ByteWriter out = new ByteWriter();
        out.writeVarUint(entries.size());
        for (AwarenessEntry e : entries) {
            out.writeVarUint(e.clientId());
            out.writeVarUint(e.clock());
            out.writeVarString(e.stateJson());
        }
        return out.toByteArray();
    }

}
