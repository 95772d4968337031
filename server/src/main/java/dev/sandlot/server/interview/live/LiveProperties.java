package dev.sandlot.server.interview.live;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The live pads' shared documents ({@code sandlot.interview.live.*}, environment
 * {@code SANDLOT_INTERVIEW_LIVE_...}).
 *
 * @param framesPerSecond messages a pad connection may send per second, sustained; past
 * its burst the connection is cut off (rate-limited, 1008)
 * @param burstFrames messages a pad connection may send at once before the rate applies
 * @param bytesPerSecond bytes a pad connection may send per second, sustained
 * @param burstBytes bytes a pad connection may send at once before the rate applies
 * @param maxConnectionsPerPad open connections to one pad; past it the handshake is
 * answered 429
 * @param idleUnload a pad with no connection this long is written to its project,
 * snapshotted and dropped from memory
 * @param maxLoadedPads pads held in memory at once; past it a new pad's handshake is
 * answered 503
 * @param snapshotEvery a pad's document is snapshotted after this many updates (loading
 * reads the latest snapshot and the updates after it)
 * @param writeDelay how long the text must be still (no edit) before it is written to the
 * project
 * @param writeMaxDelay the longest an edit waits for that while someone keeps typing
 */
@Validated
@ConfigurationProperties("sandlot.interview.live")
public record LiveProperties(@DefaultValue("60") @Positive int framesPerSecond,
        @DefaultValue("300") @Positive int burstFrames, @DefaultValue("262144") @Positive long bytesPerSecond,
        @DefaultValue("4194304") @Positive long burstBytes, @DefaultValue("32") @Positive int maxConnectionsPerPad,
        @DefaultValue("60s") @NotNull @DurationMin(millis = 1) Duration idleUnload,
        @DefaultValue("200") @Positive int maxLoadedPads, @DefaultValue("500") @Positive int snapshotEvery,
        @DefaultValue("300ms") @NotNull @DurationMin(millis = 1) Duration writeDelay,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration writeMaxDelay) {
}
