/* A server's sessions shared as bytes, the way nginx's shared session
 * cache shares them between worker processes: the new-session callback
 * serialises each session with i2d_SSL_SESSION into a store (here an
 * array; nginx's is shared memory) and the get-session callback of another
 * SSL_CTX reads it back with d2i_SSL_SESSION (*copy = 0), with the
 * internal cache off (SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL,
 * as nginx sets it). Resumption by TLS 1.2 session id and by TLS 1.3
 * stateful ticket (SSL_OP_NO_TICKET): on another SSL_CTX in this process,
 * and on a server in a child process forked before the sessions existed,
 * which gets the bytes through a pipe. */
#include <poll.h>
#include <sys/wait.h>

#include "sslpair.h"

#define STORE_MAX 8
#define DER_MAX 4096

/* The shared store: id -> DER. */
static struct {
    unsigned char id[SSL_MAX_SSL_SESSION_ID_LENGTH];
    unsigned int id_len;
    unsigned char der[DER_MAX];
    int der_len;
} store[STORE_MAX];
static int stored, new_calls, get_calls, get_hits;

static int new_cb(SSL *ssl, SSL_SESSION *sess)
{
    const unsigned char *id;
    unsigned char *p;
    int len = i2d_SSL_SESSION(sess, NULL), slot = stored % STORE_MAX;

    (void)ssl;
    new_calls++;
    if (len <= 0 || len > DER_MAX) {
        printf("new_cb: i2d length %s\n", len <= 0 ? "0" : "too long");
        return 0;
    }
    id = SSL_SESSION_get_id(sess, &store[slot].id_len);
    memcpy(store[slot].id, id, store[slot].id_len);
    p = store[slot].der;
    store[slot].der_len = i2d_SSL_SESSION(sess, &p);
    stored++;
    return 0; /* the session is not kept: nginx frees its reference too */
}

static SSL_SESSION *get_cb(SSL *ssl, const unsigned char *id, int len, int *copy)
{
    int i;

    (void)ssl;
    get_calls++;
    for (i = 0; i < STORE_MAX && i < stored; i++) {
        if (store[i].id_len == (unsigned int)len && memcmp(store[i].id, id, len) == 0) {
            const unsigned char *p = store[i].der;
            SSL_SESSION *s = d2i_SSL_SESSION(NULL, &p, store[i].der_len);
            if (s) get_hits++;
            *copy = 0;
            return s;
        }
    }
    return NULL;
}

/* A server context as nginx sets one up for a shared cache. */
static SSL_CTX *shared_cache_ctx(int version)
{
    SSL_CTX *ctx = sp_server_ctx(version);

    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"shared", 6);
    SSL_CTX_sess_set_new_cb(ctx, new_cb);
    SSL_CTX_sess_set_get_cb(ctx, get_cb);
    return ctx;
}

static void reset_store(void)
{
    stored = new_calls = get_calls = get_hits = 0;
    memset(store, 0, sizeof store);
}

/* Another SSL_CTX in this process. */
static void other_ctx(int version)
{
    SSL_CTX *a = shared_cache_ctx(version), *b = shared_cache_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *s, *t;

    printf("== another SSL_CTX, %s\n", sp_vname(version));
    reset_store();
    s = sp_conn(cctx, a, NULL, "full on A", NULL);
    printf("stored: %d sessions, new_cb calls %d\n", stored > 0, new_calls);
    t = sp_conn(cctx, b, s, "resume on B", NULL);
    printf("B: get_cb calls %d, read back %d, hits %ld, misses %ld, number %ld\n", get_calls > 0, get_hits > 0,
           SSL_CTX_sess_hits(b), SSL_CTX_sess_misses(b), SSL_CTX_sess_number(b));
    SSL_SESSION_free(t);
    /* a store whose bytes are cut short: a miss, then a full handshake */
    if (stored > 0) {
        int i;
        for (i = 0; i < STORE_MAX; i++) store[i].der_len /= 2;
        get_calls = get_hits = 0;
        t = sp_conn(cctx, b, s, "cut store on B", NULL);
        printf("B: read back %d\n", get_hits);
        SSL_SESSION_free(t);
        ERR_clear_error();
    }
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(a);
    SSL_CTX_free(b);
}

/* Waits (bounded) for the descriptor to be ready as SSL_get_error asks. */
static int wait_for(int fd, int err)
{
    struct pollfd pfd = { fd, err == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN, 0 };

    return poll(&pfd, 1, 10000) == 1;
}

