package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two runs at once, one the sender, one the receiver, trying every channel that goes
 * through state they share with each other or with the host: locks and inotify watches on
 * the read-only system files, the device nodes and a cached build, the per-uid kernel
 * budgets, and /proc/PID/root.
 */
@Tag("sandbox")
class CrossRunChannelTest {

    /** Files every run can open: system files, /etc, the engine's own, device nodes. */
    private static final String SHARED_FILES = "'/usr/bin/env', '/usr/lib/os-release', '/etc/ld.so.cache', "
            + "'/etc/passwd', '/.sandlot/init', '/dev/null', '/dev/urandom', '/dev/zero'";

    private static final String LOCKS = """
            import fcntl, os, struct, sys, time
            paths = [%s] + sys.argv[2:]
            def probe(path):
                fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    fcntl.flock(fd, fcntl.LOCK_UN)
                    flock = 'free'
                except OSError:
                    flock = 'HELD'
                query = struct.pack('hhqqi', fcntl.F_WRLCK, 0, 0, 0, 0)
                posix = 'free' if struct.unpack('hhqqi', fcntl.fcntl(fd, fcntl.F_GETLK, query))[0] == fcntl.F_UNLCK else 'HELD'
                os.close(fd)
                return path + ' flock ' + flock + ' posix ' + posix
            if sys.argv[1] == 'hold':
                held = []
                for path in paths:
                    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
                    fcntl.flock(fd, fcntl.LOCK_EX)
                    fcntl.fcntl(fd, fcntl.F_SETLK, struct.pack('hhqqi', fcntl.F_RDLCK, 0, 0, 0, 0))
                    held.append(fd)
                print('holding', flush=True)
                time.sleep(4)
            else:
                for path in paths:
                    print(probe(path))
            """
        .formatted(SHARED_FILES);

    @Test
    void locksOnSharedFilesAreSeenByNoOtherRunNorByTheHost() throws Exception {
        Engine engine = TestEngine.get();
        Path hostFile = Path.of("/usr/bin/env");
        try (FileChannel channel = FileChannel.open(hostFile, StandardOpenOption.READ);
                FileLock hostLock = channel.lock(0, Long.MAX_VALUE, true)) {
            assertThat(hostLock.isShared()).isTrue();
            RunHandle sender = startAndWaitFor(engine, LOCKS, List.of("hold"), "holding");
            RunResult receiver = engine.run(python(LOCKS, List.of("probe")));
            sender.await();

            assertThat(receiver.stdoutText().lines().toList()).hasSize(8)
                .allSatisfy(line -> assertThat(line).endsWith("flock free posix free"));
        }
    }

    @Test
    void locksOnACachedBuildThatTwoRunsShareAreNotSharedEither() throws Exception {
        String code = """
                #include <fcntl.h>
                #include <stdio.h>
                #include <string.h>
                #include <sys/file.h>
                #include <unistd.h>
                int main(int argc, char **argv) {
                    int fd = open("/build/main", O_RDONLY);
                    if (strcmp(argv[1], "hold") == 0) {
                        flock(fd, LOCK_EX);
                        puts("holding");
                        fflush(stdout);
                        sleep(4);
                        return 0;
                    }
                    printf("%s\\n", flock(fd, LOCK_EX | LOCK_NB) == 0 ? "free" : "HELD");
                    return 0;
                }
                """;
        Engine engine = TestEngine.get();
        RunHandle sender = startAndWaitFor(engine, RunRequest.builder("c").file("main.c", code).args("hold").build(),
                "holding");
        RunResult receiver = engine.run(RunRequest.builder("c").file("main.c", code).args("probe").build());
        sender.await();

        assertThat(receiver.compile().cached()).isTrue();
        assertThat(receiver.run().stdoutText()).isEqualTo("free\n");
    }

    private static final String WATCH = """
            import ctypes, os, select
            libc = ctypes.CDLL(None, use_errno=True)
            fd = libc.inotify_init1(os.O_NONBLOCK)
            ALL = 0xfff  # access, modify, attrib, close, open, move, create, delete
            for path in [b'/usr/bin', b'/usr/lib', b'/etc', b'/dev/null', b'/dev/urandom', b'/.sandlot']:
                assert libc.inotify_add_watch(fd, path, ALL) >= 0, path
            print('watching', flush=True)
            seen = 0
            end = __import__('time').monotonic() + 2.5
            while (left := end - __import__('time').monotonic()) > 0:
                if select.select([fd], [], [], left)[0]:
                    seen += len(os.read(fd, 65536))
            print('event bytes', seen)
            """;

    @Test
    void inotifyOnSystemFilesAndDevicesSeesNeitherOtherRunsNorTheHost() throws Exception {
        Engine engine = TestEngine.get();
        RunHandle watcher = startAndWaitFor(engine, WATCH, List.of(), "watching");
        RunResult other = engine.run(RunRequest.builder("bash").file("main.sh", """
                /usr/bin/env true; cat /etc/passwd /usr/lib/os-release > /dev/null; head -c 16 /dev/urandom > /dev/null
                gcc --version > /dev/null
                """).build());
        Process host = new ProcessBuilder("/bin/sh", "-c", "/usr/bin/env true; cat /etc/passwd > /dev/null; "
                + "head -c 16 /dev/urandom > /dev/null; cat /usr/lib/os-release > /dev/null")
            .start();
        assertThat(host.waitFor(5, TimeUnit.SECONDS)).isTrue();
        RunResult watched = watcher.await();

        assertThat(other.status()).isEqualTo(Status.OK);
        assertThat(watched.stdoutText()).endsWith("event bytes 0\n");
    }

