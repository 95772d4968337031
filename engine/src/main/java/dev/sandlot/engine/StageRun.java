package dev.sandlot.engine;

import dev.sandlot.engine.cgroup.RunCgroup;
import dev.sandlot.engine.sandbox.SandboxProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stage of a run in one sandbox: sends the request, pumps output, enforces the wall
 * and CPU limits by the clock and the cgroup, and turns what happened into a
 * {@link StageResult}. The stage ends when the program has exited: its output pipes are
 * closed and the init has written its exit status. The sandbox is then destroyed, by the
 * reaper unless the caller must wait for it.
 */
final class StageRun {

    enum Stop {

        WALL, CPU, OUTPUT, USER

    }

    private static final Logger log = LoggerFactory.getLogger(StageRun.class);

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final String runId;

    private final String stageName;

    private final SandboxProcess sandbox;

    private final Limits limits;

    private final boolean compileStage;

    private final long cpuBaselineNanos;

    private final AtomicReference<Stop> stop = new AtomicReference<>();

    private final OutputPump stdout;

    private final OutputPump stderr;

    private final CountDownLatch outputClosed = new CountDownLatch(2);

    private final Reaper reaper;

    private final Pattern memoryError;

    private final OutputCaps outputCaps;

    private volatile OutputArchive.Returned returned = OutputArchive.Returned.NONE;

    private Thread stdoutThread;

    private Thread stderrThread;

    private long startNanos;

    private volatile long stoppedAtNanos;

    /**
     * @param reaper tears the sandbox down after the stage, or null to do it before
     * returning
     * @param outputCaps for a run stage, the caps of the files it returns; null for none
     */
    StageRun(String runId, String stageName, SandboxProcess sandbox, Limits limits, boolean compileStage,
            OutputListener listener, Reaper reaper, Pattern memoryError, OutputCaps outputCaps) {
        this.outputCaps = outputCaps;
        this.reaper = reaper;
        this.memoryError = memoryError;
        this.runId = runId;
        this.stageName = stageName;
        this.sandbox = sandbox;
        this.limits = limits;
        this.compileStage = compileStage;
        this.cpuBaselineNanos = sandbox.spec().warm() ? sandbox.cgroup().cpuUsageNanos() : 0;
        this.stdout = new OutputPump(sandbox.stdout(), limits.maxOutputBytes(), listener::stdout,
                () -> stop(Stop.OUTPUT));
        this.stderr = new OutputPump(sandbox.stderr(), limits.maxOutputBytes(), listener::stderr,
                () -> stop(Stop.OUTPUT));
    }

    /**
     * Starts the pumps and the clock, and sends the request that starts (or releases) the
     * program.
     */
    void begin(byte[] request) throws IOException {
        stdoutThread = Thread.ofVirtual().name("out-" + runId).start(() -> {
            stdout.run();
            outputClosed.countDown();
        });
        stderrThread = Thread.ofVirtual().name("err-" + runId).start(() -> {
            stderr.run();
            outputClosed.countDown();
        });
        startNanos = System.nanoTime();
        sandbox.send(request);
    }

    /** Feeds the program's stdin; a program that stopped reading is not an error. */
    void writeStdin(byte[] data) {
        try {
            sandbox.send(data);
        }
        catch (IOException e) {
            log.debug("run {} {}: stdin not taken: {}", runId, stageName, e.getMessage());
        }
    }

    void closeStdin() {
        sandbox.closeStdin();
    }

    /** Ends the stage early; the first reason given is the one reported. */
    void stop(Stop reason) {
        if (stop.compareAndSet(null, reason)) {
            stoppedAtNanos = System.nanoTime();
            sandbox.kill();
        }
    }

