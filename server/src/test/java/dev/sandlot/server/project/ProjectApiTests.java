package dev.sandlot.server.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ApiClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Projects and files through the API; run on H2 and on PostgreSQL. */
abstract class ProjectApiTests extends ApiClient {

    private long createTwoFileProject(User user) {
        Response created = as(user, "POST", "/api/v1/projects", Map
            .of("name", "Greeter", "language", "python", "files", List.of(
                    Map.of("path", "main.py", "content", "from util import greet\nprint(greet(input()))\n"),
                    Map.of("path", "util.py", "content", "def greet(name):\n    return 'Hello, ' + name + '!'\n"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location"))
            .hasValueSatisfying(l -> assertThat(l).startsWith("/api/v1/projects/"));
        return created.json().path("id").asLong();
    }

    @Test
    void aTwoFileProjectRunsFromItsEntryPointAndIsRecorded() {
        User user = newUser();
        long id = createTwoFileProject(user);

        Response run = as(user, "POST", "/api/v1/projects/" + id + "/run", Map.of("stdin", "Ada"));

        assertThat(run.json().path("status").asString()).isEqualTo("ok");
        assertThat(run.json().path("stdout").asString()).isEqualTo("Hello, Ada!\n");
        JsonNode history = as(user, "GET", "/api/v1/executions?projectId=" + id, null).json().path("items");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("id").asString()).isEqualTo(run.json().path("id").asString());
        assertThat(history.get(0).path("projectRevision").asLong()).isEqualTo(1);
        assertThat(history.get(0).path("filesJson").asString()).contains("util.py");
    }

    @Test
    void projectsCanBeListedRenamedAndDeleted() {
        User user = newUser();
        long id = createTwoFileProject(user);

        assertThat(as(user, "GET", "/api/v1/projects", null).json().findValuesAsString("name")).contains("Greeter");
        JsonNode renamed = as(user, "PATCH", "/api/v1/projects/" + id, Map.of("name", "Renamed", "entry", "util.py"))
            .json();
        assertThat(renamed.path("name").asString()).isEqualTo("Renamed");
        assertThat(renamed.path("entry").asString()).isEqualTo("util.py");
        assertThat(renamed.path("language").asString()).isEqualTo("python");
        assertThat(as(user, "DELETE", "/api/v1/projects/" + id, null).status()).isEqualTo(204);
        assertThat(as(user, "GET", "/api/v1/projects/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void everyFileChangeBumpsTheRevisionAndIfMatchDetectsConflicts() {
        User user = newUser();
        long id = createTwoFileProject(user);
        Response file = as(user, "GET", "/api/v1/projects/" + id + "/files/util.py", null);
        String etag = file.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"1\"");

        Response saved = send(HttpRequest.newBuilder(uri("/api/v1/projects/" + id + "/files/util.py"))
            .header("Authorization", user.authorization())
            .header("Content-Type", "application/json")
            .header("If-Match", etag)
            .PUT(HttpRequest.BodyPublishers.ofString("{\"content\":\"def greet(n):\\n    return 'Hi ' + n\\n\"}")));
        Response stale = send(HttpRequest.newBuilder(uri("/api/v1/projects/" + id + "/files/util.py"))
            .header("Authorization", user.authorization())
            .header("Content-Type", "application/json")
            .header("If-Match", etag)
            .PUT(HttpRequest.BodyPublishers.ofString("{\"content\":\"lost update\"}")));

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().path("revision").asLong()).isEqualTo(2);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().path("currentRevision").asLong()).isEqualTo(2);
        assertThat(as(user, "GET", "/api/v1/projects/" + id + "/files/util.py", null).json().path("content").asString())
            .contains("Hi ");
        assertThat(as(user, "GET", "/api/v1/projects/" + id, null).json().path("revision").asLong()).isEqualTo(2);
    }

    @Test
    void twoConcurrentSavesOfTheSameRevisionCannotBothWin() throws Exception {
        User user = newUser();
        long id = createTwoFileProject(user);
        List<CompletableFuture<Response>> saves = List.of(1, 2, 3, 4)
            .stream()
            .map(n -> CompletableFuture
                .supplyAsync(() -> send(HttpRequest.newBuilder(uri("/api/v1/projects/" + id + "/files/main.py"))
                    .header("Authorization", user.authorization())
                    .header("Content-Type", "application/json")
                    .header("If-Match", "\"1\"")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"content\":\"print(" + n + ")\"}")))))
            .toList();

        long won = saves.stream().map(CompletableFuture::join).filter(r -> r.status() == 200).count();
        long refused = saves.stream().map(CompletableFuture::join).filter(r -> r.status() == 412).count();
        assertThat(won).isEqualTo(1);
        assertThat(refused).isEqualTo(3);
    }

