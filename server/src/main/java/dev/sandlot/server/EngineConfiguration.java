package dev.sandlot.server;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.EngineConfig;
import dev.sandlot.engine.LimitPolicy;
import dev.sandlot.engine.Limits;
import dev.sandlot.engine.packages.IndexConfig;
import dev.sandlot.engine.packages.PackageInstaller;
import dev.sandlot.engine.packages.PackageProxy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one engine of this server, built from {@link EngineProperties} and
 * {@link LimitsProperties}.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean(destroyMethod = "close")
    Engine engine(EngineProperties e, LimitsProperties limits, DataDirectoryProperties data) {
        EngineConfig config = EngineConfig.defaults(DataDirectory.secure(data.dataDir()))
            .withSandboxIds(e.sandboxUid(), e.sandboxGid())
            .withWarmPool(e.warmPool())
            .withLanguageFiles(e.languageFiles())
            .withLimits(limitPolicy(limits));
        config = config.withBuildCache(config.buildCacheDir(), e.buildCacheMb() * Limits.MIB);
        if (e.runtimeDir() != null)
            config = config.withRuntimeDir(e.runtimeDir());
        return Engine.start(config);
    }

    /**
     * The package proxy of install steps: the host's pip and npm indexes (or the
     * settings' overrides) plus the extra hosts, its download cache in the data
     * directory, its sockets where the sandbox's are.
     */
    @Bean(destroyMethod = "close")
    PackageProxy packageProxy(Engine engine, PackagesProperties packages) throws IOException {
        IndexConfig host = IndexConfig.fromHost(packages.extraHosts());
        List<URI> python = blank(packages.pythonIndexUrl()) ? host.pythonIndexes()
                : List.of(URI.create(packages.pythonIndexUrl().strip()));
        List<Path> local = blank(packages.pythonIndexUrl()) ? host.pythonLocalDirs() : List.of();
        URI npm = blank(packages.npmRegistry()) ? host.npmRegistry() : URI.create(packages.npmRegistry().strip());
        Path cache = engine.config().dataDir().resolve("cache/packages");
        Files.createDirectories(cache);
        return new PackageProxy(new IndexConfig(python, local, npm, host.extraHosts()), cache,
                engine.config().runtimeDir().resolve("package-sockets"));
    }

    @Bean
    PackageInstaller packageInstaller(Engine engine, PackageProxy proxy) {
        return new PackageInstaller(engine, proxy);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static LimitPolicy limitPolicy(LimitsProperties limits) {
        LimitPolicy policy = LimitPolicy.standard();
        policy = policy.withRunDefaults(apply(policy.runDefaults(), limits.defaults()))
            .withRunMaximums(apply(policy.runMaximums(), limits.maximums()));
        if (limits.maxSourceBytes() != null)
            policy = policy.withMaxSourceBytes(limits.maxSourceBytes());
        return policy;
    }

    private static Limits apply(Limits base, LimitsProperties.Values v) {
        Limits l = base;
        if (v.wallTimeMs() != null)
            l = l.withWallTimeMs(v.wallTimeMs());
        if (v.cpuTimeMs() != null)
            l = l.withCpuTimeMs(v.cpuTimeMs());
        if (v.memoryMb() != null)
            l = l.withMemoryBytes(v.memoryMb() * Limits.MIB);
        if (v.maxProcesses() != null)
            l = l.withMaxProcesses(v.maxProcesses());
        if (v.maxOutputBytes() != null)
            l = l.withMaxOutputBytes(v.maxOutputBytes());
        return l;
    }

}
