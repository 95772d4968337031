package dev.sandlot.engine;

import dev.sandlot.engine.sandbox.HelperRequest;
import dev.sandlot.engine.sandbox.Sandbox;
import dev.sandlot.engine.sandbox.SandboxProcess;
import dev.sandlot.engine.sandbox.SandboxSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A script of the engine's own, run at start by a language's interpreter in a sandbox
 * like a run's, whose standard output the engine reads (which libraries there are,
 * matplotlib's font list).
 */
final class ProbeScript {

    private ProbeScript() {
    }

    /**
     * The script's standard output; throws when it fails or does not finish in 30 s.
     */
    static String output(Sandbox sandbox, Language language, String label, String script, List<String> args,
            Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(RunPlanner.BASE_ENV);
        Limits limits = LimitPolicy.standard().compileLimits();
        env.putAll(new CommandTemplate(language.fileName(), "", List.of(), List.of(), limits).expand(language.env()));
        env.putAll(extraEnv);
        SandboxSpec spec = new SandboxSpec(language.id() + " " + label, env, language.binds(), 16L << 20, 1L << 30, 128,
                null);
        try (SandboxProcess process = sandbox.start(spec)) {
            HelperRequest request = HelperRequest.cold().word(language.runCommand().get(0)).word("-c").word(script);
            args.forEach(request::word);
            process.send(request.go().bytes());
            process.closeStdin();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.stderr()));
            byte[] out = readAll(process.stdout());
            if (!process.waitFor(30_000))
                throw new IOException("it did not finish within 30 s");
            SandboxProcess.Exit exit = process.exit();
            if (exit == null || exit.code() == null || exit.code() != 0) {
                throw new IOException(
                        "it failed (" + exit + "): " + new String(err.join(), StandardCharsets.UTF_8).strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ProbeScript.class.getResourceAsStream(name)) {
            if (in == null)
                throw new IOException("missing " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        }
        catch (IOException e) {
            return new byte[0];
        }
    }

}
