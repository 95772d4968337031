package dev.sandlot.server.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.Constants;
import org.apache.coyote.Request;
import org.apache.tomcat.util.net.AbstractEndpoint;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's NIO endpoint with two defences against slow or numerous connections
 * (slowloris), which Tomcat's own timeouts miss because they restart on every byte read:
 * <ul>
 * <li>a cap on open connections per client address, checked when a connection is
 * accepted: past it the connection gets a short 429 problem and is closed, so one address
 * cannot take the server's connection slots;</li>
 * <li>a deadline for a request's line and headers, counted from their first byte (or from
 * the accept, for a connection that has sent nothing yet), enforced by a sweep once a
 * second however slowly bytes keep coming.</li>
 * </ul>
 */
public class GuardedNioEndpoint extends NioEndpoint {

    private static final Logger log = LoggerFactory.getLogger(GuardedNioEndpoint.class);

    private static final String REFUSAL_BODY = "{\"type\":\"urn:sandlot:problem:too-many-connections\","
            + "\"title\":\"Too many connections\",\"status\":429,"
            + "\"detail\":\"This address has too many connections open; close some first.\",\"retryAfterSeconds\":10}";

    private static final byte[] REFUSAL = ("HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/problem+json\r\n"
            + "Retry-After: 10\r\nConnection: close\r\nContent-Length: " + REFUSAL_BODY.length() + "\r\n\r\n"
            + REFUSAL_BODY)
        .getBytes(StandardCharsets.US_ASCII);

    /** What the endpoint knows of a connection it accepted. */
    private static final class Conn {

        final InetAddress capped;

        final long acceptedNanos = System.nanoTime();

        final AtomicInteger inProcess = new AtomicInteger();

        volatile boolean served;

        Conn(InetAddress capped) {
            this.capped = capped;
        }

    }

    private volatile int maxPerAddress = Integer.MAX_VALUE;

    private volatile long headerTimeoutNanos = TimeUnit.SECONDS.toNanos(10);

    private volatile Set<InetAddress> exempt = Set.of();

    private final Map<SocketChannel, Conn> conns = new ConcurrentHashMap<>();

    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    private final AtomicLong refused = new AtomicLong();

    private final AtomicLong timedOut = new AtomicLong();

    private volatile Thread sweeper;

    void configure(int maxPerAddress, long headerTimeoutNanos, Set<InetAddress> exempt) {
        this.maxPerAddress = maxPerAddress;
        this.headerTimeoutNanos = headerTimeoutNanos;
        this.exempt = Set.copyOf(exempt);
    }

    /**
     * Connections refused for their address's cap, and closed for their header deadline,
     * so far.
     */
    public long refused() {
        return refused.get();
    }

    public long timedOut() {
        return timedOut.get();
    }

    @Override
    public void setHandler(AbstractEndpoint.Handler<NioChannel> handler) {
        super.setHandler(new Handler<>() {
            @Override
            public SocketState process(SocketWrapperBase<NioChannel> wrapper, SocketEvent status) {
                Conn conn = conns.get(wrapper.getSocket().getIOChannel());
                if (conn == null)
                    return handler.process(wrapper, status);
                conn.inProcess.incrementAndGet();
                try {
                    return handler.process(wrapper, status);
                }
                finally {
                    if (!conn.served && parsingSince(wrapper) < 0)
                        conn.served = true;
                    conn.inProcess.decrementAndGet();
                }
            }

            @Override
            public Object getGlobal() {
                return handler.getGlobal();
            }

            @Override
            public void release(SocketWrapperBase<NioChannel> wrapper) {
                try {
                    forget(wrapper.getSocket().getIOChannel());
                }
                finally {
                    handler.release(wrapper);
                }
            }

            @Override
            public void pause() {
                handler.pause();
            }

            @Override
            public void recycle() {
                handler.recycle();
            }
        });
    }

