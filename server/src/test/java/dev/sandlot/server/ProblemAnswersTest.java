package dev.sandlot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Refusals that used to be Spring's own (no {@code type}) or an empty 404 are problem
 * details of a catalogued type, as the OpenAPI document says, with the parameter at fault
 * as {@code field}.
 */
class ProblemAnswersTest extends ServerTest {

    @Autowired
    private AccountService accounts;

    private static void assertProblem(Response r, int status, String kind) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("type").asString()).isEqualTo("urn:sandlot:problem:" + kind);
    }

    @Test
    void springsOwnRefusalsHaveATypeAndNameTheParameter() {
        User user = newUser();

        Response mistyped = as(user, "GET", "/api/v1/projects/abc", null);
        assertProblem(mistyped, 400, "invalid-request");
        assertThat(mistyped.json().path("field").asString()).isEqualTo("id");

        Response missing = send(HttpRequest.newBuilder(uri("/api/v1/projects/import?language=python"))
            .header("Authorization", user.authorization())
            .header("Content-Type", "application/zip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 1 })));
        assertProblem(missing, 400, "invalid-request");
        assertThat(missing.json().path("field").asString()).isEqualTo("name");

        assertProblem(get("/api/v1/nothing-here"), 404, "not-found");
        assertProblem(as(null, "PUT", "/api/v1/languages", Map.of()), 405, "method-not-allowed");
        assertProblem(send(HttpRequest.newBuilder(uri("/api/v1/languages")).header("Accept", "image/png").GET()), 406,
                "not-acceptable");
    }

    @Test
    void whatIsNotThereIsATypedNotFound() {
        User user = newUser();
        User admin = newUser();
        accounts.setRole(admin.id(), Role.ADMIN);

        assertProblem(as(user, "DELETE", "/api/v1/auth/api-keys/987654", null), 404, "api-key-not-found");
        assertProblem(as(user, "DELETE", "/api/v1/terminals/no-such-terminal", null), 404, "terminal-not-found");
        assertProblem(as(admin, "PATCH", "/api/v1/admin/users/987654", Map.of("role", "reviewer")), 404,
                "user-not-found");
        assertProblem(as(admin, "POST", "/api/v1/admin/users/987654/unlock", null), 404, "user-not-found");
    }

}
