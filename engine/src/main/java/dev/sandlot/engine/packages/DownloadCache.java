package dev.sandlot.engine.packages;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The shared download cache, {@code
 *
<dir>
 * /sha256/<hex>} and {@code
 *
<dir>
 * /sha512/<hex>}: a file is stored under the hash an index promised for it, and only once
 * its bytes were seen to have that hash. Only the server writes here; no sandbox sees it.
 */
final class DownloadCache {

    private final Path dir;

    private final Path staging;

    DownloadCache(Path dir) throws IOException {
        this.dir = dir;
        this.staging = dir.resolve("tmp");
        for (Path d : new Path[] { dir, dir.resolve("sha256"), dir.resolve("sha512"), staging }) {
            Files.createDirectories(d);
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** The cached file, or null when it is not here yet. */
    Path find(ExpectedHash hash) {
        Path file = path(hash);
        return Files.isRegularFile(file) ? file : null;
    }

    private Path path(ExpectedHash hash) {
        return dir.resolve(hash.algorithm()).resolve(hash.hex());
    }

    /**
     * Starts storing a download; nothing is visible until {@link Entry#commit()} finds
     * the hash right.
     */
    Entry begin(ExpectedHash hash) throws IOException {
        Path temp = staging.resolve(UUID.randomUUID().toString());
        return new Entry(hash, temp, Files.newOutputStream(temp), hash.newDigest());
    }

    /** One download on its way into the cache. */
    final class Entry implements AutoCloseable {

        private final ExpectedHash hash;

        private final Path temp;

        private final OutputStream out;

        private final MessageDigest digest;

        private boolean closed;

        private Entry(ExpectedHash hash, Path temp, OutputStream out, MessageDigest digest) {
            this.hash = hash;
            this.temp = temp;
            this.out = out;
            this.digest = digest;
        }

        void write(byte[] bytes, int offset, int length) throws IOException {
            digest.update(bytes, offset, length);
            out.write(bytes, offset, length);
        }

        /** Moves the file in if its hash is the expected one; returns whether it was. */
        boolean commit() throws IOException {
            out.close();
            closed = true;
            boolean matches = HexFormat.of().formatHex(digest.digest()).equals(hash.hex());
            if (matches)
                Files.move(temp, path(hash), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            else
                Files.deleteIfExists(temp);
            return matches;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                out.close();
                closed = true;
            }
            Files.deleteIfExists(temp);
        }

    }

}
