package dev.sandlot.engine;

import dev.sandlot.engine.policy.ImportPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One execution asked for: the language (and optional version), the files (the first is
 * the entry point unless {@code entry} names another), stdin, command-line arguments,
 * limits, and optionally an import policy (Python only: refuse the run, naming the
 * module, if the code uses a forbidden one).
 *
 * @param packages a project's package environments on the host (the directory whose
 * numbered generations an install step made), mounted read-only at {@code /packages.d};
 * null for none
 * @param outputFiles workspace paths whose files the result returns, beside those written
 * under the output folder
 */
public record RunRequest(String language, String version, List<SourceFile> files, String entry, byte[] stdin,
        List<String> args, LimitRequest limits, ImportPolicy importPolicy, Path packages, List<String> outputFiles) {

    public RunRequest(String language, String version, List<SourceFile> files, String entry, byte[] stdin,
            List<String> args, LimitRequest limits, ImportPolicy importPolicy) {
        this(language, version, files, entry, stdin, args, limits, importPolicy, null, List.of());
    }

    public RunRequest {
        files = files == null ? List.of() : List.copyOf(files);
        args = args == null ? List.of() : List.copyOf(args);
        outputFiles = outputFiles == null ? List.of() : List.copyOf(outputFiles);
        stdin = stdin == null ? new byte[0] : stdin;
        limits = limits == null ? LimitRequest.DEFAULTS : limits;
    }

    public static Builder builder(String language) {
        return new Builder(language);
    }

    /** The entry file's name: the one asked for, else the first file. */
    public String entryName() {
        if (entry != null)
            return entry;
        return files.isEmpty() ? null : files.getFirst().name();
    }

    public static final class Builder {

        private final String language;

        private String version;

        private final List<SourceFile> files = new ArrayList<>();

        private String entry;

        private byte[] stdin;

        private final List<String> args = new ArrayList<>();

        private LimitRequest limits = LimitRequest.DEFAULTS;

        private ImportPolicy importPolicy;

        private Path packages;

        private final List<String> outputFiles = new ArrayList<>();

        private Builder(String language) {
            this.language = language;
        }

        public Builder version(String value) {
            this.version = value;
            return this;
        }

        public Builder file(String name, String content) {
            files.add(SourceFile.of(name, content));
            return this;
        }

        public Builder file(SourceFile file) {
            files.add(file);
            return this;
        }

        public Builder entry(String value) {
            this.entry = value;
            return this;
        }

        public Builder stdin(String value) {
            this.stdin = value.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Builder stdin(byte[] value) {
            this.stdin = value;
            return this;
        }

        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        public Builder limits(LimitRequest value) {
            this.limits = value;
            return this;
        }

        public Builder importPolicy(ImportPolicy value) {
            this.importPolicy = value;
            return this;
        }

        public Builder packages(Path value) {
            this.packages = value;
            return this;
        }

        public Builder outputFiles(List<String> values) {
            outputFiles.addAll(values);
            return this;
        }

        public RunRequest build() {
            return new RunRequest(language, version, files, entry, stdin, args, limits, importPolicy, packages,
                    outputFiles);
        }

    }
}
