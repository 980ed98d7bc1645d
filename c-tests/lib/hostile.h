/* Support for the hostile-server tests (c-tests/neon/hostile_*.c).
 *
 * An adaptive loopback server: unlike harness.h's fixed scripts, it follows
 * the client. It serves a list of steps; each step waits for the next
 * request (on the current connection, or on a new one once the client has
 * closed it), sends the step's response bytes and then keeps the
 * connection, closes it (FIN, then waits for the client to close), resets
 * it, or stalls (waits, silent, for the client to give up and close). So
 * a client that reuses or abandons a connection, or retries, meets the
 * next step either way, and the log shows which connection each request
 * came on: a difference in persistence shows as a different log.
 *
 * The log holds only what the client's behaviour decides: request lines per
 * connection, and what arrived after a FIN. Whether a closed connection
 * ended in EOF or a reset is not logged (that depends on timing).
 *
 * One server process serves all cases of a program, one after the other,
 * on one port: h_start() hands it a case's steps over a pipe, h_finish()
 * says the client is done and prints the case's log. It is this program
 * again, executed with "--hostile-server" (main() must call
 * h_server_hook() first), so that under valgrind it runs natively and a
 * case costs no fork: valgrind's forks and the server's work would
 * otherwise take most of the run.
 *
 * outcome() runs one request and prints everything neon reports about it
 * on one line: result, status, body bytes and checksum read so far, and
 * ne_get_error() with the port replaced by PORT; and on a second line what
 * the session's notifier saw during the request.
 *
 * Header-only (static functions) so that run.sh needs no change: only the
 * hostile_*.c programs include it. */
#ifndef NEONRS_TEST_HOSTILE_H
#define NEONRS_TEST_HOSTILE_H

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ne_session.h>
#include <ne_request.h>

#include "harness.h"

#define H_UNUSED __attribute__((unused))

/* What the server does after a step's response. */
enum h_after {
    H_KEEP,  /* keep the connection for the next request */
    H_CLOSE, /* FIN, then read until the client closes (logs what came) */
    H_RESET, /* close with a TCP RST */
    H_STALL, /* send nothing more; read until the client closes */
    /* or'd with one of the above: send the response in H_TRICKLE_PARTS
     * parts, H_TRICKLE_MS apart (each gap far below the 3 s read timeout
     * all of them together above it) */
    H_TRICKLE = 0x10,
    /* or'd: read only the request head, not its body */
    H_HEAD_ONLY = 0x20,
};
#define H_TRICKLE_PARTS 7
#define H_TRICKLE_MS 500

struct h_step {
    const char *resp; /* bytes to send; NULL: none */
    size_t len;       /* 0: strlen(resp) */
    enum h_after after;
};

/* A case being served (the port is the server's, the same for all). */
struct h_srv {
    int port;
    int quiet; /* h_finish() prints no log */
};

#define H_IO_MS 10000

static H_UNUSED int h_wait(int fd, short ev, int ms)
{
    struct pollfd p = { fd, ev, 0 };
    int r;

    do r = poll(&p, 1, ms);
    while (r < 0 && errno == EINTR);
    return r;
}

static H_UNUSED void h_log(int fd, const char *fmt, const char *a, size_t alen, int conn)
{
    char line[512];
    int n = snprintf(line, sizeof line, fmt, conn);

    if (n < 0) return;
    if ((size_t)n > sizeof line - 1) n = sizeof line - 1;
    if (a) {
        size_t room = sizeof line - 2 - (size_t)n;
        if (alen > room) alen = room;
        memcpy(line + n, a, alen);
        n += (int)alen;
    }
    line[n++] = '\n';
    if (write(fd, line, (size_t)n) < 0) _exit(4);
}

/* Whether the n bytes at p contain the string s. */
static H_UNUSED int h_contains(const char *p, size_t n, const char *s)
{
    size_t k = strlen(s), i;

    for (i = 0; p && i + k <= n; i++)
        if (memcmp(p + i, s, k) == 0) return 1;
    return 0;
}

/* Reads exactly n body bytes; 0 if the connection ended first. */
static H_UNUSED int h_read_body(int fd, size_t n)
{
    while (n > 0) {
        char buf[4096];
        ssize_t r;
        if (h_wait(fd, POLLIN, H_IO_MS) <= 0) return 0;
        r = read(fd, buf, n < sizeof buf ? n : sizeof buf);
        if (r <= 0) return 0;
        n -= (size_t)r;
    }
    return 1;
}

