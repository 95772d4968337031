package dev.sandlot.server.interview.live;

import dev.sandlot.server.web.WebSocketGuard;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** The live pad endpoint, behind the WebSocket guard like the terminal. */
@Configuration(proxyBeanMethods = false)
class LiveSocketConfiguration implements WebSocketConfigurer {

    private final LiveSocketHandler handler;

    private final WebSocketGuard guard;

    LiveSocketConfiguration(LiveSocketHandler handler, WebSocketGuard guard) {
        this.handler = handler;
        this.guard = guard;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // The guard counts the socket (server, address, account) before the pad's checks.
        guard.register(registry, handler, LiveSocketHandler.PATH, guard.config().terminalFirstMessageTimeout(),
                handler);
    }

}
