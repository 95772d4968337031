package dev.sandlot.server.execute;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Each client's share of the run slots and the queue, under
 * {@code sandlot.fair-share}. A client is an account, or an address for
 * anonymous runs. Zero means the default, derived from
 * {@code sandlot.concurrency.max-runs} where it says so.
 *
 * @param maxRunsPerClient      runs one client may have in progress; default half the slots (at least 1)
 * @param maxQueuedPerClient    runs one client may have waiting; default half the slots (at least 1)
 * @param signedInReservedRuns  slots anonymous runs never take, so signed-in users always find one;
 *                              default a quarter of the slots (at least 1, none when there is one slot)
 * @param signedInReservedQueue queue places anonymous runs never take; default a quarter of the queue
 * @param runSeconds            run-seconds a signed-in user may use in a burst
 * @param runSecondsPerMinute   run-seconds per minute added back to a signed-in user's budget
 * @param anonymousRunSeconds   the same burst for an anonymous address
 * @param anonymousRunSecondsPerMinute the same refill for an anonymous address
 * @param anonymousMaxWallTime  the longest wall time an anonymous run may ask for (and its default, when
 *                              the server's default is longer)
 */
@ConfigurationProperties("sandlot.fair-share")
public record FairShareProperties(
        int maxRunsPerClient,
        int maxQueuedPerClient,
        int signedInReservedRuns,
        int signedInReservedQueue,
        int runSeconds,
        int runSecondsPerMinute,
        int anonymousRunSeconds,
        int anonymousRunSecondsPerMinute,
        Duration anonymousMaxWallTime) {

    public FairShareProperties {
        runSeconds = runSeconds > 0 ? runSeconds : 600;
        runSecondsPerMinute = runSecondsPerMinute > 0 ? runSecondsPerMinute : 240;
        anonymousRunSeconds = anonymousRunSeconds > 0 ? anonymousRunSeconds : 120;
        anonymousRunSecondsPerMinute = anonymousRunSecondsPerMinute > 0 ? anonymousRunSecondsPerMinute : 60;
        anonymousMaxWallTime =
                anonymousMaxWallTime == null || anonymousMaxWallTime.isNegative() || anonymousMaxWallTime.isZero()
                        ? Duration.ofSeconds(10)
                        : anonymousMaxWallTime;
    }
}
