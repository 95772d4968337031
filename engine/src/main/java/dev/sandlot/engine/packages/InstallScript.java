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

    private InstallScript() {
    }

    static String python(String python, List<String> pipOptions) {
        return prelude() + """
                %s -m pip install --target /build/python/site --no-cache-dir --no-build-isolation \\
                    --no-warn-script-location --progress-bar off %s -r requirements.txt
                code=$?
                kill "$forwarder" 2>/dev/null
                [ "$code" -eq 0 ] || exit "$code"
                if [ -d /build/python/site/bin ]; then mv /build/python/site/bin /build/python/bin; fi
                exit 0
                """.formatted(quote(python), words(pipOptions));
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
