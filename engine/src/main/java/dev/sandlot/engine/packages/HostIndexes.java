package dev.sandlot.engine.packages;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads where the host's pip and npm fetch packages from, by asking them: {@code pip
 * config list} (whose ":env:" lines are pip's own reading of PIP_* variables), PIP_*
 * variables of this process, pip's built-in default index, and {@code npm config get
 * registry}.
 */
final class HostIndexes {

    private static final Logger log = LoggerFactory.getLogger(HostIndexes.class);

    /** e.g. {@code global.index-url='https://mirror/simple'}; values are Python reprs. */
    private static final Pattern CONFIG_LINE = Pattern.compile("^([^.=]*)\\.([a-z-]+)='(.*)'$");

    private static final List<String> SCOPE_ORDER = List.of(":env:", "install", "global");

    private HostIndexes() {
    }

    static IndexConfig read(List<String> extraHosts, Map<String, String> env) {
        Map<String, Map<String, String>> config = pipConfig(run(List.of("python3", "-m", "pip", "config", "list")));
        String indexUrl = firstNonBlank(env.get("PIP_INDEX_URL"), setting(config, "index-url"));
        String extraIndexUrls = firstNonBlank(env.get("PIP_EXTRA_INDEX_URL"), setting(config, "extra-index-url"));
        String findLinks = firstNonBlank(env.get("PIP_FIND_LINKS"), setting(config, "find-links"));
        List<String> extras = new ArrayList<>(extraHosts);
        if (indexUrl == null) {
            // pip's own default, asked from pip so that no registry is named here.
            List<String> pypi = lines(run(List.of("python3", "-c",
                    "from pip._internal.models.index import PyPI; print(PyPI.simple_url); print(PyPI.file_storage_domain)")));
            if (pypi.size() == 2) {
                indexUrl = pypi.get(0);
                extras.add("https://" + pypi.get(1));
            }
        }
        List<URI> indexes = new ArrayList<>();
        Set<Path> localDirs = new LinkedHashSet<>();
        for (String url : words(indexUrl)) {
            sort(url, indexes, localDirs, extras, false);
        }
        for (String url : words(extraIndexUrls))
            sort(url, indexes, localDirs, extras, false);
        for (String link : words(findLinks))
            sort(link, indexes, localDirs, extras, true);
        URI npm = null;
        String registry = run(List.of("npm", "config", "get", "registry"));
        if (registry != null && !registry.isBlank()) {
            try {
                npm = URI.create(registry.strip());
                AllowList.origin(npm);
            }
            catch (IllegalArgumentException e) {
                log.warn("npm's registry {} is not an http(s) address; npm installs are not allowed", registry.strip());
                npm = null;
            }
        }
        return new IndexConfig(indexes, List.copyOf(localDirs), npm, extras);
    }

    /**
     * An http(s) index goes through the proxy; a file:// index or a find-links directory
     * is bound into the sandbox.
     */
    private static void sort(String location, List<URI> indexes, Set<Path> localDirs, List<String> extras,
            boolean findLinks) {
        try {
            URI uri = location.contains("://") ? URI.create(location) : null;
            if (uri == null || "file".equalsIgnoreCase(uri.getScheme())) {
                Path dir = uri == null ? Path.of(location) : Path.of(uri);
                if (dir.isAbsolute())
                    localDirs.add(dir.normalize());
                return;
            }
            AllowList.Origin origin = AllowList.origin(uri);
            if (findLinks)
                extras.add(origin.scheme() + "://" + origin.host() + ":" + origin.port());
            else
                indexes.add(uri);
        }
        catch (IllegalArgumentException e) {
            log.warn("pip's index or find-links {} is neither http(s) nor a local directory: ignored", location);
        }
    }

    static Map<String, Map<String, String>> pipConfig(String output) {
        Map<String, Map<String, String>> byScope = new java.util.HashMap<>();
        for (String line : lines(output)) {
            Matcher m = CONFIG_LINE.matcher(line.strip());
            if (m.matches())
                byScope.computeIfAbsent(m.group(1), s -> new java.util.HashMap<>())
                    .put(m.group(2), m.group(3).replace("\\n", "\n"));
        }
        return byScope;
    }

    private static String setting(Map<String, Map<String, String>> config, String key) {
        for (String scope : SCOPE_ORDER) {
            String value = config.getOrDefault(scope, Map.of()).get(key);
            if (value != null && !value.isBlank())
                return value;
        }
        return null;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** The command's stdout, or null when it cannot run or fails within 20 s. */
    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(1 << 20);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                log.warn("{} did not answer within 20 s", String.join(" ", command));
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        }
        catch (IOException e) {
            log.info("cannot run {}: {}", command.getFirst(), e.getMessage());
            return null;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

}
