package dev.sandlot.engine;

import dev.sandlot.engine.sandbox.Bind;
import dev.sandlot.engine.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sandlot's matplotlib backend, a Python module (resource sandlot_plots.py) that Python
 * runs find at {@link RunPlanner#PYTHON_MODULES}: {@code plt.show()} saves the open
 * figures as PNGs into the output folder, so a plot comes back as a returned file.
 */
final class PlotBackend {

    static final String MODULE = "sandlot_plots";

    private static final String RESOURCE = "/dev/sandlot/engine/python/" + MODULE + ".py";

    private PlotBackend() {
    }

    /**
     * What Python runs get for plotting: the module's folder and, when matplotlib is
     * there, its font list (so a plot does not first scan the fonts), with the
     * environment that points matplotlib at them.
     */
    record Mounts(List<Bind> binds, Map<String, String> env) {

        Mounts {
            binds = List.copyOf(binds);
            env = Map.copyOf(env);
        }
    }

    /**
     * Writes the module (and a copy of the font list from {@code fontCache}) into the
     * engine's runtime files.
     */
    static Mounts install(Sandbox sandbox, List<Language> languages, Path fontCache) throws IOException {
        Path dir = sandbox.runtimeFile("python-modules");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path module = dir.resolve(MODULE + ".py");
        try (InputStream in = PlotBackend.class.getResourceAsStream(RESOURCE)) {
            if (in == null)
                throw new IOException("missing " + RESOURCE);
            Files.write(module, in.readAllBytes());
        }
        Files.setPosixFilePermissions(module, PosixFilePermissions.fromString("rw-r--r--"));
        List<Bind> binds = new ArrayList<>(List.of(Bind.readOnly(dir, RunPlanner.PYTHON_MODULES)));
        Map<String, String> env = new LinkedHashMap<>(
                Map.of("MPLBACKEND", "module://" + MODULE, "PYTHONPATH", RunPlanner.PYTHON_MODULES));
        Path fonts = PlotFonts.find(sandbox, languages, fontCache);
        if (fonts != null) {
            Path copy = dir.resolve(fonts.getFileName().toString());
            Files.copy(fonts, copy, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
            binds.add(Bind.readOnly(copy, PlotFonts.CONFIG_DIR + "/" + copy.getFileName()));
            env.put("MPLCONFIGDIR", PlotFonts.CONFIG_DIR);
        }
        return new Mounts(binds, env);
    }

}
