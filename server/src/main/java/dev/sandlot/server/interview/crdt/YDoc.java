package dev.sandlot.server.interview.crdt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Yjs document on the server, binary-compatible with the yjs npm package (update format
 * v1): a port of Yjs's struct store, integration (YATA), delete sets, pending structs and
 * garbage collection, with just the local edits the server makes (a Y.Text per key of a
 * top-level Y.Map). Not thread-safe: the caller serialises access.
 */
public final class YDoc {

    private static final byte[] EMPTY = new byte[0];

    private final StructStore store = new StructStore();

    private final Map<String, YType> roots = new HashMap<>();

    private long clientId;

    /**
     * Structs waiting for structs they depend on, as the update Yjs keeps for them; null
     * if none.
     */
    private List<Struct> pendingStructs;

    private Map<Long, Long> pendingMissing;

    /** Deletions of clocks not received yet; null if none. */
    private DeleteSet pendingDs;

    /**
     * @param clientId the Yjs client id the server's own edits carry
     */
    public YDoc(long clientId) {
        if (clientId < 0 || clientId > ByteReader.MAX_SAFE)
            throw new IllegalArgumentException("client id out of range: " + clientId);
        this.clientId = clientId;
    }

    /**
     * The client id local edits use now; Yjs picks a new one if a remote update uses it.
     */
    public long clientId() {
        return clientId;
    }

    /**
     * Integrates a v1 update (structs whose dependencies are missing wait until they
     * arrive, as in Yjs). The whole update is read and checked before anything is
     * integrated, so a refused update leaves the document as it was.
     * @throws YUpdateException if the bytes are not a well-formed update
     */
    public void applyUpdate(byte[] update) {
        DecodedUpdate decoded = DecodedUpdate.read(update);
        Transaction tx = new Transaction(store, roots);
        try {
            integrate(tx, decoded);
            tx.cleanup();
        }
        // checks on reading rule these out; should one slip through, it is still the
        // update's fault
        catch (IllegalStateException | IndexOutOfBoundsException | ClassCastException | NullPointerException ex) {
            throw new YUpdateException("update could not be integrated: " + ex.getMessage(), ex);
        }
        if (tx.before(clientId) != store.state(clientId))
            clientId = ThreadLocalRandom.current().nextLong(1L << 32);
    }

    private void integrate(Transaction tx, DecodedUpdate decoded) {
        Integration.Rest rest = Integration.integrate(tx, decoded.structs());
        boolean retry = false;
        if (pendingStructs != null) {
            for (Map.Entry<Long, Long> m : pendingMissing.entrySet()) {
                if (m.getValue() < store.state(m.getKey())) {
                    retry = true;
                    break;
                }
            }
            if (rest != null) {
                rest.missing().forEach((client, clock) -> pendingMissing.merge(client, clock, Math::min));
                pendingStructs = PendingStructs.merge(pendingStructs, PendingStructs.flatten(rest.structs()));
            }
        }
        else if (rest != null) {
            pendingStructs = PendingStructs.flatten(rest.structs());
            pendingMissing = new HashMap<>(rest.missing());
        }
        DeleteSet dsRest = Integration.applyDeleteSet(tx, decoded.deleteSet());
        if (pendingDs != null) {
            DeleteSet dsRest2 = Integration.applyDeleteSet(tx, pendingDs);
            pendingDs = dsRest != null && dsRest2 != null ? DeleteSet.merge(dsRest, dsRest2)
                    : dsRest != null ? dsRest : dsRest2;
        }
        else {
            pendingDs = dsRest;
        }
        if (retry) {
            List<Struct> waiting = pendingStructs;
            pendingStructs = null;
            pendingMissing = null;
            Integration.Rest rest2 = Integration.integrate(tx, PendingStructs.byClient(waiting));
            if (rest2 != null) {
                pendingStructs = PendingStructs.flatten(rest2.structs());
                pendingMissing = new HashMap<>(rest2.missing());
            }
            if (pendingDs != null)
                pendingDs = Integration.applyDeleteSet(tx, pendingDs);
        }
    }

    public byte[] encodeStateVector() {
        ByteWriter out = new ByteWriter();
        Map<Long, Long> sv = store.stateVector();
        out.writeVarUint(sv.size());
        sv.entrySet().stream().sorted(Map.Entry.<Long, Long>comparingByKey().reversed()).forEach(e -> {
            out.writeVarUint(e.getKey());
            out.writeVarUint(e.getValue());
        });
        return out.toByteArray();
    }

