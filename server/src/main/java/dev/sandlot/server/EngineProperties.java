package dev.sandlot.server;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The sandbox and the engine around it ({@code sandlot.engine.*}), read by
 * {@link EngineConfiguration}; the limits of runs are {@link LimitsProperties}.
 *
 * @param sandboxUid first host uid programs run as: each live sandbox has its own, 500
 * per server (never 0, and no real user's)
 * @param sandboxGid first host gid programs run as, likewise
 * @param warmPool pre-started sandboxes per language id, e.g.
 * sandlot.engine.warm-pool.python=2 (the default); 0 turns a language's pool off
 * @param buildCacheMb size cap of the compiled-program cache, in MiB
 * @param languageFiles extra language definition files (JSON), replacing built-in entries
 * with the same id
 * @param runtimeDir the engine's private scratch directory; unset means
 * /run/sandlot/engine-PID-N
 */
@Validated
@ConfigurationProperties("sandlot.engine")
public record EngineProperties(@DefaultValue("61000") @Positive int sandboxUid,
        @DefaultValue("61000") @Positive int sandboxGid,
        @DefaultValue Map<String, @NotNull @PositiveOrZero Integer> warmPool,
        @DefaultValue("1024") @PositiveOrZero long buildCacheMb, @DefaultValue List<Path> languageFiles,
        Path runtimeDir) {

    /**
     * The warm pool unless a setting changes it; a setting for another language adds to
     * it.
     */
    static final Map<String, Integer> DEFAULT_WARM_POOL = Map.of("python", 2);

    public EngineProperties {
        Map<String, Integer> pool = new LinkedHashMap<>(DEFAULT_WARM_POOL);
        pool.putAll(warmPool);
        warmPool = Collections.unmodifiableMap(pool);
        languageFiles = List.copyOf(languageFiles);
    }
}
