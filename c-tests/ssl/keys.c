/* Certificates and keys as libcrypto objects: SSL_CTX_use_certificate /
 * SSL_CTX_use_PrivateKey with RSA, EC and Ed25519 keys (handshakes with
 * each), mismatches, the getters returning the context's objects, DER
 * forms, chains (add0/add1, extra chain certificates, build), encrypted
 * PEM keys with password callbacks, per-connection certificates, and
 * client CA lists (sent by the server, received by the client). */
#include "sslpair.h"
#include "pki.h"

static EVP_PKEY *keygen(const char *type, const char *arg)
{
    EVP_PKEY *k = strcmp(type, "RSA") == 0 ? EVP_PKEY_Q_keygen(NULL, NULL, type, (size_t)2048)
                  : arg ? EVP_PKEY_Q_keygen(NULL, NULL, type, arg) : EVP_PKEY_Q_keygen(NULL, NULL, type);
    if (!k) pki_die("keygen");
    return k;
}

static X509 *selfsigned(EVP_PKEY *k, const char *cn)
{
    X509 *x = X509_new();
    X509_NAME *name;
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 7);
    X509_gmtime_adj(X509_getm_notBefore(x), -86400L);
    X509_gmtime_adj(X509_getm_notAfter(x), 86400L * 30);
    X509_set_pubkey(x, k);
    name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0);
    X509_set_issuer_name(x, name);
    if (!X509_sign(x, k, EVP_PKEY_get_base_id(k) == EVP_PKEY_ED25519 ? NULL : EVP_sha256())) pki_die("sign");
    return x;
}

static int errs(void)
{
    int n = ERR_peek_error() != 0;
    ERR_clear_error();
    return n;
}

static void handshake(const char *label, SSL_CTX *sctx, int ver)
{
    SSL_CTX *cctx = sp_client_ctx(ver);
    sp_pair p;
    sp_new(&p, cctx, sctx);
    if (sp_handshake(&p, label)) {
        X509 *peer = SSL_get1_peer_certificate(p.c);
        printf("%s: %s peer=%s\n", label, SSL_get_version(p.c), pki_cn(peer));
        X509_free(peer);
        sp_exchange(&p, label);
        sp_shutdown(&p, label);
    }
    ERR_clear_error();
    sp_free(&p);
    SSL_CTX_free(cctx);
}

static int pw_calls;
static int pw_cb(char *buf, int size, int rwflag, void *u)
{
    const char *pw = u;
    (void)rwflag;
    pw_calls++;
    if (!pw) return -1;
    snprintf(buf, size, "%s", pw);
    return (int)strlen(pw);
}

static void by_key(const char *type, const char *arg, const char *cn)
{
    EVP_PKEY *k = keygen(type, arg), *other = keygen("EC", "P-256");
    X509 *x = selfsigned(k, cn);
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    char label[64];
    int v;

    printf("%s: get0 before: %d %d\n", cn, SSL_CTX_get0_certificate(ctx) == NULL, SSL_CTX_get0_privatekey(ctx) == NULL);
    printf("%s: check without cert -> %d err=%d\n", cn, SSL_CTX_check_private_key(ctx), errs());
    printf("%s: use_certificate -> %d\n", cn, SSL_CTX_use_certificate(ctx, x));
    printf("%s: check without key -> %d err=%d\n", cn, SSL_CTX_check_private_key(ctx), errs());
    printf("%s: wrong key -> %d err=%d\n", cn, SSL_CTX_use_PrivateKey(ctx, other), errs());
    printf("%s: use_PrivateKey -> %d\n", cn, SSL_CTX_use_PrivateKey(ctx, k));
    printf("%s: check -> %d\n", cn, SSL_CTX_check_private_key(ctx));
    printf("%s: get0 same objects: %d %d\n", cn, SSL_CTX_get0_certificate(ctx) == x, SSL_CTX_get0_privatekey(ctx) == k);
    for (v = TLS1_2_VERSION; v <= TLS1_3_VERSION; v++) {
        snprintf(label, sizeof label, "%s %s", cn, sp_vname(v));
        if (EVP_PKEY_get_base_id(k) == EVP_PKEY_ED25519 && v == TLS1_2_VERSION) continue;
        handshake(label, ctx, v);
    }
    SSL_CTX_free(ctx);
    X509_free(x);
    EVP_PKEY_free(k);
    EVP_PKEY_free(other);
}

