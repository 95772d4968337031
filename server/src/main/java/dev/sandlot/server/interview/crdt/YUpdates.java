package dev.sandlot.server.interview.crdt;

import java.util.Set;

/** Facts about a v1 update without integrating it. SKELETON. */
public final class YUpdates {

    private YUpdates() {
    }

    /**
     * What an update holds: the clients whose structs it carries, and the text it
     * inserts.
     */
    public record Summary(Set<Long> structClients, int insertedChars, int largestInsert, int deletedRanges) {
    }

    /**
     * Decodes; throws {@link YUpdateException} if malformed.
     */
    public static Summary summarize(byte[] update) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

}
