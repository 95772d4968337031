package dev.sandlot.server.project;

import dev.sandlot.server.project.PackageInstall.InstalledPackage;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** How each project's last install step ended (table project_packages). */
@Repository
class PackageRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TypeReference<List<InstalledPackage>> INSTALLED = new TypeReference<>() {
    };

    /** One project's row. */
    record Row(String status, int generation, Integer exitCode, String message, List<InstalledPackage> installed,
            String log, OffsetDateTime updatedAt) {
    }

    private final JdbcClient jdbc;

    PackageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(long projectId) {
        return jdbc.sql("select * from project_packages where project_id = ?")
            .param(projectId)
            .query((rs, n) -> new Row(rs.getString("status"), rs.getInt("generation"),
                    (Integer) rs.getObject("exit_code"), rs.getString("message"),
                    JSON.readValue(rs.getString("installed"), INSTALLED), rs.getString("install_log"),
                    rs.getObject("updated_at", OffsetDateTime.class)))
            .optional();
    }

    void save(long projectId, Row row) {
        String installed = JSON.writeValueAsString(row.installed());
        String message = row.message() == null ? null
                : row.message().length() > 4000 ? row.message().substring(0, 4000) : row.message();
        int updated = jdbc.sql("""
                update project_packages set status = ?, generation = ?, exit_code = ?, message = ?, installed = ?,
                install_log = ?, updated_at = ? where project_id = ?""")
            .params(row.status(), row.generation(), row.exitCode(), message, installed, row.log(), row.updatedAt(),
                    projectId)
            .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into project_packages (project_id, status, generation, exit_code, message, installed,
                    install_log, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(projectId, row.status(), row.generation(), row.exitCode(), message, installed, row.log(),
                        row.updatedAt())
                .update();
        }
    }

    /**
     * Marks installs that were running when the server stopped as failed; their number.
     */
    int failInterrupted(String message, java.time.OffsetDateTime now) {
        return jdbc
            .sql("update project_packages set status = 'failed', exit_code = null, message = ?, updated_at = ? "
                    + "where status = 'installing'")
            .params(message, now)
            .update();
    }

}
