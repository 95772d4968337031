package dev.sandlot.engine.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the classic-BPF seccomp program bubblewrap installs (--seccomp) just
 * before the sandbox init starts. It denies what a confined program never
 * needs and what has served to escape sandboxes: ptrace and cross-process
 * memory access, mount and the new mount API, bpf, perf, keyrings, io_uring,
 * new namespaces (unshare, setns, clone with CLONE_NEW*), sockets of any
 * family but AF_UNIX, terminal input injection (TIOCSTI), kernel modules,
 * kexec, reboot, swap, clock changes. Foreign ABIs (i386, x32) are killed or
 * refused so that no other syscall numbering can slip past the list.
 */
public final class SeccompProgram {

    private static final int LD_W_ABS = 0x20;
    private static final int JEQ_K = 0x15;
    private static final int JGE_K = 0x35;
    private static final int JSET_K = 0x45;
    private static final int RET_K = 0x06;

    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    private static final int EAFNOSUPPORT = 97;

    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;
    private static final int AF_UNIX = 1;
    private static final int TIOCSTI = 0x5412;
    private static final int TIOCLINUX = 0x541C;
    /** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET. */
    private static final int CLONE_NEW_NAMESPACES = 0x7E020000;

    private static final int X32_SYSCALL_BIT = 0x40000000;

    /** Syscalls refused with EPERM. */
    static final List<String> DENIED = List.of(
            "ptrace",
            "process_vm_readv",
            "process_vm_writev",
            "pidfd_getfd",
            "process_madvise",
            "mount",
            "umount2",
            "pivot_root",
            "chroot",
            "move_mount",
            "open_tree",
            "fsopen",
            "fsconfig",
            "fsmount",
            "fspick",
            "mount_setattr",
            "bpf",
            "perf_event_open",
            "userfaultfd",
            "keyctl",
            "add_key",
            "request_key",
            "unshare",
            "setns",
            "kexec_load",
            "kexec_file_load",
            "init_module",
            "finit_module",
            "delete_module",
            "reboot",
            "swapon",
            "swapoff",
            "syslog",
            "acct",
            "quotactl",
            "quotactl_fd",
            "lookup_dcookie",
            "name_to_handle_at",
            "open_by_handle_at",
            "fanotify_init",
            "settimeofday",
            "clock_settime",
            "clock_adjtime",
            "adjtimex",
            "sethostname",
            "setdomainname",
            "vhangup",
            "migrate_pages",
            "move_pages",
            "iopl",
            "ioperm",
            "uselib",
            "_sysctl",
            "nfsservctl",
            "create_module",
            "get_kernel_syms",
            "query_module");

    /** Syscalls refused with ENOSYS, so that libraries fall back to an older call. */
    static final List<String> UNAVAILABLE = List.of("io_uring_setup", "io_uring_enter", "io_uring_register", "clone3");

    /** An architecture: its audit id and syscall numbers. */
    record Arch(String name, int auditArch, boolean x32Bit, Map<String, Integer> numbers) {}

    static final Arch X86_64 = new Arch(
            "x86_64",
            0xc000003e,
            true,
            numbers(
                    "ptrace",
                    101,
                    "process_vm_readv",
                    310,
                    "process_vm_writev",
                    311,
                    "pidfd_getfd",
                    438,
                    "process_madvise",
                    440,
                    "mount",
                    165,
                    "umount2",
                    166,
                    "pivot_root",
                    155,
                    "chroot",
                    161,
                    "move_mount",
                    429,
                    "open_tree",
                    428,
                    "fsopen",
                    430,
                    "fsconfig",
                    431,
                    "fsmount",
                    432,
                    "fspick",
                    433,
                    "mount_setattr",
                    442,
                    "bpf",
                    321,
                    "perf_event_open",
                    298,
                    "userfaultfd",
                    323,
                    "keyctl",
                    250,
                    "add_key",
                    248,
                    "request_key",
                    249,
                    "unshare",
                    272,
                    "setns",
                    308,
                    "kexec_load",
                    246,
                    "kexec_file_load",
                    320,
                    "init_module",
                    175,
                    "finit_module",
                    313,
                    "delete_module",
                    176,
                    "reboot",
                    169,
                    "swapon",
                    167,
                    "swapoff",
                    168,
                    "syslog",
                    103,
                    "acct",
                    163,
                    "quotactl",
                    179,
                    "quotactl_fd",
                    443,
                    "lookup_dcookie",
                    212,
                    "name_to_handle_at",
                    303,
                    "open_by_handle_at",
                    304,
                    "fanotify_init",
                    300,
                    "settimeofday",
                    164,
                    "clock_settime",
                    227,
                    "clock_adjtime",
                    305,
                    "adjtimex",
                    159,
                    "sethostname",
                    170,
                    "setdomainname",
                    171,
                    "vhangup",
                    153,
                    "migrate_pages",
                    256,
                    "move_pages",
                    279,
                    "iopl",
                    172,
                    "ioperm",
                    173,
                    "uselib",
                    134,
                    "_sysctl",
                    156,
                    "nfsservctl",
                    180,
                    "create_module",
                    174,
                    "get_kernel_syms",
                    177,
                    "query_module",
                    178,
                    "io_uring_setup",
                    425,
                    "io_uring_enter",
                    426,
                    "io_uring_register",
                    427,
                    "clone3",
                    435,
                    "clone",
                    56,
                    "socket",
                    41,
                    "socketpair",
                    53,
                    "ioctl",
                    16));

