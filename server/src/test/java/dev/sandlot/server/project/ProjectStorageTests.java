package dev.sandlot.server.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ApiClient;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 12, item 14, attacked: zips that unpack to about a thousand times their size,
 * imported again and again, against a per-account cap on stored bytes (4 MiB here). Run
 * on H2 and on PostgreSQL.
 */
@TestPropertySource(properties = "sandlot.storage.max-bytes-per-account=" + ProjectStorageTests.CAP)
abstract class ProjectStorageTests extends ApiClient {

    static final long CAP = 4L * 1024 * 1024;
    static final int MB = 1_000_000;

    @Autowired
    JdbcClient jdbc;

    /** Four files of a million 'a's: about 4 KB zipped, 4 MB unpacked. */
    static byte[] bomb() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < 4; i++) {
                zip.putNextEntry(new ZipEntry("f" + i + ".txt"));
                zip.write("a".repeat(MB).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    Response importZip(User user, byte[] zip) {
        return send(HttpRequest.newBuilder(uri("/api/v1/projects/import?name=Imported&language=python"))
            .header("Authorization", user.authorization())
            .header("Content-Type", "application/zip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(zip)));
    }

    long projects(User user) {
        return jdbc.sql("select count(*) from projects where owner_id = ?").param(user.id()).query(Long.class).single();
    }

    @Test
    void anAccountCannotStoreMoreThanItsCapHoweverItWrites() throws Exception {
        byte[] zip = bomb();
        assertThat(zip.length).isLessThan(64 * 1024);
        User attacker = newUser();
        Response first = importZip(attacker, zip);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        long kept = first.json().path("id").asLong();

        // The second import is refused while unpacking, before anything is written.
        Response second = importZip(attacker, zip);
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.json().path("field").asString()).isEqualTo("archive");
        assertThat(second.json().path("detail").asString()).contains("may still store");
        assertThat(projects(attacker)).isEqualTo(1);
        // Nor by other ways in: a file too many, a new project with files, a file grown
        // in place.
        Response put = as(attacker, "PUT", "/api/v1/projects/" + kept + "/files/more.txt",
                Map.of("content", "b".repeat(MB / 2)));
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.json().path("field").asString()).isEqualTo("content");
        Response created = as(attacker, "POST", "/api/v1/projects", Map.of("name", "p", "language", "python", "files",
                List.of(Map.of("path", "x.txt", "content", "c".repeat(MB / 2)))));
        assertThat(created.status()).isEqualTo(400);
        assertThat(created.json().path("field").asString()).isEqualTo("files");
        assertThat(projects(attacker)).isEqualTo(1);
        Response grown = as(attacker, "PUT", "/api/v1/projects/" + kept + "/files/f0.txt",
                Map.of("content", "d".repeat(MB + MB / 2)));
        assertThat(grown.status()).isEqualTo(400);
        // Smaller writes within the cap still work, and shrinking a file gives its bytes
        // back.
        assertThat(
                as(attacker, "PUT", "/api/v1/projects/" + kept + "/files/f0.txt", Map.of("content", "small")).status())
            .isEqualTo(200);
        assertThat(as(attacker, "PUT", "/api/v1/projects/" + kept + "/files/more.txt",
                Map.of("content", "b".repeat(MB / 2)))
            .status()).isEqualTo(201);
        // Another account is not affected.
        assertThat(importZip(newUser(), zip).status()).isEqualTo(201);

        // Deleting gives the space back to the account: the same import fits again.
        assertThat(as(attacker, "DELETE", "/api/v1/projects/" + kept, null).status()).isEqualTo(204);
        assertThat(jdbc.sql("select stored_bytes from project_usage where owner_id = ?")
            .param(attacker.id())
            .query(Long.class)
            .single()).isZero();
        assertThat(importZip(attacker, zip).status()).isEqualTo(201);
    }

}
