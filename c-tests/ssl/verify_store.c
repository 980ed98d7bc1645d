/* The libcrypto objects of the libssl face: SSL_get_ex_data_X509_STORE_CTX_idx;
 * each context's X509_STORE (SSL_CTX_get_cert_store; certificates added
 * to it after the context is made are trusted at the next handshake;
 * SSL_CTX_set_cert_store and SSL_CTX_set1_cert_store; a hashed directory
 * whose file appears after SSL_CTX_load_verify_dir); the X509_VERIFY_PARAM
 * of contexts and connections (inheritance at SSL_new, depth, host names,
 * IP addresses, host flags, set1_param, purpose and trust, security level);
 * verify callback getters; and SSL_CTX_set_cert_verify_callback, whose
 * function gets a context set up as libssl's (store, leaf, untrusted chain,
 * the SSL at the ex_data index, the parameters and the verify callback) and
 * may call X509_verify_cert itself. */
#include "sslpair.h"
#include "pki.h"
#include "verifyrun.h"

#define NUM(expr) do { long r_ = (long)(expr); printf("%s -> %ld\n", #expr, r_); ERR_clear_error(); } while (0)
#define YES(expr) do { printf("%s -> %s\n", #expr, (expr) ? "yes" : "no"); ERR_clear_error(); } while (0)
#define STR(expr) do { char *r_ = (expr); printf("%s -> %s\n", #expr, r_ ? r_ : "NULL"); OPENSSL_free(r_); ERR_clear_error(); } while (0)
#define CSTR(expr) do { const char *r_ = (expr); printf("%s -> %s\n", #expr, r_ ? r_ : "NULL"); ERR_clear_error(); } while (0)

static pki_cred root, mid, leaf;
static SSL *client_ssl;
static int arg_marker;
static int cvcb_mode;

static int verify_cb(int ok, X509_STORE_CTX *x)
{
    printf("    verify cb: ok=%d depth=%d error=%d cn=%s\n", ok, X509_STORE_CTX_get_error_depth(x),
           X509_STORE_CTX_get_error(x), pki_cn(X509_STORE_CTX_get_current_cert(x)));
    return ok;
}

static int cert_verify_cb(X509_STORE_CTX *x, void *arg)
{
    SSL *ssl = X509_STORE_CTX_get_ex_data(x, SSL_get_ex_data_X509_STORE_CTX_idx());
    STACK_OF(X509) *untrusted = X509_STORE_CTX_get0_untrusted(x);
    int r;

    printf("    cert_verify_callback: arg=%s ssl=%s cert=%s untrusted=%d store=%s error=%d\n",
           arg == &arg_marker ? "yes" : "no", ssl == client_ssl ? "yes" : "no",
           pki_cn(X509_STORE_CTX_get0_cert(x)), untrusted ? sk_X509_num(untrusted) : -1,
           X509_STORE_CTX_get0_store(x) == SSL_CTX_get_cert_store(SSL_get_SSL_CTX(ssl)) ? "context's" : "other",
           X509_STORE_CTX_get_error(x));
    switch (cvcb_mode) {
    case 1: return 1;
    case 2:
        X509_STORE_CTX_set_error(x, X509_V_ERR_APPLICATION_VERIFICATION);
        return 0;
    default:
        r = X509_verify_cert(x);
        printf("    X509_verify_cert -> %d\n", r);
        return r;
    }
}

static SSL_CTX *server(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (!ctx || SSL_CTX_use_certificate_chain_file(ctx, pki_path(0, "leaf.pem")) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, pki_key("leaf"), SSL_FILETYPE_PEM) != 1)
        sp_die("server context");
    return ctx;
}

/* Whether handshake() prints the verified chain: here only for chains
 * libcrypto's X509_verify_cert built (the built-in verification's chains
 * and callback calls are compared in verify.c). */
static int show_chain;

/* A handshake of a client context against the server; prints the outcome,
 * the verify result, the client's queued error, the peer name and the
 * verified chain. */
static void handshake(const char *label, SSL_CTX *cctx, SSL_CTX *sctx, const char *host)
{
    sp_pair p;
    vr_result r;
    STACK_OF(X509) *vc;
    const char *peername;
    int i;

    sp_new(&p, cctx, sctx);
    client_ssl = p.c;
    if (host) SSL_set1_host(p.c, host);
    printf("  %s:\n", label);
    r = vr_handshake(&p);
    printf("    client=%s server=%s verify_result=%ld\n", vr_word(r.client_ok), vr_word(r.server_ok),
           SSL_get_verify_result(p.c));
    vr_print_err("  client", r.client_err);
    vc = SSL_get0_verified_chain(p.c);
    peername = SSL_get0_peername(p.c);
    printf("    peername=%s", peername ? peername : "NULL");
    if (show_chain) {
        printf(" verified_chain=");
        if (!vc) printf("NULL");
        for (i = 0; vc && i < sk_X509_num(vc); i++) printf("%s%s", i ? " / " : "", pki_cn(sk_X509_value(vc, i)));
    }
    printf("\n");
    if (r.client_ok == 1 && r.server_ok == 1) sp_shutdown(&p, label);
    sp_free(&p);
}