    private static final String HOARD = """
            import ctypes, os, sys, time
            libc = ctypes.CDLL(None, use_errno=True)
            rt = ctypes.CDLL('librt.so.1', use_errno=True)
            class Attr(ctypes.Structure):
                _fields_ = [('flags', ctypes.c_long), ('maxmsg', ctypes.c_long), ('msgsize', ctypes.c_long), ('cur', ctypes.c_long)]
            rt.mq_open.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.POINTER(Attr)]
            def queue(i):
                return rt.mq_open(b'/q%d' % i, os.O_CREAT | os.O_RDWR, 0o600, ctypes.byref(Attr(0, 10, 8192, 0)))
            if sys.argv[1] == 'hoard':
                instances = 0
                while libc.inotify_init1(0) >= 0:
                    instances += 1
                queues = 0
                while queue(queues) >= 0:
                    queues += 1
                print('hoarding', instances, 'inotify instances and', queues, 'queues, then', os.strerror(ctypes.get_errno()), flush=True)
                time.sleep(4)
            else:
                print('inotify', libc.inotify_init1(0) >= 0, 'mq', queue(0) >= 0)
            """;

    @Test
    void perUserKernelBudgetsAreEachSandboxsOwn() throws Exception {
        Engine engine = TestEngine.get();
        List<String> hoarded = new ArrayList<>();
        RunHandle hoarder = startAndWaitFor(engine, python(HOARD, List.of("hoard")), "hoarding", hoarded);
        RunResult other = engine.run(python(HOARD, List.of("use")));
        hoarder.await();

        assertThat(String.join("", hoarded)).contains("hoarding 128 inotify instances");
        assertThat(other.stdoutText()).isEqualTo("inotify True mq True\n");
    }

    @Test
    void eachLiveSandboxHasItsOwnHostUidSoOneCannotReadAnothersRoot() throws Exception {
        Engine engine = TestEngine.isolated();
        String code = "open('secret.txt', 'w').write('XRUN-SECRET-42')\nprint('up', flush=True)\ninput()";
        RunHandle a = startAndWaitFor(engine, code, List.of(), "up");
        List<Long> before = HostProcesses.ofIsolatedSandboxes();
        RunHandle b = startAndWaitFor(engine, code, List.of(), "up");
        List<Long> pidsOfB = new ArrayList<>(HostProcesses.ofIsolatedSandboxes());
        pidsOfB.removeAll(before);
        try {
            int uidA = HostProcesses.uidOf(before.getFirst());
            int uidB = HostProcesses.uidOf(pidsOfB.getFirst());
            assertThat(uidA).isNotEqualTo(uidB);
            assertThat(before).allSatisfy(pid -> assertThat(HostProcesses.uidOf(pid)).isEqualTo(uidA));
            List<String> asA = new ArrayList<>();
            List<String> asB = new ArrayList<>();
            for (long pid : pidsOfB) {
                asA.add(readAs(uidA, "/proc/" + pid + "/root/workspace/secret.txt"));
                asB.add(readAs(uidB, "/proc/" + pid + "/root/workspace/secret.txt"));
            }
            assertThat(asA).noneMatch(out -> out.contains("XRUN-SECRET-42"));
            assertThat(asB).anyMatch(out -> out.contains("XRUN-SECRET-42")); // the same
                                                                             // check,
                                                                             // with the
                                                                             // right uid
        }
        finally {
            a.closeStdin();
            b.closeStdin();
            a.await();
            b.await();
        }
    }

    /**
     * What a host process with this uid (no groups, no capabilities) reads at
     * {@code path}.
     */
    private static String readAs(int uid, String path) throws Exception {
        Process p = new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "cat", path)
            .redirectErrorStream(true)
            .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(5, TimeUnit.SECONDS);
        return out;
    }

    private static RunRequest python(String code, List<String> args) {
        return RunRequest.builder("python").file("main.py", code).args(args.toArray(String[]::new)).build();
    }

    private static RunHandle startAndWaitFor(Engine engine, String code, List<String> args, String marker)
            throws InterruptedException {
        return startAndWaitFor(engine, python(code, args), marker);
    }

    private static RunHandle startAndWaitFor(Engine engine, RunRequest request, String marker)
            throws InterruptedException {
        return startAndWaitFor(engine, request, marker, new ArrayList<>());
    }

    private static RunHandle startAndWaitFor(Engine engine, RunRequest request, String marker, List<String> seen)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunHandle handle = engine.start(request, new OutputListener() {
            @Override
            public synchronized void stdout(byte[] chunk) {
                out.writeBytes(chunk);
                String text = out.toString(StandardCharsets.UTF_8);
                if (text.contains(marker)) {
                    seen.add(text);
                    ready.countDown();
                }
            }
        });
        assertThat(ready.await(20, TimeUnit.SECONDS)).as("the run printed " + marker).isTrue();
        return handle;
    }

}
