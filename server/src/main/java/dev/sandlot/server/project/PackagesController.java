package dev.sandlot.server.project;

import dev.sandlot.engine.packages.Ecosystem;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.web.BodyExample;
import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A project's pip and npm packages: their status, and installs whose log comes back at
 * the end (JSON) or as it happens (Server-Sent Events).
 */
@RestController
@Tag(name = "Projects")
class PackagesController {

    private static final Logger log = LoggerFactory.getLogger(PackagesController.class);

    private final ProjectPackages packages;

    PackagesController(ProjectPackages packages) {
        this.packages = packages;
    }

    /**
     * What to change.
     *
     * @param ecosystem "python" (requirements.txt) or "node" (package.json)
     */
    record ChangeBody(String ecosystem, List<String> add, List<String> remove, Boolean fromManifest) {

        PackageChange change() {
            return new PackageChange(ecosystem(ecosystem), add, remove, Boolean.TRUE.equals(fromManifest));
        }

        private static Ecosystem ecosystem(String name) {
            if (name == null)
                return null;
            return switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "python", "pip" -> Ecosystem.PYTHON;
                case "node", "npm" -> Ecosystem.NODE;
                default -> throw new dev.sandlot.engine.InvalidFieldException("ecosystem",
                        "must be python or node, not '" + name + "'");
            };
        }
    }

    record InstallView(String status, Integer exitCode, String message, String log,
            List<PackageInstall.InstalledPackage> installed) {
    }

    record StatusView(String status, int generation, Integer exitCode, String message,
            List<PackageInstall.InstalledPackage> installed, String log, OffsetDateTime updatedAt) {
    }

    @Operation(summary = "The project's installed packages, and how its last install ended")
    @Refuses(ProblemType.PROJECT_NOT_FOUND)
    @GetMapping("/api/v1/projects/{id}/packages")
    StatusView status(@Parameter(example = "42") @PathVariable long id, Caller caller) {
        ProjectPackages.Status s = packages.status(caller, id);
        return new StatusView(s.status(), s.generation(), s.exitCode(), s.message(), s.installed(), s.log(),
                s.updatedAt());
    }

    @Operation(summary = "Add or remove packages, or install the manifest; the log comes at the end",
            description = "The whole manifest (requirements.txt or package.json) is installed in a sandbox of its "
                    + "own whose only network is the package proxy; a failed install leaves the environment as it "
                    + "was. With Accept: text/event-stream the log streams as `log` events, then one `result`.")
    @BodyExample(summary = "Add two Python packages", value = """
            {"ecosystem": "python", "add": ["seaborn", "numpy>=1.24"]}""")
    @Refuses({ ProblemType.PROJECT_NOT_FOUND, ProblemType.INSTALL_IN_PROGRESS, ProblemType.PACKAGES_BUSY,
            ProblemType.PACKAGES_DISABLED, ProblemType.RATE_LIMITED })
    @PostMapping(path = "/api/v1/projects/{id}/packages", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    InstallView install(@Parameter(example = "42") @PathVariable long id, @RequestBody ChangeBody body, Caller caller) {
        StringBuilder text = new StringBuilder();
        PackageInstall result = packages.prepare(caller, id, change(body)).run(line -> {
            if (text.length() < ProjectPackages.KEPT_LOG_CHARS * 4)
                text.append(line).append('\n');
        });
        return view(result, text.toString());
    }

    @Operation(summary = "The same install, its log streamed as Server-Sent Events (`log`, then `result`)")
    @PostMapping(path = "/api/v1/projects/{id}/packages", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter installStreaming(@Parameter(example = "42") @PathVariable long id, @RequestBody ChangeBody body,
            Caller caller) {
        ProjectPackages.Prepared prepared = packages.prepare(caller, id, change(body));
        SseEmitter events = new SseEmitter(0L);
        Thread.ofVirtual().name("packages-" + id).start(() -> {
            boolean[] open = { true };
            PackageInstall result = prepared.run(line -> {
                if (!open[0])
                    return;
                try {
                    events.send(SseEmitter.event().name("log").data(line, MediaType.TEXT_PLAIN));
                }
                catch (IOException | IllegalStateException e) {
                    open[0] = false; // the client left; the install goes on
                }
            });
            try {
                events.send(SseEmitter.event().name("result").data(view(result, null), MediaType.APPLICATION_JSON));
                events.complete();
            }
            catch (IOException | IllegalStateException e) {
                log.debug("project {}: the install's result was not delivered: {}", id, e.getMessage());
            }
        });
        return events;
    }

    private static PackageChange change(ChangeBody body) {
        return body == null ? null : body.change();
    }

    private static InstallView view(PackageInstall result, String log) {
        return new InstallView(result.status(), result.exitCode(), result.message(), log, result.installed());
    }

}
