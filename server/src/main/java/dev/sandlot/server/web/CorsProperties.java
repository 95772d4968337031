package dev.sandlot.server.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-origin access to the API and the WebSockets ({@code sandlot.cors.*}).
 *
 * @param allowedOrigins origins allowed to call the API and to open WebSockets
 * (comma-separated in an environment variable); empty means same-origin only
 */
@ConfigurationProperties("sandlot.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {

    public CorsProperties {
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}
