package dev.sandlot.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes directory trees that untrusted code may have shaped. Every step is relative to
 * an open directory (openat, unlinkat, renameat through {@link SecureDirectoryStream}),
 * so no path length breaks it and no link is followed. At most {@value #MAX_OPEN_LEVELS}
 * levels are open at once: a deeper subtree is moved up to the top directory and emptied
 * from there.
 */
public final class FileTrees {

    private static final Logger log = LoggerFactory.getLogger(FileTrees.class);

    private static final int MAX_OPEN_LEVELS = 32;

    private static final LinkOption[] NOFOLLOW = { LinkOption.NOFOLLOW_LINKS };

    private static final AtomicLong MOVED = new AtomicLong();

    private FileTrees() {
    }

    /** Removes {@code root} and everything below it; true when it is gone. */
    public static boolean delete(Path root) {
        try {
            if (!Files.exists(root, NOFOLLOW))
                return true;
            if (!Files.isDirectory(root, NOFOLLOW)) {
                Files.deleteIfExists(root);
                return true;
            }
            if (!emptyFromTop(root))
                walkAndDelete(root);
            Files.deleteIfExists(root);
            return true;
        }
        catch (IOException | RuntimeException e) {
            log.warn("cannot delete {}: {}", root, e.toString());
            return false;
        }
    }

    /** False when this platform has no secure directory streams. */
    private static boolean emptyFromTop(Path root) throws IOException {
        while (true) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
                if (!(stream instanceof SecureDirectoryStream<Path> top))
                    return false;
                List<Path> names = names(top);
                if (names.isEmpty())
                    return true;
                for (Path name : names)
                    remove(top, name, top, 1);
            }
        }
    }

    private static void remove(SecureDirectoryStream<Path> dir, Path name, SecureDirectoryStream<Path> top, int level)
            throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes();
        }
        catch (NoSuchFileException gone) {
            return;
        }
        if (!attributes.isDirectory()) {
            dir.deleteFile(name);
            return;
        }
        if (level >= MAX_OPEN_LEVELS) {
            dir.move(name, top, Path.of(".deep-" + ProcessHandle.current().pid() + "-" + MOVED.incrementAndGet()));
            return;
        }
        try (SecureDirectoryStream<Path> child = dir.newDirectoryStream(name, NOFOLLOW)) {
            for (Path entry : names(child))
                remove(child, entry, top, level + 1);
        }
        dir.deleteDirectory(name);
    }

    /**
     * The entries' own names, relative, so that operations stay relative to the open
     * directory.
     */
    private static List<Path> names(SecureDirectoryStream<Path> dir) {
        List<Path> names = new ArrayList<>();
        for (Path entry : dir)
            names.add(entry.getFileName());
        return names;
    }

    private static void walkAndDelete(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (!d.equals(root))
                    Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

}
