package dev.sandlot.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ApiClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sign-up, sign-in, tokens, keys, roles; run on H2 and on PostgreSQL. */
abstract class AccountApiTests extends ApiClient {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void signupCreatesALearnerAndRefusesTakenNamesAndWeakPasswords() {
        String name = "signup" + System.nanoTime() % 1_000_000;
        Response created = post("/api/v1/auth/signup", Map.of("username", name, "password", "long enough"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("role").asString()).isEqualTo("learner");

        Response taken = post("/api/v1/auth/signup", Map.of("username", name.toUpperCase(), "password", "long enough"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().path("field").asString()).isEqualTo("username");
        assertThat(post("/api/v1/auth/signup", Map.of("username", "x" + name, "password", "short")).json().path("field").asString())
                .isEqualTo("password");
        assertThat(post("/api/v1/auth/signup", Map.of("username", "../evil", "password", "long enough")).json().path("field").asString())
                .isEqualTo("username");
        String hash = jdbc.sql("select password_hash from users where username = ?").param(name).query(String.class).single();
        assertThat(hash).startsWith("$2").doesNotContain("long enough");
    }

    @Test
    void aBearerTokenAuthenticatesUntilSignOut() {
        User user = newUser();
        assertThat(as(user, "GET", "/api/v1/auth/me", null).json().path("username").asString()).isEqualTo(user.username());

        assertThat(as(user, "POST", "/api/v1/auth/logout", null).status()).isEqualTo(204);
        Response after = as(user, "GET", "/api/v1/auth/me", null);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(after.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theTokenEndpointHasTheOauth2PasswordShape() {
        User user = newUser();
        Response r = send(HttpRequest.newBuilder(uri("/api/v1/auth/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password", "username", user.username(),
                        "password", user.password())))));

        assertThat(r.json().path("token_type").asString()).isEqualTo("bearer");
        assertThat(r.json().path("expires_in").asLong()).isPositive();
        assertThat(r.json().path("access_token").asString()).hasSizeGreaterThan(30);
    }

    @Test
    void aBrowserSessionMustSendTheCsrfTokenToWrite() {
        User user = newUser();
        Response login = post("/api/v1/auth/login", Map.of("username", user.username(), "password", user.password()));
        assertThat(login.status()).isEqualTo(200);
        List<String> cookies = login.headers().allValues("Set-Cookie");
        String session = cookie(cookies, "JSESSIONID");
        String xsrf = cookie(cookies, "XSRF-TOKEN");
        assertThat(cookies.stream().filter(c -> c.startsWith("JSESSIONID")).findFirst().orElseThrow())
                .contains("HttpOnly").contains("SameSite=Lax");
        String cookieHeader = "JSESSIONID=" + session + "; XSRF-TOKEN=" + xsrf;

        Response me = send(HttpRequest.newBuilder(uri("/api/v1/auth/me")).header("Cookie", cookieHeader).GET());
        Response withoutToken = send(HttpRequest.newBuilder(uri("/api/v1/projects")).header("Cookie", cookieHeader)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"p\",\"language\":\"python\"}")));
        Response withToken = send(HttpRequest.newBuilder(uri("/api/v1/projects")).header("Cookie", cookieHeader)
                .header("X-XSRF-TOKEN", login.json().path("csrfToken").asString())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"p\",\"language\":\"python\"}")));

        assertThat(me.json().path("username").asString()).isEqualTo(user.username());
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.json().path("type").asString()).isEqualTo("urn:sandlot:problem:csrf");
        assertThat(withToken.status()).isEqualTo(201);
    }

    private static String cookie(List<String> setCookies, String name) {
        return setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst().orElseThrow()
                .split(";")[0].substring(name.length() + 1);
    }

    @Test
    void aWrongPasswordAndAnUnknownAccountGetTheSameAnswerAfterTheSameWork() {
        User user = newUser();
        Response wrong = post("/api/v1/auth/login", Map.of("username", user.username(), "password", "not the password"));
        Response unknown = post("/api/v1/auth/login", Map.of("username", "nobody" + System.nanoTime(), "password", "not the password"));

        assertThat(wrong.status()).isEqualTo(401).isEqualTo(unknown.status());
        assertThat(wrong.json().path("detail").asString()).isEqualTo(unknown.json().path("detail").asString());
        long wrongMs = timeLogin(user.username());
        long unknownMs = timeLogin("ghost" + System.nanoTime());
        // Both pay for one BCrypt comparison: an unknown name is not answered noticeably faster.
        assertThat(unknownMs).isGreaterThan(wrongMs / 2);
    }

    private long timeLogin(String username) {
        long started = System.nanoTime();
        for (int i = 0; i < 3; i++) post("/api/v1/auth/login", Map.of("username", username, "password", "wrong password"));
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Test
    void repeatedFailuresLockTheAccountForAWhileEvenForTheRightPassword() {
        User user = newUser();
        for (int i = 0; i < 10; i++) post("/api/v1/auth/login", Map.of("username", user.username(), "password", "guess " + i));

        Response locked = post("/api/v1/auth/login", Map.of("username", user.username(), "password", user.password()));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void changingThePasswordRevokesTokens() {
        User user = newUser();
        Response changed = as(user, "POST", "/api/v1/auth/password",
                Map.of("currentPassword", user.password(), "newPassword", "a brand new password"));

        assertThat(changed.status()).isEqualTo(204);
        assertThat(as(user, "GET", "/api/v1/auth/me", null).status()).isEqualTo(401);
        assertThat(token(user.username(), "a brand new password")).isNotBlank();
        User again = new User(user.username(), "a brand new password", token(user.username(), "a brand new password"), user.id());
        assertThat(as(again, "POST", "/api/v1/auth/password", Map.of("currentPassword", "wrong", "newPassword", "whatever123"))
                .json().path("field").asString()).isEqualTo("currentPassword");
    }

    @Test
    void apiKeysWorkUntilRevoked() {
        User user = newUser();
        Response created = as(user, "POST", "/api/v1/auth/api-keys", Map.of("name", "ci"));
        String key = created.json().path("key").asString();
        long id = created.json().path("id").asLong();
        assertThat(key).startsWith("slk_");

        Response viaHeader = send(HttpRequest.newBuilder(uri("/api/v1/auth/me")).header("X-API-Key", key).GET());
        Response viaBearer = send(HttpRequest.newBuilder(uri("/api/v1/auth/me")).header("Authorization", "Bearer " + key).GET());
        assertThat(viaHeader.json().path("username").asString()).isEqualTo(user.username());
        assertThat(viaBearer.status()).isEqualTo(200);
        assertThat(as(user, "GET", "/api/v1/auth/api-keys", null).body()).contains("\"name\":\"ci\"").doesNotContain(key);

        assertThat(as(user, "DELETE", "/api/v1/auth/api-keys/" + id, null).status()).isEqualTo(204);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/auth/me")).header("X-API-Key", key).GET()).status()).isEqualTo(401);
    }

    @Test
    void theFirstStartCreatedAnAdminAndAdminsManageRoles() {
        String hash = jdbc.sql("select password_hash from users where username = 'admin'").query(String.class).single();
        assertThat(hash).startsWith("$2");
        User learner = newUser();
        User admin = newUser();
        accounts.setRole(admin.id(), Role.ADMIN);

        assertThat(as(learner, "GET", "/api/v1/admin/users", null).status()).isEqualTo(403);
        assertThat(as(admin, "GET", "/api/v1/admin/users", null).json().findValuesAsString("username")).contains("admin", learner.username());
        Response promoted = as(admin, "PATCH", "/api/v1/admin/users/" + learner.id(), Map.of("role", "reviewer"));
        assertThat(promoted.json().path("role").asString()).isEqualTo("reviewer");
        assertThat(as(admin, "PATCH", "/api/v1/admin/users/" + learner.id(), Map.of("role", "emperor")).json().path("field").asString())
                .isEqualTo("role");
    }
}
