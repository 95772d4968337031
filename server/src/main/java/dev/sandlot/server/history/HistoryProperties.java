package dev.sandlot.server.history;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The history of runs ({@code sandlot.history.*}).
 *
 * @param enabled record the runs of signed-in users, unless a request asks not to
 * (saveHistory: false)
 * @param keepPerUser runs kept per user; older ones are pruned hourly
 * @param maxAge runs older than this are pruned
 * @param maxOutputBytes bytes of stdout and of stderr kept per recorded run
 * @param maxFileBytes bytes of returned files kept per recorded run, in their order; a
 * file past it is not kept
 */
@Validated
@ConfigurationProperties("sandlot.history")
public record HistoryProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("1000") @PositiveOrZero int keepPerUser, @DefaultValue("90d") @NotNull Duration maxAge,
        @DefaultValue("65536") @PositiveOrZero int maxOutputBytes,
        @DefaultValue("1048576") @PositiveOrZero long maxFileBytes) {
}
