package dev.sandlot.server.interview.live;

import dev.sandlot.server.interview.Pad;
import dev.sandlot.server.interview.Participant;
import java.util.Collection;
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

    static Map<String, Object> pad(Pad pad) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", pad.id());
        m.put("title", pad.title());
        m.put("language", pad.language());
        m.put("status", pad.ended() ? "ended" : "live");
        m.put("interviewerMayType", pad.interviewerMayType());
        m.put("allowGuests", pad.allowGuests());
        m.put("maxParticipants", pad.maxParticipants());
        m.put("endedAt", pad.endedAt() == null ? null : pad.endedAt().toString());
        m.put("submissionId", pad.submissionId());
        return m;
    }

    static List<Map<String, Object>> participants(Collection<Participant> all, Set<Long> online) {
        return all.stream().map(p -> {
            Map<String, Object> m = person(p);
            m.put("online", online.contains(p.id()));
            return m;
        }).toList();
    }

    String welcome(Participant you, Pad pad, List<Map<String, Object>> participants, long serverClientId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "welcome");
        m.put("you", person(you));
        m.put("pad", pad(pad));
        m.put("participants", participants);
        m.put("serverClientId", serverClientId);
        return write(m);
    }

    String presence(List<Map<String, Object>> participants) {
        return write(Map.of("type", "presence", "participants", participants));
    }

    String padChanged(Pad pad) {
        return write(Map.of("type", "pad", "pad", pad(pad)));
    }

    String error(String code, String message) {
        return write(Map.of("type", "error", "code", code, "message", message));
    }

    String pong() {
        return write(Map.of("type", "pong"));
    }

}
