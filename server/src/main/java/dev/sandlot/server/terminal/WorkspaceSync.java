package dev.sandlot.server.terminal;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.SourcePaths;
import dev.sandlot.engine.Terminal;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.project.ProjectFile;
import dev.sandlot.server.project.ProjectFilesChanged;
import dev.sandlot.server.project.ProjectService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Keeps a terminal's workspace and its project one truth. The editor's saves are written
 * into the workspace ({@link #push}); what programs in the terminal create, change or
 * delete is saved to the project ({@link #pull}). Files the project cannot hold (binary,
 * too large, symlinks, over the caps) are reported once per change, never silently
 * dropped. Used by one thread at a time (the session's operations thread).
 */
final class WorkspaceSync {

    /** What a pull did, for the clients' "files-changed" message. */
    record Changes(List<String> saved, List<String> deleted, List<Skipped> skipped) {
        boolean isEmpty() {
            return saved.isEmpty() && deleted.isEmpty() && skipped.isEmpty();
        }
    }

    /** A workspace file that was not saved to the project, and why. */
    record Skipped(String path, String reason) {
    }

    /** Thrown when the project is gone, which ends the terminal. */
    static final class ProjectGone extends RuntimeException {

        ProjectGone() {
            super("the project was deleted");
        }

    }

    /**
     * A file as last seen on both sides: size and mtime in the workspace (-1 when
     * unknown), content digest.
     */
    private record Known(long size, long modified, String digest) {
    }

    private static final long TIMEOUT_SECONDS = 10;

    /**
     * Bytes read from the workspace in one pull at most; what is left is read by the next
     * one.
     */
    private static final long MAX_READ_PER_PULL = 16L << 20;

    private final Terminal terminal;

    private final ProjectService projects;

    private final Caller owner;

    private final long projectId;

    private final int maxFileBytes;

    private final Runnable checkWritable;

    private final Map<String, Known> known = new HashMap<>();

    private final Map<String, String> reported = new HashMap<>();

    /**
     * @param checkWritable throws a problem when the project may not be written now (e.g.
     * a review attempt whose time is up)
     */
    WorkspaceSync(Terminal terminal, ProjectService projects, Caller owner, long projectId, int maxFileBytes,
            Runnable checkWritable, Map<String, byte[]> initial) {
        this.terminal = terminal;
        this.projects = projects;
        this.owner = owner;
        this.projectId = projectId;
        this.maxFileBytes = maxFileBytes;
        this.checkWritable = checkWritable;
        initial.forEach((path, content) -> known.put(path, new Known(-1, -1, digest(content))));
    }

    /** Saves to the project what changed in the workspace since the last pull. */
    Changes pull() throws InterruptedException {
        Terminal.Listing listing = await(terminal.list());
        List<String> saved = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long budget = MAX_READ_PER_PULL;
        String readOnly = readOnly();
        for (Terminal.Entry entry : listing.entries()) {
            String path = entry.path();
            if (ignored(path))
                continue;
            seen.add(path);
            String signature = entry.size() + ":" + entry.modifiedNanos() + ":" + entry.kind();
            String refusal = refusal(entry);
            if (refusal != null) {
                report(path, signature, refusal, skipped);
                continue;
            }
            Known before = known.get(path);
            if (before != null && before.size() == entry.size() && before.modified() == entry.modifiedNanos())
                continue;
            if (entry.size() > budget)
                continue; // next pull
            budget -= entry.size();
            Terminal.FileRead read = await(terminal.read(path, maxFileBytes));
            if (read.outcome() == Terminal.FileRead.Outcome.TOO_LARGE) {
                report(path, signature, tooLarge(), skipped);
                continue;
            }
            if (read.outcome() != Terminal.FileRead.Outcome.OK)
                continue; // gone or replaced meanwhile: next pull
            String digest = digest(read.content());
            Known now = new Known(entry.size(), entry.modifiedNanos(), digest);
            if (before != null && before.digest().equals(digest)) {
                known.put(path, now);
                continue;
            }
            String text = text(read.content());
            if (text == null) {
                report(path, signature, "binary file: a project holds text files only", skipped);
                continue;
            }
            if (readOnly != null) {
                report(path, signature, readOnly, skipped);
                continue;
            }
            try {
                projects.putFile(owner, projectId, path, text, null);
                known.put(path, now);
                reported.remove(path);
                saved.add(path);
            }
            catch (InvalidFieldException e) {
                report(path, signature, e.getMessage().substring(e.field().length()).strip(), skipped);
            }
            catch (ErrorResponseException e) {
                if (e.getStatusCode().value() == HttpStatus.NOT_FOUND.value())
                    throw new ProjectGone();
                throw e;
            }
        }
        // A listing cut short says nothing about what is missing from it.
        if (!listing.truncated() && readOnly == null) {
            for (String path : List.copyOf(known.keySet())) {
                if (seen.contains(path) || ignored(path))
                    continue;
                known.remove(path);
                try {
                    projects.deleteFile(owner, projectId, path, null);
                    deleted.add(path);
                }
                catch (ErrorResponseException e) {
                    if (!projectExists())
                        throw new ProjectGone();
                }
            }
        }
        reported.keySet().retainAll(seen);
        return new Changes(saved, deleted, skipped);
    }

    /**
     * Writes a change made outside the terminal (the editor, the API) into the workspace.
     */
    void push(ProjectFilesChanged change) throws InterruptedException {
        if (change.renamedFrom() != null) {
            known.remove(change.renamedFrom());
            await(terminal.deleteFile(change.renamedFrom()));
        }
        if (change.content() == null) {
            if (known.remove(change.path()) != null)
                await(terminal.deleteFile(change.path()));
            return;
        }
        byte[] content = change.content().getBytes(StandardCharsets.UTF_8);
        String digest = digest(content);
        Known before = known.get(change.path());
        if (before != null && before.digest().equals(digest))
            return; // the terminal's own save, coming back
        await(terminal.writeFile(change.path(), content));
        known.put(change.path(), new Known(-1, -1, digest));
    }

    /** Why the project may not be written now, or null. */
    private String readOnly() {
        try {
            checkWritable.run();
            return null;
        }
        catch (ErrorResponseException e) {
            return "not saved: " + e.getBody().getDetail();
        }
    }

    private String refusal(Terminal.Entry entry) {
        if (!entry.utf8Name())
            return "its name is not UTF-8 text";
        try {
            SourcePaths.validate("path", entry.path());
        }
        catch (InvalidFieldException e) {
            return "its name cannot be a project path: " + e.getMessage().substring("path ".length());
        }
        return switch (entry.kind()) {
            case SYMLINK -> "symbolic link: a project holds regular files only";
            case OTHER -> "not a regular file";
            case FILE -> entry.size() > maxFileBytes ? tooLarge() : null;
        };
    }

    private String tooLarge() {
        return "larger than " + maxFileBytes + " bytes, the most a project file may hold";
    }

    private void report(String path, String signature, String reason, List<Skipped> skipped) {
        if (signature.equals(reported.put(path, signature)))
            return;
        skipped.add(new Skipped(path, reason));
    }

    private boolean projectExists() {
        try {
            projects.get(owner, projectId);
            return true;
        }
        catch (ErrorResponseException e) {
            return false;
        }
    }

    /**
     * Python's byte-code caches are rebuilt at will and never worth a project file or a
     * warning.
     */
    private static boolean ignored(String path) {
        return path.startsWith("__pycache__/") || path.contains("/__pycache__/") || path.endsWith(".pyc");
    }

    private static String text(byte[] content) {
        for (byte b : content) {
            if (b == 0)
                return null;
        }
        return ProjectFile.utf8OrNull(content);
    }

    private static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(CompletableFuture<T> answer) throws InterruptedException {
        try {
            return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        catch (TimeoutException e) {
            throw new IllegalStateException("the terminal did not answer within " + TIMEOUT_SECONDS + " s");
        }
    }

}
