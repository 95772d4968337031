package dev.sandlot.server.interview.live;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.interview.Participant;
import dev.sandlot.server.interview.crdt.SyncMessages;
import dev.sandlot.server.interview.crdt.YDoc;
import dev.sandlot.server.interview.crdt.YUpdates;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded pad: its shared document, who is connected, whose Yjs client ids are whose,
 * and the run everyone sees. Every change to the document goes through here, under this
 * object's lock: integrated, appended to the log, then sent to the other connections.
 */
final class PadRoom {

    static final String FILES = "files";

    /** The owner recorded for the server's own client ids. */
    static final long SERVER = -1;

    private static final Logger log = LoggerFactory.getLogger(PadRoom.class);

    /** What a room needs of the hub. */
    interface Context {

        UpdateLog log();

        LiveFrames frames();

        LiveProperties config();

        /** The document changed: write it to the project soon. */
        void changed(PadRoom room);

    }

    final long padId;

    final long projectId;

    final long serverClientId;

    private final YDoc doc;

    private final Context context;

    private final Map<Long, Long> owners;

    /** Open connections; sent to without the room's lock (a run's output, for one). */
    final List<LiveConnection> connections = new CopyOnWriteArrayList<>();

    private final RoomAwareness awareness;

    /** The pad's owner: the project's files are written, and runs looked up, as them. */
    final Caller owner;

    /** A write to the project is scheduled. */
    final AtomicBoolean writeScheduled = new AtomicBoolean();

    /**
     * When the latest edit came, and when the first edit not yet written came (nanoTime).
     */
    volatile long lastEditNanos;

    volatile long firstUnwrittenNanos;

    /**
     * The shared text's size, at most: exact after each write to the project, and grown
     * by every insert since.
     */
    private long textBytes;

    /** The project's files as this room last read or wrote them. */
    private final Map<String, String> written = new HashMap<>();

    /** Writes to the project under way: their events are this room's own echo. */
    private final Map<String, Optional<String>> ownWrites = new HashMap<>();

    /** Held while the shared text is written to the project. */
    final ReentrantLock writing = new ReentrantLock();

    private long lastSeq;

    private int sinceSnapshot;

    private boolean ended;

    private SharedRun run;

    private long emptySince = System.nanoTime();

    private boolean closed;

    PadRoom(long padId, long projectId, Caller owner, long serverClientId, Map<Long, Long> owners, Context context) {
        this.padId = padId;
        this.owner = owner;
        this.projectId = projectId;
        this.serverClientId = serverClientId;
        this.owners = owners;
        this.context = context;
        this.doc = new YDoc(serverClientId);
        this.awareness = new RoomAwareness(this, context.frames());
    }

    // ------------------------------------------------------------ loading

    /** Integrates the latest snapshot and the updates after it. */
    synchronized void restore(Optional<UpdateLog.Snapshot> snapshot, List<UpdateLog.Entry> entries) {
        snapshot.ifPresent(s -> {
            doc.applyUpdate(s.payload());
            lastSeq = s.uptoSeq();
        });
        for (UpdateLog.Entry e : entries) {
            doc.applyUpdate(e.payload());
            lastSeq = e.seq();
        }
        sinceSnapshot = entries.size();
        textBytes = measure(doc.texts(FILES));
    }

    private static long measure(Map<String, String> texts) {
        long n = 0;
        for (String text : texts.values())
            n += text.getBytes(StandardCharsets.UTF_8).length;
        return n;
    }

    synchronized boolean empty() {
        return lastSeq == 0;
    }

    /** What the project holds now, as loaded. */
    synchronized void projectHolds(Map<String, String> files) {
        written.clear();
        written.putAll(files);
    }

    /**
     * Makes the document hold {@code files} (the smallest edits), as one logged system
     * update per file changed.
     */
    synchronized void takeFromProject(Map<String, String> files) {
        for (String path : Set.copyOf(doc.texts(FILES).keySet())) {
            if (!files.containsKey(path))
                serverEdit(doc.deleteKey(FILES, path));
        }
        files.forEach((path, content) -> serverEdit(doc.setText(FILES, path, content)));
    }

    synchronized boolean differsFromProject() {
        return !doc.texts(FILES).equals(written);
    }

    synchronized void ended(boolean ended) {
        this.ended = ended;
    }

    synchronized boolean ended() {
        return ended;
    }

    // ------------------------------------------------------------ joining and leaving

