package dev.sandlot.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Sandlot: a self-hosted code playground and code-execution service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SandlotApplication {

    public static void main(String[] args) {
        SpringApplication.run(SandlotApplication.class, args);
    }
}
