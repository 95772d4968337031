package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two engines on one host, as two servers (or a server and a test suite) are: starting,
 * sweeping and closing one leaves the other's live runs alone, because each keeps its
 * runs in a cgroup subtree of its own.
 */
@Tag("sandbox")
class NeighbourEngineTest {

    @Test
    void aSecondEngineStartingAndStoppingLeavesTheFirstOnesLiveRunAlone() throws Exception {
        Engine first = TestEngine.isolated();
        CountDownLatch up = new CountDownLatch(1);
        StringBuilder seen = new StringBuilder();
        RunHandle run = first.start(
                RunRequest.builder("python").file("main.py", "print('up', flush=True)\nprint('got', input())").build(),
                new OutputListener() {
                    @Override
                    public void stdout(byte[] chunk) {
                        synchronized (seen) {
                            seen.append(new String(chunk, StandardCharsets.UTF_8));
                        }
                        up.countDown();
                    }
                });
        assertThat(up.await(10, TimeUnit.SECONDS)).isTrue();
        List<Path> runsBefore = HostProcesses.runCgroupsOfIsolatedEngine();
        assertThat(runsBefore).isNotEmpty();

        String neighbourName;
        try (Engine second = TestEngine.startIsolatedNeighbour()) {
            neighbourName = second.sandboxUids().engineName();
            assertThat(neighbourName).isNotEqualTo(first.sandboxUids().engineName());
            RunResult other = TestEngine.run(second, "python", "print('neighbour')", LimitRequest.DEFAULTS);
            assertThat(other.stdoutText()).isEqualTo("neighbour\n");
            assertThat(HostProcesses.runCgroupsOfIsolatedEngine()).containsExactlyInAnyOrderElementsOf(runsBefore);
        }

        run.writeStdin("still here\n");
        run.closeStdin();
        RunResult result = run.await();
        assertThat(result.status()).isEqualTo(Status.OK);
        synchronized (seen) {
            assertThat(seen.toString()).isEqualTo("up\ngot still here\n");
        }
        assertThat(cgroupDirsNamed(neighbourName)).isEmpty();
    }

    private static List<Path> cgroupDirsNamed(String name) throws IOException {
        try (var dirs = Files.walk(Path.of("/sys/fs/cgroup"), 7)) {
            return dirs
                .filter(p -> p.getFileName() != null && p.getFileName().toString().equals(name)
                        && p.getParent().getFileName().toString().equals(TestEngine.ISOLATED_CGROUP_PARENT))
                .toList();
        }
    }

}