    /**
     * Supervises until the program ends or a limit stops it, then reports and cleans up.
     */
    StageResult await() {
        try {
            supervise();
            StageResult result = verdict();
            collectReturnedFiles();
            return result;
        }
        catch (RuntimeException e) {
            log.error("run {} {}: supervision failed", runId, stageName, e);
            return StageResult.internalError("the sandbox supervisor failed: " + e.getMessage());
        }
        finally {
            if (reaper != null) {
                reaper.retire(sandbox);
            }
            else {
                sandbox.close();
            }
        }
    }

    /** The files the program returned, once {@link #await()} is done. */
    OutputArchive.Returned returned() {
        return returned;
    }

    /**
     * Reads what the init packed after the program exited, before the sandbox is retired;
     * the archive file goes with it.
     */
    private void collectReturnedFiles() {
        if (outputCaps == null || sandbox.artifacts() == null || sandbox.spec().outputBytes() <= 0)
            return;
        try {
            returned = OutputArchive.read(sandbox.artifacts(), outputCaps);
        }
        catch (IOException e) {
            log.warn("run {} {}: the returned files could not be read: {}", runId, stageName, e.getMessage());
            returned = new OutputArchive.Returned(List.of(), true);
        }
        finally {
            try {
                Files.deleteIfExists(sandbox.artifacts());
            }
            catch (IOException e) {
                log.debug("run {}: returned files left behind: {}", runId, e.getMessage());
            }
        }
    }