/* Reads one request head (byte by byte) and, unless it asks for
 * 100-continue (*expect set), its Content-Length body. Returns 1 with the
 * request line in line, or 0 if the connection ended (EOF, error, or
 * nothing for 10 s) first. */
static H_UNUSED int h_read_request(int fd, char *line, size_t linemax, size_t *bodylen,
                                   int *expect, int head_only)
{
    static char head[65536];
    size_t n = 0, cl = 0, i;
    const char *p;

    *expect = 0;
    while (n < sizeof head - 1) {
        ssize_t r;
        if (h_wait(fd, POLLIN, H_IO_MS) <= 0) return 0;
        r = read(fd, head + n, 1);
        if (r <= 0) return 0;
        n++;
        if (n >= 4 && memcmp(head + n - 4, "\r\n\r\n", 4) == 0) break;
    }
    head[n] = '\0';
    for (p = head; (p = strchr(p, '\n')) != NULL;) {
        p++;
        if (strncasecmp(p, "Content-Length:", 15) == 0) cl = strtoul(p + 15, NULL, 10);
        if (strncasecmp(p, "Expect: 100-continue", 20) == 0) *expect = 1;
    }
    for (i = 0; i < linemax - 1 && head[i] != '\r' && head[i] != '\0'; i++) line[i] = head[i];
    line[i] = '\0';
    *bodylen = cl;
    return *expect || head_only || h_read_body(fd, cl);
}

static H_UNUSED void h_write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n;
        if (h_wait(fd, POLLOUT, H_IO_MS) <= 0) return;
        n = send(fd, data, len, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return; /* the client went away */
        }
        data += n;
        len -= (size_t)n;
    }
}

/* Reads until the client closes; logs the first line of anything that came
 * (a request sent on a connection the server had finished with). */
static H_UNUSED void h_drain(int fd, int logfd, int conn)
{
    char buf[4096];
    size_t got = 0;

    for (;;) {
        ssize_t r;
        if (h_wait(fd, POLLIN, H_IO_MS) <= 0) {
            h_log(logfd, "c%d: client did not close", NULL, 0, conn);
            break;
        }
        r = read(fd, buf + got, sizeof buf - got);
        if (r <= 0) break;
        got += (size_t)r;
        if (got == sizeof buf) got = sizeof buf - 1;
    }
    if (got > 0) {
        size_t i = 0;
        while (i < got && buf[i] != '\r' && buf[i] != '\n') i++;
        h_log(logfd, "c%d: after close: ", buf, i, conn);
    }
}

/* Waits for a connection, or for the client to be done (a byte on ctl).
 * The client closes its connections before it says it is done, so a
 * connection it made is already queued by then. Returns the accepted fd,
 * or -1. */
static H_UNUSED int h_accept(int lfd, int ctl)
{
    struct pollfd p[2] = { { lfd, POLLIN, 0 }, { ctl, POLLIN, 0 } };
    int r;

    do r = poll(p, 2, H_IO_MS);
    while (r < 0 && errno == EINTR);
    if (r > 0 && (p[0].revents & POLLIN)) return accept(lfd, NULL, NULL);
    if (r > 0) {
        char c;
        if (read(ctl, &c, 1) != 1) _exit(0); /* the test is gone */
    }
    return -1;
}

/* Serves the steps in order, then answers any further request with a 500
 * and a close, until the client is done. Steps the client never asks for
 * are left unused (the log shows which requests came). */
