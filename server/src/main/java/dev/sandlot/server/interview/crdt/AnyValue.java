package dev.sandlot.server.interview.crdt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lib0's "any" encoding. Values are held as: {@link #UNDEFINED}, null, Long (varInt),
 * Float, Double, BigInteger (bigint64), Boolean, String, Map (object), List (array) and
 * byte[] (Uint8Array); writing one back uses the tag it was read with.
 */
final class AnyValue {

    /** JavaScript's undefined. */
    static final Object UNDEFINED = new Object() {
        @Override
        public String toString() {
            return "undefined";
        }
    };

    /** Deeper nesting than this is refused rather than recursed into. */
    static final int MAX_DEPTH = 256;

    private AnyValue() {
    }

    static Object read(ByteReader in) {
        return read(in, 0);
    }

    private static Object read(ByteReader in, int depth) {
        if (depth > MAX_DEPTH)
            throw new YUpdateException("value nested deeper than " + MAX_DEPTH + " at " + in.position());
        int tag = in.readUint8();
        return switch (tag) {
            case 127 -> UNDEFINED;
            case 126 -> null;
            case 125 -> in.readVarInt();
            case 124 -> in.readFloat32();
            case 123 -> in.readFloat64();
            case 122 -> BigInteger.valueOf(in.readBigInt64());
            case 121 -> false;
            case 120 -> true;
            case 119 -> in.readVarString();
            case 118 -> {
                int n = in.readCount(2);
                Map<String, Object> obj = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String key = in.readVarString();
                    obj.put(key, read(in, depth + 1));
                }
                yield obj;
            }
            case 117 -> {
                int n = in.readCount(1);
                List<Object> arr = new ArrayList<>(n);
                for (int i = 0; i < n; i++)
                    arr.add(read(in, depth + 1));
                yield arr;
            }
            case 116 -> in.readVarUint8Array();
            default -> throw new YUpdateException("unknown value type " + tag + " at " + (in.position() - 1));
        };
    }

    static void write(ByteWriter out, Object value) {
        switch (value) {
            case null -> out.writeUint8(126);
            case String s -> {
                out.writeUint8(119);
                out.writeVarString(s);
            }
            case Boolean b -> out.writeUint8(b ? 120 : 121);
            case Long l -> {
                out.writeUint8(125);
                out.writeVarInt(l);
            }
            case Integer i -> {
                out.writeUint8(125);
                out.writeVarInt(i);
            }
            case Float f -> {
                out.writeUint8(124);
                out.writeFloat32(f);
            }
            case Double d -> {
                out.writeUint8(123);
                out.writeFloat64(d);
            }
            case BigInteger big -> {
                out.writeUint8(122);
                out.writeBigInt64(big.longValue());
            }
            case byte[] bytes -> {
                out.writeUint8(116);
                out.writeVarUint8Array(bytes);
            }
            case List<?> list -> {
                out.writeUint8(117);
                out.writeVarUint(list.size());
                for (Object o : list)
                    write(out, o);
            }
            case Map<?, ?> map -> {
                out.writeUint8(118);
                out.writeVarUint(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.writeVarString(String.valueOf(e.getKey()));
                    write(out, e.getValue());
                }
            }
            default -> out.writeUint8(127);
        }
    }

    /** A rough size in memory. */
    static long approximateBytes(Object value) {
        return switch (value) {
            case null -> 8;
            case String s -> 40 + 2L * s.length();
            case byte[] bytes -> 24L + bytes.length;
            case List<?> list -> 32 + list.stream().mapToLong(AnyValue::approximateBytes).sum();
            case Map<?, ?> map -> 48 + map.entrySet()
                .stream()
                .mapToLong(e -> 32 + approximateBytes(e.getKey()) + approximateBytes(e.getValue()))
                .sum();
            default -> 24;
        };
    }

}
