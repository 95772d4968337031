/* launch: outside the sandbox, as root, up to the exec of bubblewrap (see sandlot-helper.c). */
#include "sandlot-helper.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static int parse_rlimit_name(const char *name) {
    static const struct { const char *name; int resource; } names[] = {
        {"core", RLIMIT_CORE}, {"cpu", RLIMIT_CPU}, {"fsize", RLIMIT_FSIZE},
        {"nofile", RLIMIT_NOFILE}, {"stack", RLIMIT_STACK}, {"nproc", RLIMIT_NPROC},
        {"as", RLIMIT_AS}, {"memlock", RLIMIT_MEMLOCK}, {"msgqueue", RLIMIT_MSGQUEUE},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].name, name) == 0) return names[i].resource;
    return -1;
}

static void move_fd(int from, int to) {
    if (from == to) return;
    if (dup2(from, to) < 0) die("dup2: %s", strerror(errno));
    close(from);
}


#define MAX_OVERLAYS 32

struct overlay { const char *src, *dest; };

/*
 * Private inodes for everything the sandbox shares with the host and with
 * other sandboxes. In a mount namespace of its own, each read-only directory
 * the sandbox sees (/usr, /etc, the runtime files, a cached build) is
 * replaced by an overlay of itself. An overlay has inodes of its own, so a
 * flock, a POSIX lock, a lease or an inotify watch taken through it is seen
 * by nobody outside this sandbox, and it sees nobody else's. The device nodes
 * bwrap binds into /dev are made afresh for the same reason. The namespace,
 * and every mount in it, ends with the last process of the sandbox.
 */
static void private_mounts(struct overlay *overlays, int n, const char *empty, const char *devices) {
    if (unshare(CLONE_NEWNS) != 0) die("unshare(CLONE_NEWNS): %s", strerror(errno));
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) die("making mounts private: %s", strerror(errno));
    for (int i = 0; i < n; i++) {
        char options[8192];
        int len = snprintf(options, sizeof options, "lowerdir=%s:%s", overlays[i].src, empty);
        if (len < 0 || (size_t) len >= sizeof options || strpbrk(overlays[i].src, ":,\\"))
            die("cannot overlay %s: unusable path", overlays[i].src);
        if (mount("overlay", overlays[i].dest, "overlay", MS_RDONLY | MS_NOSUID | MS_NODEV, options) != 0)
            die("overlay of %s on %s: %s", overlays[i].src, overlays[i].dest, strerror(errno));
    }
    if (!devices) return;
    if (mount("tmpfs", devices, "tmpfs", MS_NOSUID | MS_NOEXEC, "size=64k,mode=0755") != 0)
        die("tmpfs on %s: %s", devices, strerror(errno));
    static const struct { const char *name; unsigned major, minor; } nodes[] = {
        {"null", 1, 3}, {"zero", 1, 5}, {"full", 1, 7}, {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0},
    };
    for (size_t i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
        char fresh[4096], host[64];
        snprintf(fresh, sizeof fresh, "%s/%s", devices, nodes[i].name);
        snprintf(host, sizeof host, "/dev/%s", nodes[i].name);
        if (mknod(fresh, S_IFCHR | 0666, makedev(nodes[i].major, nodes[i].minor)) != 0 || chmod(fresh, 0666) != 0)
            die("mknod %s: %s", fresh, strerror(errno));
        if (mount(fresh, host, NULL, MS_BIND, NULL) != 0) die("bind %s on %s: %s", fresh, host, strerror(errno));
    }
}

static int open_output(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) die("cannot open %s: %s", path, strerror(errno));
    return fd;
}

