package dev.sandlot.engine.sandbox;

import dev.sandlot.engine.FileTrees;
import dev.sandlot.engine.SandboxStatus;
import dev.sandlot.engine.cgroup.CgroupHierarchy;
import dev.sandlot.engine.cgroup.Cgroups;
import dev.sandlot.engine.cgroup.RunCgroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts confined processes: bubblewrap (all namespaces, read-only system, tmpfs
 * workspace, seccomp), inside a fresh cgroup joined before anything runs, as an
 * unprivileged uid. Set up once per engine; {@link #status()} says whether it works here
 * and, if not, what is missing.
 */
public final class Sandbox implements AutoCloseable {

    /**
     * Inside the sandbox the program is uid/gid 1000 "sandbox"; outside it is
     * {@link Config#uid()}.
     */
    public static final int INNER_UID = 1000;

    public static final String WORKSPACE = "/workspace";
    static final String INIT_PATH = "/.sandlot/init";

    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

    private static final AtomicLong SEQUENCE = new AtomicLong();

    /**
     * How the sandbox is set up.
     *
     * @param bwrap the bubblewrap binary, or null to find it on PATH
     * @param runtimeDir private scratch (helper binary, seccomp program, status files)
     * @param uid first host uid programs run as, one per live sandbox (see
     * {@link SandboxUids}): not root, and no real user's
     * @param gid first host gid, likewise
     * @param cgroupParent name of the directory under our own cgroup that holds run
     * cgroups
     */
    public record Config(Path bwrap, Path runtimeDir, int uid, int gid, String cgroupParent) {
    }

    private final Config config;

    private final SandboxStatus status;

    private final CgroupHierarchy cgroups;

    private final Path bwrap;

    private final SandboxUids uids;

    /** What sandboxes see of the runtime directory: the init, /etc files, hooks. */
    private final Path files;

    private final Path mounts;

    private final Path helper;

    private final Path seccomp;

    /** The filter of sandboxes with {@link SandboxSpec#loopbackNetwork()}. */
    private final Path seccompLoopbackInet;

    private final Path statusDir;

    private final Path etcDir;

    /**
     * How /bin, /lib and friends look on the host, mirrored in every sandbox; read once.
     */
    private final List<String> systemMounts = systemMounts();

    private final PrivateInodes privateInodes;

    private Sandbox(Config config, SandboxStatus status, CgroupHierarchy cgroups, Path bwrap, SandboxUids uids) {
        this.config = config;
        this.status = status;
        this.cgroups = cgroups;
        this.bwrap = bwrap;
        this.uids = uids;
        this.files = config.runtimeDir().resolve("files");
        this.mounts = config.runtimeDir().resolve("mounts");
        this.helper = files.resolve("sandlot-helper");
        this.seccomp = config.runtimeDir().resolve("seccomp.bpf");
        this.seccompLoopbackInet = config.runtimeDir().resolve("seccomp-loopback-inet.bpf");
        this.statusDir = config.runtimeDir().resolve("status");
        this.etcDir = files.resolve("etc");
        this.privateInodes = new PrivateInodes(systemDirs(), files, mounts);
    }

    /**
     * Checks the host and prepares the runtime directory; never throws, see
     * {@link #status()}.
     */
    public static Sandbox open(Config config) {
        List<String> problems = new ArrayList<>();
        if (!runningAsRoot()) {
            problems.add("the server must run as root: it confines each run in a cgroup and drops the run to uid "
                    + config.uid() + " before starting bubblewrap");
        }
        Path bwrap = findBwrap(config.bwrap());
        String isolation = "bubblewrap";
        if (bwrap == null) {
            problems.add("bubblewrap (bwrap) is not installed: apt-get install bubblewrap");
        }
        else {
            isolation = "bubblewrap " + bwrapVersion(bwrap);
        }
        Cgroups.Detection detection = Cgroups.detect(config.cgroupParent());
        problems.addAll(detection.problems());
        SandboxUids uids = null;
        if (problems.isEmpty()) {
            try {
                uids = SandboxUids.claim(config.uid(), config.gid());
            }
            catch (IOException e) {
                problems.add("no sandbox uids: " + e.getMessage());
            }
        }
        CgroupHierarchy cgroups = null;
        if (problems.isEmpty()) {
            try {
                cgroups = ownCgroups(detection.hierarchy(), uids);
            }
            catch (IOException | RuntimeException e) {
                problems.add("cannot make this engine's cgroups: " + e.getMessage());
            }
        }
        Sandbox sandbox = new Sandbox(config, null, cgroups, bwrap, uids);
        if (problems.isEmpty()) {
            try {
                sandbox.prepareRuntime();
            }
            catch (IOException | RuntimeException e) {
                problems.add("cannot prepare " + config.runtimeDir() + ": " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            String failure = sandbox.selfTest();
            if (failure != null)
                problems.add("a test run in the sandbox failed: " + failure);
        }
        SandboxStatus status = new SandboxStatus(problems.isEmpty(), isolation, detection.version(), problems.isEmpty(),
                problems);
        if (uids != null) {
            log.info("sandboxes run as host uids {} to {}, one per sandbox", uids.firstUid(), uids.lastUid());
        }
        return new Sandbox(config, status, cgroups, bwrap, uids);
    }

    /**
     * The engine's own subtree of the shared cgroup parent, named after its uid range,
     * after removing what dead engines left: their subtrees, and run cgroups directly
     * under the parent from servers before subtrees existed.
     */
    private static CgroupHierarchy ownCgroups(CgroupHierarchy shared, SandboxUids uids) throws IOException {
        String own = uids.engineName();
        int engines = shared.sweepSubtrees("engine-", name -> name.equals(own) || SandboxUids.isHeld(name));
        CgroupHierarchy cgroups = shared.subtree(own);
        int runs = shared.sweepStale() + cgroups.sweepStale();
        if (engines + runs > 0) {
            log.warn("removed the cgroups of {} engines and {} runs left behind by servers that died", engines, runs);
        }
        return cgroups;
    }

    public SandboxStatus status() {
        return status;
    }

    public Config config() {
        return config;
    }

    /**
     * The host uids this engine's sandboxes run as, or null when the sandbox is
     * unavailable.
     */
    public SandboxUids uids() {
        return uids;
    }

    /** Extra read-only host files mounted for every sandbox, e.g. the Python hook. */
    public Path runtimeFile(String name) {
        return files.resolve(name);
    }

    /**
     * Starts a sandbox; a warm one pre-starts its command at once, a cold one waits for
     * its request.
     */
    public SandboxProcess start(SandboxSpec spec) throws IOException {
        if (!status.available()) {
            throw new IOException("the sandbox is unavailable: " + String.join("; ", status.problems()));
        }
        SandboxProcess sandbox = spawn(spec);
        if (spec.warm()) {
            try {
                sandbox.send(HelperRequest.warmPrelude(spec.warmCommand()));
            }
            catch (IOException e) {
                sandbox.close();
                throw e;
            }
        }
        return sandbox;
    }

    private SandboxProcess spawn(SandboxSpec spec) throws IOException {
        String name = "run-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        PrivateInodes.Plan plan = privateInodes.plan(spec.binds());
        SandboxUids.Ids ids = uids.take();
        RunCgroup cgroup;
        try {
            cgroup = cgroups.create(name, spec.cpuCores() > 0);
        }
        catch (RuntimeException e) {
            uids.release(ids);
            throw e;
        }
        Path statusFile = statusDir.resolve(name);
        Path artifacts = spec.buildBytes() > 0 ? statusDir.resolve(name + ".build") : null;
        try {
            cgroup.setMemoryLimit(spec.memoryBytes());
            if (spec.cpuCores() > 0 && !cgroup.setCpuLimit(spec.cpuCores())) {
                log.warn("{}: no CPU controller here, so its CPU share is not capped", spec.label());
            }
            // bwrap and the init are in the group too.
            cgroup.setProcessLimit(spec.maxProcesses() + 2);
            ProcessBuilder builder = new ProcessBuilder(launchCommand(spec, plan, ids, cgroup, statusFile, artifacts));
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
            return new SandboxProcess(name, spec, Spawner.start(builder), cgroup, statusFile, artifacts,
                    () -> uids.release(ids));
        }
        catch (IOException | RuntimeException e) {
            cgroup.close();
            uids.release(ids);
            throw e;
        }
    }

    private List<String> launchCommand(SandboxSpec spec, PrivateInodes.Plan plan, SandboxUids.Ids ids, RunCgroup cgroup,
            Path statusFile, Path artifacts) {
        List<String> cmd = new ArrayList<>(List.of(helper.toString(), "launch", "--uid", Integer.toString(ids.uid()),
                "--gid", Integer.toString(ids.gid())));
        for (Path procs : cgroup.procsFiles()) {
            cmd.addAll(List.of("--cgroup", procs.toString()));
        }
        cmd.addAll(List.of("--rlimit", "core=0:0", "--rlimit", "fsize=" + spec.diskBytes() + ":" + spec.diskBytes(),
                "--seccomp", (spec.loopbackNetwork() ? seccompLoopbackInet : seccomp).toString(), "--status",
                statusFile.toString()));
        if (artifacts != null)
            cmd.addAll(List.of("--artifacts", artifacts.toString()));
        cmd.addAll(plan.launchOptions());
        cmd.add("--");
        cmd.addAll(bwrapArguments(spec, plan));
        return cmd;
    }

    List<String> bwrapArguments(SandboxSpec spec, PrivateInodes.Plan plan) {
        String inner = Integer.toString(INNER_UID);
        List<String> args = new ArrayList<>(List.of(bwrap.toString(), "--unshare-all", "--unshare-user",
                "--disable-userns", "--die-with-parent", "--new-session", "--as-pid-1", "--cap-drop", "ALL", "--uid",
                inner, "--gid", inner, "--hostname", "sandlot", "--clearenv"));
        for (Map.Entry<String, String> e : new TreeMap<>(spec.env()).entrySet()) {
            args.addAll(List.of("--setenv", e.getKey(), e.getValue()));
        }
        args.addAll(systemMounts);
        args.addAll(List.of("--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache", "--ro-bind-try",
                "/etc/alternatives", "/etc/alternatives", "--ro-bind-try", "/etc/localtime", "/etc/localtime"));
        for (String file : List.of("passwd", "group", "hosts", "nsswitch.conf")) {
            args.addAll(List.of("--ro-bind", etcDir.resolve(file).toString(), "/etc/" + file));
        }
        String size = Long.toString(spec.diskBytes());
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size", size, "--tmpfs", "/tmp",
                "--perms", "1777", "--size", size, "--tmpfs", "/dev/shm", "--size", size, "--tmpfs", WORKSPACE,
                "--ro-bind", helper.toString(), INIT_PATH));
        if (spec.buildBytes() > 0)
            args.addAll(List.of("--size", Long.toString(spec.buildBytes()), "--tmpfs", "/build"));
        for (Bind bind : spec.binds()) {
            args.addAll(List.of("--ro-bind", plan.sources().get(bind), bind.target()));
        }
        // The root is bwrap's own tmpfs: make it read-only so only the capped mounts are
        // writable.
        args.addAll(List.of("--remount-ro", "/", "--chdir", WORKSPACE, "--seccomp", "3", INIT_PATH));
        return args;
    }

    /**
     * The host directories every sandbox sees as they are: /usr, the real ones of /bin,
     * /lib..., and /etc.
     */
    private static List<Path> systemDirs() {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("/usr")));
        for (String top : List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32")) {
            Path host = Path.of("/", top);
            if (!Files.isSymbolicLink(host) && Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS))
                dirs.add(host);
        }
        dirs.add(Path.of("/etc"));
        return List.copyOf(dirs);
    }

    private static List<String> systemMounts() {
        List<String> args = new ArrayList<>(List.of("--ro-bind", "/usr", "/usr"));
        for (String top : List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32")) {
            Path host = Path.of("/", top);
            if (Files.isSymbolicLink(host)) {
                args.addAll(List.of("--symlink", readLink(host), "/" + top));
            }
            else if (Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
                args.addAll(List.of("--ro-bind", host.toString(), host.toString()));
            }
        }
        return List.copyOf(args);
    }

    private void prepareRuntime() throws IOException {
        Path dir = config.runtimeDir();
        removeStaleRuntimeDirs(dir.getParent());
        // Traversable (not listable) by the sandbox uids, which bind-mount files from
        // here.
        for (Path traversable : List.of(dir, files, mounts)) {
            Files.createDirectories(traversable);
            Files.setPosixFilePermissions(traversable, PosixFilePermissions.fromString("rwx--x--x"));
        }
        List<Path> mountPoints = new ArrayList<>(List.of(mounts.resolve("empty"), mounts.resolve("dev")));
        for (int i = 0; i < PrivateInodes.SLOTS; i++)
            mountPoints.add(PrivateInodes.slot(mounts, i));
        for (Path point : mountPoints) {
            Files.createDirectories(point);
            Files.setPosixFilePermissions(point, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        try (InputStream in = Sandbox.class.getResourceAsStream("/dev/sandlot/engine/native/sandlot-helper")) {
            if (in == null) {
                throw new IOException("the engine was built without its native helper (sandlot-helper); "
                        + "build it with a C compiler and libseccomp present (apt-get install gcc libseccomp-dev)");
            }
            Files.write(helper, in.readAllBytes());
        }
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        SeccompFilter.Export filter = SeccompFilter.export(helper);
        for (String note : filter.notes())
            log.warn("seccomp filter: {}", note);
        Files.write(seccomp, filter.program());
        Files.setPosixFilePermissions(seccomp, PosixFilePermissions.fromString("rw-------"));
        Files.write(seccompLoopbackInet, SeccompFilter.exportLoopbackInet(helper).program());
        Files.setPosixFilePermissions(seccompLoopbackInet, PosixFilePermissions.fromString("rw-------"));
        Files.createDirectories(statusDir);
        Files.setPosixFilePermissions(statusDir, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(etcDir);
        Files.setPosixFilePermissions(etcDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String user = Integer.toString(INNER_UID);
        writeEtc("passwd", "root:x:0:0:root:/root:/usr/sbin/nologin\n" + "sandbox:x:" + user + ":" + user
                + ":Sandlot:/tmp:/bin/bash\n" + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
        writeEtc("group", "root:x:0:\nsandbox:x:" + user + ":\nnogroup:x:65534:\n");
        writeEtc("hosts", "127.0.0.1\tlocalhost sandlot\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        writeEtc("nsswitch.conf", "passwd: files\ngroup: files\nhosts: files\n");
    }

    /**
     * Runtime directories are named "<anything>-PID[-N]"; those of dead processes are
     * removed.
     */
    private static void removeStaleRuntimeDirs(Path parent) {
        if (parent == null || !Files.isDirectory(parent))
            return;
        try (var dirs = Files.list(parent)) {
            for (Path dir : dirs.toList()) {
                Matcher m = Pattern.compile("-(\\d+)(?:-\\d+)?$").matcher(dir.getFileName().toString());
                if (!m.find())
                    continue;
                long pid = Long.parseLong(m.group(1));
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty())
                    FileTrees.delete(dir);
            }
        }
        catch (IOException e) {
            log.debug("cannot sweep {}: {}", parent, e.getMessage());
        }
    }

    private void writeEtc(String name, String content) throws IOException {
        Path file = etcDir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Starts /bin/true the way every run starts; returns why it failed, or null. */
    private String selfTest() {
        SandboxSpec spec = new SandboxSpec("self-test", Map.of("PATH", "/usr/bin:/bin"), List.of(), 1024 * 1024,
                64L * 1024 * 1024, 4, null);
        try (SandboxProcess probe = spawn(spec)) {
            probe.send(HelperRequest.cold().word("/bin/true").go().bytes());
            probe.closeStdin();
            if (!probe.waitFor(TimeUnit.SECONDS.toMillis(20)))
                return "it did not finish within 20 s";
            String stderr = new String(probe.stderr().readAllBytes(), StandardCharsets.UTF_8).strip();
            SandboxProcess.Exit exit = probe.exit();
            if (exit == null) {
                return "bubblewrap exited with " + probe.launcherExitCode() + (stderr.isEmpty() ? "" : ": " + stderr);
            }
            if (exit.error() != null)
                return exit.error();
            if (exit.code() == null || exit.code() != 0)
                return "/bin/true ended with " + exit + " " + stderr;
            return null;
        }
        catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        }
        catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static Path findBwrap(Path configured) {
        if (configured != null)
            return Files.isExecutable(configured) ? configured : null;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, "bwrap");
            if (Files.isExecutable(candidate))
                return candidate;
        }
        Path standard = Path.of("/usr/bin/bwrap");
        return Files.isExecutable(standard) ? standard : null;
    }

    private static String bwrapVersion(Path bwrap) {
        try {
            Process p = new ProcessBuilder(bwrap.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(5, TimeUnit.SECONDS);
            return out.replaceFirst("^bubblewrap\\s*", "");
        }
        catch (IOException e) {
            return "unknown";
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot read " + link, e);
        }
    }

    /** Removes the runtime directory; running sandboxes are closed by their owners. */
    @Override
    public void close() {
        FileTrees.delete(config.runtimeDir());
        if (cgroups != null)
            cgroups.removeIfEmpty();
        if (uids != null)
            uids.close();
    }

}
