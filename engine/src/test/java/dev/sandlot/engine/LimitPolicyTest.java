package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitPolicyTest {

    private final LimitPolicy policy = LimitPolicy.standard();

    private static Language language(LanguageLimits limits) {
        return new Language("x", "X", "1", List.of(), "main.x", null, null, List.of("x"), Map.of(), List.of(), limits,
                LanguageLimits.NONE, null, null, "/usr", List.of(), List.of());
    }

    @Test
    void defaultsMatchTheDocumentedValues() {
        Limits limits = policy.resolve(null, language(LanguageLimits.NONE));

        assertThat(limits).isEqualTo(new Limits(10_000, 10_000, 128L << 20, 64, 1L << 20, 16L << 20, 256));
    }

    @Test
    void aLanguageRaisesItsDefaultAndItsMaximum() {
        Language jvm = language(new LanguageLimits(null, null, 2048L, 128, null));

        assertThat(policy.resolve(null, jvm).memoryMb()).isEqualTo(2048);
        assertThat(policy.resolve(LimitRequest.DEFAULTS.withMemoryMb(1500), jvm).memoryMb()).isEqualTo(1500);
        assertThat(policy.resolve(null, jvm).maxProcesses()).isEqualTo(128);
    }

    @Test
    void aRequestMayLowerOrRaiseUpToTheMaximum() {
        Limits limits = policy.resolve(new LimitRequest(500L, 60_000L, 16L, 4, 100L), language(LanguageLimits.NONE));

        assertThat(limits.wallTimeMs()).isEqualTo(500);
        assertThat(limits.cpuTimeMs()).isEqualTo(60_000);
        assertThat(limits.memoryMb()).isEqualTo(16);
        assertThat(limits.maxProcesses()).isEqualTo(4);
        assertThat(limits.maxOutputBytes()).isEqualTo(100);
    }

    @Test
    void aboveTheMaximumIsRefusedSayingTheMaximum() {
        assertThatThrownBy(
                () -> policy.resolve(LimitRequest.DEFAULTS.withWallTimeMs(60_001), language(LanguageLimits.NONE)))
            .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                assertThat(e.field()).isEqualTo("limits.wallTimeMs");
                assertThat(e.maximum()).isEqualTo(60_000L);
                assertThat(e.detail()).isEqualTo("must be at most 60000 ms (the server's maximum); got 60001");
            });
    }

    @Test
    void belowWhatAnInterpreterNeedsIsRefused() {
        assertThatThrownBy(() -> policy.resolve(LimitRequest.DEFAULTS.withMemoryMb(2), language(LanguageLimits.NONE)))
            .isInstanceOfSatisfying(InvalidFieldException.class,
                    e -> assertThat(e.field()).isEqualTo("limits.memoryMb"));
    }

}
