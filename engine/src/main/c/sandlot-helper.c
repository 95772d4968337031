/*
 * sandlot-helper: the two native steps of a sandboxed run.
 *
 *   launch  Outside the sandbox, as root. Joins the run's cgroups (so the
 *           process is confined before anything else happens), sets baseline
 *           rlimits, opens the seccomp program (fd 3), the status file (fd 4)
 *           and the build archive (fd 5, /dev/null unless compiling), mounts
 *           private overlays and device nodes in a mount namespace of its own
 *           (see private_mounts), drops to the sandbox's uid/gid and execs
 *           bubblewrap. The Java engine cannot do this itself: a JVM child
 *           can inherit only fds 0-2 and cannot join a cgroup before exec.
 *
 *   init    Inside the sandbox as PID 1 (bwrap --as-pid-1). Reads the run's
 *           request from stdin (workspace files, rlimits, command), writes
 *           the files, forks the program, reaps every process, and writes the
 *           program's exact exit status or signal to fd 4. bwrap itself would
 *           only report 128+signal, which cannot be told from exit(137).
 *           When PID 1 exits the kernel kills everything left in the
 *           namespace, so nothing outlives the program.
 *
 * Request wire format (little endian), read with exact-length reads so that
 * the program's own stdin, which follows the request, is never consumed:
 *   "SLT1" then records of: u8 type, u32 length, payload.
 *     'W' warm command word     (prelude: pre-start this command now)
 *     'S' start warm            (end of prelude)
 *     'F' file: u32 mode, u32 path length, path, content
 *     'L' rlimit: u32 resource, u64 soft, u64 hard
 *     'P' program word: the command (cold) or extra argv words (warm)
 *     'T' terminal: u16 cols, u16 rows; run the program on a new pty and
 *         speak the terminal protocol below instead of passing stdio through
 *     'B' pack /build onto fd 5 once the program has exited with 0
 *     'G' go: end of request, start (or release) the program
 * Status line written to fd 4:
 *   "exit CODE WALL_US\n" | "signal SIG CORE WALL_US\n" | "error TEXT\n"
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/sysmacros.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define SECCOMP_FD 3
#define STATUS_FD 4
#define ARTIFACTS_FD 5
#define CONTROL_FD 3
#define MAX_WORDS 4096
#define MAX_RECORD (64u << 20)
#define MAX_RLIMITS 16

static const char *mode_name = "sandlot-helper";

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", mode_name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    _exit(125);
}

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

/* ---------------------------------------------------------------- launch */

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

static int launch(int argc, char **argv) {
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

/* ------------------------------------------------------------------ init */

struct words { char *w[MAX_WORDS + 1]; int n; };
struct limit { int resource; struct rlimit value; };

static int read_exact(int fd, void *buf, size_t len) {
    char *p = buf;
    while (len > 0) {
        ssize_t r = read(fd, p, len);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        p += r;
        len -= (size_t) r;
    }
    return 0;
}

static int write_all(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        len -= (size_t) w;
    }
    return 0;
}

static void report(const char *fmt, ...) {
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n > 0) write_all(STATUS_FD, line, (size_t) n < sizeof line ? (size_t) n : sizeof line - 1);
}

