package dev.sandlot.server.terminal;

import dev.sandlot.server.web.WebSocketGuard;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** The terminal endpoint, behind the WebSocket guard like the run stream. */
@Configuration(proxyBeanMethods = false)
class TerminalSocketConfiguration implements WebSocketConfigurer {

    private final TerminalSocketHandler handler;

    private final WebSocketGuard guard;

    TerminalSocketConfiguration(TerminalSocketHandler handler, WebSocketGuard guard) {
        this.handler = handler;
        this.guard = guard;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // The guard counts the socket before the handler's handshake starts a terminal.
        guard.register(registry, handler, TerminalSocketHandler.PATH, guard.config().terminalFirstMessageTimeout(),
                handler);
    }

}
