package dev.sandlot.server.interview.crdt;

import java.util.List;

/**
 * The y-websocket framing of y-protocols: a varUint message type, then for sync a varUint
 * sync type and a varUint8Array payload, for awareness a varUint8Array awareness update.
 * SKELETON.
 */
public final class SyncMessages {

    public static final int SYNC = 0;

    public static final int AWARENESS = 1;

    public static final int QUERY_AWARENESS = 3;

    public static final int SYNC_STEP1 = 0;

    public static final int SYNC_STEP2 = 1;

    public static final int SYNC_UPDATE = 2;

    private SyncMessages() {
    }

    /**
     * One decoded frame: for sync, {@code syncType} and the payload; for awareness the
     * update.
     */
    public record Message(int type, int syncType, byte[] payload) {
    }

    /**
     * Decodes; throws {@link YUpdateException} if malformed.
     */
    public static Message read(byte[] frame) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    public static byte[] syncStep1(byte[] stateVector) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    public static byte[] syncStep2(byte[] update) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    public static byte[] syncUpdate(byte[] update) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    public static byte[] awareness(byte[] awarenessUpdate) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    /**
     * One client's entry in an awareness update; {@code stateJson} "null" means it left.
     */
    public record AwarenessEntry(long clientId, long clock, String stateJson) {
    }

    /**
     * Decodes; throws {@link YUpdateException} if malformed.
     */
    public static List<AwarenessEntry> decodeAwareness(byte[] awarenessUpdate) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    public static byte[] encodeAwareness(List<AwarenessEntry> entries) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

}
