/* TLS over memory BIOs, as Python's SSLObject and asyncio drive it: each
 * side has an incoming and an outgoing BIO_s_mem (SSL_set_bio), and the
 * test moves the bytes between them, one side at a time. Printed: each
 * step's return value and SSL_get_error (WANT_READ sequences), whether the
 * step produced output, BIO_should_retry/BIO_should_read of the BIOs after a
 * WANT_READ, SSL_pending/BIO_pending around a record, application data both
 * ways (also larger than one record), a close_notify exchange through the
 * BIOs, an EOF marked on the incoming BIO (BIO_set_mem_eof_return 0:
 * "unexpected eof while reading"), what SSL_get_rbio/SSL_get_wbio/SSL_get_fd
 * return, and the Python pattern of BIO references (the program keeps its
 * own reference to each BIO and frees it after SSL_free). TLS 1.2 and 1.3;
 * resumption through memory BIOs too. */
#include "sslpair.h"

typedef struct {
    SSL *ssl;
    BIO *in, *out;      /* in: bytes from the peer; out: bytes for the peer */
} side;

static void side_new(side *s, SSL_CTX *ctx, int client)
{
    s->ssl = SSL_new(ctx);
    s->in = BIO_new(BIO_s_mem());
    s->out = BIO_new(BIO_s_mem());
    if (!s->ssl || !s->in || !s->out) sp_die("side_new");
    /* Python keeps a reference of its own to each BIO. */
    BIO_up_ref(s->in);
    BIO_up_ref(s->out);
    SSL_set_bio(s->ssl, s->in, s->out);
    if (client) SSL_set_connect_state(s->ssl);
    else SSL_set_accept_state(s->ssl);
}

static void side_free(side *s)
{
    SSL_free(s->ssl);
    BIO_free(s->in);
    BIO_free(s->out);
}

/* Moves everything a side wrote to the other side's incoming BIO; returns
 * the byte count. */
static int pump(side *from, side *to)
{
    char buf[4096];
    int n, total = 0;

    while ((n = BIO_read(from->out, buf, sizeof buf)) > 0) {
        if (BIO_write(to->in, buf, n) != n) sp_die("BIO_write");
        total += n;
    }
    return total;
}

static const char *err_name(int e)
{
    switch (e) {
    case SSL_ERROR_NONE: return "NONE";
    case SSL_ERROR_SSL: return "SSL";
    case SSL_ERROR_WANT_READ: return "WANT_READ";
    case SSL_ERROR_WANT_WRITE: return "WANT_WRITE";
    case SSL_ERROR_SYSCALL: return "SYSCALL";
    case SSL_ERROR_ZERO_RETURN: return "ZERO_RETURN";
    default: return "other";
    }
}

static void print_queue(void)
{
    unsigned long e;

    while ((e = ERR_get_error()) != 0)
        printf("    queue: lib=%d reason=%d %s\n", ERR_GET_LIB(e), ERR_GET_REASON(e), ERR_reason_error_string(e));
}

/* One handshake step of one side; returns 1 when it is done. */
static int step(const char *who, side *s, int *done)
{
    int r, e;

    if (*done) return 1;
    ERR_clear_error();
    r = SSL_do_handshake(s->ssl);
    e = SSL_get_error(s->ssl, r);
    printf("  %s: SSL_do_handshake %d %s, output %s", who, r, err_name(e), BIO_pending(s->out) > 0 ? "yes" : "no");
    if (e == SSL_ERROR_WANT_READ)
        printf(", in: retry=%d read=%d", BIO_should_retry(s->in) ? 1 : 0, BIO_should_read(s->in) ? 1 : 0);
    printf(", init_finished=%d\n", SSL_is_init_finished(s->ssl));
    if (r == 1) *done = 1;
    else if (e != SSL_ERROR_WANT_READ) print_queue();
    return r == 1;
}

/* The whole handshake, client first; returns 1 if both completed. */
static int handshake(side *c, side *s)
{
    int cd = 0, sd = 0, round;

    for (round = 0; round < 10 && !(cd && sd); round++) {
        step("client", c, &cd);
        pump(c, s);
        step("server", s, &sd);
        pump(s, c);
    }
    printf("  handshake: client %s, server %s\n", cd ? "done" : "not done", sd ? "done" : "not done");
    return cd && sd;
}

