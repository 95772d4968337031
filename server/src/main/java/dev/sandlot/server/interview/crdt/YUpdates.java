package dev.sandlot.server.interview.crdt;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Facts about a v1 update without integrating it. */
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
        DecodedUpdate decoded = DecodedUpdate.read(update);
        Set<Long> clients = new TreeSet<>();
        long inserted = 0;
        long largest = 0;
        for (Map.Entry<Long, List<Struct>> group : decoded.structs().entrySet()) {
            if (group.getValue().isEmpty())
                continue;
            clients.add(group.getKey());
            for (Struct s : group.getValue()) {
                if (s instanceof Item item && item.content instanceof ContentString) {
                    inserted += item.length;
                    largest = Math.max(largest, item.length);
                }
            }
        }
        return new Summary(Set.copyOf(clients), (int) Math.min(inserted, Integer.MAX_VALUE), (int) largest,
                decoded.deleteSet().rangeCount());
    }

}
