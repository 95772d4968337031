package dev.sandlot.server.project;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.Language;
import dev.sandlot.engine.SourcePaths;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.web.Problems;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Projects and files, with their rules in one place: only the owner (or an admin) sees a
 * project, and others get the same 404 as for a project that does not exist; paths go
 * through {@link SourcePaths}; sizes and counts are capped; every file change moves the
 * project to a new revision, and a write with {@code If-Match} fails with 412 when the
 * file changed meanwhile.
 */
@Service
public class ProjectService {

    private final ProjectRepository projects;

    private final TransactionTemplate tx;

    private final Engine engine;

    private final ProjectProperties caps;

    private final ApplicationEventPublisher events;

    private final ObjectProvider<ProjectWriteGuard> guards;

    private final StorageProperties storage;

    private final ObjectProvider<ProjectSharing> sharings;

    ProjectService(ProjectRepository projects, TransactionTemplate tx, Engine engine, ProjectProperties caps,
            ApplicationEventPublisher events, ObjectProvider<ProjectWriteGuard> guards, StorageProperties storage,
            ObjectProvider<ProjectSharing> sharings) {
        this.storage = storage;
        this.sharings = sharings;
        this.projects = projects;
        this.tx = tx;
        this.engine = engine;
        this.caps = caps;
        this.events = events;
        this.guards = guards;
    }

    /** A file to create with a project. */
    public record NewFile(String path, String content) {
    }

    public List<Project> list(Caller caller, boolean all) {
        return all && caller.isAdmin() ? projects.all() : projects.ownedBy(caller.userId());
    }

