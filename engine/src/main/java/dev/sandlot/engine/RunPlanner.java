package dev.sandlot.engine;

import dev.sandlot.engine.packages.PackageGenerations;
import dev.sandlot.engine.policy.PolicyViolationException;
import dev.sandlot.engine.sandbox.Bind;
import dev.sandlot.engine.sandbox.HelperRequest;
import dev.sandlot.engine.sandbox.HelperRequest.Resource;
import dev.sandlot.engine.sandbox.Sandbox;
import dev.sandlot.engine.sandbox.SandboxSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns requests into what the engine runs, and starts nothing itself: it resolves a
 * request's language, checks the request against the limit policy and resolves its limits
 * ({@link Plan}), then describes each stage of the run: the compile stage (command,
 * build-cache key, limits, sandbox), the run stage (sandbox and command, and the
 * pre-started sandbox that may stand in for it) and the helper request that writes the
 * sources and sets the rlimits. The sandboxes of the warm pools and of a terminal are
 * planned here too, so that every sandbox starts from the same environment.
 */
final class RunPlanner {

    /** The environment every sandbox starts from. */
    static final Map<String, String> BASE_ENV = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/tmp", "TMPDIR",
            "/tmp", "LANG", "C.UTF-8", "USER", "sandbox", "LOGNAME", "sandbox");

    private static final long MAX_STACK_BYTES = 64L * 1024 * 1024;

    private static final List<String> SHELL = List.of("/bin/bash", "--noprofile", "--rcfile", "/opt/sandlot/bashrc",
            "-i");

    /**
     * A request after validation: everything a run needs, in the engine's terms; the
     * entry file comes first.
     *
     * @param packages the project's package generations to mount, or null for none
     */
    record Plan(Language language, Limits limits, List<SourceFile> files, String entry, List<String> args,
            List<String> outputFiles, PackageMount packages) {

        String entrySource() {
            return files.getFirst().text();
        }

        List<String> fileNames() {
            return files.stream().map(SourceFile::name).toList();
        }
    }

    /**
     * The compile stage of a compiled language.
     *
     * @param command the compiler's words, file names prefixed with "./"
     * @param cacheKey where the build cache keeps (or finds) its output
     * @param limits the compile limits; their disk size also caps the output kept
     * @param spec the compiler's sandbox, with a /build for its output
     */
    record CompileStage(List<String> command, String cacheKey, Limits limits, SandboxSpec spec) {
    }

    /**
     * The run stage.
     *
     * @param spec the cold sandbox
     * @param command the words that start the program in it
     * @param warmSpec what a pre-started sandbox must look like to stand in for the cold
     * one (it then gets only the arguments), or null when none may
     */
    record RunStage(Limits limits, SandboxSpec spec, List<String> command, SandboxSpec warmSpec) {
    }

    /** Where a Python run finds Sandlot's own modules (the matplotlib backend). */
    static final String PYTHON_MODULES = "/.sandlot/python";

    private final LimitPolicy policy;

    private final List<Language> languages;

    private final PlotBackend.Mounts plots;

    RunPlanner(LimitPolicy policy, List<Language> languages) {
        this(policy, languages, null);
    }

    /**
     * @param plots what Python runs get for plotting ({@link PlotBackend}); null for none
     */
    RunPlanner(LimitPolicy policy, List<Language> languages, PlotBackend.Mounts plots) {
        this.policy = policy;
        this.languages = languages;
        this.plots = plots;
    }

    LimitPolicy policy() {
        return policy;
    }

    /**
     * Finds a language by id or alias, and version (exact, or a prefix such as "3" or
     * "3.11"; null for newest).
     */
    Language language(String idOrAlias, String version) {
        if (idOrAlias == null || idOrAlias.isBlank())
            throw new InvalidFieldException("language", "is required");
        List<Language> matches = languages.stream().filter(l -> l.answersTo(idOrAlias.strip())).toList();
        if (matches.isEmpty()) {
            List<String> ids = languages.stream().map(Language::id).distinct().toList();
            throw new UnknownLanguageException("language",
                    "'" + idOrAlias + "' is not installed here; available: " + String.join(", ", ids), ids);
        }
        if (version == null || version.isBlank() || version.equals("*"))
            return matches.getFirst();
        String wanted = version.strip();
        for (Language l : matches) {
            if (l.version().equals(wanted) || l.version().startsWith(wanted + "."))
                return l;
        }
        List<String> versions = matches.stream().map(Language::version).toList();
        throw new UnknownLanguageException("version", "'" + wanted + "' of " + matches.getFirst().id()
                + " is not installed; available: " + String.join(", ", versions), versions);
    }

    /**
     * Checks a request and resolves its language and limits.
     * @throws InvalidFieldException naming the field at fault
     * @throws PolicyViolationException when the request's import policy forbids its code
     */
    Plan plan(RunRequest request) {
        Language language = language(request.language(), request.version());
        List<SourceFile> files = request.files();
        if (files.isEmpty())
            throw new InvalidFieldException("files", "must contain at least one file");
        if (files.size() > policy.maxFiles()) {
            throw new InvalidFieldException("files",
                    "must contain at most " + policy.maxFiles() + " files; got " + files.size());
        }
        long total = 0;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            SourceFile file = files.get(i);
            SourcePaths.validate("files[" + i + "].name", file.name());
            if (!names.add(file.name()))
                throw new InvalidFieldException("files[" + i + "].name", "repeats '" + file.name() + "'");
            total += file.content().length;
        }
        if (total > policy.maxSourceBytes()) {
            throw new InvalidFieldException("files",
                    "must total at most " + policy.maxSourceBytes() + " bytes; got " + total, policy.maxSourceBytes());
        }
        String entry = request.entryName();
        if (!names.contains(entry))
            throw new InvalidFieldException("entry", "'" + entry + "' is not one of the files");
        if (request.args().size() > policy.maxArgs()) {
            throw new InvalidFieldException("args", "must have at most " + policy.maxArgs() + " arguments");
        }
        for (int i = 0; i < request.args().size(); i++) {
            String arg = request.args().get(i);
            if (arg == null || arg.indexOf('\0') >= 0)
                throw new InvalidFieldException("args[" + i + "]", "must not contain NUL");
            if (arg.length() > 4096)
                throw new InvalidFieldException("args[" + i + "]", "must be at most 4096 characters");
        }
        if (request.stdin().length > policy.maxStdinBytes()) {
            throw new InvalidFieldException("stdin", "must be at most " + policy.maxStdinBytes() + " bytes",
                    policy.maxStdinBytes());
        }
        List<String> outputFiles = request.outputFiles();
        if (outputFiles.size() > policy.outputCaps().maxFiles()) {
            throw new InvalidFieldException("outputFiles",
                    "must name at most " + policy.outputCaps().maxFiles() + " files; got " + outputFiles.size());
        }
        for (int i = 0; i < outputFiles.size(); i++)
            SourcePaths.validate("outputFiles[" + i + "]", outputFiles.get(i));
        Limits limits = policy.resolve(request.limits(), language);
        if (request.importPolicy() != null && language.id().equals("python")) {
            for (SourceFile file : files) {
                if (!file.name().endsWith(".py"))
                    continue;
                request.importPolicy().firstViolation(file.text()).ifPresent(name -> {
                    throw new PolicyViolationException(name);
                });
            }
        }
        List<SourceFile> ordered = new ArrayList<>();
        files.stream().filter(f -> f.name().equals(entry)).forEach(ordered::add);
        files.stream().filter(f -> !f.name().equals(entry)).forEach(ordered::add);
        return new Plan(language, limits, List.copyOf(ordered), entry, request.args(), outputFiles,
                PackageMount.of(request.packages()));
    }

    /** The compile stage of a plan whose language is compiled. */
    CompileStage compileStage(Plan plan) {
        Language language = plan.language();
        Limits limits = policy.compileLimitsFor(language);
        CommandTemplate template = new CommandTemplate(plan.entry(), plan.entrySource(), plan.fileNames(), List.of(),
                limits)
            .forCompiler();
        List<String> command = template.expand(language.compileCommand());
        SandboxSpec spec = stageSpec(language, "compile", template.expand(language.env()), limits, List.of(),
                plan.packages(), null)
            .withBuild(limits.maxDiskBytes());
        List<String> keyed = new ArrayList<>(command);
        if (plan.packages() != null)
            keyed.add(plan.packages().cacheKeyPart());
        return new CompileStage(command, BuildCache.key(language, keyed, plan.files(), plan.entry()), limits, spec);
    }

    /**
     * The run stage of a plan.
     * @param artifacts the compile stage's output, mounted read-only at /build, or null
     */
    RunStage runStage(Plan plan, Bind artifacts) {
        Language language = plan.language();
        Limits limits = plan.limits();
        CommandTemplate template = template(plan, plan.args(), limits);
        SandboxSpec spec = runSpec(language, template.expand(language.env()), limits, artifacts, plan.packages(), null);
        SandboxSpec warmSpec = null;
        // A pre-started interpreter has no packages mounted: such a run starts cold.
        if (language.warm() != null && plan.entry().equals(language.fileName()) && artifacts == null
                && plan.packages() == null) {
            List<String> warmCommand = template(plan, List.of(), limits).expand(language.runCommand());
            warmSpec = runSpec(language, template.expand(language.env()), limits, null, null, warmCommand);
        }
        return new RunStage(limits, spec, template.expand(language.runCommand()), warmSpec);
    }

    /**
     * Adds the plan's sources and the rlimits of a stage with {@code limits} to a helper
     * request.
     */
    HelperRequest sources(HelperRequest request, Plan plan, Limits limits) {
        for (SourceFile file : plan.files()) {
            request.file(file.name(), 0644, file.content());
        }
        long cpuSeconds = (limits.cpuTimeMs() + 999) / 1000 + 1;
        long stack = Math.min(MAX_STACK_BYTES, limits.memoryBytes());
        return request.rlimit(Resource.CORE, 0, 0)
            .rlimit(Resource.NOFILE, limits.maxOpenFiles(), limits.maxOpenFiles())
            .rlimit(Resource.FSIZE, limits.maxDiskBytes(), limits.maxDiskBytes())
            .rlimit(Resource.STACK, stack, stack)
            .rlimit(Resource.CPU, cpuSeconds, cpuSeconds + 1);
    }

    /**
     * The sandbox a warm pool keeps waiting for a language: the run stage of its default
     * file name with the default limits, interpreter pre-started.
     */
    SandboxSpec warmPoolSpec(Language language) {
        Limits defaults = policy.defaultsFor(language);
        CommandTemplate template = new CommandTemplate(language.fileName(), "", List.of(language.fileName()), List.of(),
                defaults);
        return runSpec(language, template.expand(language.env()), defaults, null, null,
                template.expand(language.runCommand()));
    }

    /**
     * Adds what a run stage returns files with to a helper request: the output caps and
     * the workspace files the plan names.
     */
    HelperRequest returnFiles(HelperRequest request, Plan plan) {
        OutputCaps caps = policy.outputCaps();
        return request.returnFiles(caps.maxFiles(), caps.maxFileBytes(), caps.maxTotalBytes(), plan.outputFiles());
    }

    /**
     * A run stage's sandbox, warm or cold: an /output folder as large as its workspace,
     * and for Python the plotting backend that saves what {@code plt.show()} shows there.
     */
    private SandboxSpec runSpec(Language language, Map<String, String> languageEnv, Limits limits, Bind artifacts,
            PackageMount packages, List<String> warmCommand) {
        Map<String, String> env = new LinkedHashMap<>(languageEnv);
        env.put("SANDLOT_OUTPUT", Sandbox.OUTPUT);
        List<Bind> extra = new ArrayList<>();
        if (artifacts != null)
            extra.add(artifacts);
        if (plots != null && language.id().equals("python")) {
            env.putAll(plots.env());
            extra.addAll(plots.binds());
        }
        return stageSpec(language, "run", env, limits, extra, packages, warmCommand).withOutput(limits.maxDiskBytes());
    }

    /**
     * The sandbox of one stage of a language: the same for a warm and a cold start; a
     * project's packages, when given, at /packages.d.
     */
    private static SandboxSpec stageSpec(Language language, String stage, Map<String, String> languageEnv,
            Limits limits, List<Bind> extra, PackageMount packages, List<String> warmCommand) {
        Map<String, String> env = new LinkedHashMap<>(BASE_ENV);
        env.putAll(languageEnv);
        List<Bind> binds = new ArrayList<>(language.binds());
        binds.addAll(extra);
        if (packages != null) {
            binds.add(packages.bind());
            env.putAll(packages.env());
        }
        return new SandboxSpec(language.id() + " " + stage, env, binds, limits.maxDiskBytes(), limits.memoryBytes(),
                limits.maxProcesses(), warmCommand);
    }

    private static CommandTemplate template(Plan plan, List<String> args, Limits limits) {
        return new CommandTemplate(plan.entry(), plan.entrySource(), plan.fileNames(), args, limits);
    }

    /**
     * A terminal's sandbox: every installed language mounted and on the PATH, and the
     * shell's own files ({@code shellFiles}) at /opt/sandlot; the project's packages at
     * /packages.d and the directory of its package socket ({@code packageSocket}, or
     * null) at /run/sandlot.
     */
    SandboxSpec terminalSpec(TerminalRequest request, Path shellFiles, Bind packageSocket) {
        Map<String, String> env = new LinkedHashMap<>(BASE_ENV);
        Map<String, Bind> binds = new LinkedHashMap<>();
        List<String> path = new ArrayList<>(List.of("/opt/sandlot/bin"));
        for (Language language : languages) {
            for (Bind bind : language.binds())
                binds.putIfAbsent(bind.target(), bind);
            String home = language.home();
            if (home != null && !home.startsWith("/usr") && Files.isDirectory(Path.of(home, "bin"))) {
                String bin = home + "/bin";
                if (!path.contains(bin))
                    path.add(bin);
            }
        }
        path.add(BASE_ENV.get("PATH"));
        env.put("PATH", String.join(":", path));
        env.put("TERM", "xterm-256color");
        env.put("COLORTERM", "truecolor");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("GOPATH", "/tmp/go");
        env.put("GOCACHE", "/tmp/go-cache");
        binds.put("/opt/sandlot", Bind.readOnly(shellFiles, "/opt/sandlot"));
        // Only the wrappers' installs reach the network, through the server: the real
        // tools stay offline and quiet.
        env.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
        env.put("PIP_NO_INPUT", "1");
        env.put("npm_config_offline", "true");
        env.put("npm_config_update_notifier", "false");
        env.put("npm_config_audit", "false");
        env.put("npm_config_fund", "false");
        env.put("npm_config_cache", "/tmp/.npm");
        if (request.packages() != null) {
            binds.put(PackageGenerations.MOUNT, Bind.readOnly(request.packages(), PackageGenerations.MOUNT));
            env.put(PackageGenerations.ENV, PackageGenerations.MOUNT);
            // Each node process puts the newest generation on its module path itself.
            env.put("NODE_OPTIONS", "--require " + TerminalFiles.NODE_PRELOAD);
        }
        if (packageSocket != null) {
            binds.put(packageSocket.target(), packageSocket);
            env.put("SANDLOT_PACKAGE_SOCKET", packageSocket.target() + "/" + PackageRequestSocket.NAME);
        }
        return new SandboxSpec(request.label(), env, List.copyOf(binds.values()), request.diskBytes(),
                request.memoryBytes(), request.maxProcesses(), null, request.cpuCores());
    }

    /**
     * The helper request that writes a terminal's files and starts its shell on a
     * terminal of its size.
     */
    HelperRequest terminalRequest(TerminalRequest request) {
        HelperRequest init = HelperRequest.cold();
        request.files().forEach((path, content) -> init.file(path, 0644, content));
        init.rlimit(Resource.NOFILE, 1024, 1024)
            .rlimit(Resource.STACK, 8L << 20, 8L << 20)
            .terminal(request.cols(), request.rows());
        SHELL.forEach(init::word);
        return init.go();
    }

}