    /**
     * Everything the holder of {@code stateVector} lacks; null or empty means everything.
     */
    public byte[] encodeStateAsUpdate(byte[] stateVector) {
        Map<Long, Long> target = stateVector == null || stateVector.length == 0 ? Map.of()
                : decodeStateVector(stateVector);
        ByteWriter out = new ByteWriter();
        writeStructs(out, target, true);
        DeleteSet ds = deleteSetOfStore();
        if (pendingDs != null)
            ds = DeleteSet.merge(ds, pendingDs);
        ds.write(out);
        return out.toByteArray();
    }

    static Map<Long, Long> decodeStateVector(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        int n = in.readCount(2);
        Map<Long, Long> sv = new HashMap<>();
        for (int i = 0; i < n; i++) {
            long client = in.readVarUint();
            sv.put(client, in.readVarUint());
        }
        in.expectEnd("state vector");
        return sv;
    }

    /** One struct to write, from {@code offset} clocks in. */
    private record Segment(Struct struct, long offset) {
    }

    private void writeStructs(ByteWriter out, Map<Long, Long> target, boolean withPending) {
        Map<Long, List<Struct>> pending = withPending && pendingStructs != null
                ? PendingStructs.byClient(pendingStructs) : Map.of();
        // with something pending, Yjs merges the parts into one update, which rewrites
        // items
        boolean reread = withPending && (pendingStructs != null || pendingDs != null);
        Set<Long> clients = new HashSet<>(store.clients.keySet());
        clients.addAll(pending.keySet());
        Map<Long, List<Segment>> groups = new TreeMap<>(Comparator.reverseOrder());
        for (long client : clients) {
            List<Segment> segments = new ArrayList<>();
            long floor = target.getOrDefault(client, 0L);
            List<Struct> structs = store.clients.get(client);
            if (structs != null && store.state(client) > floor) {
                long from = Math.max(floor, structs.get(0).clock);
                int index = StructStore.findIndex(structs, from);
                segments.add(new Segment(structs.get(index), from - structs.get(index).clock));
                for (int i = index + 1; i < structs.size(); i++)
                    segments.add(new Segment(structs.get(i), 0));
                floor = store.state(client);
            }
            floor = Math.max(floor, store.state(client));
            for (Struct s : pending.getOrDefault(client, List.of())) {
                if (s instanceof SkipStruct)
                    continue;
                long start = Math.max(s.clock, floor);
                if (s.end() <= start)
                    continue;
                if (!segments.isEmpty() && start > floor)
                    segments.add(new Segment(new SkipStruct(client, floor, start - floor), 0));
                segments.add(new Segment(s, start - s.clock));
                floor = s.end();
            }
            if (!segments.isEmpty())
                groups.put(client, segments);
        }
        out.writeVarUint(groups.size());
        groups.forEach((client, segments) -> {
            out.writeVarUint(segments.size());
            out.writeVarUint(client);
            Segment first = segments.get(0);
            out.writeVarUint(first.struct().clock + first.offset());
            for (Segment s : segments) {
                if (s.struct() instanceof Item item)
                    item.write(out, s.offset(), reread);
                else
                    s.struct().write(out, s.offset());
            }
        });
    }

    private DeleteSet deleteSetOfStore() {
        DeleteSet ds = new DeleteSet();
        store.clients.forEach((client, structs) -> {
            for (int i = 0; i < structs.size(); i++) {
                Struct s = structs.get(i);
                if (!s.deleted())
                    continue;
                long clock = s.clock;
                long len = s.length;
                while (i + 1 < structs.size() && structs.get(i + 1).deleted())
                    len += structs.get(++i).length;
                ds.add(client, clock, len);
            }
        });
        return ds;
    }

    /**
     * Key to text, for every entry of the top-level map {@code mapName} whose value is a
     * Y.Text.
     */
    public Map<String, String> texts(String mapName) {
        Map<String, String> out = new TreeMap<>();
        YType root = roots.get(mapName);
        if (root == null)
            return out;
        root.map.forEach((key, item) -> {
            YType text = liveText(item);
            if (text != null)
                out.put(key, text.text());
        });
        return out;
    }

