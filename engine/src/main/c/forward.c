/*
 * forward: inside an install sandbox, unprivileged. Listens on
 * 127.0.0.1:PORT in the sandbox's own network namespace (where nothing but
 * loopback exists) and relays each connection to the package proxy's Unix
 * socket, which the engine binds into the sandbox. pip and npm can only speak
 * TCP to a proxy; this is their only way out, and the proxy on the other end
 * decides what passes.
 *
 * One poll loop, no threads: each connection is a pair (client, proxy) with a
 * buffer per direction. A side that reaches end of stream is shut down for
 * writing on the other side once its buffer is drained; a pair is closed when
 * both directions are done or either side fails.
 */
#include "sandlot-helper.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define MAX_PAIRS 64
#define BUFFER 65536

struct direction { int from, to; char buf[BUFFER]; size_t len, off; int eof, done; };
struct pair { int used; struct direction up, down; };

static struct pair pairs[MAX_PAIRS];

static void close_pair(struct pair *p) {
    close(p->up.from);
    close(p->up.to);
    p->used = 0;
}

/* Moves what it can in one direction; -1 when the pair must be closed. */
static int pump(struct direction *d, short from_events, short to_events) {
    if (d->done) return 0;
    if (d->len == 0 && !d->eof && (from_events & (POLLIN | POLLHUP | POLLERR))) {
        ssize_t r = read(d->from, d->buf, sizeof d->buf);
        if (r < 0 && (errno == EAGAIN || errno == EINTR)) return 0;
        if (r < 0) return -1;
        if (r == 0) d->eof = 1;
        d->len = (size_t) r;
        d->off = 0;
    }
    if (d->len > 0 && (to_events & (POLLOUT | POLLERR | POLLHUP))) {
        ssize_t w = write(d->to, d->buf + d->off, d->len);
        if (w < 0 && (errno == EAGAIN || errno == EINTR)) return 0;
        if (w <= 0) return -1;
        d->off += (size_t) w;
        d->len -= (size_t) w;
    }
    if (d->eof && d->len == 0) {
        shutdown(d->to, SHUT_WR);
        d->done = 1;
    }
    return 0;
}

static int connect_proxy(const char *path) {
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof addr.sun_path) return -1;
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    if (connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0 || fcntl(fd, F_SETFL, O_NONBLOCK) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static void accept_one(int listener, const char *path) {
    int client = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (client < 0) return;
    struct pair *free_pair = NULL;
    for (int i = 0; i < MAX_PAIRS && !free_pair; i++)
        if (!pairs[i].used) free_pair = &pairs[i];
    int proxy = free_pair ? connect_proxy(path) : -1;
    if (proxy < 0) {
        close(client);
        return;
    }
    *free_pair = (struct pair){.used = 1};
    free_pair->up.from = client;
    free_pair->up.to = proxy;
    free_pair->down.from = proxy;
    free_pair->down.to = client;
}

/* forward PORT SOCKET: runs until killed (the sandbox ends with its program). */
int forward(int argc, char **argv) {
    mode_name = "sandlot-helper forward";
    if (argc != 4) die("usage: sandlot-helper forward PORT SOCKET");
    char *end;
    long port = strtol(argv[2], &end, 10);
    if (*end != '\0' || port < 1 || port > 65535) die("not a port: %s", argv[2]);
    const char *path = argv[3];
    if (strlen(path) >= sizeof ((struct sockaddr_un *) 0)->sun_path) die("socket path too long: %s", path);
    signal(SIGPIPE, SIG_IGN);

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (listener < 0) die("socket: %s", strerror(errno));
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t) port),
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(listener, (struct sockaddr *) &addr, sizeof addr) != 0) die("bind 127.0.0.1:%ld: %s", port, strerror(errno));
    if (listen(listener, 64) != 0) die("listen: %s", strerror(errno));

    struct pollfd fds[1 + 2 * MAX_PAIRS];
    for (;;) {
        int n = 0;
        fds[n++] = (struct pollfd){.fd = listener, .events = POLLIN};
        for (int i = 0; i < MAX_PAIRS; i++) {
            struct pair *p = &pairs[i];
            if (!p->used) continue;
            /* fds[n] is the client, fds[n + 1] the proxy: read where a buffer is empty, write where one is full. */
            short client = 0, proxy = 0;
            if (!p->up.eof && p->up.len == 0) client |= POLLIN;
            if (p->up.len > 0) proxy |= POLLOUT;
            if (!p->down.eof && p->down.len == 0) proxy |= POLLIN;
            if (p->down.len > 0) client |= POLLOUT;
            fds[n++] = (struct pollfd){.fd = p->up.from, .events = client};
            fds[n++] = (struct pollfd){.fd = p->up.to, .events = proxy};
        }
        if (poll(fds, (nfds_t) n, -1) < 0) {
            if (errno == EINTR) continue;
            die("poll: %s", strerror(errno));
        }
        int k = 1;
        for (int i = 0; i < MAX_PAIRS; i++) {
            struct pair *p = &pairs[i];
            if (!p->used) continue;
            short client = fds[k].revents, proxy = fds[k + 1].revents;
            k += 2;
            if (pump(&p->up, client, proxy) < 0 || pump(&p->down, proxy, client) < 0
                || (p->up.done && p->down.done))
                close_pair(p);
        }
        /* Accepted last, so a new pair is polled before it is pumped. */
        if (fds[0].revents & POLLIN) accept_one(listener, path);
    }
}
