package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Escapes and leaks attempted from inside the sandbox, each shown to fail. */
@Tag("sandbox")
class SandboxAttackTest {

    @Test
    void cannotConnectToAPortOpenOnTheHostLoopback() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(300);
            RunResult r = TestEngine.run("python", """
                    import socket
                    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                    s.settimeout(2)
                    s.connect(('127.0.0.1', %d))
                    print('connected')
                    """.formatted(server.getLocalPort()));

            assertThat(r.status()).isEqualTo(Status.RUNTIME_ERROR);
            assertThat(r.stdoutText()).doesNotContain("connected");
            assertThat(r.stderrText()).contains("Address family not supported");
            assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void cannotReachAnOutsideAddress() {
        // 192.0.2.0/24 is reserved for documentation: nothing would answer even if a
        // packet left.
        RunResult r = TestEngine.run("python", """
                import socket
                for family, addr in ((socket.AF_INET, ('192.0.2.1', 80)), (socket.AF_INET6, ('2001:db8::1', 80))):
                    try:
                        socket.socket(family, socket.SOCK_STREAM).connect(addr)
                        print('connected', addr)
                    except OSError as e:
                        print('refused', e.errno)
                """);

        assertThat(r.stdoutText()).isEqualTo("refused 97\nrefused 97\n");
    }

    @Test
    void rawNetlinkAndPacketSocketsAreRefusedButUnixSocketsWork() {
        String code = """
                #include <stdio.h>
                #include <sys/socket.h>
                #include <linux/netlink.h>
                int main(void) {
                    printf("inet=%d netlink=%d packet=%d inet6udp=%d\\n",
                        socket(AF_INET, SOCK_RAW, 1) >= 0, socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) >= 0,
                        socket(17, SOCK_RAW, 0) >= 0, socket(AF_INET6, SOCK_DGRAM, 0) >= 0);
                    int pair[2];
                    printf("unix=%d\\n", socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0);
                    return 0;
                }
                """;
        RunResult r = TestEngine.run("c", code);

        assertThat(r.stdoutText()).isEqualTo("inet=0 netlink=0 packet=0 inet6udp=0\nunix=1\n");
    }

    @Test
    void hostSecretsAndTheServersFilesAreNotVisible() {
        String dataDir = TestEngine.get().config().dataDir().toString();
        String projectDir = System.getProperty("user.dir");
        List<String> paths = List.of("/etc/shadow", "/root", "/home", dataDir, projectDir, "/var/lib", "/run", "/sys",
                "/boot");
        RunResult r = TestEngine.run("python", """
                import os
                for path in ['/etc/shadow', '/root', '/home', '%s', '%s', '/var/lib', '/run', '/sys', '/boot']:
                    print(path, os.path.exists(path))
                """.formatted(dataDir, projectDir));

        // One line per path, each saying it is not there: an empty or cut-short output
        // fails.
        assertThat(r.status()).as(r.stderrText()).isEqualTo(Status.OK);
        assertThat(r.stdoutText().lines())
            .containsExactlyElementsOf(paths.stream().map(path -> path + " False").toList());
    }

    @Test
    void theSystemIsReadOnly() {
        RunResult r = TestEngine.run("python", """
                import errno
                for path in ['/usr/bin/sandlot-was-here', '/etc/passwd', '/etc/hosts', '/.sandlot/init', '/sandlot']:
                    try:
                        open(path, 'w').close()
                        print('wrote', path)
                    except OSError as e:
                        print('refused', path, errno.errorcode[e.errno])
                """);

        // Every write was tried and refused by a read-only file system: an empty or
        // cut-short output fails.
        assertThat(r.status()).as(r.stderrText()).isEqualTo(Status.OK);
        assertThat(r.stdoutText()).isEqualTo("""
                refused /usr/bin/sandlot-was-here EROFS
                refused /etc/passwd EROFS
                refused /etc/hosts EROFS
                refused /.sandlot/init EROFS
                refused /sandlot EROFS
                """);
    }

    @Test
    void symlinksOutOfTheWorkspaceOnlyReachTheSandboxsOwnView() {
        RunResult r = TestEngine.run("python", """
                import os
                os.symlink('/', 'root-link')
                os.symlink('/etc/shadow', 'shadow-link')
                os.symlink('../../../../root', 'up-link')
                print(sorted(os.listdir('root-link')))
                for link in ['shadow-link', 'up-link']:
                    print(link, os.path.exists(link))
                """);

        assertThat(r.stdoutText()).contains("shadow-link False\n", "up-link False\n");
        assertThat(r.stdoutText()).doesNotContain("'root'", "'home'", "'var'");
    }

