package dev.sandlot.server.interview.crdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's own edits (setText, deleteKey) as the real yjs receives them: each update
 * brings a yjs doc that had the state before to the state after, and edits made at the
 * same time on both sides converge.
 */
class YDocLocalEditTest {

    private static final long SERVER = 4_000_000_001L;

    private static final String[] PIECES = { "a", "b", "xyz", " ", "\n", "é", "中文", "😀", "👍🏽", "\u0301", "}" };

    private static NodeYjs node;

    private static int docs;

    @BeforeAll
    static void startNode() {
        node = NodeYjs.start();
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    private static String freshName() {
        docs++;
        return "local-" + docs;
    }

    private static Map<String, Object> applyInNode(String name, byte[]... updates) {
        List<String> encoded = new ArrayList<>();
        for (byte[] u : updates)
            encoded.add(NodeYjs.b64(u));
        return node.call(Map.of("cmd", "apply", "name", name, "updates", encoded));
    }

    /**
     * A random edit of {@code text}, kept off the middle of surrogate pairs as editors
     * keep it.
     */
    private static String edited(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = boundary(out, random.nextInt(out.length() + 1));
            if (random.nextBoolean() && !out.isEmpty()) {
                int end = boundary(out, Math.min(out.length(), at + 1 + random.nextInt(5)));
                out.delete(at, end);
            }
            else {
                out.insert(at, PIECES[random.nextInt(PIECES.length)]);
            }
        }
        return out.toString();
    }

    private static int boundary(CharSequence s, int at) {
        return at > 0 && at < s.length() && Character.isLowSurrogate(s.charAt(at)) ? at - 1 : at;
    }

    @Test
    void everyUpdateBringsYjsFromTheStateBeforeToTheStateAfter() {
        Random random = new Random(11);
        for (int round = 0; round < 20; round++) {
            String name = freshName();
            YDoc doc = new YDoc(SERVER);
            String content = "print('hi')\n";
            Map<String, Object> answer = applyInNode(name, doc.setText("files", "main.py", content));
            assertThat(NodeYjs.texts(answer)).containsExactlyEntriesOf(Map.of("main.py", content));
            for (int step = 0; step < 25; step++) {
                String key = random.nextInt(4) == 0 ? "lib/util.py" : "main.py";
                String before = doc.text("files", key).orElse(null);
                String next = edited(before == null ? "" : before, random);
                byte[] update = doc.setText("files", key, next);
                assertThat(doc.text("files", key)).contains(next);
                if (next.equals(before)) {
                    assertThat(update).isEmpty();
                    continue;
                }
                answer = applyInNode(name, update);
                assertThat(NodeYjs.texts(answer)).as("round %d step %d", round, step).isEqualTo(doc.texts("files"));
                assertThat(answer.get("pending")).isEqualTo(false);
            }
            assertThat(NodeYjs.b64(doc.encodeStateVector())).isEqualTo(answer.get("stateVector"));
        }
    }

    @Test
    void unchangedTextAndMissingKeysGiveEmptyUpdates() {
        YDoc doc = new YDoc(SERVER);
        assertThat(doc.deleteKey("files", "none")).isEmpty();
        doc.setText("files", "a.txt", "same");
        assertThat(doc.setText("files", "a.txt", "same")).isEmpty();
        assertThat(doc.deleteKey("files", "a.txt")).isNotEmpty();
        assertThat(doc.deleteKey("files", "a.txt")).isEmpty();
        assertThat(doc.texts("files")).isEmpty();
        assertThat(doc.text("files", "a.txt")).isEmpty();
    }

    @Test
    void deleteCreateEmptyAndRenameAsThePadDoesThem() {
        String name = freshName();
        YDoc doc = new YDoc(SERVER);
        applyInNode(name, doc.setText("files", "a.py", "x = 1\n"), doc.setText("files", "empty.txt", ""));
        // rename: the new key gets the old text, the old key goes
        byte[] created = doc.setText("files", "b.py", doc.text("files", "a.py").orElseThrow());
        byte[] deleted = doc.deleteKey("files", "a.py");
        Map<String, Object> answer = applyInNode(name, created, deleted);
        assertThat(NodeYjs.texts(answer)).isEqualTo(Map.of("b.py", "x = 1\n", "empty.txt", ""))
            .isEqualTo(doc.texts("files"));
        // a key deleted then made again is a new text
        answer = applyInNode(name, doc.setText("files", "a.py", "again"));
        assertThat(NodeYjs.texts(answer)).isEqualTo(doc.texts("files")).containsEntry("a.py", "again");
    }

