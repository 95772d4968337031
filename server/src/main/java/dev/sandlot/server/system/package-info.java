/**
 * Health and readiness: the sandbox's state, languages, and the run gate's load from
 * {@code execute}.
 */
@ApplicationModule(displayName = "System", allowedDependencies = "execute")
package dev.sandlot.server.system;

import org.springframework.modulith.ApplicationModule;
