/**
 * Web plumbing every feature shares: problem details and errors, request hygiene filters,
 * security headers, Tomcat tuning, rate limiting and the WebSocket guard. It uses no
 * feature module; who a WebSocket client is comes from the
 * {@link dev.sandlot.server.web.WebSocketClients} that {@code account} provides.
 */
@ApplicationModule(displayName = "Web", allowedDependencies = {})
package dev.sandlot.server.web;

import org.springframework.modulith.ApplicationModule;
