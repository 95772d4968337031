package dev.sandlot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SANDLOT_PYTHON_LIBRARIES: what it chooses, what it refuses, and that the server, the
 * engine and ./sandlot start from the same seven.
 */
class PythonLibrariesPropertiesTest {

    @Test
    void aListIsTrimmedAndNoneOrEmptyChoosesNothing() {
        assertThat(new PythonLibrariesProperties(" numpy , sklearn,numpy ").names()).containsExactly("numpy",
                "sklearn");
        assertThat(new PythonLibrariesProperties("none").names()).isEmpty();
        assertThat(new PythonLibrariesProperties(" ").names()).isEmpty();
    }

    @Test
    void onlyNamesAreAccepted() {
        Pattern choice = Pattern.compile(PythonLibrariesProperties.CHOICE);
        for (String good : List.of(PythonLibrariesProperties.DEFAULT, "none", "", "numpy", "scikit-learn, sympy"))
            assertThat(choice.matcher(good).matches()).as(good).isTrue();
        for (String bad : List.of("numpy;rm -rf /", "-c", "numpy,,pandas", "../x", "a b", "x\nimport os",
                "n".repeat(101)))
            assertThat(choice.matcher(bad).matches()).as(bad).isFalse();
    }

    @Test
    void theServerTheEngineAndTheLauncherDefaultToTheSameSeven() throws IOException {
        List<String> server = new PythonLibrariesProperties(PythonLibrariesProperties.DEFAULT).names();
        assertThat(server).hasSize(7);

        JsonNode languages;
        try (InputStream in = getClass().getResourceAsStream("/dev/sandlot/engine/languages.json")) {
            languages = JsonMapper.builder().build().readTree(in);
        }
        JsonNode python = null;
        for (JsonNode l : languages) {
            if (l.path("id").asString().equals("python"))
                python = l;
        }
        assertThat(python).isNotNull();
        List<String> engine = new ArrayList<>();
        for (JsonNode name : python.path("libraries"))
            engine.add(name.asString());
        assertThat(engine).isEqualTo(server);

        String script = Files.readString(repository().resolve("sandlot"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^PYTHON_LIBRARIES_DEFAULT=\"([^\"]*)\"$").matcher(script);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo(PythonLibrariesProperties.DEFAULT);
    }

    private static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("sandlot")) && Files.isDirectory(dir.resolve("server")))
                return dir;
        }
        throw new IllegalStateException("no ./sandlot above the working directory");
    }

}
