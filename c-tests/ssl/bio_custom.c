/* Application BIO_METHODs under SSL objects (SSL_set_bio).
 *
 * 1. A counting method over a descriptor (read/write/ctrl/create/destroy
 *    callbacks; BIO_CTRL_FLUSH answered 1): a handshake and data go through
 *    its callbacks; printed: whether each callback ran, that destroy runs
 *    once at SSL_free, and that SSL_get_fd finds no descriptor in it.
 * 2. A method that refuses every other write with a retry (BIO_set_retry_write)
 *    and every other read (BIO_set_retry_read): SSL_get_error says
 *    WANT_WRITE and WANT_READ, and retrying completes the handshake.
 * 3. libpq's pattern: a method made from BIO_s_socket()'s callbacks with
 *    its own read/write (recv/send, counting), type BIO_TYPE_SOCKET-derived
 *    (BIO_get_new_index() | BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR),
 *    installed with SSL_set_bio then BIO_set_fd: SSL_get_fd finds the
 *    descriptor; EOF from its read without BIO_FLAGS_IN_EOF is
 *    SSL_ERROR_SYSCALL with an empty queue (libpq's "EOF detected").
 * 4. A method whose ctrl answers 0 to BIO_CTRL_FLUSH: the handshake fails
 *    as in OpenSSL (which flushes after each flight). */
#include "sslpair.h"

typedef struct {
    int fd;
    int reads, writes, ctrls, flushes;
    int refuse;        /* refuse every other read and write with a retry */
    int flip_r, flip_w;
    int flush_result;
} counters;

static int created, destroyed;

static int c_write(BIO *b, const char *buf, int len)
{
    counters *c = BIO_get_data(b);
    ssize_t n;

    BIO_clear_retry_flags(b);
    c->writes++;
    if (c->refuse && (c->flip_w ^= 1)) {
        BIO_set_retry_write(b);
        return -1;
    }
    n = send(c->fd, buf, (size_t)len, MSG_NOSIGNAL);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) BIO_set_retry_write(b);
    return (int)n;
}

static int c_read(BIO *b, char *buf, int len)
{
    counters *c = BIO_get_data(b);
    ssize_t n;

    BIO_clear_retry_flags(b);
    c->reads++;
    if (c->refuse && (c->flip_r ^= 1)) {
        BIO_set_retry_read(b);
        return -1;
    }
    n = recv(c->fd, buf, (size_t)len, 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) BIO_set_retry_read(b);
    return (int)n;
}

static long c_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    counters *c = BIO_get_data(b);

    (void)num;
    (void)ptr;
    c->ctrls++;
    if (cmd == BIO_CTRL_FLUSH) {
        c->flushes++;
        return c->flush_result;
    }
    return 0;
}

static int c_create(BIO *b)
{
    created++;
    BIO_set_init(b, 1);
    return 1;
}

static int c_destroy(BIO *b)
{
    (void)b;
    destroyed++;
    return 1;
}

static BIO_METHOD *counting_method(void)
{
    static BIO_METHOD *m;

    if (m) return m;
    m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "counting");
    if (!m || !BIO_meth_set_write(m, c_write) || !BIO_meth_set_read(m, c_read) || !BIO_meth_set_ctrl(m, c_ctrl)
        || !BIO_meth_set_create(m, c_create) || !BIO_meth_set_destroy(m, c_destroy))
        sp_die("BIO_meth_new");
    return m;
}

static BIO *counting_bio(counters *c, int fd)
{
    BIO *b = BIO_new(counting_method());

    if (!b) sp_die("BIO_new");
    memset(c, 0, sizeof *c);
    c->fd = fd;
    c->flush_result = 1;
    BIO_set_data(b, c);
    return b;
}

static void print_queue(const char *label)
{
    unsigned long e;
    int n = 0;

    while ((e = ERR_get_error()) != 0) {
        printf("  %s: queue: lib=%d reason=%d %s\n", label, ERR_GET_LIB(e), ERR_GET_REASON(e),
               ERR_reason_error_string(e) ? ERR_reason_error_string(e) : "(no text)");
        n++;
    }
    if (!n) printf("  %s: queue empty\n", label);
}

