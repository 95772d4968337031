package dev.sandlot.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the generated BPF program in a small interpreter, so that every jump
 * offset and decision is checked without a kernel.
 */
class SeccompProgramTest {

    private static final int ALLOW = 0x7fff0000;
    private static final int KILL = 0x80000000;
    private static final int X86_64 = 0xc000003e;
    private static final int AARCH64 = 0xc00000b7;

    private static int errno(int e) {
        return 0x00050000 | e;
    }

    /** Evaluates the filter for one syscall, as the kernel would. */
    static int evaluate(byte[] program, int arch, int nr, long... args) {
        ByteBuffer code = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, nr).putInt(4, arch).putLong(8, 0);
        for (int i = 0; i < args.length; i++) data.putLong(16 + 8 * i, args[i]);
        int a = 0;
        int pc = 0;
        for (int steps = 0; steps < 10_000; steps++) {
            int op = code.getShort(pc * 8) & 0xffff;
            int jt = code.get(pc * 8 + 2) & 0xff;
            int jf = code.get(pc * 8 + 3) & 0xff;
            int k = code.getInt(pc * 8 + 4);
            switch (op) {
                case 0x20 -> {
                    a = data.getInt(k);
                    pc++;
                }
                case 0x15 -> pc += 1 + (a == k ? jt : jf);
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

    private final byte[] x86 = SeccompProgram.build("x86_64");
    private final byte[] arm = SeccompProgram.build("aarch64");

    @Test
    void ordinarySyscallsAreAllowed() {
        for (int nr : new int[] {0, 1, 2, 9, 57, 59, 231, 60}) {
            assertThat(evaluate(x86, X86_64, nr)).as("nr %d", nr).isEqualTo(ALLOW);
        }
    }

    @Test
    void aForeignArchitectureIsKilled() {
        assertThat(evaluate(x86, 0x40000003, 20)).isEqualTo(KILL); // i386 getpid via int 0x80
        assertThat(evaluate(arm, X86_64, 101)).isEqualTo(KILL);
    }

    @Test
    void x32SyscallsAreRefused() {
        assertThat(evaluate(x86, X86_64, 0x40000000 | 39)).isEqualTo(errno(38));
    }

    @ParameterizedTest
    @ValueSource(
            ints = {101, 165, 166, 272, 308, 321, 250, 298, 310, 311, 155, 161, 246, 175, 313, 169, 103, 304, 323, 438})
    void dangerousSyscallsAreRefusedWithEperm(int nr) {
        assertThat(evaluate(x86, X86_64, nr)).isEqualTo(errno(1));
    }

    @Test
    void ioUringAndClone3AreUnavailable() {
        for (int nr : new int[] {425, 426, 427, 435}) {
            assertThat(evaluate(x86, X86_64, nr)).isEqualTo(errno(38));
        }
    }

    @Test
    void cloneMakesThreadsAndProcessesButNoNamespaces() {
        long sigchld = 17;
        long threadFlags = 0x003d0f00L;
        assertThat(evaluate(x86, X86_64, 56, sigchld)).isEqualTo(ALLOW);
        assertThat(evaluate(x86, X86_64, 56, threadFlags)).isEqualTo(ALLOW);
        for (long ns :
                new long[] {0x10000000L, 0x20000000L, 0x40000000L, 0x00020000L, 0x08000000L, 0x04000000L, 0x02000000L
                }) {
            assertThat(evaluate(x86, X86_64, 56, sigchld | ns))
                    .as("flag %x", ns)
                    .isEqualTo(errno(1));
        }
    }

    @Test
    void onlyUnixSocketsMayBeCreated() {
        assertThat(evaluate(x86, X86_64, 41, 1, 1, 0)).isEqualTo(ALLOW);
        assertThat(evaluate(x86, X86_64, 53, 1, 1, 0)).isEqualTo(ALLOW);
        for (long family : new long[] {2, 10, 16, 17, 0x100000001L}) {
            int expected =
                    family == 0x100000001L ? ALLOW : errno(97); // the kernel reads an int: 0x1_00000001 is AF_UNIX
            assertThat(evaluate(x86, X86_64, 41, family, 1, 0))
                    .as("family %x", family)
                    .isEqualTo(expected);
        }
        assertThat(evaluate(arm, AARCH64, 198, 2, 1, 0)).isEqualTo(errno(97));
    }

    @Test
    void terminalInjectionIoctlsAreRefusedWhateverTheHighBits() {
        assertThat(evaluate(x86, X86_64, 16, 0, 0x5412)).isEqualTo(errno(1));
        assertThat(evaluate(x86, X86_64, 16, 0, 0x1_0000_5412L)).isEqualTo(errno(1));
        assertThat(evaluate(x86, X86_64, 16, 0, 0x541C)).isEqualTo(errno(1));
        assertThat(evaluate(x86, X86_64, 16, 0, 0x5401)).isEqualTo(ALLOW); // TCGETS
    }

    @Test
    void aarch64TableRefusesTheSameCalls() {
        assertThat(evaluate(arm, AARCH64, 117)).isEqualTo(errno(1)); // ptrace
        assertThat(evaluate(arm, AARCH64, 97)).isEqualTo(errno(1)); // unshare
        assertThat(evaluate(arm, AARCH64, 220, 0x10000000L)).isEqualTo(errno(1));
        assertThat(evaluate(arm, AARCH64, 63)).isEqualTo(ALLOW); // read
    }
}
