/**
 * Saved projects and their files. It publishes
 * {@link dev.sandlot.server.project.ProjectFilesChanged} when files change or a project
 * goes, and asks every {@link dev.sandlot.server.project.ProjectWriteGuard} (another
 * module's veto) before it writes or deletes. Running a project is {@code execute}'s.
 * {@link dev.sandlot.server.project.ProjectPackages} installs a project's pip and npm
 * packages through the engine's install step and tells runs and terminals what to mount.
 */
@ApplicationModule(displayName = "Projects", allowedDependencies = { "account", "web" })
package dev.sandlot.server.project;

import org.springframework.modulith.ApplicationModule;