static H_UNUSED void h_serve(int lfd, int logfd, int ctl, const struct h_step *steps,
                             size_t nsteps)
{
    static const struct h_step extra = {
        "HTTP/1.1 500 No step left\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 0, H_CLOSE
    };
    int fd = -1, conn = 0, tries;
    size_t i;

    for (i = 0; i < nsteps + 16; i++) {
        const struct h_step *st = i < nsteps ? &steps[i] : &extra;
        char line[300];
        size_t body, rlen;
        int expect;

        for (tries = 0;; tries++) {
            if (fd < 0) {
                if (tries > 8 || (fd = h_accept(lfd, ctl)) < 0) return;
                conn++;
            }
            if (h_read_request(fd, line, 256, &body, &expect, (st->after & H_HEAD_ONLY) != 0))
                break;
            h_log(logfd, "c%d: closed by client", NULL, 0, conn);
            close(fd);
            fd = -1;
        }
        if (body)
            snprintf(line + strlen(line), 40, " (body %zu%s)", body,
                     expect ? " expected" : (st->after & H_HEAD_ONLY) ? " not read" : "");
        if (i >= nsteps) strcat(line, " (no step left)");
        h_log(logfd, "c%d: ", line, strlen(line), conn);
        rlen = st->resp ? (st->len ? st->len : strlen(st->resp)) : 0;
        if (st->resp && (st->after & H_TRICKLE)) {
            size_t part = (rlen + H_TRICKLE_PARTS - 1) / H_TRICKLE_PARTS, off;
            for (off = 0; off < rlen; off += part) {
                if (off) usleep(H_TRICKLE_MS * 1000);
                h_write_all(fd, st->resp + off, rlen - off < part ? rlen - off : part);
            }
        } else if (st->resp) {
            h_write_all(fd, st->resp, rlen);
        }
        /* the client sends an expected body after a complete 100 Continue */
        if (expect && body && h_contains(st->resp, rlen, " 100 Continue\r\n\r\n"))
            h_log(logfd, h_read_body(fd, body) ? "c%d: body after 100" : "c%d: no body after 100",
                  NULL, 0, conn);
        switch (st->after & ~(H_TRICKLE | H_HEAD_ONLY)) {
        case H_KEEP:
            break;
        case H_CLOSE:
            shutdown(fd, SHUT_WR);
            h_drain(fd, logfd, conn);
            close(fd);
            fd = -1;
            break;
        case H_RESET: {
            struct linger lg = { 1, 0 };
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
            close(fd);
            fd = -1;
            break;
        }
        case H_STALL:
            h_drain(fd, logfd, conn);
            close(fd);
            fd = -1;
            break;
        }
    }
    if (fd >= 0) close(fd);
}

/* Reads exactly n bytes from a pipe; 0 on EOF or error. */
static H_UNUSED int h_pipe_read(int fd, void *buf, size_t n)
{
    char *p = buf;

    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return 0;
        p += r;
        n -= (size_t)r;
    }
    return 1;
}

static H_UNUSED void h_pipe_write(int fd, const void *buf, size_t n)
{
    const char *p = buf;

    while (n > 0) {
        ssize_t r = write(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) {
            perror("hostile server pipe");
            exit(3);
        }
        p += r;
        n -= (size_t)r;
    }
}

/* The server process: reads cases ('C', step count, steps) from ctl and
 * serves each until the client is done ('D'); then writes the end marker
 * line "\x04" to the log. Exits when ctl closes. */
static H_UNUSED int h_server_main(int lfd, int ctl, int logfd)
{
    signal(SIGPIPE, SIG_IGN);
    alarm(900);
    for (;;) {
        struct h_step *steps;
        unsigned n, i;
        char t;

        if (!h_pipe_read(ctl, &t, 1)) return 0;
        if (t == 'D') continue; /* a case that ended early, see h_serve */
        if (t != 'C' || !h_pipe_read(ctl, &n, sizeof n)) return 4;
        steps = calloc(n ? n : 1, sizeof *steps);
        for (i = 0; i < n; i++) {
            int after, has;
            size_t len;
            char *resp = NULL;
            if (!h_pipe_read(ctl, &after, sizeof after) || !h_pipe_read(ctl, &has, sizeof has)
                || !h_pipe_read(ctl, &len, sizeof len))
                return 4;
            if (has) {
                resp = malloc(len + 1);
                if (!h_pipe_read(ctl, resp, len)) return 4;
                resp[len] = '\0';
            }
            steps[i].resp = resp;
            steps[i].len = len;
            steps[i].after = (enum h_after)after;
        }
        h_serve(lfd, logfd, ctl, steps, n);
        if (write(logfd, "\x04\n", 2) != 2) return 4;
        for (i = 0; i < n; i++) free((char *)steps[i].resp);
        free(steps);
    }
}

/* Call first in main(): runs the server when this is the server process. */
static H_UNUSED void h_server_hook(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "--hostile-server") == 0)
        exit(h_server_main(atoi(argv[2]), atoi(argv[3]), atoi(argv[4])));
}

static struct {
    int started, port, ctl, logfd;
    char buf[65536]; /* log bytes read but not yet printed */
    size_t len;
} h_server;

static H_UNUSED void h_server_start(void)
{
    int lfd = listen_local(&h_server.port), cfd[2], lfd2[2];
    char exe[4096], a1[16], a2[16], a3[16];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    pid_t pid;

    if (n <= 0 || pipe(cfd) || pipe(lfd2)) {
        perror("hostile server setup");
        exit(3);
    }
    exe[n] = '\0';
    snprintf(a1, sizeof a1, "%d", lfd);
    snprintf(a2, sizeof a2, "%d", cfd[0]);
    snprintf(a3, sizeof a3, "%d", lfd2[1]);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(3);
    }
    if (pid == 0) {
        close(cfd[1]);
        close(lfd2[0]);
        execl(exe, exe, "--hostile-server", a1, a2, a3, (char *)NULL);
        _exit(127);
    }
    close(lfd);
    close(cfd[0]);
    close(lfd2[1]);
    h_server.ctl = cfd[1];
    h_server.logfd = lfd2[0];
    h_server.started = 1;
    /* the server exits when ctl closes, at our exit; nothing waits for it */
    signal(SIGPIPE, SIG_IGN);
}

