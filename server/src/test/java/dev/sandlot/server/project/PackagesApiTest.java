package dev.sandlot.server.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.engine.packages.Ecosystem;
import dev.sandlot.server.H2Server;
import dev.sandlot.server.PackageIndexTests;
import dev.sandlot.server.ServerTest;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.account.Role;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * POST and GET /api/v1/projects/{id}/packages end to end: real pip through the proxy from
 * a loopback index, then project runs that import the package; the log as JSON and as
 * Server-Sent Events; refused fields named; other users' projects hidden.
 */
@H2Server
class PackagesApiTest extends ServerTest implements PackageIndexTests {

    static {
        INDEX.addWheel("sl-base", "2.0", Map.of("sl_base.py", "BASE = 41\n"), List.of());
        INDEX.addWheel("sl-plot", "1.0", Map.of("sl_plot/__init__.py", "from sl_base import BASE\nVALUE = BASE + 1\n"),
                List.of("sl-base>=2"));
    }

    @Autowired
    private ProjectPackages packages;

    private static final String MAIN = """
            import socket, sl_plot
            print(sl_plot.VALUE)
            try:
                socket.create_connection(('127.0.0.1', INDEX_PORT), timeout=2)
                print('network')
            except OSError:
                print('no network')
            """;

    @Test
    void anInstallEditsTheManifestAndTheProjectsRunsImportThePackageButHaveNoNetwork() {
        User user = newUser();
        long id = project(user, MAIN.replace("INDEX_PORT", Integer.toString(INDEX.port())));

        Response installed = as(user, "POST", "/api/v1/projects/" + id + "/packages",
                Map.of("ecosystem", "python", "add", List.of("sl-plot==1.0")));

        assertThat(installed.status()).as(installed.body()).isEqualTo(200);
        JsonNode body = installed.json();
        assertThat(body.path("status").asString()).as(body.toString()).isEqualTo("installed");
        assertThat(body.path("log").asString()).contains("Successfully installed");
        assertThat(names(body.path("installed"))).containsExactly("python sl-base 2.0", "python sl-plot 1.0");
        assertThat(as(user, "GET", "/api/v1/projects/" + id + "/files/requirements.txt", null).json()
            .path("content")
            .asString()).isEqualTo("sl-plot==1.0\n");
        JsonNode status = as(user, "GET", "/api/v1/projects/" + id + "/packages", null).json();
        assertThat(status.path("status").asString()).isEqualTo("installed");
        assertThat(status.path("generation").asInt()).isEqualTo(1);

        Response run = as(user, "POST", "/api/v1/projects/" + id + "/run", Map.of());
        assertThat(run.json().path("stdout").asString()).as(run.body()).isEqualTo("42\nno network\n");

        // An unknown package: pip's own words, and the environment stays as it was.
        Response unknown = as(user, "POST", "/api/v1/projects/" + id + "/packages",
                Map.of("ecosystem", "python", "add", List.of("sl-nonexistent")));
        assertThat(unknown.json().path("status").asString()).isEqualTo("failed");
        assertThat(unknown.json().path("message").asString())
            .contains("No matching distribution found for sl-nonexistent");
        assertThat(as(user, "GET", "/api/v1/projects/" + id + "/packages", null).json().path("generation").asInt())
            .isEqualTo(1);
        assertThat(as(user, "POST", "/api/v1/projects/" + id + "/run", Map.of()).json().path("stdout").asString())
            .isEqualTo("42\nno network\n");

        // Another user's project is not found, whatever they ask.
        User other = newUser();
        assertThat(as(other, "GET", "/api/v1/projects/" + id + "/packages", null).status()).isEqualTo(404);
        assertThat(as(other, "POST", "/api/v1/projects/" + id + "/packages",
                Map.of("ecosystem", "python", "add", List.of("sl-base")))
            .status()).isEqualTo(404);
    }

    @Test
    void aBuiltInLibraryIsAlreadySatisfiedAndListedWithItsVersion() {
        User user = newUser();
        long id = project(user, "import numpy\nprint(numpy.__version__)\n");

        Response installed = as(user, "POST", "/api/v1/projects/" + id + "/packages",
                Map.of("ecosystem", "python", "add", List.of("numpy")));

        JsonNode body = installed.json();
        assertThat(body.path("status").asString()).as(body.toString()).isEqualTo("installed");
        assertThat(body.path("log").asString()).contains("Requirement already satisfied: numpy");
        String version = as(user, "POST", "/api/v1/projects/" + id + "/run", Map.of()).json()
            .path("stdout")
            .asString()
            .strip();
        assertThat(names(body.path("installed"))).containsExactly("python numpy " + version);
    }

