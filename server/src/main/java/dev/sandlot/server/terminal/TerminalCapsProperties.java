package dev.sandlot.server.terminal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Terminal caps beside those of {@code SandlotProperties.Terminal}, under the
 * same prefix {@code sandlot.terminal}.
 *
 * @param maxPerAddress        terminals opened from one client address, whatever the accounts; past
 *                             it 429 (after ending that address's longest-idle unattached terminal)
 * @param detachedIdleTimeout  a terminal with no client attached ends after this long without input
 *                             or output (a program that still prints keeps it; a silent one does not)
 */
@ConfigurationProperties("sandlot.terminal")
public record TerminalCapsProperties(int maxPerAddress, Duration detachedIdleTimeout) {

    public TerminalCapsProperties {
        maxPerAddress = maxPerAddress > 0 ? maxPerAddress : 8;
        detachedIdleTimeout =
                detachedIdleTimeout == null || detachedIdleTimeout.isNegative() || detachedIdleTimeout.isZero()
                        ? Duration.ofSeconds(60)
                        : detachedIdleTimeout;
    }
}
