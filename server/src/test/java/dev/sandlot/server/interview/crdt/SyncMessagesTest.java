package dev.sandlot.server.interview.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * y-websocket frames and awareness updates against y-protocols' own encoders and
 * decoders.
 */
class SyncMessagesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    void javaReadsWhatYProtocolsWrites() {
        Map<String, Object> states = Map.of("clientId", 12345, "bumps", 2, "state",
                Map.of("user", Map.of("name", "Ada 😀", "colour", "#30bced"), "file", "main.py", "typing", true));
        Map<String, Object> other = Map.of("clientId", 4_000_000_000L, "bumps", 0, "state", Map.of("cursor", "x"));
        Map<String, Object> frames = node.call(Map.of("cmd", "encodeFrames", "states", List.of(states, other)));

        SyncMessages.Message step1 = SyncMessages.read(NodeYjs.bytes(frames.get("step1")));
        assertThat(step1.type()).isEqualTo(SyncMessages.SYNC);
        assertThat(step1.syncType()).isEqualTo(SyncMessages.SYNC_STEP1);
        assertThat(NodeYjs.b64(step1.payload())).isEqualTo(frames.get("stateVector"));

        for (String kind : List.of("step2", "update")) {
            SyncMessages.Message m = SyncMessages.read(NodeYjs.bytes(frames.get(kind)));
            assertThat(m.type()).isEqualTo(SyncMessages.SYNC);
            assertThat(m.syncType())
                .isEqualTo(kind.equals("step2") ? SyncMessages.SYNC_STEP2 : SyncMessages.SYNC_UPDATE);
            YDoc doc = new YDoc(1);
            doc.applyUpdate(m.payload());
            assertThat(doc.texts("files")).isEqualTo(NodeYjs.texts(frames));
            assertThat(NodeYjs.b64(doc.encodeStateVector())).isEqualTo(frames.get("stateVector"));
        }

        List<Map<String, Object>> entries = (List<Map<String, Object>>) frames.get("entries");
        List<String> awarenessFrames = (List<String>) frames.get("awarenessFrames");
        for (int i = 0; i < entries.size(); i++) {
            SyncMessages.Message m = SyncMessages.read(NodeYjs.bytes(awarenessFrames.get(i)));
            assertThat(m.type()).isEqualTo(SyncMessages.AWARENESS);
            assertThat(SyncMessages.decodeAwareness(m.payload())).containsExactly(entry(entries.get(i)));
        }
        assertThat(SyncMessages.decodeAwareness(NodeYjs.bytes(frames.get("combined"))))
            .containsExactly(entry(entries.get(0)), entry(entries.get(1)));
        assertThat(SyncMessages.decodeAwareness(NodeYjs.bytes(frames.get("left")))).containsExactly(
                new SyncMessages.AwarenessEntry(12345, ((Number) frames.get("leftClock")).longValue(), "null"));

