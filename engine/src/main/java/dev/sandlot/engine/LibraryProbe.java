package dev.sandlot.engine;

import dev.sandlot.engine.sandbox.HelperRequest;
import dev.sandlot.engine.sandbox.Sandbox;
import dev.sandlot.engine.sandbox.SandboxProcess;
import dev.sandlot.engine.sandbox.SandboxSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds which of a Python installation's built-in libraries are there, and their
 * versions: the interpreter reads the packages' metadata inside the sandbox, as a run
 * would see them, without importing them. A library that is missing is left out.
 */
final class LibraryProbe {

    static final String SCRIPT = "/dev/sandlot/engine/python/libraries.py";

    /** An import or distribution name; nothing a shell or Python would read as more. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    private static final Logger log = LoggerFactory.getLogger(LibraryProbe.class);

    private final Sandbox sandbox;

    LibraryProbe(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** The named libraries that this installation has, in the order asked for. */
    List<Library> find(Language language, List<String> names) {
        List<String> valid = new ArrayList<>();
        for (String name : names) {
            if (NAME.matcher(name).matches() && !valid.contains(name))
                valid.add(name);
            else if (!NAME.matcher(name).matches())
                log.warn("{}: ignoring the library name {}", language.id(), name);
        }
        if (valid.isEmpty() || language.runCommand().isEmpty())
            return List.of();
        try {
            return parse(run(language, valid));
        }
        catch (IOException e) {
            log.warn("{} at {}: could not look for its libraries: {}", language.id(), language.home(), e.toString());
            return List.of();
        }
    }

    private String run(Language language, List<String> names) throws IOException {
        return ProbeScript.output(sandbox, language, "library probe", ProbeScript.resource(SCRIPT), names, Map.of());
    }

    /** Lines of "requested, distribution, version, import name", tab-separated. */
    static List<Library> parse(String output) {
        List<Library> found = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] fields = line.split("\t", -1);
            if (fields.length != 4 || fields[1].isBlank() || fields[2].isBlank())
                continue;
            Library library = new Library(fields[1].strip(), fields[2].strip(), fields[3].strip());
            if (found.stream().noneMatch(l -> l.name().equals(library.name())))
                found.add(library);
        }
        return List.copyOf(found);
    }

}
