package dev.sandlot.server.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.PackageRequests;
import dev.sandlot.engine.packages.Ecosystem;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.project.PackageChange;
import dev.sandlot.server.project.PackageInstall;
import dev.sandlot.server.project.ProjectPackages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What typed pip and npm commands ask of the project's packages: package words pass,
 * options that would pick another index, target or build are refused with pip's or npm's
 * kind of message and a non-zero exit; and how an install's outcome becomes the exit
 * code.
 */
class PackageCommandTest {

    private static PackageCommand.Parsed parse(String tool, Map<String, String> files, String... args) {
        return PackageCommand.parse(new PackageRequests.Request(tool, List.of(args), files));
    }

    private static PackageChange change(String tool, String... args) {
        PackageCommand.Parsed parsed = parse(tool, Map.of(), args);
        assertThat(parsed).isInstanceOf(PackageCommand.Change.class);
        return ((PackageCommand.Change) parsed).change();
    }

    private static PackageCommand.Refusal refusal(String tool, Map<String, String> files, String... args) {
        PackageCommand.Parsed parsed = parse(tool, files, args);
        assertThat(parsed).isInstanceOf(PackageCommand.Refusal.class);
        return (PackageCommand.Refusal) parsed;
    }

    @Test
    void pipInstallAndUninstallPassPackageWordsAndHarmlessOptions() {
        assertThat(change("pip", "install", "-q", "-U", "seaborn", "numpy>=1.24"))
            .isEqualTo(new PackageChange(Ecosystem.PYTHON, List.of("seaborn", "numpy>=1.24"), List.of(), false));
        assertThat(change("pip", "uninstall", "-y", "seaborn"))
            .isEqualTo(new PackageChange(Ecosystem.PYTHON, List.of(), List.of("seaborn"), false));
    }

    @Test
    void aRequirementsFileSentWithTheCommandAddsItsEntries() {
        PackageCommand.Parsed parsed = parse("pip", Map.of("req.txt", "# tools\nrequests==2.31  # pinned\n\nrich\n"),
                "install", "-r", "req.txt", "tqdm");
        assertThat(((PackageCommand.Change) parsed).change().add()).containsExactly("requests==2.31", "rich", "tqdm");
    }

    @Test
    void optionsThatChooseAnIndexATargetOrABuildAreRefused() {
        assertThat(refusal("pip", Map.of(), "install", "--index-url", "http://evil.example/simple", "x"))
            .satisfies(r -> assertThat(r.message()).contains("'--index-url' is not supported"))
            .extracting(PackageCommand.Refusal::exitCode)
            .isEqualTo(2);
        assertThat(refusal("pip", Map.of(), "install", "--target=/tmp", "x").message()).contains("--target");
        assertThat(
                refusal("pip", Map.of("r.txt", "ok\n--extra-index-url http://evil.example\n"), "install", "-r", "r.txt")
                    .message())
            .contains("r.txt line 2")
            .contains("is an option");
        assertThat(refusal("pip", Map.of(), "install", "-r", "missing.txt").message())
            .contains("Could not open requirements file: missing.txt");
        assertThat(refusal("pip", Map.of(), "install", "-r").exitCode()).isEqualTo(2);
        assertThat(refusal("pip", Map.of(), "install").message()).contains("at least one requirement");
        assertThat(refusal("pip", Map.of(), "download", "x").exitCode()).isEqualTo(2);
        assertThat(refusal("sh", Map.of(), "install", "x").exitCode()).isEqualTo(2);
    }

    @Test
    void npmInstallsNamedPackagesOrTheManifestAndRefusesGlobalAndOtherOptions() {
        assertThat(change("npm", "install")).isEqualTo(new PackageChange(Ecosystem.NODE, List.of(), List.of(), true));
        assertThat(change("npm", "ci").fromManifest()).isTrue();
        assertThat(change("npm", "i", "--save", "lodash@^4.17", "@types/node").add()).containsExactly("lodash@^4.17",
                "@types/node");
        assertThat(change("npm", "rm", "lodash@4").remove()).containsExactly("lodash");
        assertThat(refusal("npm", Map.of(), "install", "-g", "x").message()).contains("no global install");
        assertThat(refusal("npm", Map.of(), "install", "--registry=http://evil.example", "x").message())
            .contains("'--registry=http://evil.example' is not supported");
        assertThat(refusal("npm", Map.of(), "ci", "lodash").exitCode()).isEqualTo(2);
        assertThat(refusal("npm", Map.of(), "uninstall").exitCode()).isEqualTo(1);
        assertThat(refusal("npm", Map.of(), "run", "build").exitCode()).isEqualTo(2);
    }

    private final ProjectPackages packages = mock(ProjectPackages.class);

    private final Caller owner = mock(Caller.class);

    private final List<String> printed = new ArrayList<>();

    private int run(String tool, String... args) {
        return new TerminalPackages(packages, owner, 7, () -> {
        }).handle(new PackageRequests.Request(tool, List.of(args), Map.of()), printed::add);
    }

    @Test
    void theInstallsOutcomeIsTheExitCodeAndItsRefusalsArePrintedPlainly() {
        when(packages.install(any(), anyLong(), any(), any()))
            .thenReturn(new PackageInstall("installed", 0, "installed", List.of()))
            .thenReturn(new PackageInstall("failed", 1, "No matching distribution found for nothing-such", List.of()))
            .thenReturn(new PackageInstall("timeout", null, "the install ran out of time (120 s)", List.of()))
            .thenThrow(new InvalidFieldException("add[0]", "'git+https://h/x' is a URL or a path"));
        assertThat(run("pip", "install", "seaborn")).isZero();
        assertThat(run("pip", "install", "nothing-such")).isEqualTo(1);
        assertThat(run("pip", "install", "slow")).isEqualTo(TerminalPackages.TIMED_OUT);
        assertThat(run("pip", "install", "git+https://h/x")).isEqualTo(2);
        assertThat(printed).containsExactly("sandlot: No matching distribution found for nothing-such",
                "sandlot: the install ran out of time (120 s)", "ERROR: 'git+https://h/x' is a URL or a path");
    }

    @Test
    void aRefusedCommandNeverReachesTheInstall() {
        assertThat(run("pip", "install", "--index-url", "http://evil.example/simple", "x")).isEqualTo(2);
        verify(packages, never()).install(any(), anyLong(), any(), any());
    }

}
