package dev.sandlot.engine.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A host uid of its own for every live sandbox, as isolate gives each box one. Per-uid
 * kernel budgets (inotify instances and watches, POSIX message queue bytes, pending
 * signals, processes) are then not shared between runs, and a process running as one
 * sandbox's uid cannot signal, trace or read /proc/PID/root of another's. An engine
 * claims a range of its own with a lock file that the kernel releases when the server
 * dies, so two servers on one host never hand out the same uid.
 */
public final class SandboxUids implements AutoCloseable {

    /** Uids per engine: the most sandboxes (runs, warm ones, terminals) alive at once. */
    public static final int RANGE_SIZE = 500;

    /** Engines that may share one base uid on a host. */
    public static final int RANGES = 64;

    static final Path LOCK_DIR = Path.of("/run/sandlot/uid-ranges");

    private final int firstUid;

    private final int firstGid;

    private final FileChannel lockFile;

    private final FileLock lock;

    private final Deque<Integer> free = new ArrayDeque<>();

    private SandboxUids(int firstUid, int firstGid, FileChannel lockFile, FileLock lock) {
        this.firstUid = firstUid;
        this.firstGid = firstGid;
        this.lockFile = lockFile;
        this.lock = lock;
        for (int i = 0; i < RANGE_SIZE; i++)
            free.addLast(i);
    }

    /** Claims the first range above {@code baseUid} that no other engine holds. */
    public static SandboxUids claim(int baseUid, int baseGid) throws IOException {
        Files.createDirectories(LOCK_DIR);
        Files.setPosixFilePermissions(LOCK_DIR, PosixFilePermissions.fromString("rwx------"));
        for (int range = 0; range < RANGES; range++) {
            int offset = range * RANGE_SIZE;
            FileChannel channel = FileChannel.open(LOCK_DIR.resolve(Integer.toString(baseUid + offset)),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock != null)
                    return new SandboxUids(baseUid + offset, baseGid + offset, channel, lock);
            }
            catch (OverlappingFileLockException heldInThisJvm) {
                // another engine of this process has it
            }
            channel.close();
        }
        throw new IOException("all " + RANGES + " ranges of sandbox uids from " + baseUid
                + " are held by other Sandlot engines on this host");
    }

    /**
     * The name of this engine's own cgroup subtree and other per-engine state: one per
     * uid range.
     */
    public String engineName() {
        return ENGINE_PREFIX + firstUid;
    }

    static final String ENGINE_PREFIX = "engine-";

    /**
     * Whether the engine named {@code engineName} (see {@link #engineName()}) is alive on
     * this host: its range's lock is held, by this process or another. The lock, not a
     * pid, says so, so this holds across pid namespaces.
     */
    public static boolean isHeld(String engineName) {
        if (!engineName.startsWith(ENGINE_PREFIX))
            return false;
        String first = engineName.substring(ENGINE_PREFIX.length());
        if (!first.chars().allMatch(Character::isDigit) || first.isEmpty())
            return false;
        Path file = LOCK_DIR.resolve(first);
        if (!Files.exists(file))
            return false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null)
                return true;
            probe.release();
            return false;
        }
        catch (OverlappingFileLockException heldInThisJvm) {
            return true;
        }
        catch (IOException e) {
            return true;
        }
    }

    public int firstUid() {
        return firstUid;
    }

    public int lastUid() {
        return firstUid + RANGE_SIZE - 1;
    }

    /** A uid no live sandbox of any engine has; the least recently released one first. */
    synchronized Ids take() throws IOException {
        Integer index = free.pollFirst();
        if (index == null) {
            throw new IOException("all " + RANGE_SIZE + " sandbox uids of this engine are in use");
        }
        return new Ids(firstUid + index, firstGid + index);
    }

    /** Gives a uid back once nothing runs as it any more. */
    synchronized void release(Ids ids) {
        int index = ids.uid() - firstUid;
        if (index >= 0 && index < RANGE_SIZE && !free.contains(index))
            free.addLast(index);
    }

    record Ids(int uid, int gid) {
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockFile.close();
        }
        catch (IOException e) {
            // the lock goes with the process anyway
        }
    }

}
