package dev.sandlot.server.interview.crdt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every integrated struct, per client in clock order with no gaps. */
final class StructStore {

    final Map<Long, List<Struct>> clients = new HashMap<>();

    long state(long client) {
        List<Struct> structs = clients.get(client);
        if (structs == null)
            return 0;
        return structs.get(structs.size() - 1).end();
    }

    Map<Long, Long> stateVector() {
        Map<Long, Long> sv = new HashMap<>();
        clients.forEach((client, structs) -> sv.put(client, structs.get(structs.size() - 1).end()));
        return sv;
    }

    void add(Struct struct) {
        List<Struct> structs = clients.computeIfAbsent(struct.client, c -> new ArrayList<>());
        if (!structs.isEmpty() && structs.get(structs.size() - 1).end() != struct.clock)
            throw new IllegalStateException("struct " + struct.id() + " leaves a gap");
        structs.add(struct);
    }

    /** The index of the struct holding {@code clock}. */
    static int findIndex(List<Struct> structs, long clock) {
        int left = 0;
        int right = structs.size() - 1;
        while (left <= right) {
            int mid = (left + right) >>> 1;
            Struct s = structs.get(mid);
            if (s.clock <= clock) {
                if (clock < s.end())
                    return mid;
                left = mid + 1;
            }
            else {
                right = mid - 1;
            }
        }
        throw new IllegalStateException("no struct holds clock " + clock);
    }

    List<Struct> structs(long client) {
        List<Struct> structs = clients.get(client);
        if (structs == null)
            throw new IllegalStateException("no structs of client " + client);
        return structs;
    }

    Struct find(Id id) {
        List<Struct> structs = structs(id.client());
        return structs.get(findIndex(structs, id.clock()));
    }

    /** The struct starting exactly at {@code id}, splitting an item if needed. */
    Struct cleanStart(Transaction tx, Id id) {
        List<Struct> structs = structs(id.client());
        return structs.get(findIndexCleanStart(tx, structs, id.clock()));
    }

    int findIndexCleanStart(Transaction tx, List<Struct> structs, long clock) {
        int index = findIndex(structs, clock);
        Struct struct = structs.get(index);
        if (struct.clock < clock && struct instanceof Item item) {
            structs.add(index + 1, item.split(tx, clock - item.clock));
            return index + 1;
        }
        return index;
    }

    /** The struct ending exactly at {@code id}, splitting an item if needed. */
    Struct cleanEnd(Transaction tx, Id id) {
        List<Struct> structs = structs(id.client());
        int index = findIndex(structs, id.clock());
        Struct struct = structs.get(index);
        if (id.clock() != struct.end() - 1 && struct instanceof Item item)
            structs.add(index + 1, item.split(tx, id.clock() - item.clock + 1));
        return struct;
    }

    void replace(Struct struct, Struct replacement) {
        List<Struct> structs = structs(struct.client);
        structs.set(findIndex(structs, struct.clock), replacement);
    }

}
