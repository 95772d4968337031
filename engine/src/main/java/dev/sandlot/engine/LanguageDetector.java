package dev.sandlot.engine;

import dev.sandlot.engine.sandbox.Bind;
import dev.sandlot.engine.sandbox.HelperRequest;
import dev.sandlot.engine.sandbox.Sandbox;
import dev.sandlot.engine.sandbox.SandboxProcess;
import dev.sandlot.engine.sandbox.SandboxSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the installed languages: every candidate installation of every catalogued
 * language is asked for its version inside a sandbox, a few at a time. A runtime that
 * cannot run there is not installed. Python gets the sitecustomize hook its pre-started
 * interpreters wait in, where it has a place for one, and its built-in libraries are
 * looked up there too ({@link LibraryProbe}).
 */
final class LanguageDetector {

    private static final Logger log = LoggerFactory.getLogger(LanguageDetector.class);

    private final Sandbox sandbox;

    private final Map<String, List<String>> libraryChoice;

    private final Map<String, List<String>> libraryNames = new ConcurrentHashMap<>();

    /**
     * A detector that starts its probes in this sandbox.
     * @param libraryChoice the built-in libraries to look for per language id, in place
     * of the definitions' lists
     */
    LanguageDetector(Sandbox sandbox, Map<String, List<String>> libraryChoice) {
        this.sandbox = sandbox;
        this.libraryChoice = Map.copyOf(libraryChoice);
    }

    /**
     * The languages that run in the sandbox, in catalogue order, newest version of each
     * id first.
     */
    List<Language> detect(List<LanguageDefinition> definitions) {
        Semaphore parallel = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));
        List<Future<Language>> probes = new ArrayList<>();
        for (LanguageDefinition definition : definitions)
            libraryNames.put(definition.id(), libraryChoice.getOrDefault(definition.id(), definition.libraries()));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (LanguageDefinition definition : definitions) {
                for (LanguageCatalog.Candidate candidate : LanguageCatalog.candidates(definition)) {
                    probes.add(threads.submit(() -> {
                        parallel.acquire();
                        try {
                            return probe(candidate);
                        }
                        finally {
                            parallel.release();
                        }
                    }));
                }
            }
            List<Language> found = new ArrayList<>();
            for (Future<Language> probe : probes) {
                try {
                    Language language = probe.get();
                    if (language != null && found.stream()
                        .noneMatch(l -> l.id().equals(language.id()) && l.version().equals(language.version()))) {
                        found.add(language);
                    }
                }
                catch (Exception e) {
                    log.warn("language detection failed: {}", e.toString());
                }
            }
            List<String> order = definitions.stream().map(LanguageDefinition::id).toList();
            found.sort(Comparator.<Language>comparingInt(l -> order.indexOf(l.id()))
                .thenComparing(Language::version, LanguageDetector::compareVersionsDescending));
            return List.copyOf(found);
        }
    }

    /**
     * Asks the runtime for its version, inside the sandbox: a runtime that cannot run
     * there is not installed.
     */
    private Language probe(LanguageCatalog.Candidate candidate) throws IOException {
        Language language = candidate.language();
        Map<String, String> env = new LinkedHashMap<>(RunPlanner.BASE_ENV);
        Limits limits = LimitPolicy.standard().compileLimits();
        env.putAll(new CommandTemplate(language.fileName(), "", List.of(), List.of(), limits).expand(language.env()));
        SandboxSpec spec = new SandboxSpec(language.id() + " version probe", env, language.binds(), 16L << 20, 1L << 30,
                128, null);
        String output;
        try (SandboxProcess process = sandbox.start(spec)) {
            HelperRequest request = HelperRequest.cold();
            candidate.probe().forEach(request::word);
            process.send(request.go().bytes());
            process.closeStdin();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.stderr()));
            byte[] out = readAll(process.stdout());
            if (!process.waitFor(30_000)) {
                log.warn("{} at {}: version probe did not finish", language.id(), language.home());
                return null;
            }
            output = new String(out, StandardCharsets.UTF_8) + new String(err.join(), StandardCharsets.UTF_8);
            SandboxProcess.Exit exit = process.exit();
            if (exit == null || exit.code() == null || exit.code() != 0) {
                log.info("{} at {} does not run in the sandbox ({}): {}", language.id(), language.home(), exit,
                        output.strip());
                return null;
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        Matcher m = Pattern.compile(candidate.pattern()).matcher(output);
        if (!m.find()) {
            log.info("{} at {}: no version in {}", language.id(), language.home(), output.strip());
            return null;
        }
        String version = m.group(1).replaceAll("\\.$", "");
        Language detected = language.withVersion(version, List.of())
            .withLibraries(
                    new LibraryProbe(sandbox).find(language, libraryNames.getOrDefault(language.id(), List.of())));
        if ("python".equals(language.warm())) {
            Bind hook = PythonHook.bind(sandbox, language, version);
            if (hook == null) {
                log.info("{}: no sitecustomize hook point, so no pre-started interpreters", detected.label());
                return PythonHook.withoutWarm(detected);
            }
            return detected.withVersion(version, List.of(hook));
        }
        return detected;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        }
        catch (IOException e) {
            return new byte[0];
        }
    }

    static int compareVersionsDescending(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? parseOrZero(x[i]) : 0;
            int yi = i < y.length ? parseOrZero(y[i]) : 0;
            if (xi != yi)
                return Integer.compare(yi, xi);
        }
        return 0;
    }

    private static int parseOrZero(String s) {
        try {
            return Integer.parseInt(s);
        }
        catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Where the Python warm hook (sitecustomize) is mounted for one interpreter version.
     */
    static final class PythonHook {

        static final String RESOURCE = "/dev/sandlot/engine/python/sitecustomize.py";

        private PythonHook() {
        }

        static Bind bind(Sandbox sandbox, Language language, String version) throws IOException {
            String[] parts = version.split("\\.");
            if (parts.length < 2)
                return null;
            String majorMinor = parts[0] + "." + parts[1];
            Path lib = Path.of(language.home(), "lib", "python" + majorMinor, "sitecustomize.py");
            String target;
            if (Files.isSymbolicLink(lib)) {
                Path resolved = lib.getParent().resolve(Files.readSymbolicLink(lib)).normalize();
                // Outside /usr bwrap creates the mount point; inside read-only /usr it
                // must exist.
                if (!resolved.startsWith("/usr") || Files.exists(resolved)) {
                    target = resolved.toString();
                }
                else {
                    return null;
                }
            }
            else if (Files.isRegularFile(lib)) {
                target = lib.toString();
            }
            else {
                return null;
            }
            Path hook = sandbox.runtimeFile("python-sitecustomize.py");
            synchronized (PythonHook.class) {
                if (!Files.exists(hook)) {
                    try (InputStream in = LanguageDetector.class.getResourceAsStream(RESOURCE)) {
                        if (in == null)
                            throw new IOException("missing " + RESOURCE);
                        Files.write(hook, in.readAllBytes());
                    }
                    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
            return Bind.readOnly(hook, target);
        }

        static Language withoutWarm(Language l) {
            return new Language(l.id(), l.name(), l.version(), l.aliases(), l.fileName(), l.fileNameFromSource(),
                    l.compileCommand(), l.runCommand(), l.env(), l.binds(), l.limits(), l.compileLimits(), null,
                    l.memoryError(), l.home(), l.packages(), l.libraries());
        }

    }

}
