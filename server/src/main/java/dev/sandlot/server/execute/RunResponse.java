package dev.sandlot.server.execute;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sandlot.engine.OutputFile;
import dev.sandlot.engine.RunResult;
import dev.sandlot.engine.StageResult;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A run's result. The top-level fields describe the run stage; {@code compile} describes
 * the compile stage of compiled languages (null otherwise). Output is text; when a stream
 * is not valid UTF-8 its exact bytes are also given in base64.
 */
@Schema(description = "The result of a run. A failing program is still a 200: see status.")
public record RunResponse(String id, String language, String version,

        @Schema(description = "ok, runtime_error, compile_error, timeout, memory_limit, output_limit, killed, internal_error") String status,

        Integer exitCode,

        @Schema(description = "Name of the signal that ended the program, e.g. SIGSEGV",
                example = "SIGSEGV") String signal,

        String stdout, String stderr, boolean stdoutTruncated, boolean stderrTruncated, long wallTimeMs, long cpuTimeMs,
        long memoryKb,

        @Schema(description = "Plain-words explanation of anything but a clean exit") String message,

        @JsonInclude(JsonInclude.Include.NON_NULL) String stdoutBase64,
        @JsonInclude(JsonInclude.Include.NON_NULL) String stderrBase64, Stage compile,

        @Schema(description = "Files the run returned: what it wrote under /output ($SANDLOT_OUTPUT; plt.show() saves its figures there) and the workspace files the request named in outputFiles. Left out of a stream's exit message, which sends each as a file message first.") @JsonInclude(JsonInclude.Include.NON_NULL) List<File> files,

        @Schema(description = "Some files were left out: over the server's caps on their count or size") boolean filesTruncated) {

    /** A returned file. */
    public record File(@Schema(example = "figure-1.png") String name, @Schema(example = "image/png") String mimeType,
            @Schema(example = "20931") long size, String base64) {

        static File of(OutputFile f) {
            return new File(f.name(), f.mimeType(), f.size(), Base64.getEncoder().encodeToString(f.content()));
        }
    }

    /**
     * The same result without its files (the stream sent them before it; a pad does not
     * pass them on).
     */
    public RunResponse withoutFiles() {
        return new RunResponse(id, language, version, status, exitCode, signal, stdout, stderr, stdoutTruncated,
                stderrTruncated, wallTimeMs, cpuTimeMs, memoryKb, message, stdoutBase64, stderrBase64, compile, null,
                filesTruncated);
    }

    /** The compile stage. */
    public record Stage(String status, Integer exitCode, String signal, String stdout, String stderr,
            boolean stdoutTruncated, boolean stderrTruncated, long wallTimeMs, long cpuTimeMs, long memoryKb,
            String message,

            @Schema(description = "The build was reused from the cache: nothing was compiled") boolean cached) {

        static Stage of(StageResult s) {
            return s == null ? null
                    : new Stage(s.status().wireName(), s.exitCode(), s.signalName(), text(s.stdout()), text(s.stderr()),
                            s.stdoutTruncated(), s.stderrTruncated(), s.wallTimeMs(), s.cpuTimeMs(),
                            s.memoryBytes() / 1024, s.message(), s.cached());
        }
    }

    public static RunResponse of(RunResult r) {
        StageResult run = r.run();
        if (run == null) {
            StageResult compile = r.compile();
            return new RunResponse(r.id(), r.language(), r.version(), r.status().wireName(), null, null, "", "", false,
                    false, 0, 0, 0, compile == null ? null : compile.message(), null, null, Stage.of(compile),
                    List.of(), r.filesTruncated());
        }
        return new RunResponse(r.id(), r.language(), r.version(), r.status().wireName(), run.exitCode(),
                run.signalName(), text(run.stdout()), text(run.stderr()), run.stdoutTruncated(), run.stderrTruncated(),
                run.wallTimeMs(), run.cpuTimeMs(), run.memoryBytes() / 1024, run.message(),
                base64IfNotUtf8(run.stdout()), base64IfNotUtf8(run.stderr()), Stage.of(r.compile()),
                r.files().stream().map(File::of).toList(), r.filesTruncated());
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static String base64IfNotUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes));
            return null;
        }
        catch (CharacterCodingException e) {
            return Base64.getEncoder().encodeToString(bytes);
        }
    }
}
