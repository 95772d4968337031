package dev.sandlot.server.interview;

/**
 * The live side of pads, as the pad service needs it: implemented by the shared-document
 * hub.
 */
public interface PadDocuments {

    /**
     * Writes the pad's shared text to its project now (not after the usual debounce), so
     * the project's files equal the shared documents when this returns.
     */
    void flush(long padId);

    /**
     * Takes no more edits (they are refused as read-only) and then flushes, so that the
     * project's files are the shared text's last state: the interview is ending. A later
     * {@code PadChanged} of a pad that did not end takes edits again.
     */
    void freeze(long padId);

}
