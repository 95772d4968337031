package dev.sandlot.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the filter the helper builds with libseccomp in a small BPF interpreter, so that
 * every jump and decision is checked without a kernel. Syscalls are named; their numbers
 * come from libseccomp, through the helper, for the architecture under test.
 */
class SeccompFilterTest {

    private static final int ALLOW = 0x7fff0000;

    private static final int KILL = 0x80000000;

    private static final int X86_64 = 0xc000003e;

    private static final int AARCH64 = 0xc00000b7;

    private static final int I386 = 0x40000003;

    private static Path helper;

    private static SeccompFilter.Export x86;

    private static SeccompFilter.Export arm;

    private static final Map<String, Integer> NUMBERS = new HashMap<>();

    @BeforeAll
    static void export() throws IOException, URISyntaxException {
        URL built = SeccompFilterTest.class.getResource("/dev/sandlot/engine/native/sandlot-helper");
        assertThat(built).as("the helper is built by the engine's generate-resources phase").isNotNull();
        helper = Path.of(built.toURI());
        x86 = SeccompFilter.export(helper, "x86_64");
        arm = SeccompFilter.export(helper, "aarch64");
    }

    private static int errno(int e) {
        return 0x00050000 | e;
    }

    /**
     * The number of a syscall on an architecture ("x86_64", "aarch64", "x86", "x32"),
     * negative if it has none.
     */
    static int number(String arch, String name) {
        return NUMBERS.computeIfAbsent(arch + " " + name, key -> {
            try {
                Process p = new ProcessBuilder(helper.toString(), "syscall-number", arch, name).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
                assertThat(p.waitFor()).as("syscall-number %s %s", arch, name).isZero();
                return Integer.parseInt(out);
            }
            catch (IOException e) {
                throw new IllegalStateException(e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static int nr(String arch, String name) {
        int nr = number(arch, name);
        assertThat(nr).as("%s has a number on %s", name, arch).isGreaterThanOrEqualTo(0);
        return nr;
    }

    /** Evaluates the filter for one syscall, as the kernel would. */
    static int evaluate(SeccompFilter.Export filter, int arch, int nr, long... args) {
        ByteBuffer code = ByteBuffer.wrap(filter.program()).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, nr).putInt(4, arch).putLong(8, 0);
        for (int i = 0; i < args.length; i++)
            data.putLong(16 + 8 * i, args[i]);
        int a = 0;
        int pc = 0;
        for (int steps = 0; steps < 100_000; steps++) {
            int op = code.getShort(pc * 8) & 0xffff;
            int jt = code.get(pc * 8 + 2) & 0xff;
            int jf = code.get(pc * 8 + 3) & 0xff;
            int k = code.getInt(pc * 8 + 4);
            switch (op) {
                case 0x20 -> { // ld [k]
                    a = data.getInt(k);
                    pc++;
                }
                case 0x00 -> { // ld #k
                    a = k;
                    pc++;
                }
                case 0x54 -> { // and #k
                    a &= k;
                    pc++;
                }
                case 0x05 -> pc += 1 + k; // ja
                case 0x15 -> pc += 1 + (a == k ? jt : jf);
                case 0x25 -> pc += 1 + (Integer.compareUnsigned(a, k) > 0 ? jt : jf);
                case 0x35 -> pc += 1 + (Integer.compareUnsigned(a, k) >= 0 ? jt : jf);
                case 0x45 -> pc += 1 + ((a & k) != 0 ? jt : jf);
                case 0x06 -> {
                    return k;
                }
                default -> throw new AssertionError("unexpected opcode " + op);
            }
        }
        throw new AssertionError("the program does not terminate");
    }

    private static int x86(String name, long... args) {
        return evaluate(x86, X86_64, nr("x86_64", name), args);
    }

    private static int arm(String name, long... args) {
        return evaluate(arm, AARCH64, nr("aarch64", name), args);
    }

    @Test
    void libseccompKnowsEveryNameOfThePolicy() {
        assertThat(x86.notes()).isEmpty();
        assertThat(arm.notes()).isEmpty();
    }

    @Test
    void ordinarySyscallsAreAllowed() {
        for (String name : List.of("read", "write", "open", "mmap", "fork", "execve", "exit_group", "exit")) {
            assertThat(x86(name)).as(name).isEqualTo(ALLOW);
        }
    }

    @Test
    void aForeignArchitectureIsKilled() {
        assertThat(evaluate(x86, I386, nr("x86", "getpid"))).isEqualTo(KILL); // i386
                                                                              // getpid
                                                                              // via int
                                                                              // 0x80
        assertThat(evaluate(arm, X86_64, nr("x86_64", "ptrace"))).isEqualTo(KILL);
    }

    @Test
    void x32SyscallsAreKilled() {
        int getpid = nr("x32", "getpid");
        assertThat(getpid & 0x40000000).as("x32 numbers carry __X32_SYSCALL_BIT").isNotZero();
        assertThat(evaluate(x86, X86_64, getpid)).isEqualTo(KILL);
    }

    @ParameterizedTest
    @ValueSource(strings = { "ptrace", "mount", "umount2", "unshare", "setns", "bpf", "keyctl", "perf_event_open",
            "process_vm_readv", "process_vm_writev", "pivot_root", "chroot", "kexec_load", "init_module",
            "finit_module", "reboot", "syslog", "open_by_handle_at", "userfaultfd", "pidfd_getfd", "fsopen",
            "move_mount", "clock_settime", "iopl" })
    void dangerousSyscallsAreRefusedWithEperm(String name) {
        assertThat(x86(name)).isEqualTo(errno(1));
        if (number("aarch64", name) >= 0)
            assertThat(arm(name)).isEqualTo(errno(1));
    }

    @Test
    void ioUringAndClone3AreUnavailable() {
        for (String name : List.of("io_uring_setup", "io_uring_enter", "io_uring_register", "clone3")) {
            assertThat(x86(name)).as(name).isEqualTo(errno(38));
            assertThat(arm(name)).as(name).isEqualTo(errno(38));
        }
    }

    @Test
    void cloneMakesThreadsAndProcessesButNoNamespaces() {
        long sigchld = 17;
        long threadFlags = 0x003d0f00L;
        assertThat(x86("clone", sigchld)).isEqualTo(ALLOW);
        assertThat(x86("clone", threadFlags)).isEqualTo(ALLOW);
        for (long ns : new long[] { 0x10000000L, 0x20000000L, 0x40000000L, 0x00020000L, 0x08000000L, 0x04000000L,
                0x02000000L }) {
            assertThat(x86("clone", sigchld | ns)).as("flag %x", ns).isEqualTo(errno(1));
            assertThat(x86("clone", 0x1_0000_0000L | sigchld | ns)).as("flag %x with high bits", ns)
                .isEqualTo(errno(1));
        }
    }

    @Test
    void onlyUnixSocketsMayBeCreated() {
        assertThat(x86("socket", 1, 1, 0)).isEqualTo(ALLOW);
        assertThat(x86("socketpair", 1, 1, 0)).isEqualTo(ALLOW);
        for (long family : new long[] { 0, 2, 3, 10, 16, 17, 0x80000001L, 0x100000001L, 0x100000002L }) {
            int expected = family == 0x100000001L ? ALLOW : errno(97); // the kernel reads
                                                                       // an int:
                                                                       // 0x1_00000001 is
                                                                       // AF_UNIX
            assertThat(x86("socket", family, 1, 0)).as("family %x", family).isEqualTo(expected);
            assertThat(x86("socketpair", family, 1, 0)).as("family %x", family).isEqualTo(expected);
        }
        assertThat(arm("socket", 2, 1, 0)).isEqualTo(errno(97));
        assertThat(arm("socket", 1, 1, 0)).isEqualTo(ALLOW);
    }

    @Test
    void installSandboxesMayAlsoCreateInetSocketsButNoOtherFamily() throws IOException {
        SeccompFilter.Export inet = SeccompFilter.exportLoopbackInet(helper, "x86_64");
        for (long family : new long[] { 1, 2, 10, 0x100000002L }) {
            assertThat(evaluate(inet, X86_64, nr("x86_64", "socket"), family, 1, 0)).as("family %x", family)
                .isEqualTo(ALLOW);
        }
        for (long family : new long[] { 0, 3, 9, 11, 15, 16, 17, 0x80000002L }) {
            assertThat(evaluate(inet, X86_64, nr("x86_64", "socket"), family, 1, 0)).as("family %x", family)
                .isEqualTo(errno(97));
            assertThat(evaluate(inet, X86_64, nr("x86_64", "socketpair"), family, 1, 0)).as("family %x", family)
                .isEqualTo(errno(97));
        }
        assertThat(evaluate(inet, X86_64, nr("x86_64", "ptrace"), 0)).isEqualTo(errno(1));
    }

    @Test
    void terminalInjectionIoctlsAreRefusedWhateverTheHighBits() {
        assertThat(x86("ioctl", 0, 0x5412)).isEqualTo(errno(1));
        assertThat(x86("ioctl", 0, 0x1_0000_5412L)).isEqualTo(errno(1));
        assertThat(x86("ioctl", 0, 0x541C)).isEqualTo(errno(1));
        assertThat(x86("ioctl", 0, 0x5401)).isEqualTo(ALLOW); // TCGETS
        assertThat(arm("ioctl", 0, 0x5412)).isEqualTo(errno(1));
    }

    @Test
    void aarch64TableRefusesTheSameCalls() {
        assertThat(arm("ptrace")).isEqualTo(errno(1));
        assertThat(arm("unshare")).isEqualTo(errno(1));
        assertThat(arm("clone", 0x10000000L)).isEqualTo(errno(1));
        assertThat(arm("read")).isEqualTo(ALLOW);
    }

    @Test
    void namesLibseccompDoesNotKnowHaveNoNumber() {
        assertThat(number("x86_64", "no_such_syscall")).isNegative();
        assertThat(number("aarch64", "iopl")).as("iopl exists only on x86").isNegative();
    }

}
