package dev.sandlot.server.project;

import dev.sandlot.engine.Utf8;
import java.time.OffsetDateTime;

/**
 * One file of a project; {@code revision} is the project revision at which it last
 * changed.
 */
public record ProjectFile(String path, String content, long revision, int size, OffsetDateTime updatedAt) {

    /**
     * {@code bytes} as text if they are valid UTF-8, as a project's files must be; else
     * null.
     */
    public static String utf8OrNull(byte[] bytes) {
        return Utf8.decodeOrNull(bytes);
    }

}
