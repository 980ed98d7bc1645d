/* Verification of the server's chain by a client: the verify callback's
 * calls (preverify_ok, depth, error, subject CN, length of the chain so
 * far, the SSL found at SSL_get_ex_data_X509_STORE_CTX_idx() and its
 * ex_data 0), SSL_get_verify_result, the handshake's outcome and the
 * error queue's reason, for a good chain, an expired leaf, an expired
 * intermediate, an unknown issuer, a self-signed leaf, host names set with
 * SSL_set1_host and with X509_VERIFY_PARAM_set1_host on SSL_get0_param, an
 * IP address against a DNS name "127.0.0.1" and against an iPAddress; under
 * SSL_VERIFY_PEER and SSL_VERIFY_NONE; callbacks that return preverify_ok,
 * always 1, always 0, 0 at depth 1 only, or change the error; the depth
 * limit; SSL_set_verify overriding the context's callback; a trusted
 * intermediate with and without X509_V_FLAG_PARTIAL_CHAIN set on
 * SSL_CTX_get0_param; the stored result of a resumed session; damaged
 * signatures (ECDSA, RSA-2048: every entry they leave on the error queue,
 * in order) and an RSA-1024 intermediate. The PKI is made in-process
 * (pki.h). */
#include "sslpair.h"
#include "pki.h"

enum { CB_PREVERIFY, CB_ALWAYS_1, CB_ALWAYS_0, CB_FAIL_DEPTH_1, CB_APP_ERROR, CB_CLEAR_ERROR };

static pki_cred root, mid, other_root;
static int cb_mode;
static SSL *cb_ssl;
static int app_marker;
static const char *cb_name = "cb";

static int verify_cb(int ok, X509_STORE_CTX *x)
{
    int depth = X509_STORE_CTX_get_error_depth(x), err = X509_STORE_CTX_get_error(x);
    STACK_OF(X509) *chain = X509_STORE_CTX_get0_chain(x);
    SSL *ssl = X509_STORE_CTX_get_ex_data(x, SSL_get_ex_data_X509_STORE_CTX_idx());

    printf("  %s: ok=%d depth=%d error=%d cn=%s chain=%d ssl=%s app=%s\n", cb_name, ok, depth, err,
           pki_cn(X509_STORE_CTX_get_current_cert(x)), chain ? sk_X509_num(chain) : -1,
           ssl == cb_ssl ? "yes" : "no", ssl && SSL_get_ex_data(ssl, 0) == &app_marker ? "yes" : "no");
    switch (cb_mode) {
    case CB_ALWAYS_1: return 1;
    case CB_ALWAYS_0: return 0;
    case CB_FAIL_DEPTH_1: return depth == 1 ? 0 : ok;
    case CB_APP_ERROR:
        if (depth == 0) {
            X509_STORE_CTX_set_error(x, X509_V_ERR_APPLICATION_VERIFICATION);
            return 0;
        }
        return ok;
    case CB_CLEAR_ERROR:
        if (!ok) X509_STORE_CTX_set_error(x, X509_V_OK);
        return 1;
    default: return ok;
    }
}

static int other_cb(int ok, X509_STORE_CTX *x)
{
    const char *saved = cb_name;
    int r;

    cb_name = "ssl cb";
    r = verify_cb(ok, x);
    cb_name = saved;
    return r;
}

/* A server context presenting <base>.pem (leaf and chain) and <base>.key,
 * at security level 0 for bases naming RSA-1024 keys. */
static SSL_CTX *server(const char *base)
{
    char name[64];
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    snprintf(name, sizeof name, "%s.pem", base);
    /* An RSA-1024 key is refused at the default level 2. */
    if (ctx && strstr(base, "1024")) SSL_CTX_set_security_level(ctx, 0);
    if (!ctx || SSL_CTX_use_certificate_chain_file(ctx, pki_path(0, name)) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, pki_key(base), SSL_FILETYPE_PEM) != 1)
        sp_die("server context");
    return ctx;
}

/* A client context trusting the root (added to its store), with `mode`
 * and the callback (none for cbmode < 0). */