    public Project create(Caller caller, String name, String language, String entry, List<NewFile> files,
            boolean isDefault) {
        String lang = language(language);
        String checkedName = name(name);
        List<NewFile> checked = files == null ? List.of() : files;
        if (checked.size() > caps.maxFiles()) {
            throw new InvalidFieldException("files", "must have at most " + caps.maxFiles() + " files",
                    (long) caps.maxFiles());
        }
        long total = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < checked.size(); i++) {
            NewFile f = checked.get(i);
            if (f == null || f.path() == null)
                throw new InvalidFieldException("files[" + i + "].path", "is required");
            path("files[" + i + "].path", f.path());
            if (!seen.add(f.path()))
                throw new InvalidFieldException("files[" + i + "].path", "repeats '" + f.path() + "'");
            total += size("files[" + i + "].content", f.content());
        }
        if (total > caps.maxProjectBytes()) {
            throw new InvalidFieldException("files", "must total at most " + caps.maxProjectBytes() + " bytes",
                    (long) caps.maxProjectBytes());
        }
        if (entry != null)
            path("entry", entry);
        long stored = total;
        return tx.execute(status -> {
            if (projects.countOwnedBy(caller.userId()) >= caps.maxProjectsPerUser()) {
                throw new InvalidFieldException("name",
                        "cannot be created: an account may have at most " + caps.maxProjectsPerUser() + " projects",
                        (long) caps.maxProjectsPerUser());
            }
            reserve(caller.userId(), stored, "files");
            long id = projects.create(caller.userId(), checkedName, lang, entry, isDefault);
            if (!checked.isEmpty()) {
                long revision = projects.bumpRevision(id);
                for (NewFile f : checked)
                    projects.insertFile(id, f.path(), text(f.content()), bytes(f.content()), revision);
            }
            return projects.find(id).orElseThrow();
        });
    }

    /**
     * The project if the caller may see it; otherwise the same 404 as for a missing one.
     */
    public Project get(Caller caller, long id) {
        return projects.find(id)
            .filter(p -> visible(caller, p))
            .orElseThrow(() -> notFound("project", "No project " + id + "."));
    }

    /**
     * The project if the caller owns it (or is an admin); 404 if they may not see it, 403
     * if they may only use it (shared to them).
     */
    private Project owned(Caller caller, long id) {
        Project p = get(caller, id);
        if (!owner(caller, p)) {
            ErrorResponseException e = new ErrorResponseException(HttpStatus.FORBIDDEN, Problems.of(
                    HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "projectId: project " + id + " is shared with you; only its owner renames, changes or deletes it"),
                    null);
            e.getBody().setProperty("field", "projectId");
            throw e;
        }
        return p;
    }

    public Project update(Caller caller, long id, String name, String language, String entry) {
        Project p = owned(caller, id);
        guards.orderedStream().forEach(g -> g.checkChangeable(id));
        String newName = name == null ? p.name() : name(name);
        String newLanguage = language == null ? p.language() : language(language);
        String newEntry = entry == null ? p.entry() : entry.isEmpty() ? null : path("entry", entry);
        projects.update(id, newName, newLanguage, newEntry);
        return projects.find(id).orElseThrow();
    }

    public void delete(Caller caller, long id) {
        Project p = owned(caller, id);
        guards.orderedStream().forEach(g -> g.checkDeletable(id));
        tx.executeWithoutResult(status -> {
            projects.lockUsage(p.ownerId());
            projects.lock(id);
            long freed = projects.totalBytes(id);
            if (projects.delete(id))
                projects.addUsage(p.ownerId(), -freed);
        });
        events.publishEvent(ProjectFilesChanged.projectGone(id));
    }

    public List<ProjectFile> files(Caller caller, long id, boolean withContent) {
        get(caller, id);
        return projects.files(id, withContent);
    }

    public ProjectFile file(Caller caller, long id, String path) {
        get(caller, id);
        return projects.file(id, path("path", path))
            .orElseThrow(() -> notFound("file", "No file '" + path + "' in project " + id + "."));
    }

    /** The outcome of a write: the file as stored, and whether it is new. */
    public record Saved(ProjectFile file, boolean created) {
    }

    public Saved putFile(Caller caller, long id, String path, String content, Long ifMatch) {
        Project project = get(caller, id);
        path("path", path);
        size("content", content);
        try {
            Saved saved = tx.execute(status -> {
                projects.lockUsage(project.ownerId());
                projects.lock(id);
                var existing = projects.file(id, path);
                checkRevision(ifMatch, existing.map(ProjectFile::revision).orElse(null), path);
                long others = projects.totalBytes(id) - existing.map(ProjectFile::size).orElse(0);
                if (others + bytes(content) > caps.maxProjectBytes()) {
                    throw new InvalidFieldException("content",
                            "would make the project larger than " + caps.maxProjectBytes() + " bytes",
                            (long) caps.maxProjectBytes());
                }
                if (existing.isEmpty() && projects.fileCount(id) >= caps.maxFiles()) {
                    throw new InvalidFieldException("path",
                            "cannot be added: a project may have at most " + caps.maxFiles() + " files",
                            (long) caps.maxFiles());
                }
                reserve(project.ownerId(), bytes(content) - existing.map(ProjectFile::size).orElse(0), "content");
                long revision = projects.bumpRevision(id);
                if (existing.isPresent()) {
                    projects.updateFile(id, path, content, bytes(content), revision);
                }
                else {
                    projects.insertFile(id, path, content, bytes(content), revision);
                }
                return new Saved(projects.file(id, path).orElseThrow(), existing.isEmpty());
            });
            events.publishEvent(ProjectFilesChanged.written(id, path, content));
            return saved;
        }
        catch (DuplicateKeyException race) {
            throw conflict("file-exists", "'" + path + "' was created by another request at the same moment; retry.");
        }
    }

    public void deleteFile(Caller caller, long id, String path, Long ifMatch) {
        Project project = get(caller, id);
        path("path", path);
        tx.executeWithoutResult(status -> {
            projects.lockUsage(project.ownerId());
            projects.lock(id);
            var existing = projects.file(id, path)
                .orElseThrow(() -> notFound("file", "No file '" + path + "' in project " + id + "."));
            checkRevision(ifMatch, existing.revision(), path);
            if (projects.deleteFile(id, path))
                projects.addUsage(project.ownerId(), -existing.size());
            projects.bumpRevision(id);
        });
        events.publishEvent(ProjectFilesChanged.deleted(id, path));
    }

    public ProjectFile renameFile(Caller caller, long id, String from, String to, Long ifMatch) {
        get(caller, id);
        path("path", from);
        path("newPath", to);
        ProjectFile renamed = tx.execute(status -> {
            projects.lock(id);
            var existing = projects.file(id, from)
                .orElseThrow(() -> notFound("file", "No file '" + from + "' in project " + id + "."));
            checkRevision(ifMatch, existing.revision(), from);
            if (projects.file(id, to).isPresent())
                throw conflict("file-exists", "'" + to + "' already exists in project " + id + ".");
            long revision = projects.bumpRevision(id);
            projects.renameFile(id, from, to, revision);
            return projects.file(id, to).orElseThrow();
        });
        events.publishEvent(ProjectFilesChanged.renamed(id, from, to, renamed.content()));
        return renamed;
    }

    /** The project the seed file API saves into, created on first use. */
    public Project defaultProject(Caller caller) {
        return projects.defaultOf(caller.userId())
            .orElseGet(() -> create(caller, "Saved files", "python", null, List.of(), true));
    }

    /**
     * The entry point to run: the one set on the project, else the language's usual name,
     * else the first file.
     */
    public String entryOf(Project project, List<ProjectFile> files) {
        if (project.entry() != null)
            return project.entry();
        String usual = engine.language(project.language(), null).fileName();
        for (ProjectFile f : files)
            if (f.path().equals(usual))
                return usual;
        return files.isEmpty() ? usual : files.getFirst().path();
    }

    /**
     * Counts {@code delta} bytes against the owner's storage cap, inside the caller's
     * transaction (the usage row stays locked until it ends, so writes of one owner are
     * serialised), or refuses naming {@code field}.
     */
    private void reserve(long ownerId, long delta, String field) {
        long used = projects.lockUsage(ownerId);
        if (delta > 0 && used + delta > storage.maxBytesPerAccount()) {
            throw new InvalidFieldException(field,
                    "would store " + delta + " more bytes, but the account holds " + used + " of the "
                            + storage.maxBytesPerAccount()
                            + " bytes it may store in all its projects; delete some first",
                    storage.maxBytesPerAccount());
        }
        projects.addUsage(ownerId, delta);
    }

    /**
     * The bytes the caller may still store before the account's cap: what a zip import
     * may unpack.
     */
    public long remainingBytes(Caller caller) {
        return Math.max(0, storage.maxBytesPerAccount() - projects.usage(caller.userId()));
    }

    private boolean visible(Caller caller, Project p) {
        return owner(caller, p)
                || (caller.signedIn() && sharings.orderedStream().anyMatch(s -> s.mayUse(caller, p.id())));
    }

    private static boolean owner(Caller caller, Project p) {
        return caller.signedIn() && (caller.isAdmin() || p.ownerId() == caller.userId());
    }

    private String language(String language) {
        if (language == null || language.isBlank())
            throw new InvalidFieldException("language", "is required");
        Language l = engine.language(language, null);
        return l.id();
    }

    private static String name(String name) {
        if (name == null || name.isBlank())
            throw new InvalidFieldException("name", "is required");
        if (name.length() > 200)
            throw new InvalidFieldException("name", "must be at most 200 characters");
        return name.strip();
    }

    static String path(String field, String path) {
        String problem = SourcePaths.problem(path);
        if (problem != null)
            throw new InvalidFieldException(field, problem);
        return path;
    }

    private long size(String field, String content) {
        if (content == null)
            throw new InvalidFieldException(field, "is required");
        int size = bytes(content);
        if (size > caps.maxFileBytes()) {
            throw new InvalidFieldException(field, "must be at most " + caps.maxFileBytes() + " bytes; got " + size,
                    (long) caps.maxFileBytes());
        }
        return size;
    }

    private static String text(String content) {
        return content == null ? "" : content;
    }

    private static int bytes(String content) {
        return content == null ? 0 : content.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void checkRevision(Long ifMatch, Long current, String path) {
        if (ifMatch == null || ifMatch.equals(current))
            return;
        ProblemDetail p = Problems.of(HttpStatus.PRECONDITION_FAILED, "revision-mismatch", "The file changed meanwhile",
                "'" + path + "' is at revision " + (current == null ? "none (it does not exist)" : current) + ", not "
                        + ifMatch + ": reload it, merge, and save again.");
        p.setProperty("currentRevision", current);
        throw new ErrorResponseException(HttpStatus.PRECONDITION_FAILED, p, null);
    }

    static ErrorResponseException notFound(String what, String detail) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, what + "-not-found", "Not found", detail), null);
    }

    private static ErrorResponseException conflict(String kind, String detail) {
        return new ErrorResponseException(HttpStatus.CONFLICT,
                Problems.of(HttpStatus.CONFLICT, kind, "Conflict", detail), null);
    }

    /**
     * The files of a project, with their text, for a caller whose right to read them was
     * checked elsewhere (a task's reviewer reading a learner's attempt).
     */
    public List<ProjectFile> filesForReview(long id) {
        return projects.files(id, true);
    }

}