static void fail(const char *fmt, ...) {
    char text[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    for (char *c = text; *c; c++) if (*c == '\n') *c = ' ';
    report("error %s\n", text);
    _exit(125);
}

static uint32_t u32_at(const unsigned char *p) {
    return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
}

static uint64_t u64_at(const unsigned char *p) {
    return (uint64_t) u32_at(p) | (uint64_t) u32_at(p + 4) << 32;
}

/* Paths are validated by the engine too; here they are checked again because
 * this is the code that writes them. The workspace is a fresh tmpfs that no
 * user code has touched yet, so no symlink can be waiting in it. */
static int safe_relative_path(const char *path) {
    if (path[0] == '\0' || path[0] == '/') return 0;
    const char *seg = path;
    for (const char *c = path;; c++) {
        if (*c == '/' || *c == '\0') {
            size_t len = (size_t) (c - seg);
            if (len == 0 || (len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.'))
                return 0;
            if (*c == '\0') return 1;
            seg = c + 1;
        } else if ((unsigned char) *c < 0x20) return 0;
    }
}

static void write_workspace_file(const unsigned char *payload, uint32_t len) {
    if (len < 8) fail("short file record");
    uint32_t mode = u32_at(payload) & 0755;
    uint32_t path_len = u32_at(payload + 4);
    if (path_len == 0 || path_len > 4096 || 8 + (uint64_t) path_len > len) fail("bad file path length");
    char path[4097];
    memcpy(path, payload + 8, path_len);
    path[path_len] = '\0';
    if (strlen(path) != path_len || !safe_relative_path(path)) fail("unsafe file path");
    for (char *slash = strchr(path, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST) fail("mkdir %s: %s", path, strerror(errno));
        *slash = '/';
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode ? mode : 0644);
    if (fd < 0) fail("create %s: %s", path, strerror(errno));
    if (write_all(fd, payload + 8 + path_len, len - 8 - path_len) != 0) fail("write %s: %s", path, strerror(errno));
    close(fd);
}

static void reset_signals(void) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (int s = 1; s < NSIG; s++) signal(s, SIG_DFL);
}

static void close_fds_from(int first) {
    for (int fd = first; fd < 1024; fd++) close(fd);
}

static void apply_limits(pid_t pid, struct limit *limits, int n) {
    for (int i = 0; i < n; i++)
        if (prlimit(pid, limits[i].resource, &limits[i].value, NULL) != 0)
            fail("prlimit %d: %s", limits[i].resource, strerror(errno));
}

static int64_t now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void add_word(struct words *words, const unsigned char *payload, uint32_t len) {
    if (words->n >= MAX_WORDS) fail("too many command words");
    char *w = malloc(len + 1);
    if (!w) fail("out of memory");
    memcpy(w, payload, len);
    w[len] = '\0';
    words->w[words->n++] = w;
    words->w[words->n] = NULL;
}

/* The warm child waits on CONTROL_FD for its extra argv words; see sitecustomize.py. */
static pid_t start_warm(struct words *cmd, int *control) {
    int pipefd[2];
    if (pipe2(pipefd, O_CLOEXEC) != 0) fail("pipe: %s", strerror(errno));
    pid_t pid = fork();
    if (pid < 0) fail("fork: %s", strerror(errno));
    if (pid == 0) {
        reset_signals();
        /* dup2 onto itself would keep O_CLOEXEC, so clear it explicitly in that case. */
        if (pipefd[0] == CONTROL_FD ? fcntl(CONTROL_FD, F_SETFD, 0) < 0 : dup2(pipefd[0], CONTROL_FD) < 0) _exit(127);
        close_fds_from(CONTROL_FD + 1);
        execvp(cmd->w[0], cmd->w);
        fprintf(stderr, "sandlot: cannot execute %s: %s\n", cmd->w[0], strerror(errno));
        _exit(127);
    }
    close(pipefd[0]);
    *control = pipefd[1];
    return pid;
}

static void release_warm(int control, struct words *args) {
    unsigned char head[4];
    uint32_t n = (uint32_t) args->n;
    memcpy(head, &n, 4);
    if (write_all(control, head, 4) != 0) fail("control write: %s", strerror(errno));
    for (int i = 0; i < args->n; i++) {
        uint32_t len = (uint32_t) strlen(args->w[i]);
        memcpy(head, &len, 4);
        if (write_all(control, head, 4) != 0 || write_all(control, args->w[i], len) != 0)
            fail("control write: %s", strerror(errno));
    }
    close(control);
}

/* -------------------------------------------------------------- terminal */

/*
 * Terminal mode: the program (a shell) runs on a pty created here, inside the
 * sandbox's own devpts, as the leader of a new session with the pty as its
 * controlling terminal, so job control and ^C work as on any terminal.
 * Host to init, on stdin, after the request: records of u8 type, u32 length:
 *   'i' input bytes for the terminal        'r' u16 cols, u16 rows
 *   's' u32 signal for the foreground job   'm' list the workspace
 *   'w' u32 mode, u32 path length, path, content: write a workspace file
 *   'd' path: delete a workspace file       'g' u32 max, path: read a file
 * Init to host, on stdout, same framing:
 *   'o' terminal output; 'x' the shell ended (its status line, as on fd 4,
 *   after which the workspace can still be read until stdin closes); and
 *   one answer per 'w', 'd' (an 'A': u8 ok, text),
 *   'm' (an 'M': u8 truncated, then entries of u8 kind 'f'|'l'|'o', u64 size,
 *   i64 mtime ns, u32 path length, path) and 'g' (an 'F': u8 0 ok | 1 too
 *   large | 2 unreadable, u64 size, content).
 * The workspace belongs to the program, so every path is resolved here,
 * inside the sandbox, where a symlink can only lead to what the program can
 * reach anyway; the host never follows a path the program controls.
 */

#define MAX_PENDING_INPUT (1u << 20)
#define MANIFEST_MAX_ENTRIES 5000
#define MANIFEST_MAX_DEPTH 32

struct buf { unsigned char *data; size_t len, cap; };

static void buf_add(struct buf *b, const void *data, size_t len) {
    if (b->len + len > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + len) cap *= 2;
        unsigned char *grown = realloc(b->data, cap);
        if (!grown) fail("out of memory");
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
}

static void buf_u8(struct buf *b, unsigned v) { unsigned char c = (unsigned char) v; buf_add(b, &c, 1); }
static void buf_u32(struct buf *b, uint32_t v) { unsigned char p[4] = {v, v >> 8, v >> 16, v >> 24}; buf_add(b, p, 4); }
static void buf_u64(struct buf *b, uint64_t v) { buf_u32(b, (uint32_t) v); buf_u32(b, (uint32_t) (v >> 32)); }

static void send_frame(char type, const void *payload, size_t len) {
    unsigned char head[5] = {(unsigned char) type, len, len >> 8, len >> 16, len >> 24};
    if (write_all(1, head, 5) != 0 || write_all(1, payload, len) != 0) _exit(125);  /* the host went away */
}

static void answer(int ok, const char *fmt, ...) {
    char text[300];
    text[0] = ok ? 1 : 0;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(text + 1, sizeof text - 1, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    if ((size_t) n > sizeof text - 2) n = sizeof text - 2;
    send_frame('A', text, 1 + (size_t) n);
}

/* Copies a path out of a record; 0 if it is not a safe relative path. */
static int record_path(const unsigned char *p, uint32_t len, char *out) {
    if (len == 0 || len > 4096) return 0;
    memcpy(out, p, len);
    out[len] = '\0';
    return strlen(out) == len && safe_relative_path(out);
}

static void terminal_write_file(const unsigned char *payload, uint32_t len) {
    char path[4097], tmp[4200];
    if (len < 8) { answer(0, "short record"); return; }
    uint32_t mode = u32_at(payload) & 0755, path_len = u32_at(payload + 4);
    if (8 + (uint64_t) path_len > len || !record_path(payload + 8, path_len, path)) { answer(0, "unsafe path"); return; }
    for (char *slash = strchr(path, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        int made = mkdir(path, 0755);
        *slash = '/';
        if (made != 0 && errno != EEXIST) { answer(0, "cannot create the folder of %s: %s", path, strerror(errno)); return; }
    }
    /* Written beside the target and renamed over it, so a reader never sees half a file. */
    char *base = strrchr(path, '/');
    snprintf(tmp, sizeof tmp, "%.*s.%s.sandlot-%d", base ? (int) (base - path + 1) : 0, path, base ? base + 1 : path, (int) getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode ? mode : 0644);
    if (fd < 0) { answer(0, "cannot write %s: %s", path, strerror(errno)); return; }
    int ok = write_all(fd, payload + 8 + path_len, len - 8 - path_len) == 0;
    int err = errno;
    close(fd);
    if (!ok || rename(tmp, path) != 0) {
        if (ok) err = errno;
        unlink(tmp);
        answer(0, "cannot write %s: %s", path, strerror(err));
        return;
    }
    answer(1, "");
}

static void terminal_delete_file(const unsigned char *payload, uint32_t len) {
    char path[4097];
    if (!record_path(payload, len, path)) { answer(0, "unsafe path"); return; }
    if (unlink(path) != 0 && errno != ENOENT) { answer(0, "cannot delete %s: %s", path, strerror(errno)); return; }
    answer(1, "");
}

static void terminal_read_file(const unsigned char *payload, uint32_t len) {
    char path[4097];
    struct buf out = {0};
    struct stat st;
    if (len < 4 || !record_path(payload + 4, len - 4, path)) { buf_u8(&out, 2); buf_u64(&out, 0); goto done; }
    uint32_t max = u32_at(payload);
    /* O_NONBLOCK: opening a FIFO planted under a file's name must not hang the terminal. */
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0) close(fd);
        buf_u8(&out, 2);
        buf_u64(&out, 0);
        goto done;
    }
    if ((uint64_t) st.st_size > max) {
        close(fd);
        buf_u8(&out, 1);
        buf_u64(&out, (uint64_t) st.st_size);
        goto done;
    }
    buf_u8(&out, 0);
    buf_u64(&out, (uint64_t) st.st_size);
    unsigned char chunk[65536];
    size_t total = 0;
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        if (total + (size_t) r > max) r = (ssize_t) (max - total);  /* grew while read: keep what fits */
        buf_add(&out, chunk, (size_t) r);
        total += (size_t) r;
        if (total >= max) break;
    }
    close(fd);
done:
    send_frame('F', out.data, out.len);
    free(out.data);
}

static void manifest_walk(struct buf *out, const char *dir, int depth, int *entries, int *truncated) {
    DIR *d = opendir(dir[0] ? dir : ".");
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (*entries >= MANIFEST_MAX_ENTRIES) { *truncated = 1; break; }
        char path[4097];
        int n = snprintf(path, sizeof path, "%s%s%s", dir, dir[0] ? "/" : "", e->d_name);
        if (n < 0 || (size_t) n >= sizeof path) { *truncated = 1; continue; }
        struct stat st;
        if (lstat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            if (depth < MANIFEST_MAX_DEPTH) manifest_walk(out, path, depth + 1, entries, truncated);
            else *truncated = 1;
            continue;
        }
        buf_u8(out, S_ISREG(st.st_mode) ? 'f' : S_ISLNK(st.st_mode) ? 'l' : 'o');
        buf_u64(out, (uint64_t) st.st_size);
        buf_u64(out, (uint64_t) st.st_mtim.tv_sec * 1000000000ull + (uint64_t) st.st_mtim.tv_nsec);
        buf_u32(out, (uint32_t) n);
        buf_add(out, path, (size_t) n);
        (*entries)++;
    }
    closedir(d);
}

