package dev.sandlot.server.history;

import dev.sandlot.engine.OutputFile;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Recorded runs, newest first, paged by (created_at, id) so pages never skip or repeat.
 */
@Repository
class ExecutionRepository {

    private static final RowMapper<Execution> ROW = (rs, n) -> new Execution(rs.getString("id"), rs.getLong("user_id"),
            rs.getObject("project_id", Long.class), rs.getString("project_name"),
            rs.getObject("project_revision", Long.class), rs.getString("language"), rs.getString("version"),
            rs.getString("entry"), rs.getString("code"), rs.getString("files_json"), rs.getString("stdin"),
            rs.getString("args_json"), rs.getString("stdout"), rs.getString("stderr"), rs.getString("status"),
            rs.getObject("exit_code", Integer.class), rs.getString("signal"), rs.getLong("wall_time_ms"),
            rs.getLong("cpu_time_ms"), rs.getLong("memory_kb"), rs.getString("source"),
            rs.getObject("created_at", OffsetDateTime.class), rs.getString("limits_json"), rs.getString("input_json"),
            rs.getBoolean("input_truncated"), rs.getBoolean("files_truncated"));

    private final JdbcClient jdbc;

    ExecutionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Execution e) {
        jdbc.sql(
                """
                        insert into executions (id, user_id, project_id, project_name, project_revision, language, version, entry,
                            code, files_json, stdin, args_json, stdout, stderr, status, exit_code, signal, wall_time_ms, cpu_time_ms,
                            memory_kb, source, created_at, limits_json, input_json, input_truncated, files_truncated)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(e.id(), e.userId(), e.projectId(), e.projectName(), e.projectRevision(), e.language(), e.version(),
                    e.entry(), e.code(), e.filesJson(), e.stdin(), e.argsJson(), e.stdout(), e.stderr(), e.status(),
                    e.exitCode(), e.signal(), e.wallTimeMs(), e.cpuTimeMs(), e.memoryKb(), e.source(), e.createdAt(),
                    e.limitsJson(), e.inputJson(), e.inputTruncated(), e.filesTruncated())
            .update();
    }

    /** Keeps the files a run returned, in their order, with the run. */
    void insertFiles(String executionId, List<OutputFile> files) {
        for (int i = 0; i < files.size(); i++) {
            OutputFile f = files.get(i);
            jdbc.sql("insert into execution_files (execution_id, seq, name, mime_type, content) values (?, ?, ?, ?, ?)")
                .params(executionId, i, f.name(), f.mimeType(), f.content())
                .update();
        }
    }

    /** The files kept of a run, in their order. */
    List<OutputFile> files(String executionId) {
        return jdbc.sql("select name, mime_type, content from execution_files where execution_id = ? order by seq")
            .param(executionId)
            .query((rs, n) -> new OutputFile(rs.getString("name"), rs.getString("mime_type"), rs.getBytes("content")))
            .list();
    }

    Optional<Execution> find(String id) {
        return jdbc.sql("select * from executions where id = ?").param(id).query(ROW).optional();
    }

    boolean delete(String id) {
        return jdbc.sql("delete from executions where id = ?").param(id).update() == 1;
    }

    /** A filter on a user's history; null fields do not filter. */
    record Query(Long userId, Long projectId, String language, String status, OffsetDateTime beforeTime,
            String beforeId, int limit) {
    }

    List<Execution> list(Query q) {
        StringBuilder sql = new StringBuilder("select * from executions where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.userId() != null) {
            sql.append(" and user_id = ?");
            params.add(q.userId());
        }
        if (q.projectId() != null) {
            sql.append(" and project_id = ?");
            params.add(q.projectId());
        }
        if (q.language() != null) {
            sql.append(" and language = ?");
            params.add(q.language());
        }
        if (q.status() != null) {
            sql.append(" and status = ?");
            params.add(q.status());
        }
        if (q.beforeTime() != null) {
            sql.append(" and (created_at < ? or (created_at = ? and id < ?))");
            params.add(q.beforeTime());
            params.add(q.beforeTime());
            params.add(q.beforeId());
        }
        sql.append(" order by created_at desc, id desc limit ?");
        params.add(q.limit());
        return jdbc.sql(sql.toString()).params(params).query(ROW).list();
    }

    List<HistoryService.ProjectRun> ofProject(long projectId) {
        return jdbc
            .sql("""
                    select id, status, source, project_revision, wall_time_ms, created_at from executions where project_id = ?
                    order by created_at desc, id desc""")
            .param(projectId)
            .query((rs, n) -> new HistoryService.ProjectRun(rs.getString("id"), rs.getString("status"),
                    rs.getString("source"), rs.getObject("project_revision", Long.class), rs.getLong("wall_time_ms"),
                    rs.getObject("created_at", OffsetDateTime.class)))
            .list();
    }

    record Stat(String language, String status, long count, double averageWallTimeMs) {
    }

    List<Stat> stats(Long userId) {
        String where = userId == null ? "" : " where user_id = ?";
        var spec = jdbc.sql("select language, status, count(*) as n, avg(wall_time_ms) as avg_ms from executions"
                + where + " group by language, status order by language, status");
        if (userId != null)
            spec = spec.param(userId);
        return spec
            .query((rs, n) -> new Stat(rs.getString("language"), rs.getString("status"), rs.getLong("n"),
                    Math.round(rs.getDouble("avg_ms") * 10) / 10.0))
            .list();
    }

    /**
     * Deletes runs older than {@code cutoff} and, per user, all but the newest
     * {@code keep}.
     */
    int prune(OffsetDateTime cutoff, int keep) {
        int removed = jdbc.sql("delete from executions where created_at < ?").param(cutoff).update();
        List<Long> users = jdbc.sql("select user_id from executions group by user_id having count(*) > ?")
            .param(keep)
            .query(Long.class)
            .list();
        for (long user : users) {
            List<String> stale = jdbc
                .sql("select id from executions where user_id = ? order by created_at desc, id desc offset ?")
                .params(user, keep)
                .query(String.class)
                .list();
            for (String id : stale)
                removed += jdbc.sql("delete from executions where id = ?").param(id).update();
        }
        return removed;
    }

}