static void der_forms(void)
{
    EVP_PKEY *k = keygen("EC", "P-256");
    X509 *x = selfsigned(k, "der");
    unsigned char *cder = NULL, *kder = NULL;
    int clen = i2d_X509(x, &cder), klen = i2d_PrivateKey(k, &kder);
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    printf("der: certificate_ASN1 -> %d\n", SSL_CTX_use_certificate_ASN1(ctx, clen, cder));
    printf("der: certificate_ASN1 garbage -> %d err=%d\n", SSL_CTX_use_certificate_ASN1(ctx, 5, (const unsigned char *)"abcde"), errs());
    printf("der: PrivateKey_ASN1 -> %d\n", SSL_CTX_use_PrivateKey_ASN1(EVP_PKEY_EC, ctx, kder, klen));
    printf("der: check -> %d\n", SSL_CTX_check_private_key(ctx));
    handshake("der TLS1.3", ctx, TLS1_3_VERSION);
    OPENSSL_free(cder);
    OPENSSL_free(kder);
    SSL_CTX_free(ctx);
    X509_free(x);
    EVP_PKEY_free(k);
}

static void chains(void)
{
    pki_cred root = pki_make("Root CA", NULL, PKI_CA, -10, 3650, NULL);
    pki_cred mid = pki_make("Intermediate CA", &root, PKI_CA, -10, 3650, NULL);
    pki_cred leaf = pki_make("localhost", &mid, 0, -10, 365, "DNS:localhost");
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method()), *cctx;
    STACK_OF(X509) *sk = NULL;
    sp_pair p;
    long r;

    SSL_CTX_use_certificate(ctx, leaf.cert);
    SSL_CTX_use_PrivateKey(ctx, leaf.key);
    SSL_CTX_get0_chain_certs(ctx, &sk);
    printf("chain: none: %s\n", sk ? "non-NULL" : "NULL");
    r = SSL_CTX_get_extra_chain_certs(ctx, &sk);
    printf("chain: extra -> %ld %s\n", r, sk ? "non-NULL" : "NULL");
    X509_up_ref(mid.cert);
    printf("chain: add_extra_chain_cert -> %ld\n", SSL_CTX_add_extra_chain_cert(ctx, mid.cert));
    SSL_CTX_get_extra_chain_certs(ctx, &sk);
    printf("chain: extra now %d\n", sk ? sk_X509_num(sk) : -1);
    SSL_CTX_get_extra_chain_certs_only(ctx, &sk);
    printf("chain: extra only %d\n", sk ? sk_X509_num(sk) : -1);
    /* the client sees the server's chain */
    cctx = sp_client_ctx(0);
    sp_new(&p, cctx, ctx);
    if (sp_handshake(&p, "chain")) printf("chain: client got %d certificates\n", sk_X509_num(SSL_get_peer_cert_chain(p.c)));
    sp_free(&p);
    printf("chain: clear extra -> %ld\n", SSL_CTX_clear_extra_chain_certs(ctx));
    printf("chain: add1_chain_cert -> %ld\n", SSL_CTX_add1_chain_cert(ctx, mid.cert));
    printf("chain: add1_chain_cert root -> %ld\n", SSL_CTX_add1_chain_cert(ctx, root.cert));
    SSL_CTX_get0_chain_certs(ctx, &sk);
    printf("chain: chain has %d: %s %s\n", sk ? sk_X509_num(sk) : -1, pki_cn(sk_X509_value(sk, 0)), pki_cn(sk_X509_value(sk, 1)));
    sp_new(&p, cctx, ctx);
    if (sp_handshake(&p, "chain")) printf("chain: client got %d certificates\n", sk_X509_num(SSL_get_peer_cert_chain(p.c)));
    sp_free(&p);
    printf("chain: clear_chain_certs -> %ld\n", SSL_CTX_clear_chain_certs(ctx));
    SSL_CTX_get0_chain_certs(ctx, &sk);
    printf("chain: after clear %s\n", sk ? "non-NULL" : "NULL");
    /* build from the trust store */
    X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), root.cert);
    X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), mid.cert);
    printf("chain: build -> %ld\n", SSL_CTX_build_cert_chain(ctx, 0));
    SSL_CTX_get0_chain_certs(ctx, &sk);
    printf("chain: built %d: %s\n", sk ? sk_X509_num(sk) : -1, sk ? pki_cn(sk_X509_value(sk, 0)) : "-");
    printf("chain: build no root -> %ld\n", SSL_CTX_build_cert_chain(ctx, SSL_BUILD_CHAIN_FLAG_NO_ROOT));
    SSL_CTX_get0_chain_certs(ctx, &sk);
    printf("chain: built %d\n", sk ? sk_X509_num(sk) : -1);
    SSL_CTX_free(cctx);
    SSL_CTX_free(ctx);
    ctx = SSL_CTX_new(TLS_server_method());
    printf("chain: build without certificate -> %ld err=%d\n", SSL_CTX_build_cert_chain(ctx, 0), errs());
    /* use_cert_and_key */
    sk = sk_X509_new_null();
    sk_X509_push(sk, mid.cert);
    printf("cert_and_key -> %d\n", SSL_CTX_use_cert_and_key(ctx, leaf.cert, leaf.key, sk, 0));
    printf("cert_and_key again, no override -> %d err=%d\n", SSL_CTX_use_cert_and_key(ctx, leaf.cert, leaf.key, sk, 0), errs());
    printf("cert_and_key mismatch -> %d err=%d\n", SSL_CTX_use_cert_and_key(ctx, leaf.cert, mid.key, NULL, 1), errs());
    printf("cert_and_key override -> %d check=%d\n", SSL_CTX_use_cert_and_key(ctx, leaf.cert, leaf.key, NULL, 1),
           SSL_CTX_check_private_key(ctx));
    sk_X509_free(sk);
    SSL_CTX_free(ctx);
    pki_free(&root);
    pki_free(&mid);
    pki_free(&leaf);
}

