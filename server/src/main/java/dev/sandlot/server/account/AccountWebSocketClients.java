package dev.sandlot.server.account;

import dev.sandlot.server.web.WebSocketClients;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/** Tells the WebSocket guard who opens a socket: the {@link Caller} of the handshake. */
@Component
class AccountWebSocketClients implements WebSocketClients {

    private final Callers callers;

    AccountWebSocketClients(Callers callers) {
        this.callers = callers;
    }

    @Override
    public Client of(HttpServletRequest handshake) {
        Caller caller = callers.of(handshake);
        return new Client(caller.address(), caller.userId());
    }

}
