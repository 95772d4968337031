package dev.sandlot.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * What the host sees, read straight from /proc and /sys/fs/cgroup, independent of the
 * engine.
 */
final class HostProcesses {

    private HostProcesses() {
    }

    /**
     * Pids of live processes running as one of the isolated test engine's sandbox uids.
     */
    static List<Long> ofIsolatedSandboxes() {
        var uids = TestEngine.isolated().sandboxUids();
        return ownedBy(uids.firstUid(), uids.lastUid());
    }

    /** Real uid of a live process, or -1 when it is gone. */
    static int uidOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Uid:"))
                    return Integer.parseInt(line.split("\\s+")[1]);
            }
        }
        catch (IOException gone) {
            // exited
        }
        return -1;
    }

    /**
     * Pids of live processes whose real uid is between {@code first} and {@code last}.
     */
    static List<Long> ownedBy(int first, int last) {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit))
                    continue;
                try {
                    for (String line : Files.readAllLines(entry.resolve("status"))) {
                        if (!line.startsWith("Uid:"))
                            continue;
                        long uid = Long.parseLong(line.split("\\s+")[1]);
                        if (uid >= first && uid <= last)
                            pids.add(Long.parseLong(name));
                    }
                }
                catch (IOException gone) {
                    // exited while we looked
                }
            }
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return pids;
    }

    /**
     * "pid name state ppid" for each process, to make a failed assertion say what was
     * left.
     */
    static List<String> describe(List<Long> pids) {
        List<String> lines = new ArrayList<>();
        for (long pid : pids) {
            try {
                String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
                lines.add(pid + " "
                        + status.lines()
                            .filter(l -> l.startsWith("Name:") || l.startsWith("State:") || l.startsWith("PPid:"))
                            .map(l -> l.replaceAll("\\s+", " "))
                            .toList());
            }
            catch (IOException gone) {
                // exited meanwhile
            }
        }
        return lines;
    }

    /** The isolated test engine's run cgroups ("run-*"), in every hierarchy. */
    static List<Path> runCgroupsOfIsolatedEngine() {
        return runCgroups(TestEngine.isolated());
    }

    /**
     * An engine's run cgroups ("run-*"), in every hierarchy: those under its own subtree
     * ({@code <cgroup parent>/<engine name>}), and any of this JVM's directly under the
     * parent, where no engine should put them any more. Other servers' and test suites'
     * runs on the host are not counted.
     */
    static List<Path> runCgroups(Engine engine) {
        String parent = engine.config().cgroupParent();
        String own = engine.sandboxUids().engineName();
        String ourRuns = "run-" + ProcessHandle.current().pid() + "-";
        List<Path> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(Path.of("/sys/fs/cgroup"), 6)) {
            dirs.filter(p -> p.getFileName() != null && p.getFileName().toString().equals(parent)).forEach(p -> {
                found.addAll(childrenNamedRun(p).stream()
                    .filter(run -> run.getFileName().toString().startsWith(ourRuns))
                    .toList());
                found.addAll(childrenNamedRun(p.resolve(own)));
            });
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static List<Path> childrenNamedRun(Path dir) {
        if (!Files.isDirectory(dir))
            return List.of();
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(c -> c.getFileName().toString().startsWith("run-")).toList();
        }
        catch (IOException e) {
            return List.of(); // gone
        }
    }

    /** Waits up to two seconds for a condition the kernel finishes asynchronously. */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 40; i++) {
            if (condition.getAsBoolean())
                return true;
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

}
