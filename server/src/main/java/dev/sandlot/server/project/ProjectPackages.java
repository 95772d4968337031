package dev.sandlot.server.project;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.FileTrees;
import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.Limits;
import dev.sandlot.engine.packages.Ecosystem;
import dev.sandlot.engine.packages.InstallRequest;
import dev.sandlot.engine.packages.InstallResult;
import dev.sandlot.engine.packages.PackageInstaller;
import dev.sandlot.server.PackagesProperties;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.project.PackageInstall.InstalledPackage;
import dev.sandlot.server.project.PackageSpecs.Spec;
import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Problems;
import dev.sandlot.server.web.RateLimiter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * The per-project package environments: installs them through the engine's install step,
 * keeps their generations on disk, and tells runs, tests and terminals what to mount.
 * Whoever may write a project's files may install its packages; one install per project
 * runs at a time, a few per server, each counted against the caller's rate limit.
 */
@Service
public class ProjectPackages {

    private static final Logger log = LoggerFactory.getLogger(ProjectPackages.class);

    /** Log characters kept with the status (the end of the log). */
    static final int KEPT_LOG_CHARS = 64 * 1024;

    private final ProjectService projects;

    private final PackageRepository repository;

    private final ObjectProvider<ProjectWriteGuard> guards;

    private final ObjectProvider<PackageInstaller> installer;

    private final PackagesProperties settings;

    private final RateLimiter rateLimiter;

    private final PackageEnvironments environments;

    private final Set<Long> installing = ConcurrentHashMap.newKeySet();

    private final Semaphore slots;

    ProjectPackages(ProjectService projects, PackageRepository repository, ObjectProvider<ProjectWriteGuard> guards,
            ObjectProvider<PackageInstaller> installer, PackagesProperties settings, RateLimiter rateLimiter,
            Engine engine) {
        this.projects = projects;
        this.repository = repository;
        this.guards = guards;
        this.installer = installer;
        this.settings = settings;
        this.rateLimiter = rateLimiter;
        this.environments = new PackageEnvironments(engine.config().dataDir().resolve("packages"));
        this.slots = new Semaphore(settings.maxConcurrent());
    }

    /**
     * After a restart, no install is running: one the server was in the middle of is
     * reported as failed (its environment is the one before it) and its staging removed.
     */
    @EventListener(ApplicationReadyEvent.class)
    void recoverInterruptedInstalls() {
        environments.sweepStaging();
        int interrupted = repository.failInterrupted(
                "The server stopped during this install; the packages are as they were before it. Install again.",
                OffsetDateTime.now(ZoneOffset.UTC));
        if (interrupted > 0)
            log.warn("{} package installs were interrupted by the last shutdown and are marked failed", interrupted);
    }

    /**
     * The host directory of the project's package generations, to mount read-only at
     * /packages.d, or empty when the project has none.
     */
    public Optional<Path> environment(long projectId) {
        if (!settings.enabled() || environments.current(projectId) == 0)
            return Optional.empty();
        return Optional.of(environments.project(projectId));
    }

    /** What the caller's project has installed, and how its last install ended. */
    public Status status(Caller caller, long projectId) {
        projects.get(caller, projectId);
        return repository.find(projectId)
            .map(r -> new Status(r.status(), r.generation(), r.exitCode(), r.message(), r.installed(), r.log(),
                    r.updatedAt()))
            .orElse(new Status("none", 0, null, null, List.of(), "", null));
    }

    /**
     * A project's packages as the API shows them.
     *
     * @param status "none", "installing", "installed", "failed" or "timeout"
     */
    public record Status(String status, int generation, Integer exitCode, String message,
            List<InstalledPackage> installed, String log, OffsetDateTime updatedAt) {
    }

