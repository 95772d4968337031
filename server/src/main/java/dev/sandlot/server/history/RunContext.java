package dev.sandlot.server.history;

/**
 * Where a run came from, for its history record.
 *
 * @param source the API that started it, e.g. "execute", "stream", "project", "seed-code"
 * @param projectId the project run, or null
 * @param projectRevision the project's revision when it ran, or null
 * @param saveHistory false when the request asked not to be recorded
 */
public record RunContext(String source, Long projectId, Long projectRevision, boolean saveHistory) {

    public static RunContext of(String source) {
        return new RunContext(source, null, null, true);
    }

    public RunContext withSaveHistory(Boolean save) {
        return save == null ? this : new RunContext(source, projectId, projectRevision, save);
    }
}
