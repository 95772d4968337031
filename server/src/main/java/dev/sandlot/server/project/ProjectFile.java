package dev.sandlot.server.project;

import java.time.OffsetDateTime;

/**
 * One file of a project; {@code revision} is the project revision at which it last
 * changed.
 */
public record ProjectFile(String path, String content, long revision, int size, OffsetDateTime updatedAt) {
}
