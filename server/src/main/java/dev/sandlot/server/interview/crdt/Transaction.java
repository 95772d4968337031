package dev.sandlot.server.interview.crdt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * One change to the document: what it deleted, the state before it, the split items to
 * merge back afterwards. {@link #cleanup()} collects deleted content and merges structs,
 * as Yjs's transaction cleanup does.
 */
final class Transaction {

    final StructStore store;

    final DeleteSet deleteSet = new DeleteSet();

    final Map<Long, Long> beforeState;

    final List<Item> mergeStructs = new ArrayList<>();

    /**
     * Types whose items still have to be deleted (worked off in a loop, not recursion).
     */
    private final Deque<YType> typesToDelete = new ArrayDeque<>();

    private boolean deletingTypes;

    private final Map<String, YType> roots;

    Transaction(StructStore store, Map<String, YType> roots) {
        this.store = store;
        this.roots = roots;
        this.beforeState = store.stateVector();
    }

    YType root(String name) {
        return roots.computeIfAbsent(name, YType::root);
    }

    long before(long client) {
        return beforeState.getOrDefault(client, 0L);
    }

    /** Deletes everything inside a deleted type, however deep types nest. */
    void deleteTypeContent(YType type) {
        typesToDelete.add(type);
        if (deletingTypes)
            return;
        deletingTypes = true;
        try {
            while (!typesToDelete.isEmpty()) {
                YType t = typesToDelete.poll();
                for (Item item = t.start; item != null; item = item.right)
                    deleteOrRemember(item);
                for (Item item : new ArrayList<>(t.map.values()))
                    deleteOrRemember(item);
            }
        }
        finally {
            deletingTypes = false;
        }
    }

    private void deleteOrRemember(Item item) {
        if (!item.deleted)
            item.delete(this);
        else if (item.clock < before(item.client))
            mergeStructs.add(item);
    }

    void cleanup() {
        deleteSet.sortAndMerge();
        Map<Long, Long> afterState = store.stateVector();
        collectGarbage();
        mergeDeleted();
        afterState.forEach((client, clock) -> {
            long beforeClock = before(client);
            if (beforeClock != clock) {
                List<Struct> structs = store.clients.get(client);
                int firstChangePos = Math.max(StructStore.findIndex(structs, beforeClock), 1);
                for (int i = structs.size() - 1; i >= firstChangePos;)
                    i -= 1 + mergeWithLefts(structs, i);
            }
        });
        for (int i = mergeStructs.size() - 1; i >= 0; i--) {
            Item m = mergeStructs.get(i);
            List<Struct> structs = store.clients.get(m.client);
            int pos = StructStore.findIndex(structs, m.clock);
            if (pos + 1 < structs.size() && mergeWithLefts(structs, pos + 1) > 1)
                continue;
            if (pos > 0)
                mergeWithLefts(structs, pos);
        }
    }

    private void collectGarbage() {
        deleteSet.clients.forEach((client, ranges) -> {
            List<Struct> structs = store.clients.get(client);
            for (int di = ranges.size() - 1; di >= 0; di--) {
                DeleteSet.Range range = ranges.get(di);
                long end = range.clock() + range.len();
                for (int si = StructStore.findIndex(structs, range.clock()); si < structs.size()
                        && structs.get(si).clock < end; si++) {
                    if (structs.get(si) instanceof Item item && item.deleted)
                        item.gc(store, false);
                }
            }
        });
    }

    private void mergeDeleted() {
        deleteSet.clients.forEach((client, ranges) -> {
            List<Struct> structs = store.clients.get(client);
            for (int di = ranges.size() - 1; di >= 0; di--) {
                DeleteSet.Range range = ranges.get(di);
                int si = Math.min(structs.size() - 1,
                        1 + StructStore.findIndex(structs, range.clock() + range.len() - 1));
                while (si > 0 && structs.get(si).clock >= range.clock())
                    si -= 1 + mergeWithLefts(structs, si);
            }
        });
    }

    /**
     * Merges structs[pos] into its left neighbours while they allow; returns how many
     * merged.
     */
    static int mergeWithLefts(List<Struct> structs, int pos) {
        Struct right = structs.get(pos);
        int i = pos;
        for (; i > 0; i--) {
            Struct left = structs.get(i - 1);
            if (left.deleted() == right.deleted() && left.getClass() == right.getClass() && merge(left, right)) {
                if (right instanceof Item r && r.parentSub != null && r.parent.map.get(r.parentSub) == r)
                    r.parent.map.put(r.parentSub, (Item) left);
                right = left;
                continue;
            }
            break;
        }
        int merged = pos - i;
        if (merged > 0)
            structs.subList(pos + 1 - merged, pos + 1).clear();
        return merged;
    }

    private static boolean merge(Struct left, Struct right) {
        if (left instanceof GcStruct && right instanceof GcStruct) {
            left.length += right.length;
            return true;
        }
        return left instanceof Item l && right instanceof Item r && l.mergeWith(r);
    }

}