/* Hands a case to the server. */
static H_UNUSED void h_start(struct h_srv *s, const struct h_step *steps, size_t nsteps)
{
    unsigned n = (unsigned)nsteps, i;

    if (!h_server.started) h_server_start();
    s->port = h_server.port;
    s->quiet = 0;
    h_pipe_write(h_server.ctl, "C", 1);
    h_pipe_write(h_server.ctl, &n, sizeof n);
    for (i = 0; i < n; i++) {
        int after = (int)steps[i].after, has = steps[i].resp != NULL;
        size_t len = has ? (steps[i].len ? steps[i].len : strlen(steps[i].resp)) : 0;
        h_pipe_write(h_server.ctl, &after, sizeof after);
        h_pipe_write(h_server.ctl, &has, sizeof has);
        h_pipe_write(h_server.ctl, &len, sizeof len);
        if (has) h_pipe_write(h_server.ctl, steps[i].resp, len);
    }
}

/* Tells the server the client is done (call after destroying the
 * session) and prints the case's log, up to the server's end marker. */
static H_UNUSED void h_finish(struct h_srv *s)
{
    h_pipe_write(h_server.ctl, "D", 1);
    for (;;) {
        char *nl = memchr(h_server.buf, '\n', h_server.len);
        if (nl) {
            size_t llen = (size_t)(nl - h_server.buf);
            int end = llen == 1 && h_server.buf[0] == '\x04';
            if (!end && !s->quiet) {
                printf("srv: ");
                print_escaped(h_server.buf, llen);
                printf("\n");
            }
            memmove(h_server.buf, nl + 1, h_server.len - llen - 1);
            h_server.len -= llen + 1;
            if (end) return;
        } else {
            ssize_t n;
            if (h_server.len == sizeof h_server.buf) h_server.len = 0; /* no line this long */
            n = read(h_server.logfd, h_server.buf + h_server.len, sizeof h_server.buf - h_server.len);
            if (n <= 0) {
                printf("srv: the server is gone\n");
                exit(3);
            }
            h_server.len += (size_t)n;
        }
    }
}

/* ---- client side ---- */

/* Notifier events during one request, summed up (the number of recving
 * events depends on how the kernel splits the data, so only the last
 * progress and total are kept). */
struct h_events {
    int lookups, connecting, connected, disconnected;
    long long sent, send_total, recvd, recv_total;
};
static struct h_events h_ev;

static H_UNUSED void h_notifier(void *ud, ne_session_status status, const ne_session_status_info *info)
{
    (void)ud;
    switch (status) {
    case ne_status_lookup: h_ev.lookups++; break;
    case ne_status_connecting: h_ev.connecting++; break;
    case ne_status_connected: h_ev.connected++; break;
    case ne_status_disconnected: h_ev.disconnected++; break;
    case ne_status_sending:
        h_ev.sent = (long long)info->sr.progress;
        h_ev.send_total = (long long)info->sr.total;
        break;
    case ne_status_recving:
        h_ev.recvd = (long long)info->sr.progress;
        h_ev.recv_total = (long long)info->sr.total;
        break;
    default: break;
    }
}

/* Body for requests that carry one. */
#define H_BODY "0123456789"

/* outcome() flags */
#define H_WITH_BODY 0x1 /* a 10-byte request body from a buffer */
#define H_EXPECT100 0x2 /* ... sent after a 100 Continue (NE_REQFLAG_EXPECT100) */
#define H_NOT_IDEMPOTENT 0x4 /* NE_REQFLAG_IDEMPOTENT cleared */
#define H_BIG_BODY 0x8 /* a 16 MB request body: more than the socket buffers hold */
#define H_BIG_LEN (16 << 20)

/* outcome() runs one request (begin, read every block, end) and prints a
 * line "label: RET status M.m CODE/KLASS [reason] body N/CHECKSUM error
 * [...]", the status being what ne_get_status() holds afterwards, whatever
 * the result; then a line with the notifier's events. */
/* The buffer size outcome() reads the body with (neon's socket reads
 * directly into buffers of 4096 bytes and more). */
