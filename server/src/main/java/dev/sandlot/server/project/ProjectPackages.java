package dev.sandlot.server.project;

import dev.sandlot.server.account.Caller;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * The per-project package environments: installs them through the engine's install step,
 * keeps their generations on disk, and tells runs, tests and terminals what to mount.
 */
@Service
public class ProjectPackages {

    /**
     * The host directory of the project's package generations, to mount read-only at
     * /packages.d, or empty when the project has none.
     */
    public Optional<Path> environment(long projectId) {
        return Optional.empty();
    }

    /**
     * The project's generations directory, created if missing, for a terminal to mount: a
     * terminal lives on while installs happen, so it needs the directory before the first
     * one; empty when packages are off.
     */
    public Optional<Path> terminalEnvironment(long projectId) {
        return Optional.empty();
    }

    /**
     * Applies {@code change} to the caller's project, streaming the install log to
     * {@code log} line by line; a failed install leaves the environment as it was.
     */
    public PackageInstall install(Caller caller, long projectId, PackageChange change, Consumer<String> log) {
        return new PackageInstall("failed", null, "package installs are not built yet", java.util.List.of());
    }

}
