package dev.sandlot.server.terminal;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.SandboxUnavailableException;
import dev.sandlot.engine.Terminal;
import dev.sandlot.engine.TerminalRequest;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.project.ProjectFile;
import dev.sandlot.server.project.ProjectFilesChanged;
import dev.sandlot.server.project.ProjectPackages;
import dev.sandlot.server.project.ProjectProperties;
import dev.sandlot.server.project.ProjectService;
import dev.sandlot.server.project.ProjectWriteGuard;
import dev.sandlot.server.review.ReviewAccess;
import dev.sandlot.server.web.Problems;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * The terminals of this server: at most one per project, opened by its owner (or an
 * admin) and re-attached by later connections; capped per user and per server; ended when
 * idle, when the project is deleted, on request and at shutdown, each time after saving
 * the workspace to the project.
 */
@Service
public class TerminalSessions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TerminalSessions.class);

    private static final Duration FORCED_SYNC_EVERY = Duration.ofSeconds(5);

    private final Engine engine;

    private final ProjectService projects;

    private final ReviewAccess reviews;

    private final ObjectProvider<ProjectWriteGuard> guards;

    private final TerminalProperties config;

    private final ObjectProvider<TerminalAccess> accesses;

    private final ProjectPackages packages;

    private final int maxFileBytes;

    private final Map<Long, TerminalSession> byProject = new ConcurrentHashMap<>();

    private final ScheduledExecutorService ticker = Executors
        .newSingleThreadScheduledExecutor(Thread.ofPlatform().name("terminal-ticker").daemon().factory());

    TerminalSessions(Engine engine, ProjectService projects, ReviewAccess reviews,
            ObjectProvider<ProjectWriteGuard> guards, TerminalProperties config, ProjectProperties projectCaps,
            ObjectProvider<TerminalAccess> accesses, ProjectPackages packages) {
        this.config = config;
        this.packages = packages;
        this.accesses = accesses;
        this.engine = engine;
        this.projects = projects;
        this.reviews = reviews;
        this.guards = guards;
        this.maxFileBytes = projectCaps.maxFileBytes();
    }

    /** An attached terminal and whether it was already running. */
    record Attached(TerminalSession session, boolean reattached) {
    }

    /**
     * The project's running terminal, or a new one. Only those who may see the project
     * (its owner, an admin) get one; the reviewer of an attempt's project may watch it
     * (view mode); others get the project's 404. A viewer only ever attaches to a
     * terminal that is running.
     */
    Attached open(Caller caller, long projectId, int cols, int rows, boolean viewer) {
        Optional<Boolean> shared = access(caller, projectId);
        if (shared.isPresent()) {
            if (!shared.get() && !viewer)
                throw refusal(HttpStatus.FORBIDDEN, "watch-only", "Watch only",
                        "You may watch the terminal of project " + projectId + " (mode=view), not type into it.");
        }
        else {
            try {
                projects.get(caller, projectId);
            }
            catch (ErrorResponseException notYours) {
                if (!reviews.canWatch(caller, projectId))
                    throw notYours;
                if (!viewer)
                    throw refusal(HttpStatus.FORBIDDEN, "watch-only", "Watch only", "As the reviewer of project "
                            + projectId + " you may watch its terminal (mode=view), not type into it.");
            }
        }
        synchronized (this) {
            TerminalSession running = byProject.get(projectId);
            if (running != null && running.alive())
                return new Attached(running, true);
            if (viewer)
                throw refusal(HttpStatus.CONFLICT, "terminal-not-running", "No terminal",
                        "Project " + projectId + " has no running terminal to watch.");
            if (!config.enabled())
                throw refusal(HttpStatus.SERVICE_UNAVAILABLE, "terminals-disabled", "Terminals are off",
                        "This server does not offer terminals (sandlot.terminal.enabled=false).");
            // A shared project's terminal is everyone's in it, not the starter's: it does
            // not count against whoever happens to start it (the server and address caps
            // still hold), so a participant at their own cap cannot block the others.
            long mine = byProject.values()
                .stream()
                .filter(s -> !s.shared && s.owner.userId().equals(caller.userId()))
                .count();
            if (!shared.isPresent() && mine >= config.maxPerUser()) {
                throw refusal(HttpStatus.TOO_MANY_REQUESTS, "too-many-terminals", "Too many terminals", "You have "
                        + mine
                        + " terminals open, the most allowed; close one (GET /api/v1/terminals lists them, DELETE /api/v1/terminals/{id} ends one) first.");
            }
            List<TerminalSession> sameAddress = byProject.values()
                .stream()
                .filter(s -> Objects.equals(s.owner.address(), caller.address()))
                .toList();
            if (sameAddress.size() >= config.maxPerAddress() && !evictLongestIdleUnattached(sameAddress)) {
                throw refusal(HttpStatus.TOO_MANY_REQUESTS, "too-many-terminals", "Too many terminals",
                        "Your address has " + sameAddress.size()
                                + " terminals open, the most allowed from one address; close one first.");
            }
            if (byProject.size() >= config.maxPerServer()
                    && !evictLongestIdleUnattached(List.copyOf(byProject.values()))) {
                throw refusal(HttpStatus.SERVICE_UNAVAILABLE, "terminals-full", "Server busy",
                        "The server runs " + byProject.size() + " terminals, its most; try again later.");
            }
            TerminalSession session = start(caller, projectId, cols, rows, shared.isPresent());
            byProject.put(projectId, session);
            return new Attached(session, false);
        }
    }

    /**
     * Ends the unattached terminal among {@code candidates} that has been quiet longest
     * (after saving its files), so that a user under their own cap still gets a terminal;
     * false if every candidate has a client.
     */
    private boolean evictLongestIdleUnattached(List<TerminalSession> candidates) {
        TerminalSession victim = candidates.stream()
            .filter(s -> s.alive() && s.clientCount() == 0)
            .max(Comparator.comparing(TerminalSession::quietFor))
            .orElse(null);
        if (victim == null)
            return false;
        log.info("ending the unattached terminal of project {} ({}) to make room", victim.projectId,
                victim.owner.username());
        victim.endAndWait(TerminalSession.Reason.EVICTED);
        byProject.remove(victim.projectId, victim);
        return true;
    }

    /**
     * Asks the rules again for every client attached to the project's terminal, after
     * they changed (a pad ended, or stopped letting interviewers type): a client that may
     * no longer type only watches from now on, and is told so with
     * {@code {"type":"mode","mode":"view","reason":reason}}; once this returns, nothing
     * it types reaches the shell. A watcher that may now type is told it may reconnect
     * with mode=control. {@code reason} is a short word for clients ({@code pad-ended}).
     */
    public void reassess(long projectId, String reason) {
        TerminalSession session = byProject.get(projectId);
        if (session == null || !session.alive())
            return;
        session.reassess(caller -> right(caller, projectId), reason);
    }

    /** What the caller may do with the project's terminal now, as at the handshake. */
    private TerminalSession.Right right(Caller caller, long projectId) {
        Optional<Boolean> shared = access(caller, projectId);
        if (shared.isPresent())
            return shared.get() ? TerminalSession.Right.CONTROL : TerminalSession.Right.WATCH;
        try {
            projects.get(caller, projectId);
            return TerminalSession.Right.CONTROL;
        }
        catch (ErrorResponseException notYours) {
            return reviews.canWatch(caller, projectId) ? TerminalSession.Right.WATCH : TerminalSession.Right.NONE;
        }
    }

    /** What the first {@link TerminalAccess} with an opinion says, if any has one. */
    Optional<Boolean> access(Caller caller, long projectId) {
        return accesses.orderedStream().map(a -> a.mayControl(caller, projectId)).flatMap(Optional::stream).findFirst();
    }

    private TerminalSession start(Caller caller, long projectId, int cols, int rows, boolean shared) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (ProjectFile f : projects.files(caller, projectId, true)) {
            files.put(f.path(), f.content().getBytes(StandardCharsets.UTF_8));
        }
        TerminalSession session = new TerminalSession(projectId, caller, config.idleTimeout(), config.scrollbackBytes(),
                cols, rows, this::forget);
        session.shared = shared;
        session.endWhenDetachedAndQuietFor(config.detachedIdleTimeout());
        TerminalRequest request = new TerminalRequest(
                "terminal of project " + projectId + " (" + caller.username() + ")", files, cols, rows,
                (long) config.memoryMb() << 20, config.maxProcesses(), (long) config.diskMb() << 20, config.cpuCores());
        Optional<Path> environment = packages.terminalEnvironment(projectId);
        if (environment.isPresent()) {
            request = request.withPackages(environment.get(),
                    new TerminalPackages(packages, caller, projectId, session::saveNow));
        }
        try {
            Terminal terminal = engine.openTerminal(request, session);
            Runnable checkWritable = () -> guards.orderedStream().forEach(g -> g.checkWritable(projectId));
            session.started(terminal,
                    new WorkspaceSync(terminal, projects, caller, projectId, maxFileBytes, checkWritable, files));
        }
        catch (SandboxUnavailableException e) {
            throw refusal(HttpStatus.SERVICE_UNAVAILABLE, "sandbox-unavailable", "Sandbox unavailable", e.getMessage());
        }
        catch (IOException e) {
            log.error("cannot start the terminal of project {}: {}", projectId, e.toString());
            throw refusal(HttpStatus.INTERNAL_SERVER_ERROR, "terminal-failed", "Terminal failed",
                    "The terminal could not be started; the server log says why.");
        }
        log.info("terminal of project {} started for {}", projectId, caller.username());
        return session;
    }

    /**
     * Ends a running terminal the caller may see, after saving its files; false if there
     * is none.
     */
    boolean close(Caller caller, String id) {
        TerminalSession session = byProject.values().stream().filter(s -> s.id.equals(id)).findFirst().orElse(null);
        if (session == null || !session.alive())
            return false;
        try {
            projects.get(caller, session.projectId);
        }
        catch (ErrorResponseException e) {
            return false;
        }
        session.endAndWait(TerminalSession.Reason.CLOSED);
        return true;
    }

    /** The caller's running terminals (all of them for an admin with {@code all}). */
    List<TerminalSession> list(Caller caller, boolean all) {
        return byProject.values()
            .stream()
            .filter(s -> s.alive() && ((all && caller.isAdmin()) || s.owner.userId().equals(caller.userId())))
            .toList();
    }

    public int running() {
        return byProject.size();
    }

    @EventListener
    void projectChanged(ProjectFilesChanged change) {
        TerminalSession session = byProject.get(change.projectId());
        if (session != null)
            session.projectChanged(change);
    }

    private void forget(TerminalSession session) {
        byProject.remove(session.projectId, session);
    }

    private void tick() {
        for (TerminalSession session : byProject.values()) {
            try {
                session.tick(FORCED_SYNC_EVERY);
            }
            catch (RuntimeException e) {
                log.warn("terminal of project {}: {}", session.projectId, e.toString());
            }
        }
    }

    private ScheduledFuture<?> ticking;

    /**
     * Starts the timer that saves workspaces and ends idle terminals (again, after a
     * stop).
     */
    @Override
    public synchronized void start() {
        if (ticking != null)
            return;
        long every = Math.max(50, config.syncInterval().toMillis());
        ticking = ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops first (the highest phase), while the web server and the database still work:
     * every terminal's workspace is saved and its clients are told why it ends, before
     * connections close.
     */
    @Override
    public synchronized void stop() {
        if (ticking != null)
            ticking.cancel(false);
        ticking = null;
        endAll();
    }

    @Override
    public synchronized boolean isRunning() {
        return ticking != null;
    }

    @PreDestroy
    void destroy() {
        stop();
        ticker.shutdownNow();
    }

    /** Saves every workspace and ends every terminal. */
    private void endAll() {
        List<Thread> enders = byProject.values()
            .stream()
            .map(s -> Thread.ofVirtual().start(() -> s.endAndWait(TerminalSession.Reason.SHUTDOWN)))
            .toList();
        for (Thread t : enders) {
            try {
                t.join(Duration.ofSeconds(30));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static ErrorResponseException refusal(HttpStatus status, String kind, String title, String detail) {
        return new ErrorResponseException(status, Problems.of(status, kind, title, detail), null);
    }

}
