package dev.sandlot.server;

import dev.sandlot.engine.OutputCaps;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The files a run may return ({@code sandlot.output-files.*}): what it writes under
 * /output and the workspace files a request names, read by {@link EngineConfiguration}.
 * Files beyond a cap are left out and the result says {@code filesTruncated}.
 *
 * @param maxCount files per run (0 returns none)
 * @param maxFileBytes bytes of one file
 * @param maxTotalBytes bytes of a run's files together (sent base64, a third larger)
 */
@Validated
@ConfigurationProperties("sandlot.output-files")
public record OutputFilesProperties(@DefaultValue("16") @PositiveOrZero int maxCount,
        @DefaultValue("4194304") @PositiveOrZero long maxFileBytes,
        @DefaultValue("4194304") @PositiveOrZero long maxTotalBytes) {

    public OutputCaps caps() {
        return new OutputCaps(maxCount, maxFileBytes, maxTotalBytes);
    }
}
