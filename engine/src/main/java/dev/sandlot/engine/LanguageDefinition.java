package dev.sandlot.engine;

import java.util.List;
import java.util.Map;

/**
 * One entry of the language data file (languages.json), before detection. Strings may
 * hold {home}, the installation directory, which is expanded for every directory matched
 * by {@code homes}. {@code libraries} names the built-in libraries to look for (Python:
 * import or distribution names, found through importlib.metadata).
 */
record LanguageDefinition(String id, String name, List<String> aliases, String fileName, String fileNameFromSource,
        List<String> homes, List<String> requires, VersionProbe version, List<String> compile, List<String> run,
        Map<String, String> env, List<String> readOnlyPaths, LanguageLimits limits, LanguageLimits compileLimits,
        String warm, String memoryErrorPattern, List<String> packages, List<String> libraries) {

    /**
     * How to ask the runtime for its version: a command, and a regex whose group 1 is the
     * version.
     */
    record VersionProbe(List<String> command, String pattern) {
    }

    LanguageDefinition {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        homes = homes == null ? List.of("/usr") : List.copyOf(homes);
        requires = requires == null ? List.of() : List.copyOf(requires);
        env = env == null ? Map.of() : Map.copyOf(env);
        readOnlyPaths = readOnlyPaths == null ? List.of() : List.copyOf(readOnlyPaths);
        limits = limits == null ? LanguageLimits.NONE : limits;
        compileLimits = compileLimits == null ? LanguageLimits.NONE : compileLimits;
        packages = packages == null ? List.of() : List.copyOf(packages);
        libraries = libraries == null ? List.of() : List.copyOf(libraries);
    }
}