    @Test
    void anotherRunsWorkspaceIsNotVisible() throws Exception {
        Engine engine = TestEngine.get();
        CountDownLatch ready = new CountDownLatch(1);
        RunHandle holder = engine.start(RunRequest.builder("python").file("main.py", """
                import sys
                open('secret.txt', 'w').write('sandlot-secret-4711')
                print('ready', flush=True)
                sys.stdin.read()
                """).build(), new OutputListener() {
            @Override
            public void stdout(byte[] chunk) {
                if (new String(chunk, StandardCharsets.UTF_8).contains("ready"))
                    ready.countDown();
            }
        });
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();

        RunResult seeker = TestEngine.run("python", """
                import os
                needle = b'sandlot-secret-' + b'4711'
                found = []
                for root, dirs, files in os.walk('/'):
                    if root.startswith(('/proc', '/usr', '/dev')):
                        dirs[:] = []
                        continue
                    for name in files:
                        try:
                            if needle in open(os.path.join(root, name), 'rb').read(1 << 20):
                                found.append(os.path.join(root, name))
                        except OSError:
                            pass
                print(found)
                """);
        holder.closeStdin();

        assertThat(seeker.stdoutText()).isEqualTo("[]\n");
        assertThat(holder.await().status()).isEqualTo(Status.OK);
    }

    @Test
    void ptraceUnshareMountAndFriendsAreDenied() {
        RunResult r = TestEngine.run("python", """
                import ctypes
                libc = ctypes.CDLL(None, use_errno=True)
                def call(name, *args):
                    rc = getattr(libc, name)(*args)
                    print(name, rc, ctypes.get_errno())
                call('ptrace', 0, 0, 0, 0)                 # PTRACE_TRACEME
                call('unshare', 0x10000000)                # CLONE_NEWUSER
                call('unshare', 0x00020000)                # CLONE_NEWNS
                call('mount', b'none', b'/tmp', b'tmpfs', 0, None)
                call('syscall', 425, 8, None)              # io_uring_setup
                call('syscall', 321, 0, None, 0)           # bpf
                call('syscall', 250, 0, 0, 0, 0, 0)        # keyctl
                call('syscall', 298, None, 0, -1, -1, 0)   # perf_event_open
                """);

        assertThat(r.stdoutText()).isEqualTo("""
                ptrace -1 1
                unshare -1 1
                unshare -1 1
                mount -1 1
                syscall -1 38
                syscall -1 1
                syscall -1 1
                syscall -1 1
                """);
    }

    @Test
    void newNamespacesCannotBeCreatedWithTheUnshareCommand() {
        RunResult r = TestEngine.run("bash", "unshare --user --map-root-user id -u; echo rc=$?");

        assertThat(r.stdoutText()).contains("rc=1").doesNotContain("\n0\n");
    }

    @Test
    void procShowsOnlyTheSandboxsOwnProcesses() {
        RunResult r = TestEngine.run("python", """
                import os
                print(sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))
                print(open('/proc/1/cmdline').read().replace('\\0', ' ').strip())
                """);

        assertThat(r.stdoutText()).isEqualTo("[1, 2]\n/.sandlot/init\n");
    }

