package dev.sandlot.server.review;

import static dev.sandlot.server.ContextCalls.base;
import static dev.sandlot.server.ContextCalls.send;
import static dev.sandlot.server.ContextCalls.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ContextCalls;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Tasks, attempts, submissions, comments, decisions and notifications survive a restart,
 * on H2 and on PostgreSQL.
 */
@Tag("sandbox")
class ReviewRestartTest {

    @Test
    void reviewStateSurvivesARestartOnH2() throws Exception {
        scenario(ContextCalls.serverOnH2("sandlot-review-restart"));
    }

    @Test
    void reviewStateSurvivesARestartOnPostgres() throws Exception {
        scenario(ContextCalls.serverOnPostgres("sandlot-review-restart"));
    }

    private void scenario(Map<String, Object> properties) throws Exception {
        long task;
        long submission;
        String link;
        try (ConfigurableApplicationContext first = ContextCalls.start(properties)) {
            String base = base(first);
            long reviewerId = send(base, "POST", "/api/v1/auth/signup", null,
                    Map.of("username", "judge", "password", "judges carefully"))
                .path("id")
                .asLong();
            first.getBean(AccountService.class).setRole(reviewerId, Role.REVIEWER);
            send(base, "POST", "/api/v1/auth/signup", null, Map.of("username", "coder", "password", "codes carefully"));
            String reviewer = token(base, "judge", "judges carefully");
            String learner = token(base, "coder", "codes carefully");
            task = send(base, "POST", "/api/v1/tasks", reviewer,
                    Map.of("title", "Echo", "language", "python", "starterFiles",
                            List.of(Map.of("path", "main.py", "content", "print(input())\n")), "tests",
                            List.of(Map.of("stdin", "hi\n", "expectedStdout", "hi\n"),
                                    Map.of("stdin", "secret\n", "expectedStdout", "secret\n", "hidden", true))))
                .path("id")
                .asLong();
            link = send(base, "POST", "/api/v1/tasks/" + task + "/link", reviewer, Map.of()).path("link")
                .path("token")
                .asString();
            long attempt = send(base, "POST", "/api/v1/tasks/by-link/" + link + "/attempts", learner, null).path("id")
                .asLong();
            submission = send(base, "POST", "/api/v1/submissions", learner,
                    Map.of("attemptId", attempt, "message", "done"))
                .path("id")
                .asLong();
            send(base, "POST", "/api/v1/submissions/" + submission + "/comments", reviewer,
                    Map.of("path", "main.py", "line", 1, "body", "ok"));
            send(base, "POST", "/api/v1/submissions/" + submission + "/decision", reviewer,
                    Map.of("decision", "approved"));
        }
        try (ConfigurableApplicationContext second = ContextCalls.start(properties)) {
            String base = base(second);
            String reviewer = token(base, "judge", "judges carefully");
            String learner = token(base, "coder", "codes carefully");
            assertThat(send(base, "GET", "/api/v1/tasks/" + task, reviewer, null).path("tests")).hasSize(2);
            JsonNode s = send(base, "GET", "/api/v1/submissions/" + submission, reviewer, null);
            assertThat(s.path("status").asString()).isEqualTo("approved");
            assertThat(s.path("files").get(0).path("content").asString()).isEqualTo("print(input())\n");
            assertThat(s.path("results").findValuesAsString("verdict")).containsExactly("accepted", "accepted");
            assertThat(send(base, "GET", "/api/v1/submissions/" + submission + "/comments", learner, null).get(0)
                .path("line")
                .asInt()).isEqualTo(1);
            assertThat(send(base, "GET", "/api/v1/notifications", learner, null).path("unread").asLong()).isEqualTo(2);
            assertThat(send(base, "GET", "/api/v1/tasks/by-link/" + link, null, null).path("title").asString())
                .isEqualTo("Echo");
        }
    }

}