static void objects(void)
{
    SSL_CTX *a = SSL_CTX_new(TLS_client_method()), *b = SSL_CTX_new(TLS_client_method());
    SSL *s;
    X509_VERIFY_PARAM *vpm;

    printf("== objects\n");
    NUM(SSL_get_ex_data_X509_STORE_CTX_idx());
    YES(SSL_get_ex_data_X509_STORE_CTX_idx() == SSL_get_ex_data_X509_STORE_CTX_idx());
    YES(SSL_CTX_get_cert_store(a) != NULL);
    YES(SSL_CTX_get_cert_store(a) != SSL_CTX_get_cert_store(b));
    YES(SSL_CTX_get0_param(a) != NULL && SSL_CTX_get0_param(a) != SSL_CTX_get0_param(b));
    NUM(X509_VERIFY_PARAM_get_depth(SSL_CTX_get0_param(a)));
    NUM(X509_VERIFY_PARAM_get_flags(SSL_CTX_get0_param(a)));
    NUM(X509_VERIFY_PARAM_get_auth_level(SSL_CTX_get0_param(a)));
    NUM(SSL_CTX_get_security_level(a));

    printf("== parameters\n");
    X509_VERIFY_PARAM_set_depth(SSL_CTX_get0_param(a), 7);
    X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(a), X509_V_FLAG_PARTIAL_CHAIN);
    SSL_CTX_set_security_level(a, 1);
    s = SSL_new(a);
    YES(SSL_get0_param(s) != NULL && SSL_get0_param(s) != SSL_CTX_get0_param(a));
    NUM(SSL_get_verify_depth(s));
    NUM(X509_VERIFY_PARAM_get_flags(SSL_get0_param(s)));
    NUM(SSL_get_security_level(s));
    SSL_set_security_level(s, 3);
    NUM(SSL_get_security_level(s));
    NUM(SSL_CTX_get_security_level(a));
    SSL_set_verify_depth(s, 3);
    NUM(SSL_get_verify_depth(s));
    NUM(SSL_CTX_get_verify_depth(a));
    SSL_CTX_set_verify_depth(a, 4);
    NUM(SSL_CTX_get_verify_depth(a));
    NUM(SSL_get_verify_depth(s));
    NUM(SSL_set1_host(s, "127.0.0.1"));
    STR(X509_VERIFY_PARAM_get1_ip_asc(SSL_get0_param(s)));
    CSTR(X509_VERIFY_PARAM_get0_host(SSL_get0_param(s), 0));
    NUM(SSL_add1_host(s, "::1"));
    NUM(SSL_set1_host(s, "example.org"));
    NUM(SSL_add1_host(s, "www.example.org"));
    CSTR(X509_VERIFY_PARAM_get0_host(SSL_get0_param(s), 0));
    CSTR(X509_VERIFY_PARAM_get0_host(SSL_get0_param(s), 1));
    STR(X509_VERIFY_PARAM_get1_ip_asc(SSL_get0_param(s)));
    NUM(SSL_set1_host(s, NULL));
    CSTR(X509_VERIFY_PARAM_get0_host(SSL_get0_param(s), 0));
    SSL_set_hostflags(s, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    NUM(X509_VERIFY_PARAM_get_hostflags(SSL_get0_param(s)));
    CSTR(SSL_get0_peername(s));
    NUM(SSL_CTX_set_purpose(a, X509_PURPOSE_SSL_SERVER));
    NUM(SSL_CTX_set_purpose(a, 999));
    NUM(SSL_set_purpose(s, X509_PURPOSE_ANY));
    NUM(SSL_CTX_set_trust(a, X509_TRUST_SSL_SERVER));
    NUM(SSL_set_trust(s, 999));
    vpm = X509_VERIFY_PARAM_new();
    X509_VERIFY_PARAM_set_depth(vpm, 9);
    X509_VERIFY_PARAM_set_hostflags(vpm, X509_CHECK_FLAG_NO_WILDCARDS);
    NUM(SSL_set1_param(s, vpm));
    NUM(SSL_get_verify_depth(s));
    NUM(X509_VERIFY_PARAM_get_hostflags(SSL_get0_param(s)));
    NUM(SSL_CTX_set1_param(b, vpm));
    NUM(SSL_CTX_get_verify_depth(b));
    X509_VERIFY_PARAM_free(vpm);

    printf("== verify callbacks\n");
    SSL_CTX_set_verify(a, SSL_VERIFY_PEER, verify_cb);
    YES(SSL_get_verify_callback(s) == NULL);
    SSL_free(s);
    s = SSL_new(a);
    YES(SSL_get_verify_callback(s) == verify_cb);
    SSL_set_verify(s, SSL_VERIFY_NONE, NULL);
    YES(SSL_get_verify_callback(s) == verify_cb);
    NUM(SSL_get_verify_mode(s));
    SSL_free(s);
    SSL_CTX_free(a);
    SSL_CTX_free(b);
}

