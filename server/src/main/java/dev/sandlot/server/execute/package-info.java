/**
 * Running code in the sandbox: {@code POST /api/v1/execute}, the streaming WebSocket,
 * running a saved project, fair sharing and load shedding
 * ({@link dev.sandlot.server.execute.RunService},
 * {@link dev.sandlot.server.execute.RunGate}). Reads projects through
 * {@code ProjectService}; records runs through {@code HistoryService}.
 */
@ApplicationModule(displayName = "Execute", allowedDependencies = { "account", "history", "project", "web" })
package dev.sandlot.server.execute;

import org.springframework.modulith.ApplicationModule;
