package dev.sandlot.server.interview.crdt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Structs waiting for structs they depend on, held as the flat struct sequence of the
 * update Yjs keeps for them. New waiting structs join by Yjs's mergeUpdates rules
 * (overlaps sliced off the later struct, gaps filled with skips), so that which copy of
 * overlapping content wins, and where items are cut, is what yjs would do.
 */
final class PendingStructs {

    private PendingStructs() {
    }

    /**
     * Integration's rest as Yjs writes it: clients in descending order, each one's
     * structs.
     */
    static List<Struct> flatten(Map<Long, List<Struct>> byClient) {
        List<Struct> out = new ArrayList<>();
        byClient.entrySet()
            .stream()
            .sorted(Map.Entry.<Long, List<Struct>>comparingByKey().reversed())
            .forEach(e -> out.addAll(e.getValue()));
        return out;
    }

    /**
     * The sequence read back as an update is read: a later run of a client replaces an
     * earlier one.
     */
    static Map<Long, List<Struct>> byClient(List<Struct> flat) {
        Map<Long, List<Struct>> out = new LinkedHashMap<>();
        List<Struct> run = null;
        long runClient = -1;
        for (Struct s : flat) {
            if (run == null || s.client != runClient) {
                run = new ArrayList<>();
                runClient = s.client;
                out.put(runClient, run);
            }
            run.add(s);
        }
        return out;
    }

    private static final class Reader {

        private final List<Struct> structs;

        private int next;

        Struct curr;

        Reader(List<Struct> structs) {
            this.structs = structs;
            advance();
        }

        Struct advance() {
            curr = null;
            while (next < structs.size()) {
                Struct s = structs.get(next++);
                if (!(s instanceof SkipStruct)) {
                    curr = s;
                    break;
                }
            }
            return curr;
        }

    }

    /**
     * Yjs's mergeUpdates over two struct sequences (the delete sets are merged
     * elsewhere).
     */
    static List<Struct> merge(List<Struct> first, List<Struct> second) {
        List<Reader> readers = new ArrayList<>(List.of(new Reader(first), new Reader(second)));
        List<Struct> out = new ArrayList<>();
        Struct currWrite = null;
        while (true) {
            readers.removeIf(r -> r.curr == null);
            readers.sort((a, b) -> a.curr.client == b.curr.client ? Long.compare(a.curr.clock, b.curr.clock)
                    : Long.compare(b.curr.client, a.curr.client));
            if (readers.isEmpty())
                break;
            Reader reader = readers.get(0);
            long firstClient = reader.curr.client;
            if (currWrite != null) {
                Struct curr = reader.curr;
                boolean iterated = false;
                while (curr != null && curr.end() <= currWrite.end() && curr.client >= currWrite.client) {
                    curr = reader.advance();
                    iterated = true;
                }
                if (curr == null || curr.client != firstClient || (iterated && curr.clock > currWrite.end()))
                    continue;
                if (firstClient != currWrite.client) {
                    out.add(currWrite);
                    currWrite = own(curr);
                    reader.advance();
                }
                else if (currWrite.end() < curr.clock) {
                    if (currWrite instanceof SkipStruct) {
                        currWrite.length = curr.end() - currWrite.clock;
                    }
                    else {
                        out.add(currWrite);
                        currWrite = new SkipStruct(firstClient, currWrite.end(), curr.clock - currWrite.end());
                    }
                }
                else {
                    long diff = currWrite.end() - curr.clock;
                    if (diff > 0) {
                        if (currWrite instanceof SkipStruct)
                            currWrite.length -= diff;
                        else
                            curr = slice(curr, diff);
                    }
                    if (!mergeInto(currWrite, curr)) {
                        out.add(currWrite);
                        currWrite = own(curr);
                        reader.advance();
                    }
                }
            }
            else {
                currWrite = own(reader.curr);
                reader.advance();
            }
            for (Struct next = reader.curr; next != null && next.client == firstClient && next.clock == currWrite.end()
                    && !(next instanceof SkipStruct); next = reader.advance()) {
                out.add(currWrite);
                currWrite = own(next);
            }
        }
        if (currWrite != null)
            out.add(currWrite);
        return out;
    }

    /** GC structs merge by growing; copy them so the inputs stay as they were. */
    private static Struct own(Struct s) {
        return s instanceof GcStruct ? new GcStruct(s.client, s.clock, s.length) : s;
    }

    /**
     * Only skips and GC structs merge here: unintegrated items have no right neighbour to
     * merge with.
     */
    private static boolean mergeInto(Struct left, Struct right) {
        if ((left instanceof GcStruct && right instanceof GcStruct)
                || (left instanceof SkipStruct && right instanceof SkipStruct)) {
            left.length += right.length;
            return true;
        }
        return false;
    }

    /** The struct from {@code diff} clocks in, as a re-read update would hold it. */
    static Struct slice(Struct s, long diff) {
        return switch (s) {
            case GcStruct gc -> new GcStruct(gc.client, gc.clock + diff, gc.length - diff);
            case SkipStruct skip -> new SkipStruct(skip.client, skip.clock + diff, skip.length - diff);
            case Item item -> new Item(item.client, item.clock + diff, new Id(item.client, item.clock + diff - 1),
                    item.rightOrigin, null, null, item.content.tail(diff));
        };
    }

}
