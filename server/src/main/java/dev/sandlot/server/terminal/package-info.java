/**
 * Interactive terminals in a project's sandbox: the WebSocket, the sessions and syncing
 * the workspace with the project's files (both ways: it listens to
 * {@code ProjectFilesChanged} and writes through {@code ProjectService}, asking the
 * project's write guards). Reviewers may watch: it asks {@code ReviewAccess}; another
 * feature may share a project's terminal through {@code TerminalAccess}.
 */
@ApplicationModule(displayName = "Terminal", allowedDependencies = { "account", "project", "review", "web" })
package dev.sandlot.server.terminal;

import org.springframework.modulith.ApplicationModule;
