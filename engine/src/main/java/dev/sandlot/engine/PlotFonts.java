package dev.sandlot.engine;

import dev.sandlot.engine.sandbox.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * matplotlib's font list, made once per host and matplotlib version by the engine's own
 * script in a sandbox, then given read-only to every Python run: each run has a fresh
 * /tmp, and without the list every plot would first spend a fifth of a second scanning
 * the system's fonts. No run's program ever writes it.
 */
final class PlotFonts {

    /** MPLCONFIGDIR of Python runs: writable (in /tmp), with the font list bound in. */
    static final String CONFIG_DIR = "/tmp/matplotlib";

    private static final Pattern FILE_NAME = Pattern.compile("fontlist-v[0-9]{1,6}\\.json");

    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+-]{1,32}");

    private static final String SCRIPT = """
            import glob, os, sys
            import matplotlib.font_manager
            found = glob.glob(os.path.join(os.environ["MPLCONFIGDIR"], "fontlist-v*.json"))
            if found:
                sys.stdout.write(os.path.basename(found[0]) + "\\n")
                with open(found[0], encoding="utf-8") as f:
                    sys.stdout.write(f.read())
            """;

    private static final Logger log = LoggerFactory.getLogger(PlotFonts.class);

    private PlotFonts() {
    }

    /**
     * The font list in {@code cacheRoot} for this matplotlib, made there first if needed,
     * or null when there is no matplotlib or the list cannot be made.
     */
    static Path find(Sandbox sandbox, List<Language> languages, Path cacheRoot) {
        for (Language language : languages) {
            for (Library library : language.libraries()) {
                if (library.module().equals("matplotlib") && VERSION.matcher(library.version()).matches())
                    return find(sandbox, language, cacheRoot.resolve(library.version()));
            }
        }
        return null;
    }

    private static Path find(Sandbox sandbox, Language python, Path dir) {
        try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            Path made = files.filter(f -> FILE_NAME.matcher(f.getFileName().toString()).matches())
                .findFirst()
                .orElse(null);
            return made != null ? made : make(sandbox, python, dir);
        }
        catch (IOException | RuntimeException e) {
            log.warn("matplotlib's font list could not be made in {}, so each plot scans the fonts: {}", dir,
                    e.getMessage());
            return null;
        }
    }

    private static Path make(Sandbox sandbox, Language python, Path dir) throws IOException {
        String out = ProbeScript.output(sandbox, python, "font list", SCRIPT, List.of(),
                Map.of("MPLCONFIGDIR", CONFIG_DIR));
        int newline = out.indexOf('\n');
        String name = newline < 0 ? "" : out.substring(0, newline);
        if (!FILE_NAME.matcher(name).matches())
            throw new IOException("matplotlib wrote no font list");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path temp = Files.createTempFile(dir, "fontlist", ".tmp");
        Files.writeString(temp, out.substring(newline + 1), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        Path file = dir.resolve(name);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        log.info("made matplotlib's font list for Python runs: {}", file);
        return file;
    }

}
