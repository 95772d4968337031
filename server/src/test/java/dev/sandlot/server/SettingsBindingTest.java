package dev.sandlot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.account.AccountProperties;
import dev.sandlot.server.execute.FairShareProperties;
import dev.sandlot.server.terminal.TerminalProperties;
import dev.sandlot.server.web.ConnectionProperties;
import dev.sandlot.server.web.CorsProperties;
import dev.sandlot.server.web.WebSocketProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The settings records bind as the settings did before they were split by feature:
 * defaults, environment variables, the warm pool's map, and values out of range stopping
 * the server with the setting's name. No server starts.
 */
class SettingsBindingTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ AccountProperties.class, EngineProperties.class, LimitsProperties.class,
            DataDirectoryProperties.class, TerminalProperties.class, FairShareProperties.class, CorsProperties.class,
            ConnectionProperties.class, WebSocketProperties.class })
    static class Settings {

    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withUserConfiguration(Settings.class);

    /** A runner whose only environment variables are {@code variables}. */
    private ApplicationContextRunner withEnvironment(Map<String, Object> variables) {
        return runner.withInitializer(context -> context.getEnvironment()
            .getPropertySources()
            .replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)));
    }

    @Test
    void unsetSettingsHaveTheirDefaults() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            EngineProperties engine = context.getBean(EngineProperties.class);
            assertThat(engine.warmPool()).isEqualTo(Map.of("python", 2));
            assertThat(engine.sandboxUid()).isEqualTo(61000);
            assertThat(engine.languageFiles()).isEmpty();
            assertThat(engine.runtimeDir()).isNull();
            LimitsProperties limits = context.getBean(LimitsProperties.class);
            assertThat(limits.defaults().wallTimeMs()).isNull();
            assertThat(limits.maximums().memoryMb()).isNull();
            assertThat(context.getBean(DataDirectoryProperties.class).dataDir()).hasToString("data");
            TerminalProperties terminal = context.getBean(TerminalProperties.class);
            assertThat(terminal.cpuCores()).isEqualTo(1.0);
            assertThat(terminal.detachedIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(context.getBean(FairShareProperties.class).anonymousMaxWallTime())
                .isEqualTo(Duration.ofSeconds(10));
            assertThat(context.getBean(CorsProperties.class).allowedOrigins()).isEmpty();
            assertThat(context.getBean(WebSocketProperties.class).maxPendingChars()).isEqualTo(64L * 1024 * 1024);
        });
    }

    @Test
    void environmentVariablesSetThem() {
        withEnvironment(Map.of("SANDLOT_DATA_DIR", "/srv/sandlot",
                // A map's name loses its dashes (WARM_POOL_PYTHON would set nothing).
                "SANDLOT_ENGINE_WARMPOOL_PYTHON", "0", "SANDLOT_LIMITS_MAXIMUMS_MEMORY_MB", "2048",
                "SANDLOT_FAIR_SHARE_MAX_RUNS_PER_CLIENT", "1000", "SANDLOT_TERMINAL_MAX_PER_ADDRESS", "64",
                "SANDLOT_CORS_ALLOWED_ORIGINS", "https://a.example,https://b.example"))
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(DataDirectoryProperties.class).dataDir()).hasToString("/srv/sandlot");
                assertThat(context.getBean(EngineProperties.class).warmPool()).isEqualTo(Map.of("python", 0));
                assertThat(context.getBean(LimitsProperties.class).maximums().memoryMb()).isEqualTo(2048L);
                assertThat(context.getBean(FairShareProperties.class).maxRunsPerClient()).isEqualTo(1000);
                assertThat(context.getBean(TerminalProperties.class).maxPerAddress()).isEqualTo(64);
                assertThat(context.getBean(CorsProperties.class).allowedOrigins()).containsExactly("https://a.example",
                        "https://b.example");
            });
    }

    @Test
    void aWarmPoolForAnotherLanguageAddsToPythons() {
        runner.withPropertyValues("sandlot.engine.warm-pool.java=1")
            .run(context -> assertThat(context.getBean(EngineProperties.class).warmPool())
                .isEqualTo(Map.of("python", 2, "java", 1)));
    }

    @Test
    void aValueOutOfRangeStopsTheServerNamingTheSetting() {
        assertRefused("sandlot.websocket.max-per-address=0", "sandlot.websocket", "maxPerAddress");
        assertRefused("sandlot.connections.header-timeout=0s", "sandlot.connections", "headerTimeout");
        assertRefused("sandlot.engine.warm-pool.python=-1", "sandlot.engine", "warmPool[python]");
        assertRefused("sandlot.limits.defaults.wall-time-ms=0", "sandlot.limits", "defaults.wallTimeMs");
        assertRefused("sandlot.accounts.login.per-pair=0", "sandlot.accounts", "login.perPair");
    }

    private void assertRefused(String setting, String prefix, String field) {
        runner.withPropertyValues(setting)
            .run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("Binding validation errors on " + prefix)
                .hasMessageContaining("on field '" + field + "'"));
    }

}
