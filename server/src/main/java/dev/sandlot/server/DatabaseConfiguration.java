package dev.sandlot.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database: PostgreSQL (or any JDBC URL) from {@code SANDLOT_DB_URL}, else an H2 file
 * in the data directory, so that {@code ./sandlot start} needs nothing else. Flyway
 * creates and migrates the schema on both.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseProperties db, DataDirectoryProperties data) {
        HikariConfig config = new HikariConfig();
        if (db.url() == null || db.url().isBlank()) {
            Path file = DataDirectory.secure(data.dataDir()).resolve("db/sandlot");
            // WRITE_DELAY=0: a commit reaches the file before the request that made it is
            // answered.
            config.setJdbcUrl("jdbc:h2:file:" + file
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
            config.setUsername("sa");
            config.setPassword("");
        }
        else {
            config.setJdbcUrl(db.url());
            config.setUsername(db.user());
            config.setPassword(db.password());
        }
        config.setPoolName("sandlot-db");
        config.setMaximumPoolSize(10);
        return new HikariDataSource(config);
    }

}
