package dev.sandlot.server;

import static dev.sandlot.server.ContextCalls.base;
import static dev.sandlot.server.ContextCalls.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Browser sessions live in the database: a signed-in browser and a pad's guest are still
 * who they were after the server stops and starts again on the same data, with their CSRF
 * tokens; a password change made after the restart still ends the sessions signed in
 * before it; sign-out deletes the session's row; an expired session is refused and
 * cleaned away; a stored attribute that no longer reads back signs that browser out
 * instead of failing its requests.
 */
class SessionRestartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String PASSWORD = "survives restarts";

    /** A browser: its session cookie ({@code JSESSIONID=...}) and its CSRF token. */
    record Browser(String cookie, String csrf) {
    }

    record Answer(int status, JsonNode json, List<String> cookies) {
    }

    @Test
    void sessionsSurviveARestartOnH2() throws Exception {
        scenario(ContextCalls.serverOnH2("sandlot-sessions"));
    }

    @Test
    void sessionsSurviveARestartOnPostgres() throws Exception {
        scenario(ContextCalls.serverOnPostgres("sandlot-sessions"));
    }

    private void scenario(Map<String, Object> properties) throws Exception {
        Browser user;
        Browser otherDevice;
        Browser guest;
        Browser expiring;
        Browser corrupted;
        long padId;
        try (ConfigurableApplicationContext first = ContextCalls.start(properties)) {
            String base = base(first);
            signUp(base, "keeper");
            user = signIn(base, "keeper");
            otherDevice = signIn(base, "keeper");
            expiring = signIn(base, "keeper");
            corrupted = signIn(base, "keeper");
            assertThat(call(base, user, "POST", "/api/v1/projects", project("before")).status()).isEqualTo(201);

            long reviewer = signUp(base, "interviewer");
            first.getBean(AccountService.class).setRole(reviewer, Role.REVIEWER);
            JsonNode pad = ContextCalls.send(base, "POST", "/api/v1/pads", token(base, "interviewer", PASSWORD),
                    Map.of("title", "Across a restart", "language", "python", "allowGuests", true));
            padId = pad.path("id").asLong();
            guest = joinAsGuest(base, pad.path("links").path("candidate").path("token").asString(), "Ada");
            assertThat(call(base, guest, "GET", "/api/v1/pads/" + padId, null).status()).isEqualTo(200);

            // Small: an id, a name, a role and an epoch, and a CSRF token (about 1.2 KB
            // serialised).
            assertThat(first.getBean(JdbcClient.class)
                .sql("select sum(octet_length(attribute_bytes)) from spring_session_attributes a"
                        + " join spring_session s on s.primary_id = a.session_primary_id where s.session_id = ?")
                .param(sessionId(user))
                .query(Long.class)
                .single()).isBetween(100L, 2048L);
        }

        try (ConfigurableApplicationContext second = ContextCalls.start(properties)) {
            String base = base(second);
            JdbcClient jdbc = second.getBean(JdbcClient.class);

            // The signed-in browser: still signed in, its CSRF token still the one it
            // has.
            JsonNode me = call(base, user, "GET", "/api/v1/auth/me", null).json();
            assertThat(me.path("username").asString()).isEqualTo("keeper");
            assertThat(call(base, user, "GET", "/api/v1/auth/session", null).json().path("csrfToken").asString())
                .isEqualTo(user.csrf());
            assertThat(call(base, user, "POST", "/api/v1/projects", project("after")).status()).isEqualTo(201);
            assertThat(call(base, new Browser(user.cookie(), "wrong"), "POST", "/api/v1/projects", project("forged"))
                .status()).as("CSRF is still checked").isEqualTo(403);

            // The guest, who has no password to sign in again with: still the candidate.
            Answer padNow = call(base, guest, "GET", "/api/v1/pads/" + padId, null);
            assertThat(padNow.status()).as(padNow.json().toString()).isEqualTo(200);
            assertThat(padNow.json().path("you").path("role").asString()).isEqualTo("candidate");
            assertThat(padNow.json().path("you").path("name").asString()).isEqualTo("Ada (guest)");

            // An expired session is refused, then cleaned away by Spring Session's job.
            jdbc.sql("update spring_session set last_access_time = 0, expiry_time = 0 where session_id = ?")
                .param(sessionId(expiring))
                .update();
            assertThat(call(base, expiring, "GET", "/api/v1/auth/me", null).status()).isEqualTo(401);
            second.getBean(JdbcIndexedSessionRepository.class).cleanUpExpiredSessions();
            assertThat(rows(jdbc, expiring)).isZero();

            // An attribute that does not read back signs that browser out; it does not
            // fail.
            jdbc.sql("update spring_session_attributes set attribute_bytes = ? where session_primary_id ="
                    + " (select primary_id from spring_session where session_id = ?)")
                .params("not a serialised object".getBytes(StandardCharsets.US_ASCII), sessionId(corrupted))
                .update();
            Answer unreadable = call(base, corrupted, "GET", "/api/v1/auth/session", null);
            assertThat(unreadable.status()).isEqualTo(200);
            assertThat(unreadable.json().path("signedIn").asBoolean()).isFalse();
            assertThat(call(base, corrupted, "GET", "/api/v1/auth/me", null).status()).isEqualTo(401);

            // A password change after the restart ends the sessions signed in before it.
            Answer changed = call(base, user, "POST", "/api/v1/auth/password",
                    Map.of("currentPassword", PASSWORD, "newPassword", "changed after the restart"));
            assertThat(changed.status()).as(changed.json().toString()).isEqualTo(200);
            assertThat(call(base, otherDevice, "GET", "/api/v1/auth/me", null).status()).isEqualTo(401);
            assertThat(rows(jdbc, otherDevice)).as("the ended session's row is deleted").isZero();
            Browser renewed = new Browser(sessionCookie(changed.cookies()), user.csrf());
            assertThat(renewed.cookie()).as("a new session id").isNotEqualTo(user.cookie());
            assertThat(call(base, user, "GET", "/api/v1/auth/me", null).status()).isEqualTo(401);
            assertThat(call(base, renewed, "GET", "/api/v1/auth/me", null).status()).isEqualTo(200);

            // Sign-out deletes the session.
            assertThat(rows(jdbc, renewed)).isOne();
            assertThat(call(base, renewed, "POST", "/api/v1/auth/logout", null).status()).isEqualTo(204);
            assertThat(rows(jdbc, renewed)).isZero();
            assertThat(call(base, renewed, "GET", "/api/v1/auth/me", null).status()).isEqualTo(401);
        }
    }

    private static Map<String, Object> project(String name) {
        return Map.of("name", name, "language", "python", "files",
                List.of(Map.of("path", "main.py", "content", "print(1)\n")));
    }

    private static long signUp(String base, String username) throws Exception {
        return ContextCalls
            .send(base, "POST", "/api/v1/auth/signup", null, Map.of("username", username, "password", PASSWORD))
            .path("id")
            .asLong();
    }

    private static Browser signIn(String base, String username) throws Exception {
        Answer login = call(base, null, "POST", "/api/v1/auth/login",
                Map.of("username", username, "password", PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        return new Browser(sessionCookie(login.cookies()), login.json().path("csrfToken").asString());
    }

    private static Browser joinAsGuest(String base, String token, String name) throws Exception {
        Answer page = call(base, null, "GET", "/api/v1/auth/csrf", null);
        Browser anonymous = new Browser(sessionCookie(page.cookies()), page.json().path("token").asString());
        Answer joined = call(base, anonymous, "POST", "/api/v1/pad-links/" + token + "/join",
                Map.of("guestName", name));
        assertThat(joined.status()).as(joined.json().toString()).isEqualTo(200);
        String cookie = sessionCookie(joined.cookies());
        Answer session = call(base, new Browser(cookie, null), "GET", "/api/v1/auth/session", null);
        return new Browser(cookie, session.json().path("csrfToken").asString());
    }

    private static String sessionCookie(List<String> setCookies) {
        return setCookies.stream()
            .filter(c -> c.startsWith("JSESSIONID=") && !c.startsWith("JSESSIONID=;"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session cookie in " + setCookies))
            .split(";")[0];
    }

    /** The session id the cookie names (Spring Session sends it Base64-encoded). */
    private static String sessionId(Browser browser) {
        String value = browser.cookie().substring("JSESSIONID=".length());
        return new String(Base64.getDecoder().decode(value), StandardCharsets.US_ASCII);
    }

    private static int rows(JdbcClient jdbc, Browser browser) {
        return jdbc.sql("select count(*) from spring_session where session_id = ?")
            .param(sessionId(browser))
            .query(Integer.class)
            .single();
    }

    private static Answer call(String base, Browser browser, String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (browser != null) {
            b.header("Cookie", browser.cookie());
            if (browser.csrf() != null)
                b.header("X-XSRF-TOKEN", browser.csrf());
        }
        b.method(method,
                body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .header("Content-Type", "application/json");
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        return new Answer(r.statusCode(), json, r.headers().allValues("Set-Cookie"));
    }

}
