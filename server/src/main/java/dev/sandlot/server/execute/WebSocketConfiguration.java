package dev.sandlot.server.execute;

import dev.sandlot.server.web.WebSocketGuard;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The streaming endpoint, behind the WebSocket guard (caps, first-message deadline,
 * origins).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    private final ExecuteStreamHandler handler;

    private final WebSocketGuard guard;

    WebSocketConfiguration(ExecuteStreamHandler handler, WebSocketGuard guard) {
        this.handler = handler;
        this.guard = guard;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        guard.register(registry, handler, "/api/v1/execute/stream", guard.config().firstMessageTimeout());
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        // Small receive buffers for every socket; see WebSocketGuard for how long
        // messages still arrive.
        return guard.container(Duration.ofMinutes(10));
    }

}
