package dev.sandlot.server.system;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.SandboxStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** The sandbox in /actuator/health: down when runs cannot be confined. */
@Component("sandbox")
class SandboxHealthIndicator implements HealthIndicator {

    private final Engine engine;

    SandboxHealthIndicator(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        SandboxStatus s = engine.sandboxStatus();
        Health.Builder builder = s.available() ? Health.up() : Health.down();
        return builder.withDetail("isolation", s.isolation())
            .withDetail("cgroups", s.cgroups())
            .withDetail("seccomp", s.seccomp())
            .withDetail("problems", s.problems())
            .withDetail("languages", engine.languages().size())
            .build();
    }

}