static void stores(SSL_CTX *sctx, const char *root_pem)
{
    SSL_CTX *c = SSL_CTX_new(TLS_client_method()), *d;
    X509_STORE *st;
    char hashed[192];
    FILE *in, *out;
    int ch;

    printf("== stores\n");
    handshake("empty store", c, sctx, NULL);
    NUM(X509_STORE_add_cert(SSL_CTX_get_cert_store(c), root.cert));
    handshake("root added to SSL_CTX_get_cert_store", c, sctx, NULL);

    st = X509_STORE_new();
    SSL_CTX_set_cert_store(c, st);
    YES(SSL_CTX_get_cert_store(c) == st);
    handshake("new empty store (SSL_CTX_set_cert_store)", c, sctx, NULL);

    d = SSL_CTX_new(TLS_client_method());
    st = X509_STORE_new();
    NUM(X509_STORE_add_cert(st, root.cert));
    SSL_CTX_set1_cert_store(c, st);
    SSL_CTX_set1_cert_store(d, st);
    X509_STORE_free(st);
    YES(SSL_CTX_get_cert_store(c) == SSL_CTX_get_cert_store(d));
    handshake("shared store (SSL_CTX_set1_cert_store)", d, sctx, NULL);
    SSL_CTX_free(d);
    SSL_CTX_free(c);

    /* A hashed directory, read when a verification needs it. */
    c = SSL_CTX_new(TLS_client_method());
    NUM(SSL_CTX_load_verify_dir(c, pki_path(0, "")));
    handshake("hashed directory, before the file", c, sctx, NULL);
    snprintf(hashed, sizeof hashed, "%08lx.0", X509_NAME_hash_ex(X509_get_subject_name(root.cert), NULL, NULL, NULL));
    in = fopen(root_pem, "r");
    out = fopen(pki_path(0, hashed), "w");
    if (!in || !out) sp_die("hashed file");
    while ((ch = fgetc(in)) != EOF) fputc(ch, out);
    fclose(in);
    fclose(out);
    pki_remember(pki_path(0, hashed));
    handshake("hashed directory, after the file", c, sctx, NULL);
    SSL_CTX_free(c);

    /* An OSSL_STORE URI, and the default locations (results only: what is
     * there depends on the machine). */
    c = SSL_CTX_new(TLS_client_method());
    snprintf(hashed, sizeof hashed, "file:%s", root_pem);
    NUM(SSL_CTX_load_verify_store(c, hashed));
    NUM(SSL_CTX_load_verify_store(c, "file:/nonexistent/neonrs"));
    handshake("SSL_CTX_load_verify_store", c, sctx, NULL);
    NUM(SSL_CTX_set_default_verify_file(c));
    NUM(SSL_CTX_set_default_verify_dir(c));
    NUM(SSL_CTX_set_default_verify_store(c));
    NUM(SSL_CTX_set_default_verify_paths(c));
    SSL_CTX_free(c);
}

static void cert_verify_callback(SSL_CTX *sctx)
{
    SSL_CTX *c = SSL_CTX_new(TLS_client_method());
    SSL_CTX *other = SSL_CTX_new(TLS_client_method());

    printf("== cert_verify_callback\n");
    show_chain = 1;
    SSL_CTX_set_cert_verify_callback(c, cert_verify_cb, &arg_marker);
    SSL_CTX_set_cert_verify_callback(other, cert_verify_cb, &arg_marker);
    SSL_CTX_set_verify(c, SSL_VERIFY_PEER, verify_cb);
    SSL_CTX_set_verify(other, SSL_VERIFY_PEER, NULL);
    X509_STORE_add_cert(SSL_CTX_get_cert_store(c), root.cert);
    cvcb_mode = 0;
    handshake("X509_verify_cert, trusted", c, sctx, NULL);
    handshake("X509_verify_cert, host matches", c, sctx, "localhost");
    handshake("X509_verify_cert, host does not match", c, sctx, "other.example");
    handshake("X509_verify_cert, untrusted", other, sctx, NULL);
    cvcb_mode = 1;
    handshake("always 1, untrusted", other, sctx, NULL);
    cvcb_mode = 2;
    handshake("application error", c, sctx, NULL);
    show_chain = 0;
    SSL_CTX_set_cert_verify_callback(c, NULL, NULL);
    SSL_CTX_set_verify(c, SSL_VERIFY_PEER, NULL);
    handshake("removed again", c, sctx, NULL);
    SSL_CTX_free(c);
    SSL_CTX_free(other);
}

int main(void)
{
    SSL_CTX *sctx;
    char *root_pem;

    root = pki_make("Root CA", NULL, PKI_CA, -30, 3650, NULL);
    mid = pki_make("Intermediate CA", &root, PKI_CA, -30, 3650, NULL);
    leaf = pki_make("localhost", &mid, 0, -10, 365, "DNS:localhost");
    root_pem = strdup(pki_write(&root, "root", NULL));
    pki_write(&leaf, "leaf", &mid);
    sctx = server();

    objects();
    stores(sctx, root_pem);
    cert_verify_callback(sctx);

    SSL_CTX_free(sctx);
    free(root_pem);
    pki_free(&root);
    pki_free(&mid);
    pki_free(&leaf);
    pki_cleanup();
    return 0;
}
