package dev.sandlot.server.compat;

import dev.sandlot.engine.InvalidRunException;
import dev.sandlot.engine.SourcePaths;
import dev.sandlot.server.SandlotProperties;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The single shared folder of saved files of the second seed API (until
 * accounts give each user projects). Names are plain file names: no
 * directories, no hidden files, at most 255 bytes. A save is atomic and
 * flushed to disk before it is acknowledged.
 */
@Component
class WorkspaceFiles {

    static final int MAX_BYTES = 1024 * 1024;
    private final Path dir;

    WorkspaceFiles(SandlotProperties properties) throws IOException {
        this.dir = properties.getDataDir().resolve("workspace").toAbsolutePath();
        Files.createDirectories(dir);
    }

    record Saved(String filename, long size, String modified) {
    }

    List<Saved> list() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .map(this::describe).toList();
        }
    }

    private Saved describe(Path p) {
        try {
            LocalDateTime modified = LocalDateTime.ofInstant(Files.getLastModifiedTime(p).toInstant(), ZoneId.systemDefault())
                    .truncatedTo(ChronoUnit.SECONDS);
            return new Saved(p.getFileName().toString(), Files.size(p), modified.toString());
        } catch (IOException e) {
            return new Saved(p.getFileName().toString(), 0, "");
        }
    }

    void save(String filename, String code) throws IOException {
        Path target = resolve(filename);
        byte[] bytes = code.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) throw new InvalidRunException("code", "must be at most " + MAX_BYTES + " bytes", (long) MAX_BYTES);
        Path temp = Files.createTempFile(dir, ".save-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    Optional<String> load(String filename) throws IOException {
        try {
            return Optional.of(Files.readString(resolve(filename), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    boolean delete(String filename) throws IOException {
        return Files.deleteIfExists(resolve(filename));
    }

    private Path resolve(String filename) {
        if (filename == null || filename.isEmpty()) throw new InvalidRunException("filename", "is required");
        String problem = SourcePaths.problem(filename);
        if (problem != null) throw new InvalidRunException("filename", problem);
        if (filename.contains("/")) throw new InvalidRunException("filename", "must be a plain file name, without '/'");
        if (filename.startsWith(".")) throw new InvalidRunException("filename", "must not start with '.' (no hidden files)");
        Path path = dir.resolve(filename).normalize();
        if (!path.getParent().equals(dir)) throw new InvalidRunException("filename", "must stay in the workspace");
        return path;
    }
}