static void terminal_manifest(void) {
    struct buf out = {0};
    int entries = 0, truncated = 0;
    buf_u8(&out, 0);
    manifest_walk(&out, "", 0, &entries, &truncated);
    out.data[0] = (unsigned char) truncated;
    send_frame('M', out.data, out.len);
    free(out.data);
}

static void terminal_signal(int master, int sig) {
    if (sig <= 0 || sig >= NSIG) return;
    if (ioctl(master, TIOCSIG, sig) == 0) return;
    pid_t group = tcgetpgrp(master);
    if (group > 1) kill(-group, sig);
}

static pid_t start_on_pty(struct words *program, struct limit *limits, int nlimits, int *master_out,
                          unsigned cols, unsigned rows) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) fail("cannot open a pty: %s", strerror(errno));
    char slave[128];
    if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, slave, sizeof slave) != 0)
        fail("cannot set up the pty: %s", strerror(errno));
    struct winsize ws = {.ws_row = (unsigned short) rows, .ws_col = (unsigned short) cols};
    ioctl(master, TIOCSWINSZ, &ws);
    pid_t child = fork();
    if (child < 0) fail("fork: %s", strerror(errno));
    if (child == 0) {
        reset_signals();
        if (setsid() < 0) _exit(127);
        int fd = open(slave, O_RDWR);  /* the session leader's first tty becomes its controlling terminal */
        if (fd < 0 || ioctl(fd, TIOCSCTTY, 0) != 0) _exit(127);
        dup2(fd, 0);
        dup2(fd, 1);
        dup2(fd, 2);
        close_fds_from(3);
        for (int i = 0; i < nlimits; i++)
            if (setrlimit(limits[i].resource, &limits[i].value) != 0) _exit(127);
        execvp(program->w[0], program->w);
        fprintf(stderr, "sandlot: cannot execute %s: %s\n", program->w[0], strerror(errno));
        _exit(127);
    }
    *master_out = master;
    return child;
}

