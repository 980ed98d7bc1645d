#define OPENSSL_SUPPRESS_DEPRECATED 1
/* (deprecated DH and TLSv1_2 methods are tested too)
 * Key-exchange groups, signature algorithm lists, DH settings and the
 * version-specific methods: return values of the setters (names, aliases,
 * unknown names, duplicates), the group a handshake negotiates and the
 * shared groups, DH parameters against the security level, and
 * TLSv1_2_method handshakes. */
#include "sslpair.h"

static void try_list(SSL_CTX *ctx, const char *list)
{
    int r = SSL_CTX_set1_groups_list(ctx, list);
    printf("groups \"%s\" -> %d err=%d\n", list, r, ERR_peek_error() != 0);
    ERR_clear_error();
}

static void try_sigalgs(SSL_CTX *ctx, const char *list)
{
    int r = SSL_CTX_set1_sigalgs_list(ctx, list);
    printf("sigalgs \"%s\" -> %d\n", list, r);
    ERR_clear_error();
}

static void negotiate(const char *cl, const char *sl, int ver)
{
    SSL_CTX *sctx = sp_server_ctx(ver), *cctx = sp_client_ctx(ver);
    sp_pair p;
    if (cl) SSL_CTX_set1_groups_list(cctx, cl);
    if (sl) SSL_CTX_set1_groups_list(sctx, sl);
    sp_new(&p, cctx, sctx);
    printf("%s client %s server %s:", sp_vname(ver), cl ? cl : "default", sl ? sl : "default");
    if (sp_handshake(&p, "")) {
        printf(" negotiated %ld/%ld shared(server) %ld first %ld client-side %ld\n", SSL_get_negotiated_group(p.c),
               SSL_get_negotiated_group(p.s), SSL_get_shared_group(p.s, -1), SSL_get_shared_group(p.s, 0),
               SSL_get_shared_group(p.c, -1));
        sp_shutdown(&p, "groups");
    }
    ERR_clear_error();
    sp_free(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

int main(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *ssl = SSL_new(ctx);
    int nids[3] = { NID_X9_62_prime256v1, NID_secp384r1, NID_X25519 }, dup[2] = { NID_X25519, NID_X25519 };
    EVP_PKEY *dh;
    DH *d;
    SSL_CTX *c12, *s12;
    sp_pair p;

    try_list(ctx, "prime256v1:secp384r1");
    try_list(ctx, "P-256:P-384:P-521");
    try_list(ctx, "x25519:X448:secp521r1");
    try_list(ctx, " X25519 : P-256 ");
    try_list(ctx, "ffdhe2048:ffdhe3072");
    try_list(ctx, "nosuchgroup");
    try_list(ctx, "p-256");
    try_list(ctx, "P-256:prime256v1");
    try_list(ctx, "P-256::X25519");
    try_list(ctx, "");
    printf("curves_list -> %d\n", (int)SSL_CTX_set1_curves_list(ctx, "secp384r1"));
    printf("set1_groups -> %d\n", (int)SSL_CTX_set1_groups(ctx, nids, 3));
    printf("set1_groups dup -> %d\n", (int)SSL_CTX_set1_groups(ctx, dup, 2));
    printf("set1_groups empty -> %d\n", (int)SSL_CTX_set1_groups(ctx, nids, 0));
    printf("ssl groups_list -> %d\n", (int)SSL_set1_groups_list(ssl, "X25519"));
    printf("ssl groups_list bad -> %d\n", (int)SSL_set1_groups_list(ssl, "bad"));
    ERR_clear_error();
    try_sigalgs(ctx, "ECDSA+SHA256:RSA-PSS+SHA256:rsa_pkcs1_sha384");
    try_sigalgs(ctx, "ed25519:ecdsa_secp384r1_sha384");
    try_sigalgs(ctx, "SHA256+ECDSA");
    try_sigalgs(ctx, "ECDSA+MD5");
    try_sigalgs(ctx, "RSA+SHA256:rsa_pkcs1_sha256");
    try_sigalgs(ctx, "nope");
    printf("client sigalgs -> %d\n", (int)SSL_CTX_set1_client_sigalgs_list(ctx, "ECDSA+SHA256"));

    /* DH: auto, parameters by security level */
    printf("dh_auto -> %ld\n", SSL_CTX_set_dh_auto(ctx, 1));
    printf("tmp_dh NULL -> %ld err=%d\n", SSL_CTX_set_tmp_dh(ctx, NULL), ERR_peek_error() != 0);
    ERR_clear_error();
    d = DH_get_2048_256();
    printf("tmp_dh 2048 -> %ld\n", SSL_CTX_set_tmp_dh(ctx, d));
    DH_free(d);
    d = DH_get_1024_160();
    printf("tmp_dh 1024 at level 2 -> %ld err=%d\n", SSL_CTX_set_tmp_dh(ctx, d), ERR_peek_error() != 0);
    ERR_clear_error();
    SSL_CTX_set_security_level(ctx, 1);
    printf("tmp_dh 1024 at level 1 -> %ld\n", SSL_CTX_set_tmp_dh(ctx, d));
    DH_free(d);
    dh = EVP_PKEY_new();
    d = DH_get_2048_256();
    EVP_PKEY_assign_DH(dh, d);
    printf("set0_tmp_dh_pkey -> %d\n", SSL_CTX_set0_tmp_dh_pkey(ctx, dh));
    printf("ssl dh_auto -> %ld\n", SSL_set_dh_auto(ssl, 1));
    SSL_free(ssl);
    SSL_CTX_free(ctx);

    /* Clients offer only the groups rustls has (X25519, P-256, P-384). */
    negotiate("X25519:P-256:P-384", NULL, TLS1_3_VERSION);
    negotiate("X25519:P-256:P-384", NULL, TLS1_2_VERSION);
    negotiate("P-384:X25519", NULL, TLS1_3_VERSION);
    negotiate("P-256", "P-384:P-256", TLS1_2_VERSION);
    negotiate("P-256:P-384", "P-384", TLS1_3_VERSION);

    /* version-specific methods */
    printf("methods distinct: %d %d\n", TLSv1_2_method() != TLS_method(), TLSv1_2_client_method() != TLSv1_2_server_method());
    c12 = SSL_CTX_new(TLSv1_2_client_method());
    s12 = SSL_CTX_new(TLSv1_2_server_method());
    sp_use_cert(s12);
    printf("TLSv1_2 ctx: method same %d min %ld max %ld\n", SSL_CTX_get_ssl_method(c12) == TLSv1_2_client_method(),
           SSL_CTX_get_min_proto_version(c12), SSL_CTX_get_max_proto_version(c12));
    sp_new(&p, c12, s12);
    printf("TLSv1_2 pair: get_ssl_method %d\n", SSL_get_ssl_method(p.c) == TLSv1_2_client_method());
    if (sp_handshake(&p, "TLSv1_2 pair")) printf("TLSv1_2 pair: %s\n", SSL_get_version(p.c));
    sp_free(&p);
    ctx = sp_server_ctx(0);
    sp_new(&p, c12, ctx);
    if (sp_handshake(&p, "TLSv1_2 client, TLS server")) printf("TLSv1_2 client, TLS server: %s\n", SSL_get_version(p.c));
    sp_free(&p);
    SSL_CTX_free(ctx);
    SSL_CTX_free(c12);
    SSL_CTX_free(s12);
    ERR_clear_error();
    sp_cleanup();
    return 0;
}
