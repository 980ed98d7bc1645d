/* SSL_shutdown, SSL_get_shutdown and SSL_get_error (semantics §8, §19), on
 * TLS 1.2 and TLS 1.3: the bidirectional sequence (0 then 1), a close_notify
 * read by SSL_read (SSL_ERROR_ZERO_RETURN), half-close (data after one side
 * sent close_notify), SSL_write after SSL_shutdown, EOF without close_notify
 * (with and without SSL_OP_IGNORE_UNEXPECTED_EOF), WANT_READ on a
 * non-blocking descriptor, SSL_shutdown before the handshake, and
 * SSL_set_shutdown avoiding the bad-session rule. */
#include "sslpair.h"

static void show(const char *what, SSL *ssl, int r)
{
    int e = SSL_get_error(ssl, r);

    printf("  %s: ret %d err %d shutdown %d\n", what, r, e, SSL_get_shutdown(ssl));
    ERR_clear_error();
}

static int do_read(SSL *ssl, const char *what)
{
    char buf[16];
    int r;

    ERR_clear_error();
    r = SSL_read(ssl, buf, sizeof buf);
    show(what, ssl, r);
    if (r > 0) printf("  %s: data [%.*s]\n", what, r, buf);
    return r;
}

static int do_write(SSL *ssl, const char *what, const char *data)
{
    int r;

    ERR_clear_error();
    r = SSL_write(ssl, data, (int)strlen(data));
    show(what, ssl, r);
    return r;
}

static int do_shutdown(SSL *ssl, const char *what)
{
    int r;

    ERR_clear_error();
    r = SSL_shutdown(ssl);
    show(what, ssl, r);
    return r;
}

/* Connected pair with data exchanged (tickets read). */
static int connected(sp_pair *p, SSL_CTX *cctx, SSL_CTX *sctx, const char *label)
{
    sp_new(p, cctx, sctx);
    if (sp_handshake(p, label) && sp_exchange(p, label)) return 1;
    sp_free(p);
    return 0;
}

static void sequences(int version)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    sp_pair p;

    printf("== %s\n", sp_vname(version));

    printf("both SSL_shutdown twice:\n");
    if (connected(&p, cctx, sctx, "seq1")) {
        printf("  flags before: client %d server %d\n", SSL_get_shutdown(p.c), SSL_get_shutdown(p.s));
        do_shutdown(p.c, "client shutdown");
        do_shutdown(p.s, "server shutdown");
        do_shutdown(p.c, "client shutdown");
        do_shutdown(p.s, "server shutdown");
        do_shutdown(p.c, "client shutdown (third)");
        do_read(p.c, "client read after");
        do_write(p.c, "client write after", "x");
        sp_free(&p);
    }

    printf("close_notify read by SSL_read:\n");
    if (connected(&p, cctx, sctx, "seq2")) {
        do_shutdown(p.c, "client shutdown");
        do_read(p.s, "server read");
        do_read(p.s, "server read again");
        do_shutdown(p.s, "server shutdown");
        do_read(p.c, "client read");
        do_shutdown(p.c, "client shutdown");
        sp_free(&p);
    }

    printf("half-close:\n");
    if (connected(&p, cctx, sctx, "seq3")) {
        do_shutdown(p.c, "client shutdown");
        do_write(p.c, "client write after own close_notify", "x");
        do_read(p.s, "server read");
        do_write(p.s, "server write after peer close_notify", "late");
        do_read(p.c, "client read");
        do_shutdown(p.s, "server shutdown");
        do_shutdown(p.c, "client shutdown");
        sp_free(&p);
    }

    printf("WANT_READ on an idle connection:\n");
    if (connected(&p, cctx, sctx, "seq4")) {
        do_read(p.c, "client read");
        do_read(p.s, "server read");
        sp_shutdown(&p, "seq4");
        sp_free(&p);
    }

    printf("EOF without close_notify:\n");
    if (connected(&p, cctx, sctx, "seq5")) {
        close(p.fd[1]);
        p.fd[1] = -1;
        do_read(p.c, "client read");
        do_write(p.c, "client write", "x");
        do_shutdown(p.c, "client shutdown");
        sp_free(&p);
    }

    printf("EOF without close_notify, SSL_OP_IGNORE_UNEXPECTED_EOF:\n");
    if (connected(&p, cctx, sctx, "seq6")) {
        SSL_set_options(p.c, SSL_OP_IGNORE_UNEXPECTED_EOF);
        close(p.fd[1]);
        p.fd[1] = -1;
        do_read(p.c, "client read");
        do_shutdown(p.c, "client shutdown");
        sp_free(&p);
    }

    printf("EOF in the middle of the handshake:\n");
    sp_new(&p, cctx, sctx);
    do_read(p.c, "client read before any handshake call");
    {
        int r;
        ERR_clear_error();
        r = SSL_connect(p.c);   /* sends the ClientHello */
        show("client connect", p.c, r);
        close(p.fd[1]);
        p.fd[1] = -1;
        ERR_clear_error();
        r = SSL_connect(p.c);
        show("client connect after the peer closed", p.c, r);
    }
    sp_free(&p);

    printf("SSL_shutdown before the handshake:\n");
    sp_new(&p, cctx, sctx);
    do_shutdown(p.c, "client shutdown");
    do_shutdown(p.s, "server shutdown");
    sp_free(&p);

    printf("SSL_set_shutdown then SSL_free keeps the session resumable:\n");
    if (connected(&p, cctx, sctx, "seq7")) {
        SSL_SESSION *s = SSL_get1_session(p.c), *t;
        SSL_set_shutdown(p.c, SSL_SENT_SHUTDOWN);
        printf("  client flags %d\n", SSL_get_shutdown(p.c));
        SSL_set_shutdown(p.s, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
        printf("  server flags %d\n", SSL_get_shutdown(p.s));
        sp_free(&p);
        sp_print_sess("  session", s);
        t = sp_conn(cctx, sctx, s, "  resume", NULL);
        SSL_SESSION_free(t);
        SSL_SESSION_free(s);
    }

    printf("SSL_get_error after success:\n");
    if (connected(&p, cctx, sctx, "seq8")) {
        printf("  get_error(1) %d, get_error(4) %d\n", SSL_get_error(p.c, 1), SSL_get_error(p.c, 4));
        sp_shutdown(&p, "seq8");
        sp_free(&p);
    }

    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    sequences(TLS1_2_VERSION);
    sequences(TLS1_3_VERSION);
    sp_cleanup();
    return 0;
}
