package dev.sandlot.engine.sandbox;

import dev.sandlot.engine.cgroup.RunCgroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One started sandbox: bubblewrap with the init inside, its cgroup, its pipes
 * and the status file the init writes the program's exit to. Used once, then
 * closed, which kills whatever is left and removes the cgroup.
 */
public final class SandboxProcess implements AutoCloseable {

    /** How the program ended, as the sandbox init saw it. */
    public record Exit(Integer code, Integer signal, boolean coreDumped, long wallMicros, String error) {

        static Exit parse(String line) {
            String[] parts = line.strip().split(" ", 2);
            String rest = parts.length > 1 ? parts[1] : "";
            String[] f = rest.split(" ");
            return switch (parts[0]) {
                case "exit" -> new Exit(Integer.parseInt(f[0]), null, false, Long.parseLong(f[1]), null);
                case "signal" -> new Exit(null, Integer.parseInt(f[0]), f[1].equals("1"), Long.parseLong(f[2]), null);
                case "error" -> new Exit(null, null, false, 0, rest);
                default -> new Exit(null, null, false, 0, "unreadable status: " + line.strip());
            };
        }
    }

    private final String name;
    private final SandboxSpec spec;
    private final Process process;
    private final RunCgroup cgroup;
    private final Path statusFile;
    private final OutputStream stdin;
    private volatile boolean closed;

    SandboxProcess(String name, SandboxSpec spec, Process process, RunCgroup cgroup, Path statusFile) {
        this.name = name;
        this.spec = spec;
        this.process = process;
        this.cgroup = cgroup;
        this.statusFile = statusFile;
        this.stdin = process.getOutputStream();
    }

    public String name() {
        return name;
    }

    public SandboxSpec spec() {
        return spec;
    }

    public RunCgroup cgroup() {
        return cgroup;
    }

    public long pid() {
        return process.pid();
    }

    public InputStream stdout() {
        return process.getInputStream();
    }

    public InputStream stderr() {
        return process.getErrorStream();
    }

    /** Writes to the init (a request) or, after "go", to the program's stdin. */
    public void send(byte[] bytes) throws IOException {
        synchronized (stdin) {
            stdin.write(bytes);
            stdin.flush();
        }
    }

    public void closeStdin() {
        synchronized (stdin) {
            try {
                stdin.close();
            } catch (IOException e) {
                // the program already closed its end
            }
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public boolean waitFor(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /** The exit code of bubblewrap itself (the launcher's 125 when it failed to start). */
    public int launcherExitCode() {
        return process.exitValue();
    }

    /** What the init reported, or null when it wrote nothing (killed, or never started). */
    public Exit exit() {
        try {
            String line = Files.readString(statusFile, StandardCharsets.UTF_8);
            return line.isBlank() ? null : Exit.parse(line);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Kills everything in the sandbox from the inside out: the init and the
     * program first, so that bubblewrap reaps them and exits by itself.
     */
    public void kill() {
        cgroup.killAllExcept(process.pid());
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            if (process.isAlive()) kill();
            closeStdin();
            cgroup.close();
        } finally {
            try {
                Files.deleteIfExists(statusFile);
            } catch (IOException e) {
                // removed with the runtime directory at shutdown
            }
        }
    }
}