static void encrypted(void)
{
    EVP_PKEY *k = keygen("EC", "P-256");
    X509 *x = selfsigned(k, "encrypted");
    const char *file = pki_path(2, "enc.key");
    SSL_CTX *ctx;
    FILE *f;

    pki_remember(file);
    f = fopen(file, "w");
    if (!f || !PEM_write_PrivateKey(f, k, EVP_aes_128_cbc(), NULL, 0, NULL, (void *)"secret") || fclose(f) != 0)
        pki_die("enc.key");
    ctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX_use_certificate(ctx, x);
    printf("passwd: default cb %d userdata %d\n", SSL_CTX_get_default_passwd_cb(ctx) == NULL,
           SSL_CTX_get_default_passwd_cb_userdata(ctx) == NULL);
    SSL_CTX_set_default_passwd_cb(ctx, pw_cb);
    SSL_CTX_set_default_passwd_cb_userdata(ctx, (void *)"wrong");
    printf("passwd: getters %d %d\n", SSL_CTX_get_default_passwd_cb(ctx) == pw_cb,
           strcmp(SSL_CTX_get_default_passwd_cb_userdata(ctx), "wrong") == 0);
    pw_calls = 0;
    printf("passwd: wrong -> %d err=%d calls>0=%d\n", SSL_CTX_use_PrivateKey_file(ctx, file, SSL_FILETYPE_PEM), errs(), pw_calls > 0);
    SSL_CTX_set_default_passwd_cb_userdata(ctx, (void *)"secret");
    pw_calls = 0;
    printf("passwd: right -> %d calls=%d check=%d\n", SSL_CTX_use_PrivateKey_file(ctx, file, SSL_FILETYPE_PEM), pw_calls,
           SSL_CTX_check_private_key(ctx));
    handshake("encrypted TLS1.3", ctx, TLS1_3_VERSION);
    printf("files: missing -> %d err=%d\n", SSL_CTX_use_certificate_file(ctx, "/nonexistent/x.pem", SSL_FILETYPE_PEM), errs());
    printf("files: bad type -> %d err=%d\n", SSL_CTX_use_PrivateKey_file(ctx, file, 42), errs());
    SSL_CTX_free(ctx);
    X509_free(x);
    EVP_PKEY_free(k);
}

