package dev.sandlot.engine;

import dev.sandlot.engine.sandbox.Bind;
import dev.sandlot.engine.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

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

    /** Writes the module into the engine's runtime files; the bind that mounts it. */
    static Bind install(Sandbox sandbox) throws IOException {
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
        return Bind.readOnly(dir, RunPlanner.PYTHON_MODULES);
    }

}
