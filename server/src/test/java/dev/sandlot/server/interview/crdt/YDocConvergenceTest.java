package dev.sandlot.server.interview.crdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java document against the real yjs: three Node docs edit concurrently (inserts and
 * deletes at random places, emoji and combining marks, files created, deleted, renamed,
 * overwritten, rich text, nested types, subdocuments) with partial syncs; the Java doc
 * receives every update they emitted in a shuffled order, out of causal order and with
 * duplicates, and must end where yjs ended, and its own encodings must bring Node docs
 * there too.
 */
class YDocConvergenceTest {

    private static NodeYjs node;

    @BeforeAll
    static void startNode() {
        node = NodeYjs.start();
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    private static List<byte[]> updates(Map<String, Object> scenario) {
        return updates(scenario, false);
    }

    /**
     * Every update the docs emitted, or only those of their own edits (no sync or relay).
     */
    @SuppressWarnings("unchecked")
    private static List<byte[]> updates(Map<String, Object> scenario, boolean localOnly) {
        List<byte[]> out = new ArrayList<>();
        for (Map<String, Object> u : (List<Map<String, Object>>) scenario.get("updates")) {
            if (!localOnly || "local".equals(u.get("origin")))
                out.add(NodeYjs.bytes(u.get("update")));
        }
        return out;
    }

    /** Rich text (formats, embeds), nested types and subdocuments in every third seed. */
    private static Map<String, Object> scenario(int seed, int steps) {
        return node.call(Map.of("cmd", "scenario", "seed", seed, "steps", steps, "rich", seed % 3 == 0));
    }

    private static List<String> base64(List<byte[]> updates) {
        return updates.stream().map(NodeYjs::b64).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shuffledUpdatesConvergeWithYjsAndEncodeBack() {
        int converged = 0;
        for (int seed = 1; seed <= 200; seed++) {
            Map<String, Object> scenario = scenario(seed, 40);
            List<byte[]> updates = updates(scenario);
            Collections.shuffle(updates, new Random(seed));
            YDoc doc = new YDoc(7);
            for (byte[] u : updates)
                doc.applyUpdate(u);
            assertThat(doc.hasPending()).as("seed %d pending", seed).isFalse();
            assertThat(NodeYjs.b64(doc.encodeStateVector())).as("seed %d state vector", seed)
                .isEqualTo(scenario.get("stateVector"));
            // a yjs doc fed the same updates in the same order ends with the same texts
            Map<String, Object> snapshot = (Map<String, Object>) scenario.get("snapshot");
            Map<String, Object> sameOrder = node
                .call(Map.of("cmd", "apply", "updates", base64(updates), "diffAgainst", snapshot.get("sv")));
            assertThat(doc.texts("files")).as("seed %d like yjs", seed).isEqualTo(NodeYjs.texts(sameOrder));
            byte[] diff = doc.encodeStateAsUpdate(NodeYjs.bytes(snapshot.get("sv")));
            assertThat(NodeYjs.b64(diff)).as("seed %d diff encoding", seed).isEqualTo(sameOrder.get("diff"));
            // down to the bytes: the same structs, split and merged the same way, the
            // same deletions
            assertThat(NodeYjs.b64(doc.encodeStateAsUpdate(null))).as("seed %d encoding", seed)
                .isEqualTo(sameOrder.get("update"));

            Map<String, Object> full = node
                .call(Map.of("cmd", "apply", "updates", List.of(NodeYjs.b64(doc.encodeStateAsUpdate(null)))));
            assertThat(NodeYjs.texts(full)).as("seed %d full state in node", seed).isEqualTo(doc.texts("files"));
            assertThat(full.get("pending")).isEqualTo(false);
            if (!Boolean.TRUE.equals(scenario.get("converged")))
                continue;
            // yjs's docs agree (they need not when rich text splits a surrogate pair), so
            // must we
            converged++;
            Map<String, String> expected = NodeYjs.texts(scenario);
            assertThat(doc.texts("files")).as("seed %d", seed).isEqualTo(expected);
            Map<String, Object> caughtUp = node
                .call(Map.of("cmd", "apply", "updates", List.of(snapshot.get("update"), NodeYjs.b64(diff))));
            assertThat(NodeYjs.texts(caughtUp)).as("seed %d diff", seed).isEqualTo(expected);
            assertThat(caughtUp.get("pending")).isEqualTo(false);
        }
        assertThat(converged).as("seeds where yjs converged").isGreaterThan(150);
    }

    @Test
    void reversedAndDuplicatedDeliveryConverges() {
        for (int seed = 500; seed < 540; seed++) {
            Map<String, Object> scenario = scenario(seed, 60);
            List<byte[]> updates = updates(scenario);
            Collections.reverse(updates);
            YDoc doc = new YDoc(7);
            for (byte[] u : updates) {
                doc.applyUpdate(u);
                doc.applyUpdate(u);
            }
            List<String> doubled = new ArrayList<>();
            for (String u : base64(updates)) {
                doubled.add(u);
                doubled.add(u);
            }
            Map<String, Object> sameOrder = node.call(Map.of("cmd", "apply", "updates", doubled));
            assertThat(doc.texts("files")).as("seed %d", seed).isEqualTo(NodeYjs.texts(sameOrder));
            assertThat(NodeYjs.b64(doc.encodeStateAsUpdate(null))).as("seed %d encoding", seed)
                .isEqualTo(sameOrder.get("update"));
            if (Boolean.TRUE.equals(scenario.get("converged")))
                assertThat(doc.texts("files")).as("seed %d", seed).isEqualTo(NodeYjs.texts(scenario));
            assertThat(doc.hasPending()).isFalse();
        }
    }

    @Test
    void pendingStructsAreEncodedSoAnotherPeerCanFinishThem() {
        int withPending = 0;
        for (int seed = 900; seed < 960; seed++) {
            Map<String, Object> scenario = scenario(seed, 30);
            List<byte[]> updates = updates(scenario, true);
            Collections.shuffle(updates, new Random(seed));
            int half = updates.size() / 2;
            YDoc first = new YDoc(7);
            for (byte[] u : updates.subList(0, half))
                first.applyUpdate(u);
            // pending structs and deletions included, the encoding is yjs's
            Map<String, Object> firstInNode = node
                .call(Map.of("cmd", "apply", "updates", base64(updates.subList(0, half))));
            assertThat(first.hasPending()).isEqualTo(firstInNode.get("pending"));
            if (first.hasPending())
                withPending++;
            assertThat(NodeYjs.b64(first.encodeStateAsUpdate(null))).as("seed %d pending encoding", seed)
                .isEqualTo(firstInNode.get("update"));
            // what first holds, pending structs included, plus the other half, completes
            // a
            // node doc
            List<String> toNode = new ArrayList<>();
            toNode.add(NodeYjs.b64(first.encodeStateAsUpdate(null)));
            for (byte[] u : updates.subList(half, updates.size()))
                toNode.add(NodeYjs.b64(u));
            Map<String, Object> applied = node.call(Map.of("cmd", "apply", "updates", toNode));
            Map<String, Object> direct = node.call(Map.of("cmd", "apply", "updates", base64(updates)));
            assertThat(NodeYjs.texts(applied)).as("seed %d", seed).isEqualTo(NodeYjs.texts(direct));
            // and a second Java doc restored from first's encoding finishes the same way
            YDoc restored = new YDoc(8);
            restored.applyUpdate(first.encodeStateAsUpdate(new byte[0]));
            assertThat(restored.hasPending()).isEqualTo(first.hasPending());
            for (byte[] u : updates.subList(half, updates.size()))
                restored.applyUpdate(u);
            assertThat(restored.texts("files")).as("seed %d restored", seed).isEqualTo(NodeYjs.texts(direct));
            assertThat(restored.hasPending()).isFalse();
        }
        assertThat(withPending).as("seeds that left structs waiting").isGreaterThan(30);
    }

}