static void per_connection(void)
{
    EVP_PKEY *k1 = keygen("EC", "P-256"), *k2 = keygen("EC", "P-256");
    X509 *x1 = selfsigned(k1, "ctx cert"), *x2 = selfsigned(k2, "ssl cert");
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method()), *cctx = sp_client_ctx(0);
    X509 *peer;
    sp_pair p;

    SSL_CTX_use_certificate(sctx, x1);
    SSL_CTX_use_PrivateKey(sctx, k1);
    sp_new(&p, cctx, sctx);
    printf("ssl: get_certificate is ctx's %d key %d\n", SSL_get_certificate(p.s) == x1, SSL_get_privatekey(p.s) == k1);
    printf("ssl: use_certificate -> %d\n", SSL_use_certificate(p.s, x2));
    printf("ssl: check (key dropped) -> %d err=%d\n", SSL_check_private_key(p.s), errs());
    printf("ssl: use_PrivateKey -> %d check=%d\n", SSL_use_PrivateKey(p.s, k2), SSL_check_private_key(p.s));
    printf("ssl: get %d %d, ctx still %d\n", SSL_get_certificate(p.s) == x2, SSL_get_privatekey(p.s) == k2,
           SSL_CTX_get0_certificate(sctx) == x1);
    if (sp_handshake(&p, "ssl")) {
        peer = SSL_get1_peer_certificate(p.c);
        printf("ssl: client got %s\n", pki_cn(peer));
        X509_free(peer);
    }
    sp_free(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    X509_free(x1);
    X509_free(x2);
    EVP_PKEY_free(k1);
    EVP_PKEY_free(k2);
}

static void print_names(const char *label, const STACK_OF(X509_NAME) *sk)
{
    int i;
    char buf[80];
    printf("%s:", label);
    if (!sk) printf(" NULL");
    for (i = 0; sk && i < sk_X509_NAME_num(sk); i++) {
        X509_NAME_get_text_by_NID(sk_X509_NAME_value(sk, i), NID_commonName, buf, sizeof buf);
        printf(" [%s]", buf);
    }
    printf("\n");
}

static int client_cert_cb_calls;
static int verify_any(int ok, X509_STORE_CTX *x)
{
    (void)ok, (void)x;
    return 1;
}

static void ca_lists(int ver)
{
    pki_cred a = pki_make("CA one", NULL, PKI_CA, -10, 3650, NULL);
    pki_cred b = pki_make("CA two", NULL, PKI_CA, -10, 3650, NULL);
    const char *file = pki_write(&a, "cas", &b);
    SSL_CTX *sctx = sp_server_ctx(ver), *cctx = sp_client_ctx(ver);
    STACK_OF(X509_NAME) *loaded;
    sp_pair p;

    printf("ca %s: empty list %d\n", sp_vname(ver), sk_X509_NAME_num(SSL_CTX_get_client_CA_list(sctx)));
    loaded = SSL_load_client_CA_file(file);
    print_names("ca: loaded", loaded);
    printf("ca: load missing -> %s\n", SSL_load_client_CA_file("/nonexistent") ? "non-NULL" : "NULL");
    ERR_clear_error();
    printf("ca: add file to stack -> %d\n", SSL_add_file_cert_subjects_to_stack(loaded, file));
    print_names("ca: after add (no duplicates)", loaded);
    SSL_CTX_set_client_CA_list(sctx, loaded);
    printf("ca: add_client_CA -> %d\n", SSL_CTX_add_client_CA(sctx, a.cert));
    print_names("ca: ctx list", SSL_CTX_get_client_CA_list(sctx));
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, verify_any);
    sp_new(&p, cctx, sctx);
    print_names("ca: server's list before", SSL_get_client_CA_list(p.s));
    print_names("ca: client's list before", SSL_get_client_CA_list(p.c));
    if (sp_handshake(&p, "ca")) {
        print_names("ca: client received", SSL_get_client_CA_list(p.c));
        print_names("ca: client received (peer list)", SSL_get0_peer_CA_list(p.c));
    }
    sp_free(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    pki_free(&a);
    pki_free(&b);
    (void)client_cert_cb_calls;
}

int main(void)
{
    by_key("RSA", "2048", "rsa");
    by_key("EC", "P-256", "ec");
    by_key("ED25519", NULL, "ed25519");
    der_forms();
    chains();
    encrypted();
    per_connection();
    ca_lists(TLS1_2_VERSION);
    ca_lists(TLS1_3_VERSION);
    sp_cleanup();
    pki_cleanup();
    return 0;
}
