/*
 * seccomp: the syscall filter bubblewrap installs (bwrap --seccomp 3) just
 * before the init starts, built with libseccomp from syscall names; no
 * syscall number is written here. The policy is static, so the engine asks
 * for it once, at start ("sandlot-helper seccomp-export" writes the classic
 * BPF program to stdout), and launch hands the file to bwrap on fd 3.
 *
 * It denies what a confined program never needs and what has served to
 * escape sandboxes: ptrace and cross-process memory access, mount and the
 * new mount API, bpf, perf, keyrings, io_uring, new namespaces (unshare,
 * setns, clone with CLONE_NEW*), sockets of any family but AF_UNIX, terminal
 * input injection (TIOCSTI, TIOCLINUX), kernel modules, kexec, reboot, swap,
 * clock changes. Everything else is allowed. The filter is for the native
 * architecture only: a syscall of any other ABI (i386 through int 0x80, x32
 * on x86_64) is libseccomp's "bad architecture" and kills the process, so no
 * other syscall numbering can slip past the names.
 *
 * With --loopback-inet (install sandboxes only) AF_INET and AF_INET6 sockets
 * are allowed too: pip and npm reach the forwarder (forward.c) on 127.0.0.1.
 * Their network namespace has nothing but loopback, so no packet can leave.
 *
 * A name this libseccomp does not know is skipped with a note on stderr
 * (the engine logs it); a name that exists only on other architectures
 * (iopl on aarch64) is skipped by libseccomp itself.
 */
#include "sandlot-helper.h"

#include <errno.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/utsname.h>

/* Refused with EPERM. */
static const char *const denied[] = {
    "ptrace", "process_vm_readv", "process_vm_writev", "pidfd_getfd", "process_madvise",
    "mount", "umount2", "pivot_root", "chroot", "move_mount", "open_tree", "fsopen", "fsconfig", "fsmount",
    "fspick", "mount_setattr",
    "bpf", "perf_event_open", "userfaultfd",
    "keyctl", "add_key", "request_key",
    "unshare", "setns",
    "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
    "reboot", "swapon", "swapoff", "syslog", "acct", "quotactl", "quotactl_fd", "lookup_dcookie",
    "name_to_handle_at", "open_by_handle_at", "fanotify_init",
    "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "sethostname", "setdomainname",
    "vhangup", "migrate_pages", "move_pages", "iopl", "ioperm", "uselib",
    "_sysctl", "nfsservctl", "create_module", "get_kernel_syms", "query_module",
};

/* Refused with ENOSYS, so that libraries fall back to an older call (io_uring to read/write, clone3 to clone). */
static const char *const unavailable[] = {"io_uring_setup", "io_uring_enter", "io_uring_register", "clone3"};

/* The clone flags that make a new namespace; clone may make threads and processes, nothing else. */
static const uint32_t namespace_flags[] = {
    CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET,
};

/* Terminal ioctls that push input into, or take over, a terminal someone else reads. */
static const uint32_t injection_ioctls[] = {TIOCSTI, TIOCLINUX};

/*
 * Architectures whose argument positions this policy was checked against:
 * clone's flags are its first argument there (not the second, as on s390).
 */
static const char *const checked_arches[] = {"x86_64", "aarch64"};

_Static_assert(AF_UNIX == 1 && AF_INET == 2 && AF_INET6 == 10, "the socket rules assume these family numbers");

/* Adds a rule for a syscall by name; 0 when added or skipped, -1 (after a note) on failure. */
static int rule(scmp_filter_ctx ctx, uint32_t action, const char *name, unsigned n, const struct scmp_arg_cmp *cmp) {
    int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR) {
        fprintf(stderr, "%s: libseccomp does not know the syscall %s: it is not filtered\n", mode_name, name);
        return 0;
    }
    int r = seccomp_rule_add_array(ctx, action, nr, n, cmp);
    if (r != 0) fprintf(stderr, "%s: rule for %s: %s\n", mode_name, name, strerror(-r));
    return r == 0 ? 0 : -1;
}

/*
 * The kernel reads an int (socket's family) or an unsigned int (ioctl's
 * command, clone's flags in the low word) from a 64-bit register, so these
 * rules compare the low 32 bits only: a masked comparison whose mask has no
 * high bits leaves the high word out, and 0x1_00005412 is still TIOCSTI.
 */
static struct scmp_arg_cmp low_bits(unsigned arg, uint32_t mask, uint32_t value) {
    return (struct scmp_arg_cmp){.arg = arg, .op = SCMP_CMP_MASKED_EQ, .datum_a = mask, .datum_b = value};
}

