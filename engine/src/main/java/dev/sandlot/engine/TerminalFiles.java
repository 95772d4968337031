package dev.sandlot.engine;

import dev.sandlot.engine.packages.NodePreload;
import dev.sandlot.engine.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The few files a terminal's shell sees at /opt/sandlot, read-only: its bashrc (prompt,
 * colours, history in /tmp) and a bin directory with {@code python} for {@code python3},
 * since people type {@code python main.py}, and the wrappers {@code pip}, {@code pip3},
 * {@code python3 -m pip} and {@code npm}, which send installs to the server
 * ({@code packages.py}) and run everything else with the real tool.
 */
final class TerminalFiles {

    static final String BASHRC = """
            # Sandlot terminal: a sandbox with no network; files in /workspace are saved to your project.
            PS1='\\[\\e[1;32m\\]sandbox\\[\\e[0m\\]:\\[\\e[1;34m\\]\\w\\[\\e[0m\\]\\$ '
            HISTFILE=/tmp/.bash_history
            HISTCONTROL=ignoredups
            alias ls='ls --color=auto'
            alias grep='grep --color=auto'
            alias ll='ls -l'
            """;

    private static final String SYSTEM_PYTHON = "/usr/bin/python3";

    private static final String CLIENT = "/opt/sandlot/packages.py";

    /** The Node preload that finds the newest package generation (install's). */
    static final String NODE_PRELOAD = "/opt/sandlot/packages-preload.js";

    /** The next {@code python3} on the PATH after these wrappers. */
    private static final String PYTHON3 = """
            #!/bin/sh
            if [ "$1" = -m ] && [ "$2" = pip ]; then shift 2; exec /opt/sandlot/bin/pip "$@"; fi
            IFS=:
            for d in $PATH; do
                [ "$d" = /opt/sandlot/bin ] && continue
                [ -x "$d/python3" ] && exec "$d/python3" "$@"
            done
            echo "python3: not installed here" >&2
            exit 127
            """;

    private TerminalFiles() {
    }

    static synchronized Path prepare(Sandbox sandbox) throws IOException {
        Path dir = sandbox.runtimeFile("terminal");
        Path bashrc = dir.resolve("bashrc");
        if (Files.exists(bashrc))
            return dir;
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        if (Files.exists(Path.of(SYSTEM_PYTHON))) {
            Path python = bin.resolve("python");
            if (!Files.exists(python, LinkOption.NOFOLLOW_LINKS))
                Files.createSymbolicLink(python, Path.of("python3"));
            script(bin.resolve("python3"), PYTHON3);
            for (String pip : new String[] { "pip", "pip3" })
                script(bin.resolve(pip), client("pip", pip));
            script(bin.resolve("npm"), client("npm", "npm"));
            try (InputStream in = TerminalFiles.class.getResourceAsStream("terminal/packages.py")) {
                if (in == null)
                    throw new IOException("the resource terminal/packages.py is missing");
                Path client = dir.resolve("packages.py");
                Files.write(client, in.readAllBytes());
                Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        Path preload = dir.resolve("packages-preload.js");
        Files.write(preload, NodePreload.script());
        Files.setPosixFilePermissions(preload, PosixFilePermissions.fromString("rw-r--r--"));
        // Written last: its presence says the rest is in place.
        Files.writeString(bashrc, BASHRC);
        Files.setPosixFilePermissions(bashrc, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    private static String client(String tool, String name) {
        return "#!/bin/sh\nexec " + SYSTEM_PYTHON + " -I -S " + CLIENT + " " + tool + " " + name + " \"$@\"\n";
    }

    private static void script(Path path, String text) throws IOException {
        Files.writeString(path, text);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

}