    private void supervise() {
        long wallDeadline = startNanos + TimeUnit.MILLISECONDS.toNanos(limits.wallTimeMs());
        long cpuLimitNanos = TimeUnit.MILLISECONDS.toNanos(limits.cpuTimeMs());
        RunCgroup cgroup = sandbox.cgroup();
        boolean watchOutput = true;
        try {
            while (stop.get() == null) {
                long now = System.nanoTime();
                if (now >= wallDeadline) {
                    stop(Stop.WALL);
                    break;
                }
                long cpuLeft = cpuLimitNanos - cpuUsed(cgroup);
                if (cpuLeft <= 0) {
                    stop(Stop.CPU);
                    break;
                }
                // Check the CPU budget no later than it could run out on every core at
                // once.
                long waitNanos = Math.min(wallDeadline - now,
                        Math.max(TimeUnit.MILLISECONDS.toNanos(5), cpuLeft / CORES));
                waitNanos = Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(250));
                if (watchOutput) {
                    // Both pipes closed: the program has most likely exited, and the init
                    // reports it at once.
                    if (outputClosed.await(waitNanos, TimeUnit.NANOSECONDS)) {
                        if (exitReported())
                            return;
                        watchOutput = false; // it closed its output but runs on
                    }
                }
                else if (sandbox.waitFor(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos)))) {
                    break;
                }
            }
            if (!sandbox.waitFor(5_000))
                sandbox.kill();
            // Anything the program left behind (daemons, orphans) ends with it.
            cgroup.killAll();
            stdoutThread.join(5_000);
            stderrThread.join(5_000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(Stop.USER);
        }
    }

    /**
     * The runtime said an allocation was refused (checked on the end of stderr, where
     * such errors land).
     */
    private boolean refusedMemory() {
        if (memoryError == null)
            return false;
        byte[] err = stderr.bytes();
        int from = Math.max(0, err.length - 64 * 1024);
        return memoryError.matcher(new String(err, from, err.length - from, StandardCharsets.UTF_8)).find();
    }

    /**
     * Whether the init has written the program's exit, waiting a moment for it after the
     * pipes closed.
     */
    private boolean exitReported() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (sandbox.exit() != null)
                return true;
            if (!sandbox.alive())
                return sandbox.exit() != null;
            LockSupport.parkNanos(100_000);
            if (Thread.interrupted())
                throw new InterruptedException();
        }
        return false;
    }

    private long cpuUsed(RunCgroup cgroup) {
        try {
            return cgroup.cpuUsageNanos() - cpuBaselineNanos;
        }
        catch (UncheckedIOException e) {
            return 0;
        }
    }

    private StageResult verdict() {
        RunCgroup cgroup = sandbox.cgroup();
        long cpuMs = TimeUnit.NANOSECONDS.toMillis(Math.max(0, cpuUsed(cgroup)));
        long memory = cgroup.peakMemoryBytes();
        long oomKills = cgroup.oomKills();
        long processLimitHits = cgroup.processLimitHits();
        SandboxProcess.Exit exit = sandbox.exit();
        Stop reason = stop.get();
        // A stopped program ran until we stopped it; tearing its sandbox down afterwards
        // is not its time.
        long hostWallMs = TimeUnit.NANOSECONDS
            .toMillis((reason != null ? stoppedAtNanos : System.nanoTime()) - startNanos);
        long wallMs = exit != null && exit.error() == null ? Math.min(exit.wallMicros() / 1000, hostWallMs)
                : hostWallMs;
        Integer code = exit == null ? null : exit.code();
        Integer signal = exit == null ? null : exit.signal();

        Status status;
        String message = null;
        if (reason == Stop.OUTPUT) {
            status = Status.OUTPUT_LIMIT;
            message = "Output limit exceeded: more than " + limits.maxOutputBytes() + " bytes on one stream; the first "
                    + limits.maxOutputBytes() + " bytes are kept.";
        }
        else if (reason == Stop.WALL) {
            status = Status.TIMEOUT;
            wallMs = Math.max(wallMs, limits.wallTimeMs());
            message = "Time limit exceeded: the program ran longer than " + limits.wallTimeMs() + " ms (wall clock).";
        }
        else if (reason == Stop.CPU || Integer.valueOf(Signals.SIGXCPU).equals(signal)) {
            status = Status.TIMEOUT;
            message = "CPU time limit exceeded: the program used more than " + limits.cpuTimeMs() + " ms of CPU time.";
        }
        else if (oomKills > 0) {
            status = Status.MEMORY_LIMIT;
            message = "Memory limit exceeded: the program needed more than " + limits.memoryMb()
                    + " MiB and was stopped.";
        }
        else if (reason == null && (signal != null || (code != null && code != 0)) && refusedMemory()) {
            status = Status.MEMORY_LIMIT;
            message = "Memory limit exceeded: the program could not get more memory within its limit of "
                    + limits.memoryMb() + " MiB.";
        }
        else if (reason == Stop.USER) {
            status = Status.KILLED;
            message = "Stopped on request.";
        }
        else if (exit == null || exit.error() != null) {
            status = Status.INTERNAL_ERROR;
            String why = exit == null ? "the sandbox exited with " + sandbox.launcherExitCode() : exit.error();
            log.error("run {} {}: sandbox failure: {}; stderr: {}", runId, stageName, why,
                    new String(stderr.bytes(), StandardCharsets.UTF_8).strip());
            message = "The sandbox failed to run the program (" + why + "). This is a server problem, not yours.";
        }
        else if (signal != null) {
            status = Status.KILLED;
            message = signal == Signals.SIGXFSZ
                    ? "File size limit exceeded: a file grew past " + limits.maxDiskBytes() + " bytes."
                    : "The program was killed by " + Signals.name(signal) + " (" + Signals.meaning(signal) + ").";
        }
        else if (code != 0) {
            status = compileStage ? Status.COMPILE_ERROR : Status.RUNTIME_ERROR;
            if (processLimitHits > 0) {
                message = "The process limit (" + limits.maxProcesses() + " processes and threads) was reached.";
            }
            else {
                message = compileStage ? "Compilation failed with exit code " + code + "."
                        : "The program exited with code " + code + ".";
            }
        }
        else {
            status = Status.OK;
        }
        if (status != Status.OK) {
            log.info("run {} {}: {} (exit {}, signal {}, wall {} ms, cpu {} ms, memory {} KiB)", runId, stageName,
                    status, code, signal, wallMs, cpuMs, memory / 1024);
        }
        return new StageResult(status, code, signal, stdout.bytes(), stderr.bytes(), stdout.truncated(),
                stderr.truncated(), wallMs, cpuMs, memory, message, false);
    }

}
