package dev.sandlot.server.project;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.server.account.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Saved projects and their files, for signed-in users (running one is the execute
 * module's {@code ProjectRunController}).
 */
@RestController
@Tag(name = "Projects")
class ProjectController {

    private final ProjectService projects;

    private final ProjectArchive archive;

    private final ObjectProvider<ProjectWriteGuard> guards;

    ProjectController(ProjectService projects, ProjectArchive archive, ObjectProvider<ProjectWriteGuard> guards) {
        this.projects = projects;
        this.archive = archive;
        this.guards = guards;
    }

    /**
     * The caller, once the project is theirs (404 otherwise) and no guard refuses writing
     * its files.
     */
    private Caller writer(Caller caller, long id) {
        projects.get(caller, id);
        guards.orderedStream().forEach(g -> g.checkWritable(id));
        return caller;
    }

    record ProjectView(long id, String name, String language, String entry, long revision, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static ProjectView of(Project p) {
            return new ProjectView(p.id(), p.name(), p.language(), p.entry(), p.revision(), p.createdAt(),
                    p.updatedAt());
        }
    }

    record FileView(String path, String content, long revision, int size, OffsetDateTime updatedAt) {
        static FileView of(ProjectFile f) {
            return new FileView(f.path(), f.content(), f.revision(), f.size(), f.updatedAt());
        }
    }

    record NewProject(String name, String language, String entry, List<ProjectService.NewFile> files) {
    }

    record ProjectChange(String name, String language, String entry) {
    }

    record FileContent(String content) {
    }

    record FileMove(String path) {
    }

    @Operation(summary = "Your projects, most recently changed first (admins: all=true for everyone's)")
    @GetMapping("/api/v1/projects")
    List<ProjectView> list(@RequestParam(defaultValue = "false") boolean all, Caller caller) {
        return projects.list(caller, all).stream().map(ProjectView::of).toList();
    }

    @Operation(summary = "Create a project, optionally with files")
    @PostMapping(path = "/api/v1/projects", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ProjectView> create(@RequestBody NewProject body, Caller caller) {
        Project p = projects.create(caller, body.name(), body.language(), body.entry(), body.files(), false);
        return ResponseEntity.created(URI.create("/api/v1/projects/" + p.id())).body(ProjectView.of(p));
    }

    @GetMapping("/api/v1/projects/{id}")
    ProjectView get(@PathVariable long id, Caller caller) {
        return ProjectView.of(projects.get(caller, id));
    }

    @Operation(summary = "Rename a project, or change its language or entry point")
    @PatchMapping(path = "/api/v1/projects/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ProjectView update(@PathVariable long id, @RequestBody ProjectChange body, Caller caller) {
        return ProjectView.of(projects.update(caller, id, body.name(), body.language(), body.entry()));
    }

    @DeleteMapping("/api/v1/projects/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, Caller caller) {
        projects.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The project's files (content=true to include their text)")
    @GetMapping("/api/v1/projects/{id}/files")
    List<FileView> files(@PathVariable long id, @RequestParam(defaultValue = "false") boolean content, Caller caller) {
        return projects.files(caller, id, content).stream().map(FileView::of).toList();
    }

    @Operation(summary = "One file; its ETag is its revision")
    @GetMapping("/api/v1/projects/{id}/files/{*path}")
    ResponseEntity<FileView> file(@PathVariable long id, @PathVariable String path, Caller caller) {
        ProjectFile f = projects.file(caller, id, strip(path));
        return ResponseEntity.ok().eTag(etag(f.revision())).body(FileView.of(f));
    }

    @Operation(summary = "Create or replace a file; with If-Match: \"<revision>\" a file changed meanwhile is a 412")
    @PutMapping(path = "/api/v1/projects/{id}/files/{*path}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<FileView> put(@PathVariable long id, @PathVariable String path, @RequestBody FileContent body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        ProjectService.Saved saved = projects.putFile(writer(caller, id), id, strip(path), body.content(),
                revision(ifMatch));
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
            .eTag(etag(saved.file().revision()))
            .body(FileView.of(saved.file()));
    }

    @Operation(summary = "Rename or move a file: body {\"path\": \"new/path\"}")
    @PatchMapping(path = "/api/v1/projects/{id}/files/{*path}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<FileView> move(@PathVariable long id, @PathVariable String path, @RequestBody FileMove body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        if (body.path() == null)
            throw new InvalidFieldException("path", "is required (the new path)");
        ProjectFile f = projects.renameFile(writer(caller, id), id, strip(path), body.path(), revision(ifMatch));
        return ResponseEntity.ok().eTag(etag(f.revision())).body(FileView.of(f));
    }

    @DeleteMapping("/api/v1/projects/{id}/files/{*path}")
    ResponseEntity<Void> deleteFile(@PathVariable long id, @PathVariable String path,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        projects.deleteFile(writer(caller, id), id, strip(path), revision(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Download the project as a zip")
    @GetMapping(path = "/api/v1/projects/{id}/export", produces = "application/zip")
    ResponseEntity<byte[]> export(@PathVariable long id, Caller caller) throws IOException {
        Project p = projects.get(caller, id);
        byte[] zip = archive.write(projects.files(caller, id, true));
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType("application/zip"))
            .header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment()
                        .filename(p.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".zip")
                        .build()
                        .toString())
            .body(zip);
    }

    @Operation(summary = "Create a project from a zip (body: the zip file); names and sizes are checked")
    @PostMapping(path = "/api/v1/projects/import",
            consumes = { "application/zip", MediaType.APPLICATION_OCTET_STREAM_VALUE })
    ResponseEntity<ProjectView> importZip(@RequestParam String name, @RequestParam String language,
            @RequestParam(required = false) String entry, @RequestBody byte[] zip, Caller caller) {
        Project p = projects.create(caller, name, language, entry, archive.read(zip, projects.remainingBytes(caller)),
                false);
        return ResponseEntity.created(URI.create("/api/v1/projects/" + p.id())).body(ProjectView.of(p));
    }

    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    private static Long revision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank())
            return null;
        String value = ifMatch.strip();
        if (value.startsWith("W/"))
            value = value.substring(2);
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException e) {
            throw new InvalidFieldException("If-Match", "must be a file revision in quotes, e.g. \"12\"");
        }
    }

}
