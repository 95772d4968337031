/**
 * The recorded runs: written by {@code execute} through
 * {@link dev.sandlot.server.history.HistoryService#record}, listed, pruned, and read by
 * {@code review} through {@link dev.sandlot.server.history.HistoryService#runsOfProject}.
 * Deleting a run of a project asks the project's write guards. A record keeps what it
 * takes to run it again exactly (every file, the limits it ran under, the input given and
 * typed, see {@link dev.sandlot.server.history.TypedInput}), offered as a
 * {@link dev.sandlot.server.history.RerunRequest}; running it is {@code execute}'s.
 */
@ApplicationModule(displayName = "Run history", allowedDependencies = { "account", "project", "web" })
package dev.sandlot.server.history;

import org.springframework.modulith.ApplicationModule;
