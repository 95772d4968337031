package dev.sandlot.engine.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The seccomp filter bubblewrap installs (--seccomp) just before the sandbox init starts.
 * The policy lives in the native helper (src/main/c/seccomp.c), which builds it with
 * libseccomp from syscall names and exports it as classic BPF; it is static, so the
 * engine asks for it once, at start, and keeps the bytes in its runtime directory for
 * every launch.
 */
public final class SeccompFilter {

    /**
     * The program, as bytes of struct sock_filter, and any notes the helper printed (e.g.
     * an unknown name).
     */
    public record Export(byte[] program, List<String> notes) {
    }

    private SeccompFilter() {
    }

    /** The filter for this host's architecture. */
    public static Export export(Path helper) throws IOException {
        return run(helper, List.of("seccomp-export"));
    }

    /**
     * The filter for install sandboxes, which also allows AF_INET and AF_INET6 sockets
     * (on their own loopback only).
     */
    public static Export exportLoopbackInet(Path helper) throws IOException {
        return run(helper, List.of("seccomp-export", "--loopback-inet"));
    }

    /**
     * The filter for another architecture libseccomp knows ("x86_64", "aarch64"), to test
     * it anywhere.
     */
    static Export export(Path helper, String arch) throws IOException {
        return run(helper, List.of("seccomp-export", "--arch", arch));
    }

    /** The install sandboxes' filter for another architecture, likewise. */
    static Export exportLoopbackInet(Path helper, String arch) throws IOException {
        return run(helper, List.of("seccomp-export", "--arch", arch, "--loopback-inet"));
    }

    private static Export run(Path helper, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(helper.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        // The notes are a few lines at most, so reading stdout first cannot fill stderr's
        // pipe.
        byte[] program = process.getInputStream().readAllBytes();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("the helper did not export the seccomp filter within 10 s");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while exporting the seccomp filter", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("the seccomp filter could not be built"
                    + (stderr.isEmpty() ? " (exit " + process.exitValue() + ")" : ": " + stderr));
        }
        if (program.length == 0 || program.length % 8 != 0) {
            throw new IOException("the helper exported " + program.length + " bytes, not a BPF program");
        }
        return new Export(program, stderr.isEmpty() ? List.of() : stderr.lines().toList());
    }

}
