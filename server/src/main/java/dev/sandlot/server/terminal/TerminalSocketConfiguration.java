package dev.sandlot.server.terminal;

import dev.sandlot.server.SandlotProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** The terminal endpoint; like the run stream, same origin or the configured CORS origins only. */
@Configuration(proxyBeanMethods = false)
class TerminalSocketConfiguration implements WebSocketConfigurer {

    private final TerminalSocketHandler handler;
    private final SandlotProperties properties;

    TerminalSocketConfiguration(TerminalSocketHandler handler, SandlotProperties properties) {
        this.handler = handler;
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        var registration = registry.addHandler(handler, TerminalSocketHandler.PATH).addInterceptors(handler);
        var origins = properties.getCors().getAllowedOrigins();
        if (!origins.isEmpty()) registration.setAllowedOriginPatterns(origins.toArray(String[]::new));
    }
}