/* Runs f(ssl) until it succeeds (1), fails (0) or waits too long. */
static int drive(SSL *ssl, int fd, int (*f)(SSL *))
{
    int i, r, e;

    for (i = 0; i < 200; i++) {
        ERR_clear_error();
        r = f(ssl);
        if (r == 1) return 1;
        e = SSL_get_error(ssl, r);
        if ((e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) || !wait_for(fd, e)) return 0;
    }
    return 0;
}

static int write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;

    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n <= 0) return 0;
        p += n;
        len -= n;
    }
    return 1;
}

static int read_all(int fd, void *buf, size_t len)
{
    char *p = buf;

    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n <= 0) return 0;
        p += n;
        len -= n;
    }
    return 1;
}

static int ssl_read_n(SSL *ssl, int fd, char *buf, int n)
{
    int got = 0, i;

    for (i = 0; got < n && i < 200; i++) {
        int r = SSL_read(ssl, buf + got, n - got), e;
        if (r > 0) {
            got += r;
            continue;
        }
        e = SSL_get_error(ssl, r);
        if ((e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) || !wait_for(fd, e)) return 0;
    }
    return got == n;
}

/* The child: reads the store from `in`, serves one connection on `fd`
 * with a context of its own, and reports "reused=R" on `out`. */
static void child(int version, int in, int out, int fd)
{
    SSL_CTX *ctx;
    SSL *ssl;
    char buf[4], line[64];
    int ok = 0, reused = -1;

    if (!read_all(in, &stored, sizeof stored) || !read_all(in, store, sizeof store)) _exit(4);
    ctx = shared_cache_ctx(version);
    ssl = SSL_new(ctx);
    if (ssl && SSL_set_fd(ssl, fd) == 1 && drive(ssl, fd, SSL_accept)) {
        reused = SSL_session_reused(ssl);
        ok = ssl_read_n(ssl, fd, buf, 4) && SSL_write(ssl, "pong", 4) == 4;
        SSL_shutdown(ssl);
    }
    snprintf(line, sizeof line, "child: accepted %d reused=%d get_cb read back %d\n", ok, reused, get_hits > 0);
    write_all(out, line, strlen(line));
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    close(fd);
    close(out);
    _exit(0);
}

/* A child process forked before the first handshake (and before the
 * parent's contexts exist). */
static void other_process(int version)
{
    SSL_CTX *a, *cctx;
    SSL_SESSION *s;
    SSL *ssl;
    int to_child[2], from_child[2], fd[2], status = 0, ok;
    char line[128] = { 0 }, buf[4];
    pid_t pid;
    ssize_t n;

    printf("== another process, %s\n", sp_vname(version));
    reset_store();
    sp_socketpair(fd);
    if (pipe(to_child) != 0 || pipe(from_child) != 0) sp_die("pipe");
    fflush(stdout);
    pid = fork();
    if (pid < 0) sp_die("fork");
    if (pid == 0) {
        close(to_child[1]);
        close(from_child[0]);
        close(fd[0]);
        child(version, to_child[0], from_child[1], fd[1]);
    }
    close(to_child[0]);
    close(from_child[1]);
    close(fd[1]);

    a = shared_cache_ctx(version);
    cctx = sp_client_ctx(version);
    s = sp_conn(cctx, a, NULL, "full in the parent", NULL);
    printf("stored: %d\n", stored > 0);
    if (!write_all(to_child[1], &stored, sizeof stored) || !write_all(to_child[1], store, sizeof store))
        sp_die("writing to the child");
    close(to_child[1]);

    ssl = SSL_new(cctx);
    if (!ssl || SSL_set_fd(ssl, fd[0]) != 1 || SSL_set_session(ssl, s) != 1) sp_die("client");
    ok = drive(ssl, fd[0], SSL_connect);
    printf("parent: connected %d reused=%d\n", ok, ok ? SSL_session_reused(ssl) : -1);
    if (ok) {
        ok = SSL_write(ssl, "ping", 4) == 4 && ssl_read_n(ssl, fd[0], buf, 4);
        printf("parent: exchange %d\n", ok);
    }
    n = read(from_child[0], line, sizeof line - 1);
    printf("%s", n > 0 ? line : "child: no report\n");
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) printf("child: did not exit\n");
    else if (WEXITSTATUS(status) != 0) printf("child: exit %d\n", WEXITSTATUS(status));
    close(from_child[0]);
    close(fd[0]);
    SSL_free(ssl);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(a);
}

int main(void)
{
    other_ctx(TLS1_2_VERSION);
    other_ctx(TLS1_3_VERSION);
    other_process(TLS1_2_VERSION);
    other_process(TLS1_3_VERSION);
    sp_cleanup();
    return 0;
}