/*
 * The shell has ended: pass on what it printed last, report how it ended,
 * and end whatever it left running. The workspace stays until the host has
 * read it and closes stdin, so nothing written just before "exit" is lost.
 */
static void shell_ended(int master, int master_open, int status, int64_t wall, unsigned char *chunk, size_t size) {
    while (master_open) {
        ssize_t r = read(master, chunk, size);
        if (r > 0) send_frame('o', chunk, (size_t) r);
        else break;
    }
    char line[128];
    int n = WIFSIGNALED(status)
            ? snprintf(line, sizeof line, "signal %d %d %lld\n", WTERMSIG(status), WCOREDUMP(status) ? 1 : 0, (long long) wall)
            : snprintf(line, sizeof line, "exit %d %lld\n", WEXITSTATUS(status), (long long) wall);
    write_all(STATUS_FD, line, (size_t) n);
    send_frame('x', line, (size_t) n);
    kill(-1, SIGKILL);
    while (waitpid(-1, NULL, WNOHANG) > 0) {
    }
}

static int run_terminal(struct words *program, struct limit *limits, int nlimits, unsigned cols, unsigned rows) {
    if (program->n == 0) fail("no command");
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    int sfd = signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
    if (sfd < 0) fail("signalfd: %s", strerror(errno));
    signal(SIGPIPE, SIG_IGN);
    int master;
    int64_t started = now_us();
    pid_t child = start_on_pty(program, limits, nlimits, &master, cols, rows);
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);

    struct buf in = {0}, pending = {0};
    size_t pending_off = 0;
    int status = 0, child_done = 0, master_open = 1;
    unsigned char chunk[65536];
    for (;;) {
        struct pollfd fds[3] = {
            {.fd = 0, .events = pending.len - pending_off < MAX_PENDING_INPUT ? POLLIN : 0},
            {.fd = master_open && !child_done ? master : -1, .events = POLLIN | (pending.len > pending_off ? POLLOUT : 0)},
            {.fd = child_done ? -1 : sfd, .events = POLLIN},
        };
        if (poll(fds, 3, -1) < 0) {
            if (errno == EINTR) continue;
            fail("poll: %s", strerror(errno));
        }
        if (fds[1].revents & POLLIN || (fds[1].revents & (POLLHUP | POLLERR))) {
            ssize_t r = read(master, chunk, sizeof chunk);
            if (r > 0) send_frame('o', chunk, (size_t) r);
            else if (r == 0 || (errno != EAGAIN && errno != EINTR)) master_open = 0;
        }
        if (fds[1].revents & POLLOUT) {
            ssize_t w = write(master, pending.data + pending_off, pending.len - pending_off);
            if (w > 0) pending_off += (size_t) w;
            if (pending_off == pending.len) pending.len = pending_off = 0;
        }
        if (fds[0].revents & (POLLIN | POLLHUP)) {
            ssize_t r = read(0, chunk, sizeof chunk);
            if (r == 0) _exit(0);  /* the host closed the terminal: the namespace dies with us */
            if (r > 0) buf_add(&in, chunk, (size_t) r);
            size_t at = 0;
            while (in.len - at >= 5) {
                uint32_t len = u32_at(in.data + at + 1);
                if (len > MAX_RECORD) fail("record too large");
                if (in.len - at - 5 < len) break;
                unsigned char type = in.data[at], *p = in.data + at + 5;
                switch (type) {
                    case 'i':
                        if (!child_done && pending.len + len <= MAX_PENDING_INPUT) buf_add(&pending, p, len);
                        break;
                    case 'r':
                        if (len == 4) {
                            struct winsize ws = {.ws_col = (unsigned short) (p[0] | p[1] << 8),
                                                 .ws_row = (unsigned short) (p[2] | p[3] << 8)};
                            ioctl(master, TIOCSWINSZ, &ws);
                        }
                        break;
                    case 's': if (len == 4 && !child_done) terminal_signal(master, (int) u32_at(p)); break;
                    case 'w': terminal_write_file(p, len); break;
                    case 'd': terminal_delete_file(p, len); break;
                    case 'g': terminal_read_file(p, len); break;
                    case 'm': terminal_manifest(); break;
                    default: fail("unknown terminal record type %d", type);
                }
                at += 5 + len;
            }
            memmove(in.data, in.data + at, in.len - at);
            in.len -= at;
        }
        if (fds[2].revents & POLLIN) {
            struct signalfd_siginfo info;
            while (read(sfd, &info, sizeof info) > 0) {
            }
            int st;
            pid_t pid;
            while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
                if (pid != child) continue;
                status = st;
                child_done = 1;
                shell_ended(master, master_open, status, now_us() - started, chunk, sizeof chunk);
            }
        }
    }
}

