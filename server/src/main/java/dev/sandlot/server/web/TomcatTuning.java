package dev.sandlot.server.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Per-connection memory of the embedded Tomcat, kept small so that thousands
 * of idle connections (WebSockets above all) cost little: 4 KB socket buffers
 * each way instead of 8, and 2 KB WebSocket frame buffers instead of three of
 * 8 KB (Tomcat reads that size once, from a system property, when its
 * WebSocket support starts; an operator's own setting of it is kept).
 */
@Component
class TomcatTuning implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";
    static final int SOCKET_BUFFER_BYTES = 4096;
    static final int WEBSOCKET_BUFFER_BYTES = 2048;

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
            System.setProperty(WEBSOCKET_BUFFER_PROPERTY, Integer.toString(WEBSOCKET_BUFFER_BYTES));
        }
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
        });
    }
}
