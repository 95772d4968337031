package dev.sandlot.server;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Sandlot keeps its data ({@code sandlot.data-dir}, environment
 * {@code SANDLOT_DATA_DIR}); made private to the server by {@link DataDirectory}.
 *
 * @param dataDir the data directory: the H2 database (unless sandlot.db.url is set) and
 * the build cache; relative to the working directory unless absolute
 */
@Validated
@ConfigurationProperties("sandlot")
public record DataDirectoryProperties(@DefaultValue("data") @NotNull Path dataDir) {
}
