package dev.sandlot.server.interview.crdt;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real yjs and y-protocols in a Node process (src/test/resources/yjs/fixture.mjs),
 * spoken to one JSON line per request. The front end's node_modules provide the packages.
 */
final class NodeYjs implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;

    private final Writer toNode;

    private final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private final Queue<String> errors = new ConcurrentLinkedQueue<>();

    private NodeYjs(Process process) {
        this.process = process;
        this.toNode = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(
                () -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
                        true),
                "node-yjs-out");
        Thread errReader = new Thread(
                () -> pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                        false),
                "node-yjs-err");
        reader.setDaemon(true);
        errReader.setDaemon(true);
        reader.start();
        errReader.start();
    }

    private void pump(BufferedReader in, boolean answersStream) {
        try (in) {
            for (String line; (line = in.readLine()) != null;) {
                if (answersStream)
                    answers.add(line);
                else
                    errors.add(line);
            }
        }
        catch (IOException ex) {
            errors.add(ex.toString());
        }
    }

    static NodeYjs start() {
        Path modules = nodeModules();
        try {
            Path script = Path.of(NodeYjs.class.getResource("/yjs/fixture.mjs").toURI());
            ProcessBuilder pb = new ProcessBuilder("node", script.toString());
            pb.environment().put("SANDLOT_NODE_MODULES", modules.toString());
            return new NodeYjs(pb.start());
        }
        catch (IOException | URISyntaxException ex) {
            return fail("could not start node (Node 20 must be on PATH): " + ex);
        }
    }

    /**
     * server/frontend/node_modules, found from Maven's working directory (server/) or the
     * repository root.
     */
    static Path nodeModules() {
        for (Path candidate : List.of(Path.of("frontend", "node_modules"),
                Path.of("server", "frontend", "node_modules"))) {
            if (Files.isDirectory(candidate.resolve("yjs")) && Files.isDirectory(candidate.resolve("y-protocols")))
                return candidate.toAbsolutePath();
        }
        return fail("server/frontend/node_modules with yjs and y-protocols is missing (working directory "
                + Path.of("").toAbsolutePath() + "); install it with: cd server/frontend && npm ci --ignore-scripts");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> call(Map<String, Object> request) {
        try {
            toNode.write(JSON.writeValueAsString(request));
            toNode.write('\n');
            toNode.flush();
            String line = answers.poll(120, TimeUnit.SECONDS);
            if (line == null)
                return fail("node did not answer " + request.get("cmd") + "; stderr: " + errors);
            Map<String, Object> answer = JSON.readValue(line, Map.class);
            if (!Boolean.TRUE.equals(answer.get("ok")))
                return fail("node failed on " + request.get("cmd") + ": " + answer.get("error"));
            return answer;
        }
        catch (IOException ex) {
            return fail("node is gone: " + ex + "; stderr: " + errors);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] bytes(Object base64) {
        return Base64.getDecoder().decode((String) base64);
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> texts(Map<String, Object> answer) {
        return (Map<String, String>) answer.get("texts");
    }

    @Override
    public void close() {
        try {
            toNode.close();
        }
        catch (IOException ex) {
            // the process is ending anyway
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS))
                process.destroyForcibly();
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

}
