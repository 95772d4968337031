package dev.sandlot.server.interview.crdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An update's summary matches what yjs's own decoder finds in it. */
class YUpdatesTest {

    private static NodeYjs node;

    @BeforeAll
    static void startNode() {
        node = NodeYjs.start();
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void summariesAgreeWithYjsDecodeUpdate() {
        List<String> updates = new ArrayList<>();
        for (int seed = 20; seed < 40; seed++) {
            Map<String, Object> scenario = node
                .call(Map.of("cmd", "scenario", "seed", seed, "steps", 30, "rich", seed % 2 == 0));
            for (Map<String, Object> u : (List<Map<String, Object>>) scenario.get("updates"))
                updates.add((String) u.get("update"));
        }
        List<Map<String, Object>> expected = (List<Map<String, Object>>) node
            .call(Map.of("cmd", "summarize", "updates", updates))
            .get("summaries");
        for (int i = 0; i < updates.size(); i++) {
            YUpdates.Summary summary = YUpdates.summarize(NodeYjs.bytes(updates.get(i)));
            Map<String, Object> yjs = expected.get(i);
            assertThat(summary.structClients()).as("update %d", i)
                .containsExactlyInAnyOrderElementsOf(
                        ((List<Number>) yjs.get("structClients")).stream().map(Number::longValue).toList());
            assertThat(summary.insertedChars()).as("update %d", i).isEqualTo(yjs.get("insertedChars"));
            assertThat(summary.largestInsert()).as("update %d", i).isEqualTo(yjs.get("largestInsert"));
            assertThat(summary.deletedRanges()).as("update %d", i).isEqualTo(yjs.get("deletedRanges"));
        }
    }

    @Test
    void aPasteShowsAsOneLargeInsert() {
        YDoc doc = new YDoc(99);
        doc.setText("files", "a.py", "x = 1\n");
        byte[] paste = doc.setText("files", "a.py", "x = 1\n" + "y = 2 😀\n".repeat(50));
        YUpdates.Summary summary = YUpdates.summarize(paste);
        assertThat(summary.structClients()).isEqualTo(Set.of(99L));
        assertThat(summary.insertedChars()).isEqualTo(450);
        assertThat(summary.largestInsert()).isEqualTo(450);
        assertThat(summary.deletedRanges()).isZero();
        YUpdates.Summary deletion = YUpdates.summarize(doc.deleteKey("files", "a.py"));
        assertThat(deletion.structClients()).isEmpty();
        assertThat(deletion.insertedChars()).isZero();
        assertThat(deletion.deletedRanges()).isEqualTo(1);
    }

}