    /**
     * Greets {@code c} (welcome, the server's state vector, everyone's awareness, the run
     * so far) and adds it; false (and nothing sent) if the room was closed meanwhile.
     */
    synchronized boolean join(LiveConnection c, String welcome) {
        if (closed)
            return false;
        c.sendText(welcome);
        c.sendBinary(SyncMessages.syncStep1(doc.encodeStateVector()));
        awareness.greet(c);
        SharedRun r = run;
        if (r == null) {
            connections.add(c);
            return true;
        }
        synchronized (r) { // no run frame between the replay and the live ones
            r.replayTo(c::sendText);
            connections.add(c);
        }
        return true;
    }

    synchronized void leave(LiveConnection c) {
        if (!connections.remove(c))
            return;
        awareness.forget(c);
        if (connections.isEmpty())
            emptySince = System.nanoTime();
    }

    synchronized Refusal awareness(LiveConnection from, byte[] update) {
        return awareness.receive(from, update);
    }

    synchronized byte[] everyonesAwareness() {
        return awareness.everyone();
    }

    synchronized Set<Long> online() {
        Set<Long> ids = new HashSet<>();
        connections.forEach(c -> ids.add(c.participant.id()));
        return ids;
    }

    /**
     * Marks the room closed if nobody has been connected for {@code idleNanos}; a closed
     * room takes no one in.
     */
    synchronized boolean closeIfIdle(long idleNanos) {
        if (!closed && connections.isEmpty() && System.nanoTime() - emptySince >= idleNanos)
            closed = true;
        return closed;
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized void close() {
        closed = true;
    }

    // ------------------------------------------------------------ the document

    synchronized byte[] stateAsUpdate(byte[] stateVector) {
        return doc.encodeStateAsUpdate(stateVector);
    }

    /** Why an update was refused; null when it was taken. */
    record Refusal(String code, String message) {
    }

    /**
     * A participant's update: checked, integrated, logged, sent to the others.
     * @throws dev.sandlot.server.interview.crdt.YUpdateException if it is malformed
     */
    synchronized Refusal update(LiveConnection from, byte[] update, long maxTextBytes, long maxFileBytes) {
        YUpdates.Summary s = YUpdates.summarize(update);
        if (s.structClients().isEmpty() && s.deletedRanges() == 0)
            return null; // nothing new (the empty step 2 of a client with nothing to add)
        if (ended)
            return new Refusal("read-only", "The interview has ended; the pad is read-only.");
        Refusal foreign = claim(from, s.structClients());
        if (foreign != null)
            return foreign;
        if (s.insertedChars() > maxFileBytes || textBytes + s.insertedChars() > maxTextBytes) {
            return new Refusal("too-large", "The pad's files would pass their caps (" + maxFileBytes + " bytes a file, "
                    + maxTextBytes + " in all); delete some text first.");
        }
        doc.applyUpdate(update);
        textBytes += s.insertedChars();
        // The others see it before the database does: a lost append is made good when
        // the authors' clients next sync, as Yjs peers always do.
        broadcast(SyncMessages.syncUpdate(update), from);
        append(from.participant.id(), s, update);
        context.changed(this);
        return null;
    }

    /**
     * Takes {@code clientIds} for {@code from}'s participant: an id nobody has is bound
     * to it (and recorded); one of another participant's, or the server's, is refused.
     */
    synchronized Refusal claim(LiveConnection from, Set<Long> clientIds) {
        long me = from.participant.id();
        List<Long> fresh = new ArrayList<>();
        for (long id : clientIds) {
            if (id == serverClientId || (owners.containsKey(id) && owners.get(id) != me)) {
                log.warn("pad {}: participant {} sent client id {}, which is {}: refused", padId, me, id,
                        owners.get(id) == null || owners.get(id) == SERVER ? "the server's" : "another participant's");
                return new Refusal("foreign-client",
                        "Yjs client id " + id + " belongs to someone else in this pad; a client edits with its own.");
            }
            if (!from.clientIds.contains(id))
                fresh.add(id);
        }
        if (from.clientIds.size() + fresh.size() > LiveConnection.MAX_CLIENT_IDS) {
            return new Refusal("foreign-client", "A connection may use at most " + LiveConnection.MAX_CLIENT_IDS
                    + " Yjs client ids; reconnect for a new document.");
        }
        for (long id : fresh) {
            if (!owners.containsKey(id)) {
                context.log().bindClient(padId, id, me);
                owners.put(id, me);
                log.info("pad {}: client id {} is participant {}'s", padId, id, me);
            }
            from.clientIds.add(id);
        }
        return null;
    }

    /**
     * A change made by the server (a REST write, the seed): integrated already, logged
     * with no author and sent to everyone.
     */
    private void serverEdit(byte[] update) {
        if (update.length == 0)
            return;
        broadcast(SyncMessages.syncUpdate(update), null);
        append(null, YUpdates.summarize(update), update);
    }

    private void append(Long participantId, YUpdates.Summary s, byte[] update) {
        lastSeq++;
        context.log()
            .append(padId, lastSeq, participantId, OffsetDateTime.now(ZoneOffset.UTC), s.insertedChars(),
                    s.largestInsert(), update);
        if (++sinceSnapshot >= context.config().snapshotEvery())
            snapshot();
    }

    /**
     * Writes the whole document as the snapshot after the last update (if it moved on).
     */
    synchronized void snapshot() {
        if (sinceSnapshot == 0)
            return;
        context.log().snapshot(padId, lastSeq, doc.encodeStateAsUpdate(null));
        sinceSnapshot = 0;
    }

    /** Sends {@code frame} to every connection but {@code except}. */
    void broadcast(byte[] frame, LiveConnection except) {
        for (LiveConnection c : connections) {
            if (c != except)
                c.sendBinary(frame);
        }
    }

    void broadcastText(String frame) {
        for (LiveConnection c : connections)
            c.sendText(frame);
    }

    // ------------------------------------------------------------ the project

    /** A file to write to the project ({@code content} empty: delete it). */
    record Write(String path, Optional<String> content) {
    }

    /** What differs between the document and the project; marked as this room's own. */
    synchronized List<Write> pendingWrites() {
        Map<String, String> texts = doc.texts(FILES);
        textBytes = measure(texts);
        List<Write> writes = new ArrayList<>();
        texts.forEach((path, content) -> {
            if (!content.equals(written.get(path)))
                writes.add(new Write(path, Optional.of(content)));
        });
        for (String path : written.keySet()) {
            if (!texts.containsKey(path))
                writes.add(new Write(path, Optional.empty()));
        }
        writes.forEach(w -> ownWrites.put(w.path(), w.content()));
        return writes;
    }

    synchronized void wrote(Write w) {
        w.content().ifPresentOrElse(c -> written.put(w.path(), c), () -> written.remove(w.path()));
        ownWrites.remove(w.path(), w.content());
    }

    /**
     * The project did not take the write for another reason (logged); tried again later.
     */
    synchronized void writeFailed(Write w) {
        ownWrites.remove(w.path(), w.content());
    }

    /**
     * The project refused a file (over its caps, a path it does not allow): the document
     * goes back to what the project holds, and everyone is told why.
     */
    synchronized void refused(Write w, String why) {
        ownWrites.remove(w.path(), w.content());
        String had = written.get(w.path());
        serverEdit(had == null ? doc.deleteKey(FILES, w.path()) : doc.setText(FILES, w.path(), had));
        log.info("pad {}: the project refused '{}': {}; the shared text is back to the project's", padId, w.path(),
                why);
        broadcastText(context.frames().error("file-refused", "'" + w.path() + "' cannot be saved: " + why + "."));
    }

    /**
     * A change written to the project by someone else: applied to the document unless it
     * is this room's own write, or the document already holds it.
     */
    synchronized void projectChanged(String path, String content, String renamedFrom) {
        if (renamedFrom != null) {
            written.remove(renamedFrom);
            if (doc.text(FILES, renamedFrom).isPresent())
                serverEdit(doc.deleteKey(FILES, renamedFrom));
        }
        Optional<String> now = Optional.ofNullable(content);
        if (ownWrites.containsKey(path) && ownWrites.get(path).equals(now))
            return;
        now.ifPresentOrElse(c -> written.put(path, c), () -> written.remove(path));
        if (doc.text(FILES, path).equals(now))
            return;
        serverEdit(content == null ? doc.deleteKey(FILES, path) : doc.setText(FILES, path, content));
        context.changed(this);
    }

    // ------------------------------------------------------------ runs

    synchronized SharedRun run() {
        return run;
    }

    /** The run to start, or null when one is running (or the pad ended). */
    synchronized SharedRun newRun(Participant by) {
        if (ended)
            return null;
        if (run != null && !run.finished())
            return null;
        run = new SharedRun(context.frames(), by, this::broadcastText);
        return run;
    }

    /** Forgets a run the engine did not start. */
    synchronized void dropRun(SharedRun r) {
        if (run == r)
            run = null;
    }

    synchronized Map<String, String> texts() {
        return doc.texts(FILES);
    }

    @Override
    public String toString() {
        return "pad " + padId + " (" + connections.size() + " connected" + (closed ? ", closed" : "") + ")";
    }

}
