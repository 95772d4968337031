package dev.sandlot.server.interview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ApiClient;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Pads, their links and joining them, for the pad tests. */
abstract class PadTestSupport extends ApiClient {

    @Autowired
    AccountService accounts;

    /** Someone sending requests: a bearer-token user, a browser session, or anonymous. */
    interface Client {

        Response send(String method, String path, Object body);

    }

    Client bearer(User user) {
        return (method, path, body) -> as(user, method, path, body);
    }

    Client anonymous() {
        return (method, path, body) -> as(null, method, path, body);
    }

    /** A browser: its session cookie and the CSRF token bound to that session. */
    record Browser(String cookie, String csrf) {
    }

    Client browser(Browser b) {
        return (method, path, body) -> browse(b, method, path, body);
    }

    Response browse(Browser b, String method, String path, Object body) {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri(path))
            .header("Cookie", b.cookie())
            .header("X-XSRF-TOKEN", b.csrf());
        if (body == null)
            return send(r.method(method, HttpRequest.BodyPublishers.noBody()));
        return send(r.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /**
     * A browser that has not signed in, with the session and CSRF token its page gets.
     */
    Browser anonymousBrowser() {
        Response csrf = get("/api/v1/auth/csrf");
        return new Browser(sessionCookie(csrf), csrf.json().path("token").asString());
    }

    static String sessionCookie(Response r) {
        return r.headers()
            .allValues("Set-Cookie")
            .stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session cookie in " + r.headers()))
            .split(";")[0];
    }

    /** The browser's CSRF token now (after sign-in it is a new one). */
    String csrfOf(String cookie) {
        Response session = send(HttpRequest.newBuilder(uri("/api/v1/auth/session")).header("Cookie", cookie).GET());
        return session.json().path("csrfToken").asString();
    }

    /**
     * Joins as a guest from a new browser; returns the browser, signed in to the guest's
     * account.
     */
    Browser joinAsGuest(String token, String name) {
        Browser before = anonymousBrowser();
        Response joined = browse(before, "POST", "/api/v1/pad-links/" + token + "/join", Map.of("guestName", name));
        assertThat(joined.status()).as(joined.body()).isEqualTo(200);
        String cookie = sessionCookie(joined);
        return new Browser(cookie, csrfOf(cookie));
    }

    User reviewer() {
        User u = newUser();
        accounts.setRole(u.id(), Role.REVIEWER);
        return u;
    }

    User admin() {
        User u = newUser();
        accounts.setRole(u.id(), Role.ADMIN);
        return u;
    }

    /** A new pad of {@code owner}'s: blank Python unless {@code body} says otherwise. */
    JsonNode newPad(User owner, Map<String, ?> body) {
        Response created = as(owner, "POST", "/api/v1/pads", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    JsonNode newPad(User owner) {
        return newPad(owner, Map.of("title", "Interview", "language", "python"));
    }

    static String token(JsonNode pad, String role) {
        return pad.path("links").path(role).path("token").asString();
    }

    JsonNode join(User user, String token) {
        Response joined = as(user, "POST", "/api/v1/pad-links/" + token + "/join", null);
        assertThat(joined.status()).as(joined.body()).isEqualTo(200);
        return joined.json();
    }

    static void assertProblem(Response r, int status, String kind) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("type").asString()).as(r.body()).isEqualTo("urn:sandlot:problem:" + kind);
    }

    static List<String> names(JsonNode array, String field) {
        return array.findValuesAsString(field);
    }

}
