package dev.sandlot.server.execute;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many runs at once, and how many may wait ({@code sandlot.concurrency.*}); each
 * client's share of both is {@link FairShareProperties}.
 *
 * @param maxRuns runs at once; 0 means twice the number of cores
 * @param maxQueued runs waiting for a slot; 0 means four times max-runs. Past it: 503
 * with Retry-After
 * @param queueTimeout how long a run may wait for a slot before it is answered 503
 */
@Validated
@ConfigurationProperties("sandlot.concurrency")
public record ConcurrencyProperties(@DefaultValue("0") @PositiveOrZero int maxRuns,
        @DefaultValue("0") @PositiveOrZero int maxQueued, @DefaultValue("30s") @NotNull Duration queueTimeout) {
}
