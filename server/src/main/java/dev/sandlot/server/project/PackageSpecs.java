package dev.sandlot.server.project;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.packages.Ecosystem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Package specifiers, checked before anything reaches pip or npm: names per PEP 508 and
 * npm's naming rules, version constraints only — no URL, path, option, VCS reference,
 * environment marker or {@code file:}. The manifests a project keeps are edited here, and
 * the manifest an install step gets is rebuilt from the checked entries only.
 */
final class PackageSpecs {

    static final int MAX_PER_REQUEST = 50;

    static final int MAX_SPEC_CHARS = 200;

    /** A PEP 508 name, optional extras, then comma-separated version clauses. */
    private static final Pattern PYTHON = Pattern
        .compile("([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(\\[[A-Za-z0-9._-]+(?:,[A-Za-z0-9._-]+)*\\])?"
                + "((?:===|==|!=|<=|>=|~=|<|>)[A-Za-z0-9.*+!_-]+(?:,(?:===|==|!=|<=|>=|~=|<|>)[A-Za-z0-9.*+!_-]+)*)?");

    private static final Pattern NPM_NAME = Pattern.compile("(?:@[a-z0-9~][a-z0-9._~-]*/)?[a-z0-9~][a-z0-9._~-]*");

    /**
     * A semver range or a dist-tag: no ':', '/', '#' (URLs, paths, git, file:, aliases).
     */
    private static final Pattern NPM_RANGE = Pattern.compile("[A-Za-z0-9.^~<>=*|+ x-]{1,64}");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PackageSpecs() {
    }

    /** One checked entry: the name as the manifest keys it, and the whole specifier. */
    record Spec(String name, String text) {
    }

