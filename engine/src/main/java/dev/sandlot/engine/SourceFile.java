package dev.sandlot.engine;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One file of a run: a relative path in the workspace and its bytes. */
public record SourceFile(String name, byte[] content) {

    public SourceFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    public static SourceFile of(String name, String content) {
        return new SourceFile(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
