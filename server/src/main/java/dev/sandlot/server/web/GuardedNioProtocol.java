package dev.sandlot.server.web;

import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's HTTP/1.1 NIO protocol on a {@link GuardedNioEndpoint}; Tomcat creates it by
 * class name.
 */
public class GuardedNioProtocol extends Http11NioProtocol {

    public GuardedNioProtocol() {
        super(new GuardedNioEndpoint());
    }

    public GuardedNioEndpoint guardedEndpoint() {
        return (GuardedNioEndpoint) getEndpoint();
    }

}
