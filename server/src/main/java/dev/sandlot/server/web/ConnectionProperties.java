package dev.sandlot.server.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * TCP connections to the embedded server, under {@code sandlot.connections} (the
 * server-wide cap is Spring Boot's {@code server.tomcat.max-connections}).
 *
 * @param maxPerAddress open connections per client address (as TCP sees it); past it a
 * new connection gets a 429 problem and is closed
 * @param headerTimeout a request's line and headers must be complete this long after its
 * first byte (and a new connection must send them this long after it opened), however
 * slowly bytes keep arriving; else the connection is closed
 * @param exemptAddresses addresses without the per-address cap, e.g. a reverse proxy on
 * another host; loopback is exempt when sandlot.rate-limit.trust-forwarded-for is set, as
 * the proxy then usually runs on the same host
 */
@Validated
@ConfigurationProperties("sandlot.connections")
public record ConnectionProperties(@DefaultValue("256") @Positive int maxPerAddress,

        @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration headerTimeout,

        @DefaultValue List<String> exemptAddresses) {

    public ConnectionProperties {
        exemptAddresses = List.copyOf(exemptAddresses);
    }
}
