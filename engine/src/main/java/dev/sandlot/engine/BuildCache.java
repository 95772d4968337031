package dev.sandlot.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Content-addressed build outputs: the same sources, compile command and compiler version
 * give the same key, and a later run reuses the artifact instead of compiling again. Keys
 * include the language id, version and installation, so nothing is ever shared across
 * languages or versions. Entries in use are never evicted; the least recently used go
 * first when the cache passes its size cap.
 */
final class BuildCache {

    /** A cached build, held until released so eviction leaves it alone. */
    final class Entry implements AutoCloseable {

        private final String key;

        final Path artifacts;

        final StageResult compile;

        private Entry(String key, Path artifacts, StageResult compile) {
            this.key = key;
            this.artifacts = artifacts;
            this.compile = compile;
        }

        @Override
        public void close() {
            release(key);
        }

    }

    /**
     * Entries written before this layout may carry modes the sandbox chose: they are
     * dropped.
     */
    private static final String LAYOUT = "2";

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private static final Set<PosixFilePermission> SHARED = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path root;

    private final long maxBytes;

    private final Map<String, Long> sizes = new LinkedHashMap<>(16, 0.75f, true);

    private final Map<String, Integer> inUse = new HashMap<>();

    private long totalBytes;

    /**
     * Opens the cache at {@code root}, which only the server may enter (0700): sandboxes
     * see an entry through an overlay the launcher mounts as root.
     */
    BuildCache(Path root, long maxBytes) throws IOException {
        this.root = root;
        this.maxBytes = maxBytes;
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PRIVATE);
        Path layout = root.resolve("layout");
        if (!Files.isRegularFile(layout, LinkOption.NOFOLLOW_LINKS)
                || !Files.readString(layout).strip().equals(LAYOUT)) {
            try (Stream<Path> old = Files.list(root)) {
                old.forEach(FileTrees::delete);
            }
            Files.writeString(layout, LAYOUT + "\n");
        }
        Files.createDirectories(root.resolve("tmp"));
        clearTemporary();
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(
                    p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !p.getFileName().toString().equals("tmp"))
                .sorted((a, b) -> Long.compare(modified(a), modified(b)))
                .forEach(p -> {
                    long size = sizeOf(p);
                    sizes.put(p.getFileName().toString(), size);
                    totalBytes += size;
                });
        }
    }

    static String key(Language language, List<String> command, List<SourceFile> files, String entry) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(language.id(), language.version(), language.home(), entry)) {
                update(sha, part.getBytes(StandardCharsets.UTF_8));
            }
            for (String word : command)
                update(sha, word.getBytes(StandardCharsets.UTF_8));
            files.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(f -> {
                update(sha, f.name().getBytes(StandardCharsets.UTF_8));
                update(sha, f.content());
            });
            return language.id() + "-" + HexFormat.of().formatHex(sha.digest());
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, byte[] bytes) {
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
    }

    synchronized Entry acquire(String key) {
        // get, not containsKey: only get moves the entry to the recently used end of the
        // access order.
        if (sizes.get(key) == null)
            return null;
        Path dir = root.resolve(key);
        StageResult compile = readResult(dir.resolve("result.properties"));
        if (compile == null)
            return null;
        inUse.merge(key, 1, Integer::sum);
        try {
            Files.setLastModifiedTime(dir, FileTime.fromMillis(System.currentTimeMillis()));
        }
        catch (IOException e) {
            // only used to order eviction after a restart
        }
        return new Entry(key, dir.resolve("out"), compile.asCached());
    }

    private synchronized void release(String key) {
        inUse.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
    }

    /**
     * Unpacks a finished build (the archive the compile sandbox packed) into the cache,
     * with modes of the cache's choosing.
     * @throws BuildArchive.UnusableOutputException when the output cannot be kept, and
     * why
     * @throws IOException also when {@code key} is not one plain name in the root
     */
    Entry store(String key, Path archive, StageResult compile, long maxArtifactBytes) throws IOException {
        Path target = entryDirectory(key);
        Path staging = Files.createTempDirectory(root.resolve("tmp"), "entry-");
        try {
            Files.setPosixFilePermissions(staging, SHARED);
            Path out = Files.createDirectory(staging.resolve("out"));
            Files.setPosixFilePermissions(out, SHARED);
            long size = BuildArchive.unpack(archive, out, maxArtifactBytes);
            writeResult(staging.resolve("result.properties"), compile);
            synchronized (this) {
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    sizes.put(key, size);
                    totalBytes += size;
                }
                catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    // stored meanwhile by an identical run
                }
                catch (IOException e) {
                    if (!Files.exists(target))
                        throw e;
                }
                if (!sizes.containsKey(key))
                    sizes.put(key, sizeOf(target));
                inUse.merge(key, 1, Integer::sum);
                evict();
            }
            return new Entry(key, target.resolve("out"), compile);
        }
        finally {
            FileTrees.delete(staging);
        }
    }

    /**
     * Where the entry of {@code key} lives: a key must be one plain name in the root,
     * never the cache's own "tmp" or "layout", so that no key can place (or later evict)
     * anything elsewhere.
     */
    private Path entryDirectory(String key) throws IOException {
        if (key == null || key.isEmpty() || key.equals(".") || key.equals("..") || key.equals("tmp")
                || key.equals("layout") || key.indexOf('/') >= 0 || key.indexOf('\0') >= 0) {
            throw new IOException("not a build cache key: '" + key + "'");
        }
        return root.resolve(key);
    }

    private void evict() {
        var it = sizes.entrySet().iterator();
        while (totalBytes > maxBytes && it.hasNext()) {
            var e = it.next();
            if (inUse.containsKey(e.getKey()))
                continue;
            FileTrees.delete(root.resolve(e.getKey()));
            totalBytes -= e.getValue();
            it.remove();
        }
    }

    private static void writeResult(Path file, StageResult r) throws IOException {
        Properties p = new Properties();
        p.setProperty("stdout", Base64.getEncoder().encodeToString(r.stdout()));
        p.setProperty("stderr", Base64.getEncoder().encodeToString(r.stderr()));
        p.setProperty("wallTimeMs", Long.toString(r.wallTimeMs()));
        p.setProperty("cpuTimeMs", Long.toString(r.cpuTimeMs()));
        p.setProperty("memoryBytes", Long.toString(r.memoryBytes()));
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "compile stage");
        }
    }

    private static StageResult readResult(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            p.load(in);
            return new StageResult(Status.OK, 0, null, Base64.getDecoder().decode(p.getProperty("stdout", "")),
                    Base64.getDecoder().decode(p.getProperty("stderr", "")), false, false,
                    Long.parseLong(p.getProperty("wallTimeMs", "0")), Long.parseLong(p.getProperty("cpuTimeMs", "0")),
                    Long.parseLong(p.getProperty("memoryBytes", "0")), null, false);
        }
        catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void clearTemporary() throws IOException {
        try (Stream<Path> leftovers = Files.list(root.resolve("tmp"))) {
            leftovers.forEach(FileTrees::delete);
        }
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(p -> {
                try {
                    return BuildArchive.ENTRY_BYTES
                            + (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.size(p) : 0);
                }
                catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
        catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        }
        catch (IOException e) {
            return 0;
        }
    }

}
