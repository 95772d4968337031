package dev.sandlot.server.execute;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sandlot.engine.RunResult;
import dev.sandlot.engine.StageResult;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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
        @JsonInclude(JsonInclude.Include.NON_NULL) String stderrBase64, Stage compile) {

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
                    false, 0, 0, 0, compile == null ? null : compile.message(), null, null, Stage.of(compile));
        }
        return new RunResponse(r.id(), r.language(), r.version(), r.status().wireName(), run.exitCode(),
                run.signalName(), text(run.stdout()), text(run.stderr()), run.stdoutTruncated(), run.stderrTruncated(),
                run.wallTimeMs(), run.cpuTimeMs(), run.memoryBytes() / 1024, run.message(),
                base64IfNotUtf8(run.stdout()), base64IfNotUtf8(run.stderr()), Stage.of(r.compile()));
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
