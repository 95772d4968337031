package dev.sandlot.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The real server like {@link ServerTest}, but on a real PostgreSQL server (PostgreSQL 14
 * binaries from Maven, started once per test JVM), with a fresh database per application
 * context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "sandlot.data-dir=${java.io.tmpdir}/sandlot-server-test-${random.uuid}",
                "sandlot.rate-limit.enabled=false" })
@ContextConfiguration(initializers = PostgresServer.Database.class)
@Tag("sandbox")
public @interface PostgresServer {

    /** Points the context at a new database on the shared PostgreSQL server. */
    class Database implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        private static EmbeddedPostgres server;

        static synchronized EmbeddedPostgres server() {
            if (server == null) {
                try {
                    server = EmbeddedPostgres.builder().start();
                }
                catch (IOException e) {
                    throw new UncheckedIOException("cannot start the test PostgreSQL server", e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    }
                    catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
            }
            return server;
        }

        /** A new, empty database; returns its JDBC URL. */
        public static String newDatabase() {
            String name = "sandlot_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = server().getPostgresDatabase().getConnection()) {
                c.createStatement().execute("create database " + name);
            }
            catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + name, e);
            }
            return server().getJdbcUrl("postgres", name);
        }

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues
                .of("sandlot.db.url=" + newDatabase(), "sandlot.db.user=postgres", "sandlot.db.password=postgres")
                .applyTo(context.getEnvironment());
        }

    }

}
