package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real shell on a real pty in the sandbox, driven as a person would: type, wait for
 * what the screen shows. Typed commands are written so that their echo does not already
 * contain the expected output (e.g. {@code echo hel''lo}).
 */
@Tag("sandbox")
class TerminalTest {

    /**
     * Everything a terminal printed, as text, and a way to wait for something to appear.
     */
    static final class Screen implements Terminal.Listener {

        private final StringBuilder text = new StringBuilder();

        final CompletableFuture<Terminal.Ended> ended = new CompletableFuture<>();

        private int mark;

        @Override
        public synchronized void output(byte[] bytes) {
            text.append(new String(bytes, StandardCharsets.UTF_8));
            notifyAll();
        }

        @Override
        public void ended(Terminal.Ended how) {
            ended.complete(how);
            synchronized (this) {
                notifyAll();
            }
        }

        /** Waits until {@code wanted} appears after the last thing waited for. */
        synchronized String await(String wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                int at = text.indexOf(wanted, mark);
                if (at >= 0) {
                    String seen = text.substring(mark, at + wanted.length());
                    mark = at + wanted.length();
                    return seen;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || ended.isDone()) {
                    throw new AssertionError("'" + wanted + "' did not appear; the screen after the last match: "
                            + text.substring(mark));
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }

        synchronized String all() {
            return text.toString();
        }

    }

    private Terminal terminal;

    private final Screen screen = new Screen();

    private Terminal open(Engine engine, Map<String, byte[]> files) throws Exception {
        terminal = engine.openTerminal(TerminalRequest.of("test", files, 80, 24), screen);
        screen.await("$ ");
        return terminal;
    }

    private Terminal open() throws Exception {
        return open(TestEngine.get(),
                Map.of("main.py", "print('from the project')\n".getBytes(StandardCharsets.UTF_8)));
    }