int launch(int argc, char **argv) {
    mode_name = "sandlot-helper launch";
    uid_t uid = 0;
    gid_t gid = 0;
    const char *seccomp = NULL, *status = NULL, *artifacts = NULL, *empty = NULL, *devices = NULL;
    struct overlay overlays[MAX_OVERLAYS];
    int noverlays = 0, private_ns = 0;
    int i = 2;
    int have_uid = 0, have_gid = 0;

    if (getuid() != 0 || geteuid() != 0) die("must run as root to confine and drop privileges");

    /* Cgroups first: every later step, and everything the sandbox starts, is charged. */
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *opt = argv[i];
        if (strcmp(opt, "--private-mounts") == 0) { private_ns = 1; continue; }
        if (i + 1 >= argc) die("option %s needs a value", opt);
        const char *val = argv[++i];
        if (strcmp(opt, "--uid") == 0) { uid = (uid_t) strtoul(val, NULL, 10); have_uid = 1; }
        else if (strcmp(opt, "--gid") == 0) { gid = (gid_t) strtoul(val, NULL, 10); have_gid = 1; }
        else if (strcmp(opt, "--seccomp") == 0) seccomp = val;
        else if (strcmp(opt, "--status") == 0) status = val;
        else if (strcmp(opt, "--artifacts") == 0) artifacts = val;
        else if (strcmp(opt, "--empty") == 0) empty = val;
        else if (strcmp(opt, "--devices") == 0) devices = val;
        else if (strcmp(opt, "--overlay") == 0) {
            if (i + 1 >= argc || noverlays >= MAX_OVERLAYS) die("--overlay needs a source and a destination");
            overlays[noverlays].src = val;
            overlays[noverlays++].dest = argv[++i];
        } else if (strcmp(opt, "--cgroup") == 0) {
            int fd = open(val, O_WRONLY | O_CLOEXEC);
            if (fd < 0) die("cannot open %s: %s", val, strerror(errno));
            char pid[32];
            int n = snprintf(pid, sizeof pid, "%d\n", (int) getpid());
            if (write(fd, pid, (size_t) n) != n) die("cannot join cgroup %s: %s", val, strerror(errno));
            close(fd);
        } else if (strcmp(opt, "--rlimit") == 0) {
            char name[32];
            unsigned long long soft, hard;
            if (sscanf(val, "%31[a-z]=%llu:%llu", name, &soft, &hard) != 3) die("bad rlimit %s", val);
            int resource = parse_rlimit_name(name);
            if (resource < 0) die("unknown rlimit %s", name);
            struct rlimit rl = {(rlim_t) soft, (rlim_t) hard};
            if (setrlimit(resource, &rl) != 0) die("setrlimit %s: %s", name, strerror(errno));
        } else die("unknown option %s", opt);
    }
    if (i >= argc - 1) die("missing -- and the bubblewrap command");
    if (!have_uid || !have_gid || uid == 0 || gid == 0) die("a non-root --uid and --gid are required");
    if (!seccomp || !status) die("--seccomp and --status are required");
    if (private_ns && !empty && noverlays > 0) die("--overlay needs --empty");

    /* Opened before the mounts change what the paths lead to. */
    int seccomp_fd = open(seccomp, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (seccomp_fd < 0) die("cannot open seccomp program %s: %s", seccomp, strerror(errno));
    int status_fd = open_output(status);
    int artifacts_fd = artifacts ? open_output(artifacts) : open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (artifacts_fd < 0) die("cannot open /dev/null: %s", strerror(errno));
    /* Park them above the target numbers, then place them; inherited (no CLOEXEC). */
    int a = fcntl(seccomp_fd, F_DUPFD, 10), b = fcntl(status_fd, F_DUPFD, 10), c = fcntl(artifacts_fd, F_DUPFD, 10);
    if (a < 0 || b < 0 || c < 0) die("fcntl: %s", strerror(errno));
    close(seccomp_fd);
    close(status_fd);
    close(artifacts_fd);
    move_fd(a, SECCOMP_FD);
    move_fd(b, STATUS_FD);
    move_fd(c, ARTIFACTS_FD);

    if (private_ns) private_mounts(overlays, noverlays, empty, devices);

    pid_t parent = getppid();
    if (setgroups(0, NULL) != 0) die("setgroups: %s", strerror(errno));
    if (setresgid(gid, gid, gid) != 0) die("setresgid: %s", strerror(errno));
    if (setresuid(uid, uid, uid) != 0) die("setresuid: %s", strerror(errno));
    if (getuid() == 0 || geteuid() == 0 || setuid(0) == 0) die("privileges were not dropped");
    /* Credentials changed, so the death signal must be set now; it survives exec. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) die("PR_SET_PDEATHSIG: %s", strerror(errno));
    if (getppid() != parent) _exit(125);
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) die("PR_SET_NO_NEW_PRIVS: %s", strerror(errno));

    execv(argv[i + 1], &argv[i + 1]);
    die("cannot execute %s: %s", argv[i + 1], strerror(errno));
    return 125;
}

