package dev.sandlot.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The server's features are Spring Modulith modules, one per package under
 * {@code dev.sandlot.server}: no cycles between them, each uses only the modules its
 * {@code package-info.java} allows, and only their public (top-level package or
 * named-interface) types. Also writes the module documentation (C4 and UML component
 * diagrams, one canvas per module) to {@code target/spring-modulith-docs}.
 */
class ModuleStructureTest {

    private final ApplicationModules modules = ApplicationModules.of(SandlotApplication.class);

    @Test
    void modulesKeepTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(modules).writeDocumentation();
    }

}
