/*
 * sandlot-helper: the two native steps of a sandboxed run, and the seccomp filter.
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
 *   forward PORT SOCKET  Inside an install sandbox, unprivileged (forward.c):
 *           relays 127.0.0.1:PORT to the package proxy's Unix socket.
 *
 * Once, at engine start, outside the sandbox (seccomp.c):
 *   seccomp-export [--arch A]  writes the seccomp filter (classic BPF) to
 *                              stdout; the engine keeps it for --seccomp
 *   syscall-number A NAME...   prints each name's number on arch A, for the
 *                              tests that run the filter
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
 *         speak the terminal protocol (terminal.c) instead of passing stdio through
 *     'B' pack /build onto fd 5 once the program has exited with 0
 *     'G' go: end of request, start (or release) the program
 * Status line written to fd 4:
 *   "exit CODE WALL_US\n" | "signal SIG CORE WALL_US\n" | "error TEXT\n"
 */
#include "sandlot-helper.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char *mode_name = "sandlot-helper";

void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", mode_name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    _exit(125);
}

int read_exact(int fd, void *buf, size_t len) {
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

int write_all(int fd, const void *buf, size_t len) {
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

void report(const char *fmt, ...) {
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n > 0) write_all(STATUS_FD, line, (size_t) n < sizeof line ? (size_t) n : sizeof line - 1);
}

void fail(const char *fmt, ...) {
    char text[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    for (char *c = text; *c; c++) if (*c == '\n') *c = ' ';
    report("error %s\n", text);
    _exit(125);
}

uint32_t u32_at(const unsigned char *p) {
    return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
}

uint64_t u64_at(const unsigned char *p) {
    return (uint64_t) u32_at(p) | (uint64_t) u32_at(p + 4) << 32;
}

/* Paths are validated by the engine too; here they are checked again because
 * this is the code that writes them. The workspace is a fresh tmpfs that no
 * user code has touched yet, so no symlink can be waiting in it. */
int safe_relative_path(const char *path) {
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

void reset_signals(void) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (int s = 1; s < NSIG; s++) signal(s, SIG_DFL);
}

void close_fds_from(int first) {
    for (int fd = first; fd < 1024; fd++) close(fd);
}


int64_t now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "launch") == 0) return launch(argc, argv);
    if (argc == 1 || (argc >= 2 && strcmp(argv[1], "init") == 0)) return init();
    if (argc >= 2 && strcmp(argv[1], "forward") == 0) return forward(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "seccomp-export") == 0) return seccomp_export(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "syscall-number") == 0) return syscall_number(argc, argv);
    fprintf(stderr,
            "usage: sandlot-helper launch [options] -- bwrap ... | sandlot-helper init\n"
            "       sandlot-helper forward PORT SOCKET\n"
            "       sandlot-helper seccomp-export [--arch A] | sandlot-helper syscall-number A NAME...\n");
    return 2;
}
