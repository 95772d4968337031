package dev.sandlot.server.interview.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.RawWebSocket;
import dev.sandlot.server.interview.PadChanged;
import dev.sandlot.server.interview.crdt.SyncMessages;
import dev.sandlot.server.interview.crdt.YDoc;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

/**
 * The live pad protocol over real sockets: two participants' Yjs documents kept in step
 * through the server, late joiners, REST writes, the project kept equal to the shared
 * text, and playback.
 */
class LiveSyncTest extends LiveTestSupport {

    @Test
    void anEditReachesTheOtherParticipantAndALateJoinerGetsTheWholeText() throws Exception {
        Interview i = interview();
        LiveClient interviewer = connect(i, i.interviewer());
        LiveClient candidate = connect(i, i.candidate());
        JsonNode welcome = candidate.await("welcome");
        assertThat(welcome.path("you").path("role").asString()).isEqualTo("candidate");
        assertThat(welcome.path("pad").path("status").asString()).isEqualTo("live");
        assertThat(welcome.path("pad").has("links")).as("a candidate gets no links").isFalse();

        String seeded = projectFile(i, "main.py");
        interviewer.awaitText("main.py", seeded);
        candidate.awaitText("main.py", seeded);

        candidate.edit("main.py", "print('from the candidate')\n");
        interviewer.awaitText("main.py", "print('from the candidate')\n");
        interviewer.edit("util.py", "def double(x):\n    return 2 * x\n");
        candidate.awaitText("util.py", "def double(x):\n    return 2 * x\n");

        LiveClient late = connect(i, i.interviewer());
        late.awaitText("main.py", "print('from the candidate')\n");
        late.awaitText("util.py", "def double(x):\n    return 2 * x\n");
        JsonNode presence = interviewer.await(0,
                m -> m.path("type").asString().equals("presence")
                        && m.path("participants").findValuesAsString("name").size() == 2
                        && m.path("participants").findValues("online").stream().allMatch(JsonNode::asBoolean));
        assertThat(presence).isNotNull();
        interviewer.close();
        candidate.close();
        late.close();
    }

