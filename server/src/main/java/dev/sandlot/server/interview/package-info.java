/**
 * Live interviews: pads (a project with participants and links), the shared documents
 * (Yjs over WebSocket, persisted as an update log), shared runs, private notes,
 * scorecards and playback. Its own tables only; files through {@code ProjectService},
 * submissions through {@code ReviewService}, runs through {@code RunService}, accounts
 * through {@code AccountService}. It grants pad participants their project through the
 * project module's {@code ProjectSharing} and their terminal through the terminal
 * module's {@code TerminalAccess}.
 */
@ApplicationModule(displayName = "Interview",
        allowedDependencies = { "account", "execute", "history", "project", "review", "terminal", "web" })
package dev.sandlot.server.interview;

import org.springframework.modulith.ApplicationModule;