/* Handshake with printed WANT_* results; returns 1 when both are done. */
static int drive(SSL *c, SSL *s, int verbose)
{
    int round, cd = 0, sd = 0, r, e;
    int cfail = 0, sfail = 0;

    for (round = 0; round < 40 && !(cd && sd) && !cfail && !sfail; round++) {
        if (!cd) {
            ERR_clear_error();
            r = SSL_connect(c);
            e = SSL_get_error(c, r);
            if (verbose) printf("  client: %d err %d\n", r, e);
            if (r == 1) cd = 1;
            else if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
                printf("  client failed: %d err %d\n", r, e);
                print_queue("client");
                cfail = 1;
            }
        }
        if (!sd) {
            ERR_clear_error();
            r = SSL_accept(s);
            e = SSL_get_error(s, r);
            if (verbose) printf("  server: %d err %d\n", r, e);
            if (r == 1) sd = 1;
            else if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
                printf("  server failed: %d err %d\n", r, e);
                print_queue("server");
                sfail = 1;
            }
        }
    }
    return cd && sd;
}

static void counting(SSL_CTX *cctx, SSL_CTX *sctx)
{
    int fd[2];
    counters cc, sc;
    SSL *c = SSL_new(cctx), *s = SSL_new(sctx);
    BIO *cb, *sb;
    char buf[16];
    int r;

    printf("counting BIOs:\n");
    sp_socketpair(fd);
    created = destroyed = 0;
    cb = counting_bio(&cc, fd[0]);
    sb = counting_bio(&sc, fd[1]);
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    printf("  created %d, SSL_get_rbio == SSL_get_wbio: %s, SSL_get_fd %d\n", created,
           SSL_get_rbio(c) == SSL_get_wbio(c) ? "yes" : "no", SSL_get_fd(c));
    printf("  handshake: %s\n", drive(c, s, 0) ? "done" : "failed");
    r = SSL_write(c, "counted", 7);
    printf("  client write %d\n", r);
    r = SSL_read(s, buf, sizeof buf);
    printf("  server read %d [%.*s]\n", r, r > 0 ? r : 0, buf);
    printf("  client callbacks: read %s, write %s, flush %s\n", cc.reads > 0 ? "yes" : "no",
           cc.writes > 0 ? "yes" : "no", cc.flushes > 0 ? "yes" : "no");
    printf("  server callbacks: read %s, write %s, flush %s\n", sc.reads > 0 ? "yes" : "no",
           sc.writes > 0 ? "yes" : "no", sc.flushes > 0 ? "yes" : "no");
    SSL_free(c);
    printf("  after SSL_free(client): destroyed %d\n", destroyed);
    SSL_free(s);
    printf("  after SSL_free(server): destroyed %d\n", destroyed);
    close(fd[0]);
    close(fd[1]);
}

static void refusing(SSL_CTX *cctx, SSL_CTX *sctx)
{
    int fd[2];
    counters cc, sc;
    SSL *c = SSL_new(cctx), *s = SSL_new(sctx);
    BIO *cb, *sb;
    char buf[16];
    int r, e, tries;

    printf("BIOs that refuse every other call:\n");
    sp_socketpair(fd);
    cb = counting_bio(&cc, fd[0]);
    sb = counting_bio(&sc, fd[1]);
    cc.refuse = sc.refuse = 1;
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    ERR_clear_error();
    r = SSL_connect(c);
    e = SSL_get_error(c, r);
    printf("  first client step: %d err %d, wbio retry=%d write=%d\n", r, e, BIO_should_retry(cb) ? 1 : 0,
           BIO_should_write(cb) ? 1 : 0);
    printf("  SSL_want: %d (SSL_WRITING %d)\n", SSL_want(c), SSL_WRITING);
    printf("  handshake: %s\n", drive(c, s, 0) ? "done" : "failed");
    for (tries = 0, r = -1; tries < 8 && r <= 0; tries++) r = SSL_write(c, "again", 5);
    printf("  client write %d\n", r);
    for (tries = 0, r = -1; tries < 8 && r <= 0; tries++) {
        r = SSL_read(s, buf, sizeof buf);
        if (r <= 0 && tries == 0) printf("  server first read: %d err %d\n", r, SSL_get_error(s, r));
    }
    printf("  server read %d [%.*s]\n", r, r > 0 ? r : 0, buf);
    SSL_free(c);
    SSL_free(s);
    close(fd[0]);
    close(fd[1]);
}

/* libpq's socket method: BIO_s_socket()'s callbacks, its own read/write. */
static int pq_reads;
static int (*sock_read)(BIO *, char *, int);