    @Test
    void concurrentServerAndBrowserEditsConverge() {
        Random random = new Random(5);
        for (int round = 0; round < 40; round++) {
            String name = freshName();
            YDoc doc = new YDoc(SERVER);
            applyInNode(name, doc.setText("files", "main.py", "def f():\n    return 1\n"));
            for (int step = 0; step < 6; step++) {
                Map<String, Object> browser = node.call(Map.of("cmd", "edit", "name", name, "seed", round * 100 + step,
                        "steps", 1 + random.nextInt(3)));
                List<byte[]> serverUpdates = new ArrayList<>();
                for (String key : List.copyOf(doc.texts("files").keySet())) {
                    if (random.nextInt(3) > 0)
                        serverUpdates
                            .add(doc.setText("files", key, edited(doc.text("files", key).orElseThrow(), random)));
                }
                if (random.nextInt(8) == 0)
                    serverUpdates.add(doc.setText("files", "server.txt", "made by the server"));
                serverUpdates.removeIf(u -> u.length == 0);
                @SuppressWarnings("unchecked")
                List<String> fromBrowser = (List<String>) browser.get("updates");
                for (String u : fromBrowser)
                    doc.applyUpdate(NodeYjs.bytes(u));
                Map<String, Object> answer = applyInNode(name, serverUpdates.toArray(byte[][]::new));
                assertThat(doc.texts("files")).as("round %d step %d", round, step).isEqualTo(NodeYjs.texts(answer));
                assertThat(doc.hasPending()).isFalse();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void serverEditsLandRightBesideEmbedsAndLoneSurrogatesGoOutAsOnTheWire() {
        String name = freshName();
        YDoc doc = new YDoc(SERVER);
        applyInNode(name, doc.setText("files", "a.md", "hello world"));
        Map<String, Object> browser = node.call(
                Map.of("cmd", "edit", "name", name, "ops", List.of(Map.of("op", "embed", "key", "a.md", "index", 5))));
        for (String u : (List<String>) browser.get("updates"))
            doc.applyUpdate(NodeYjs.bytes(u));
        assertThat(doc.text("files", "a.md")).contains("hello world");
        Map<String, Object> answer = applyInNode(name, doc.setText("files", "a.md", "hello, big world!"));
        assertThat(NodeYjs.texts(answer)).containsEntry("a.md", "hello, big world!");
        assertThat(doc.text("files", "a.md")).contains("hello, big world!");

        answer = applyInNode(name, doc.setText("files", "b.txt", "x\uD800y\uDC00"));
        assertThat(doc.text("files", "b.txt")).contains("x\uFFFDy\uFFFD");
        assertThat(NodeYjs.texts(answer)).containsEntry("b.txt", "x\uFFFDy\uFFFD");
    }

    @Test
    void aRemoteUpdateUsingTheServersClientIdMakesItPickAnother() {
        YDoc impostor = new YDoc(SERVER);
        byte[] foreign = impostor.setText("files", "a.txt", "mine");
        YDoc doc = new YDoc(SERVER);
        doc.applyUpdate(foreign);
        assertThat(doc.clientId()).isNotEqualTo(SERVER);
        String name = freshName();
        applyInNode(name, foreign);
        Map<String, Object> answer = applyInNode(name, doc.setText("files", "a.txt", "mine and the server's"));
        assertThat(NodeYjs.texts(answer)).isEqualTo(Map.of("a.txt", "mine and the server's"));
    }

    @Test
    void deletedTextIsCollectedAndMemoryFollowsContent() {
        YDoc doc = new YDoc(SERVER);
        long empty = doc.approximateBytes();
        doc.setText("files", "big.txt", "x".repeat(100_000));
        long full = doc.approximateBytes();
        assertThat(full).isGreaterThan(empty + 150_000);
        doc.setText("files", "big.txt", "");
        assertThat(doc.approximateBytes()).isLessThan(empty + 10_000);
        doc.setText("files", "big.txt", "y".repeat(50_000));
        doc.deleteKey("files", "big.txt");
        assertThat(doc.approximateBytes()).isLessThan(empty + 10_000);
        // the collected content still encodes as deleted ranges yjs accepts
        Map<String, Object> answer = applyInNode(freshName(), doc.encodeStateAsUpdate(null));
        assertThat(NodeYjs.texts(answer)).isEmpty();
    }

}
