package dev.sandlot.server.project;

/**
 * A veto another feature may hold over writing a project's files through the
 * project API (a review attempt whose time ran out). Other writers, such as
 * the terminal's workspace sync, do not ask.
 */
public interface ProjectWriteGuard {

    /** Throws a problem (an {@code ErrorResponseException}) if the project's files may not be written now. */
    void checkWritable(long projectId);
}
