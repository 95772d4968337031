/**
 * The recorded runs: written by {@code execute} through
 * {@link dev.sandlot.server.history.HistoryService#record}, listed, pruned, and read by
 * {@code review} through {@link dev.sandlot.server.history.HistoryService#runsOfProject}.
 * Deleting a run of a project asks the project's write guards.
 */
@ApplicationModule(displayName = "Run history", allowedDependencies = { "account", "project", "web" })
package dev.sandlot.server.history;

import org.springframework.modulith.ApplicationModule;
