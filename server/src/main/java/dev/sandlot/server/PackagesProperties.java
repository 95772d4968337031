package dev.sandlot.server;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Per-project packages ({@code sandlot.packages.*}): the install step's caps and where
 * packages come from.
 *
 * @param enabled projects may install pip and npm packages
 * @param installTimeout the wall-clock cap of one install step
 * @param memoryMb the install sandbox's memory cap, in MiB (its /build and /tmp count)
 * @param diskMb the size of the install sandbox's /build (the environment being built)
 * and of its /tmp, in MiB
 * @param maxDownloadMb what the proxy relays at most for one install, in MiB
 * @param maxConcurrent install steps running at once on this server
 * @param extraHosts host[:port] names the proxy lets through besides the configured
 * indexes (e.g. where an index keeps its files)
 * @param pythonIndexUrl pip's index, instead of the host's pip configuration
 * @param npmRegistry npm's registry, instead of the host's npm configuration
 */
@Validated
@ConfigurationProperties("sandlot.packages")
public record PackagesProperties(@DefaultValue("true") boolean enabled, @DefaultValue("120s") Duration installTimeout,
        @DefaultValue("1024") @Positive int memoryMb, @DefaultValue("1024") @Positive int diskMb,
        @DefaultValue("512") @Positive int maxDownloadMb, @DefaultValue("2") @Positive int maxConcurrent,
        @DefaultValue List<String> extraHosts, String pythonIndexUrl, String npmRegistry) {

    public PackagesProperties {
        extraHosts = List.copyOf(extraHosts);
    }
}