    private void type(String keys) {
        terminal.input(keys.getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void close() {
        if (terminal != null)
            terminal.close();
    }

    @Test
    void runsCommandsInTheWorkspaceAsTheSandboxUser() throws Exception {
        open();
        type("echo hel''lo; id -u; pwd\r");
        screen.await("hello\r\n1000\r\n/workspace\r\n");
        type("python main.py\r");
        screen.await("from the project\r\n");
    }

    @Test
    void ctrlCInterruptsAnEndlessLoopInThePythonReplWhichThenGoesOn() throws Exception {
        open();
        type("python3 -q\r");
        screen.await(">>> ");
        type("while True: pass\r\r");
        Thread.sleep(300);
        type("\u0003");
        screen.await("KeyboardInterrupt");
        screen.await(">>> ");
        type("print(6 * 7)\r");
        screen.await("42\r\n>>> ");

        // The same through the signal message, as the page's Stop does.
        type("while True: pass\r\r");
        Thread.sleep(300);
        terminal.signal(2);
        screen.await("KeyboardInterrupt");
        type("print(7 * 8)\r");
        screen.await("56\r\n");
    }

    @Test
    void resizingChangesWhatTheProgramsSee() throws Exception {
        open();
        terminal.resize(132, 43);
        type("stty size\r");
        screen.await("43 132\r\n");
    }

    @Test
    void filesGoBothWaysAndPathsTheUserControlsAreNotFollowed() throws Exception {
        open();
        terminal.writeFile("src/util.py", "VALUE = 7\n".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
        type("cat src/util.py; echo made > new.txt; ln -s /etc/passwd link; mkfifo pipe; echo do''ne\r");
        screen.await("VALUE = 7\r\n");
        screen.await("done\r\n");

        Terminal.Listing listing = terminal.list().get(5, TimeUnit.SECONDS);
        assertThat(listing.truncated()).isFalse();
        assertThat(listing.entries()).extracting(Terminal.Entry::path, Terminal.Entry::kind)
            .contains(org.assertj.core.groups.Tuple.tuple("main.py", Terminal.Entry.Kind.FILE),
                    org.assertj.core.groups.Tuple.tuple("src/util.py", Terminal.Entry.Kind.FILE),
                    org.assertj.core.groups.Tuple.tuple("new.txt", Terminal.Entry.Kind.FILE),
                    org.assertj.core.groups.Tuple.tuple("link", Terminal.Entry.Kind.SYMLINK),
                    org.assertj.core.groups.Tuple.tuple("pipe", Terminal.Entry.Kind.OTHER));

        Terminal.FileRead made = terminal.read("new.txt", 1024).get(5, TimeUnit.SECONDS);
        assertThat(made.outcome()).isEqualTo(Terminal.FileRead.Outcome.OK);
        assertThat(new String(made.content(), StandardCharsets.UTF_8)).isEqualTo("made\n");
        assertThat(terminal.read("link", 1024).get(5, TimeUnit.SECONDS).outcome())
            .isEqualTo(Terminal.FileRead.Outcome.UNREADABLE);
        assertThat(terminal.read("pipe", 1024).get(5, TimeUnit.SECONDS).outcome())
            .isEqualTo(Terminal.FileRead.Outcome.UNREADABLE);
        assertThat(terminal.read("main.py", 4).get(5, TimeUnit.SECONDS).outcome())
            .isEqualTo(Terminal.FileRead.Outcome.TOO_LARGE);

        // A write through a symlink the user planted replaces the link; it never writes
        // where it points.
        terminal.writeFile("link", "replaced\n".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
        type("test -L link || echo not-a-link; cat link\r");
        screen.await("not-a-link\r\nreplaced\r\n");
        terminal.deleteFile("new.txt").get(5, TimeUnit.SECONDS);
        type("ls new.txt\r");
        screen.await("No such file");
    }

    @Test
    void theShellSeesNoNetworkNoHostFilesAndNoPrivileges() throws Exception {
        open();
        type("cat /etc/shadow; ls /root /home; cat /sys/class/net/*/address | wc -l; "
                + "python3 -c 'import socket; socket.create_connection((\"1.1.1.1\", 53), 2)' 2>&1 | tail -1; sudo -n true; echo e''nd\r");
        String seen = screen.await("end\r\n");
        assertThat(seen).contains("/etc/shadow: No such file").contains("OSError").doesNotContain("root:");
        assertThat(seen).contains("Address family not supported"); // no socket but
                                                                   // AF_UNIX, by seccomp
    }

    @Test
    void aForkBombAndAMemoryBombHitTheLimitsAndTheShellSurvives() throws Exception {
        open();
        type("python3 -c 'x = b\"a\" * (2 << 30)'; echo status=$?\r");
        screen.await("status=137\r\n"); // SIGKILL from the cgroup's OOM killer
        terminal.writeFile("bomb.py", """
                import os, time
                n = 0
                try:
                    while True:
                        if os.fork() == 0:
                            time.sleep(3)
                            os._exit(0)
                        n += 1
                except OSError as e:
                    print("refused after", n, "processes:", e.strerror)
                """.getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
        type("python3 bomb.py\r");
        String seen = screen.await("processes: Resource temporarily unavailable");
        int forked = Integer.parseInt(seen.replaceAll("(?s).*refused after (\\d+) processes.*", "$1"));
        assertThat(forked).isLessThan(128);
        type("echo sti''ll here\r");
        screen.await("still here\r\n");
    }

    @Test
    void exitEndsTheShellAndWhatItWroteLastCanStillBeRead() throws Exception {
        open();
        type("echo last > last.txt; (sleep 300 &); exit 3\r");
        Terminal.Ended how = screen.ended.get(10, TimeUnit.SECONDS);
        assertThat(how.code()).isEqualTo(3);
        assertThat(terminal.alive()).isFalse();
        assertThat(terminal.closed()).isFalse();
        Terminal.FileRead last = terminal.read("last.txt", 100).get(5, TimeUnit.SECONDS);
        assertThat(new String(last.content(), StandardCharsets.UTF_8)).isEqualTo("last\n");
        assertThat(terminal.input("echo nobody listens\r".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void closingLeavesNoProcessCgroupOrFileBehind() throws Exception {
        Engine engine = TestEngine.isolated();
        open(engine, Map.of());
        type("(setsid sleep 300 &); sleep 300 & echo star''ted\r");
        screen.await("started\r\n");
        assertThat(HostProcesses.ofIsolatedSandboxes()).isNotEmpty();
        terminal.close();
        assertThat(screen.ended.get(10, TimeUnit.SECONDS).error()).isEqualTo("closed");
        assertThat(engine.openTerminals()).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!HostProcesses.ofIsolatedSandboxes().isEmpty() && System.nanoTime() < deadline)
            Thread.sleep(20);
        assertThat(HostProcesses.describe(HostProcesses.ofIsolatedSandboxes())).isEmpty();
        assertThat(HostProcesses.runCgroupsOfIsolatedEngine()).isEmpty();
    }

    @Test
    void bytesThatAreNotTextPassThroughUntouched() throws Exception {
        open();
        type("printf 'a\\303\\251b\\377c\\n'\r");
        screen.await("a\u00e9b");
        assertThat(screen.all()).contains("\u00e9b\ufffdc");
    }

    @Test
    void refusesAWorkspacePathThatLeavesIt() throws Exception {
        open();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> terminal.writeFile("../escape", new byte[0]))
            .isInstanceOf(InvalidFieldException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> terminal.resize(0, 10))
            .isInstanceOf(InvalidFieldException.class);
        assertThat(List.of(terminal.alive())).containsExactly(true);
    }

}
