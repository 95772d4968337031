/* init: inside the sandbox as PID 1, from the request to the program's status (see sandlot-helper.c). */
#include "sandlot-helper.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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


static void apply_limits(pid_t pid, struct limit *limits, int n) {
    for (int i = 0; i < n; i++)
        if (prlimit(pid, limits[i].resource, &limits[i].value, NULL) != 0)
            fail("prlimit %d: %s", limits[i].resource, strerror(errno));
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
#define ARCHIVE_MAX_ENTRIES 200000
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
        if (++archive_entries > ARCHIVE_MAX_ENTRIES) { archive_error = "the build output has more than 200000 entries"; break; }
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

int init(void) {
    mode_name = "sandlot-helper init";
    /* Non-dumpable: the program runs as the same uid but cannot read or write
     * our memory or fds through /proc/1. */
    prctl(PR_SET_DUMPABLE, 0);
    if (fcntl(STATUS_FD, F_SETFD, FD_CLOEXEC) != 0 || fcntl(ARTIFACTS_FD, F_SETFD, FD_CLOEXEC) != 0) _exit(125);

    unsigned char magic[4];
    if (read_exact(0, magic, 4) != 0 || memcmp(magic, "SLT1", 4) != 0) fail("bad request header");

    struct words warm = {0}, program = {0};
    struct limit limits[MAX_RLIMITS];
    struct words returned = {0};
    int nlimits = 0, control = -1, terminal = 0, pack_build = 0, outputs = 0;
    uint32_t max_files = 0;
    uint64_t max_file_bytes = 0, max_total_bytes = 0;
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
            case 'O':
                if (len != 20) fail("bad output record");
                outputs = 1;
                max_files = u32_at(payload);
                max_file_bytes = u64_at(payload + 4);
                max_total_bytes = u64_at(payload + 12);
                break;
            case 'N':
                add_word(&returned, payload, len);
                if (strlen(returned.w[returned.n - 1]) != len || !safe_relative_path(returned.w[returned.n - 1]))
                    fail("unsafe output file path");
                break;
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
        if (outputs) pack_outputs(&returned, max_files, max_file_bytes, max_total_bytes);
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

