package dev.sandlot.engine.packages;

import dev.sandlot.engine.BuildArchive;
import dev.sandlot.engine.Engine;
import dev.sandlot.engine.Language;
import dev.sandlot.engine.sandbox.Bind;
import dev.sandlot.engine.sandbox.HelperRequest;
import dev.sandlot.engine.sandbox.HelperRequest.Resource;
import dev.sandlot.engine.sandbox.SandboxProcess;
import dev.sandlot.engine.sandbox.SandboxSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The install step: pip or npm in a sandbox of its own, confined like a run (non-root,
 * namespaces, seccomp, cgroup memory and process caps, size-capped tmpfs mounts, a time
 * cap), whose only way out is its {@link ProxySession}'s socket. A package's own build
 * step runs in there too. What it builds in /build comes back packed, the way a compile
 * stage's output does, and is unpacked into the request's output directory only when pip
 * or npm succeeded; the sandbox is destroyed afterwards.
 */
public final class PackageInstaller {

    private static final Logger log = LoggerFactory.getLogger(PackageInstaller.class);

    /** Log bytes passed on at most; the rest is counted, not streamed. */
    static final int MAX_LOG_BYTES = 1 << 20;

    static final int MAX_LINE_CHARS = 2000;

    private static final List<String> NPM_CLIS = List.of("lib/node_modules/npm/bin/npm-cli.js",
            "share/nodejs/npm/bin/npm-cli.js");

    private final Engine engine;

    private final PackageProxy proxy;

    public PackageInstaller(Engine engine, PackageProxy proxy) {
        this.engine = engine;
        this.proxy = proxy;
    }

    /**
     * Installs the request's manifest, streaming pip's or npm's output to {@code logLine}
     * line by line (from one thread at a time).
     */
    public InstallResult install(InstallRequest request, Consumer<String> logLine) {
        Tool tool;
        try {
            tool = tool(request.ecosystem());
        }
        catch (IllegalStateException e) {
            return new InstallResult(InstallResult.FAILED, null, e.getMessage(), List.of());
        }
        try (ProxySession session = proxy.open(request.label(), request.maxDownloadBytes(), request.timeout())) {
            return run(request, tool, session, logLine);
        }
    }

    /** The interpreter (and npm's script) that installs, and the binds it needs. */
    private record Tool(String script, String manifest, List<Bind> binds) {
    }