    @Test
    void theSandboxInitCanBeNeitherKilledNorInspected() {
        RunResult r = TestEngine.run("python", """
                import os, signal
                os.kill(1, signal.SIGKILL)
                for path in ['/proc/1/environ', '/proc/1/mem', '/proc/1/fd']:
                    try:
                        os.listdir(path) if path.endswith('fd') else open(path, 'rb').read(1)
                        print('read', path)
                    except OSError as e:
                        print('refused', e.errno)
                print('still running')
                """);

        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.stdoutText()).isEqualTo("refused 13\nrefused 13\nrefused 13\nstill running\n");
    }

    @Test
    void runsWithoutPrivilegesAndWithANeutralEnvironment() {
        RunResult r = TestEngine.run("python",
                """
                        import os, socket
                        status = dict(line.split(':\\t', 1) for line in open('/proc/self/status').read().splitlines() if ':\\t' in line)
                        print(os.getuid(), os.getgid(), os.getgroups())
                        print(status['CapEff'].strip(), status['NoNewPrivs'].strip(), status['Seccomp'].strip())
                        print(socket.gethostname())
                        print(sorted(os.environ))
                        try:
                            os.setuid(0)
                            print('became root')
                        except OSError:
                            print('setuid refused')
                        """);

        assertThat(r.stdoutText()).isEqualTo(
                """
                        1000 1000 []
                        0000000000000000 1 2
                        sandlot
                        ['HOME', 'LANG', 'LOGNAME', 'MPLBACKEND', 'MPLCONFIGDIR', 'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'PATH', 'PWD', 'PYTHONDONTWRITEBYTECODE', 'PYTHONIOENCODING', 'PYTHONPATH', 'PYTHONUNBUFFERED', 'SANDLOT_OUTPUT', 'TMPDIR', 'USER']
                        setuid refused
                        """);
    }

    @Test
    void theProgramIsNotRootOnTheHostEither() throws Exception {
        Engine engine = TestEngine.isolated();
        CountDownLatch ready = new CountDownLatch(1);
        RunHandle run = engine.start(
                RunRequest.builder("python").file("main.py", "print('up', flush=True)\ninput()").build(),
                new OutputListener() {
                    @Override
                    public void stdout(byte[] chunk) {
                        ready.countDown();
                    }
                });
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();

        List<Path> cgroups = HostProcesses.runCgroupsOfIsolatedEngine();
        List<Long> pids = new ArrayList<>();
        for (Path cgroup : cgroups) {
            if (cgroup.toString().contains("/pids/")) {
                Files.readAllLines(cgroup.resolve("cgroup.procs")).forEach(p -> pids.add(Long.parseLong(p)));
            }
        }
        List<Long> sandboxUidProcesses = HostProcesses.ofIsolatedSandboxes();
        run.closeStdin();
        run.await();
        assertThat(engine.awaitQuiescence(Duration.ofSeconds(5))).isTrue();

        assertThat(pids).hasSizeGreaterThanOrEqualTo(3); // bwrap, the init, python
        assertThat(sandboxUidProcesses).containsAll(pids);
    }

    @Test
    void terminalInputInjectionIsDenied() {
        RunResult r = TestEngine.run("python", """
                import fcntl, termios
                try:
                    fcntl.ioctl(0, termios.TIOCSTI, b'x')
                    print('injected')
                except OSError as e:
                    print('refused', e.errno)
                """);

        assertThat(r.stdoutText()).isEqualTo("refused 1\n");
    }

    @Test
    void foreignSyscallAbiKillsTheProgram() {
        // A 32-bit int 0x80 syscall would be checked against the wrong numbers, so the
        // filter kills it.
        RunResult r = TestEngine.run("c", """
                #include <stdio.h>
                int main(void) {
                    long ret;
                    __asm__ volatile ("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
                    printf("survived %ld\\n", ret);
                    return 0;
                }
                """);

        assertThat(r.status()).isEqualTo(Status.KILLED);
        assertThat(r.run().signalName()).isEqualTo("SIGSYS");
        assertThat(r.stdoutText()).isEmpty();
    }

    @Test
    void x32SyscallAbiKillsTheProgram() {
        // x32 numbers carry bit 30 and share x86_64's audit arch; libseccomp treats them
        // as a foreign ABI.
        RunResult r = TestEngine.run("c", """
                #include <stdio.h>
                #include <unistd.h>
                #include <sys/syscall.h>
                int main(void) {
                    long ret = syscall(0x40000000L | SYS_getpid);
                    printf("survived %ld\\n", ret);
                    return 0;
                }
                """);

        assertThat(r.status()).isEqualTo(Status.KILLED);
        assertThat(r.run().signalName()).isEqualTo("SIGSYS");
        assertThat(r.stdoutText()).isEmpty();
    }

    @Test
    void abstractUnixSocketsOfAnotherRunAreUnreachable() throws Exception {
        Engine engine = TestEngine.get();
        CountDownLatch listening = new CountDownLatch(1);
        RunHandle server = engine.start(RunRequest.builder("python").file("main.py", """
                import socket
                s = socket.socket(socket.AF_UNIX)
                s.bind('\\0sandlot-abstract-test')
                s.listen()
                print('listening', flush=True)
                input()
                """).build(), new OutputListener() {
            @Override
            public void stdout(byte[] chunk) {
                listening.countDown();
            }
        });
        assertThat(listening.await(10, TimeUnit.SECONDS)).isTrue();

        RunResult client = TestEngine.run("python", """
                import socket
                s = socket.socket(socket.AF_UNIX)
                try:
                    s.connect('\\0sandlot-abstract-test')
                    print('connected')
                except OSError as e:
                    print('refused', e.errno)
                """);
        server.closeStdin();
        server.await();

        assertThat(client.stdoutText()).isEqualTo("refused 111\n");
    }

    @Test
    void aCompilerCannotIncludeHostFiles() {
        RunResult r = TestEngine.run("c", "#include \"/etc/shadow\"\nint main(void) { return 0; }\n");

        assertThat(r.status()).isEqualTo(Status.COMPILE_ERROR);
        assertThat(r.compile().stderrText()).contains("No such file or directory");
    }

    @Test
    void binaryOutputOfTheSandboxIsKeptExactly() {
        RunResult r = TestEngine.run("python", "import sys\nsys.stdout.buffer.write(bytes(range(256)) * 3)\n");

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            for (int b = 0; b < 256; b++)
                expected.write(b);
        }
        assertThat(r.run().stdout()).isEqualTo(expected.toByteArray());
    }

}
