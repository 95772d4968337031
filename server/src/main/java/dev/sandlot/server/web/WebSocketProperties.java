package dev.sandlot.server.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Caps on WebSockets, for every endpoint (the run stream, terminals, and any
 * added later), under {@code sandlot.websocket}: how many may be open on the
 * server, per client address and per account; how soon a socket must send its
 * first message; and how much memory a socket may use for what it receives.
 *
 * @param maxConnections    open WebSockets on the whole server; past it a handshake is answered 503
 * @param maxPerAddress     open WebSockets per client address (signed in or not); past it 429
 * @param maxPerAccount     open WebSockets per signed-in account; past it 429
 * @param firstMessageTimeout a run-stream socket that has sent no message by then is closed (1008)
 * @param terminalFirstMessageTimeout the same for terminal sockets (the page pings when it connects)
 * @param bufferChars       the container's receive buffer per socket, in chars; longer messages
 *                          arrive in parts and are put together only while they arrive
 * @param maxMessageChars   the longest message a socket may send, in chars; longer ones close it (1009)
 * @param maxPendingChars   chars of partly received messages held on the whole server; past it the
 *                          socket whose message does not fit is closed (1013, try again later)
 * @param retryAfter        the Retry-After of a refused handshake
 */
@ConfigurationProperties("sandlot.websocket")
public record WebSocketProperties(
        Integer maxConnections,
        Integer maxPerAddress,
        Integer maxPerAccount,
        Duration firstMessageTimeout,
        Duration terminalFirstMessageTimeout,
        Integer bufferChars,
        Integer maxMessageChars,
        Long maxPendingChars,
        Duration retryAfter) {

    public WebSocketProperties {
        maxConnections = positive(maxConnections, 2048);
        maxPerAddress = positive(maxPerAddress, 64);
        maxPerAccount = positive(maxPerAccount, 32);
        firstMessageTimeout =
                firstMessageTimeout == null || firstMessageTimeout.isNegative() || firstMessageTimeout.isZero()
                        ? Duration.ofSeconds(10)
                        : firstMessageTimeout;
        terminalFirstMessageTimeout = terminalFirstMessageTimeout == null
                        || terminalFirstMessageTimeout.isNegative()
                        || terminalFirstMessageTimeout.isZero()
                ? Duration.ofSeconds(60)
                : terminalFirstMessageTimeout;
        bufferChars = positive(bufferChars, 1024);
        maxMessageChars = positive(maxMessageChars, 2 * 1024 * 1024);
        maxPendingChars = maxPendingChars == null || maxPendingChars <= 0 ? 64L * 1024 * 1024 : maxPendingChars;
        retryAfter = retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()
                ? Duration.ofSeconds(30)
                : retryAfter;
    }

    private static int positive(Integer value, int fallback) {
        return value == null || value <= 0 ? fallback : value;
    }
}
