/* The terminal mode of the init: a shell on a pty inside the sandbox (see init.c). */
#include "sandlot-helper.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

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

int run_terminal(struct words *program, struct limit *limits, int nlimits, unsigned cols, unsigned rows) {
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

