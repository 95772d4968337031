package dev.sandlot.server;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.EngineConfig;
import dev.sandlot.engine.LimitPolicy;
import dev.sandlot.engine.Limits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one engine of this server, built from {@link EngineProperties},
 * {@link LimitsProperties}, {@link PythonLibrariesProperties} and
 * {@link OutputFilesProperties}.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean(destroyMethod = "close")
    Engine engine(EngineProperties e, LimitsProperties limits, OutputFilesProperties outputFiles,
            DataDirectoryProperties data, PythonLibrariesProperties python) {
        EngineConfig config = EngineConfig.defaults(DataDirectory.secure(data.dataDir()))
            .withSandboxIds(e.sandboxUid(), e.sandboxGid())
            .withWarmPool(e.warmPool())
            .withLanguageFiles(e.languageFiles())
            .withLimits(limitPolicy(limits).withOutputCaps(outputFiles.caps()))
            .withLibraries("python", python.names());
        config = config.withBuildCache(config.buildCacheDir(), e.buildCacheMb() * Limits.MIB);
        if (e.runtimeDir() != null)
            config = config.withRuntimeDir(e.runtimeDir());
        return Engine.start(config);
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