static SSL_CTX *client(int mode, int cbmode)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

    if (!ctx || X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), root.cert) != 1) sp_die("client context");
    cb_mode = cbmode;
    SSL_CTX_set_verify(ctx, mode, cbmode >= 0 ? verify_cb : NULL);
    return ctx;
}

typedef void (*setup_fn)(SSL *);

/* One handshake; prints its outcome, the verify result, the client's
 * queued errors (oldest first), and on success what the verification left. */
static SSL_SESSION *run(const char *label, SSL_CTX *cctx, SSL_CTX *sctx, setup_fn setup, SSL_SESSION *resume)
{
    sp_pair p;
    int cs = 0, ss = 0, round, after = 0, nerr = 0, i;
    unsigned long errs[8], q;
    SSL_SESSION *sess = NULL;

    printf("%s:\n", label);
    sp_new(&p, cctx, sctx);
    SSL_set_ex_data(p.c, 0, &app_marker);
    cb_ssl = p.c;
    if (setup) setup(p.c);
    if (resume) SSL_set_session(p.c, resume);
    ERR_clear_error();
    for (round = 0; round < SP_MAX_ROUNDS && (cs == 0 || ss == 0); round++) {
        if (cs == 0) {
            int r = SSL_connect(p.c);
            if (r == 1) cs = 1;
            else {
                int e = SSL_get_error(p.c, r);
                if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
                    cs = -1;
                    while ((q = ERR_get_error()) != 0)
                        if (nerr < 8) errs[nerr++] = q;
                }
            }
            ERR_clear_error();
        }
        if (ss == 0) {
            int r = SSL_accept(p.s);
            if (r == 1) ss = 1;
            else {
                int e = SSL_get_error(p.s, r);
                if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) ss = -1;
            }
            ERR_clear_error();
        }
        if ((cs < 0 || ss < 0) && ++after > 4) break;
    }
    printf("  client=%s server=%s verify_result=%ld (%s)\n", cs == 1 ? "ok" : "failed", ss == 1 ? "ok" : "failed",
           SSL_get_verify_result(p.c), X509_verify_cert_error_string(SSL_get_verify_result(p.c)));
    for (i = 0; i < nerr; i++)
        printf("  error: lib=%d reason=%d \"%s\"\n", ERR_GET_LIB(errs[i]), ERR_GET_REASON(errs[i]),
               ERR_reason_error_string(errs[i]));
    if (cs == 1) {
        STACK_OF(X509) *vc = SSL_get0_verified_chain(p.c);
        X509 *peer = SSL_get1_peer_certificate(p.c);
        const char *peername = SSL_get0_peername(p.c);

        printf("  reused=%d peer=%s peer_chain=%d peername=%s verified_chain=", SSL_session_reused(p.c),
               pki_cn(peer), SSL_get_peer_cert_chain(p.c) ? sk_X509_num(SSL_get_peer_cert_chain(p.c)) : -1,
               peername ? peername : "(none)");
        if (!vc) printf("(none)");
        for (i = 0; vc && i < sk_X509_num(vc); i++) printf("%s%s", i ? " / " : "", pki_cn(sk_X509_value(vc, i)));
        printf("\n");
        X509_free(peer);
        sess = SSL_get1_session(p.c);
        sp_shutdown(&p, label);
    }
    sp_free(&p);
    return sess;
}

static void host_other(SSL *s) { SSL_set1_host(s, "other.example"); }
static void host_localhost(SSL *s) { SSL_set1_host(s, "localhost"); }
static void host_ip(SSL *s) { SSL_set1_host(s, "127.0.0.1"); }
static void host_param(SSL *s) { X509_VERIFY_PARAM_set1_host(SSL_get0_param(s), "other.example", 0); }
static void ssl_callback(SSL *s) { SSL_set_verify(s, SSL_VERIFY_PEER, other_cb); }
static void ssl_mode_only(SSL *s) { SSL_set_verify(s, SSL_VERIFY_NONE, NULL); }
static void depth_0(SSL *s) { SSL_set_verify_depth(s, 0); }

/* c's key replaced by an RSA key of `bits` bits, its certificate signed
 * again by `issuer`. */
static void rekey_rsa(pki_cred *c, const pki_cred *issuer, size_t bits)
{
    EVP_PKEY_free(c->key);
    c->key = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", bits);
    if (!c->key || !X509_set_pubkey(c->cert, c->key) || !X509_sign(c->cert, issuer->key, EVP_sha256()))
        sp_die("RSA key");
}

