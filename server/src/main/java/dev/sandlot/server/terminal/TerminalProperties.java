package dev.sandlot.server.terminal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Interactive terminals: one sandbox per project while someone works in it
 * ({@code sandlot.terminal.*}, environment {@code SANDLOT_TERMINAL_...}).
 *
 * @param enabled terminals in the page and on WS /api/v1/projects/{id}/terminal
 * @param idleTimeout a terminal without input this long is ended (its files are saved
 * first)
 * @param maxPerUser terminals one account may have running at once
 * @param maxPerServer terminals running at once on the whole server
 * @param maxPerAddress terminals opened from one client address, whatever the accounts;
 * past it 429 (after ending that address's longest-idle unattached terminal)
 * @param detachedIdleTimeout a terminal with no client attached ends after this long
 * without input or output (a program that still prints keeps it; a silent one does not)
 * @param memoryMb memory of each terminal's sandbox, in MiB
 * @param maxProcesses processes and threads in each terminal's sandbox
 * @param diskMb size of each terminal's workspace and of its /tmp, each, in MiB
 * @param cpuCores CPU cores each terminal's sandbox may use
 * @param scrollbackBytes bytes of recent output kept for a client that attaches again
 * @param syncInterval how often terminals' changed files are saved to their projects and
 * idle terminals are ended (at least 50 ms)
 */
@Validated
@ConfigurationProperties("sandlot.terminal")
public record TerminalProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("15m") @NotNull Duration idleTimeout, @DefaultValue("3") @PositiveOrZero int maxPerUser,
        @DefaultValue("32") @PositiveOrZero int maxPerServer, @DefaultValue("8") @Positive int maxPerAddress,

        @DefaultValue("60s") @NotNull @DurationMin(nanos = 1) Duration detachedIdleTimeout,

        @DefaultValue("512") @Positive int memoryMb, @DefaultValue("128") @Positive int maxProcesses,
        @DefaultValue("64") @Positive int diskMb, @DefaultValue("1.0") @Positive double cpuCores,
        @DefaultValue("65536") @Positive int scrollbackBytes, @DefaultValue("500ms") @NotNull Duration syncInterval) {
}
