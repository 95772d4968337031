package dev.sandlot.server.history;

import dev.sandlot.server.project.Project;

/**
 * Where a run came from, for its history record.
 *
 * @param source the API that started it, e.g. "execute", "stream", "project", "seed-code"
 * @param projectId the project run, or null
 * @param projectRevision the project's revision when it ran, or null
 * @param projectName the project's name when it ran, or null
 * @param saveHistory false when the request asked not to be recorded
 */
public record RunContext(String source, Long projectId, Long projectRevision, String projectName, boolean saveHistory) {

    public static RunContext of(String source) {
        return new RunContext(source, null, null, null, true);
    }

    /** A run of {@code project}'s files as they are now. */
    public static RunContext ofProject(String source, Project project) {
        return new RunContext(source, project.id(), project.revision(), project.name(), true);
    }

    public RunContext withSaveHistory(Boolean save) {
        return save == null ? this : new RunContext(source, projectId, projectRevision, projectName, save);
    }
}
