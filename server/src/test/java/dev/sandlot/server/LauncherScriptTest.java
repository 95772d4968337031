package dev.sandlot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's package installation ({@code ./sandlot}), through its own bash test
 * (src/test/sh): it installs only what is missing and waits for a held apt/dpkg lock.
 * apt-get is a stub there; nothing is installed.
 */
class LauncherScriptTest {

    @Test
    void theLauncherInstallsOnlyWhatIsMissingAndWaitsForTheAptLock(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("output.txt");
        Process p = new ProcessBuilder("bash", "src/test/sh/launcher-install-test.sh").redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        p.getOutputStream().close();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended)
            p.destroyForcibly().waitFor();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("the launcher test ended within 60 s; output so far:%n%s", output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("all launcher install checks passed");
    }

}