/* ------------------------------------------------------------- artifacts */

/*
 * A compile stage writes its output to /build, a size-capped tmpfs of the
 * sandbox, so nothing it writes reaches the host's disk while it runs. Once
 * the compiler and everything it started are gone, the init packs the
 * regular files and directories found there onto fd 5, for the host to
 * unpack with modes of its own; links, devices, FIFOs and sockets are left
 * out. The walk is relative (openat), so no path length can break it.
 * Archive: "SLA1", then records of u8 type, u32 length, payload:
 *   'd' path      'f' u32 mode, u32 path length, path, content
 *   'E' why the output cannot be kept                 'Z' end
 */
#define ARCHIVE_MAX_DEPTH 16
#define ARCHIVE_MAX_ENTRIES 10000
#define ARCHIVE_MAX_PATH 1024

static const char *archive_error;
static int archive_entries;

static void archive_head(char type, uint32_t len) {
    unsigned char head[5] = {(unsigned char) type, len, len >> 8, len >> 16, len >> 24};
    if (write_all(ARTIFACTS_FD, head, 5) != 0) archive_error = "the build output is larger than its limit";
}

static void archive_put(const void *data, size_t len) {
    if (!archive_error && write_all(ARTIFACTS_FD, data, len) != 0) archive_error = "the build output is larger than its limit";
}

