package dev.sandlot.server.interview.crdt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Deleted clock ranges per client. */
final class DeleteSet {

    /** One deleted range. */
    record Range(long clock, long len) {
    }

    final Map<Long, List<Range>> clients = new HashMap<>();

    void add(long client, long clock, long len) {
        clients.computeIfAbsent(client, c -> new ArrayList<>()).add(new Range(clock, len));
    }

    boolean isEmpty() {
        return clients.isEmpty();
    }

    int rangeCount() {
        return clients.values().stream().mapToInt(List::size).sum();
    }

    /** Sorts each client's ranges and joins those that touch or overlap. */
    void sortAndMerge() {
        for (List<Range> dels : clients.values()) {
            dels.sort(Comparator.comparingLong(Range::clock));
            int j = 1;
            for (int i = 1; i < dels.size(); i++) {
                Range left = dels.get(j - 1);
                Range right = dels.get(i);
                if (left.clock + left.len >= right.clock) {
                    dels.set(j - 1, new Range(left.clock, Math.max(left.len, right.clock + right.len - left.clock)));
                }
                else {
                    dels.set(j++, right);
                }
            }
            if (dels.size() > j)
                dels.subList(j, dels.size()).clear();
        }
    }

    /** A fresh, sorted and merged union. */
    static DeleteSet merge(DeleteSet a, DeleteSet b) {
        DeleteSet out = new DeleteSet();
        for (DeleteSet ds : List.of(a, b)) {
            ds.clients.forEach(
                    (client, ranges) -> out.clients.computeIfAbsent(client, c -> new ArrayList<>()).addAll(ranges));
        }
        out.sortAndMerge();
        return out;
    }

    void write(ByteWriter out) {
        out.writeVarUint(clients.size());
        clients.entrySet().stream().sorted(Map.Entry.<Long, List<Range>>comparingByKey().reversed()).forEach(e -> {
            out.writeVarUint(e.getKey());
            out.writeVarUint(e.getValue().size());
            for (Range r : e.getValue()) {
                out.writeVarUint(r.clock);
                out.writeVarUint(r.len);
            }
        });
    }

    /** Reads a delete set, every range checked to stay within 2^53 clocks. */
    static DeleteSet read(ByteReader in) {
        DeleteSet ds = new DeleteSet();
        int numClients = in.readCount(2);
        for (int i = 0; i < numClients; i++) {
            long client = in.readVarUint();
            int n = in.readCount(2);
            if (n == 0)
                continue;
            List<Range> ranges = ds.clients.computeIfAbsent(client, c -> new ArrayList<>());
            for (int k = 0; k < n; k++) {
                long clock = in.readVarUint();
                long len = in.readVarUint();
                if (clock + len > ByteReader.MAX_SAFE)
                    throw new YUpdateException("delete range past 2^53 at " + in.position());
                ranges.add(new Range(clock, len));
            }
        }
        return ds;
    }

}
