/* A server verifying clients: SSL_VERIFY_PEER sends a CertificateRequest;
 * a client with a certificate from the trusted root (sent with its
 * intermediate), a client with a certificate of an unknown issuer, and a
 * client without certificate, against SSL_VERIFY_PEER and SSL_VERIFY_PEER
 * | SSL_VERIFY_FAIL_IF_NO_PEER_CERT (and SSL_VERIFY_NONE, which asks for
 * nothing), on TLS 1.2 and 1.3: each side's outcome, the server's
 * SSL_get_verify_result and queued error, the client certificate the
 * server got (SSL_get1_peer_certificate, SSL_get_peer_cert_chain, which a
 * server keeps without the leaf). Then resumption: the resumed session
 * keeps the client's certificate and verify result. The server trusts the
 * root through SSL_CTX_load_verify_locations. */
#include "sslpair.h"
#include "pki.h"
#include "verifyrun.h"

static const char *root_file;

static SSL_CTX *server(int mode, int maxver)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (!ctx || SSL_CTX_use_certificate_chain_file(ctx, pki_path(0, "leaf.pem")) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, pki_key("leaf"), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_load_verify_locations(ctx, root_file, NULL) != 1 ||
        SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"verify", 6) != 1)
        sp_die("server context");
    SSL_CTX_set_verify(ctx, mode, NULL);
    sp_max_version(ctx, maxver);
    return ctx;
}

/* A client trusting the root, with the certificate <base> (NULL: none). */
static SSL_CTX *client(const char *base)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    char name[64];

    if (!ctx || SSL_CTX_load_verify_file(ctx, root_file) != 1) sp_die("client context");
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    if (base) {
        snprintf(name, sizeof name, "%s.pem", base);
        if (SSL_CTX_use_certificate_chain_file(ctx, pki_path(0, name)) != 1 ||
            SSL_CTX_use_PrivateKey_file(ctx, pki_key(base), SSL_FILETYPE_PEM) != 1)
            sp_die("client certificate");
    }
    return ctx;
}

static void print_peer(const char *who, SSL *ssl)
{
    X509 *peer = SSL_get1_peer_certificate(ssl);
    STACK_OF(X509) *chain = SSL_get_peer_cert_chain(ssl);

    printf("  %s: peer=%s peer_chain=%d verify_result=%ld\n", who, pki_cn(peer), chain ? sk_X509_num(chain) : -1,
           SSL_get_verify_result(ssl));
    X509_free(peer);
}

/* One connection; returns the client's session if it completed. */
static SSL_SESSION *conn(const char *label, SSL_CTX *cctx, SSL_CTX *sctx, SSL_SESSION *resume)
{
    sp_pair p;
    vr_result r;
    SSL_SESSION *sess = NULL;

    sp_new(&p, cctx, sctx);
    if (resume) SSL_set_session(p.c, resume);
    r = vr_handshake(&p);
    printf("%s: client=%s server=%s reused=%d\n", label, vr_word(r.client_ok), vr_word(r.server_ok),
           SSL_session_reused(p.s));
    vr_print_err("server", r.server_err);
    print_peer("server", p.s);
    if (r.client_ok == 1 && r.server_ok == 1) {
        print_peer("client", p.c);
        if (sp_exchange(&p, label)) {
            sess = SSL_get1_session(p.c);
            sp_shutdown(&p, label);
        }
    }
    sp_free(&p);
    return sess;
}

int main(void)
{
    pki_cred root, mid, other_root, leaf, good, stranger;
    const int modes[3] = { SSL_VERIFY_PEER, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, SSL_VERIFY_NONE };
    const char *mode_names[3] = { "PEER", "PEER|FAIL_IF_NO_PEER_CERT", "NONE" };
    const char *clients[3] = { "good", "stranger", NULL };
    const char *client_names[3] = { "trusted client", "untrusted client", "no client certificate" };
    const int versions[2] = { TLS1_2_VERSION, TLS1_3_VERSION };
    int v, m, c;

    root = pki_make("Root CA", NULL, PKI_CA, -30, 3650, NULL);
    mid = pki_make("Intermediate CA", &root, PKI_CA, -30, 3650, NULL);
    other_root = pki_make("Other Root CA", NULL, PKI_CA, -30, 3650, NULL);
    leaf = pki_make("localhost", &mid, 0, -10, 365, "DNS:localhost");
    good = pki_make("client.example", &mid, 0, -10, 365, "DNS:client.example");
    stranger = pki_make("stranger.example", &other_root, 0, -10, 365, "DNS:stranger.example");
    root_file = strdup(pki_write(&root, "root", NULL));
    pki_write(&leaf, "leaf", &mid);
    pki_write(&good, "good", &mid);
    pki_write(&stranger, "stranger", NULL);

    for (v = 0; v < 2; v++) {
        for (m = 0; m < 3; m++) {
            SSL_CTX *sctx = server(modes[m], versions[v]);
            for (c = 0; c < 3; c++) {
                char label[160];
                SSL_CTX *cctx = client(clients[c]);
                SSL_SESSION *s;

                snprintf(label, sizeof label, "%s, VERIFY_%s, %s", sp_vname(versions[v]), mode_names[m],
                         client_names[c]);
                s = conn(label, cctx, sctx, NULL);
                if (s && c == 0 && m == 0) {
                    SSL_SESSION *t;
                    snprintf(label, sizeof label, "%s, VERIFY_%s, %s, resumed", sp_vname(versions[v]),
                             mode_names[m], client_names[c]);
                    t = conn(label, cctx, sctx, s);
                    SSL_SESSION_free(t);
                }
                SSL_SESSION_free(s);
                SSL_CTX_free(cctx);
            }
            SSL_CTX_free(sctx);
        }
    }

    free((void *)root_file);
    pki_free(&root);
    pki_free(&mid);
    pki_free(&other_root);
    pki_free(&leaf);
    pki_free(&good);
    pki_free(&stranger);
    pki_cleanup();
    return 0;
}
