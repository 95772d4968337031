package dev.sandlot.engine;

/**
 * A file a run returned: one it wrote under the output folder (a plot, say) or one the
 * request named.
 *
 * @param name its path relative to the output folder or the workspace
 * @param mimeType what it holds, guessed from its name and first bytes
 * @param content its bytes
 */
public record OutputFile(String name, String mimeType, byte[] content) {

    public long size() {
        return content.length;
    }
}
