package dev.sandlot.server.web;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every WebSocket endpoint goes through, so that idle or hostile sockets cannot
 * exhaust the server:
 * <ul>
 * <li>as a handshake interceptor (put it first), it counts open sockets per server, per
 * client address and per account, and refuses a handshake past a cap with a problem
 * detail and Retry-After (503 for the server, 429 for one client) before any handler work
 * is done;</li>
 * <li>as a decorator of the endpoint's handler ({@link #guard}), it closes a socket that
 * sends no message in time, and puts long messages together from the container's small
 * receive buffer only while they arrive, within a cap per message and a budget for the
 * whole server.</li>
 * </ul>
 * An idle socket thus costs the container's few KB, not a buffer of the largest message.
 */
@Component
public class WebSocketGuard implements HandshakeInterceptor {

    private static final Logger log = LoggerFactory.getLogger(WebSocketGuard.class);

    private static final String TICKET = WebSocketGuard.class.getName() + ".ticket";

    private static final String PENDING = WebSocketGuard.class.getName() + ".pending";

    private static final int SWITCHING_PROTOCOLS = 101;

    /** One open (or opening) socket, counted against its client until released. */
    private final class Ticket {

        final String address;

        final Long userId;

        final long reservedNanos = System.nanoTime();

        final AtomicBoolean released = new AtomicBoolean();

        volatile boolean opened;

        volatile boolean messaged;

        volatile ScheduledFuture<?> deadline;

        Ticket(String address, Long userId) {
            this.address = address;
            this.userId = userId;
        }

        void release() {
            if (!released.compareAndSet(false, true))
                return;
            tickets.remove(this);
            total.decrementAndGet();
            decrement(byAddress, address);
            if (userId != null)
                decrement(byAccount, userId);
            ScheduledFuture<?> d = deadline;
            if (d != null)
                d.cancel(false);
        }

    }

    private final WebSocketProperties config;

    private final CorsProperties cors;

    private final WebSocketClients clients;

    private final JsonMapper json;

    private final AtomicInteger total = new AtomicInteger();

    private final Map<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();

    private final Map<Long, AtomicInteger> byAccount = new ConcurrentHashMap<>();

    private final Set<Ticket> tickets = ConcurrentHashMap.newKeySet();

    private final AtomicLong pendingChars = new AtomicLong();

    /** The periodic sweep; it ends with the timer. */
    private final ScheduledFuture<?> sweeping;

    private final ScheduledExecutorService timer = Executors
        .newSingleThreadScheduledExecutor(Thread.ofPlatform().name("websocket-deadlines").daemon().factory());

    WebSocketGuard(WebSocketProperties config, CorsProperties cors, WebSocketClients clients, JsonMapper json) {
        this.config = config;
        this.cors = cors;
        this.clients = clients;
        this.json = json;
        // A handshake that was counted but never became a socket (the container failed
        // it) is let go.
        sweeping = timer.scheduleWithFixedDelay(this::sweep, 30, 30, TimeUnit.SECONDS);
    }

    /**
     * Registers {@code handler} at {@code path} behind this guard (counted before
     * {@code interceptors} run), open to this server's origin and the configured CORS
     * origins only.
     */
    public void register(WebSocketHandlerRegistry registry, WebSocketHandler handler, String path,
            Duration firstMessageTimeout, HandshakeInterceptor... interceptors) {
        HandshakeInterceptor[] all = new HandshakeInterceptor[interceptors.length + 1];
        all[0] = this;
        System.arraycopy(interceptors, 0, all, 1, interceptors.length);
        var registration = registry.addHandler(guard(handler, firstMessageTimeout), path).addInterceptors(all);
        if (!cors.allowedOrigins().isEmpty())
            registration.setAllowedOriginPatterns(cors.allowedOrigins().toArray(String[]::new));
    }