static void archive_u32(uint32_t v) {
    unsigned char p[4] = {v, v >> 8, v >> 16, v >> 24};
    archive_put(p, 4);
}

static void archive_file(int fd, const struct stat *st, const char *path, size_t path_len) {
    if ((uint64_t) st->st_size > UINT32_MAX - 8 - path_len) { archive_error = "a file of the build output is too large"; return; }
    archive_head('f', (uint32_t) (8 + path_len + (size_t) st->st_size));
    archive_u32((uint32_t) st->st_mode & 07777);
    archive_u32((uint32_t) path_len);
    archive_put(path, path_len);
    unsigned char chunk[65536];
    off_t left = st->st_size;
    while (left > 0 && !archive_error) {
        ssize_t r = read(fd, chunk, left < (off_t) sizeof chunk ? (size_t) left : sizeof chunk);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) { archive_error = "a file of the build output could not be read"; return; }
        archive_put(chunk, (size_t) r);
        left -= r;
    }
}

static void archive_dir(int dir, const char *prefix, int depth) {
    int listing = dup(dir);
    DIR *d = listing >= 0 ? fdopendir(listing) : NULL;
    if (!d) { archive_error = "the build output could not be listed"; return; }
    struct dirent *e;
    while (!archive_error && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (++archive_entries > ARCHIVE_MAX_ENTRIES) { archive_error = "the build output has more than 10000 entries"; break; }
        char path[ARCHIVE_MAX_PATH + 1];
        int n = snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "/" : "", e->d_name);
        if (n < 0 || n > ARCHIVE_MAX_PATH) { archive_error = "the build output has a path longer than 1024 bytes"; break; }
        struct stat st;
        if (fstatat(dir, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            if (depth >= ARCHIVE_MAX_DEPTH) { archive_error = "the build output is nested more than 16 folders deep"; break; }
            int sub = openat(dir, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub < 0) continue;
            archive_head('d', (uint32_t) n);
            archive_put(path, (size_t) n);
            archive_dir(sub, path, depth + 1);
            close(sub);
        } else if (S_ISREG(st.st_mode)) {
            int fd = openat(dir, e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
            if (fd < 0) continue;
            if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) archive_file(fd, &st, path, (size_t) n);
            close(fd);
        }
    }
    closedir(d);
}

