package dev.sandlot.server.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Caps on WebSockets, for every endpoint (the run stream, terminals, and any added
 * later), under {@code sandlot.websocket}: how many may be open on the server, per client
 * address and per account; how soon a socket must send its first message; and how much
 * memory a socket may use for what it receives.
 *
 * @param maxConnections open WebSockets on the whole server; past it a handshake is
 * answered 503
 * @param maxPerAddress open WebSockets per client address (signed in or not); past it 429
 * @param maxPerAccount open WebSockets per signed-in account; past it 429
 * @param firstMessageTimeout a run-stream socket that has sent no message by then is
 * closed (1008)
 * @param terminalFirstMessageTimeout a terminal socket that has sent no message by then
 * is closed (the page pings when it connects)
 * @param bufferChars the container's receive buffer per socket, in chars; longer messages
 * arrive in parts and are put together only while they arrive
 * @param maxMessageChars the longest message a socket may send, in chars; longer ones
 * close it (1009)
 * @param maxPendingChars chars of partly received messages held on the whole server; past
 * it the socket whose message does not fit is closed (1013, try again later)
 * @param retryAfter the Retry-After of a refused handshake
 */
@Validated
@ConfigurationProperties("sandlot.websocket")
public record WebSocketProperties(@DefaultValue("2048") @Positive int maxConnections,
        @DefaultValue("64") @Positive int maxPerAddress, @DefaultValue("32") @Positive int maxPerAccount,

        @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration firstMessageTimeout,

        @DefaultValue("60s") @NotNull @DurationMin(millis = 1) Duration terminalFirstMessageTimeout,

        @DefaultValue("1024") @Positive int bufferChars, @DefaultValue("2097152") @Positive int maxMessageChars,
        @DefaultValue("67108864") @Positive long maxPendingChars,

        @DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration retryAfter) {
}