    @Test
    void filesAreCreatedInFoldersRenamedAndDeleted() {
        User user = newUser();
        long id = createTwoFileProject(user);

        Response created = as(user, "PUT", "/api/v1/projects/" + id + "/files/lib/deep/data.txt",
                Map.of("content", "x"));
        assertThat(created.status()).isEqualTo(201);
        Response moved = as(user, "PATCH", "/api/v1/projects/" + id + "/files/lib/deep/data.txt",
                Map.of("path", "data/moved.txt"));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(as(user, "PATCH", "/api/v1/projects/" + id + "/files/data/moved.txt", Map.of("path", "main.py"))
            .status()).isEqualTo(409);
        assertThat(as(user, "GET", "/api/v1/projects/" + id + "/files", null).json().findValuesAsString("path"))
            .containsExactly("data/moved.txt", "main.py", "util.py");
        assertThat(as(user, "DELETE", "/api/v1/projects/" + id + "/files/data/moved.txt", null).status())
            .isEqualTo(204);
        assertThat(as(user, "GET", "/api/v1/projects/" + id + "/files/data/moved.txt", null).status()).isEqualTo(404);
    }

    @Test
    void badPathsAndOversizedFilesAreRefusedNamingTheField() {
        User user = newUser();
        long id = createTwoFileProject(user);

        Response tooBig = as(user, "PUT", "/api/v1/projects/" + id + "/files/big.txt",
                Map.of("content", "x".repeat(1024 * 1024 + 1)));
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().path("field").asString()).isEqualTo("content");
        Response traversal = as(user, "POST", "/api/v1/projects", Map.of("name", "x", "language", "python", "files",
                List.of(Map.of("path", "../../etc/passwd", "content", "x"))));
        assertThat(traversal.status()).isEqualTo(400);
        assertThat(traversal.json().path("field").asString()).isEqualTo("files[0].path");
        assertThat(as(user, "POST", "/api/v1/projects", Map.of("name", "x", "language", "cobol")).json()
            .path("field")
            .asString()).isEqualTo("language");
    }

    @Test
    void exportAndImportRoundTrip() throws Exception {
        User user = newUser();
        long id = createTwoFileProject(user);
        HttpRequest.Builder export = HttpRequest.newBuilder(uri("/api/v1/projects/" + id + "/export"))
            .header("Authorization", user.authorization());
        byte[] zip = HttpClient.newHttpClient().send(export.build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            assertThat(in.getNextEntry().getName()).isEqualTo("main.py");
        }

        Response imported = send(HttpRequest.newBuilder(uri("/api/v1/projects/import?name=Copy&language=python"))
            .header("Authorization", user.authorization())
            .header("Content-Type", "application/zip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(zip)));
        assertThat(imported.status()).isEqualTo(201);
        long copy = imported.json().path("id").asLong();
        assertThat(as(user, "POST", "/api/v1/projects/" + copy + "/run", Map.of("stdin", "Zip")).json()
            .path("stdout")
            .asString()).isEqualTo("Hello, Zip!\n");
    }

    @Test
    void importRefusesTraversalBombsAndBinaries() throws Exception {
        User user = newUser();
        assertThat(importZip(user, zip("../../etc/cron.d/evil", "x".getBytes(StandardCharsets.UTF_8))).json()
            .path("field")
            .asString()).startsWith("archive entry");
        assertThat(importZip(user, zip("/abs.py", "x".getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(400);
        Response bomb = importZip(user, zip("bomb.txt", new byte[64 * 1024 * 1024]));
        assertThat(bomb.status()).isEqualTo(400);
        assertThat(bomb.json().path("detail").asString()).contains("size caps");
        assertThat(importZip(user, zip("image.png", new byte[] { (byte) 0x89, 'P', 'N', 'G', (byte) 0xff })).json()
            .path("detail")
            .asString()).contains("not UTF-8");
    }

    private Response importZip(User user, byte[] zip) {
        return send(HttpRequest.newBuilder(uri("/api/v1/projects/import?name=Imported&language=python"))
            .header("Authorization", user.authorization())
            .header("Content-Type", "application/zip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(zip)));
    }

    private static byte[] zip(String name, byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

}