    public Optional<String> text(String mapName, String key) {
        YType root = roots.get(mapName);
        YType text = root == null ? null : liveText(root.map.get(key));
        return text == null ? Optional.empty() : Optional.of(text.text());
    }

    private static YType liveText(Item item) {
        if (item != null && !item.deleted && item.content instanceof ContentType ct && ct.type().typeRef == YType.TEXT)
            return ct.type();
        return null;
    }

    /**
     * Makes {@code mapName[key]} a Y.Text holding {@code content}: a new entry if there
     * is none, else the smallest edit (common prefix and suffix kept). Returns the v1
     * update of this change, empty if nothing changed.
     */
    public byte[] setText(String mapName, String key, String content) {
        Objects.requireNonNull(mapName, "mapName");
        Objects.requireNonNull(key, "key");
        content = wellFormed(Objects.requireNonNull(content, "content"));
        Transaction tx = new Transaction(store, roots);
        YType root = tx.root(mapName);
        Item current = root.map.get(key);
        YType text = liveText(current);
        if (text != null) {
            String old = text.text();
            if (old.equals(content))
                return EMPTY;
            int prefix = commonPrefix(old, content);
            int suffix = commonSuffix(old, content, prefix);
            TextEdits.delete(tx, text, prefix, old.length() - prefix - suffix);
            TextEdits.insert(tx, text, prefix, content.substring(prefix, content.length() - suffix), clientId);
        }
        else {
            YType fresh = YType.nested(YType.TEXT, null);
            Item entry = new Item(clientId, store.state(clientId), current == null ? null : current.lastId(), null,
                    null, key, new ContentType(fresh));
            entry.left = current;
            entry.parent = root;
            entry.integrate(tx, 0);
            if (!content.isEmpty())
                TextEdits.insert(tx, fresh, 0, content, clientId);
        }
        return finishLocal(tx);
    }

    /**
     * Lone surrogates become U+FFFD here as they would on the wire, so our text matches
     * the peers'.
     */
    private static String wellFormed(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                if (out == null)
                    out = new StringBuilder(s);
                out.setCharAt(i, '\uFFFD');
            }
        }
        return out == null ? s : out.toString();
    }

    private static int commonPrefix(String a, String b) {
        int max = Math.min(a.length(), b.length());
        int i = 0;
        while (i < max && a.charAt(i) == b.charAt(i))
            i++;
        if (i > 0 && Character.isHighSurrogate(a.charAt(i - 1)))
            i--;
        return i;
    }

    private static int commonSuffix(String a, String b, int prefix) {
        int max = Math.min(a.length(), b.length()) - prefix;
        int i = 0;
        while (i < max && a.charAt(a.length() - 1 - i) == b.charAt(b.length() - 1 - i))
            i++;
        if (i > 0 && Character.isLowSurrogate(a.charAt(a.length() - i)))
            i--;
        return i;
    }

    /** Deletes {@code mapName[key]}; the v1 update, empty if there was no such key. */
    public byte[] deleteKey(String mapName, String key) {
        YType root = roots.get(mapName);
        Item current = root == null ? null : root.map.get(key);
        if (current == null || current.deleted)
            return EMPTY;
        Transaction tx = new Transaction(store, roots);
        current.delete(tx);
        return finishLocal(tx);
    }

    private byte[] finishLocal(Transaction tx) {
        tx.cleanup();
        boolean structsAdded = store.state(clientId) != tx.before(clientId);
        if (tx.deleteSet.isEmpty() && !structsAdded)
            return EMPTY;
        ByteWriter out = new ByteWriter();
        writeStructs(out, tx.beforeState, false);
        tx.deleteSet.write(out);
        return out.toByteArray();
    }

    /** True while some integrated update waits for structs it depends on. */
    public boolean hasPending() {
        return pendingStructs != null || pendingDs != null;
    }

    /** A rough count of the bytes this document holds in memory. */
    public long approximateBytes() {
        long total = 64 + 96L * roots.size();
        for (List<Struct> structs : store.clients.values()) {
            total += 48;
            for (Struct s : structs)
                total += structBytes(s);
        }
        if (pendingStructs != null) {
            for (Struct s : pendingStructs)
                total += structBytes(s);
        }
        if (pendingDs != null)
            total += 32L * pendingDs.rangeCount();
        return total;
    }

    private static long structBytes(Struct s) {
        return s instanceof Item item ? 96 + item.content.approximateBytes() : 40;
    }

}
