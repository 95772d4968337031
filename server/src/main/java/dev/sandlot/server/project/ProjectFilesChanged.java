package dev.sandlot.server.project;

/**
 * Published after a change to a project's files is committed, so that a running terminal
 * can follow the editor. {@code content} is null for a deleted file; a rename is a delete
 * of {@code renamedFrom} plus a write. A deleted project comes as {@code projectDeleted}
 * with no path.
 */
public record ProjectFilesChanged(long projectId, String path, String content, String renamedFrom,
        boolean projectDeleted) {

    static ProjectFilesChanged written(long projectId, String path, String content) {
        return new ProjectFilesChanged(projectId, path, content, null, false);
    }

    static ProjectFilesChanged deleted(long projectId, String path) {
        return new ProjectFilesChanged(projectId, path, null, null, false);
    }

    static ProjectFilesChanged renamed(long projectId, String from, String to, String content) {
        return new ProjectFilesChanged(projectId, to, content, from, false);
    }

    static ProjectFilesChanged projectGone(long projectId) {
        return new ProjectFilesChanged(projectId, null, null, null, true);
    }
}
