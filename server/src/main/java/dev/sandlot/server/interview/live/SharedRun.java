package dev.sandlot.server.interview.live;

import dev.sandlot.server.execute.Utf8Stream;

import dev.sandlot.engine.OutputListener;
import dev.sandlot.engine.RunResult;
import dev.sandlot.server.execute.RunResponse;
import dev.sandlot.server.execute.RunService;
import dev.sandlot.server.interview.Participant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The run a pad shows everyone: its frames go to every connection as they happen, and the
 * first {@link #REPLAY_BYTES} of them are kept for a participant who joins later. Output
 * may come before the engine has named the run; it waits for "run-started".
 */
final class SharedRun implements OutputListener {

    /** Output kept for late joiners, and recorded for playback, per stream. */
    static final int REPLAY_BYTES = 64 * 1024;

    private final LiveFrames frames;

    private final Consumer<String> everyone;

    final Participant by;

    final OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);

    private final Utf8Stream stdoutChunks = new Utf8Stream();

    private final Utf8Stream stderrChunks = new Utf8Stream();

    private final StringBuilder stdout = new StringBuilder();

    private final StringBuilder stderr = new StringBuilder();

    private final List<String> replay = new ArrayList<>();

    private final List<Map<String, Object>> early = new ArrayList<>();

    private long replayChars;

    private String runId;

    private RunService.Started started;

    private RunResult result;

    private OffsetDateTime finishedAt;

    private boolean failed;

    SharedRun(LiveFrames frames, Participant by, Consumer<String> everyone) {
        this.frames = frames;
        this.by = by;
        this.everyone = everyone;
    }

    /** The engine has started it: everyone is told, then the output it already wrote. */
    synchronized void started(RunService.Started run) {
        started = run;
        runId = run.handle().id();
        emit(frame("run-started", Map.of("by", LiveFrames.by(by), "at", at.toString())));
        early.forEach(this::emit);
        early.clear();
    }

    synchronized String runId() {
        return runId;
    }

    synchronized boolean finished() {
        return finishedAt != null;
    }

    /** The frames so far, for a participant who just joined. */
    synchronized void replayTo(Consumer<String> joiner) {
        if (runId != null)
            replay.forEach(joiner);
    }

    @Override
    public void stdout(byte[] chunk) {
        output("stdout", stdoutChunks.decode(chunk));
    }

    @Override
    public void stderr(byte[] chunk) {
        output("stderr", stderrChunks.decode(chunk));
    }

    private synchronized void output(String stream, String data) {
        if (data.isEmpty())
            return;
        StringBuilder kept = stream.equals("stdout") ? stdout : stderr;
        if (kept.length() < REPLAY_BYTES)
            kept.append(data, 0, Math.min(data.length(), REPLAY_BYTES - kept.length()));
        Map<String, Object> f = frame("run-output", Map.of("stream", stream, "data", data));
        if (runId == null)
            early.add(f);
        else
            emit(f);
    }

    /** Typed input from {@code typist}: to the program, and shown to everyone. */
    synchronized void input(Participant typist, String data) {
        started.writeStdin(data);
        emit(frame("run-input", Map.of("by", LiveFrames.by(typist), "data", data)));
    }

    synchronized void eof(Participant typist) {
        started.closeStdin();
        emit(frame("run-eof", Map.of("by", LiveFrames.by(typist))));
    }

    synchronized void stop() {
        started.handle().kill();
    }

    /** The run ended ({@code result} null: it failed on the server). */
    synchronized void finish(RunResult ended) {
        output("stdout", stdoutChunks.finish());
        output("stderr", stderrChunks.finish());
        result = ended;
        failed = ended == null;
        finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        // A pad shows output, not returned files: megabytes of base64 would go to every
        // participant and into the playback log.
        Object r = ended != null ? RunResponse.of(ended).withoutFiles()
                : Map.of("status", "failed", "error", "The run failed on the server.");
        emit(frame("run-finished", Map.of("result", r)));
    }

    /** The record playback keeps. */
    synchronized UpdateLog.Run record() {
        String status = failed ? "failed" : result.status().wireName();
        String resultJson = failed ? null : frames.json().writeValueAsString(RunResponse.of(result).withoutFiles());
        return new UpdateLog.Run(runId, by.id(), at, finishedAt, status, resultJson, stdout.toString(),
                stderr.toString());
    }

    private Map<String, Object> frame(String type, Map<String, Object> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("runId", runId);
        m.putAll(fields);
        return m;
    }

    private void emit(Map<String, Object> frame) {
        if (frame.get("runId") == null)
            frame.put("runId", runId);
        String text = frames.write(frame);
        // Start, end of input and result are always replayed; output and input up to the
        // cap.
        Object type = frame.get("type");
        boolean essential = !"run-output".equals(type) && !"run-input".equals(type);
        if (essential || replayChars < REPLAY_BYTES) {
            replay.add(text);
            if (!essential)
                replayChars += text.length();
        }
        everyone.accept(text);
    }

}
