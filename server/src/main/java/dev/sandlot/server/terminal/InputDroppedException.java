package dev.sandlot.server.terminal;

/**
 * Keystrokes the terminal did not take: its shell is not reading and the queue to the
 * sandbox is full. The client is told 429 and may send again.
 */
final class InputDroppedException extends RuntimeException {

    InputDroppedException() {
        super("the terminal is not reading its input; it was dropped");
    }

}
