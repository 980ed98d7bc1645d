/* ALPN on both sides: the setters' inverted results, the client's list
 * against the server's selection callback (OK, NOACK, fatal, no callback),
 * what each side and each session reports, resumption, and
 * SSL_select_next_proto. */
#include "sslpair.h"

static int mode; /* 0: SSL_select_next_proto, 1: NOACK, 2: fatal */
static const unsigned char server_list[] = "\x02h2\x08http/1.1";
static int calls;

static int select_cb(SSL *s, const unsigned char **out, unsigned char *outlen, const unsigned char *in,
                     unsigned int inlen, void *arg)
{
    (void)s;
    calls++;
    printf("  select cb: inlen=%u arg=%s\n", inlen, (const char *)arg);
    if (mode == 1) return SSL_TLSEXT_ERR_NOACK;
    if (mode == 2) return SSL_TLSEXT_ERR_ALERT_FATAL;
    if (SSL_select_next_proto((unsigned char **)out, outlen, server_list, sizeof server_list - 1, in, inlen) !=
        OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_ALERT_FATAL;
    return SSL_TLSEXT_ERR_OK;
}

static void show(const char *who, SSL *s)
{
    const unsigned char *p = (const unsigned char *)"x";
    unsigned int n = 99;
    SSL_get0_alpn_selected(s, &p, &n);
    printf("  %s selected: %s%.*s (%u)\n", who, p ? "" : "NULL ", (int)n, p ? (const char *)p : "", n);
}

static void show_sess(const char *who, SSL_SESSION *s)
{
    const unsigned char *p = (const unsigned char *)"x";
    size_t n = 99;
    SSL_SESSION_get0_alpn_selected(s, &p, &n);
    printf("  %s session: %s%.*s (%zu)\n", who, p ? "" : "NULL ", (int)n, p ? (const char *)p : "", n);
}

static SSL_CTX *sctx_shared;

static SSL_SESSION *run(const char *label, int ver, const char *client, unsigned clen, int cbmode, SSL_SESSION *resume)
{
    SSL_CTX *sctx = sctx_shared ? sctx_shared : sp_server_ctx(ver), *cctx = sp_client_ctx(ver);
    SSL_SESSION *sess = NULL, *ssess;
    sp_pair p;

    mode = cbmode;
    calls = 0;
    SSL_CTX_set_alpn_select_cb(sctx, cbmode >= 0 ? select_cb : NULL, (void *)"arg");
    if (client && SSL_CTX_set_alpn_protos(cctx, (const unsigned char *)client, clen) != 0) printf("set failed\n");
    printf("%s (%s):\n", label, sp_vname(ver));
    sp_new(&p, cctx, sctx);
    if (resume) SSL_set_session(p.c, resume);
    if (sp_handshake(&p, "  handshake")) {
        printf("  reused=%d/%d calls=%d\n", SSL_session_reused(p.c), SSL_session_reused(p.s), calls);
        show("client", p.c);
        show("server", p.s);
        if (sp_exchange(&p, label)) {
            sess = SSL_get1_session(p.c);
            ssess = SSL_get1_session(p.s);
            show_sess("client", sess);
            show_sess("server", ssess);
            SSL_SESSION_free(ssess);
            sp_shutdown(&p, label);
        }
    } else {
        printf("  calls=%d\n", calls);
        show("client", p.c);
    }
    ERR_clear_error();
    sp_free(&p);
    if (!sctx_shared) SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return sess;
}

int main(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *ssl = SSL_new(ctx);
    SSL_SESSION *s, *t;
    unsigned char *out = (unsigned char *)"x", outlen = 99;
    const unsigned char *cp = (const unsigned char *)"x";
    unsigned int n = 99;
    int v, i;
    static const int vers[2] = { TLS1_2_VERSION, TLS1_3_VERSION };

    /* setters: 0 = success */
    printf("ctx set h2 -> %d\n", SSL_CTX_set_alpn_protos(ctx, (const unsigned char *)"\x02h2", 3));
    printf("ctx set bad length -> %d\n", SSL_CTX_set_alpn_protos(ctx, (const unsigned char *)"\x03h2", 3));
    printf("ctx set empty name -> %d\n", SSL_CTX_set_alpn_protos(ctx, (const unsigned char *)"\x00\x02h2", 4));
    printf("ctx set NULL -> %d\n", SSL_CTX_set_alpn_protos(ctx, NULL, 0));
    printf("ctx set len 0 -> %d\n", SSL_CTX_set_alpn_protos(ctx, (const unsigned char *)"\x02h2", 0));
    printf("ssl set h2 -> %d\n", SSL_set_alpn_protos(ssl, (const unsigned char *)"\x02h2", 3));
    printf("ssl set 1 byte -> %d\n", SSL_set_alpn_protos(ssl, (const unsigned char *)"\x01", 1));
    SSL_get0_alpn_selected(ssl, &cp, &n);
    printf("before handshake: %s %u\n", cp ? "non-NULL" : "NULL", n);
    cp = (const unsigned char *)"x";
    n = 99;
    SSL_get0_next_proto_negotiated(ssl, &cp, &n);
    printf("npn: %s %u\n", cp ? "non-NULL" : "NULL", n);

    v = SSL_select_next_proto(&out, &outlen, (const unsigned char *)"\x03" "foo\x02h2", 7,
                              (const unsigned char *)"\x02h2\x03" "foo", 7);
    printf("select overlap -> %d %.*s\n", v, outlen, out);
    v = SSL_select_next_proto(&out, &outlen, (const unsigned char *)"\x03" "foo", 4,
                              (const unsigned char *)"\x03" "bar\x03" "baz", 8);
    printf("select none -> %d %.*s\n", v, outlen, out);
    v = SSL_select_next_proto(&out, &outlen, (const unsigned char *)"\x03" "foo", 4, (const unsigned char *)"", 0);
    printf("select empty client -> %d %s %d\n", v, out ? "non-NULL" : "NULL", outlen);
    SSL_free(ssl);
    SSL_CTX_free(ctx);

    for (i = 0; i < 2; i++) {
        v = vers[i];
        sctx_shared = sp_server_ctx(v);
        s = run("h2 offered, select", v, "\x02h2\x08http/1.1", 12, 0, NULL);
        t = run("resume", v, "\x02h2\x08http/1.1", 12, 0, s);
        SSL_SESSION_free(t);
        SSL_SESSION_free(s);
        SSL_CTX_free(sctx_shared);
        sctx_shared = NULL;
        SSL_SESSION_free(run("http/1.1 only", v, "\x08http/1.1", 9, 0, NULL));
        SSL_SESSION_free(run("no overlap", v, "\x03" "foo", 4, 0, NULL));
        SSL_SESSION_free(run("NOACK", v, "\x02h2", 3, 1, NULL));
        SSL_SESSION_free(run("fatal", v, "\x02h2", 3, 2, NULL));
        SSL_SESSION_free(run("server has no callback", v, "\x02h2", 3, -1, NULL));
        SSL_SESSION_free(run("client offers nothing", v, NULL, 0, 0, NULL));
    }
    s = SSL_SESSION_new();
    show_sess("new", s);
    printf("set1 -> %d\n", SSL_SESSION_set1_alpn_selected(s, (const unsigned char *)"h2", 2));
    show_sess("set", s);
    printf("set1 NULL -> %d\n", SSL_SESSION_set1_alpn_selected(s, NULL, 0));
    show_sess("cleared", s);
    SSL_SESSION_free(s);
    sp_cleanup();
    return 0;
}
