package dev.sandlot.server;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.EngineConfig;
import dev.sandlot.engine.LimitPolicy;
import dev.sandlot.engine.Limits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one engine of this server, built from {@link SandlotProperties}. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean(destroyMethod = "close")
    Engine engine(SandlotProperties properties) {
        SandlotProperties.Engine e = properties.getEngine();
        EngineConfig config = EngineConfig.defaults(DataDirectory.secure(properties.getDataDir()))
                .withSandboxIds(e.getSandboxUid(), e.getSandboxGid())
                .withWarmPool(e.getWarmPool())
                .withLanguageFiles(e.getLanguageFiles())
                .withLimits(limitPolicy(properties.getLimits()));
        config = config.withBuildCache(config.buildCacheDir(), e.getBuildCacheMb() * Limits.MIB);
        if (e.getRuntimeDir() != null) config = config.withRuntimeDir(e.getRuntimeDir());
        return Engine.start(config);
    }

    static LimitPolicy limitPolicy(SandlotProperties.Limits limits) {
        LimitPolicy policy = LimitPolicy.standard();
        policy = policy.withRunDefaults(apply(policy.runDefaults(), limits.getDefaults()))
                .withRunMaximums(apply(policy.runMaximums(), limits.getMaximums()));
        if (limits.getMaxSourceBytes() != null) policy = policy.withMaxSourceBytes(limits.getMaxSourceBytes());
        return policy;
    }

    private static Limits apply(Limits base, SandlotProperties.Values v) {
        Limits l = base;
        if (v.getWallTimeMs() != null) l = l.withWallTimeMs(v.getWallTimeMs());
        if (v.getCpuTimeMs() != null) l = l.withCpuTimeMs(v.getCpuTimeMs());
        if (v.getMemoryMb() != null) l = l.withMemoryBytes(v.getMemoryMb() * Limits.MIB);
        if (v.getMaxProcesses() != null) l = l.withMaxProcesses(v.getMaxProcesses());
        if (v.getMaxOutputBytes() != null) l = l.withMaxOutputBytes(v.getMaxOutputBytes());
        return l;
    }
}
