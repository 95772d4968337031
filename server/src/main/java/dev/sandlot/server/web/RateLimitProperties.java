package dev.sandlot.server.web;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Per-client limits on starting runs ({@code sandlot.rate-limit.*}): a token bucket per
 * account, or per address for anonymous runs.
 *
 * @param enabled limit the runs each client starts, and sign-ups (see
 * sandlot.accounts.signup); false for benchmarks and trusted deployments
 * @param capacity runs a signed-in user may start in a burst
 * @param refillPerMinute runs per minute added back to a signed-in user's bucket
 * @param anonymousCapacity runs an anonymous client address may start in a burst
 * @param anonymousRefillPerMinute runs per minute added back to an anonymous address's
 * bucket
 * @param trustForwardedFor take the client's address from the first X-Forwarded-For
 * address (only behind a trusted proxy)
 */
@Validated
@ConfigurationProperties("sandlot.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("60") @Positive int capacity,
        @DefaultValue("240") @Positive int refillPerMinute, @DefaultValue("30") @Positive int anonymousCapacity,
        @DefaultValue("120") @Positive int anonymousRefillPerMinute, @DefaultValue("false") boolean trustForwardedFor) {
}
