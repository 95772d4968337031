package dev.sandlot.server.project;

/**
 * A veto another feature may hold over writing a project's files (a review
 * attempt whose time ran out): the project API and the terminal's workspace
 * sync both ask before they write.
 */
public interface ProjectWriteGuard {

    /** Throws a problem (an {@code ErrorResponseException}) if the project's files may not be written now. */
    void checkWritable(long projectId);
}
