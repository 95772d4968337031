package dev.sandlot.server.project;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.web.BodyExample;
import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    private static final String FILE_PATH = "The file's path in the project, e.g. main.py or src/util.py. "
            + "Swagger UI encodes a '/' in it as %2F, which the server refuses: send such a path as it is "
            + "(e.g. with curl).";

    private static final String IF_MATCH = "The revision the change is based on, in quotes (e.g. \"3\", the "
            + "file's ETag); when the file is at another revision the answer is 412. Without it the change "
            + "is made whatever the revision.";

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
    List<ProjectView> list(@Parameter(example = "false") @RequestParam(defaultValue = "false") boolean all,
            Caller caller) {
        return projects.list(caller, all).stream().map(ProjectView::of).toList();
    }

    @Operation(summary = "Create a project, optionally with files")
    @BodyExample(summary = "A one-file Python project", value = """
            {"name": "hello", "language": "python", "entry": "main.py",
             "files": [{"path": "main.py", "content": "print('Hello, world!')\\n"}]}""")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @Refuses({ ProblemType.UNKNOWN_LANGUAGE, ProblemType.TOO_LARGE })
    @PostMapping(path = "/api/v1/projects", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ProjectView> create(@RequestBody NewProject body, Caller caller) {
        Project p = projects.create(caller, body.name(), body.language(), body.entry(), body.files(), false);
        return ResponseEntity.created(URI.create("/api/v1/projects/" + p.id())).body(ProjectView.of(p));
    }

    @Operation(summary = "One project")
    @Refuses(ProblemType.PROJECT_NOT_FOUND)
    @GetMapping("/api/v1/projects/{id}")
    ProjectView get(@Parameter(example = "42") @PathVariable long id, Caller caller) {
        return ProjectView.of(projects.get(caller, id));
    }

    @Operation(summary = "Rename a project, or change its language or entry point")
    @BodyExample(summary = "Rename", value = """
            {"name": "hello-renamed"}""")
    @Refuses({ ProblemType.PROJECT_NOT_FOUND, ProblemType.UNKNOWN_LANGUAGE, ProblemType.ATTEMPT_CLOSED })
    @PatchMapping(path = "/api/v1/projects/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ProjectView update(@Parameter(example = "42") @PathVariable long id, @RequestBody ProjectChange body,
            Caller caller) {
        return ProjectView.of(projects.update(caller, id, body.name(), body.language(), body.entry()));
    }

    @Operation(summary = "Delete a project and its files")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Refuses({ ProblemType.PROJECT_NOT_FOUND, ProblemType.ATTEMPT_EVIDENCE })
    @DeleteMapping("/api/v1/projects/{id}")
    ResponseEntity<Void> delete(@Parameter(example = "42") @PathVariable long id, Caller caller) {
        projects.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The project's files (content=true to include their text)")
    @GetMapping("/api/v1/projects/{id}/files")
    @Refuses(ProblemType.PROJECT_NOT_FOUND)
    List<FileView> files(@Parameter(example = "42") @PathVariable long id,
            @Parameter(example = "true") @RequestParam(defaultValue = "false") boolean content, Caller caller) {
        return projects.files(caller, id, content).stream().map(FileView::of).toList();
    }

    @Operation(summary = "One file; its ETag is its revision")
    @GetMapping("/api/v1/projects/{id}/files/{*path}")
    @Refuses({ ProblemType.PROJECT_NOT_FOUND, ProblemType.FILE_NOT_FOUND })
    ResponseEntity<FileView> file(@Parameter(example = "42") @PathVariable long id,
            @Parameter(example = "main.py", description = FILE_PATH) @PathVariable String path, Caller caller) {
        ProjectFile f = projects.file(caller, id, strip(path));
        return ResponseEntity.ok().eTag(etag(f.revision())).body(FileView.of(f));
    }

    @Operation(summary = "Create or replace a file; with If-Match: \"<revision>\" a file changed meanwhile is a 412")
    @BodyExample(summary = "New content", value = """
            {"content": "print('Hello again!')\\n"}""")
    @ApiResponse(responseCode = "200", description = "Replaced", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @Refuses({ ProblemType.PROJECT_NOT_FOUND, ProblemType.TOO_LARGE, ProblemType.REVISION_MISMATCH,
            ProblemType.FILE_EXISTS, ProblemType.ATTEMPT_CLOSED })
    @PutMapping(path = "/api/v1/projects/{id}/files/{*path}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<FileView> put(@Parameter(example = "42") @PathVariable long id,
            @Parameter(example = "main.py", description = FILE_PATH) @PathVariable String path,
            @RequestBody FileContent body,
            @Parameter(description = IF_MATCH) @RequestHeader(value = HttpHeaders.IF_MATCH,
                    required = false) String ifMatch,
            Caller caller) {
        ProjectService.Saved saved = projects.putFile(writer(caller, id), id, strip(path), body.content(),
                revision(ifMatch));
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
            .eTag(etag(saved.file().revision()))
            .body(FileView.of(saved.file()));
    }

    @Operation(summary = "Rename or move a file: body {\"path\": \"new/path\"}")
    @BodyExample(summary = "Rename main.py to hello.py", value = """
            {"path": "hello.py"}""")
    @Refuses({ ProblemType.PROJECT_NOT_FOUND, ProblemType.FILE_NOT_FOUND, ProblemType.FILE_EXISTS,
            ProblemType.REVISION_MISMATCH, ProblemType.ATTEMPT_CLOSED })
    @PatchMapping(path = "/api/v1/projects/{id}/files/{*path}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<FileView> move(@Parameter(example = "42") @PathVariable long id,
            @Parameter(example = "main.py", description = FILE_PATH) @PathVariable String path,
            @RequestBody FileMove body, @Parameter(description = IF_MATCH) @RequestHeader(value = HttpHeaders.IF_MATCH,
                    required = false) String ifMatch,
            Caller caller) {
        if (body.path() == null)
            throw new InvalidFieldException("path", "is required (the new path)");
        ProjectFile f = projects.renameFile(writer(caller, id), id, strip(path), body.path(), revision(ifMatch));
        return ResponseEntity.ok().eTag(etag(f.revision())).body(FileView.of(f));
    }

    @Operation(summary = "Delete a file; with If-Match: \"<revision>\" a file changed meanwhile is a 412")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Refuses({ ProblemType.PROJECT_NOT_FOUND, ProblemType.FILE_NOT_FOUND, ProblemType.REVISION_MISMATCH,
            ProblemType.ATTEMPT_CLOSED })
    @DeleteMapping("/api/v1/projects/{id}/files/{*path}")
    ResponseEntity<Void> deleteFile(@Parameter(example = "42") @PathVariable long id,
            @Parameter(example = "main.py", description = FILE_PATH) @PathVariable String path,
            @Parameter(description = IF_MATCH) @RequestHeader(value = HttpHeaders.IF_MATCH,
                    required = false) String ifMatch,
            Caller caller) {
        projects.deleteFile(writer(caller, id), id, strip(path), revision(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Download the project as a zip")
    @GetMapping(path = "/api/v1/projects/{id}/export", produces = "application/zip")
    @Refuses(ProblemType.PROJECT_NOT_FOUND)
    ResponseEntity<byte[]> export(@Parameter(example = "42") @PathVariable long id, Caller caller) throws IOException {
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
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @Refuses({ ProblemType.UNKNOWN_LANGUAGE, ProblemType.TOO_LARGE })
    ResponseEntity<ProjectView> importZip(@Parameter(example = "hello") @RequestParam String name,
            @Parameter(example = "python") @RequestParam String language,
            @Parameter(example = "main.py") @RequestParam(required = false) String entry, @RequestBody byte[] zip,
            Caller caller) {
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
