package dev.sandlot.server.project;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        }
        catch (CharacterCodingException e) {
            return null;
        }
    }

}
