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

}
