package dev.sandlot.engine;

import dev.sandlot.engine.sandbox.Bind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One installed language at one version: how to compile it (if at all) and how to run it,
 * from the language data file, with the version found at start.
 *
 * @param id stable id used in requests, e.g. "python"
 * @param name display name, e.g. "Python"
 * @param version the version the runtime reported, e.g. "3.11.2"
 * @param aliases other ids accepted in requests, e.g. "py"
 * @param fileName the entry file's default name, e.g. "main.py"
 * @param compileCommand null for interpreted languages
 * @param runCommand the command, with placeholders ({entry}, {args}, ...)
 * @param env environment for every stage of this language
 * @param binds extra read-only host paths the runtime needs
 * @param warm the kind of pre-started sandbox this language supports, or null
 * @param memoryError what the runtime prints when an allocation is refused (e.g. Java's
 * OutOfMemoryError), so that the run is reported as memory_limit; or null
 * @param libraries the built-in libraries found for this installation (empty until
 * detected, and for languages that have none)
 */
public record Language(String id, String name, String version, List<String> aliases, String fileName,
        Pattern fileNameFromSource, List<String> compileCommand, List<String> runCommand, Map<String, String> env,
        List<Bind> binds, LanguageLimits limits, LanguageLimits compileLimits, String warm, Pattern memoryError,
        String home, List<String> packages, List<Library> libraries) {

    public Language {
        libraries = libraries == null ? List.of() : List.copyOf(libraries);
    }

    public boolean compiled() {
        return compileCommand != null && !compileCommand.isEmpty();
    }

    /** The id and version, e.g. "python 3.11.2". */
    public String label() {
        return id + " " + version;
    }

    public boolean answersTo(String idOrAlias) {
        return id.equalsIgnoreCase(idOrAlias) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(idOrAlias));
    }

    /**
     * The file name for a single-file program given without a name. For Java this follows
     * the public class the source declares, as javac requires.
     */
    public String fileNameFor(String source) {
        if (fileNameFromSource == null || source == null)
            return fileName;
        Matcher m = fileNameFromSource.matcher(source);
        if (!m.find())
            return fileName;
        String extension = fileName.contains(".") ? fileName.substring(fileName.lastIndexOf('.')) : "";
        return m.group(1) + extension;
    }

    Language withVersion(String value, List<Bind> extraBinds) {
        List<Bind> all = new ArrayList<>(binds);
        all.addAll(extraBinds);
        return new Language(id, name, value, aliases, fileName, fileNameFromSource, compileCommand, runCommand, env,
                List.copyOf(all), limits, compileLimits, warm, memoryError, home, packages, libraries);
    }

    Language withLibraries(List<Library> value) {
        return new Language(id, name, version, aliases, fileName, fileNameFromSource, compileCommand, runCommand, env,
                binds, limits, compileLimits, warm, memoryError, home, packages, value);
    }
}
