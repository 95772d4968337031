package dev.sandlot.server.interview.crdt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A v1 update read into memory and checked, before anything is integrated: per client its
 * structs in clock order, then the delete set.
 */
record DecodedUpdate(Map<Long, List<Struct>> structs, DeleteSet deleteSet) {

    static DecodedUpdate read(byte[] update) {
        if (update == null)
            throw new YUpdateException("no update");
        ByteReader in = new ByteReader(update);
        Map<Long, List<Struct>> structs = new LinkedHashMap<>();
        int groups = in.readCount(3);
        for (int g = 0; g < groups; g++) {
            int n = in.readCount(2);
            long client = in.readVarUint();
            long clock = in.readVarUint();
            List<Struct> refs = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                Struct s = readStruct(in, client, clock);
                if (s.length <= 0)
                    throw new YUpdateException("empty struct " + s.id() + " at " + in.position());
                if (s.end() > ByteReader.MAX_SAFE)
                    throw new YUpdateException("clock past 2^53 at " + in.position());
                refs.add(s);
                clock = s.end();
            }
            // a later group for the same client replaces an earlier one, as in Yjs
            structs.put(client, refs);
        }
        DeleteSet ds = DeleteSet.read(in);
        in.expectEnd("update");
        return new DecodedUpdate(structs, ds);
    }

    private static Struct readStruct(ByteReader in, long client, long clock) {
        int info = in.readUint8();
        int ref = info & 0x1f;
        if (ref == GcStruct.REF)
            return new GcStruct(client, clock, in.readVarUint());
        if (ref == SkipStruct.REF)
            return new SkipStruct(client, clock, in.readVarUint());
        Id origin = (info & Item.BIT_ORIGIN) != 0 ? readId(in) : null;
        Id rightOrigin = (info & Item.BIT_RIGHT_ORIGIN) != 0 ? readId(in) : null;
        boolean readsParent = (info & (Item.BIT_ORIGIN | Item.BIT_RIGHT_ORIGIN)) == 0;
        Object parentRef = null;
        String parentSub = null;
        if (readsParent) {
            parentRef = in.readVarUint() == 1 ? in.readVarString() : readId(in);
            if ((info & Item.BIT_PARENT_SUB) != 0)
                parentSub = in.readVarString();
        }
        for (Id dependency : new Id[] { origin, rightOrigin, parentRef instanceof Id p ? p : null }) {
            if (dependency != null && dependency.client() == client && dependency.clock() >= clock)
                throw new YUpdateException(
                        "struct " + client + ":" + clock + " refers to its own future at " + in.position());
        }
        Content content = readContent(in, ref);
        return new Item(client, clock, origin, rightOrigin, parentRef, parentSub, content);
    }

    private static Id readId(ByteReader in) {
        long client = in.readVarUint();
        return new Id(client, in.readVarUint());
    }

    private static Content readContent(ByteReader in, int ref) {
        return switch (ref) {
            case 1 -> new ContentDeleted(in.readVarUint());
            case 2 -> {
                int n = in.readCount(1);
                List<String> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String v = in.readVarString();
                    if (!v.equals("undefined"))
                        JsonSyntax.check(v, "JSON content");
                    values.add(v);
                }
                yield new ContentJson(values);
            }
            case 3 -> new ContentBinary(in.readVarUint8Array());
            case 4 -> new ContentString(in.readVarString());
            case 5 -> {
                String json = in.readVarString();
                JsonSyntax.check(json, "embed");
                yield new ContentEmbed(json);
            }
            case 6 -> {
                String key = in.readVarString();
                String json = in.readVarString();
                JsonSyntax.check(json, "format");
                yield new ContentFormat(key, json);
            }
            case 7 -> readType(in);
            case 8 -> {
                int n = in.readCount(1);
                List<Object> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++)
                    values.add(AnyValue.read(in));
                yield new ContentAny(values);
            }
            case 9 -> {
                String guid = in.readVarString();
                yield new ContentDoc(guid, AnyValue.read(in));
            }
            default -> throw new YUpdateException("unknown content type " + ref + " at " + in.position());
        };
    }

    private static Content readType(ByteReader in) {
        long typeRef = in.readVarUint();
        if (typeRef > YType.XML_TEXT)
            throw new YUpdateException("unknown shared type " + typeRef + " at " + in.position());
        int ref = (int) typeRef;
        String nodeName = ref == YType.XML_ELEMENT || ref == YType.XML_HOOK ? in.readVarString() : null;
        return new ContentType(YType.nested(ref, nodeName));
    }

}
