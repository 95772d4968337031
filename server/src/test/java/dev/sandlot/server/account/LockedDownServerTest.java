package dev.sandlot.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ApiClient;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * A server with sign-up closed, no anonymous runs, and no built-in Python libraries
 * (SANDLOT_PYTHON_LIBRARIES=none).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "sandlot.data-dir=${java.io.tmpdir}/sandlot-server-test-${random.uuid}",
                "sandlot.auth.signup-enabled=false", "sandlot.auth.anonymous-execute=false",
                "sandlot.engine.warm-pool.python=0", "sandlot.python.libraries=none" })
@Tag("sandbox")
class LockedDownServerTest extends ApiClient {

    @Test
    void signupIsClosedAndRunningNeedsAnAccount() {
        Response signup = post("/api/v1/auth/signup", Map.of("username", "newcomer", "password", "long enough"));
        Response run = post("/api/v1/execute", Map.of("language", "python", "code", "print(1)"));
        Response seed = post("/playground/execute", Map.of("code", "print(1)"));

        assertThat(signup.status()).isEqualTo(403);
        assertThat(signup.json().path("type").asString()).isEqualTo("urn:sandlot:problem:signup-disabled");
        assertThat(run.status()).isEqualTo(401);
        assertThat(seed.status()).isEqualTo(401);
        assertThat(get("/api/v1/languages").status()).isEqualTo(200);
    }

    @Test
    void noBuiltInLibrariesAreListed() {
        JsonNode python = null;
        for (JsonNode l : get("/api/v1/languages").json()) {
            if (l.path("id").asString().equals("python"))
                python = l;
        }
        assertThat(python).isNotNull();
        assertThat(python.path("libraries").isArray()).isTrue();
        assertThat(python.path("libraries").isEmpty()).isTrue();
    }

}
