/*
 * What the parts of sandlot-helper share: fd numbers, limits, the records
 * the init collects, and the small I/O and error helpers every mode uses.
 *   sandlot-helper.c  entry point and shared helpers
 *   launch.c          outside the sandbox: cgroups, rlimits, fds, mounts, exec bwrap
 *   init.c            inside the sandbox as PID 1: the request, the program, the build archive
 *   terminal.c        inside the sandbox: the shell on a pty and its framed protocol
 *   forward.c         inside an install sandbox: 127.0.0.1:PORT relayed to the package proxy's socket
 *   seccomp.c         the syscall filter, built with libseccomp at engine start
 */
#ifndef SANDLOT_HELPER_H
#define SANDLOT_HELPER_H

#define _GNU_SOURCE
#include <stdint.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/types.h>

#define SECCOMP_FD 3
#define STATUS_FD 4
#define ARTIFACTS_FD 5
#define CONTROL_FD 3
#define MAX_WORDS 4096
#define MAX_RECORD (64u << 20)
#define MAX_RLIMITS 16

struct words { char *w[MAX_WORDS + 1]; int n; };
struct limit { int resource; struct rlimit value; };

/* How error messages of the current mode begin, e.g. "sandlot-helper launch". */
extern const char *mode_name;

/* Outside the sandbox: report on stderr and exit 125. */
__attribute__((noreturn, format(printf, 1, 2))) void die(const char *fmt, ...);
/* Inside the sandbox: report "error TEXT" on the status fd and exit 125. */
__attribute__((noreturn, format(printf, 1, 2))) void fail(const char *fmt, ...);
__attribute__((format(printf, 1, 2))) void report(const char *fmt, ...);

int read_exact(int fd, void *buf, size_t len);
int write_all(int fd, const void *buf, size_t len);
uint32_t u32_at(const unsigned char *p);
uint64_t u64_at(const unsigned char *p);
int safe_relative_path(const char *path);
void reset_signals(void);
void close_fds_from(int first);
int64_t now_us(void);

int launch(int argc, char **argv);
int init(void);
int run_terminal(struct words *program, struct limit *limits, int nlimits, unsigned cols, unsigned rows);
int forward(int argc, char **argv);
int seccomp_export(int argc, char **argv);
int syscall_number(int argc, char **argv);

#endif
