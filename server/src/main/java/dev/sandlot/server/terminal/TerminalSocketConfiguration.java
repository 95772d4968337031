package dev.sandlot.server.terminal;

import dev.sandlot.server.web.CorsProperties;
import dev.sandlot.server.web.WebSocketGuard;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The terminal endpoint; like the run stream, same origin or the configured CORS origins
 * only.
 */
@Configuration(proxyBeanMethods = false)
class TerminalSocketConfiguration implements WebSocketConfigurer {

    private final TerminalSocketHandler handler;

    private final CorsProperties cors;

    private final WebSocketGuard guard;

    TerminalSocketConfiguration(TerminalSocketHandler handler, CorsProperties cors, WebSocketGuard guard) {
        this.handler = handler;
        this.cors = cors;
        this.guard = guard;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        var registration = registry
            .addHandler(guard.guard(handler, guard.config().terminalFirstMessageTimeout()), TerminalSocketHandler.PATH)
            .addInterceptors(guard, handler); // the guard counts before a terminal starts
        var origins = cors.allowedOrigins();
        if (!origins.isEmpty())
            registration.setAllowedOriginPatterns(origins.toArray(String[]::new));
    }

}