static int pq_read(BIO *b, char *buf, int len)
{
    int fd = -1;
    ssize_t n;

    pq_reads++;
    BIO_get_fd(b, &fd);
    BIO_clear_retry_flags(b);
    n = recv(fd, buf, (size_t)len, 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) BIO_set_retry_read(b);
    return (int)n;
}

static int pq_write(BIO *b, const char *buf, int len)
{
    int fd = -1;
    ssize_t n;

    BIO_get_fd(b, &fd);
    BIO_clear_retry_flags(b);
    n = send(fd, buf, (size_t)len, MSG_NOSIGNAL);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) BIO_set_retry_write(b);
    return (int)n;
}

static BIO_METHOD *pq_method(void)
{
    static BIO_METHOD *m;
    const BIO_METHOD *sock = BIO_s_socket();

    if (m) return m;
    m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR, "libpq socket");
    sock_read = BIO_meth_get_read(sock);
    if (!m || !BIO_meth_set_write(m, pq_write) || !BIO_meth_set_read(m, pq_read)
        || !BIO_meth_set_gets(m, BIO_meth_get_gets(sock)) || !BIO_meth_set_puts(m, BIO_meth_get_puts(sock))
        || !BIO_meth_set_ctrl(m, BIO_meth_get_ctrl(sock)) || !BIO_meth_set_create(m, BIO_meth_get_create(sock))
        || !BIO_meth_set_destroy(m, BIO_meth_get_destroy(sock))
        || !BIO_meth_set_callback_ctrl(m, BIO_meth_get_callback_ctrl(sock)))
        sp_die("libpq method");
    return m;
}

static void libpq(SSL_CTX *cctx, SSL_CTX *sctx)
{
    sp_pair p;
    BIO *b;
    char buf[16];
    int r, e;

    printf("libpq's socket method:\n");
    sp_new(&p, cctx, sctx);
    b = BIO_new(pq_method());
    if (!b) sp_die("BIO_new");
    SSL_set_bio(p.c, b, b);
    BIO_set_fd(b, p.fd[0], BIO_NOCLOSE);
    printf("  SSL_get_fd %s the descriptor, SSL_get_wfd %s\n", SSL_get_fd(p.c) == p.fd[0] ? "is" : "is not",
           SSL_get_wfd(p.c) == p.fd[0] ? "too" : "not");
    pq_reads = 0;
    if (sp_handshake(&p, "libpq") && sp_exchange(&p, "libpq")) {
        printf("  handshake and exchange done, reads through the method: %s\n", pq_reads > 0 ? "yes" : "no");
        shutdown(p.fd[1], SHUT_WR);
        ERR_clear_error();
        errno = 0;
        r = SSL_read(p.c, buf, sizeof buf);
        e = SSL_get_error(p.c, r);
        printf("  client read at EOF: %d err %d errno %d\n", r, e, errno);
        print_queue("client");
    }
    sp_free(&p);
}

static void no_flush(SSL_CTX *cctx, SSL_CTX *sctx)
{
    int fd[2];
    counters cc, sc;
    SSL *c = SSL_new(cctx), *s = SSL_new(sctx);
    BIO *cb, *sb;

    printf("a BIO whose flush fails:\n");
    sp_socketpair(fd);
    cb = counting_bio(&cc, fd[0]);
    sb = counting_bio(&sc, fd[1]);
    cc.flush_result = 0;
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    printf("  handshake: %s\n", drive(c, s, 1) ? "done" : "failed");
    SSL_free(c);
    SSL_free(s);
    close(fd[0]);
    close(fd[1]);
}

int main(void)
{
    int versions[] = { TLS1_2_VERSION, TLS1_3_VERSION };
    size_t i;

    for (i = 0; i < 2; i++) {
        SSL_CTX *sctx = sp_server_ctx(versions[i]), *cctx = sp_client_ctx(versions[i]);

        printf("== %s\n", sp_vname(versions[i]));
        counting(cctx, sctx);
        refusing(cctx, sctx);
        libpq(cctx, sctx);
        no_flush(cctx, sctx);
        SSL_CTX_free(sctx);
        SSL_CTX_free(cctx);
    }
    BIO_meth_free(counting_method());
    BIO_meth_free(pq_method());
    sp_cleanup();
    return 0;
}
