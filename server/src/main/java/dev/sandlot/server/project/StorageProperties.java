package dev.sandlot.server.project;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What one account may store ({@code sandlot.storage.*}); the caps on each project are
 * {@link ProjectProperties}.
 *
 * @param maxBytesPerAccount the bytes of project files one account may hold in all its
 * projects (attempts included); a zip import counts what it unpacks against it while
 * unpacking, before anything is written
 */
@Validated
@ConfigurationProperties("sandlot.storage")
public record StorageProperties(@DefaultValue("67108864") @PositiveOrZero long maxBytesPerAccount) {
}
