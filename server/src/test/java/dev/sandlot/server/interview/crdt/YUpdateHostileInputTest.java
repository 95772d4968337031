package dev.sandlot.server.interview.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile bytes: truncations, random and mutated updates, lengths and counts far past the
 * input, deep nesting. The document refuses with YUpdateException (never another
 * exception, an OutOfMemoryError or a stack overflow), ends, and is unchanged by a
 * refused update.
 */
class YUpdateHostileInputTest {

    private static final Duration HANG_GUARD = Duration.ofMinutes(2);

    private static NodeYjs node;

    private static List<byte[]> realUpdates;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void realUpdatesFromYjs() {
        node = NodeYjs.start();
        realUpdates = new ArrayList<>();
        for (int seed = 3; seed <= 6; seed += 3) {
            Map<String, Object> scenario = node
                .call(Map.of("cmd", "scenario", "seed", seed, "steps", 40, "rich", true));
            for (Map<String, Object> u : (List<Map<String, Object>>) scenario.get("updates"))
                realUpdates.add(NodeYjs.bytes(u.get("update")));
        }
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    /** Applies, and if refused checks it was refused properly and changed nothing. */
    private static boolean applyOrRefuse(YDoc doc, byte[] update) {
        byte[] before = doc.encodeStateAsUpdate(null);
        try {
            doc.applyUpdate(update);
            return true;
        }
        catch (YUpdateException ex) {
            assertThat(doc.encodeStateAsUpdate(null)).isEqualTo(before);
            return false;
        }
    }

    @Test
    void everyPrefixOfARealUpdateIsRefused() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            YDoc big = new YDoc(1);
            for (byte[] u : realUpdates)
                big.applyUpdate(u);
            List<byte[]> wholes = new ArrayList<>(realUpdates.subList(0, 30));
            wholes.add(big.encodeStateAsUpdate(null));
            for (byte[] whole : wholes) {
                for (int len = 0; len < whole.length; len++) {
                    byte[] prefix = Arrays.copyOf(whole, len);
                    YDoc doc = new YDoc(2);
                    assertThatThrownBy(() -> doc.applyUpdate(prefix)).isInstanceOf(YUpdateException.class);
                    assertThatThrownBy(() -> YUpdates.summarize(prefix)).isInstanceOf(YUpdateException.class);
                    assertThat(doc.encodeStateVector()).containsExactly(0);
                }
            }
        });
    }

    @Test
    void randomAndMutatedBytesAreAppliedOrRefusedAndTheDocStaysSound() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            Random random = new Random(42);
            for (int i = 0; i < 3000; i++) {
                byte[] junk = new byte[random.nextInt(64)];
                random.nextBytes(junk);
                applyOrRefuse(new YDoc(9), junk);
            }
            for (int i = 0; i < 3000; i++) {
                YDoc doc = new YDoc(9);
                for (int k = 0; k < 4; k++) {
                    byte[] u = realUpdates.get(random.nextInt(realUpdates.size())).clone();
                    for (int flips = 1 + random.nextInt(3); flips > 0; flips--)
                        u[random.nextInt(u.length)] = (byte) random.nextInt(256);
                    applyOrRefuse(doc, u);
                }
                // whatever went in, the doc still encodes, and another doc takes its
                // encoding
                YDoc copy = new YDoc(10);
                copy.applyUpdate(doc.encodeStateAsUpdate(null));
                assertThat(copy.texts("files")).isEqualTo(doc.texts("files"));
                doc.setText("files", "after.txt", "still works");
                assertThat(doc.text("files", "after.txt")).contains("still works");
            }
        });
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++)
            out[i] = (byte) values[i];
        return out;
    }

    @Test
    void lengthsAndCountsPastTheInputAreRefusedWithoutAllocating() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            List<byte[]> hostile = List.of(
                    // 10^6 client groups, then 10^6 structs, in a few bytes
                    bytes(0xc0, 0x84, 0x3d, 1, 1, 0), bytes(1, 0xc0, 0x84, 0x3d, 1, 0, 4, 1, 1, 'a', 0),
                    // a string claiming 2^49 bytes
                    bytes(1, 1, 1, 0, 4, 1, 5, 'f', 'i', 'l', 'e', 's', 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01),
                    // a varUint past 2^53
                    bytes(1, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0, 0, 1, 0),
                    // a delete set of 10^6 clients and one of 10^6 ranges
                    bytes(0, 0xc0, 0x84, 0x3d, 1, 1), bytes(0, 1, 1, 0xc0, 0x84, 0x3d, 0, 1),
                    // a deleted range reaching past 2^53
                    bytes(0, 1, 1, 1, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, 5),
                    // a GC run past 2^53
                    bytes(1, 1, 1, 1, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, 0),
                    // unknown content and type refs, a zero-length string
                    bytes(1, 1, 1, 0, 11, 0), bytes(1, 1, 1, 0, 7, 1, 1, 'm', 9, 0),
                    bytes(1, 1, 1, 0, 4, 1, 1, 'm', 0, 0),
                    // invalid UTF-8 in text
                    bytes(1, 1, 1, 0, 4, 1, 1, 'm', 2, 0xc3, 0x28, 0),
                    // an origin in the struct's own future
                    bytes(1, 1, 1, 5, 0x84, 1, 9, 1, 'a', 0),
                    // malformed JSON in an embed and a format
                    bytes(1, 1, 1, 0, 5, 1, 1, 't', 1, '{', 0), bytes(1, 1, 1, 0, 6, 1, 1, 't', 1, 'b', 2, 't', 'r', 0),
                    // trailing bytes after the delete set
                    bytes(0, 0, 0));
            for (int i = 0; i < hostile.size(); i++) {
                byte[] update = hostile.get(i);
                YDoc doc = new YDoc(1);
                assertThatThrownBy(() -> doc.applyUpdate(update)).as("update %d", i)
                    .isInstanceOf(YUpdateException.class);
                assertThatThrownBy(() -> YUpdates.summarize(update)).as("update %d", i)
                    .isInstanceOf(YUpdateException.class);
            }
            assertThatThrownBy(() -> new YDoc(1).encodeStateAsUpdate(bytes(0xc0, 0x84, 0x3d, 1, 1)))
                .isInstanceOf(YUpdateException.class);
            assertThatThrownBy(() -> new YDoc(1).encodeStateAsUpdate(bytes(1, 1, 1, 9)))
                .isInstanceOf(YUpdateException.class);
        });
    }

    @Test
    void deeplyNestedValuesAreRefused() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            // ContentAny holding an array nested 100,000 deep
            ByteWriter any = new ByteWriter();
            any.writeVarUint(1);
            any.writeVarUint(1);
            any.writeVarUint(1);
            any.writeVarUint(0);
            any.writeUint8(8);
            any.writeVarUint(1);
            any.writeVarString("files");
            any.writeVarString("k");
            any.writeVarUint(1);
            for (int i = 0; i < 100_000; i++) {
                any.writeUint8(117);
                any.writeVarUint(1);
            }
            any.writeUint8(126);
            any.writeVarUint(0);
            byte[] deepAny = any.toByteArray();
            assertThatThrownBy(() -> new YDoc(1).applyUpdate(deepAny)).isInstanceOf(YUpdateException.class);
            // an embed of 100,000 nested JSON arrays
            ByteWriter embed = new ByteWriter();
            embed.writeVarUint(1);
            embed.writeVarUint(1);
            embed.writeVarUint(1);
            embed.writeVarUint(0);
            embed.writeUint8(5);
            embed.writeVarUint(1);
            embed.writeVarString("t");
            embed.writeVarString("[".repeat(100_000) + "]".repeat(100_000));
            embed.writeVarUint(0);
            byte[] deepEmbed = embed.toByteArray();
            assertThatThrownBy(() -> new YDoc(1).applyUpdate(deepEmbed)).isInstanceOf(YUpdateException.class);
        });
    }

    @Test
    void typesNestedDeepIntegrateDeleteAndCollectWithoutRecursion() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            int depth = 200_000;
            ByteWriter out = new ByteWriter();
            out.writeVarUint(1);
            out.writeVarUint(depth + 1);
            out.writeVarUint(5);
            out.writeVarUint(0);
            for (int i = 0; i < depth; i++) {
                out.writeUint8(7 | Item.BIT_PARENT_SUB);
                if (i == 0) {
                    out.writeVarUint(1);
                    out.writeVarString("files");
                }
                else {
                    out.writeVarUint(0);
                    out.writeVarUint(5);
                    out.writeVarUint(i - 1);
                }
                out.writeVarString("k");
                out.writeVarUint(YType.MAP);
            }
            out.writeUint8(4);
            out.writeVarUint(0);
            out.writeVarUint(5);
            out.writeVarUint(depth - 1);
            out.writeVarString("deep");
            out.writeVarUint(0);
            YDoc doc = new YDoc(1);
            doc.applyUpdate(out.toByteArray());
            long nested = doc.approximateBytes();
            // deleting the outermost map deletes and collects all 200,000 below it
            ByteWriter delete = new ByteWriter();
            delete.writeVarUint(0);
            delete.writeVarUint(1);
            delete.writeVarUint(5);
            delete.writeVarUint(1);
            delete.writeVarUint(0);
            delete.writeVarUint(1);
            doc.applyUpdate(delete.toByteArray());
            assertThat(doc.approximateBytes()).isLessThan(nested / 2);
            assertThat(doc.texts("files")).isEmpty();
            YDoc copy = new YDoc(2);
            copy.applyUpdate(doc.encodeStateAsUpdate(null));
            assertThat(copy.encodeStateVector()).isEqualTo(doc.encodeStateVector());
        });
    }

}
