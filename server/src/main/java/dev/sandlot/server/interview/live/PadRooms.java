package dev.sandlot.server.interview.live;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.interview.Pad;
import dev.sandlot.server.interview.PadChanged;
import dev.sandlot.server.interview.PadDocuments;
import dev.sandlot.server.project.Project;
import dev.sandlot.server.project.ProjectFile;
import dev.sandlot.server.project.ProjectFilesChanged;
import dev.sandlot.server.project.ProjectService;
import jakarta.annotation.PreDestroy;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * The loaded pads: each loaded from its snapshot and log on first use (seeded from its
 * project's files when the log is empty), unloaded when nobody has been connected for a
 * while, at most {@link LiveProperties#maxLoadedPads} at once. It is the pad service's
 * {@link PadDocuments}.
 */
@Component
class PadRooms implements PadDocuments, PadRoom.Context {

    private static final Logger log = LoggerFactory.getLogger(PadRooms.class);

    /** Every pad is full: a new one cannot be loaded now. */
    static final class Busy extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message);
        }

    }

    private final Map<Long, PadRoom> rooms = new ConcurrentHashMap<>();

    /** Held while a room is loaded or unloaded. */
    private final Object loading = new Object();

    private final SecureRandom random = new SecureRandom();

    private final PadDirectory pads;

    private final UpdateLog updates;

    private final LiveFrames frames;

    private final LiveProperties config;

    private final ProjectService projects;

    private final ProjectWriter writer;

    private final ScheduledExecutorService timer = Executors
        .newSingleThreadScheduledExecutor(Thread.ofPlatform().name("pad-rooms").daemon().factory());

    /** The sweep that unloads idle pads; it ends with the timer. */
    private final ScheduledFuture<?> sweeping;

    PadRooms(PadDirectory pads, UpdateLog updates, LiveFrames frames, LiveProperties config, ProjectService projects,
            ProjectWriter writer) {
        this.pads = pads;
        this.updates = updates;
        this.frames = frames;
        this.config = config;
        this.projects = projects;
        this.writer = writer;
        long sweep = Math.max(50, Math.min(1000, config.idleUnload().toMillis() / 4));
        sweeping = timer.scheduleWithFixedDelay(this::unloadIdle, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------ the context rooms use

    @Override
    public UpdateLog log() {
        return updates;
    }

    @Override
    public LiveFrames frames() {
        return frames;
    }

    @Override
    public LiveProperties config() {
        return config;
    }

    /**
     * Writes the room's text to its project once it has been still for the write delay,
     * or once its oldest unwritten edit is the write max delay old: a typist's every key
     * is not a project write (each one a transaction, an event and a terminal sync).
     */
    @Override
    public void changed(PadRoom room) {
        long now = System.nanoTime();
        room.lastEditNanos = now;
        if (room.writeScheduled.compareAndSet(false, true)) {
            room.firstUnwrittenNanos = now;
            scheduleWrite(room, config.writeDelay().toNanos());
        }
    }

    private void scheduleWrite(PadRoom room, long delayNanos) {
        var unused = timer.schedule(() -> {
            long now = System.nanoTime();
            long still = config.writeDelay().toNanos() - (now - room.lastEditNanos);
            long overdue = config.writeMaxDelay().toNanos() - (now - room.firstUnwrittenNanos);
            if (still > 0 && overdue > 0) {
                scheduleWrite(room, Math.min(still, overdue));
                return;
            }
            Thread.ofVirtual().name("pad-" + room.padId + "-write").start(() -> {
                room.writeScheduled.set(false);
                writer.write(room);
            });
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    // ------------------------------------------------------------ loading

    /** The loaded room if there is one. */
    Optional<PadRoom> loaded(long padId) {
        return Optional.ofNullable(rooms.get(padId)).filter(r -> !r.closed());
    }

    /** Whether a pad that is not loaded could be now. */
    boolean roomFor(long padId) {
        return rooms.containsKey(padId) || rooms.size() < config.maxLoadedPads() || anyIdle();
    }

    private boolean anyIdle() {
        return rooms.values().stream().anyMatch(r -> r.connections.isEmpty());
    }

    /**
     * The pad's room, loaded if need be.
     * @throws Busy when {@link LiveProperties#maxLoadedPads} are loaded and in use
     */
    PadRoom open(long padId) {
        PadRoom room = rooms.get(padId);
        if (room != null && !room.closed())
            return room;
        synchronized (loading) {
            room = rooms.get(padId);
            if (room != null && !room.closed())
                return room;
            if (rooms.size() >= config.maxLoadedPads()) {
                rooms.values().stream().filter(r -> r.closeIfIdle(0)).findFirst().ifPresent(this::unload);
            }
            if (rooms.size() >= config.maxLoadedPads()) {
                log.warn("pad {} cannot be loaded: {} pads are loaded and in use", padId, rooms.size());
                throw new Busy("The server holds " + config.maxLoadedPads()
                        + " open pads, its most, and all are in use; try again in a minute.");
            }
            room = load(padId);
            rooms.put(padId, room);
            return room;
        }
    }

    private PadRoom load(long padId) {
        Pad pad = pads.pad(padId).orElseThrow(() -> new IllegalStateException("no pad " + padId));
        Caller owner = pads.ownerCaller(pad);
        Project project = projects.get(owner, pad.projectId());
        Map<String, String> files = new LinkedHashMap<>();
        for (ProjectFile f : projects.files(owner, project.id(), true))
            files.put(f.path(), f.content());
        Map<Long, Long> owners = updates.clients(padId);
        long serverId;
        do {
            serverId = 1L + random.nextInt(Integer.MAX_VALUE - 1);
        }
        while (owners.containsKey(serverId));
        updates.bindClient(padId, serverId, null);
        owners.put(serverId, PadRoom.SERVER);
        PadRoom room = new PadRoom(padId, project.id(), owner, serverId, owners, this);
        var snapshot = updates.latestSnapshot(padId);
        room.restore(snapshot, updates.after(padId, snapshot.map(UpdateLog.Snapshot::uptoSeq).orElse(0L)));
        room.projectHolds(files);
        room.ended(pad.ended());
        if (room.empty()) {
            room.takeFromProject(files);
            updates.written(padId, project.revision());
            log.info("pad {}: seeded from project {} ({} files)", padId, project.id(), files.size());
        }
        else if (room.differsFromProject()) {
            long written = updates.writtenRevision(padId).orElse(Long.MAX_VALUE);
            if (project.revision() > written) {
                // Written through the REST API while the pad was unloaded: the project
                // wins.
                room.takeFromProject(files);
                updates.written(padId, project.revision());
                log.info("pad {}: project {} changed while unloaded; the shared text follows it", padId, project.id());
            }
            else {
                changed(room); // edits the project has not had yet (the server stopped
                               // first)
            }
        }
        log.info("pad {}: loaded ({} loaded)", padId, rooms.size() + 1);
        return room;
    }

    private void unloadIdle() {
        try {
            long idle = config.idleUnload().toNanos();
            for (PadRoom room : rooms.values()) {
                if (room.connections.isEmpty() && !room.closed()) {
                    synchronized (loading) {
                        if (room.closeIfIdle(idle))
                            unload(room);
                    }
                }
            }
        }
        catch (RuntimeException e) {
            log.warn("unloading idle pads failed: {}", e.toString());
        }
    }

    /** Writes, snapshots and drops a closed room (under the loading lock). */
    private void unload(PadRoom room) {
        try {
            writer.write(room);
            room.snapshot();
        }
        finally {
            rooms.remove(room.padId, room);
        }
        log.info("pad {}: unloaded after {} s without connections", room.padId, config.idleUnload().toSeconds());
    }

    int loadedCount() {
        return rooms.size();
    }

    // ------------------------------------------------------------ events

    @Override
    public void flush(long padId) {
        PadRoom room = rooms.get(padId);
        if (room != null)
            writer.write(room);
    }

    @Override
    public void freeze(long padId) {
        PadRoom room = rooms.get(padId);
        if (room == null)
            return;
        room.ended(true);
        log.info("pad {}: ending; the shared text is read-only now", padId);
        writer.write(room);
    }

    @EventListener
    void projectChanged(ProjectFilesChanged change) {
        if (change.projectDeleted() || change.path() == null)
            return;
        for (PadRoom room : rooms.values()) {
            if (room.projectId == change.projectId())
                room.projectChanged(change.path(), change.content(), change.renamedFrom());
        }
    }

    @EventListener
    void padChanged(PadChanged change) {
        PadRoom room = rooms.get(change.padId());
        if (room == null)
            return;
        Optional<Pad> pad = pads.pad(change.padId());
        if (pad.isEmpty())
            return;
        boolean wasEnded = room.ended();
        room.ended(pad.get().ended());
        if (!wasEnded && pad.get().ended())
            log.info("pad {}: ended; the shared text is read-only now", room.padId);
        for (LiveConnection c : room.connections)
            c.sendText(frames.padChanged(pads.view(c.participant)));
        presence(room);
    }

    /** Tells everyone in the room who is in the pad, and who is connected. */
    void presence(PadRoom room) {
        List<LiveConnection> all = List.copyOf(room.connections);
        if (all.isEmpty())
            return;
        var list = LiveFrames.participants(pads.view(all.getFirst().participant), room.online());
        room.broadcastText(frames.presence(list));
    }

    @PreDestroy
    void stop() {
        sweeping.cancel(false);
        timer.shutdownNow();
        synchronized (loading) {
            for (PadRoom room : List.copyOf(rooms.values())) {
                room.close();
                room.connections.forEach(c -> c.close(CloseStatus.GOING_AWAY));
                try {
                    writer.write(room);
                    room.snapshot();
                }
                catch (RuntimeException e) {
                    log.warn("pad {}: not saved on shutdown: {}", room.padId, e.toString());
                }
            }
            rooms.clear();
        }
    }

}
