package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The terminal's side of package installs, with a stand-in for the server: the wrappers
 * send {@code pip install} and {@code npm install} through the terminal's socket as
 * typed, print the log as it comes and exit with the answer's code; a generation written
 * meanwhile is importable at once, by Python and Node; other subcommands run the real
 * tool; the shell still has no network; and the socket refuses what is not a request.
 */
@Tag("sandbox")
class TerminalPackagesTest {

    private static final List<PackageRequests.Request> requests = new CopyOnWriteArrayList<>();

    private static Path root;

    private static Terminal terminal;

    private static final TerminalTest.Screen screen = new TerminalTest.Screen();

    private static int handle(PackageRequests.Request request, Consumer<String> log) {
        requests.add(request);
        if (request.args().contains("nothing-such")) {
            log.accept("ERROR: No matching distribution found for nothing-such");
            return 3;
        }
        log.accept("Collecting demo-pkg");
        try {
            Path site = Files.createDirectories(root.resolve(requests.size() + "/python/site"));
            Files.writeString(site.resolve("demo_pkg.py"), "VALUE = 'from the pack' + 'age'\n");
            Path module = Files.createDirectories(root.resolve(requests.size() + "/node/node_modules/demo-node"));
            Files.writeString(module.resolve("index.js"), "module.exports = 'from the node ' + 'package';\n");
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        log.accept("Successfully installed demo-pkg-1.0");
        return 0;
    }

    @BeforeAll
    static void open() throws Exception {
        root = Files.createTempDirectory("terminal-packages");
        Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, byte[]> files = Map.of("req.txt", "demo-pkg==1.0\n".getBytes(StandardCharsets.UTF_8));
        terminal = TestEngine.get()
            .openTerminal(TerminalRequest.of("packages test", files, 120, 24)
                .withPackages(root, TerminalPackagesTest::handle), screen);
        screen.await("$ ");
    }

    @AfterAll
    static void close() throws Exception {
        terminal.close();
        FileTrees.delete(root);
    }

    private static void type(String keys) {
        terminal.input(keys.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pipInstallGoesToTheServerAndItsGenerationIsThereAtOnce() throws Exception {
        int before = requests.size();
        type("pip install demo-pkg -r req.txt; echo exit=$?; python3 -c 'import demo_pkg; print(demo_pkg.VALUE)'; "
                + "node -e 'console.log(require(\"demo-node\"))'; echo d''one\r");
        String seen = screen.await("done\r\n");
        assertThat(seen).contains("Collecting demo-pkg")
            .contains("Successfully installed demo-pkg-1.0")
            .contains("exit=0")
            .contains("from the package")
            .contains("from the node package");
        PackageRequests.Request request = requests.get(before);
        assertThat(request.tool()).isEqualTo("pip");
        assertThat(request.args()).containsExactly("install", "demo-pkg", "-r", "req.txt");
        assertThat(request.files()).containsEntry("req.txt", "demo-pkg==1.0\n");
    }

    @Test
    void aFailedInstallExitsWithItsCodeAndPythonDashMPipAndNpmGoTheSameWay() throws Exception {
        int before = requests.size();
        type("python3 -m pip install nothing-such; echo exit=$?; npm uninstall lodash; echo exit=$?; echo d''one\r");
        String seen = screen.await("done\r\n");
        assertThat(seen).contains("No matching distribution found for nothing-such")
            .contains("exit=3")
            .contains("exit=0");
        assertThat(requests.subList(before, requests.size())).extracting(PackageRequests.Request::tool)
            .containsExactly("pip", "npm");
    }

    @Test
    void otherSubcommandsRunTheRealToolAndTheShellStillHasNoNetwork() throws Exception {
        int before = requests.size();
        type("pip --version; echo $SANDLOT_PACKAGES; python3 -c 'import socket; socket.create_connection((\"1.1.1.1\", 53), 2)' 2>&1 | tail -1; echo d''one\r");
        String seen = screen.await("done\r\n");
        assertThat(seen).containsPattern("pip \\d+").contains("/packages.d").contains("Address family not supported");
        assertThat(requests).hasSize(before);
    }

    @Test
    void theSocketRefusesWhatIsNotARequestAndItsDirectoryIsReadOnly() throws Exception {
        int before = requests.size();
        type("python3 -c \"import socket; s = socket.socket(socket.AF_UNIX); s.connect('/run/sandlot/packages.sock'); "
                + "s.sendall(b'{\\\"tool\\\": \\\"sh\\\", \\\"args\\\": []}\\n'); print(s.makefile('rb').read())\"; "
                + "touch /run/sandlot/x; echo d''one\r");
        String seen = screen.await("done\r\n");
        assertThat(seen).contains("tool must be pip or npm").contains("\"exit\":2").contains("Read-only file system");
        assertThat(requests).hasSize(before);
    }

}
