package dev.sandlot.server.project;

import java.time.OffsetDateTime;

/** A saved multi-file project. {@code revision} grows with every file change. */
public record Project(long id, long ownerId, String name, String language, String entry, boolean isDefault,
        long revision, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