    @Test
    void aRestWriteShowsInOpenEditorsAndTheProjectFollowsTheSharedText() throws Exception {
        Interview i = interview();
        LiveClient candidate = connect(i, i.candidate());
        candidate.awaitText("main.py", projectFile(i, "main.py"));

        Response put = as(i.interviewer(), "PUT", "/api/v1/projects/" + i.projectId() + "/files/notes.txt",
                Map.of("content", "written over REST\n"));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        candidate.awaitText("notes.txt", "written over REST\n");

        candidate.edit("main.py", "print(42)\n");
        candidate.delete("notes.txt");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline
                && (!"print(42)\n".equals(projectFile(i, "main.py")) || projectFile(i, "notes.txt") != null))
            Thread.sleep(50);
        assertThat(projectFile(i, "main.py")).isEqualTo("print(42)\n");
        assertThat(projectFile(i, "notes.txt")).as("deleted in the pad, deleted in the project").isNull();
        // The project's own write came back as an event; the text is not doubled.
        Thread.sleep(300);
        assertThat(candidate.text("main.py")).isEqualTo("print(42)\n");
        candidate.close();
    }

    @Test
    void strangersAndAnonymousCallersAreRefusedAtTheHandshake() throws Exception {
        Interview i = interview();
        assertThat(LiveClient.refusal(port, i.padId(), null)).isEqualTo(401);
        assertThat(LiveClient.refusal(port, i.padId(), newUser().authorization())).isEqualTo(404);
        assertThat(LiveClient.refusal(port, i.padId() + 1000, i.interviewer().authorization())).isEqualTo(404);
        try (RawWebSocket raw = RawWebSocket.open(null, port, "/api/v1/pads/" + i.padId() + "/live",
                Map.of("Authorization", newUser().authorization()))) {
            assertThat(raw.status).isEqualTo(404);
            assertThat(JSON.readTree(raw.body).path("type").asString()).isEqualTo("urn:sandlot:problem:pad-not-found");
        }
    }

    @Test
    void aCandidateCannotEditAsAnotherParticipantsClientOrTheServer() throws Exception {
        Interview i = interview();
        LiveClient interviewer = connect(i, i.interviewer());
        interviewer.edit("main.py", "print('interviewer')\n");
        LiveClient spoof = connect(i, i.candidate());
        spoof.awaitText("main.py", "print('interviewer')\n");
        // An attacker's own document under the interviewer's client id (yjs itself would
        // pick a new id once it saw that id's structs come in, so it is made by hand).
        YDoc forged = new YDoc(interviewer.clientId);
        spoof.send(SyncMessages.syncUpdate(forged.setText(PadRoom.FILES, "main.py", "print('not me')\n")));
        assertThat(spoof.awaitError("foreign-client").path("message").asString()).contains("belongs to someone else");

        long serverId = spoof.await("welcome").path("serverClientId").asLong();
        YDoc asServer = new YDoc(serverId);
        spoof.send(SyncMessages.syncUpdate(asServer.setText(PadRoom.FILES, "server.py", "print('server')\n")));
        spoof.await(0, m -> m.path("code").asString().equals("foreign-client")
                && m.path("message").asString().contains(Long.toString(serverId)));

        Thread.sleep(300);
        assertThat(interviewer.text("main.py")).isEqualTo("print('interviewer')\n");
        assertThat(interviewer.text("server.py")).isNull();
        interviewer.close();
    }

    @Test
    void awarenessIsStampedWithTheRealParticipantAndOnlyForOwnClientIds() throws Exception {
        Interview i = interview();
        LiveClient interviewer = connect(i, i.interviewer());
        LiveClient candidate = connect(i, i.candidate());
        candidate.aware(candidate.clientId, 1,
                "{\"user\":{\"name\":\"The Boss\",\"role\":\"interviewer\"},\"file\":\"main.py\",\"typing\":true}");
        var seen = interviewer.awaitAwareness(candidate.clientId, s -> s.contains("main.py"));
        JsonNode state = JSON.readTree(seen.stateJson());
        String name = candidate.await("welcome").path("you").path("name").asString();
        assertThat(name).isNotBlank().isNotEqualTo("The Boss");
        assertThat(state.path("user").path("name").asString()).isEqualTo(name);
        assertThat(state.path("user").path("role").asString()).isEqualTo("candidate");
        assertThat(state.path("typing").asBoolean()).isTrue();

        interviewer.aware(interviewer.clientId, 1, "{\"file\":\"main.py\"}");
        candidate.awaitAwareness(interviewer.clientId, s -> s.contains("main.py"));
        candidate.aware(interviewer.clientId, 2, "{\"file\":\"evil.py\"}");
        candidate.awaitError("foreign-client");
        Thread.sleep(300);
        assertThat(interviewer.awarenessReceived()).noneMatch(e -> e.stateJson().contains("evil.py"));

        candidate.close();
        interviewer.awaitAwareness(candidate.clientId, s -> s.equals("null"));
        interviewer.close();
    }

    @Test
    void malformedFramesAreAnsweredAndTheConnectionClosed() throws Exception {
        Interview i = interview();
        LiveClient binary = connect(i, i.candidate());
        binary.send(new byte[] { 0, 2, 50, 1, 2, 3 });
        binary.awaitError("malformed");
        assertThat(binary.awaitClose()).isEqualTo(1007);

        LiveClient json = connect(i, i.candidate());
        json.socket.sendText("{not json", true).join();
        json.awaitError("malformed");
        assertThat(json.awaitClose()).isEqualTo(1007);

        LiveClient unknown = connect(i, i.candidate());
        unknown.sendJson(Map.of("type", "dance"));
        assertThat(unknown.awaitError("invalid-request").path("message").asString()).contains("dance");
        unknown.close();
    }

    @Test
    void aFloodIsCutOffWithAClearMessage() throws Exception {
        Interview i = interview();
        LiveClient flood = connect(i, i.candidate());
        try {
            for (int n = 0; n < 1000 && !flood.closed.isDone(); n++)
                flood.send(new byte[] { (byte) SyncMessages.QUERY_AWARENESS });
        }
        catch (java.util.concurrent.CompletionException closedMeanwhile) {
            // the server cut it off while we were still sending
        }
        JsonNode error = flood.awaitError("rate-limited");
        assertThat(error.path("message").asString()).contains("messages");
        assertThat(flood.awaitClose()).isEqualTo(1008);
    }

    @Test
    void aTooLargeInsertIsRefusedAndTheDocumentKeepsItsText() throws Exception {
        Interview i = interview();
        LiveClient candidate = connect(i, i.candidate());
        candidate.edit("main.py", "small\n");
        candidate.edit("big.txt", "x".repeat(1_100_000));
        candidate.awaitError("too-large");
        LiveClient other = connect(i, i.interviewer());
        other.awaitText("main.py", "small\n");
        assertThat(other.text("big.txt")).isNull();
        candidate.close();
        other.close();
    }

    @Test
    void afterTheEndUpdatesAreRefusedAsReadOnly() throws Exception {
        Interview i = interview();
        LiveClient candidate = connect(i, i.candidate());
        candidate.edit("main.py", "print('final answer')\n");
        candidate.awaitText("main.py", "print('final answer')\n");
        Response ended = as(i.interviewer(), "POST", "/api/v1/pads/" + i.padId() + "/end", null);
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        JsonNode pad = candidate.await(0, m -> m.path("type").asString().equals("pad")
                && m.path("pad").path("status").asString().equals("ended"));
        assertThat(pad).isNotNull();
        assertThat(projectFile(i, "main.py")).as("flushed before the end").isEqualTo("print('final answer')\n");
        candidate.edit("main.py", "print('too late')\n");
        candidate.awaitError("read-only");
        candidate.sendJson(Map.of("type", "run"));
        candidate.await(0, m -> m.path("code").asString().equals("read-only")
                && m.path("message").asString().contains("nothing more runs"));
        candidate.close();
        assertThat(projectFile(i, "main.py")).isEqualTo("print('final answer')\n");
    }

    @Test
    void whileTheInterviewEndsNoEditSlipsInBetweenTheLastWriteAndTheEnd(@Autowired PadRooms rooms,
            @Autowired ApplicationEventPublisher events) throws Exception {
        Interview i = interview();
        LiveClient candidate = connect(i, i.candidate());
        LiveClient other = connect(i, i.interviewer());
        candidate.edit("main.py", "print('frozen')\n");
        other.awaitText("main.py", "print('frozen')\n"); // the server has it
        rooms.freeze(i.padId());
        assertThat(projectFile(i, "main.py")).isEqualTo("print('frozen')\n");
        candidate.edit("main.py", "print('slipped in')\n");
        candidate.awaitError("read-only");
        assertThat(projectFile(i, "main.py")).isEqualTo("print('frozen')\n");
        candidate.close();
        // An end that failed before the pad was marked ended: the pad takes edits again.
        events.publishEvent(new PadChanged(i.padId()));
        LiveClient again = connect(i, i.candidate());
        again.awaitText("main.py", "print('frozen')\n");
        again.edit("main.py", "print('after all')\n");
        other.awaitText("main.py", "print('after all')\n");
        again.close();
        other.close();
    }

    @Test
    void playbackListsEveryUpdateWithItsAuthorForInterviewersOnly() throws Exception {
        Interview i = interview();
        LiveClient candidate = connect(i, i.candidate());
        candidate.edit("main.py", "a");
        candidate.edit("main.py", "ab");
        candidate.edit("main.py", "ab" + "pasted ".repeat(40));
        LiveClient interviewer = connect(i, i.interviewer());
        interviewer.awaitText("main.py", "ab" + "pasted ".repeat(40));

        Response playback = as(i.interviewer(), "GET", "/api/v1/pads/" + i.padId() + "/playback", null);
        assertThat(playback.status()).as(playback.body()).isEqualTo(200);
        JsonNode updates = playback.json().path("updates");
        assertThat(updates.get(0).path("author").asString()).as("the seed").isEqualTo("system");
        JsonNode last = updates.get(updates.size() - 1);
        assertThat(last.path("author").asString())
            .isEqualTo(candidate.await("welcome").path("you").path("name").asString());
        assertThat(last.path("largestInsert").asInt()).isEqualTo(280);
        assertThat(last.path("paste").asBoolean()).isTrue();
        assertThat(last.path("flagged").asBoolean()).isTrue();
        assertThat(updates.get(updates.size() - 2).path("paste").asBoolean()).isFalse();
        assertThat(last.path("update").asString()).isNotEmpty();

        Response asCandidate = as(i.candidate(), "GET", "/api/v1/pads/" + i.padId() + "/playback", null);
        assertThat(asCandidate.status()).isEqualTo(403);
        assertThat(as(newUser(), "GET", "/api/v1/pads/" + i.padId() + "/playback", null).status()).isEqualTo(404);
        candidate.close();
        interviewer.close();
    }

}
