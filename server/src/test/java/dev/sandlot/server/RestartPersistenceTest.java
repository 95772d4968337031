package dev.sandlot.server;

import static dev.sandlot.server.ContextCalls.base;
import static dev.sandlot.server.ContextCalls.send;
import static dev.sandlot.server.ContextCalls.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The scenario end to end, across a restart: sign up, create a two-file project
 * where main.py imports util.py, run it, stop the server, start a new one on the same
 * data, and find project and history intact.
 */
@Tag("sandbox")
class RestartPersistenceTest {

    @Test
    void projectAndHistorySurviveARestartOnH2() throws Exception {
        scenario(ContextCalls.serverOnH2("sandlot-restart"));
    }

    @Test
    void projectAndHistorySurviveARestartOnPostgres() throws Exception {
        scenario(ContextCalls.serverOnPostgres("sandlot-restart"));
    }

    private void scenario(Map<String, Object> properties) throws Exception {
        long projectId;
        String runId;
        try (ConfigurableApplicationContext first = ContextCalls.start(properties)) {
            String base = base(first);
            JsonNode signup = send(base, "POST", "/api/v1/auth/signup", null,
                    Map.of("username", "restarter", "password", "survives restarts"));
            assertThat(signup.path("role").asString()).isEqualTo("learner");
            String token = token(base, "restarter", "survives restarts");
            projectId = send(base, "POST", "/api/v1/projects", token,
                    Map.of("name", "two files", "language", "python", "files",
                            List.of(Map.of("path", "main.py", "content", "import util\nprint(util.double(21))\n"),
                                    Map.of("path", "util.py", "content", "def double(x):\n    return 2 * x\n"))))
                .path("id")
                .asLong();
            JsonNode run = send(base, "POST", "/api/v1/projects/" + projectId + "/run", token, Map.of());
            assertThat(run.path("stdout").asString()).isEqualTo("42\n");
            runId = run.path("id").asString();
        }
        try (ConfigurableApplicationContext second = ContextCalls.start(properties)) {
            String base = base(second);
            String token = token(base, "restarter", "survives restarts");
            JsonNode files = send(base, "GET", "/api/v1/projects/" + projectId + "/files?content=true", token, null);
            assertThat(files.findValuesAsString("path")).containsExactly("main.py", "util.py");
            assertThat(send(base, "GET", "/api/v1/executions/" + runId, token, null).path("stdout").asString())
                .isEqualTo("42\n");
            assertThat(send(base, "POST", "/api/v1/projects/" + projectId + "/run", token, Map.of()).path("stdout")
                .asString()).isEqualTo("42\n");
        }
    }

}
