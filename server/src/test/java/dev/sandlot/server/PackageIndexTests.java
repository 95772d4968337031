package dev.sandlot.server;

import dev.sandlot.engine.packages.TestIndex;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tests whose server installs packages from one loopback index, started once per test
 * JVM; each class adds the packages it needs, under names of its own.
 */
public interface PackageIndexTests {

    TestIndex INDEX = TestIndex.start();

    @DynamicPropertySource
    static void packageIndexes(DynamicPropertyRegistry registry) {
        registry.add("sandlot.packages.python-index-url", INDEX::simpleUrl);
        registry.add("sandlot.packages.npm-registry", INDEX::npmUrl);
    }

}
