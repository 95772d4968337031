package dev.sandlot.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * The data directory holds password hashes, every user's code and the hidden tests, so
 * only the server may enter it (0700), and the H2 files in it are the server's alone
 * (0600) whatever the umask they were created with.
 */
final class DataDirectory {

    private DataDirectory() {
    }

    static Path secure(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Path db = dir.resolve("db");
            if (Files.isDirectory(db, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rwx------"));
                try (Stream<Path> files = Files.list(db)) {
                    for (Path file : files.toList()) {
                        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                        }
                    }
                }
            }
            else {
                Files.createDirectory(db,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return dir;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot make the data directory " + dir + " private", e);
        }
    }

}
