package dev.sandlot.server.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * TCP connections to the embedded server, under {@code sandlot.connections}
 * (the server-wide cap is Spring Boot's {@code server.tomcat.max-connections}).
 *
 * @param maxPerAddress    open connections per client address (as TCP sees it); past it a new
 *                         connection gets a 429 problem and is closed. 0 means the default, 256
 * @param headerTimeout    a request's line and headers must be complete this long after its first
 *                         byte (and a new connection must send them this long after it opened),
 *                         however slowly bytes keep arriving; else the connection is closed
 * @param exemptAddresses  addresses without the per-address cap, e.g. a reverse proxy on another
 *                         host; loopback is exempt when {@code sandlot.rate-limit.trust-forwarded-for}
 *                         is set, as the proxy then usually runs on the same host
 */
@ConfigurationProperties("sandlot.connections")
public record ConnectionProperties(int maxPerAddress, Duration headerTimeout, List<String> exemptAddresses) {

    public ConnectionProperties {
        maxPerAddress = maxPerAddress > 0 ? maxPerAddress : 256;
        headerTimeout = headerTimeout == null || headerTimeout.isNegative() || headerTimeout.isZero()
                ? Duration.ofSeconds(10)
                : headerTimeout;
        exemptAddresses = exemptAddresses == null ? List.of() : List.copyOf(exemptAddresses);
    }
}
