package dev.sandlot.server.interview.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ServerTest;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A pad with an interviewer and a candidate in it, for the live tests. */
abstract class LiveTestSupport extends ServerTest {

    @Autowired
    AccountService accounts;

    /** A pad, its owner (an interviewer) and its candidate, both joined. */
    record Interview(long padId, long projectId, User interviewer, User candidate, JsonNode pad) {
    }

    User reviewer() {
        User u = newUser();
        accounts.setRole(u.id(), Role.REVIEWER);
        return u;
    }

    Interview interview(Map<String, ?> body) {
        User interviewer = reviewer();
        Response created = as(interviewer, "POST", "/api/v1/pads", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode pad = created.json();
        User candidate = newUser();
        join(candidate, pad.path("links").path("candidate").path("token").asString());
        return new Interview(pad.path("id").asLong(), pad.path("projectId").asLong(), interviewer, candidate, pad);
    }

    Interview interview() {
        return interview(Map.of("title", "Live", "language", "python"));
    }

    JsonNode join(User user, String token) {
        Response joined = as(user, "POST", "/api/v1/pad-links/" + token + "/join", null);
        assertThat(joined.status()).as(joined.body()).isEqualTo(200);
        return joined.json();
    }

    LiveClient connect(Interview i, User user) throws Exception {
        LiveClient c = LiveClient.connect(port, i.padId(), user.authorization());
        c.await("welcome");
        return c.awaitSynced();
    }

    /** The project file's content as the REST API reads it. */
    String projectFile(Interview i, String path) {
        Response r = as(i.interviewer(), "GET", "/api/v1/projects/" + i.projectId() + "/files/" + path, null);
        return r.status() == 200 ? r.json().path("content").asString() : null;
    }

}
