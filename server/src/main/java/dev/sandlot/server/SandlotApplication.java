package dev.sandlot.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * Sandlot: a self-hosted code playground and code-execution service. Accounts are
 * Sandlot's own (see {@code account}), so Spring Boot's default in-memory user, whose
 * generated password it would print, is left out.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class SandlotApplication {

    public static void main(String[] args) {
        SpringApplication.run(SandlotApplication.class, args);
    }

}