    /**
     * The project's generations directory, created if missing, for a terminal to mount: a
     * terminal lives on while installs happen, so it needs the directory before the first
     * one; empty when packages are off.
     */
    public Optional<Path> terminalEnvironment(long projectId) {
        if (!settings.enabled())
            return Optional.empty();
        Path dir = environments.project(projectId);
        try {
            Files.createDirectories(dir);
            for (Path d : List.of(dir.getParent(), dir))
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        catch (IOException e) {
            log.warn("project {}: cannot make its packages directory: {}", projectId, e.toString());
            return Optional.empty();
        }
        return Optional.of(dir);
    }

    /**
     * Applies {@code change} to the caller's project, streaming the install log to
     * {@code log} line by line; a failed install leaves the environment as it was.
     */
    public PackageInstall install(Caller caller, long projectId, PackageChange change, Consumer<String> log) {
        return prepare(caller, projectId, change).run(log);
    }

    /**
     * Checks everything about an install (rights, fields, manifest, limits) and reserves
     * its place, before anything is streamed; {@link Prepared#run} then installs.
     */
    Prepared prepare(Caller caller, long projectId, PackageChange change) {
        if (!settings.enabled()) {
            throw problem(Problems.of(ProblemType.PACKAGES_DISABLED,
                    "This server does not install packages (sandlot.packages.enabled=false)."));
        }
        projects.get(caller, projectId);
        if (change == null || change.ecosystem() == null)
            throw new InvalidFieldException("ecosystem", "is required: python or node");
        Ecosystem ecosystem = change.ecosystem();
        List<Spec> add = PackageSpecs.checkAll(ecosystem, "add", change.add(), false);
        List<Spec> remove = PackageSpecs.checkAll(ecosystem, "remove", change.remove(), true);
        if (change.fromManifest() && !(add.isEmpty() && remove.isEmpty()))
            throw new InvalidFieldException("fromManifest",
                    "installs the manifest as it is: add and remove must be empty");
        if (!change.fromManifest() && add.isEmpty() && remove.isEmpty())
            throw new InvalidFieldException("add", "names no package: give add, remove, or fromManifest: true");
        guards.orderedStream().forEach(g -> g.checkWritable(projectId));
        String manifest = manifest(caller, projectId, ecosystem);
        String edited = change.fromManifest() ? manifest : PackageSpecs.edit(ecosystem, manifest, add, remove);
        List<Spec> specs = PackageSpecs.parse(ecosystem, edited);
        rateLimiter.acquire("packages:" + caller.rateLimitKey(), caller.signedIn());
        if (!installing.add(projectId)) {
            throw problem(Problems.of(ProblemType.INSTALL_IN_PROGRESS,
                    "Project " + projectId + " is installing packages already; wait for that install to end."));
        }
        if (!slots.tryAcquire()) {
            installing.remove(projectId);
            throw problem(
                    Problems.of(ProblemType.PACKAGES_BUSY, "The server is running as many package installs as it may ("
                            + settings.maxConcurrent() + "); retry in a minute."));
        }
        Row before = row(projectId);
        repository.save(projectId, new PackageRepository.Row("installing", before.generation(), null, null,
                before.installed(), "", now()));
        return new Prepared(caller, projectId, ecosystem, manifest, edited, specs, before);
    }

    private record Row(int generation, List<InstalledPackage> installed) {
    }

    private Row row(long projectId) {
        return repository.find(projectId)
            .map(r -> new Row(environments.current(projectId), r.installed()))
            .orElse(new Row(environments.current(projectId), List.of()));
    }

    private String manifest(Caller caller, long projectId, Ecosystem ecosystem) {
        return projects.files(caller, projectId, true)
            .stream()
            .filter(f -> f.path().equals(ecosystem.manifest()))
            .map(ProjectFile::content)
            .findFirst()
            .orElse(null);
    }

    /** An install whose place is reserved: run it once. */
    final class Prepared {

        private final Caller caller;

        private final long projectId;

        private final Ecosystem ecosystem;

        private final String manifest;

        private final String edited;

        private final List<Spec> specs;

        private final Row before;

        private Prepared(Caller caller, long projectId, Ecosystem ecosystem, String manifest, String edited,
                List<Spec> specs, Row before) {
            this.caller = caller;
            this.projectId = projectId;
            this.ecosystem = ecosystem;
            this.manifest = manifest;
            this.edited = edited;
            this.specs = specs;
            this.before = before;
        }

        PackageInstall run(Consumer<String> sink) {
            StringBuilder kept = new StringBuilder();
            Consumer<String> lines = line -> {
                synchronized (kept) {
                    kept.append(line).append('\n');
                    if (kept.length() > KEPT_LOG_CHARS * 2)
                        kept.delete(0, kept.length() - KEPT_LOG_CHARS);
                }
                sink.accept(line);
            };
            PackageInstall outcome;
            Path staging = null;
            try {
                staging = environments.staging(projectId);
                outcome = install(staging, lines);
            }
            catch (IOException | RuntimeException e) {
                log.error("project {}: the {} install failed", projectId, ecosystem, e);
                outcome = new PackageInstall(InstallResult.FAILED, null,
                        "The install failed on the server: " + e.getMessage(), before.installed());
            }
            finally {
                if (staging != null)
                    FileTrees.delete(staging);
                slots.release();
                installing.remove(projectId);
            }
            String text;
            synchronized (kept) {
                text = kept.length() > KEPT_LOG_CHARS ? kept.substring(kept.length() - KEPT_LOG_CHARS)
                        : kept.toString();
            }
            repository.save(projectId, new PackageRepository.Row(outcome.status(), environments.current(projectId),
                    outcome.exitCode(), outcome.message(), outcome.installed(), text, now()));
            return outcome;
        }

        private PackageInstall install(Path staging, Consumer<String> lines) throws IOException {
            Path built = staging.resolve("built");
            Files.createDirectory(built);
            InstallResult result;
            if (specs.isEmpty()) {
                lines.accept("No " + ecosystem.manifest() + " entries: the " + ecosystem.name().toLowerCase(Locale.ROOT)
                        + " packages are removed.");
                result = new InstallResult(InstallResult.INSTALLED, 0, null, List.of());
            }
            else {
                PackageInstaller steps = installer.getIfAvailable();
                if (steps == null)
                    return new PackageInstall(InstallResult.FAILED, null, "This server has no install step.",
                            before.installed());
                InstallRequest request = new InstallRequest(
                        "project " + projectId + " " + ecosystem.name().toLowerCase(Locale.ROOT), ecosystem,
                        PackageSpecs.installManifest(ecosystem, specs), built, settings.installTimeout(),
                        settings.memoryMb() * Limits.MIB, settings.diskMb() * Limits.MIB,
                        settings.maxDownloadMb() * Limits.MIB, InstallRequest.DEFAULT_PROCESSES);
                result = steps.install(request, lines);
            }
            if (!result.installed())
                return new PackageInstall(result.status(), result.exitCode(), result.message(), before.installed());
            PackageEnvironments.Generation generation = environments.publish(projectId, ecosystem, built, staging);
            if (edited != null && !edited.equals(manifest)) {
                try {
                    projects.putFile(caller, projectId, ecosystem.manifest(), edited, null);
                }
                catch (RuntimeException e) {
                    log.warn("project {}: installed, but {} could not be saved: {}", projectId, ecosystem.manifest(),
                            e.getMessage());
                }
            }
            log.info("project {}: {} packages installed as generation {}", projectId, ecosystem, generation.number());
            return new PackageInstall(InstallResult.INSTALLED, result.exitCode(), null, generation.installed());
        }

    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static ErrorResponseException problem(ProblemDetail detail) {
        return new ErrorResponseException(HttpStatusCode.valueOf(detail.getStatus()), detail, null);
    }

    @EventListener
    void onProjectChange(ProjectFilesChanged change) {
        if (change.projectDeleted())
            environments.deleteProject(change.projectId());
    }

}
