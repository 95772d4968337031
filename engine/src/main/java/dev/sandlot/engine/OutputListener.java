package dev.sandlot.engine;

/**
 * Receives a run's output as it is produced (only what is kept: nothing past the output
 * limit). Called from the engine's reader threads; implementations must be quick and
 * thread-safe.
 */
public interface OutputListener {

    OutputListener NONE = new OutputListener() {
    };

    /** The run stage has started: the program is now reading stdin. */
    default void started() {
    }

    default void stdout(byte[] chunk) {
    }

    default void stderr(byte[] chunk) {
    }

}
