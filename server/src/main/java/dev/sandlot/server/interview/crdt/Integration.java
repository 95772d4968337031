package dev.sandlot.server.interview.crdt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Yjs's integrateStructs and readAndApplyDeleteSet: structs are integrated client by
 * client, a struct whose dependency is in the same update waits on a stack while that
 * dependency goes first, and what depends on structs not yet received is handed back.
 */
final class Integration {

    /**
     * Structs that could not be integrated, and the smallest clock per client whose
     * arrival may free them.
     */
    record Rest(Map<Long, List<Struct>> structs, Map<Long, Long> missing) {
    }

    private static final class Cursor {

        List<Struct> refs;

        int i;

        Cursor(List<Struct> refs) {
            this.refs = refs;
        }

        boolean exhausted() {
            return i >= refs.size();
        }

    }

    private final Transaction tx;

    private final StructStore store;

    private final Map<Long, Cursor> cursors = new HashMap<>();

    private final List<Long> clientIds;

    private final List<Struct> stack = new ArrayList<>();

    private final Map<Long, List<Struct>> rest = new HashMap<>();

    private final Map<Long, Long> missingSv = new HashMap<>();

    private Integration(Transaction tx, Map<Long, List<Struct>> refs) {
        this.tx = tx;
        this.store = tx.store;
        refs.forEach((client, list) -> cursors.put(client, new Cursor(list)));
        this.clientIds = new ArrayList<>(refs.keySet());
        this.clientIds.sort(Comparator.naturalOrder());
    }

    /** Integrates what it can; returns the rest, or null if everything went in. */
    static Rest integrate(Transaction tx, Map<Long, List<Struct>> refs) {
        return new Integration(tx, refs).run();
    }

    private Cursor nextTarget() {
        while (!clientIds.isEmpty()) {
            Cursor c = cursors.get(clientIds.get(clientIds.size() - 1));
            if (c != null && !c.exhausted())
                return c;
            clientIds.remove(clientIds.size() - 1);
        }
        return null;
    }

    private void updateMissing(long client, long clock) {
        missingSv.merge(client, clock, Math::min);
    }

    private void stackToRest() {
        for (Struct item : stack) {
            long client = item.client;
            Cursor c = cursors.remove(client);
            if (c != null) {
                c.i--;
                rest.put(client, new ArrayList<>(c.refs.subList(c.i, c.refs.size())));
                c.i = 0;
                c.refs = List.of();
            }
            else {
                rest.put(client, new ArrayList<>(List.of(item)));
            }
            clientIds.remove(Long.valueOf(client));
        }
        stack.clear();
    }

    private Rest run() {
        Cursor current = nextTarget();
        if (current == null)
            return null;
        Map<Long, Long> state = new HashMap<>();
        Struct head = current.refs.get(current.i++);
        while (true) {
            if (!(head instanceof SkipStruct)) {
                long localClock = state.computeIfAbsent(head.client, store::state);
                long offset = localClock - head.clock;
                if (offset < 0) {
                    stack.add(head);
                    updateMissing(head.client, head.clock - 1);
                    stackToRest();
                }
                else {
                    Long missing = head instanceof Item item ? item.missing(tx) : null;
                    if (missing != null) {
                        stack.add(head);
                        Cursor c = cursors.get(missing);
                        if (c == null || c.exhausted()) {
                            updateMissing(missing, store.state(missing));
                            stackToRest();
                        }
                        else {
                            head = c.refs.get(c.i++);
                            continue;
                        }
                    }
                    else if (offset == 0 || offset < head.length) {
                        integrateOne(head, offset);
                        state.put(head.client, head.clock + head.length);
                    }
                }
            }
            if (!stack.isEmpty()) {
                head = stack.remove(stack.size() - 1);
            }
            else if (current != null && !current.exhausted()) {
                head = current.refs.get(current.i++);
            }
            else {
                current = nextTarget();
                if (current == null)
                    break;
                head = current.refs.get(current.i++);
            }
        }
        return rest.isEmpty() ? null : new Rest(rest, missingSv);
    }

    private void integrateOne(Struct struct, long offset) {
        if (struct instanceof Item item) {
            item.integrate(tx, offset);
        }
        else {
            struct.clock += offset;
            struct.length -= offset;
            store.add(struct);
        }
    }

    /** Applies a delete set; returns the ranges past what the store holds, or null. */
    static DeleteSet applyDeleteSet(Transaction tx, DeleteSet ds) {
        StructStore store = tx.store;
        DeleteSet unapplied = new DeleteSet();
        ds.clients.forEach((client, ranges) -> {
            List<Struct> structs = store.clients.getOrDefault(client, List.of());
            long state = store.state(client);
            for (DeleteSet.Range range : ranges) {
                long clock = range.clock();
                long clockEnd = clock + range.len();
                if (range.len() == 0)
                    continue;
                if (clock >= state) {
                    unapplied.add(client, clock, clockEnd - clock);
                    continue;
                }
                if (state < clockEnd)
                    unapplied.add(client, state, clockEnd - state);
                int index = StructStore.findIndex(structs, clock);
                Struct struct = structs.get(index);
                if (!struct.deleted() && struct.clock < clock) {
                    structs.add(index + 1, ((Item) struct).split(tx, clock - struct.clock));
                    index++;
                }
                while (index < structs.size()) {
                    struct = structs.get(index++);
                    if (struct.clock >= clockEnd)
                        break;
                    if (!struct.deleted()) {
                        Item item = (Item) struct;
                        if (clockEnd < item.end())
                            structs.add(index, item.split(tx, clockEnd - item.clock));
                        item.delete(tx);
                    }
                }
            }
        });
        return unapplied.isEmpty() ? null : unapplied;
    }

}
