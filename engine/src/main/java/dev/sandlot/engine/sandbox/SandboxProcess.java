package dev.sandlot.engine.sandbox;

import dev.sandlot.engine.cgroup.RunCgroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One started sandbox: bubblewrap with the init inside, its cgroup, its pipes and the
 * status file the init writes the program's exit to. Used once, then closed, which kills
 * whatever is left and removes the cgroup.
 */
public final class SandboxProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxProcess.class);

    /**
     * How the program ended, as the sandbox init saw it (see
     * {@link HelperProtocol#parseStatus}).
     */
    public record Exit(Integer code, Integer signal, boolean coreDumped, long wallMicros, String error) {
    }

    private final String name;

    private final SandboxSpec spec;

    private final Process process;

    private final RunCgroup cgroup;

    private final Path statusFile;

    private final Path artifactsFile;

    private final Runnable releaseUid;

    private final OutputStream stdin;

    private volatile boolean closed;

    SandboxProcess(String name, SandboxSpec spec, Process process, RunCgroup cgroup, Path statusFile,
            Path artifactsFile, Runnable releaseUid) {
        this.name = name;
        this.spec = spec;
        this.process = process;
        this.cgroup = cgroup;
        this.statusFile = statusFile;
        this.artifactsFile = artifactsFile;
        this.releaseUid = releaseUid;
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
            }
            catch (IOException e) {
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

    /**
     * The exit code of bubblewrap itself (the launcher's 125 when it failed to start).
     */
    public int launcherExitCode() {
        return process.exitValue();
    }

    /**
     * Where the init packed a compile stage's /build (see
     * {@link SandboxSpec#buildBytes()}), complete once {@link #exit()} reports; a file
     * only the server can open, which outlives {@link #close()} so that it can be read
     * after the stage; its reader removes it.
     */
    public Path artifacts() {
        return artifactsFile;
    }

    /**
     * What the init reported, or null when it wrote nothing (killed, or never started).
     */
    public Exit exit() {
        try {
            String line = Files.readString(statusFile, StandardCharsets.UTF_8);
            return line.isBlank() ? null : HelperProtocol.parseStatus(line);
        }
        catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Kills everything in the sandbox from the inside out: the init and the program
     * first, so that bubblewrap reaps them and exits by itself.
     */
    public void kill() {
        cgroup.killAllExcept(process.pid());
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS))
                process.destroyForcibly();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private boolean emptied() {
        try {
            return cgroup.pids().isEmpty();
        }
        catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (closed)
            return;
        closed = true;
        try {
            if (process.isAlive())
                kill();
            closeStdin();
            cgroup.close();
            // A uid is handed out again only once nothing runs as it.
            if (emptied()) {
                releaseUid.run();
            }
            else {
                log.warn("sandbox {}: processes outlived it; its uid stays out of use", name);
            }
        }
        finally {
            try {
                Files.deleteIfExists(statusFile);
                // A run's returned files are read before it is closed; a compile's build
                // is read after.
                if (artifactsFile != null && spec.buildBytes() == 0)
                    Files.deleteIfExists(artifactsFile);
            }
            catch (IOException e) {
                // removed with the runtime directory at shutdown
            }
        }
    }

}