static void data(side *c, side *s)
{
    static char big[40000];
    char buf[50000];
    int r, e, got, rounds;

    ERR_clear_error();
    r = SSL_read(c->ssl, buf, sizeof buf);
    e = SSL_get_error(c->ssl, r);
    printf("  client read with nothing sent: %d %s, in: retry=%d read=%d\n", r, err_name(e),
           BIO_should_retry(c->in) ? 1 : 0, BIO_should_read(c->in) ? 1 : 0);
    /* TLS 1.3 tickets went to the client with the server's last flight. */
    r = SSL_write(c->ssl, "hello", 5);
    printf("  client write: %d, output %s\n", r, BIO_pending(c->out) > 0 ? "yes" : "no");
    pump(c, s);
    printf("  server: SSL_pending before read %d, BIO_pending(in) %s\n", SSL_pending(s->ssl),
           BIO_pending(s->in) > 0 ? ">0" : "0");
    r = SSL_read(s->ssl, buf, 2);
    printf("  server read 2: %d [%.*s], SSL_pending %d, SSL_has_pending %d\n", r, r > 0 ? r : 0, buf,
           SSL_pending(s->ssl), SSL_has_pending(s->ssl));
    r = SSL_read(s->ssl, buf, sizeof buf);
    printf("  server read rest: %d [%.*s], SSL_pending %d\n", r, r > 0 ? r : 0, buf, SSL_pending(s->ssl));
    r = SSL_read(s->ssl, buf, sizeof buf);
    printf("  server read again: %d %s\n", r, err_name(SSL_get_error(s->ssl, r)));

    /* Two records arriving together are both read. */
    SSL_write(c->ssl, "first", 5);
    SSL_write(c->ssl, "second", 6);
    pump(c, s);
    for (got = 0, rounds = 0; got < 11 && rounds < 4; rounds++) {
        r = SSL_read(s->ssl, buf + got, 11 - got);
        if (r <= 0) break;
        got += r;
    }
    printf("  two records: [%.*s], then pending %d\n", got, buf, SSL_pending(s->ssl));

    memset(big, 'b', sizeof big);
    r = SSL_write(s->ssl, big, sizeof big);
    printf("  server write %d bytes: %d\n", (int)sizeof big, r);
    pump(s, c);
    for (got = 0, rounds = 0; got < (int)sizeof big && rounds < 20; rounds++) {
        r = SSL_read(c->ssl, buf, sizeof buf);
        if (r <= 0) break;
        got += r;
    }
    printf("  client read: %d bytes in %s\n", got, rounds > 1 ? "several reads" : "one read");
}

static void close_notify(side *c, side *s)
{
    char buf[16];
    int r;

    r = SSL_shutdown(c->ssl);
    printf("  client shutdown: %d %s, output %s\n", r, err_name(SSL_get_error(c->ssl, r)),
           BIO_pending(c->out) > 0 ? "yes" : "no");
    pump(c, s);
    r = SSL_read(s->ssl, buf, sizeof buf);
    printf("  server read: %d %s, shutdown %d\n", r, err_name(SSL_get_error(s->ssl, r)), SSL_get_shutdown(s->ssl));
    r = SSL_shutdown(s->ssl);
    printf("  server shutdown: %d\n", r);
    pump(s, c);
    r = SSL_shutdown(c->ssl);
    printf("  client shutdown: %d, shutdown %d\n", r, SSL_get_shutdown(c->ssl));
}

static void accessors(side *c)
{
    int fd = -2;

    printf("  SSL_get_rbio is the incoming BIO: %s, SSL_get_wbio the outgoing one: %s\n",
           SSL_get_rbio(c->ssl) == c->in ? "yes" : "no", SSL_get_wbio(c->ssl) == c->out ? "yes" : "no");
    printf("  SSL_get_fd %d, SSL_get_rfd %d, SSL_get_wfd %d, BIO_get_fd(rbio) %ld\n", SSL_get_fd(c->ssl),
           SSL_get_rfd(c->ssl), SSL_get_wfd(c->ssl), BIO_get_fd(SSL_get_rbio(c->ssl), &fd));
}

