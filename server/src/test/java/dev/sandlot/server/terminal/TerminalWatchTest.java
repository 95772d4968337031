package dev.sandlot.server.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ServerTest;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The interview case: the task's reviewer watches a candidate's terminal, read-only;
 * other reviewers cannot.
 */
class TerminalWatchTest extends ServerTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    private User reviewer() {
        User u = newUser();
        accounts.setRole(u.id(), Role.REVIEWER);
        return u;
    }

    @Test
    void theReviewerOfTheTaskWatchesTheCandidatesTerminalAndCannotType() throws Exception {
        User reviewer = reviewer();
        User stranger = reviewer();
        User candidate = newUser();
        long task = newTask(reviewer, Map.of("title", "Echo", "language", "python", "statement", "Echo it.",
                "starterFiles", List.of(Map.of("path", "main.py", "content", "print(input())\n"))));
        long project = attemptByLink(reviewer, task, candidate).path("projectId").asLong();
        URI control = terminalUri(project);
        URI view = URI.create(control + "?mode=view");

        assertThat(TerminalClient.refusal(view, reviewer.authorization())).as("nothing runs yet").isEqualTo(409);
        TerminalClient typing = TerminalClient.connect(control, candidate.authorization());
        typing.await("$ ");
        try {
            assertThat(TerminalClient.refusal(control, reviewer.authorization())).isEqualTo(403);
            assertThat(TerminalClient.refusal(view, stranger.authorization())).isEqualTo(404);
            TerminalClient watching = TerminalClient.connect(view, reviewer.authorization());
            assertThat(watching.awaitMessage("session").path("mode").asString()).isEqualTo("view");
            typing.type("echo sol''ving\r");
            watching.await("solving\r\n");
            watching.type("rm -rf *\r");
            assertThat(watching.awaitMessage("error").path("status").asInt()).isEqualTo(403);
            watching.socket.abort();
        }
        finally {
            typing.socket.abort();
        }
    }

    @Test
    void onceTheAttemptsTimeIsUpTheTerminalNoLongerSavesToTheProject() throws Exception {
        User reviewer = reviewer();
        User candidate = newUser();
        long task = newTask(reviewer, Map.of("title", "Timed", "language", "python", "statement", "Quick.",
                "timeLimitMinutes", 5, "starterFiles", List.of(Map.of("path", "main.py", "content", "print(1)\n"))));
        JsonNode attempt = attemptByLink(reviewer, task, candidate);
        long project = attempt.path("projectId").asLong();
        TerminalClient t = TerminalClient.connect(terminalUri(project), candidate.authorization());
        try {
            t.await("$ ");
            jdbc.sql("update review_attempts set deadline_at = ? where id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), attempt.path("id").asLong())
                .update();
            t.type("echo 'print(2)' > main.py; echo late > late.txt; echo wr''itten\r");
            t.await("written\r\n");
            JsonNode changed = t.awaitMessage("files-changed");
            assertThat(changed.path("paths")).isEmpty();
            assertThat(changed.path("skipped").toString()).contains("main.py", "late.txt", "not saved");
            assertThat(as(candidate, "GET", "/api/v1/projects/" + project + "/files/main.py", null).json()
                .path("content")
                .asString()).isEqualTo("print(1)\n");
            assertThat(as(candidate, "GET", "/api/v1/projects/" + project + "/files/late.txt", null).status())
                .isEqualTo(404);
        }
        finally {
            t.socket.abort();
        }
    }

}