    /**
     * The container's settings: small per-socket buffers (long messages arrive in parts,
     * see {@link #guard}).
     */
    public ServletServerContainerFactoryBean container(Duration idleTimeout) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(config.bufferChars());
        container.setMaxBinaryMessageBufferSize(config.bufferChars());
        container.setMaxSessionIdleTimeout(idleTimeout.toMillis());
        return container;
    }

    public WebSocketProperties config() {
        return config;
    }

    /** Open sockets on the server (and handshakes under way). */
    public int open() {
        return total.get();
    }

    // ------------------------------------------------------------ handshake

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) throws IOException {
        HttpServletRequest servlet = ((ServletServerHttpRequest) request).getServletRequest();
        WebSocketClients.Client caller = clients.of(servlet);
        String refusal = null;
        HttpStatus status = HttpStatus.TOO_MANY_REQUESTS;
        if (total.incrementAndGet() > config.maxConnections()) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            refusal = "The server has " + config.maxConnections() + " WebSockets open, its most; try again later.";
        }
        AtomicInteger mineAddress = byAddress.computeIfAbsent(caller.address(), a -> new AtomicInteger());
        if (mineAddress.incrementAndGet() > config.maxPerAddress() && refusal == null) {
            refusal = "This address has " + config.maxPerAddress()
                    + " WebSockets open, the most allowed; close one first.";
        }
        if (caller.signedIn()) {
            AtomicInteger mineAccount = byAccount.computeIfAbsent(caller.userId(), a -> new AtomicInteger());
            if (mineAccount.incrementAndGet() > config.maxPerAccount() && refusal == null) {
                refusal = "This account has " + config.maxPerAccount()
                        + " WebSockets open, the most allowed; close one first.";
            }
        }
        Ticket ticket = new Ticket(caller.address(), caller.userId());
        if (refusal != null) {
            ticket.release();
            refuse(response, status, refusal);
            return false;
        }
        tickets.add(ticket);
        attributes.put(TICKET, ticket);
        servlet.setAttribute(TICKET, ticket);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
        Ticket ticket = (Ticket) ((ServletServerHttpRequest) request).getServletRequest().getAttribute(TICKET);
        if (ticket == null)
            return;
        int status = response instanceof ServletServerHttpResponse s ? s.getServletResponse().getStatus() : 0;
        if (exception != null || status != SWITCHING_PROTOCOLS)
            ticket.release();
    }

    private void refuse(ServerHttpResponse response, HttpStatus status, String detail) throws IOException {
        boolean server = status == HttpStatus.SERVICE_UNAVAILABLE;
        ProblemDetail p = Problems.of(status, server ? "connections-full" : "too-many-connections",
                server ? "Server busy" : "Too many connections", detail);
        long retry = Math.max(1, config.retryAfter().toSeconds());
        p.setProperty("retryAfterSeconds", retry);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retry));
        response.getBody().write(json.writeValueAsBytes(p));
        response.flush();
    }

    private static <K> void decrement(Map<K, AtomicInteger> counts, K key) {
        AtomicInteger n = counts.get(key);
        if (n != null && n.decrementAndGet() <= 0)
            counts.remove(key, n);
    }

    private void sweep() {
        long stale = System.nanoTime() - TimeUnit.SECONDS.toNanos(30);
        for (Ticket t : tickets) {
            if (!t.opened && t.reservedNanos < stale)
                t.release();
        }
    }

    @PreDestroy
    void stop() {
        sweeping.cancel(false);
        timer.shutdownNow();
    }

    // ------------------------------------------------------------ sockets

    /**
     * {@code handler} behind the guard: first-message deadline, per-message cap, release
     * on close.
     */
    public WebSocketHandler guard(WebSocketHandler handler, Duration firstMessageTimeout) {
        return new Guarded(handler, firstMessageTimeout);
    }

    private final class Guarded extends WebSocketHandlerDecorator {

        private final Duration firstMessageTimeout;

        Guarded(WebSocketHandler delegate, Duration firstMessageTimeout) {
            super(delegate);
            this.firstMessageTimeout = firstMessageTimeout;
        }

        @Override
        public boolean supportsPartialMessages() {
            return true;
        }

        @Override
        public void afterConnectionEstablished(WebSocketSession session) throws Exception {
            Ticket ticket = (Ticket) session.getAttributes().get(TICKET);
            if (ticket != null) {
                ticket.opened = true;
                if (ticket.released.get()) { // swept meanwhile: count it again
                    session.close(CloseStatus.SERVICE_OVERLOAD);
                    return;
                }
                ticket.deadline = timer.schedule(() -> {
                    if (!ticket.messaged && session.isOpen()) {
                        Thread.ofVirtual()
                            .start(() -> close(session, CloseStatus.POLICY_VIOLATION
                                .withReason("no message within " + firstMessageTimeout.toSeconds() + " s")));
                    }
                }, firstMessageTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            super.afterConnectionEstablished(session);
        }

        @Override
        public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
            Ticket ticket = (Ticket) session.getAttributes().get(TICKET);
            if (ticket != null && !ticket.messaged) {
                ticket.messaged = true;
                ScheduledFuture<?> d = ticket.deadline;
                if (d != null)
                    d.cancel(false);
            }
            if (!(message instanceof TextMessage text)) {
                super.handleMessage(session, message);
                return;
            }
            StringBuilder pending = (StringBuilder) session.getAttributes().get(PENDING);
            if (pending == null && text.isLast()) {
                super.handleMessage(session, text);
                return;
            }
            String part = text.getPayload();
            int had = pending == null ? 0 : pending.length();
            if ((long) had + part.length() > config.maxMessageChars()) {
                dropPending(session);
                close(session, CloseStatus.TOO_BIG_TO_PROCESS
                    .withReason("a message may have at most " + config.maxMessageChars() + " characters"));
                return;
            }
            if (pendingChars.addAndGet(part.length()) > config.maxPendingChars()) {
                pendingChars.addAndGet(-part.length());
                dropPending(session);
                close(session,
                        CloseStatus.SERVICE_OVERLOAD.withReason("the server is receiving too much; try again later"));
                return;
            }
            if (pending == null) {
                pending = new StringBuilder(Math.min(config.maxMessageChars(), Math.max(16, part.length() * 2)));
                session.getAttributes().put(PENDING, pending);
            }
            pending.append(part);
            if (text.isLast()) {
                String whole = pending.toString();
                dropPending(session);
                super.handleMessage(session, new TextMessage(whole));
            }
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
            dropPending(session);
            Ticket ticket = (Ticket) session.getAttributes().get(TICKET);
            if (ticket != null)
                ticket.release();
            super.afterConnectionClosed(session, status);
        }

        private void dropPending(WebSocketSession session) {
            StringBuilder pending = (StringBuilder) session.getAttributes().remove(PENDING);
            if (pending != null)
                pendingChars.addAndGet(-pending.length());
        }

    }

    private static void close(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        }
        catch (IOException | RuntimeException e) {
            log.debug("closing a WebSocket failed: {}", e.toString());
        }
    }

}
