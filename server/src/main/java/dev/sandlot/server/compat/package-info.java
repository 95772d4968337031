/**
 * The APIs of the four seed services Sandlot replaces ({@code /playground/execute},
 * {@code /api/...}, {@code /api/v1/code/...}, {@code /execute}, {@code GET /}), kept
 * answering as they did, over the native services of {@code execute}, {@code history} and
 * {@code project}.
 */
@ApplicationModule(displayName = "Seed-compatible APIs",
        allowedDependencies = { "account", "execute", "history", "project", "web" })
package dev.sandlot.server.compat;

import org.springframework.modulith.ApplicationModule;
