package dev.sandlot.server.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.project.PackageInstall.InstalledPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a generation lists as installed: its own dist-info folders, and the built-in
 * libraries the install sandbox said pip found, which the sandbox wrote and so may be
 * anything.
 */
class PackageEnvironmentsTest {

    @Test
    void theSandboxsListOfBuiltInLibrariesIsTakenOnlyWhereItIsWellFormed(@TempDir Path generation) throws Exception {
        Path info = Files.createDirectories(generation.resolve("python/site/tabulate-0.10.0.dist-info"));
        Files.writeString(info.resolve("METADATA"), "Metadata-Version: 2.1\nName: tabulate\nVersion: 0.10.0\n");
        Files.writeString(generation.resolve("python/built-in.json"), """
                [{"name": "numpy", "version": "1.24.2"},
                 {"name": "Tabulate", "version": "9.9"},
                 {"name": "../../etc/passwd", "version": "1"},
                 {"name": "seaborn", "version": "0.12.2; rm -rf /"},
                 {"name": "", "version": "1.0"},
                 {"version": "1.0"},
                 "pandas"]
                """);

        List<InstalledPackage> listed = PackageEnvironments.installed(generation);

        assertThat(listed).containsExactly(new InstalledPackage("python", "numpy", "1.24.2"),
                new InstalledPackage("python", "tabulate", "0.10.0"));
    }

    @Test
    void aBuiltInListThatIsNotJsonOrTooLargeIsIgnored(@TempDir Path generation) throws Exception {
        Files.createDirectories(generation.resolve("python/site"));
        Files.writeString(generation.resolve("python/built-in.json"), "{not json");
        assertThat(PackageEnvironments.installed(generation)).isEmpty();

        Files.writeString(generation.resolve("python/built-in.json"),
                "[" + "{\"name\": \"numpy\", \"version\": \"1.0\"},".repeat(5000) + "{}]");
        assertThat(PackageEnvironments.installed(generation)).isEmpty();
    }

}
