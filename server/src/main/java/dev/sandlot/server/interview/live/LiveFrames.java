package dev.sandlot.server.interview.live;

import dev.sandlot.server.interview.PadViews.PadView;
import dev.sandlot.server.interview.Participant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The JSON (text) frames of the live pad protocol, as docs/api.md lists them. */
@Component
class LiveFrames {

    private final JsonMapper json;

    LiveFrames(JsonMapper json) {
        this.json = json;
    }

    JsonMapper json() {
        return json;
    }

    String write(Map<String, ?> frame) {
        return json.writeValueAsString(frame);
    }

    static Map<String, Object> person(Participant p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("participantId", p.id());
        m.put("name", p.name());
        m.put("role", p.role().name().toLowerCase(Locale.ROOT));
        m.put("colour", p.colour());
        return m;
    }

    static Map<String, Object> by(Participant p) {
        return Map.of("participantId", p.id(), "name", p.name());
    }

    /** Everyone in the pad, and whether they are connected now. */
    static List<Map<String, Object>> participants(PadView view, Set<Long> online) {
        return view.participants().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("participantId", p.participantId());
            m.put("name", p.name());
            m.put("role", p.role());
            m.put("colour", p.colour());
            m.put("guest", p.guest());
            m.put("online", online.contains(p.participantId()));
            return m;
        }).toList();
    }

    String welcome(PadView view, Set<Long> online, long serverClientId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "welcome");
        m.put("you", view.you());
        m.put("pad", view);
        m.put("participants", participants(view, online));
        m.put("serverClientId", serverClientId);
        return write(m);
    }

    String presence(List<Map<String, Object>> participants) {
        return write(Map.of("type", "presence", "participants", participants));
    }

    String padChanged(PadView view) {
        return write(Map.of("type", "pad", "pad", view));
    }

    String error(String code, String message) {
        return write(Map.of("type", "error", "code", code, "message", message));
    }

    String pong() {
        return write(Map.of("type", "pong"));
    }

}
