package dev.sandlot.server.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who opens a WebSocket, as {@link WebSocketGuard} counts it: the client's address and,
 * when signed in, its account. The account module provides it, so the web layer needs
 * nothing of how callers are authenticated.
 */
public interface WebSocketClients {

    /**
     * A client: its address (see {@link RateLimiter#clientOf}) and its account, or null
     * when anonymous.
     */
    record Client(String address, Long userId) {

        public boolean signedIn() {
            return userId != null;
        }
    }

    Client of(HttpServletRequest handshake);

}