static void pack_build_output(void) {
    /* Nothing the compiler started may still be writing. */
    kill(-1, SIGKILL);
    while (waitpid(-1, NULL, 0) > 0 || errno == EINTR) {
    }
    signal(SIGXFSZ, SIG_IGN);
    archive_put("SLA1", 4);
    int root = open("/build", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (root < 0) archive_error = "there is no /build";
    else archive_dir(root, "", 0);
    if (archive_error) {
        const char *why = archive_error;
        archive_error = NULL;
        archive_head('E', (uint32_t) strlen(why));
        archive_put(why, strlen(why));
    }
    archive_head('Z', 0);
}

static int init(void) {
    mode_name = "sandlot-helper init";
    /* Non-dumpable: the program runs as the same uid but cannot read or write
     * our memory or fds through /proc/1. */
    prctl(PR_SET_DUMPABLE, 0);
    if (fcntl(STATUS_FD, F_SETFD, FD_CLOEXEC) != 0 || fcntl(ARTIFACTS_FD, F_SETFD, FD_CLOEXEC) != 0) _exit(125);

    unsigned char magic[4];
    if (read_exact(0, magic, 4) != 0 || memcmp(magic, "SLT1", 4) != 0) fail("bad request header");

    struct words warm = {0}, program = {0};
    struct limit limits[MAX_RLIMITS];
    int nlimits = 0, control = -1, terminal = 0, pack_build = 0;
    unsigned cols = 80, rows = 24;
    pid_t child = 0;

    for (;;) {
        unsigned char head[5];
        if (read_exact(0, head, 5) != 0) fail("request ended early");
        uint32_t len = u32_at(head + 1);
        if (len > MAX_RECORD) fail("record too large");
        unsigned char *payload = malloc(len ? len : 1);
        if (!payload) fail("out of memory");
        if (read_exact(0, payload, len) != 0) fail("request ended early");
        switch (head[0]) {
            case 'W': add_word(&warm, payload, len); break;
            case 'S':
                if (warm.n == 0 || child) fail("bad warm prelude");
                child = start_warm(&warm, &control);
                break;
            case 'F': write_workspace_file(payload, len); break;
            case 'L':
                if (len != 20 || nlimits >= MAX_RLIMITS) fail("bad rlimit record");
                limits[nlimits].resource = (int) u32_at(payload);
                limits[nlimits].value.rlim_cur = (rlim_t) u64_at(payload + 4);
                limits[nlimits].value.rlim_max = (rlim_t) u64_at(payload + 12);
                nlimits++;
                break;
            case 'P': add_word(&program, payload, len); break;
            case 'T':
                if (len != 4 || child) fail("bad terminal record");
                terminal = 1;
                cols = payload[0] | payload[1] << 8;
                rows = payload[2] | payload[3] << 8;
                break;
            case 'B': pack_build = 1; break;
            case 'G': free(payload); goto go;
            default: fail("unknown record type %d", head[0]);
        }
        free(payload);
    }

go:;
    if (terminal) return run_terminal(&program, limits, nlimits, cols, rows);
    int64_t started;
    if (child) {
        apply_limits(child, limits, nlimits);
        started = now_us();
        release_warm(control, &program);
    } else {
        if (program.n == 0) fail("no command");
        started = now_us();
        child = fork();
        if (child < 0) fail("fork: %s", strerror(errno));
        if (child == 0) {
            reset_signals();
            close_fds_from(3);
            for (int i = 0; i < nlimits; i++)
                if (setrlimit(limits[i].resource, &limits[i].value) != 0) _exit(127);
            execvp(program.w[0], program.w);
            fprintf(stderr, "sandlot: cannot execute %s: %s\n", program.w[0], strerror(errno));
            _exit(127);
        }
    }

    /* Drop our copies so EOF and EPIPE reach the host as soon as the program closes them. */
    int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (devnull >= 0) {
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(devnull, 2);
    }

    for (;;) {
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0) {
            if (errno == EINTR) continue;
            fail("waitpid: %s", strerror(errno));
        }
        if (pid != child) continue;
        int64_t wall = now_us() - started;
        if (pack_build && WIFEXITED(status) && WEXITSTATUS(status) == 0) pack_build_output();
        if (WIFEXITED(status)) {
            report("exit %d %lld\n", WEXITSTATUS(status), (long long) wall);
            _exit(WEXITSTATUS(status));
        }
        if (WIFSIGNALED(status)) {
            report("signal %d %d %lld\n", WTERMSIG(status), WCOREDUMP(status) ? 1 : 0, (long long) wall);
            _exit(128 + WTERMSIG(status));
        }
    }
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "launch") == 0) return launch(argc, argv);
    if (argc == 1 || (argc >= 2 && strcmp(argv[1], "init") == 0)) return init();
    fprintf(stderr, "usage: sandlot-helper launch [options] -- bwrap ... | sandlot-helper init\n");
    return 2;
}
