package dev.sandlot.server.review;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on the work of submission diffs ({@code sandlot.review.diff.*}).
 *
 * @param maxWorkPerFile steps one file's line diff may take before it degrades to "file
 * changed, too different"
 * @param maxWorkPerRequest steps all files of one diff request may take together; later
 * files degrade
 * @param cacheBytes memory for cached diffs of immutable snapshots (the edit scripts, one
 * byte per line)
 * @param perMinute diff requests per minute per account (a token bucket)
 * @param burst the size of each account's bucket of diff requests
 * @param maxConcurrent diffs computed at once on the whole server; 0 means half the
 * processors (at least 1)
 */
@Validated
@ConfigurationProperties("sandlot.review.diff")
public record DiffProperties(@DefaultValue("2000000") @Positive long maxWorkPerFile,
        @DefaultValue("20000000") @Positive long maxWorkPerRequest,
        @DefaultValue("16777216") @PositiveOrZero long cacheBytes, @DefaultValue("30") @Positive int perMinute,
        @DefaultValue("10") @Positive int burst, @DefaultValue("0") @PositiveOrZero int maxConcurrent) {
}