static SSL_SESSION *run(SSL_CTX *cctx, SSL_CTX *sctx, SSL_SESSION *resume, const char *label)
{
    side c, s;
    SSL_SESSION *sess = NULL;

    printf("%s\n", label);
    side_new(&c, cctx, 1);
    side_new(&s, sctx, 0);
    if (resume) SSL_set_session(c.ssl, resume);
    accessors(&c);
    if (handshake(&c, &s)) {
        printf("  %s reused=%d/%d\n", SSL_get_version(c.ssl), SSL_session_reused(c.ssl), SSL_session_reused(s.ssl));
        data(&c, &s);
        sess = SSL_get1_session(c.ssl);
        close_notify(&c, &s);
    }
    side_free(&c);
    side_free(&s);
    return sess;
}

static void eof(SSL_CTX *cctx, SSL_CTX *sctx)
{
    side c, s;
    char buf[16];
    int r;

    printf("EOF marked on the incoming BIO:\n");
    side_new(&c, cctx, 1);
    side_new(&s, sctx, 0);
    if (handshake(&c, &s)) {
        ERR_clear_error();
        r = SSL_read(c.ssl, buf, sizeof buf);
        printf("  client read: %d %s\n", r, err_name(SSL_get_error(c.ssl, r)));
        BIO_set_mem_eof_return(c.in, 0);
        ERR_clear_error();
        r = SSL_read(c.ssl, buf, sizeof buf);
        printf("  client read after EOF: %d %s\n", r, err_name(SSL_get_error(c.ssl, r)));
        print_queue();
    }
    side_free(&c);
    side_free(&s);

    printf("EOF marked on the incoming BIO during the handshake:\n");
    side_new(&c, cctx, 1);
    side_new(&s, sctx, 0);
    ERR_clear_error();
    r = SSL_do_handshake(c.ssl);
    printf("  client: %d %s\n", r, err_name(SSL_get_error(c.ssl, r)));
    BIO_set_mem_eof_return(c.in, 0);
    ERR_clear_error();
    r = SSL_do_handshake(c.ssl);
    printf("  client after EOF: %d %s\n", r, err_name(SSL_get_error(c.ssl, r)));
    print_queue();
    side_free(&c);
    side_free(&s);
}

/* Without references of its own: SSL_set_bio takes over the BIOs, one
 * BIO for both directions (the server writes and reads the same BIO pair
 * object: a BIO pair made by BIO_new_bio_pair). */
static void bio_pair(SSL_CTX *cctx, SSL_CTX *sctx)
{
    BIO *cb = NULL, *sb = NULL;
    SSL *c = SSL_new(cctx), *s = SSL_new(sctx);
    int round, cd = 0, sd = 0, r;
    char buf[8];

    printf("BIO_new_bio_pair:\n");
    if (!BIO_new_bio_pair(&cb, 0, &sb, 0)) sp_die("BIO_new_bio_pair");
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    printf("  rbio == wbio: %s\n", SSL_get_rbio(c) == SSL_get_wbio(c) ? "yes" : "no");
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    for (round = 0; round < 10 && !(cd && sd); round++) {
        if (!cd) {
            r = SSL_do_handshake(c);
            printf("  client: %d %s\n", r, err_name(SSL_get_error(c, r)));
            cd = r == 1;
        }
        if (!sd) {
            r = SSL_do_handshake(s);
            printf("  server: %d %s\n", r, err_name(SSL_get_error(s, r)));
            sd = r == 1;
        }
    }
    r = SSL_write(c, "pair", 4);
    printf("  client write: %d\n", r);
    r = SSL_read(s, buf, sizeof buf);
    printf("  server read: %d [%.*s]\n", r, r > 0 ? r : 0, buf);
    SSL_free(c);
    SSL_free(s);
}

int main(void)
{
    int versions[] = { TLS1_2_VERSION, TLS1_3_VERSION };
    size_t i;

    for (i = 0; i < 2; i++) {
        SSL_CTX *sctx = sp_server_ctx(versions[i]), *cctx = sp_client_ctx(versions[i]);
        SSL_SESSION *sess, *again;

        SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
        printf("== %s\n", sp_vname(versions[i]));
        sess = run(cctx, sctx, NULL, "full handshake:");
        again = run(cctx, sctx, sess, "resumed handshake:");
        SSL_SESSION_free(sess);
        SSL_SESSION_free(again);
        eof(cctx, sctx);
        bio_pair(cctx, sctx);
        SSL_CTX_free(sctx);
        SSL_CTX_free(cctx);
    }
    sp_cleanup();
    return 0;
}
