package dev.sandlot.engine.packages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The Node preload of terminals ({@code NODE_OPTIONS=--require <file>}): at each
 * process's start it puts the newest package generation under {@code $SANDLOT_PACKAGES}
 * first on the module path. Runs need none: their NODE_PATH names the generation current
 * at their start.
 */
public final class NodePreload {

    static final String RESOURCE = "/dev/sandlot/engine/node/packages-preload.js";

    private NodePreload() {
    }

    /** The script's bytes, to write where the terminal's shell files are. */
    public static byte[] script() {
        try (InputStream in = NodePreload.class.getResourceAsStream(RESOURCE)) {
            if (in == null)
                throw new IOException("missing " + RESOURCE);
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
