package dev.sandlot.server;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The database ({@code sandlot.db.*}), read by {@link DatabaseConfiguration}: an H2 file
 * in the data directory unless a URL is given (PostgreSQL in production).
 *
 * @param url JDBC URL, e.g. jdbc:postgresql://db:5432/sandlot; empty means an H2 file in
 * the data directory's db folder
 * @param user the database user (with a url)
 * @param password the database user's password (with a url)
 */
@ConfigurationProperties("sandlot.db")
public record DatabaseProperties(@DefaultValue("") String url, @DefaultValue("") String user,
        @DefaultValue("") String password) {
}
