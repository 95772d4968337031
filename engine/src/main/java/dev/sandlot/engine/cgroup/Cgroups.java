package dev.sandlot.engine.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the cgroup hierarchy this process can use: v2 where the unified hierarchy has the
 * memory and pids controllers, else v1 where memory, pids and cpuacct are mounted. Reads
 * /proc/self/mountinfo and /proc/self/cgroup.
 */
public final class Cgroups {

    /** The outcome of detection: a hierarchy, or why there is none. */
    public record Detection(CgroupHierarchy hierarchy, String version, List<String> problems) {
        public boolean available() {
            return hierarchy != null;
        }
    }

    record Mount(Path mountPoint, String root, String type, Set<String> options) {
    }

    private Cgroups() {
    }

    public static Detection detect(String parentName) {
        try {
            return detect(Files.readAllLines(Path.of("/proc/self/mountinfo")),
                    Files.readAllLines(Path.of("/proc/self/cgroup")), parentName);
        }
        catch (IOException e) {
            return new Detection(null, "none", List.of("cannot read /proc/self: " + e.getMessage()));
        }
    }

    static Detection detect(List<String> mountinfo, List<String> cgroupLines, String parentName) {
        List<Mount> mounts = parseMounts(mountinfo);
        Map<String, String> ownPaths = parseOwnPaths(cgroupLines);
        List<String> problems = new ArrayList<>();

        Mount unified = mounts.stream().filter(m -> m.type().equals("cgroup2")).findFirst().orElse(null);
        if (unified != null && ownPaths.containsKey("")) {
            Path own = join(unified, ownPaths.get(""));
            Set<String> controllers = readControllers(unified.mountPoint());
            if (controllers.containsAll(Set.of("memory", "pids", "cpu"))) {
                try {
                    return new Detection(new CgroupV2(own, own.resolve(parentName)), "v2", List.of());
                }
                catch (IOException | UncheckedIOException e) {
                    problems.add("cgroup v2 at " + own + " cannot be delegated to runs: " + e.getMessage()
                            + " (run the server as root, or give it a delegated cgroup, e.g. systemd Delegate=yes)");
                }
            }
        }

        Map<String, Path> v1 = new HashMap<>();
        for (String controller : List.of("memory", "pids", "cpuacct", "freezer", "cpu")) {
            for (Mount m : mounts) {
                if (m.type().equals("cgroup") && m.options().contains(controller) && ownPaths.containsKey(controller)) {
                    v1.put(controller, join(m, ownPaths.get(controller)).resolve(parentName));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("memory", "pids", "cpuacct")) {
            if (!v1.containsKey(required))
                missing.add(required);
        }
        if (missing.isEmpty()) {
            try {
                return new Detection(new CgroupV1(v1.get("memory"), v1.get("pids"), v1.get("cpuacct"),
                        v1.get("freezer"), v1.get("cpu")), "v1", List.of());
            }
            catch (IOException | UncheckedIOException e) {
                problems.add("cgroup v1 hierarchies are not writable: " + e.getMessage() + " (run the server as root)");
            }
        }
        else if (unified == null || problems.isEmpty()) {
            problems.add("no usable cgroups: the memory, pids and cpu controllers are needed on cgroup v2, "
                    + "or memory, pids and cpuacct on v1; missing on v1: " + String.join(", ", missing));
        }
        return new Detection(null, "none", problems);
    }

    private static Set<String> readControllers(Path unifiedRoot) {
        try {
            return Set.of(Files.readString(unifiedRoot.resolve("cgroup.controllers")).strip().split("\\s+"));
        }
        catch (IOException e) {
            return Set.of();
        }
    }

    /**
     * The directory of our own cgroup under a mount whose root may itself be a sub-path
     * (containers).
     */
    private static Path join(Mount mount, String ownPath) {
        String relative = ownPath;
        if (!mount.root().equals("/") && relative.startsWith(mount.root())) {
            relative = relative.substring(mount.root().length());
        }
        relative = relative.replaceAll("^/+", "");
        return relative.isEmpty() ? mount.mountPoint() : mount.mountPoint().resolve(relative);
    }

    static List<Mount> parseMounts(List<String> mountinfo) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : mountinfo) {
            int dash = line.indexOf(" - ");
            if (dash < 0)
                continue;
            String[] before = line.substring(0, dash).split(" ");
            String[] after = line.substring(dash + 3).split(" ");
            if (before.length < 5 || after.length < 3)
                continue;
            String type = after[0];
            if (!type.equals("cgroup") && !type.equals("cgroup2"))
                continue;
            mounts.add(new Mount(Path.of(unescape(before[4])), unescape(before[3]), type, Set.of(after[2].split(","))));
        }
        return mounts;
    }

    /** Controller name (or "" for v2) to our path in that hierarchy. */
    static Map<String, String> parseOwnPaths(List<String> cgroupLines) {
        Map<String, String> paths = new HashMap<>();
        for (String line : cgroupLines) {
            String[] parts = line.split(":", 3);
            if (parts.length != 3)
                continue;
            if (parts[1].isEmpty()) {
                paths.put("", parts[2]);
            }
            else {
                for (String controller : parts[1].split(",")) {
                    paths.put(controller, parts[2]);
                }
            }
        }
        return paths;
    }

    private static String unescape(String field) {
        return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

}
