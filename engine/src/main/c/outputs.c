/* outputs: inside the sandbox, after a run, the files it returns (see sandlot-helper.c, 'O' and 'N'). */
#include "sandlot-helper.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * A run may return files: the regular files it left under /output (walked in
 * name order, at most OUTPUT_MAX_DEPTH folders deep) and the workspace files
 * the request named. Once the program and everything it started are gone,
 * the init packs them onto fd 5 within the request's caps: at most
 * max_files, each at most max_file_bytes, together at most max_total_bytes.
 * A file over a cap is not read (a sparse 1 GB file costs nothing): its name
 * goes out as dropped instead. Links, FIFOs, devices and sockets are never
 * opened. Every path is walked component by component with O_NOFOLLOW, so
 * no link leads a walk anywhere else.
 * Archive: "SLO1", then records of u8 type, u32 length, payload:
 *   'f' u32 path length, path, content    'X' path of a file dropped by a cap
 *   'Z' end
 */
#define OUTPUT_DIR "/output"
#define OUTPUT_MAX_DEPTH 8
#define OUTPUT_MAX_ENTRIES 4096
#define OUTPUT_MAX_PATH 1024

struct caps { uint32_t max_files; uint64_t max_file_bytes, max_total_bytes; uint32_t files; uint64_t total; int entries; };

static int broken;

static void put(const void *data, size_t len) {
    if (!broken && write_all(ARTIFACTS_FD, data, len) != 0) broken = 1;
}

static void head(char type, uint32_t len) {
    unsigned char h[5] = {(unsigned char) type, len, len >> 8, len >> 16, len >> 24};
    put(h, 5);
}

static void dropped(const char *path) {
    head('X', (uint32_t) strlen(path));
    put(path, strlen(path));
}

/* One regular file, already open; its size was checked against the caps. */
static void pack_file(int fd, const char *path, off_t size) {
    char *content = malloc(size ? (size_t) size : 1);
    if (!content) { dropped(path); return; }
    off_t got = 0;
    while (got < size) {
        ssize_t r = read(fd, content + got, (size_t) (size - got));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += r;
    }
    if (got == size) {
        size_t path_len = strlen(path);
        head('f', (uint32_t) (4 + path_len + (size_t) size));
        unsigned char p[4] = {path_len, path_len >> 8, path_len >> 16, path_len >> 24};
        put(p, 4);
        put(path, path_len);
        put(content, (size_t) size);
    }
    free(content);
}

static void consider(int dir, const char *name, const char *path, struct caps *caps) {
    int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) { close(fd); return; }
    if (caps->files >= caps->max_files || (uint64_t) st.st_size > caps->max_file_bytes
            || caps->total + (uint64_t) st.st_size > caps->max_total_bytes) {
        dropped(path);
    } else {
        caps->files++;
        caps->total += (uint64_t) st.st_size;
        pack_file(fd, path, st.st_size);
    }
    close(fd);
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}

static void walk(int dir, const char *prefix, int depth, struct caps *caps) {
    int listing = dup(dir);
    DIR *d = listing >= 0 ? fdopendir(listing) : NULL;
    if (!d) { if (listing >= 0) close(listing); return; }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (++caps->entries > OUTPUT_MAX_ENTRIES) { dropped(prefix[0] ? prefix : "."); break; }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(names, cap * sizeof *names);
            if (!grown) break;
            names = grown;
        }
        names[n] = strdup(e->d_name);
        if (!names[n]) break;
        n++;
    }
    closedir(d);
    if (n > 1) qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        char path[OUTPUT_MAX_PATH + 1];
        int len = snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "/" : "", names[i]);
        struct stat st;
        if (len > 0 && len <= OUTPUT_MAX_PATH && fstatat(dir, names[i], &st, AT_SYMLINK_NOFOLLOW) == 0) {
            if (S_ISDIR(st.st_mode) && depth < OUTPUT_MAX_DEPTH) {
                int sub = openat(dir, names[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (sub >= 0) {
                    walk(sub, path, depth + 1, caps);
                    close(sub);
                }
            } else if (S_ISREG(st.st_mode)) {
                consider(dir, names[i], path, caps);
            }
        }
        free(names[i]);
    }
    free(names);
}

/* A workspace file the request named (a safe relative path, checked when read). */
static void named(const char *path, struct caps *caps) {
    char copy[OUTPUT_MAX_PATH + 1];
    size_t len = strlen(path);
    if (len > OUTPUT_MAX_PATH) return;
    memcpy(copy, path, len + 1);
    int dir = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    char *name = copy;
    for (char *slash = strchr(name, '/'); dir >= 0 && slash; slash = strchr(name, '/')) {
        *slash = '\0';
        int sub = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        close(dir);
        dir = sub;
        name = slash + 1;
    }
    if (dir < 0) return;
    consider(dir, name, path, caps);
    close(dir);
}

void pack_outputs(const struct words *names, uint32_t max_files, uint64_t max_file_bytes, uint64_t max_total_bytes) {
    /* Nothing the program started may still be writing. */
    kill(-1, SIGKILL);
    while (waitpid(-1, NULL, 0) > 0 || errno == EINTR) {
    }
    signal(SIGXFSZ, SIG_IGN);
    struct caps caps = {max_files, max_file_bytes, max_total_bytes, 0, 0, 0};
    put("SLO1", 4);
    int root = open(OUTPUT_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (root >= 0) {
        walk(root, "", 0, &caps);
        close(root);
    }
    for (int i = 0; i < names->n; i++) named(names->w[i], &caps);
    head('Z', 0);
}
