package dev.sandlot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.engine.LimitPolicy;
import dev.sandlot.engine.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings table in README.md ("## Configuration") against the configuration metadata
 * the build writes from the settings records (META-INF/spring-configuration-metadata.json
 * in target/classes): every {@code sandlot.*} setting has a row, with the default the
 * metadata gives, and every variable in the table sets a real setting. A variable is
 * matched the way Spring Boot binds environment variables, so a name in the table that
 * would set nothing fails here.
 *
 * <p>
 * The table's format: a row names one or more variables, the first in full and the others
 * as {@code …_SUFFIX}, which replaces the end of the first name; its defaults are one
 * value for all of them or one per variable, separated by commas, each {@code `value`},
 * {@code none} or {@code empty} and perhaps followed by an explanation in parentheses. A
 * few variables are read by the {@code ./sandlot} script, not the server; they need only
 * appear in it.
 */
class ReadmeSettingsTest {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    private static final String ELLIPSIS = "…_";

    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    private static final Pattern DEFAULT = Pattern.compile("`([^`]*)`|\\b(none|empty)\\b");

    private static final Pattern PARENTHESES = Pattern.compile("\\([^()]*\\)");

    /**
     * One setting of the metadata; {@code defaultValue} is null when the metadata gives
     * none.
     */
    record Setting(String name, String type, JsonNode defaultValue) {

        boolean isMap() {
            return type != null && type.startsWith("java.util.Map<");
        }
    }

    /**
     * A variable of the table resolved to its setting; {@code mapKey} names the entry of
     * a map setting.
     */
    record Resolved(String variable, Setting setting, String mapKey) {
    }

    /**
     * A row of the table: its line in README.md, its variables (expanded) and its
     * defaults.
     */
    record Row(int line, List<String> variables, List<String> defaults) {
    }

    private final Map<String, Setting> settings = metadata();

    private final Path repository = repository();

