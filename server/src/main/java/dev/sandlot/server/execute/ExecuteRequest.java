package dev.sandlot.server.execute;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.Language;
import dev.sandlot.engine.LimitRequest;
import dev.sandlot.engine.RunRequest;
import dev.sandlot.engine.SourceFile;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The body of POST /api/v1/execute and of a stream's "start" message. */
@Schema(description = "A program to run: one file as `code`, or several as `files` (the first is the entry point unless `entry` names another).",
        example = """
                {"language": "python", "code": "print(input()[::-1])", "stdin": "olleh"}""")
public record ExecuteRequest(
        @Schema(description = "Language id or alias, see GET /api/v1/languages", example = "python",
                requiredMode = Schema.RequiredMode.REQUIRED) String language,

        @Schema(description = "Version, exact or a prefix such as \"3\"; the newest installed when absent",
                example = "3") String version,

        @Schema(description = "The program, as a single file named after the language's convention",
                example = "print(input()[::-1])") String code,

        @Schema(description = "The program as several files; give either code or files") List<FileInput> files,

        @Schema(description = "Which file is the entry point (default: the first)") String entry,

        @Schema(description = "Standard input", example = "olleh") String stdin,

        @Schema(description = "Command-line arguments") List<String> args,

        @Schema(description = "Per-run limits; each may not exceed the server's maximum") LimitsInput limits,

        @Schema(description = "Record the run in the signed-in user's history (default true)") Boolean saveHistory,

        @Schema(description = "Workspace files to return after the run, beside those it writes under /output",
                example = "[\"results.csv\"]") List<String> outputFiles) {

    public ExecuteRequest(String language, String version, String code, List<FileInput> files, String entry,
            String stdin, List<String> args, LimitsInput limits, Boolean saveHistory) {
        this(language, version, code, files, entry, stdin, args, limits, saveHistory, null);
    }

    public record FileInput(@Schema(example = "main.py") String name, @Schema(example = "print('hi')") String content) {
    }

    public record LimitsInput(@Schema(example = "10000") Long wallTimeMs, @Schema(example = "10000") Long cpuTimeMs,
            @Schema(example = "128") Long memoryMb, @Schema(example = "64") Integer maxProcesses,
            @Schema(example = "1048576") Long maxOutputBytes) {
    }

    /**
     * The engine's request, with every refusal naming the field of this body at fault.
     */
    public RunRequest toRunRequest(Engine engine) {
        if (language == null || language.isBlank())
            throw new InvalidFieldException("language", "is required");
        if (code != null && files != null)
            throw new InvalidFieldException("code", "and files cannot both be given; use one");
        if (code == null && (files == null || files.isEmpty())) {
            throw new InvalidFieldException("code", "is required (or give files)");
        }
        Language lang = engine.language(language, version);
        RunRequest.Builder builder = RunRequest.builder(language).version(version).entry(entry);
        if (code != null) {
            builder.file(SourceFile.of(lang.fileNameFor(code), code));
        }
        else {
            for (int i = 0; i < files.size(); i++) {
                FileInput f = files.get(i);
                if (f == null)
                    throw new InvalidFieldException("files[" + i + "]", "must be an object with name and content");
                if (f.name() == null)
                    throw new InvalidFieldException("files[" + i + "].name", "is required");
                if (f.content() == null)
                    throw new InvalidFieldException("files[" + i + "].content", "is required");
                builder.file(SourceFile.of(f.name(), f.content()));
            }
        }
        if (stdin != null)
            builder.stdin(stdin.getBytes(StandardCharsets.UTF_8));
        if (args != null) {
            List<String> checked = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) == null)
                    throw new InvalidFieldException("args[" + i + "]", "must be a string");
                checked.add(args.get(i));
            }
            builder.args(checked.toArray(String[]::new));
        }
        if (outputFiles != null)
            builder.outputFiles(outputFileNames(outputFiles));
        if (limits != null) {
            builder.limits(new LimitRequest(limits.wallTimeMs(), limits.cpuTimeMs(), limits.memoryMb(),
                    limits.maxProcesses(), limits.maxOutputBytes()));
        }
        return builder.build();
    }

    /**
     * The names of {@code outputFiles}, each a string (the engine checks them as paths).
     */
    public static List<String> outputFileNames(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null)
                throw new InvalidFieldException("outputFiles[" + i + "]", "must be a string");
        }
        return names;
    }

    /**
     * Problems the engine reports against "files" concern "code" when the program came as
     * code.
     */
    public InvalidFieldException renameFields(InvalidFieldException e) {
        return code == null ? e : asCodeField(e);
    }

    /**
     * The engine's refusal of the files of a one-file program, named after the request's
     * {@code code} field.
     */
    public static InvalidFieldException asCodeField(InvalidFieldException e) {
        return e.field().startsWith("files") ? new InvalidFieldException("code", e.detail(), e.maximum()) : e;
    }
}