static int add_policy(scmp_filter_ctx ctx, int inet) {
    int bad = 0;
    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++)
        bad |= rule(ctx, SCMP_ACT_ERRNO(EPERM), denied[i], 0, NULL);
    for (size_t i = 0; i < sizeof unavailable / sizeof unavailable[0]; i++)
        bad |= rule(ctx, SCMP_ACT_ERRNO(ENOSYS), unavailable[i], 0, NULL);
    for (size_t i = 0; i < sizeof namespace_flags / sizeof namespace_flags[0]; i++) {
        struct scmp_arg_cmp flag = low_bits(0, namespace_flags[i], namespace_flags[i]);
        bad |= rule(ctx, SCMP_ACT_ERRNO(EPERM), "clone", 1, &flag);
    }
    static const char *const sockets[] = {"socket", "socketpair"};
    for (size_t i = 0; i < sizeof sockets / sizeof sockets[0]; i++) {
        if (!inet) {
            /* AF_UNIX (1) only. A family other than 1 is 0 or has a bit above bit 0. */
            struct scmp_arg_cmp unspec = low_bits(0, UINT32_MAX, 0);
            bad |= rule(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), sockets[i], 1, &unspec);
            for (unsigned bit = 1; bit < 32; bit++) {
                struct scmp_arg_cmp high = low_bits(0, UINT32_C(1) << bit, UINT32_C(1) << bit);
                bad |= rule(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), sockets[i], 1, &high);
            }
            continue;
        }
        /* AF_UNIX (1), AF_INET (2) and AF_INET6 (10) only: any bit from 4 up, or any other value below 16. */
        for (unsigned bit = 4; bit < 32; bit++) {
            struct scmp_arg_cmp high = low_bits(0, UINT32_C(1) << bit, UINT32_C(1) << bit);
            bad |= rule(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), sockets[i], 1, &high);
        }
        for (uint32_t family = 0; family < 16; family++) {
            if (family == AF_UNIX || family == AF_INET || family == AF_INET6) continue;
            struct scmp_arg_cmp other = low_bits(0, UINT32_MAX, family);
            bad |= rule(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), sockets[i], 1, &other);
        }
    }
    for (size_t i = 0; i < sizeof injection_ioctls / sizeof injection_ioctls[0]; i++) {
        struct scmp_arg_cmp cmd = low_bits(1, UINT32_MAX, injection_ioctls[i]);
        bad |= rule(ctx, SCMP_ACT_ERRNO(EPERM), "ioctl", 1, &cmd);
    }
    return bad;
}

/* The libseccomp token of an architecture name, native when NULL; 0 if unknown or unchecked. */
static uint32_t checked_arch(const char *name) {
    uint32_t token = name ? seccomp_arch_resolve_name(name) : seccomp_arch_native();
    for (size_t i = 0; i < sizeof checked_arches / sizeof checked_arches[0]; i++)
        if (token != 0 && token == seccomp_arch_resolve_name(checked_arches[i])) return token;
    return 0;
}

/* seccomp-export [--arch NAME] [--loopback-inet]: the filter for the native (or the named) architecture, as BPF on stdout. */
int seccomp_export(int argc, char **argv) {
    mode_name = "sandlot-helper seccomp-export";
    const char *arch_name = NULL;
    int inet = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--arch") == 0 && i + 1 < argc) arch_name = argv[++i];
        else if (strcmp(argv[i], "--loopback-inet") == 0) inet = 1;
        else die("usage: sandlot-helper seccomp-export [--arch x86_64|aarch64] [--loopback-inet]");
    }
    uint32_t arch = checked_arch(arch_name);
    if (arch == 0) {
        struct utsname host;
        const char *name = arch_name ? arch_name : uname(&host) == 0 ? host.machine : "of this host";
        die("no seccomp policy for the CPU architecture %s: it is written for x86_64 and aarch64", name);
    }
    /* Only exported, for the kernel bwrap runs on; KILL_PROCESS (Linux 4.14) is needed as before. */
    if (seccomp_api_get() < 3 && seccomp_api_set(3) != 0) die("libseccomp refuses API level 3");
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx) die("seccomp_init failed");
    int r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
    if (r == 0 && arch != seccomp_arch_native()) {
        r = seccomp_arch_add(ctx, arch);
        if (r == 0) r = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
    }
    if (r != 0) die("setting up the filter: %s", strerror(-r));
    if (add_policy(ctx, inet) != 0) die("the policy could not be built");
    r = seccomp_export_bpf(ctx, 1);
    if (r != 0) die("seccomp_export_bpf: %s", strerror(-r));
    seccomp_release(ctx);
    return 0;
}

/* syscall-number ARCH NAME...: each name's number on ARCH, one a line; negative where there is none. */
int syscall_number(int argc, char **argv) {
    mode_name = "sandlot-helper syscall-number";
    if (argc < 3) die("usage: sandlot-helper syscall-number ARCH NAME...");
    uint32_t arch = seccomp_arch_resolve_name(argv[2]);
    if (arch == 0) die("libseccomp does not know the architecture %s", argv[2]);
    for (int i = 3; i < argc; i++) printf("%d\n", seccomp_syscall_resolve_name_arch(arch, argv[i]));
    return fflush(stdout) == 0 ? 0 : 1;
}