    @Test
    void theLogStreamsAsServerSentEventsEndingWithTheResult() {
        User user = newUser();
        long id = project(user, "import sl_base\nprint(sl_base.BASE)\n");

        Response streamed = send(HttpRequest.newBuilder(uri("/api/v1/projects/" + id + "/packages"))
            .header("Authorization", user.authorization())
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString("{\"ecosystem\":\"python\",\"add\":[\"sl-base\"]}")));

        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.contentType()).startsWith("text/event-stream");
        assertThat(streamed.body()).contains("event:log").contains("Successfully installed sl-base-2.0");
        String result = streamed.body().substring(streamed.body().lastIndexOf("event:result"));
        assertThat(result).contains("\"status\":\"installed\"");
        assertThat(as(user, "POST", "/api/v1/projects/" + id + "/run", Map.of()).json().path("stdout").asString())
            .isEqualTo("41\n");

        // Refusals come before the stream starts, as problems.
        Response hidden = send(HttpRequest.newBuilder(uri("/api/v1/projects/" + id + "/packages"))
            .header("Authorization", newUser().authorization())
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString("{\"ecosystem\":\"python\",\"add\":[\"sl-base\"]}")));
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body()).contains("urn:sandlot:problem:project-not-found");
    }

    @Test
    void everySpecifierIsCheckedAndARefusalNamesItsField() {
        User user = newUser();
        long id = project(user, "print(1)\n");
        String path = "/api/v1/projects/" + id + "/packages";

        assertRefused(user, path, Map.of("ecosystem", "python", "add", List.of("--index-url=http://evil/")), "add[0]");
        assertRefused(user, path, Map.of("ecosystem", "python", "add", List.of("numpy", "git+https://evil/x")),
                "add[1]");
        assertRefused(user, path, Map.of("ecosystem", "python", "add", List.of("x @ https://evil/x.whl")), "add[0]");
        assertRefused(user, path, Map.of("ecosystem", "python", "add", List.of("../../etc")), "add[0]");
        assertRefused(user, path, Map.of("ecosystem", "python", "add", List.of("x; os_name=='posix'")), "add[0]");
        assertRefused(user, path, Map.of("ecosystem", "node", "add", List.of("lodash@file:../x")), "add[0]");
        assertRefused(user, path, Map.of("ecosystem", "node", "add", List.of("x@git+ssh://evil")), "add[0]");
        assertRefused(user, path, Map.of("ecosystem", "python", "remove", List.of("numpy>=1")), "remove[0]");
        assertRefused(user, path, Map.of("ecosystem", "ruby", "add", List.of("rails")), "ecosystem");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++)
            many.add("p" + i);
        assertRefused(user, path, Map.of("ecosystem", "python", "add", many), "add");
        assertRefused(user, path, Map.of("ecosystem", "python"), "add");

        // A manifest is checked line by line too: options in it are refused, not passed
        // on.
        as(user, "PUT", "/api/v1/projects/" + id + "/files/requirements.txt",
                Map.of("content", "sl-base\n--extra-index-url http://evil/\n"));
        assertRefused(user, path, Map.of("ecosystem", "python", "fromManifest", true), "requirements.txt line 2");
        assertThat(as(user, "GET", path, null).json().path("status").asString()).isEqualTo("none");
    }

    @Test
    void oneInstallPerProjectRunsAtATime() {
        User user = newUser();
        long id = project(user, "print(1)\n");
        Caller caller = new Caller(user.id(), user.username(), Role.LEARNER, "127.0.0.1");
        ProjectPackages.Prepared first = packages.prepare(caller, id,
                new PackageChange(Ecosystem.PYTHON, List.of("sl-base"), List.of(), false));

        Response second = as(user, "POST", "/api/v1/projects/" + id + "/packages",
                Map.of("ecosystem", "python", "add", List.of("sl-base")));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("type").asString()).isEqualTo("urn:sandlot:problem:install-in-progress");
        assertThat(as(user, "GET", "/api/v1/projects/" + id + "/packages", null).json().path("status").asString())
            .isEqualTo("installing");

        assertThat(first.run(line -> {
        }).status()).isEqualTo("installed");
        Response after = as(user, "POST", "/api/v1/projects/" + id + "/packages",
                Map.of("ecosystem", "python", "remove", List.of("sl-base")));
        assertThat(after.json().path("status").asString()).as(after.body()).isEqualTo("installed");
        assertThat(after.json().path("installed").isEmpty()).isTrue();
        assertThat(as(user, "GET", "/api/v1/projects/" + id + "/packages", null).json().path("generation").asInt())
            .isEqualTo(2);
    }

    @Test
    void anInstallTheServerStoppedDuringIsReportedAsFailedAfterTheRestart() {
        User user = newUser();
        long id = project(user, "print(1)\n");
        Caller caller = new Caller(user.id(), user.username(), Role.LEARNER, "127.0.0.1");
        ProjectPackages.Prepared interrupted = packages.prepare(caller, id,
                new PackageChange(Ecosystem.PYTHON, List.of("sl-base"), List.of(), false));

        // What the next start does, with this install's row still saying "installing".
        packages.recoverInterruptedInstalls();

        JsonNode status = as(user, "GET", "/api/v1/projects/" + id + "/packages", null).json();
        assertThat(status.path("status").asString()).isEqualTo("failed");
        assertThat(status.path("message").asString()).contains("The server stopped during this install");
        assertThat(interrupted.run(line -> {
        }).status()).isEqualTo("installed");
    }

    private void assertRefused(User user, String path, Map<String, ?> body, String field) {
        Response refused = as(user, "POST", path, body);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("field").asString()).isEqualTo(field);
    }

    private long project(User user, String main) {
        return as(user, "POST", "/api/v1/projects",
                Map.of("name", "p", "language", "python", "files", List.of(Map.of("path", "main.py", "content", main))))
            .json()
            .path("id")
            .asLong();
    }

    private static List<String> names(JsonNode installed) {
        List<String> out = new ArrayList<>();
        installed.forEach(p -> out.add(
                p.path("ecosystem").asString() + " " + p.path("name").asString() + " " + p.path("version").asString()));
        return out;
    }

}