        SyncMessages.Message query = SyncMessages.read(NodeYjs.bytes(frames.get("queryAwareness")));
        assertThat(query.type()).isEqualTo(SyncMessages.QUERY_AWARENESS);
        assertThat(query.payload()).isEmpty();
    }

    private static SyncMessages.AwarenessEntry entry(Map<String, Object> e) {
        return new SyncMessages.AwarenessEntry(((Number) e.get("clientId")).longValue(),
                ((Number) e.get("clock")).longValue(), (String) e.get("stateJson"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void yProtocolsReadsWhatJavaWrites() {
        YDoc doc = new YDoc(77);
        byte[] first = doc.setText("files", "main.py", "print(1) 😀\n");
        byte[] second = doc.setText("files", "main.py", "print(2) 😀\n");
        String state = JSON.writeValueAsString(Map.of("user", Map.of("name", "Grace"), "typing", false));
        byte[] awareness = SyncMessages.encodeAwareness(List.of(new SyncMessages.AwarenessEntry(31, 4, state),
                new SyncMessages.AwarenessEntry(32, 1, "{\"cursor\":null}"),
                new SyncMessages.AwarenessEntry(31, 5, "null")));
        List<byte[]> frames = List.of(SyncMessages.syncStep1(doc.encodeStateVector()), SyncMessages.syncStep2(first),
                SyncMessages.syncUpdate(second), SyncMessages.awareness(awareness), SyncMessages.queryAwareness());
        Map<String, Object> answer = node
            .call(Map.of("cmd", "decodeFrames", "frames", frames.stream().map(NodeYjs::b64).toList()));
        List<Map<String, Object>> results = (List<Map<String, Object>>) answer.get("results");
        assertThat(results).extracting(r -> r.get("type")).containsExactly(0, 0, 0, 1, 3);
        assertThat(results.subList(0, 3)).extracting(r -> r.get("syncType")).containsExactly(0, 1, 2);
        assertThat(results).allSatisfy(r -> assertThat(r.get("rest")).isEqualTo(false));
        assertThat(results.get(0).get("stateVector")).isEqualTo(NodeYjs.b64(doc.encodeStateVector()));
        assertThat(NodeYjs.texts(answer)).isEqualTo(doc.texts("files"));
        // 31 left at clock 5; 32 is there with its state
        assertThat((List<Map<String, Object>>) answer.get("states"))
            .containsExactly(Map.of("clientId", 32, "clock", 1, "state", nullCursor()));
        assertThat(SyncMessages.decodeAwareness(awareness)).extracting(SyncMessages.AwarenessEntry::stateJson)
            .containsExactly(state, "{\"cursor\":null}", "null");
    }

    private static Map<String, Object> nullCursor() {
        Map<String, Object> state = new HashMap<>();
        state.put("cursor", null);
        return state;
    }

    @Test
    void malformedFramesAreRefused() {
        byte[] update = new YDoc(3).setText("files", "a", "b");
        byte[] good = SyncMessages.syncUpdate(update);
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        List<byte[]> bad = List.of(new byte[0], trailing, Arrays.copyOf(good, good.length - 1), new byte[] { 2, 0 },
                new byte[] { 4 }, new byte[] { 0, 3, 0 }, new byte[] { 0, 0, 5, 1 }, new byte[] { 3, 0 },
                new byte[] { 1 },
                new byte[] { (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                        (byte) 0xff, (byte) 0xff, 1 },
                new byte[] { 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f });
        for (byte[] frame : bad)
            assertThatThrownBy(() -> SyncMessages.read(frame)).isInstanceOf(YUpdateException.class);
        assertThat(SyncMessages.read(good).payload()).isEqualTo(update);
    }

    @Test
    void malformedAwarenessIsRefused() {
        byte[] good = SyncMessages
            .encodeAwareness(List.of(new SyncMessages.AwarenessEntry(1, 2, "{\"a\":[1,2.5e3,true]}")));
        assertThat(SyncMessages.decodeAwareness(good)).hasSize(1);
        List<String> badJson = List.of("", "{", "{\"a\":}", "[1,]", "nul", "{'a':1}", "1 2", "\"\u0001\"",
                "[".repeat(10_000));
        for (String json : badJson) {
            byte[] bytes = SyncMessages.encodeAwareness(List.of(new SyncMessages.AwarenessEntry(1, 2, json)));
            assertThatThrownBy(() -> SyncMessages.decodeAwareness(bytes)).as(json.length() > 20 ? "deep" : json)
                .isInstanceOf(YUpdateException.class);
        }
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        byte[] hugeCount = { (byte) 0x80, (byte) 0x89, 0x7a, 1, 1 };
        for (byte[] bytes : List.of(trailing, hugeCount, Arrays.copyOf(good, good.length - 2)))
            assertThatThrownBy(() -> SyncMessages.decodeAwareness(bytes)).isInstanceOf(YUpdateException.class);
    }

}