    @Test
    void theSettingsTableMatchesTheConfigurationMetadata() throws IOException {
        String script = Files.readString(repository.resolve("sandlot"), StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> rowsOf = new LinkedHashMap<>();
        Map<String, Set<String>> mapKeys = new HashMap<>();
        List<Row> rows = table(problems, script);
        assertThat(rows).as("rows of the settings table in README.md").hasSizeGreaterThan(20);

        for (Row row : rows) {
            for (int i = 0; i < row.variables().size(); i++) {
                String variable = row.variables().get(i);
                String where = "README.md:" + row.line() + " " + variable;
                Optional<Resolved> resolved = resolve(variable);
                if (resolved.isEmpty()) {
                    if (!variable.startsWith(ELLIPSIS) && script.contains(variable))
                        continue;
                    problems.add(where + ": names no setting (the server would ignore it)");
                    continue;
                }
                Setting setting = resolved.get().setting();
                String key = resolved.get().mapKey();
                String id = setting.name() + (key == null ? "" : "." + key);
                rowsOf.computeIfAbsent(id, k -> new ArrayList<>()).add(where);
                if (key != null)
                    mapKeys.computeIfAbsent(setting.name(), k -> new TreeSet<>()).add(key);
                if (row.defaults().size() != 1 && row.defaults().size() != row.variables().size()) {
                    problems.add(where + ": the row has " + row.variables().size() + " variables but "
                            + row.defaults().size() + " defaults");
                    continue;
                }
                String documented = row.defaults().get(row.defaults().size() == 1 ? 0 : i);
                JsonNode expected = setting.defaultValue();
                if (key != null)
                    expected = expected == null ? null : expected.get(key);
                if (!sameDefault(documented, expected)) {
                    problems.add(where + " (" + id + "): the table says " + documented + ", the metadata "
                            + (expected == null ? "gives no default" : expected.toString()));
                }
            }
        }
        rowsOf.forEach((id, where) -> {
            if (where.size() > 1)
                problems.add(id + " has more than one row: " + where);
        });
        for (Setting setting : settings.values()) {
            if (!setting.name().startsWith("sandlot."))
                continue;
            if (setting.isMap()) {
                Set<String> listed = mapKeys.getOrDefault(setting.name(), Set.of());
                if (listed.isEmpty())
                    problems.add(setting.name() + " is missing from the table");
                JsonNode defaults = setting.defaultValue();
                if (defaults != null) {
                    for (String key : defaults.propertyNames()) {
                        if (!listed.contains(key))
                            problems.add(setting.name() + "." + key + " (default " + defaults.get(key)
                                    + ") is missing from the table");
                    }
                }
            }
            else if (!rowsOf.containsKey(setting.name())) {
                problems.add(setting.name() + " (default "
                        + (setting.defaultValue() == null ? "none" : setting.defaultValue())
                        + ") is missing from the table");
            }
        }
        assertThat(problems).as("the settings table in README.md").isEmpty();
    }

    @Test
    void theMetadataGivesTheEnginesLimitsAsTheDefaults() {
        LimitPolicy engine = LimitPolicy.standard();
        assertThat(limitDefaults("defaults")).isEqualTo(limits(engine.runDefaults()));
        assertThat(limitDefaults("maximums")).isEqualTo(limits(engine.runMaximums()));
        assertThat(settings.get("sandlot.limits.max-source-bytes").defaultValue().asLong())
            .isEqualTo(engine.maxSourceBytes());
        assertThat(settings.get("sandlot.engine.warm-pool").defaultValue().get("python").asInt())
            .isEqualTo(EngineProperties.DEFAULT_WARM_POOL.get("python"));
    }

    private Map<String, Long> limitDefaults(String set) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String name : List.of("wall-time-ms", "cpu-time-ms", "memory-mb", "max-processes", "max-output-bytes")) {
            JsonNode value = settings.get("sandlot.limits." + set + "." + name).defaultValue();
            values.put(name, value == null ? null : value.asLong());
        }
        return values;
    }

    private static Map<String, Long> limits(Limits l) {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("wall-time-ms", l.wallTimeMs());
        values.put("cpu-time-ms", l.cpuTimeMs());
        values.put("memory-mb", l.memoryMb());
        values.put("max-processes", (long) l.maxProcesses());
        values.put("max-output-bytes", l.maxOutputBytes());
        return values;
    }

    private static boolean sameDefault(String documented, JsonNode expected) {
        boolean nothing = documented.equals("none") || documented.equals("empty");
        if (expected == null || expected.isNull())
            return nothing;
        if ((expected.isString() && expected.asString().isEmpty())
                || ((expected.isArray() || expected.isObject()) && expected.isEmpty()))
            return nothing;
        if (nothing)
            return false;
        if (expected.isNumber()) {
            try {
                return new BigDecimal(documented).compareTo(expected.decimalValue()) == 0;
            }
            catch (NumberFormatException e) {
                return false;
            }
        }
        if (expected.isBoolean())
            return documented.equals(Boolean.toString(expected.asBoolean()));
        if (expected.isString())
            return documented.equals(expected.asString());
        return false;
    }

    /**
     * The setting an environment variable (or a property name) sets, as Spring Boot binds
     * it.
     */
    private Optional<Resolved> resolve(String variable) {
        if (variable.startsWith(ELLIPSIS))
            return Optional.empty();
        if (variable.contains("."))
            return resolveProperty(variable);
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "x"));
        List<Resolved> found = new ArrayList<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.from(environment)) {
            for (Setting setting : settings.values()) {
                if (variable.startsWith("SANDLOT_") != setting.name().startsWith("sandlot."))
                    continue;
                ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(setting.name());
                if (name == null)
                    continue;
                if (setting.isMap()) {
                    if (source.containsDescendantOf(name) != ConfigurationPropertyState.PRESENT)
                        continue;
                    ((IterableConfigurationPropertySource) source).stream()
                        .filter(name::isAncestorOf)
                        .map(child -> child.getElement(name.getNumberOfElements(), Form.UNIFORM))
                        .forEach(key -> found.add(new Resolved(variable, setting, key)));
                }
                else {
                    ConfigurationProperty property = source.getConfigurationProperty(name);
                    if (property != null)
                        found.add(new Resolved(variable, setting, null));
                }
            }
        }
        assertThat(found).as(variable + " sets at most one setting").hasSizeLessThanOrEqualTo(1);
        return found.stream().findFirst();
    }

    private Optional<Resolved> resolveProperty(String property) {
        Setting setting = settings.get(property);
        if (setting != null && !setting.isMap())
            return Optional.of(new Resolved(property, setting, null));
        int dot = property.lastIndexOf('.');
        Setting map = settings.get(property.substring(0, dot));
        if (map != null && map.isMap())
            return Optional.of(new Resolved(property, map, property.substring(dot + 1)));
        return Optional.empty();
    }

    /**
     * The rows of the table, with each {@code …_SUFFIX} expanded against the row's first
     * variable.
     */
    private List<Row> table(List<String> problems, String script) throws IOException {
        List<String> lines = Files.readAllLines(repository.resolve("README.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf("## Configuration");
        assertThat(start).as("README.md has a section ## Configuration").isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (int n = start + 1; n < lines.size() && !lines.get(n).startsWith("## "); n++) {
            String line = lines.get(n);
            if (!line.startsWith("|"))
                continue;
            String[] cells = line.split("\\|", -1);
            if (cells.length < 4 || !cells[1].contains("`"))
                continue; // the header and its rule
            List<String> variables = new ArrayList<>();
            Matcher code = CODE.matcher(cells[1]);
            while (code.find()) {
                String variable = code.group(1).strip();
                if (variable.startsWith(ELLIPSIS)) {
                    if (variables.isEmpty()) {
                        problems.add("README.md:" + (n + 1) + ": a row starts with " + variable);
                        continue;
                    }
                    variable = expand(variables.getFirst(), variable.substring(ELLIPSIS.length()), script);
                }
                variables.add(variable);
            }
            String defaultCell = cells[2];
            for (String before = ""; !before.equals(defaultCell);) {
                before = defaultCell;
                defaultCell = PARENTHESES.matcher(defaultCell).replaceAll("");
            }
            List<String> defaults = new ArrayList<>();
            Matcher value = DEFAULT.matcher(defaultCell);
            while (value.find())
                defaults.add(value.group(1) != null ? value.group(1) : value.group(2));
            if (defaults.isEmpty())
                problems.add("README.md:" + (n + 1) + ": no default (`value`, none or empty)");
            else
                rows.add(new Row(n + 1, variables, defaults));
        }
        return rows;
    }

    /**
     * {@code …_SUFFIX} after {@code first}: the longest beginning of {@code first} that
     * makes a real name.
     */
    private String expand(String first, String suffix, String script) {
        for (int end = first.lastIndexOf('_'); end > 0; end = first.lastIndexOf('_', end - 1)) {
            String candidate = first.substring(0, end + 1) + suffix;
            if (resolve(candidate).isPresent() || script.contains(candidate))
                return candidate;
        }
        return ELLIPSIS + suffix;
    }

    /**
     * Every configuration metadata file on the class path: Sandlot's (target/classes) and
     * Spring Boot's.
     */
    private static Map<String, Setting> metadata() {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Setting> settings = new LinkedHashMap<>();
        boolean sandlot = false;
        try {
            for (URL url : Collections.list(ReadmeSettingsTest.class.getClassLoader().getResources(METADATA))) {
                JsonNode root;
                try (InputStream in = url.openStream()) {
                    root = json.readTree(in);
                }
                for (JsonNode p : root.path("properties")) {
                    String name = p.path("name").asString();
                    if (name.startsWith("sandlot."))
                        sandlot |= url.getProtocol().equals("file");
                    JsonNode value = p.get("defaultValue");
                    settings.putIfAbsent(name, new Setting(name, p.path("type").asString(null), value));
                }
            }
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot read " + METADATA, e);
        }
        assertThat(sandlot).as("the build's " + METADATA + " in target/classes (spring-boot-configuration-processor)")
            .isTrue();
        return settings;
    }

    /**
     * The repository's root: the directory above the server module, where README.md is.
     */
    private static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("server")))
                return dir;
        }
        throw new IllegalStateException("no README.md above " + here);
    }

}
