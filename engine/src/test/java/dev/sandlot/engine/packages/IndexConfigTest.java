package dev.sandlot.engine.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes read from the host's settings, and the client options that send pip and npm
 * through the proxy.
 */
class IndexConfigTest {

    private static final String SHA = "a".repeat(64);

    private final IndexConfig config = new IndexConfig(
            List.of(URI.create("https://mirror.example/simple/"), URI.create("http://localhost:5000/simple/")),
            List.of(), URI.create("https://npm.example:8443/registry/"), List.of("files.example"));

    @Test
    void pipTalksPlainHttpToTheProxyWithEveryIndexHostTrusted() {
        assertThat(config.pipOptions(3128)).containsExactly("--index-url", "http://mirror.example/simple/",
                "--extra-index-url", "http://localhost:5000/simple/", "--trusted-host", "mirror.example",
                "--trusted-host", "localhost:5000", "--trusted-host", "npm.example:8443", "--trusted-host",
                "files.example", "--proxy", "http://127.0.0.1:3128", "--retries", "1", "--timeout", "30", "--no-input",
                "--disable-pip-version-check");
    }

    @Test
    void npmGetsThePlainHttpRegistryAndBothProxies() {
        assertThat(config.npmOptions(3128))
            .startsWith("--registry=http://npm.example:8443/registry/", "--proxy=http://127.0.0.1:3128",
                    "--https-proxy=http://127.0.0.1:3128", "--fetch-retries=1")
            .contains("--no-audit", "--no-fund", "--update-notifier=false");
    }

    @Test
    void withoutAnHttpIndexPipUsesTheLocalDirectoriesOnly() {
        IndexConfig local = new IndexConfig(List.of(), List.of(Path.of("/nonexistent/wheels")), null, List.of());

        assertThat(local.pipOptions(1)).startsWith("--no-index", "--find-links", "/nonexistent/wheels");
    }

    @Test
    void aLocalSimpleIndexIsMountedWithTheFilesItsPagesLinkBesideIt(@TempDir Path root) throws Exception {
        Path simple = root.resolve("pypi/simple");
        Files.createDirectories(simple.resolve("six"));
        Files.writeString(simple.resolve("six/index.html"), "<a href=\"../../files/six-1.0-py3-none-any.whl\">six</a>");
        Path wheels = Files.createDirectories(root.resolve("wheels"));
        Path other = Files.createDirectories(root.resolve("other/index"));

        IndexConfig local = new IndexConfig(List.of(), List.of(simple, wheels, other), null, List.of());

        assertThat(local.pythonLocalMounts()).containsExactly(root.resolve("pypi"), wheels, other);
        assertThat(local.pipOptions(1)).startsWith("--index-url", simple.toUri().toString());
    }

    @Test
    void environmentSettingsWinAndLocalIndexesAreSortedFromHttpOnes() {
        Map<String, String> env = new HashMap<>();
        env.put("PIP_INDEX_URL", "https://mirror.example/simple");
        env.put("PIP_EXTRA_INDEX_URL", "file:///srv/index  https://second.example/simple");
        env.put("PIP_FIND_LINKS", "/srv/wheels http://links.example/wheels/");

        IndexConfig read = HostIndexes.read(List.of("extra.example:8443"), env);

        assertThat(read.pythonIndexes()).containsExactly(URI.create("https://mirror.example/simple"),
                URI.create("https://second.example/simple"));
        assertThat(read.pythonLocalDirs()).containsExactly(Path.of("/srv/index"), Path.of("/srv/wheels"));
        assertThat(read.extraHosts()).containsExactly("extra.example:8443", "http://links.example:80");
    }

    @Test
    void pipConfigListLinesAreReadPerScope() {
        Map<String, Map<String, String>> config = HostIndexes.pipConfig("""
                :env:.find-links='/opt/wheels'
                global.extra-index-url='file:///a/simple\\nfile:///b/simple'
                install.index-url='https://mirror.example/simple'
                """);

        assertThat(config.get(":env:")).containsEntry("find-links", "/opt/wheels");
        assertThat(config.get("global")).containsEntry("extra-index-url", "file:///a/simple\nfile:///b/simple");
        assertThat(config.get("install")).containsEntry("index-url", "https://mirror.example/simple");
    }

    @Test
    void pagesAreRewrittenForAllowedHttpsHostsOnly() {
        AllowList allow = new AllowList(config);

        assertThat(allow.rewrite(
                "<a href=\"https://mirror.example/f/x.whl#sha256=%s\">x</a> https://mirror.example:443/y".formatted(SHA)
                        + " https://npm.example:8443/z https://other.example/w"))
            .isEqualTo(
                    "<a href=\"http://mirror.example/f/x.whl#sha256=%s\">x</a> http://mirror.example/y".formatted(SHA)
                            + " http://npm.example:8443/z https://other.example/w");
    }

    @Test
    void hashesAreNotedFromHtmlPep691AndNpmPages() {
        Map<String, ExpectedHash> found = new HashMap<>();
        URI page = URI.create("http://mirror.example/simple/x/");
        IndexPages.hashes("<a href=\"../../f/x-1.whl#sha256=%s\">x</a>".formatted(SHA), page, found::put);
        IndexPages.hashes("""
                {"files": [{"url": "http://mirror.example/f/x-2.whl", "hashes": {"sha256": "%s"}}]}
                """.formatted(SHA), page, found::put);
        IndexPages.hashes("""
                {"versions": {"1.0.0": {"dist": {"tarball": "http://npm.example:8443/x/-/x-1.0.0.tgz",
                 "integrity": "sha512-%s"}}}}
                """.formatted("A".repeat(86) + "=="), page, found::put);

        assertThat(found).containsOnlyKeys("mirror.example:80/f/x-1.whl", "mirror.example:80/f/x-2.whl",
                "npm.example:8443/x/-/x-1.0.0.tgz");
        assertThat(found.get("npm.example:8443/x/-/x-1.0.0.tgz").algorithm()).isEqualTo("sha512");
    }

}