static size_t h_blocksize = 1024;

/* Runs a created request (begin, read every block, end) and prints the
 * line described above. Returns the NE_* code. */
static H_UNUSED int h_run(ne_request *req, int port, const char *label)
{
    ne_session *sess = ne_get_session(req);
    const ne_status *st;
    char *buf = malloc(h_blocksize);
    size_t total = 0;
    unsigned long sum = CHECKSUM_INIT;
    int ret;

    memset(&h_ev, 0, sizeof h_ev);
    ret = ne_begin_request(req);
    if (ret == NE_OK) {
        ssize_t n;
        while ((n = ne_read_response_block(req, buf, h_blocksize)) > 0) {
            sum = checksum(buf, (size_t)n, sum);
            total += (size_t)n;
        }
        ret = n < 0 ? NE_ERROR : ne_end_request(req);
        if (n < 0) printf("%s: read error; ", label);
        else printf("%s: ", label);
    } else {
        printf("%s: ", label);
    }
    free(buf);
    st = ne_get_status(req);
    printf("%s status %d.%d %d/%d ", ret_name(ret), st->major_version, st->minor_version,
           st->code, st->klass);
    if (st->reason_phrase) {
        putchar('[');
        print_escaped(st->reason_phrase, strlen(st->reason_phrase));
        putchar(']');
    } else {
        fputs("(null)", stdout);
    }
    printf(" body %zu/%08lx ", total, sum);
    print_str_port("error", ne_get_error(sess), port);
    printf("  events: lookup %d connecting %d connected %d disconnected %d"
           " sent %lld/%lld recv %lld/%lld\n", h_ev.lookups, h_ev.connecting, h_ev.connected,
           h_ev.disconnected, h_ev.sent, h_ev.send_total, h_ev.recvd, h_ev.recv_total);
    return ret;
}

/* Creates the request, runs it with h_run() and destroys it. */
static H_UNUSED int outcome(ne_session *sess, int port, const char *label, const char *method,
                            const char *path, int flags)
{
    static char *big; /* still reachable at exit, not a leak */
    ne_request *req = ne_request_create(sess, method, path);
    int ret;

    if (flags & H_WITH_BODY) ne_set_request_body_buffer(req, H_BODY, strlen(H_BODY));
    if (flags & H_BIG_BODY) {
        if (!big) big = calloc(1, H_BIG_LEN);
        ne_set_request_body_buffer(req, big, H_BIG_LEN);
    }
    if (flags & H_EXPECT100) ne_set_request_flag(req, NE_REQFLAG_EXPECT100, 1);
    if (flags & H_NOT_IDEMPOTENT) ne_set_request_flag(req, NE_REQFLAG_IDEMPOTENT, 0);
    ret = h_run(req, port, label);
    ne_request_destroy(req);
    return ret;
}

/* Called on every session h_session() makes, if set (session flags). */
static void (*h_setup)(ne_session *sess);

/* A session to the server with the given read timeout (seconds). */
static H_UNUSED ne_session *h_session(int port, int timeout)
{
    ne_session *sess = ne_session_create("http", "127.0.0.1", (unsigned)port);

    ne_set_read_timeout(sess, timeout);
    ne_set_notifier(sess, h_notifier, NULL);
    if (h_setup) h_setup(sess);
    return sess;
}

/* A good response for the request after a hostile one. */
#define H_NEXT "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext"

/* One case: resp (len bytes; 0: strlen) answers `method` /one (with the
 * outcome() flags given) and the server then does `after`; H_NEXT answers
 * the following GET /two, on the same connection or a new one, as the
 * client chooses. Prints the label, both outcomes and the server log.
 * timeout: the session's read timeout. */
static H_UNUSED void h_case_flags(const char *label, const char *resp, size_t len,
                                  const char *method, int flags, enum h_after after, int timeout)
{
    struct h_step steps[] = {
        { resp, len, after },
        { H_NEXT, 0, H_KEEP },
    };
    struct h_srv s;
    ne_session *sess;

    printf("== ");
    print_escaped(label, strlen(label));
    printf("\n");
    h_start(&s, steps, 2);
    sess = h_session(s.port, timeout);
    outcome(sess, s.port, "one", method, "/one", flags);
    outcome(sess, s.port, "two", "GET", "/two", 0);
    ne_session_destroy(sess);
    h_finish(&s);
}

static H_UNUSED void h_case(const char *label, const char *resp, size_t len, const char *method,
                            enum h_after after, int timeout)
{
    h_case_flags(label, resp, len, method, 0, after, timeout);
}

#endif
