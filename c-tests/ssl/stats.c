/* SSL_CTX_sess_* statistics (semantics §11, §3.4) after scripted
 * sequences: the observed 3 TLS 1.2 connections with 2 resumptions (server
 * accept=3 accept_good=3 hits=2, client connect=3 connect_good=3 hits=2),
 * the same on TLS 1.3 and with a session-id cache; failed handshakes
 * (started, not good); a cache-less server (mode OFF); one SSL_CTX serving
 * both roles; the statistics ctrls through SSL_ctrl (always 0); and the
 * automatic flush of expired sessions at the 256th completed server
 * handshake (and not with SSL_SESS_CACHE_NO_AUTO_CLEAR). */
#include "sslpair.h"

static void scripted(int version, int no_ticket, long server_mode)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *s1, *t;

    printf("== %s%s%s\n", sp_vname(version), no_ticket ? " NO_TICKET" : "",
           server_mode == SSL_SESS_CACHE_OFF ? " server cache off" : "");
    if (no_ticket) SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    if (server_mode >= 0) SSL_CTX_set_session_cache_mode(sctx, server_mode);
    sp_print_stats("server initial", sctx);
    sp_print_stats("client initial", cctx);
    s1 = sp_conn(cctx, sctx, NULL, "conn 1", NULL);
    sp_print_stats("server", sctx);
    sp_print_stats("client", cctx);
    t = sp_conn(cctx, sctx, s1, "conn 2", NULL);
    SSL_SESSION_free(t);
    sp_print_stats("server", sctx);
    sp_print_stats("client", cctx);
    t = sp_conn(cctx, sctx, s1, "conn 3", NULL);
    SSL_SESSION_free(t);
    sp_print_stats("server", sctx);
    sp_print_stats("client", cctx);
    SSL_SESSION_free(s1);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* Handshakes that fail count as started, not as good. */
static void failed(void)
{
    SSL_CTX *sctx = sp_server_ctx(0), *cctx = sp_client_ctx(TLS1_2_VERSION);
    sp_pair p;

    printf("== failed handshake (client max TLS1.2, server min TLS1.3)\n");
    printf("server set_min_proto_version: %ld\n", SSL_CTX_set_min_proto_version(sctx, TLS1_3_VERSION));
    sp_new(&p, cctx, sctx);
    sp_handshake(&p, "conn");
    sp_free(&p);
    sp_print_stats("server", sctx);
    sp_print_stats("client", cctx);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* One SSL_CTX (TLS_method, with the certificate) for client and server. */
static void shared_ctx(int no_ticket)
{
    SSL_CTX *ctx;
    SSL_SESSION *s1 = NULL, *t;
    int i;

    printf("== one SSL_CTX for both roles%s\n", no_ticket ? ", NO_TICKET" : "");
    ctx = SSL_CTX_new(TLS_method());
    if (!ctx) sp_die("SSL_CTX_new(TLS_method())");
    sp_use_cert(ctx);
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    if (no_ticket) SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    for (i = 0; i < 3; i++) {
        char label[16];
        snprintf(label, sizeof label, "conn %d", i + 1);
        t = sp_conn(ctx, ctx, s1, label, NULL);
        if (!s1) s1 = t;
        else SSL_SESSION_free(t);
        sp_print_stats("ctx", ctx);
    }
    SSL_SESSION_free(s1);
    SSL_CTX_free(ctx);
}

/* The statistics are SSL_CTX ctrls: SSL_ctrl returns 0 for them. */
static void ssl_ctrl_stats(void)
{
    SSL_CTX *sctx = sp_server_ctx(TLS1_2_VERSION), *cctx = sp_client_ctx(TLS1_2_VERSION);
    SSL_SESSION *t;
    sp_pair p;
    int cmd;

    printf("== SSL_ctrl with the statistics commands\n");
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    t = sp_conn(cctx, sctx, NULL, "conn", NULL);
    SSL_SESSION_free(t);
    sp_new(&p, cctx, sctx);
    for (cmd = SSL_CTRL_SESS_NUMBER; cmd <= SSL_CTRL_SESS_CACHE_FULL; cmd++)
        printf("ctrl %d: SSL_ctrl server %ld client %ld, SSL_CTX_ctrl server %ld\n", cmd,
               SSL_ctrl(p.s, cmd, 0, NULL), SSL_ctrl(p.c, cmd, 0, NULL), SSL_CTX_ctrl(sctx, cmd, 0, NULL));
    sp_free(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* The server cache is flushed of expired sessions when a handshake ends
 * with accept_good & 0xff == 0xff, counted before that handshake's own
 * increment: at the end of the 256th, 512th, ... completed handshake;
 * not with NO_AUTO_CLEAR. The many handshakes are TLS 1.2 resumptions
 * (cheap). */
static SSL_SESSION *expired_one;

static int catch_first(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    if (expired_one) return 0;
    expired_one = sess;
    return 1;
}

static void auto_flush(long extra_mode)
{
    SSL_CTX *sctx = sp_server_ctx(TLS1_2_VERSION), *cctx = sp_client_ctx(TLS1_2_VERSION);
    SSL_SESSION *keep, *t;
    int i, quiet = 0;

    printf("== automatic flush, server mode 0x%lx\n", SSL_SESS_CACHE_SERVER | extra_mode);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_session_cache_mode(sctx, SSL_SESS_CACHE_SERVER | extra_mode);
    SSL_CTX_sess_set_new_cb(sctx, catch_first);
    t = sp_conn(cctx, sctx, NULL, "conn 1", NULL);
    SSL_SESSION_free(t);
    keep = sp_conn(cctx, sctx, NULL, "conn 2", NULL);
    /* the first server session expired long ago; it stays cached until a
     * flush */
    if (expired_one) SSL_SESSION_set_time(expired_one, (long)time(NULL) - 100000);
    sp_print_stats("server", sctx);
    for (i = 3; i <= 255; i++) {
        sp_pair p;
        sp_new(&p, cctx, sctx);
        SSL_set_session(p.c, keep);
        if (!sp_handshake(&p, "loop") || !SSL_session_reused(p.c) || !sp_shutdown(&p, "loop")) quiet++;
        sp_free(&p);
    }
    printf("loop failures: %d\n", quiet);
    sp_print_stats("server after 255", sctx);
    t = sp_conn(cctx, sctx, keep, "conn 256", NULL);
    SSL_SESSION_free(t);
    sp_print_stats("server after 256", sctx);
    sp_print_sess("expired one", expired_one);
    SSL_SESSION_free(expired_one);
    expired_one = NULL;
    SSL_SESSION_free(keep);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    scripted(TLS1_2_VERSION, 0, -1);
    scripted(TLS1_3_VERSION, 0, -1);
    scripted(TLS1_2_VERSION, 1, -1);
    scripted(TLS1_3_VERSION, 1, -1);
    scripted(TLS1_2_VERSION, 1, SSL_SESS_CACHE_OFF);
    failed();
    shared_ctx(0);
    shared_ctx(1);
    ssl_ctrl_stats();
    auto_flush(0);
    auto_flush(SSL_SESS_CACHE_NO_AUTO_CLEAR);
    sp_cleanup();
    return 0;
}