    static List<Spec> checkAll(Ecosystem ecosystem, String field, List<String> specs, boolean namesOnly) {
        if (specs.size() > MAX_PER_REQUEST) {
            throw new InvalidFieldException(field, "must have at most " + MAX_PER_REQUEST + " packages",
                    (long) MAX_PER_REQUEST);
        }
        List<Spec> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++)
            out.add(check(ecosystem, field + "[" + i + "]", specs.get(i), namesOnly));
        return out;
    }

    static Spec check(Ecosystem ecosystem, String field, String raw, boolean nameOnly) {
        if (raw == null || raw.isBlank())
            throw new InvalidFieldException(field, "is required");
        String spec = raw.strip();
        if (spec.length() > MAX_SPEC_CHARS)
            throw new InvalidFieldException(field, "must be at most " + MAX_SPEC_CHARS + " characters");
        if (spec.startsWith("-"))
            throw new InvalidFieldException(field, "'" + spec + "' is an option; only package names and versions");
        if (spec.contains("://") || spec.startsWith("git+") || spec.startsWith("file:")
                || (spec.contains("/") && !(ecosystem == Ecosystem.NODE && spec.startsWith("@")))) {
            throw new InvalidFieldException(field,
                    "'" + spec + "' is a URL or a path; only package names and versions from the index");
        }
        return ecosystem == Ecosystem.PYTHON ? python(field, spec, nameOnly) : node(field, spec, nameOnly);
    }

    private static Spec python(String field, String spec, boolean nameOnly) {
        String compact = spec.replace(" ", "");
        Matcher m = PYTHON.matcher(compact);
        if (!m.matches() || (nameOnly && (m.group(2) != null || m.group(3) != null))) {
            throw new InvalidFieldException(field, "'" + spec + "' is not "
                    + (nameOnly ? "a package name" : "a package name with optional version constraints (numpy>=1.24)"));
        }
        return new Spec(normalized(m.group(1)), compact);
    }

    private static Spec node(String field, String spec, boolean nameOnly) {
        int at = spec.indexOf('@', 1);
        String name = at < 0 ? spec : spec.substring(0, at);
        String range = at < 0 ? null : spec.substring(at + 1);
        if (!NPM_NAME.matcher(name).matches() || name.length() > 214)
            throw new InvalidFieldException(field,
                    "'" + spec + "' is not an npm package name (lowercase, e.g. lodash)");
        if (range != null && (nameOnly || !NPM_RANGE.matcher(range).matches())) {
            throw new InvalidFieldException(field,
                    "'" + spec + "' has no usable version: give a version or range (lodash@^4.17), nothing else");
        }
        return new Spec(name, range == null ? name : name + "@" + range.strip());
    }

    /** PEP 503's normalised name: what pip compares. */
    static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    /** The entries of a project's manifest; each checked, naming its line or key. */
    static List<Spec> parse(Ecosystem ecosystem, String manifest) {
        return ecosystem == Ecosystem.PYTHON ? parseRequirements(manifest)
                : List.copyOf(parseDependencies(manifest).values());
    }

    private static List<Spec> parseRequirements(String text) {
        List<Spec> specs = new ArrayList<>();
        if (text == null)
            return specs;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]);
            if (line.isEmpty())
                continue;
            specs.add(check(Ecosystem.PYTHON, "requirements.txt line " + (i + 1), line, false));
            if (specs.size() > 500)
                throw new InvalidFieldException("requirements.txt", "must list at most 500 packages", 500L);
        }
        return specs;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return (hash < 0 ? line : line.substring(0, hash)).strip();
    }

    private static Map<String, Spec> parseDependencies(String text) {
        Map<String, Spec> specs = new LinkedHashMap<>();
        if (text == null || text.isBlank())
            return specs;
        JsonNode root;
        try {
            root = JSON.readTree(text);
        }
        catch (JacksonException e) {
            throw new InvalidFieldException("package.json", "is not JSON: " + e.getOriginalMessage());
        }
        if (!root.isObject())
            throw new InvalidFieldException("package.json", "must be a JSON object");
        for (String section : List.of("dependencies", "devDependencies")) {
            JsonNode deps = root.get(section);
            if (deps == null || deps.isNull())
                continue;
            if (!deps.isObject())
                throw new InvalidFieldException("package.json " + section, "must be an object");
            for (var entry : deps.properties()) {
                String field = "package.json " + section + "." + entry.getKey();
                if (!entry.getValue().isString())
                    throw new InvalidFieldException(field, "must be a version string");
                Spec spec = check(Ecosystem.NODE, field, entry.getKey() + "@" + entry.getValue().asString(), false);
                specs.put(spec.name(), spec);
                if (specs.size() > 500)
                    throw new InvalidFieldException("package.json", "must list at most 500 packages", 500L);
            }
        }
        return specs;
    }

    /**
     * The project's manifest after adding and removing: lines or keys of other packages
     * stay as they were.
     */
    static String edit(Ecosystem ecosystem, String manifest, List<Spec> add, List<Spec> remove) {
        return ecosystem == Ecosystem.PYTHON ? editRequirements(manifest, add, remove)
                : editPackageJson(manifest, add, remove);
    }

    private static String editRequirements(String text, List<Spec> add, List<Spec> remove) {
        List<String> gone = new ArrayList<>();
        add.forEach(s -> gone.add(s.name()));
        remove.forEach(s -> gone.add(s.name()));
        List<String> kept = new ArrayList<>();
        if (text != null && !text.isEmpty()) {
            for (String line : text.split("\r?\n", -1)) {
                String entry = stripComment(line);
                if (!entry.isEmpty()) {
                    Matcher m = PYTHON.matcher(entry.replace(" ", ""));
                    if (m.matches() && gone.contains(normalized(m.group(1))))
                        continue;
                }
                kept.add(line);
            }
        }
        while (!kept.isEmpty() && kept.getLast().isBlank())
            kept.removeLast();
        add.forEach(s -> kept.add(s.text()));
        return kept.isEmpty() ? "" : String.join("\n", kept) + "\n";
    }

    private static String editPackageJson(String text, List<Spec> add, List<Spec> remove) {
        ObjectNode root;
        if (text == null || text.isBlank()) {
            root = JSON.createObjectNode();
            root.put("name", "project");
            root.put("private", true);
        }
        else {
            parseDependencies(text); // refuses what is not usable, naming it
            root = (ObjectNode) JSON.readTree(text);
        }
        for (String section : List.of("dependencies", "devDependencies")) {
            if (root.get(section) instanceof ObjectNode deps) {
                remove.forEach(s -> deps.remove(s.name()));
                add.forEach(s -> deps.remove(s.name()));
            }
        }
        if (!add.isEmpty()) {
            ObjectNode deps = root.get("dependencies") instanceof ObjectNode d ? d : root.putObject("dependencies");
            for (Spec s : add)
                deps.put(s.name(), range(s));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** An npm specifier's range, or "latest" when it names none. */
    private static String range(Spec spec) {
        int at = spec.text().indexOf('@', 1);
        return at < 0 ? "latest" : spec.text().substring(at + 1);
    }

    /**
     * The manifest an install step gets: only the checked entries, in the installer's
     * format, nothing else of the project's file (no scripts, no overrides, no options).
     */
    static byte[] installManifest(Ecosystem ecosystem, List<Spec> specs) {
        if (ecosystem == Ecosystem.PYTHON) {
            StringBuilder out = new StringBuilder();
            specs.forEach(s -> out.append(s.text()).append('\n'));
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("name", "sandlot-project");
        root.put("version", "0.0.0");
        root.put("private", true);
        ObjectNode deps = root.putObject("dependencies");
        for (Spec s : specs)
            deps.put(s.name(), range(s));
        return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }

}
