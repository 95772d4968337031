package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourcePathsTest {

    @ParameterizedTest
    @ValueSource(strings = { "main.py", "src/app/Main.java", ".env", "dir.with.dots/file", "ünïcødé.txt", "a b.txt",
            "lib/-util.c", "a-b.c", "mail@x.txt" })
    void acceptsOrdinaryRelativePaths(String path) {
        assertThat(SourcePaths.problem(path)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|',
            value = { "../up.py|'..'", "a/../../b|'..'", "./main.py|'.'", "/etc/passwd|relative", "a//b|empty segments",
                    "dir/|empty segments", "back\\\\slash|separator", "tab\there|control characters",
                    "-o|compilers read", "-toolexec=/bin/sh x.sh #.go|compilers read", "@argfile|compilers read",
                    "--help.c|compilers read", })
    void refusesPathsThatLeaveOrConfuseTheWorkspace(String path, String reason) {
        assertThat(SourcePaths.problem(path)).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = { "e\u0301.txt" })
    void refusesUnnormalisedUnicode(String path) {
        assertThat(SourcePaths.problem(path)).contains("NFC");
    }

    @ParameterizedTest
    @ValueSource(ints = { 256, 1025 })
    void refusesOverlongNames(int length) {
        assertThat(SourcePaths.problem("a".repeat(length))).contains("at most");
    }

}
