package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Python's built-in scientific libraries (Debian's python3-* packages, which ./sandlot
 * installs): found at start with their versions, inside the sandbox, and importable by a
 * run with the default limits.
 */
@Tag("sandbox")
class BuiltInLibrariesTest {

    static final List<String> SEVEN = List.of("numpy", "pandas", "scipy", "matplotlib", "seaborn", "scikit-learn",
            "sympy");

    private static Language python() {
        return TestEngine.get().languages().stream().filter(l -> l.id().equals("python")).findFirst().orElseThrow();
    }

    @Test
    void pythonListsTheSevenLibrariesWithTheirVersions() {
        List<Library> libraries = python().libraries();

        assertThat(libraries).extracting(Library::name).containsExactlyElementsOf(SEVEN);
        assertThat(libraries).allSatisfy(l -> assertThat(l.version()).matches("[0-9]+(\\.[0-9]+)+.*"));
        assertThat(libraries).filteredOn(l -> l.name().equals("scikit-learn"))
            .extracting(Library::module)
            .containsExactly("sklearn");
    }

    @Test
    void aRunImportsEachAtTheListedVersion() {
        String code = """
                import importlib
                for name in ['numpy', 'pandas', 'scipy', 'matplotlib', 'seaborn', 'sklearn', 'sympy']:
                    print(name, importlib.import_module(name).__version__)
                import numpy, pandas
                print(int(numpy.arange(10).sum()), pandas.DataFrame({'a': [1, 2]})['a'].mean())
                """;
        // All seven at once need more than the default 128 MiB (seaborn alone peaks near
        // 92 MiB); each fits the default on its own, as the next test shows for pandas.
        RunResult r = TestEngine.run("python", code, LimitRequest.DEFAULTS.withMemoryMb(512));

        Map<String, String> versions = python().libraries()
            .stream()
            .collect(Collectors.toMap(Library::module, Library::version));
        String expected = versions.entrySet()
            .stream()
            .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(
                    List.of("numpy", "pandas", "scipy", "matplotlib", "seaborn", "sklearn", "sympy")::indexOf)))
            .map(e -> e.getKey() + " " + e.getValue() + "\n")
            .collect(Collectors.joining());
        assertThat(r.stderrText()).isEmpty();
        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.stdoutText()).isEqualTo(expected + "45 1.5\n");
    }

    @Test
    void numpyAndPandasFitTheDefaultLimits() {
        RunResult r = TestEngine.run("python", "import numpy, pandas\nprint(pandas.Series(numpy.ones(3)).sum())");

        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.stdoutText()).isEqualTo("3.0\n");
    }

    /** The install steps run pip inside a sandbox like this one (python3-pip). */
    @Test
    void pipRunsInTheSandbox() {
        RunResult r = TestEngine.run("python", "import runpy, sys\nsys.argv = ['pip', '--version']\n"
                + "runpy.run_module('pip', run_name='__main__')");

        assertThat(r.stdoutText()).startsWith("pip ").contains("/usr/lib/python3/dist-packages/pip");
    }

    @Test
    void onlyTheChosenLibrariesThatAreInstalledAreListed() {
        Language python = python();
        LibraryProbe probe = new LibraryProbe(TestEngine.get().sandbox());

        assertThat(probe.find(python, List.of())).isEmpty();
        assertThat(probe.find(python, List.of("sklearn", "no-such-library", "numpy", "x; rm -rf /", "-c", "numpy")))
            .extracting(Library::name)
            .containsExactly("scikit-learn", "numpy");
        assertThat(probe.find(python, List.of("scikit-learn"))).extracting(Library::module).containsExactly("sklearn");
    }

}
