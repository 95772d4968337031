package dev.sandlot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every project and history endpoint against every kind of caller: anonymous, the owner
 * (a learner), another learner, a reviewer, an admin. Others get the same 404 as for
 * something that does not exist; run on H2 and PostgreSQL.
 */
abstract class AuthorizationMatrixTests extends ApiClient {

    @Autowired
    AccountService accounts;

    private User owner;

    private User other;

    private User reviewer;

    private User admin;

    private long project;

    private String execution;

    @BeforeEach
    void setUp() {
        owner = newUser();
        other = newUser();
        reviewer = newUser();
        admin = newUser();
        accounts.setRole(reviewer.id(), Role.REVIEWER);
        accounts.setRole(admin.id(), Role.ADMIN);
        project = as(owner, "POST", "/api/v1/projects", Map.of("name", "private", "language", "python", "files",
                List.of(Map.of("path", "main.py", "content", "print('secret')"))))
            .json()
            .path("id")
            .asLong();
        execution = as(owner, "POST", "/api/v1/projects/" + project + "/run", Map.of()).json().path("id").asString();
    }

    /** Expected statuses for anonymous, owner, other learner, reviewer, admin. */
    private void expect(String method, String path, Object body, int anonymous, int owner, int others, int admin) {
        Map<String, Integer> got = new LinkedHashMap<>();
        got.put("anonymous", as(null, method, path, body).status());
        got.put("other learner", as(other, method, path, body).status());
        got.put("reviewer", as(reviewer, method, path, body).status());
        got.put("admin", as(this.admin, method, path, body).status());
        got.put("owner", as(this.owner, method, path, body).status());
        Map<String, Integer> want = new LinkedHashMap<>();
        want.put("anonymous", anonymous);
        want.put("other learner", others);
        want.put("reviewer", others);
        want.put("admin", admin);
        want.put("owner", owner);
        assertThat(got).as(method + " " + path).isEqualTo(want);
    }

    @Test
    void projectEndpoints() {
        String p = "/api/v1/projects/" + project;
        expect("GET", p, null, 401, 200, 404, 200);
        expect("PATCH", p, Map.of("name", "renamed"), 401, 200, 404, 200);
        expect("GET", p + "/files", null, 401, 200, 404, 200);
        expect("GET", p + "/files/main.py", null, 401, 200, 404, 200);
        expect("PUT", p + "/files/main.py", Map.of("content", "print(1)"), 401, 200, 404, 200);
        expect("PATCH", p + "/files/main.py", Map.of("path", "main.py"), 401, 409, 404, 409);
        expect("POST", p + "/run", Map.of(), 401, 200, 404, 200);
        expect("GET", p + "/export", null, 401, 200, 404, 200);
        expect("DELETE", p + "/files/nope.py", null, 401, 404, 404, 404);
    }

    @Test
    void deletingAProject() {
        String p = "/api/v1/projects/" + project;
        assertThat(as(null, "DELETE", p, null).status()).isEqualTo(401);
        assertThat(as(other, "DELETE", p, null).status()).isEqualTo(404);
        assertThat(as(reviewer, "DELETE", p, null).status()).isEqualTo(404);
        assertThat(as(owner, "GET", p, null).status()).isEqualTo(200);
        assertThat(as(admin, "DELETE", p, null).status()).isEqualTo(204);
        assertThat(as(owner, "GET", p, null).status()).isEqualTo(404);
    }

    @Test
    void listsShowOnlyYourOwn() {
        assertThat(as(null, "GET", "/api/v1/projects", null).status()).isEqualTo(401);
        assertThat(as(other, "GET", "/api/v1/projects", null).json().findValuesAsString("name"))
            .doesNotContain("private");
        assertThat(as(owner, "GET", "/api/v1/projects", null).json().findValuesAsString("name")).contains("private");
        assertThat(as(admin, "GET", "/api/v1/projects?all=true", null).json().findValuesAsString("name"))
            .contains("private");
        assertThat(as(other, "GET", "/api/v1/projects?all=true", null).json().findValuesAsString("name"))
            .doesNotContain("private");
        List<String> otherHistory = new ArrayList<>(
                as(other, "GET", "/api/v1/executions", null).json().path("items").findValuesAsString("id"));
        assertThat(otherHistory).doesNotContain(execution);
        assertThat(as(other, "GET", "/api/v1/executions?projectId=" + project, null).json().path("items")).isEmpty();
    }

    @Test
    void historyEndpoints() {
        expect("GET", "/api/v1/executions/" + execution, null, 401, 200, 404, 200);
        expect("GET", "/api/v1/code/history/" + execution, null, 401, 200, 404, 200);
        expect("GET", "/api/v1/executions", null, 401, 200, 200, 200);
        expect("GET", "/api/v1/executions/stats", null, 401, 200, 200, 200);
        assertThat(as(other, "DELETE", "/api/v1/executions/" + execution, null).status()).isEqualTo(404);
        assertThat(as(reviewer, "DELETE", "/api/v1/code/history/" + execution, null).status()).isEqualTo(404);
        assertThat(as(owner, "DELETE", "/api/v1/executions/" + execution, null).status()).isEqualTo(204);
    }

    @Test
    void adminEndpoints() {
        expect("GET", "/api/v1/admin/users", null, 401, 403, 403, 200);
    }

}
