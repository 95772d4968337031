package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {

    private final Limits limits = LimitPolicy.standard().runDefaults();

    @Test
    void expandsEntrySourcesAndArguments() {
        CommandTemplate t = new CommandTemplate("main.c", "", List.of("main.c", "util.c", "util.h", "x.cc"),
                List.of("a", "b c"), limits);

        assertThat(t.expand(List.of("gcc", "-o", "/build/main", "{sources:.c,.cc}", "{entry}", "{args}")))
            .containsExactly("gcc", "-o", "/build/main", "main.c", "util.c", "x.cc", "main.c", "a", "b c");
    }

    @Test
    void compileCommandsOfEveryLanguageNeverPassAFileNameThatReadsAsAnOption() {
        List<String> hostile = List.of("-o", "-toolexec=/bin/sh x #", "@argfile", "-specs=x", "--", "-fplugin=x.so");
        int compiled = 0;
        for (LanguageDefinition language : LanguageCatalog.load(List.of())) {
            if (language.compile() == null)
                continue;
            compiled++;
            String ext = language.fileName().substring(language.fileName().lastIndexOf('.'));
            List<String> names = hostile.stream().map(h -> h + ext).toList();
            CommandTemplate t = new CommandTemplate(names.getFirst(), "", names, List.of(), limits).forCompiler();
            List<String> words = t.expand(language.compile());

            assertThat(words).as(language.id()).anySatisfy(w -> assertThat(w).isEqualTo("./" + names.getFirst()));
            for (String word : words) {
                boolean fromAName = names.stream().anyMatch(word::contains);
                if (fromAName)
                    assertThat(word).as(language.id()).startsWith("./");
            }
        }
        assertThat(compiled).isGreaterThanOrEqualTo(6);
    }

    @Test
    void runCommandsKeepTheEntryAsItIsSoTracebacksNameTheFile() {
        CommandTemplate t = new CommandTemplate("main.py", "", List.of("main.py"), List.of(), limits);

        assertThat(t.expand(List.of("python3", "{entry}"))).containsExactly("python3", "main.py");
    }

    @Test
    void javaEntryClassFollowsThePackage() {
        CommandTemplate t = new CommandTemplate("app/Main.java", "// hi\npackage com.example.app;\nclass Main {}",
                List.of("app/Main.java"), List.of(), limits);

        assertThat(t.expand(List.of("{entryClass}", "{entryBase}"))).containsExactly("com.example.app.Main", "Main");
    }

    @Test
    void memoryPlaceholdersFollowTheLimits() {
        CommandTemplate t = new CommandTemplate("main.js", "", List.of("main.js"), List.of(), limits);

        assertThat(t.expand(Map.of("NODE_OPTIONS", "--max-old-space-size={heapMb}"))).containsEntry("NODE_OPTIONS",
                "--max-old-space-size=96");
        assertThat(t.expand(List.of("-XX:MaxRAM={memoryBytes}"))).containsExactly("-XX:MaxRAM=134217728");
    }

}
