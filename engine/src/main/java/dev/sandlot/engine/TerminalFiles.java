package dev.sandlot.engine;

import dev.sandlot.engine.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The few files a terminal's shell sees at /opt/sandlot, read-only: its bashrc (prompt,
 * colours, history in /tmp) and a bin directory with {@code python} for Debian's
 * {@code python3}, since people type {@code python main.py}.
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

    private TerminalFiles() {
    }

    static synchronized Path prepare(Sandbox sandbox) throws IOException {
        Path dir = sandbox.runtimeFile("terminal");
        Path bashrc = dir.resolve("bashrc");
        if (Files.exists(bashrc))
            return dir;
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        Path python = bin.resolve("python");
        if (!Files.exists(python, LinkOption.NOFOLLOW_LINKS) && Files.exists(Path.of("/usr/bin/python3"))) {
            Files.createSymbolicLink(python, Path.of("/usr/bin/python3"));
        }
        Files.writeString(bashrc, BASHRC);
        Files.setPosixFilePermissions(bashrc, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

}
