package dev.sandlot.engine;

import dev.sandlot.engine.sandbox.Bind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads language definitions (the built-in languages.json, then operator files, whose
 * entries replace built-in ones with the same id) and turns each into candidate
 * installations: one per existing home directory that has the files the definition
 * requires. Versions are found later, in the sandbox.
 */
final class LanguageCatalog {

    static final String BUILT_IN = "/dev/sandlot/engine/languages.json";

    private static final JsonMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private LanguageCatalog() {
    }

    static List<LanguageDefinition> load(List<Path> operatorFiles) {
        Map<String, LanguageDefinition> byId = new LinkedHashMap<>();
        try (InputStream in = LanguageCatalog.class.getResourceAsStream(BUILT_IN)) {
            if (in == null)
                throw new IllegalStateException("missing " + BUILT_IN);
            for (LanguageDefinition def : parse(in.readAllBytes(), BUILT_IN))
                byId.put(def.id(), def);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : operatorFiles) {
            try {
                for (LanguageDefinition def : parse(Files.readAllBytes(file), file.toString()))
                    byId.put(def.id(), def);
            }
            catch (IOException e) {
                throw new IllegalArgumentException("cannot read language file " + file + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(byId.values());
    }

    static List<LanguageDefinition> parse(byte[] json, String source) {
        try {
            List<LanguageDefinition> defs = JSON.readValue(json, new TypeReference<List<LanguageDefinition>>() {
            });
            for (LanguageDefinition def : defs) {
                if (def.id() == null || def.run() == null || def.fileName() == null || def.version() == null) {
                    throw new IllegalArgumentException(source + ": every language needs id, fileName, version and run");
                }
            }
            return defs;
        }
        catch (JacksonException e) {
            throw new IllegalArgumentException("invalid language file " + source + ": " + e.getOriginalMessage(), e);
        }
    }

    /** An installation found on disk, with its version probe still to run. */
    record Candidate(Language language, List<String> probe, String pattern) {
    }

    static List<Candidate> candidates(LanguageDefinition def) {
        List<Candidate> found = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (String homePattern : def.homes()) {
            for (Path home : glob(homePattern)) {
                Path real;
                try {
                    real = home.toRealPath();
                }
                catch (IOException e) {
                    continue;
                }
                if (!seen.add(real))
                    continue;
                String h = real.toString();
                boolean complete = def.requires().stream().allMatch(r -> Files.exists(Path.of(expand(r, h))));
                if (!complete)
                    continue;
                List<Bind> binds = new ArrayList<>();
                for (String ro : def.readOnlyPaths()) {
                    for (Path p : glob(expand(ro, h)))
                        binds.add(Bind.readOnly(p, p.toString()));
                }
                Language language = new Language(def.id(), def.name(), null, def.aliases(), def.fileName(),
                        multiline(def.fileNameFromSource()), expandAll(def.compile(), h), expandAll(def.run(), h),
                        expandValues(def.env(), h), List.copyOf(binds), def.limits(), def.compileLimits(), def.warm(),
                        multiline(def.memoryErrorPattern()), h, def.packages(), List.of());
                found.add(new Candidate(language, expandAll(def.version().command(), h), def.version().pattern()));
            }
        }
        return found;
    }

    private static Pattern multiline(String regex) {
        return regex == null ? null : Pattern.compile(regex, Pattern.MULTILINE);
    }

    /** Paths matching a pattern whose last segment may hold '*'. */
    static List<Path> glob(String pattern) {
        Path path = Path.of(pattern);
        String last = path.getFileName() == null ? "" : path.getFileName().toString();
        if (!last.contains("*"))
            return Files.exists(path) ? List.of(path) : List.of();
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(path.getParent(), last)) {
            dir.forEach(matches::add);
        }
        catch (IOException e) {
            return List.of();
        }
        matches.sort(null);
        return matches;
    }

    private static String expand(String value, String home) {
        return value.replace("{home}", home);
    }

    private static List<String> expandAll(List<String> values, String home) {
        return values == null ? null : values.stream().map(v -> expand(v, home)).toList();
    }

    private static Map<String, String> expandValues(Map<String, String> env, String home) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((k, v) -> out.put(k, expand(v, home)));
        return out;
    }

}
