package dev.sandlot.engine.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for reading and writing cgroup control files. */
final class CgroupFiles {

    private CgroupFiles() {
    }

    static void write(Path file, String value) {
        try {
            Files.writeString(file, value);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.strip() + " to " + file, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static long readLong(Path file) {
        return Long.parseLong(read(file).strip());
    }

    /** The value of {@code key} in a "key value" per line file, or 0 when absent. */
    static long readKey(Path file, String key) {
        for (String line : read(file).split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.substring(0, space).equals(key)) {
                return Long.parseLong(line.substring(space + 1).strip());
            }
        }
        return 0;
    }

    static List<Long> pids(Path procsFile) {
        List<Long> pids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(procsFile, StandardCharsets.US_ASCII)) {
                if (!line.isBlank())
                    pids.add(Long.parseLong(line.strip()));
            }
        }
        catch (NoSuchFileException e) {
            return pids;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + procsFile, e);
        }
        return pids;
    }

    static void kill(List<Long> pids) {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Removes a cgroup directory (rmdir); control files vanish with it. */
    static boolean remove(Path dir) {
        try {
            Files.deleteIfExists(dir);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Names are "run-PID-SEQ"; a run cgroup is stale when its engine's process is gone.
     */
    static boolean isStale(String name) {
        if (!name.startsWith("run-"))
            return false;
        String[] parts = name.split("-");
        if (parts.length < 3)
            return false;
        try {
            long pid = Long.parseLong(parts[1]);
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
        }
        catch (NumberFormatException e) {
            return false;
        }
    }

}