    @Override
    protected boolean setSocketOptions(SocketChannel socket) {
        InetAddress address = remote(socket);
        InetAddress capped = address == null || exempt.contains(address) ? null : address;
        if (capped != null) {
            int n = perAddress.compute(capped, (a, c) -> c == null ? new AtomicInteger() : c).incrementAndGet();
            if (n > maxPerAddress) {
                decrement(capped);
                tellRefused(socket);
                destroySocket(socket); // Tomcat's acceptor only closes sockets that have
                                       // a wrapper
                if (refused.incrementAndGet() % 1000 == 1) {
                    log.warn("{} has {} connections open, the most allowed; refusing more ({} refused so far)",
                            capped.getHostAddress(), maxPerAddress, refused.get());
                }
                return false;
            }
        }
        conns.put(socket, new Conn(capped));
        boolean ok = super.setSocketOptions(socket);
        if (!ok)
            forget(socket);
        return ok;
    }

    private void forget(SocketChannel socket) {
        Conn conn = conns.remove(socket);
        if (conn != null && conn.capped != null)
            decrement(conn.capped);
    }

    private void decrement(InetAddress address) {
        perAddress.computeIfPresent(address, (a, c) -> c.decrementAndGet() <= 0 ? null : c);
    }

    private static InetAddress remote(SocketChannel socket) {
        try {
            return socket.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        }
        catch (IOException e) {
            return null;
        }
    }

    /**
     * Best effort, never blocking the acceptor: the refusal fits any fresh socket's send
     * buffer.
     */
    private static void tellRefused(SocketChannel socket) {
        try {
            socket.configureBlocking(false);
            socket.write(ByteBuffer.wrap(REFUSAL));
        }
        catch (IOException | RuntimeException e) {
            // closed below anyway
        }
    }

    /**
     * When the request whose line and headers this connection is still sending began, or
     * -1: its processor waits for more of them (it is parked on the connection, has begun
     * a request, and is not past parsing it; the stage of a recycled processor may still
     * say where its previous request ended).
     */
    private static long parsingSince(SocketWrapperBase<?> wrapper) {
        if (!(wrapper.getCurrentProcessor() instanceof AbstractProcessor p))
            return -1;
        Request request = p.getRequest();
        int stage = request.getRequestProcessor().getStage();
        boolean past = stage >= Constants.STAGE_PREPARE && stage <= Constants.STAGE_ENDOUTPUT;
        return past || request.getStartTimeNanos() <= 0 ? -1 : request.getStartTimeNanos();
    }

    // ------------------------------------------------------------ header deadline

    @Override
    public void startInternal() throws Exception {
        super.startInternal();
        Thread t = Thread.ofPlatform().daemon().name(getName() + "-header-deadline").unstarted(this::sweepForever);
        sweeper = t;
        t.start();
    }

    @Override
    public void stopInternal() {
        Thread t = sweeper;
        sweeper = null;
        if (t != null)
            t.interrupt();
        super.stopInternal();
    }

    private void sweepForever() {
        while (sweeper == Thread.currentThread()) {
            try {
                Thread.sleep(Math.max(100, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(headerTimeoutNanos) / 4)));
                sweep();
            }
            catch (InterruptedException e) {
                return;
            }
            catch (RuntimeException e) {
                log.warn("header deadline sweep failed: {}", e.toString());
            }
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (SocketWrapperBase<NioChannel> wrapper : getConnections()) {
            Conn conn = conns.get(wrapper.getSocket().getIOChannel());
            if (conn == null || conn.inProcess.get() > 0)
                continue; // a worker has it; Tomcat's own timeouts apply
            long since = parsingSince(wrapper);
            if (since < 0 && wrapper.getCurrentProcessor() == null && !conn.served)
                since = conn.acceptedNanos;
            if (since > 0 && now - since > headerTimeoutNanos) {
                timedOut.incrementAndGet();
                wrapper.setError(new SocketTimeoutException("request headers not complete within the deadline"));
                if (!processSocket(wrapper, SocketEvent.ERROR, true))
                    wrapper.close();
            }
        }
    }

}
