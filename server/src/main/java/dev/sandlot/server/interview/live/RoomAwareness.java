package dev.sandlot.server.interview.live;

import dev.sandlot.server.interview.crdt.SyncMessages;
import dev.sandlot.server.interview.crdt.SyncMessages.AwarenessEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The awareness states of a room's connections (cursor, file, typing), each stamped with
 * its participant's real name and colour. Guarded by the room's lock.
 */
final class RoomAwareness {

    /**
     * The largest state one client may publish (a cursor, a path and a flag are small).
     */
    static final int MAX_STATE_CHARS = 8 * 1024;

    private record State(AwarenessEntry entry, LiveConnection owner) {
    }

    private final PadRoom room;

    private final LiveFrames frames;

    private final Map<Long, State> states = new LinkedHashMap<>();

    RoomAwareness(PadRoom room, LiveFrames frames) {
        this.room = room;
        this.frames = frames;
    }

    /** Sends everyone's state to a connection that just joined. */
    void greet(LiveConnection c) {
        if (!states.isEmpty())
            c.sendBinary(SyncMessages.awareness(SyncMessages.encodeAwareness(all())));
    }

    /** The answer to a query-awareness message. */
    byte[] everyone() {
        return SyncMessages.awareness(SyncMessages.encodeAwareness(all()));
    }

    private List<AwarenessEntry> all() {
        return states.values().stream().map(State::entry).toList();
    }

    /**
     * A connection's awareness update: entries for client ids that are not its own are
     * dropped (the refusal is returned), the others stamped and sent to everyone else.
     * @throws dev.sandlot.server.interview.crdt.YUpdateException if it is malformed
     */
    PadRoom.Refusal receive(LiveConnection from, byte[] update) {
        List<AwarenessEntry> accepted = new ArrayList<>();
        PadRoom.Refusal refusal = null;
        for (AwarenessEntry e : SyncMessages.decodeAwareness(update)) {
            PadRoom.Refusal claimed = room.claim(from, java.util.Set.of(e.clientId()));
            if (claimed != null) {
                refusal = claimed;
                continue;
            }
            State had = states.get(e.clientId());
            if (had != null && had.entry().clock() > e.clock())
                continue; // an old state, as Yjs would ignore it
            if (e.stateJson().equals("null")) {
                states.remove(e.clientId());
                accepted.add(e);
                continue;
            }
            String stamped = stamp(from, e.stateJson());
            if (stamped == null) {
                refusal = new PadRoom.Refusal("malformed",
                        "An awareness state must be a JSON object of at most " + MAX_STATE_CHARS + " characters.");
                continue;
            }
            AwarenessEntry entry = new AwarenessEntry(e.clientId(), e.clock(), stamped);
            states.put(e.clientId(), new State(entry, from));
            accepted.add(entry);
        }
        if (!accepted.isEmpty())
            room.broadcast(SyncMessages.awareness(SyncMessages.encodeAwareness(accepted)), from);
        return refusal;
    }

    /**
     * The state with {@code user} set to who the connection really is; null if unusable.
     */
    private String stamp(LiveConnection from, String stateJson) {
        if (stateJson.length() > MAX_STATE_CHARS)
            return null;
        try {
            JsonNode state = frames.json().readTree(stateJson);
            if (!(state instanceof ObjectNode object))
                return null;
            object.set("user", frames.json().valueToTree(LiveFrames.person(from.participant)));
            return frames.json().writeValueAsString(object);
        }
        catch (JacksonException e) {
            return null;
        }
    }

    /** A connection left: its states are removed, and everyone else told. */
    void forget(LiveConnection c) {
        List<AwarenessEntry> gone = new ArrayList<>();
        states.values().removeIf(s -> {
            if (s.owner() != c)
                return false;
            gone.add(new AwarenessEntry(s.entry().clientId(), s.entry().clock() + 1, "null"));
            return true;
        });
        if (!gone.isEmpty())
            room.broadcast(SyncMessages.awareness(SyncMessages.encodeAwareness(gone)), c);
    }

}
