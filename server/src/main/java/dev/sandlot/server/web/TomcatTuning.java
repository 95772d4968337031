package dev.sandlot.server.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The embedded Tomcat, hardened against many or slow connections:
 * <ul>
 * <li>its HTTP/1.1 connector runs on {@link GuardedNioEndpoint}: a cap on connections per
 * address and a deadline for request headers that does not restart on every byte
 * ({@code sandlot.connections.*});</li>
 * <li>per-connection memory is small, so that thousands of idle connections (WebSockets
 * above all) cost little: 4 KB socket buffers each way instead of 8, and 2 KB WebSocket
 * frame buffers instead of three of 8 KB (Tomcat reads that size once, from a system
 * property, when its WebSocket support starts; an operator's own setting of it is
 * kept).</li>
 * </ul>
 */
@Component
class TomcatTuning implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";
    static final int SOCKET_BUFFER_BYTES = 4096;
    static final int WEBSOCKET_BUFFER_BYTES = 2048;

    private final ConnectionProperties connections;

    private final boolean behindProxy;

    TomcatTuning(ConnectionProperties connections, RateLimitProperties rateLimit) {
        this.connections = connections;
        this.behindProxy = rateLimit.trustForwardedFor();
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
            System.setProperty(WEBSOCKET_BUFFER_PROPERTY, Integer.toString(WEBSOCKET_BUFFER_BYTES));
        }
        factory.setProtocol(GuardedNioProtocol.class.getName());
        Set<InetAddress> exempt = exemptAddresses();
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
            if (connector.getProtocolHandler() instanceof GuardedNioProtocol guarded) {
                guarded.guardedEndpoint()
                    .configure(connections.maxPerAddress(),
                            TimeUnit.MILLISECONDS.toNanos(connections.headerTimeout().toMillis()), exempt);
            }
        });
    }

    private Set<InetAddress> exemptAddresses() {
        Set<InetAddress> exempt = new HashSet<>();
        try {
            for (String a : connections.exemptAddresses())
                exempt.addAll(List.of(InetAddress.getAllByName(a.strip())));
            if (behindProxy) {
                exempt.add(InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }));
                exempt.add(InetAddress.getByAddress(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }));
            }
        }
        catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "sandlot.connections.exempt-addresses: not an address: " + e.getMessage(), e);
        }
        return exempt;
    }

}
