package dev.sandlot.engine.sandbox;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which host directories a sandbox sees through overlays of its own, so that it shares no
 * inode with the host or another sandbox: locks, leases and inotify watches act on an
 * inode, and an overlay's inodes belong to one mount (see the launcher's private_mounts).
 * The system directories, /etc and the engine's runtime files are overlaid where they
 * are; any other bind source gets an overlay at a slot under the runtime directory, which
 * is also how a sandbox reaches a build in the server-only cache.
 */
final class PrivateInodes {

    static final int SLOTS = 16;

    private final List<Path> inPlace;

    private final Path mounts;

    /**
     * @param systemDirs directories bound from the host as they are (/usr, /etc, ...)
     * @param runtimeFiles the engine's files bound into sandboxes
     * @param mounts the runtime directory's "mounts": "empty", "dev" and the slots
     * "0".."15"
     */
    PrivateInodes(List<Path> systemDirs, Path runtimeFiles, Path mounts) {
        List<Path> roots = new ArrayList<>(systemDirs);
        roots.add(runtimeFiles);
        this.inPlace = List.copyOf(roots);
        this.mounts = mounts;
    }

    static Path slot(Path mounts, int index) {
        return mounts.resolve(Integer.toString(index));
    }

    /**
     * The launcher's options and, for each bind, the path its source has in the sandbox's
     * mount namespace.
     */
    Plan plan(List<Bind> binds) {
        List<String> args = new ArrayList<>(List.of("--private-mounts", "--empty", mounts.resolve("empty").toString(),
                "--devices", mounts.resolve("dev").toString()));
        for (Path root : inPlace)
            args.addAll(List.of("--overlay", root.toString(), root.toString()));
        Map<Path, Path> slotOf = new LinkedHashMap<>();
        Map<Bind, String> sources = new LinkedHashMap<>();
        for (Bind bind : binds) {
            Path host = bind.host().toAbsolutePath().normalize();
            if (bind.socket() || inPlace.stream().anyMatch(host::startsWith)) {
                sources.put(bind, host.toString());
                continue;
            }
            boolean directory = Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS);
            Path dir = directory ? host : host.getParent();
            Path slot = slotOf.get(dir);
            if (slot == null) {
                if (slotOf.size() >= SLOTS)
                    throw new IllegalArgumentException("more than " + SLOTS + " extra mounts");
                slot = slot(mounts, slotOf.size());
                slotOf.put(dir, slot);
                args.addAll(List.of("--overlay", dir.toString(), slot.toString()));
            }
            sources.put(bind, directory ? slot.toString() : slot.resolve(host.getFileName().toString()).toString());
        }
        return new Plan(List.copyOf(args), Map.copyOf(sources));
    }

    record Plan(List<String> launchOptions, Map<Bind, String> sources) {
    }

}
