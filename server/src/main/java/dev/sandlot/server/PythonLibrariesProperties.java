package dev.sandlot.server;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Python's built-in libraries ({@code sandlot.python.libraries}, environment
 * {@code SANDLOT_PYTHON_LIBRARIES}): the same setting tells ./sandlot which Debian
 * packages to install ({@code python3-<name>}) and the server which libraries to look for
 * and list in GET /api/v1/languages.
 *
 * @param libraries comma-separated import names (e.g. {@code numpy,sklearn}), or
 * {@code none} (or empty) for none
 */
@Validated
@ConfigurationProperties("sandlot.python")
public record PythonLibrariesProperties(@DefaultValue(DEFAULT) @NotNull @Pattern(regexp = CHOICE,
        message = "must be none or comma-separated library names such as numpy,pandas") String libraries) {

    /** All seven, as ./sandlot installs them by default. */
    public static final String DEFAULT = "numpy,pandas,scipy,matplotlib,seaborn,sklearn,sympy";

    static final String NAME = "[A-Za-z0-9][A-Za-z0-9_-]{0,99}";

    static final String CHOICE = "\\s*(none|(" + NAME + ")(\\s*,\\s*" + NAME + ")*)?\\s*";

    /** The chosen names, none for {@code none}. */
    public List<String> names() {
        String value = libraries.strip();
        if (value.isEmpty() || value.equals("none"))
            return List.of();
        return Arrays.stream(value.split(",")).map(String::strip).distinct().toList();
    }
}
