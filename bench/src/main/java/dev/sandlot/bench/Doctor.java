package dev.sandlot.bench;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.EngineConfig;
import dev.sandlot.engine.Language;
import dev.sandlot.engine.SandboxStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** `./sandlot doctor`: what the engine finds on this machine, in plain words. */
public final class Doctor {

    private Doctor() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("sandlot-doctor");
        try (Engine engine = Engine.start(EngineConfig.defaults(data).withWarmPool(Map.of()))) {
            SandboxStatus status = engine.sandboxStatus();
            System.out.println("sandbox:   " + (status.available() ? "available" : "UNAVAILABLE"));
            System.out.println("isolation: " + status.isolation());
            System.out.println("cgroups:   " + status.cgroups());
            System.out.println("seccomp:   " + (status.seccomp() ? "on" : "off"));
            status.problems().forEach(p -> System.out.println("problem:   " + p));
            System.out.println("languages:");
            for (Language l : engine.languages()) {
                System.out.printf("  %-11s %-10s %s%s%n", l.id(), l.version(), l.name(),
                        l.warm() != null ? " (pre-started pool available)" : "");
            }
            if (!status.available())
                System.exit(1);
        }
    }

}
