package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Requests the engine refuses before anything runs, each naming the field at fault. */
@Tag("sandbox")
class RunRequestValidationTest {

    private static InvalidFieldException refusal(RunRequest request) {
        try {
            TestEngine.get().run(request);
        }
        catch (InvalidFieldException e) {
            return e;
        }
        throw new AssertionError("the request was accepted");
    }

    @Test
    void unknownLanguageListsTheInstalledOnes() {
        InvalidFieldException e = refusal(RunRequest.builder("cobol").file("main.cob", "x").build());

        assertThat(e).isInstanceOf(UnknownLanguageException.class);
        assertThat(e.field()).isEqualTo("language");
        assertThat(((UnknownLanguageException) e).available()).contains("python", "java", "c");
    }

    @Test
    void aliasesAndVersionPrefixesAreAccepted() {
        Language python = TestEngine.get().language("py", "3");
        assertThat(python.id()).isEqualTo("python");

        InvalidFieldException e = refusal(RunRequest.builder("python").version("2.7").file("main.py", "pass").build());
        assertThat(e.field()).isEqualTo("version");
        assertThat(e.getMessage()).contains(python.version());
    }

    @Test
    void pathsThatLeaveTheWorkspaceAreRefused() {
        for (String bad : new String[] { "../escape.py", "/etc/passwd", "a/../../b.py", "a//b.py", "dir/", "nul\0.py",
                "back\\slash.py" }) {
            InvalidFieldException e = refusal(
                    RunRequest.builder("python").file("main.py", "pass").file(bad, "x").build());
            assertThat(e.field()).as(bad).isEqualTo("files[1].name");
        }
    }

    @Test
    void emptyDuplicateAndOversizedFilesAreRefused() {
        assertThat(refusal(RunRequest.builder("python").build()).field()).isEqualTo("files");
        assertThat(refusal(RunRequest.builder("python").file("a.py", "").file("a.py", "").build()).field())
            .isEqualTo("files[1].name");
        InvalidFieldException big = refusal(
                RunRequest.builder("python").file("main.py", "#".repeat(300 * 1024)).build());
        assertThat(big.field()).isEqualTo("files");
        assertThat(big.maximum()).isEqualTo(256L * 1024);
    }

    @Test
    void entryMustBeOneOfTheFiles() {
        assertThat(refusal(RunRequest.builder("python").file("main.py", "pass").entry("other.py").build()).field())
            .isEqualTo("entry");
    }

    @Test
    void limitsBelowWhatCanWorkAreRefused() {
        InvalidFieldException e = refusal(RunRequest.builder("python")
            .file("main.py", "pass")
            .limits(LimitRequest.DEFAULTS.withWallTimeMs(0))
            .build());
        assertThat(e.field()).isEqualTo("limits.wallTimeMs");
        assertThat(e.detail()).contains("at least 1");
    }

    @Test
    void argumentsWithNulAreRefused() {
        assertThatThrownBy(() -> TestEngine.get()
            .run(RunRequest.builder("python").file("main.py", "pass").args("ok", "bad\0").build()))
            .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("args[1]"));
    }

}