    static final Arch AARCH64 = new Arch(
            "aarch64",
            0xc00000b7,
            false,
            numbers(
                    "ptrace",
                    117,
                    "process_vm_readv",
                    270,
                    "process_vm_writev",
                    271,
                    "pidfd_getfd",
                    438,
                    "process_madvise",
                    440,
                    "mount",
                    40,
                    "umount2",
                    39,
                    "pivot_root",
                    41,
                    "chroot",
                    51,
                    "move_mount",
                    429,
                    "open_tree",
                    428,
                    "fsopen",
                    430,
                    "fsconfig",
                    431,
                    "fsmount",
                    432,
                    "fspick",
                    433,
                    "mount_setattr",
                    442,
                    "bpf",
                    280,
                    "perf_event_open",
                    241,
                    "userfaultfd",
                    282,
                    "keyctl",
                    219,
                    "add_key",
                    217,
                    "request_key",
                    218,
                    "unshare",
                    97,
                    "setns",
                    268,
                    "kexec_load",
                    104,
                    "kexec_file_load",
                    294,
                    "init_module",
                    105,
                    "finit_module",
                    273,
                    "delete_module",
                    106,
                    "reboot",
                    142,
                    "swapon",
                    224,
                    "swapoff",
                    225,
                    "syslog",
                    116,
                    "acct",
                    89,
                    "quotactl",
                    60,
                    "quotactl_fd",
                    443,
                    "lookup_dcookie",
                    18,
                    "name_to_handle_at",
                    264,
                    "open_by_handle_at",
                    265,
                    "fanotify_init",
                    262,
                    "settimeofday",
                    170,
                    "clock_settime",
                    112,
                    "clock_adjtime",
                    266,
                    "adjtimex",
                    171,
                    "sethostname",
                    161,
                    "setdomainname",
                    162,
                    "vhangup",
                    58,
                    "migrate_pages",
                    238,
                    "move_pages",
                    239,
                    "nfsservctl",
                    42,
                    "io_uring_setup",
                    425,
                    "io_uring_enter",
                    426,
                    "io_uring_register",
                    427,
                    "clone3",
                    435,
                    "clone",
                    220,
                    "socket",
                    198,
                    "socketpair",
                    199,
                    "ioctl",
                    29));

    private final List<int[]> code = new ArrayList<>();

    private SeccompProgram() {}

    /** The architecture of this JVM, or null where no syscall table is known. */
    public static String hostArch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch64";
            default -> null;
        };
    }

    /** The filter for an architecture ("x86_64" or "aarch64") as bytes of struct sock_filter. */
    public static byte[] build(String archName) {
        Arch arch = switch (archName) {
            case "x86_64" -> X86_64;
            case "aarch64" -> AARCH64;
            default -> throw new IllegalArgumentException("no seccomp syscall table for " + archName);
        };
        return new SeccompProgram().compile(arch);
    }

    private byte[] compile(Arch arch) {
        op(LD_W_ABS, 0, 0, OFFSET_ARCH);
        op(JEQ_K, 1, 0, arch.auditArch());
        op(RET_K, 0, 0, RET_KILL_PROCESS);
        op(LD_W_ABS, 0, 0, OFFSET_NR);
        if (arch.x32Bit()) {
            op(JGE_K, 0, 1, X32_SYSCALL_BIT);
            op(RET_K, 0, 0, RET_ERRNO | ENOSYS);
        }
        for (String name : DENIED) {
            Integer nr = arch.numbers().get(name);
            if (nr != null) refuse(nr, EPERM);
        }
        for (String name : UNAVAILABLE) {
            refuse(arch.numbers().get(name), ENOSYS);
        }
        // clone: allow threads and processes, refuse any new namespace.
        op(JEQ_K, 0, 4, arch.numbers().get("clone"));
        op(LD_W_ABS, 0, 0, argLow(0));
        op(JSET_K, 0, 1, CLONE_NEW_NAMESPACES);
        op(RET_K, 0, 0, RET_ERRNO | EPERM);
        op(RET_K, 0, 0, RET_ALLOW);
        for (String name : List.of("socket", "socketpair")) {
            op(JEQ_K, 0, 4, arch.numbers().get(name));
            op(LD_W_ABS, 0, 0, argLow(0));
            op(JEQ_K, 0, 1, AF_UNIX);
            op(RET_K, 0, 0, RET_ALLOW);
            op(RET_K, 0, 0, RET_ERRNO | EAFNOSUPPORT);
        }
        // ioctl: the kernel truncates cmd to 32 bits, so the low word is the whole command.
        op(JEQ_K, 0, 5, arch.numbers().get("ioctl"));
        op(LD_W_ABS, 0, 0, argLow(1));
        op(JEQ_K, 2, 0, TIOCSTI);
        op(JEQ_K, 1, 0, TIOCLINUX);
        op(RET_K, 0, 0, RET_ALLOW);
        op(RET_K, 0, 0, RET_ERRNO | EPERM);
        op(RET_K, 0, 0, RET_ALLOW);

        ByteBuffer bytes = ByteBuffer.allocate(code.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] insn : code) {
            bytes.putShort((short) insn[0])
                    .put((byte) insn[1])
                    .put((byte) insn[2])
                    .putInt(insn[3]);
        }
        return bytes.array();
    }

    private void refuse(int nr, int errno) {
        op(JEQ_K, 0, 1, nr);
        op(RET_K, 0, 0, RET_ERRNO | errno);
    }

    private static int argLow(int index) {
        return 16 + 8 * index;
    }

    private void op(int opcode, int jt, int jf, int k) {
        code.add(new int[] {opcode, jt, jf, k});
    }

    private static Map<String, Integer> numbers(Object... pairs) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return map;
    }
}
