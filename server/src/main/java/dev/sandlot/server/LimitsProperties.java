package dev.sandlot.server;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Defaults and maximums of per-run limits ({@code sandlot.limits.*}), read by
 * {@link EngineConfiguration}. A value left unset keeps the engine's
 * ({@code LimitPolicy.standard()}), which the configuration metadata gives as its default
 * (additional-spring-configuration-metadata.json; a test keeps the two equal).
 *
 * @param defaults the limits of a run that asks for none
 * @param maximums the most a run may ask for
 * @param maxSourceBytes total size of a run's source files, in bytes
 */
@Validated
@ConfigurationProperties("sandlot.limits")
public record LimitsProperties(@DefaultValue @Valid Values defaults, @DefaultValue @Valid Values maximums,
        @Positive Long maxSourceBytes) {

    /**
     * One set of per-run limits; null keeps the engine's.
     *
     * @param wallTimeMs wall-clock time of a run, in milliseconds
     * @param cpuTimeMs CPU time of a run, in milliseconds
     * @param memoryMb memory of a run, in MiB
     * @param maxProcesses processes and threads of a run
     * @param maxOutputBytes bytes of stdout and of stderr a run may print
     */
    public record Values(@Positive Long wallTimeMs, @Positive Long cpuTimeMs, @Positive Long memoryMb,
            @Positive Integer maxProcesses, @Positive Long maxOutputBytes) {
    }
}
