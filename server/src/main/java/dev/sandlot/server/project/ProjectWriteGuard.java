package dev.sandlot.server.project;

/**
 * A veto another feature may hold over changing a project (a review attempt: its project
 * is the reviewer's evidence). The project API, the terminal's workspace sync and the run
 * history all ask before they write or delete; the project module itself knows nothing of
 * why a guard refuses.
 */
public interface ProjectWriteGuard {

    /**
     * Throws a problem (an {@code ErrorResponseException}) if the project's files may not
     * be written now.
     */
    void checkWritable(long projectId);

    /**
     * Throws a problem if the project itself may not be changed now (renamed, its
     * language or entry point changed). By default: when its files may not be written.
     */
    default void checkChangeable(long projectId) {
        checkWritable(projectId);
    }

    /**
     * Throws a problem if the project, or a recorded run of it, may not be deleted (at
     * any time).
     */
    default void checkDeletable(long projectId) {
    }

}
