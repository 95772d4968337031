package dev.sandlot.server.project;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Projects and their files. */
@Repository
class ProjectRepository {

    private static final RowMapper<Project> PROJECT = (rs, n) -> new Project(rs.getLong("id"), rs.getLong("owner_id"),
            rs.getString("name"), rs.getString("language"), rs.getString("entry"), rs.getBoolean("is_default"),
            rs.getLong("revision"), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("updated_at", OffsetDateTime.class));

    private static final RowMapper<ProjectFile> FILE = (rs, n) -> new ProjectFile(rs.getString("path"),
            rs.getString("content"), rs.getLong("revision"), rs.getInt("size_bytes"),
            rs.getObject("updated_at", OffsetDateTime.class));

    private static final RowMapper<ProjectFile> FILE_WITHOUT_CONTENT = (rs, n) -> new ProjectFile(rs.getString("path"),
            null, rs.getLong("revision"), rs.getInt("size_bytes"), rs.getObject("updated_at", OffsetDateTime.class));

    private final JdbcClient jdbc;

    ProjectRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    long create(long ownerId, String name, String language, String entry, boolean isDefault) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        OffsetDateTime now = now();
        jdbc.sql(
                "insert into projects (owner_id, name, language, entry, is_default, revision, created_at, updated_at) values (?, ?, ?, ?, ?, 0, ?, ?)")
            .params(ownerId, name, language, entry, isDefault, now, now)
            .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Project> find(long id) {
        return jdbc.sql("select * from projects where id = ?").param(id).query(PROJECT).optional();
    }

    /**
     * Locks the project row for the rest of the transaction: file changes of one project
     * are serialised.
     */
    Optional<Project> lock(long id) {
        return jdbc.sql("select * from projects where id = ? for update").param(id).query(PROJECT).optional();
    }

    List<Project> ownedBy(long ownerId) {
        return jdbc.sql("select * from projects where owner_id = ? order by updated_at desc, id desc")
            .param(ownerId)
            .query(PROJECT)
            .list();
    }

    List<Project> all() {
        return jdbc.sql("select * from projects order by updated_at desc, id desc").query(PROJECT).list();
    }

    long countOwnedBy(long ownerId) {
        return jdbc.sql("select count(*) from projects where owner_id = ?").param(ownerId).query(Long.class).single();
    }

    Optional<Project> defaultOf(long ownerId) {
        return jdbc.sql("select * from projects where owner_id = ? and is_default = true order by id")
            .param(ownerId)
            .query(PROJECT)
            .list()
            .stream()
            .findFirst();
    }

    void update(long id, String name, String language, String entry) {
        jdbc.sql("update projects set name = ?, language = ?, entry = ?, updated_at = ? where id = ?")
            .params(name, language, entry, now(), id)
            .update();
    }

    /** Moves the project to its next revision and returns it. */
    long bumpRevision(long id) {
        jdbc.sql("update projects set revision = revision + 1, updated_at = ? where id = ?").params(now(), id).update();
        return jdbc.sql("select revision from projects where id = ?").param(id).query(Long.class).single();
    }

    boolean delete(long id) {
        return jdbc.sql("delete from projects where id = ?").param(id).update() == 1;
    }

    List<ProjectFile> files(long projectId, boolean withContent) {
        return jdbc.sql("select * from project_files where project_id = ? order by path")
            .param(projectId)
            .query(withContent ? FILE : FILE_WITHOUT_CONTENT)
            .list();
    }

    Optional<ProjectFile> file(long projectId, String path) {
        return jdbc.sql("select * from project_files where project_id = ? and path = ?")
            .params(projectId, path)
            .query(FILE)
            .optional();
    }

    long totalBytes(long projectId) {
        return jdbc.sql("select coalesce(sum(size_bytes), 0) from project_files where project_id = ?")
            .param(projectId)
            .query(Long.class)
            .single();
    }

    long fileCount(long projectId) {
        return jdbc.sql("select count(*) from project_files where project_id = ?")
            .param(projectId)
            .query(Long.class)
            .single();
    }

    void insertFile(long projectId, String path, String content, int size, long revision) {
        jdbc.sql(
                "insert into project_files (project_id, path, content, size_bytes, revision, updated_at) values (?, ?, ?, ?, ?, ?)")
            .params(projectId, path, content, size, revision, now())
            .update();
    }

    void updateFile(long projectId, String path, String content, int size, long revision) {
        jdbc.sql(
                "update project_files set content = ?, size_bytes = ?, revision = ?, updated_at = ? where project_id = ? and path = ?")
            .params(content, size, revision, now(), projectId, path)
            .update();
    }

    void renameFile(long projectId, String from, String to, long revision) {
        jdbc.sql("update project_files set path = ?, revision = ?, updated_at = ? where project_id = ? and path = ?")
            .params(to, revision, now(), projectId, from)
            .update();
    }

    /**
     * The bytes the owner stores, with their usage row locked for the rest of the
     * transaction (created at 0 if new).
     */
    long lockUsage(long ownerId) {
        jdbc.sql("insert into project_usage (owner_id, stored_bytes) values (?, 0) on conflict do nothing")
            .param(ownerId)
            .update();
        return jdbc.sql("select stored_bytes from project_usage where owner_id = ? for update")
            .param(ownerId)
            .query(Long.class)
            .single();
    }

    long usage(long ownerId) {
        return jdbc.sql("select stored_bytes from project_usage where owner_id = ?")
            .param(ownerId)
            .query(Long.class)
            .optional()
            .orElse(0L);
    }

    void addUsage(long ownerId, long delta) {
        jdbc.sql("update project_usage set stored_bytes = stored_bytes + ? where owner_id = ?")
            .params(delta, ownerId)
            .update();
    }

    boolean deleteFile(long projectId, String path) {
        return jdbc.sql("delete from project_files where project_id = ? and path = ?")
            .params(projectId, path)
            .update() == 1;
    }

}
