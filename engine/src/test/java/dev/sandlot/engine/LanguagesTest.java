package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hello world and a compile (or syntax) error for every required language, plus
 * multi-file programs.
 */
@Tag("sandbox")
class LanguagesTest {

    static List<Arguments> hello() {
        return List.of(Arguments.of("python", "import sys\nprint('Hello, ' + sys.argv[1] + '!')"),
                Arguments.of("javascript", "console.log(`Hello, ${process.argv[2]}!`);"),
                Arguments.of("typescript", "const who: string = process.argv[2];\nconsole.log(`Hello, ${who}!`);"),
                Arguments.of("c", "#include <stdio.h>\nint main(int c, char **v) { printf(\"Hello, %s!\\n\", v[1]); }"),
                Arguments.of("cpp",
                        "#include <iostream>\nint main(int c, char **v) { std::cout << \"Hello, \" << v[1] << \"!\\n\"; }"),
                Arguments.of("rust",
                        "fn main() { let who = std::env::args().nth(1).unwrap(); println!(\"Hello, {}!\", who); }"),
                Arguments.of("go",
                        "package main\nimport (\"fmt\"; \"os\")\nfunc main() { fmt.Printf(\"Hello, %s!\\n\", os.Args[1]) }"),
                Arguments.of("java",
                        "public class Main { public static void main(String[] a) { System.out.println(\"Hello, \" + a[0] + \"!\"); } }"),
                Arguments.of("bash", "echo \"Hello, $1!\""), Arguments.of("perl", "print \"Hello, $ARGV[0]!\\n\";"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hello")
    void helloWorld(String language, String code) {
        Language l = TestEngine.get().language(language, null);
        RunResult r = TestEngine.get()
            .run(RunRequest.builder(language).file(l.fileNameFor(code), code).args("Sandlot").build());

        assertThat(r.status()).as(r.stderrText()).isEqualTo(Status.OK);
        assertThat(r.stdoutText()).isEqualTo("Hello, Sandlot!\n");
        assertThat(r.version()).isEqualTo(l.version()).isNotBlank();
    }

    static List<Arguments> broken() {
        return List.of(Arguments.of("typescript", "const x: number = ;\n", "main.ts"),
                Arguments.of("c", "int main(void) { return missing; }\n", "missing"),
                Arguments.of("cpp", "int main() { undeclared(); }\n", "undeclared"),
                Arguments.of("rust", "fn main() { let x: i32 = \"text\"; }\n", "mismatched types"),
                Arguments.of("go", "package main\nfunc main() { x := 1 }\n", "not used"),
                Arguments.of("java", "public class Main { public static void main(String[] a) { int x = \"s\"; } }\n",
                        "incompatible types"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void compileErrorIsReportedWithTheCompilersMessage(String language, String code, String expected) {
        RunResult r = TestEngine.run(language, code);

        assertThat(r.status()).isEqualTo(Status.COMPILE_ERROR);
        assertThat(r.compile().status()).isEqualTo(Status.COMPILE_ERROR);
        assertThat(r.compile().stdoutText() + r.compile().stderrText()).contains(expected);
        assertThat(r.run()).isNull();
    }

    static List<Arguments> syntaxErrors() {
        return List.of(Arguments.of("python", "print('unclosed'\n", "SyntaxError"),
                Arguments.of("javascript", "function (\n", "SyntaxError"),
                Arguments.of("bash", "if then fi\n", "syntax error"),
                Arguments.of("perl", "print 'x\n", "Can't find string terminator"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxErrors")
    void interpretedSyntaxErrorIsARuntimeErrorWithTheMessage(String language, String code, String expected) {
        RunResult r = TestEngine.run(language, code);

        assertThat(r.status()).isEqualTo(Status.RUNTIME_ERROR);
        assertThat(r.stderrText()).contains(expected);
    }

    @Test
    void javaFileIsNamedAfterItsPublicClass() {
        String code = "public class Solution { public static void main(String[] a) { System.out.println(\"solved\"); } }";
        assertThat(TestEngine.get().language("java", null).fileNameFor(code)).isEqualTo("Solution.java");

        assertThat(TestEngine.run("java", code).stdoutText()).isEqualTo("solved\n");
    }

    @Test
    void javaMultiFileProgramWithAPackage() {
        RunResult r = TestEngine.get()
            .run(RunRequest.builder("java")
                .file("app/Main.java",
                        "package app;\npublic class Main { public static void main(String[] a) { System.out.println(Util.twice(21)); } }")
                .file("app/Util.java", "package app;\nclass Util { static int twice(int x) { return 2 * x; } }")
                .build());

        assertThat(r.status()).as(r.compile().stderrText()).isEqualTo(Status.OK);
        assertThat(r.stdoutText()).isEqualTo("42\n");
    }

    @Test
    void olderJavaVersionCanBeChosenAndIsNotServedFromTheNewerOnesCache() {
        List<Language> javas = TestEngine.get().languages().stream().filter(l -> l.id().equals("java")).toList();
        org.junit.jupiter.api.Assumptions.assumeTrue(javas.size() > 1, "only one JDK installed");
        String code = "public class Main { public static void main(String[] a) { System.out.println(Runtime.version().feature()); } }";
        for (Language java : javas) {
            RunResult r = TestEngine.get()
                .run(RunRequest.builder("java").version(java.version()).file("Main.java", code).build());
            assertThat(r.version()).isEqualTo(java.version());
            assertThat(r.stdoutText().strip()).isEqualTo(java.version().split("\\.")[0]);
        }
    }

    @Test
    void pythonMultiFileProgramImportsItsOwnModules() {
        RunResult r = TestEngine.get()
            .run(RunRequest.builder("python")
                .file("main.py", "from lib.greet import greet\nprint(greet('modules'))")
                .file("lib/__init__.py", "")
                .file("lib/greet.py", "def greet(who):\n    return 'hello ' + who\n")
                .build());

        assertThat(r.stdoutText()).isEqualTo("hello modules\n");
    }

    @Test
    void pythonEntryPointCanBeAnyFile() {
        RunResult r = TestEngine.get()
            .run(RunRequest.builder("python")
                .file("helper.py", "VALUE = 7")
                .file("solution.py", "import helper, sys\nprint(helper.VALUE, sys.argv[0], __name__)")
                .entry("solution.py")
                .build());

        assertThat(r.stdoutText()).isEqualTo("7 solution.py __main__\n");
    }

    @Test
    void cMultiFileProgramWithAHeader() {
        RunResult r = TestEngine.get()
            .run(RunRequest.builder("c")
                .file("main.c",
                        "#include <stdio.h>\n#include \"add.h\"\nint main(void) { printf(\"%d\\n\", add(2, 3)); }")
                .file("add.h", "int add(int a, int b);")
                .file("add.c", "#include \"add.h\"\nint add(int a, int b) { return a + b; }")
                .build());

        assertThat(r.stdoutText()).isEqualTo("5\n");
    }

    @Test
    void typescriptImportsAnotherModuleAndReportsTheTsLineOnError() {
        RunResult r = TestEngine.get()
            .run(RunRequest.builder("typescript")
                .file("main.ts",
                        "import { double } from './math';\nconsole.log(double(4));\nthrow new Error('on line 3');\n")
                .file("math.ts", "export function double(x: number): number { return 2 * x; }\n")
                .build());

        assertThat(r.stdoutText()).isEqualTo("8\n");
        assertThat(r.status()).isEqualTo(Status.RUNTIME_ERROR);
        assertThat(r.stderrText()).contains("main.ts:3");
    }

    @Test
    void goAndRustMultiFilePrograms() {
        RunResult go = TestEngine.get()
            .run(RunRequest.builder("go")
                .file("main.go", "package main\nimport \"fmt\"\nfunc main() { fmt.Println(square(9)) }")
                .file("square.go", "package main\nfunc square(x int) int { return x * x }")
                .build());
        RunResult rust = TestEngine.get()
            .run(RunRequest.builder("rust")
                .file("main.rs", "mod util;\nfn main() { println!(\"{}\", util::cube(3)); }")
                .file("util.rs", "pub fn cube(x: i64) -> i64 { x * x * x }")
                .build());

        assertThat(go.stdoutText()).isEqualTo("81\n");
        assertThat(rust.stdoutText()).isEqualTo("27\n");
    }

    @Test
    void theSecondRunOfTheSameProgramReusesTheBuild() {
        String code = "#include <iostream>\nint main() { std::cout << \"cached \" << " + System.nanoTime()
                + "LL << '\\n'; }";
        RunResult first = TestEngine.run("cpp", code);
        RunResult second = TestEngine.run("cpp", code);
        RunResult changed = TestEngine.run("cpp", code.replace("cached", "fresh"));

        assertThat(first.compile().cached()).isFalse();
        assertThat(second.compile().cached()).isTrue();
        assertThat(second.stdoutText()).isEqualTo(first.stdoutText());
        assertThat(changed.compile().cached()).isFalse();
        assertThat(changed.stdoutText()).startsWith("fresh ");
    }

}