/* The last bit of c's signature flipped. */
static void damage(pki_cred *c)
{
    const ASN1_BIT_STRING *sig;
    unsigned char *d;

    X509_get0_signature(&sig, NULL, c->cert);
    d = (unsigned char *)ASN1_STRING_get0_data(sig);
    d[ASN1_STRING_length(sig) - 1] ^= 1;
}

/* One case under SSL_VERIFY_PEER and SSL_VERIFY_NONE. */
static void both(const char *label, const char *server_base, int cbmode, setup_fn setup)
{
    SSL_CTX *sctx = server(server_base);
    int modes[2] = { SSL_VERIFY_PEER, SSL_VERIFY_NONE };
    int i;

    for (i = 0; i < 2; i++) {
        char full[128];
        SSL_CTX *cctx = client(modes[i], cbmode);
        SSL_SESSION *s;

        snprintf(full, sizeof full, "%s, %s", label, modes[i] ? "VERIFY_PEER" : "VERIFY_NONE");
        s = run(full, cctx, sctx, setup, NULL);
        SSL_SESSION_free(s);
        SSL_CTX_free(cctx);
    }
    SSL_CTX_free(sctx);
}

int main(void)
{
    pki_cred leaf, expired, old_mid, under_old_mid, self, other_leaf, dns_ip, ip_leaf;
    pki_cred bad_ec, rsa_mid, bad_rsa1024, rsa_mid2048, bad_rsa2048;
    SSL_CTX *sctx, *cctx;
    SSL_SESSION *s, *t;

    root = pki_make("Root CA", NULL, PKI_CA, -30, 3650, NULL);
    mid = pki_make("Intermediate CA", &root, PKI_CA, -30, 3650, NULL);
    other_root = pki_make("Other Root CA", NULL, PKI_CA, -30, 3650, NULL);
    leaf = pki_make("localhost", &mid, 0, -10, 365, "DNS:localhost");
    expired = pki_make("expired.example", &mid, 0, -20, -2, "DNS:localhost");
    old_mid = pki_make("Expired Intermediate CA", &root, PKI_CA, -30, -3, NULL);
    under_old_mid = pki_make("under-expired.example", &old_mid, 0, -10, 365, "DNS:localhost");
    self = pki_make("self.example", NULL, 0, -10, 365, "DNS:localhost");
    other_leaf = pki_make("other.example", &other_root, 0, -10, 365, "DNS:localhost");
    dns_ip = pki_make("dns-ip.example", &mid, 0, -10, 365, "DNS:127.0.0.1");
    ip_leaf = pki_make("ip.example", &mid, 0, -10, 365, "IP:127.0.0.1");
    pki_write(&leaf, "leaf", &mid);
    pki_write(&expired, "expired", &mid);
    pki_write(&under_old_mid, "under_old_mid", &old_mid);
    pki_write(&self, "self", NULL);
    pki_write(&other_leaf, "other", NULL);
    pki_write(&dns_ip, "dns_ip", &mid);
    pki_write(&ip_leaf, "ip", &mid);
    bad_ec = pki_make("bad-ec.example", &mid, 0, -10, 365, "DNS:localhost");
    damage(&bad_ec);
    pki_write(&bad_ec, "bad_ec", &mid);
    rsa_mid = pki_make("RSA-1024 CA", &root, PKI_CA, -30, 3650, NULL);
    rekey_rsa(&rsa_mid, &root, 1024);
    bad_rsa1024 = pki_make("bad-rsa1024.example", &rsa_mid, 0, -10, 365, "DNS:localhost");
    damage(&bad_rsa1024);
    pki_write(&bad_rsa1024, "bad_rsa1024", &rsa_mid);
    rsa_mid2048 = pki_make("RSA-2048 CA", &root, PKI_CA, -30, 3650, NULL);
    rekey_rsa(&rsa_mid2048, &root, 2048);
    bad_rsa2048 = pki_make("bad-rsa2048.example", &rsa_mid2048, 0, -10, 365, "DNS:localhost");
    damage(&bad_rsa2048);
    pki_write(&bad_rsa2048, "bad_rsa2048", &rsa_mid2048);

    printf("SSL_get_ex_data_X509_STORE_CTX_idx() >= 0: %d\n", SSL_get_ex_data_X509_STORE_CTX_idx() >= 0);

    both("good chain", "leaf", CB_PREVERIFY, NULL);
    both("expired leaf", "expired", CB_PREVERIFY, NULL);
    both("expired intermediate", "under_old_mid", CB_PREVERIFY, NULL);
    both("unknown issuer", "other", CB_PREVERIFY, NULL);
    both("self-signed leaf", "self", CB_PREVERIFY, NULL);
    both("SSL_set1_host mismatch", "leaf", CB_PREVERIFY, host_other);
    both("SSL_set1_host match", "leaf", CB_PREVERIFY, host_localhost);
    both("X509_VERIFY_PARAM_set1_host mismatch", "leaf", CB_PREVERIFY, host_param);
    both("IP against DNS name 127.0.0.1", "dns_ip", CB_PREVERIFY, host_ip);
    both("IP against iPAddress", "ip", CB_PREVERIFY, host_ip);
    both("no callback, expired leaf", "expired", -1, NULL);
    both("callback always 1, expired leaf", "expired", CB_ALWAYS_1, NULL);
    both("callback always 0, good chain", "leaf", CB_ALWAYS_0, NULL);
    both("callback 0 at depth 1, good chain", "leaf", CB_FAIL_DEPTH_1, NULL);
    both("callback sets application error", "leaf", CB_APP_ERROR, NULL);
    both("callback clears the error, expired leaf", "expired", CB_CLEAR_ERROR, NULL);
    both("verify depth 0", "leaf", CB_PREVERIFY, depth_0);
    both("SSL_set_verify callback", "leaf", CB_PREVERIFY, ssl_callback);
    both("SSL_set_verify NULL callback keeps the context's", "expired", CB_PREVERIFY, ssl_mode_only);
    both("damaged ECDSA signature", "bad_ec", CB_PREVERIFY, NULL);
    both("damaged RSA-1024 signature", "bad_rsa1024", CB_PREVERIFY, NULL);
    both("damaged RSA-2048 signature", "bad_rsa2048", CB_PREVERIFY, NULL);
    both("damaged RSA-2048 signature, callback always 1", "bad_rsa2048", CB_ALWAYS_1, NULL);

    /* Only the intermediate is trusted: a partial chain is accepted only
     * with X509_V_FLAG_PARTIAL_CHAIN. */
    sctx = server("leaf");
    cctx = SSL_CTX_new(TLS_client_method());
    X509_STORE_add_cert(SSL_CTX_get_cert_store(cctx), mid.cert);
    cb_mode = CB_PREVERIFY;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, verify_cb);
    SSL_SESSION_free(run("trusted intermediate", cctx, sctx, NULL, NULL));
    X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(cctx), X509_V_FLAG_PARTIAL_CHAIN);
    SSL_SESSION_free(run("trusted intermediate, X509_V_FLAG_PARTIAL_CHAIN", cctx, sctx, NULL, NULL));
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);

    /* A resumed session reports the stored result. */
    sctx = server("other");
    cctx = client(SSL_VERIFY_NONE, CB_PREVERIFY);
    SSL_CTX_set_max_proto_version(cctx, TLS1_2_VERSION);
    s = run("resumption, first", cctx, sctx, NULL, NULL);
    t = run("resumption, resumed", cctx, sctx, NULL, s);
    SSL_SESSION_free(s);
    SSL_SESSION_free(t);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);

    pki_free(&leaf);
    pki_free(&expired);
    pki_free(&old_mid);
    pki_free(&under_old_mid);
    pki_free(&self);
    pki_free(&other_leaf);
    pki_free(&dns_ip);
    pki_free(&ip_leaf);
    pki_free(&bad_ec);
    pki_free(&rsa_mid);
    pki_free(&bad_rsa1024);
    pki_free(&rsa_mid2048);
    pki_free(&bad_rsa2048);
    pki_free(&root);
    pki_free(&mid);
    pki_free(&other_root);
    sp_cleanup();
    pki_cleanup();
    return 0;
}
