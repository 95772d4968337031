package dev.sandlot.engine.packages;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The shell script an install step runs: it starts the proxy forwarder on the sandbox's
 * loopback, waits until it listens, then runs pip or npm on the manifest in /workspace,
 * building the environment in /build, which the init packs for the server.
 */
final class InstallScript {

    static final int PORT = 3128;

    static final String SOCKET = "/run/sandlot/proxy.sock";

    /**
     * Lists the manifest's packages that pip found already installed (Debian's numpy,
     * say) with their versions, so the project's list shows them though the generation
     * does not hold them.
     */
    private static final String BUILT_IN = """
            import importlib.metadata as md, json, re, sys
            sys.path.insert(0, "/build/python/site")
            found = []
            for line in open("requirements.txt", encoding="utf-8"):
                m = re.match(r"\\s*([A-Za-z0-9][A-Za-z0-9._-]*)", line)
                if not m:
                    continue
                try:
                    dist = md.distribution(m.group(1))
                except md.PackageNotFoundError:
                    continue
                if not str(dist.locate_file("")).startswith("/build/"):
                    found.append({"name": dist.metadata["Name"], "version": dist.version})
            print(json.dumps(found))
            """;

    private InstallScript() {
    }

    static String python(String python, List<String> pipOptions) {
        return prelude() + """
                %1$s -m pip install --prefix /build/prefix --no-cache-dir --no-build-isolation \\
                    --no-warn-script-location --progress-bar off %2$s -r requirements.txt
                code=$?
                kill "$forwarder" 2>/dev/null
                [ "$code" -eq 0 ] || exit "$code"
                mkdir -p /build/python
                for site in /build/prefix/local/lib/python3*/dist-packages /build/prefix/lib/python3*/site-packages; do
                    if [ -d "$site" ]; then mv "$site" /build/python/site; break; fi
                done
                mkdir -p /build/python/site
                for bin in /build/prefix/local/bin /build/prefix/bin; do
                    if [ -d "$bin" ]; then mv "$bin" /build/python/bin; break; fi
                done
                rm -rf /build/prefix
                %1$s -I -c %3$s > /build/python/built-in.json
                exit 0
                """.formatted(quote(python), words(pipOptions), quote(BUILT_IN));
    }

    static String node(String node, String npmCli, List<String> npmOptions) {
        return prelude() + """
                mkdir -p /build/node && cp package.json /build/node/package.json && cd /build/node || exit 1
                %s %s install --no-bin-links --no-package-lock --cache /tmp/npm-cache %s
                code=$?
                kill "$forwarder" 2>/dev/null
                exit "$code"
                """.formatted(quote(node), quote(npmCli), words(npmOptions));
    }

    /**
     * The forwarder, and a wait (at most about 5 s) until its port shows in
     * /proc/net/tcp.
     */
    private static String prelude() {
        return """
                /.sandlot/init forward %d %s &
                forwarder=$!
                i=0
                while ! grep -q ':%04X 00000000:0000 0A' /proc/net/tcp 2>/dev/null; do
                    i=$((i + 1))
                    if [ "$i" -gt 500 ]; then echo "the package proxy's forwarder did not start" >&2; exit 97; fi
                    sleep 0.01
                done
                """.formatted(PORT, SOCKET, PORT);
    }

    private static String words(List<String> options) {
        return options.stream().map(InstallScript::quote).collect(Collectors.joining(" "));
    }

    /** A word for the shell, in single quotes. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

}
