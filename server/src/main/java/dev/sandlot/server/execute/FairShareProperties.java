package dev.sandlot.server.execute;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Each client's share of the run slots and the queue, under {@code sandlot.fair-share}. A
 * client is an account, or an address for anonymous runs. The shares of slots and queue
 * places default to 0, which derives them from {@link ConcurrencyProperties} as each one
 * says.
 *
 * @param maxRunsPerClient runs one client may have in progress; 0 means half the slots
 * (at least 1)
 * @param maxQueuedPerClient runs one client may have waiting; 0 means half the slots (at
 * least 1)
 * @param signedInReservedRuns slots anonymous runs never take, so signed-in users always
 * find one; 0 means a quarter of the slots (at least 1, none when there is one slot)
 * @param signedInReservedQueue queue places anonymous runs never take; 0 means a quarter
 * of the queue (at least 1)
 * @param runSeconds run-seconds a signed-in user may use in a burst
 * @param runSecondsPerMinute run-seconds per minute added back to a signed-in user's
 * budget
 * @param anonymousRunSeconds run-seconds an anonymous address may use in a burst
 * @param anonymousRunSecondsPerMinute run-seconds per minute added back to an anonymous
 * address's budget
 * @param anonymousMaxWallTime the longest wall time an anonymous run may ask for (and its
 * default, when the server's default is longer)
 */
@Validated
@ConfigurationProperties("sandlot.fair-share")
public record FairShareProperties(@DefaultValue("0") @PositiveOrZero int maxRunsPerClient,
        @DefaultValue("0") @PositiveOrZero int maxQueuedPerClient,
        @DefaultValue("0") @PositiveOrZero int signedInReservedRuns,
        @DefaultValue("0") @PositiveOrZero int signedInReservedQueue, @DefaultValue("600") @Positive int runSeconds,
        @DefaultValue("240") @Positive int runSecondsPerMinute, @DefaultValue("120") @Positive int anonymousRunSeconds,
        @DefaultValue("60") @Positive int anonymousRunSecondsPerMinute,

        @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration anonymousMaxWallTime) {
}
