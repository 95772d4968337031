package dev.sandlot.engine;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * Unpacks what a compile stage (or an install step) left in its /build tmpfs, as the
 * sandbox init packed it (see sandlot-helper.c, "artifacts"). The sandbox chose the names
 * and the bytes, the host chooses everything else: paths are checked like source paths,
 * files get 0644 or 0755 and directories 0755, owned by the server, so no setuid, setgid,
 * sticky or world-writable entry is ever created on the host.
 */
public final class BuildArchive {

    /**
     * Why a build's output cannot be kept; the compile is reported as failed with this
     * reason.
     */
    public static final class UnusableOutputException extends IOException {

        UnusableOutputException(String message) {
            super(message);
        }

    }

    private static final byte[] MAGIC = "SLA1".getBytes(StandardCharsets.US_ASCII);

    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private BuildArchive() {
    }

    /**
     * What one file or folder costs the cache besides its bytes: a block and an inode, so
     * that a build of 10,000 empty files is not free to keep.
     */
    static final long ENTRY_BYTES = 4096;

    /**
     * Writes the archive's entries below {@code target} (an empty directory); returns
     * their size, each entry charged {@link #ENTRY_BYTES} more.
     */
    public static long unpack(Path archive, Path target, long maxBytes) throws IOException {
        long total = 0;
        try (DataInputStream in = new DataInputStream(
                new BufferedInputStream(Files.newInputStream(archive, LinkOption.NOFOLLOW_LINKS), 1 << 16))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC))
                throw new UnusableOutputException("the compiler's output was not packed");
            while (true) {
                int type = in.read();
                long length = u32(in);
                switch (type) {
                    case 'Z' -> {
                        return total;
                    }
                    case 'E' -> throw new UnusableOutputException(
                            new String(in.readNBytes(small(length)), StandardCharsets.UTF_8));
                    case 'd' -> {
                        total += ENTRY_BYTES;
                        directory(target,
                                place(target, new String(in.readNBytes(small(length)), StandardCharsets.UTF_8)));
                    }
                    case 'f' -> {
                        int mode = (int) u32(in);
                        int pathLength = small(u32(in));
                        long size = length - 8 - pathLength;
                        total += size + ENTRY_BYTES;
                        if (size < 0)
                            throw new UnusableOutputException("the packed build output is damaged");
                        if (total > maxBytes) {
                            throw new UnusableOutputException("the build output is larger than " + maxBytes + " bytes");
                        }
                        Path file = place(target, new String(in.readNBytes(pathLength), StandardCharsets.UTF_8));
                        directory(target, file.getParent());
                        write(in, file, size, (mode & 0111) != 0 ? EXECUTABLE : READABLE);
                    }
                    default -> throw new UnusableOutputException(
                            type < 0 ? "the build output ends early: it is larger than its limit"
                                    : "the packed build output is damaged");
                }
            }
        }
        catch (EOFException e) {
            throw new UnusableOutputException("the build output ends early: it is larger than its limit");
        }
    }

    private static Path place(Path target, String name) throws UnusableOutputException {
        String problem = SourcePaths.problem(name);
        if (problem != null)
            throw new UnusableOutputException("the build output has a path that " + problem);
        return target.resolve(name);
    }

    /**
     * Creates {@code dir} and its missing parents below {@code target}, each 0755
     * whatever the umask.
     */
    private static void directory(Path target, Path dir) throws IOException {
        if (dir.equals(target) || Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS))
            return;
        directory(target, dir.getParent());
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, EXECUTABLE);
    }

    private static void write(InputStream in, Path file, long size, Set<PosixFilePermission> mode) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            byte[] chunk = new byte[1 << 16];
            long left = size;
            while (left > 0) {
                int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                if (n < 0)
                    throw new EOFException();
                out.write(chunk, 0, n);
                left -= n;
            }
        }
        // Set explicitly: the creation mode would pass through the server's umask.
        Files.setPosixFilePermissions(file, mode);
    }

    private static long u32(DataInputStream in) throws IOException {
        return Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
    }

    private static int small(long length) throws UnusableOutputException {
        if (length > SourcePaths.MAX_PATH_BYTES * 4L)
            throw new UnusableOutputException("the packed build output is damaged");
        return (int) length;
    }

}