    private Tool tool(Ecosystem ecosystem) {
        IndexConfig indexes = proxy.indexes();
        if (ecosystem == Ecosystem.PYTHON) {
            Language python = language("python");
            String interpreter = python.home() + "/bin/python3";
            List<Bind> binds = new ArrayList<>(python.binds());
            for (Path dir : indexes.pythonLocalMounts())
                binds.add(Bind.readOnly(dir, dir.toString()));
            return new Tool(InstallScript.python(interpreter, indexes.pipOptions(InstallScript.PORT)),
                    "requirements.txt", binds);
        }
        if (indexes.npmRegistry() == null)
            throw new IllegalStateException("npm has no registry configured on this server");
        Language node = language("javascript");
        String cli = NPM_CLIS.stream()
            .map(p -> Path.of(node.home(), p))
            .filter(Files::isRegularFile)
            .map(Path::toString)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("npm is not installed beside node on this server"));
        return new Tool(InstallScript.node(node.home() + "/bin/node", cli, indexes.npmOptions(InstallScript.PORT)),
                "package.json", node.binds());
    }

    private Language language(String id) {
        return engine.languages()
            .stream()
            .filter(l -> l.id().equals(id))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(id + " is not installed on this server"));
    }

    private InstallResult run(InstallRequest request, Tool tool, ProxySession session, Consumer<String> logLine) {
        Map<String, String> env = new LinkedHashMap<>(Engine.baseEnvironment());
        // Only the options the step is given count, never a configuration file.
        env.putAll(IndexConfig.pipEnvironment());
        env.put("PIP_NO_INPUT", "1");
        env.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
        List<Bind> binds = new ArrayList<>(tool.binds());
        binds.add(Bind.socket(session.socket(), InstallScript.SOCKET));
        SandboxSpec spec = new SandboxSpec("install " + request.label(), env, binds, request.diskBytes(),
                request.memoryBytes(), request.maxProcesses(), null)
            .withBuild(request.diskBytes())
            .withLoopbackNetwork();
        HelperRequest init = HelperRequest.cold()
            .file(tool.manifest(), 0644, request.manifest())
            .file("install.sh", 0644, tool.script().getBytes(StandardCharsets.UTF_8))
            .rlimit(Resource.CORE, 0, 0)
            .rlimit(Resource.NOFILE, 1024, 1024)
            .rlimit(Resource.STACK, 8L << 20, 8L << 20)
            .rlimit(Resource.FSIZE, request.diskBytes(), request.diskBytes())
            .packBuild()
            .word("/bin/sh")
            .word("install.sh")
            .go();
        long started = System.nanoTime();
        SandboxProcess sandbox;
        try {
            sandbox = engine.sandbox().start(spec);
        }
        catch (IOException | RuntimeException e) {
            log.error("install {}: the sandbox did not start", request.label(), e);
            return new InstallResult(InstallResult.FAILED, null,
                    "The install sandbox did not start (" + e.getMessage() + "). This is a server problem.",
                    session.refusals());
        }
        Path archive = sandbox.artifacts();
        LogLines lines = new LogLines(logLine);
        try {
            Thread out = pump(sandbox.stdout(), lines, request.label());
            Thread err = pump(sandbox.stderr(), lines, request.label());
            sandbox.send(init.bytes());
            sandbox.closeStdin();
            boolean finished = sandbox.waitFor(request.timeout().toMillis());
            if (!finished)
                sandbox.kill();
            out.join(5_000);
            err.join(5_000);
            InstallResult result = verdict(request, sandbox, finished, lines, session, archive);
            log.info("install {}: {} in {} ms ({} bytes through the proxy, {} refused)", request.label(),
                    result.status(), (System.nanoTime() - started) / 1_000_000, session.bytes(),
                    session.refusals().size());
            return result;
        }
        catch (IOException e) {
            return new InstallResult(InstallResult.FAILED, null, "The install step failed: " + e.getMessage(),
                    session.refusals());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new InstallResult(InstallResult.FAILED, null, "The install step was interrupted.",
                    session.refusals());
        }
        finally {
            sandbox.close();
            try {
                if (archive != null)
                    Files.deleteIfExists(archive);
            }
            catch (IOException e) {
                log.warn("install {}: cannot remove {}: {}", request.label(), archive, e.getMessage());
            }
        }
    }

    private InstallResult verdict(InstallRequest request, SandboxProcess sandbox, boolean finished, LogLines lines,
            ProxySession session, Path archive) {
        List<String> refusals = session.refusals();
        if (!finished) {
            return new InstallResult(InstallResult.TIMEOUT, null,
                    "The install took longer than " + request.timeout().toSeconds() + " s and was stopped.", refusals);
        }
        SandboxProcess.Exit exit = sandbox.exit();
        if (sandbox.cgroup().oomKills() > 0) {
            return new InstallResult(InstallResult.FAILED, exit == null ? null : exit.code(),
                    "The install needed more than " + (request.memoryBytes() >> 20) + " MiB of memory and was stopped.",
                    refusals);
        }
        if (exit == null || exit.error() != null) {
            String why = exit == null ? "the sandbox exited with " + sandbox.launcherExitCode() : exit.error();
            log.error("install {}: sandbox failure: {}", request.label(), why);
            return new InstallResult(InstallResult.FAILED, null,
                    "The install sandbox failed (" + why + "). This is a server problem.", refusals);
        }
        if (exit.code() == null) {
            return new InstallResult(InstallResult.FAILED, null, "The installer was killed by signal " + exit.signal()
                    + (lines.errors().isEmpty() ? "." : ": " + lines.errors()), refusals);
        }
        if (exit.code() != 0) {
            String message = lines.errors().isEmpty() ? "The installer exited with code " + exit.code() + "."
                    : lines.errors();
            if (!refusals.isEmpty())
                message += "\nThe package proxy refused: " + String.join("; ", refusals);
            return new InstallResult(InstallResult.FAILED, exit.code(), message, refusals);
        }
        try {
            Files.createDirectories(request.output());
            BuildArchive.unpack(archive, request.output(), request.diskBytes() * 2);
        }
        catch (IOException e) {
            return new InstallResult(InstallResult.FAILED, 0, "The installed packages could not be kept: " + e,
                    refusals);
        }
        return new InstallResult(InstallResult.INSTALLED, 0, null, refusals);
    }

    private static Thread pump(InputStream stream, LogLines lines, String label) {
        return Thread.ofVirtual().name("install-log-" + label).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null)
                    lines.add(line);
            }
            catch (IOException e) {
                // the sandbox is gone
            }
        });
    }

    /** The log as it streams: capped, and the error lines kept for the message. */
    static final class LogLines {

        private final Consumer<String> sink;

        private final Deque<String> errors = new ArrayDeque<>();

        private long bytes;

        private boolean capped;

        LogLines(Consumer<String> sink) {
            this.sink = sink;
        }

        synchronized void add(String raw) {
            String line = raw.length() > MAX_LINE_CHARS ? raw.substring(0, MAX_LINE_CHARS) + "…" : raw;
            String plain = line.strip();
            if (plain.startsWith("ERROR:") || plain.startsWith("npm ERR!") || plain.startsWith("npm error")) {
                errors.addLast(plain);
                while (errors.size() > 8)
                    errors.removeFirst();
            }
            bytes += line.length() + 1;
            if (bytes > MAX_LOG_BYTES) {
                if (!capped)
                    sink.accept("[the rest of the log is left out: it passed " + MAX_LOG_BYTES + " bytes]");
                capped = true;
                return;
            }
            sink.accept(line);
        }

        synchronized String errors() {
            return String.join("\n", errors);
        }

    }

}
