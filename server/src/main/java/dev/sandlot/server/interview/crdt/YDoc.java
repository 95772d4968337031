package dev.sandlot.server.interview.crdt;

import java.util.Map;
import java.util.Optional;

/**
 * A Yjs document on the server, binary-compatible with the yjs npm package (update format
 * v1). SKELETON: the API the hub relies on; the CRDT helper fills it in.
 */
public final class YDoc {

    /**
     * @param clientId the Yjs client id the server's own edits carry
     */
    public YDoc(long clientId) {
        dev.sandlot.server.interview.Skeleton.todo();
    }

    /**
     * Integrates a v1 update (structs whose dependencies are missing wait until they
     * arrive, as in Yjs).
     * @throws YUpdateException if the bytes are not a well-formed update
     */
    public void applyUpdate(byte[] update) {
        dev.sandlot.server.interview.Skeleton.todo();
    }

    public byte[] encodeStateVector() {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    /**
     * Everything the holder of {@code stateVector} lacks; null or empty means everything.
     */
    public byte[] encodeStateAsUpdate(byte[] stateVector) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    /**
     * Key to text, for every entry of the top-level map {@code mapName} whose value is a
     * Y.Text.
     */
    public Map<String, String> texts(String mapName) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    public Optional<String> text(String mapName, String key) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    /**
     * Makes {@code mapName[key]} a Y.Text holding {@code content}: a new entry if there
     * is none, else the smallest edit (common prefix and suffix kept). Returns the v1
     * update of this change, empty if nothing changed.
     */
    public byte[] setText(String mapName, String key, String content) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    /** Deletes {@code mapName[key]}; the v1 update, empty if there was no such key. */
    public byte[] deleteKey(String mapName, String key) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    /** True while some integrated update waits for structs it depends on. */
    public boolean hasPending() {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    /** A rough count of the bytes this document holds in memory. */
    public long approximateBytes() {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

}
