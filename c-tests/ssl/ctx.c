/* SSL_CTX configuration and lifecycle (semantics §5, §16, §17, §19): methods
 * and OPENSSL_init_ssl; a new context's defaults for each method; up_ref /
 * free; options and modes with their return values; every SSL_CTX_ctrl
 * command neon-rs handles (and unknown ones, callback_ctrl's numbers, a NULL
 * context); protocol bounds valid, invalid and 0; the verify settings;
 * ex_data; TLS 1.3 ticket count; certificate, key and CA files (EC keys made
 * with the openssl command in a temporary directory: matching, mismatching,
 * PEM and DER, missing and wrong files); cipher lists; SSL_CIPHER accessors
 * on NULL and OPENSSL_cipher_name. Then a few handshakes showing that these
 * settings take effect: the servername callback (its argument, the name, its
 * verdicts), protocol bounds, cipher choice and the negotiated SSL_CIPHER.
 * Only return values are printed, never anything key- or time-dependent. */
#define OPENSSL_SUPPRESS_DEPRECATED /* ERR_load_SSL_strings */
#include "sslpair.h"

#include <sys/stat.h>

#define NUM(expr) do { long r_ = (long)(expr); printf("%s -> %ld\n", #expr, r_); ERR_clear_error(); } while (0)
#define HEX(expr) do { unsigned long long r_ = (unsigned long long)(expr); printf("%s -> %#llx\n", #expr, r_); ERR_clear_error(); } while (0)
#define PTR(expr) do { const void *r_ = (const void *)(expr); printf("%s -> %s\n", #expr, r_ ? "non-NULL" : "NULL"); ERR_clear_error(); } while (0)
#define STR(expr) do { const char *r_ = (expr); printf("%s -> %s\n", #expr, r_ ? r_ : "(null pointer)"); ERR_clear_error(); } while (0)
#define YES(expr) do { printf("%s -> %s\n", #expr, (expr) ? "yes" : "no"); ERR_clear_error(); } while (0)

static char dir[64];

/* dir/name, in a static buffer per slot (several are used in one call) */
static const char *path(int slot, const char *name)
{
    static char buf[4][128];

    snprintf(buf[slot], sizeof buf[slot], "%s/%s", dir, name);
    return buf[slot];
}

static void run(const char *cmd)
{
    char full[1024];

    snprintf(full, sizeof full, "cd %s && (%s) >/dev/null 2>&1", dir, cmd);
    if (system(full) != 0) sp_die(cmd);
}

/* Two EC P-256 self-signed pairs (a, b), their DER forms, files combining
 * them, a CA directory and files that are not PEM at all. */
static void make_files(void)
{
    strcpy(dir, "/tmp/neonrs-ctx-XXXXXX");
    if (!mkdtemp(dir)) sp_die("mkdtemp");
    run("for n in a b; do openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
        " -keyout $n.key -out $n.pem -subj /CN=$n -days 30 || exit 1; done");
    run("openssl x509 -in b.pem -outform DER -out b.crt.der && openssl pkey -in b.key -outform DER -out b.key.der");
    run("cat a.pem b.pem > chain.pem && cat a.key a.pem > keycert.pem && echo not pem > garbage");
    run("mkdir cadir && cp a.pem b.pem cadir/ && openssl rehash cadir && mkdir emptydir");
}

static void remove_files(void)
{
    run("rm -rf a.key a.pem b.key b.pem b.crt.der b.key.der chain.pem keycert.pem garbage cadir emptydir");
    rmdir(dir);
}

static void methods_and_init(void)
{
    SSL_CTX *ctx;

    printf("== methods and init\n");
    PTR(TLS_method());
    PTR(TLS_client_method());
    PTR(TLS_server_method());
    YES(TLS_method() != TLS_client_method() && TLS_client_method() != TLS_server_method());
    YES(SSLv23_method() == TLS_method());
    PTR(SSL_CTX_new(NULL));
    ctx = SSL_CTX_new(TLS_server_method());
    YES(SSL_CTX_get_ssl_method(ctx) == TLS_server_method());
    SSL_CTX_free(ctx);
    ctx = SSL_CTX_new_ex(NULL, NULL, TLS_client_method());
    PTR(ctx);
    YES(SSL_CTX_get_ssl_method(ctx) == TLS_client_method());
    SSL_CTX_free(ctx);
    PTR(SSL_CTX_new_ex(NULL, "provider=default", NULL));
    NUM(OPENSSL_init_ssl(0, NULL));
    NUM(OPENSSL_init_ssl(OPENSSL_INIT_LOAD_SSL_STRINGS, NULL));
    NUM(SSL_library_init());
    NUM(SSL_load_error_strings());
    NUM(ERR_load_SSL_strings());
}

static void defaults(const char *label, const SSL_METHOD *method)
{
    SSL_CTX *ctx = SSL_CTX_new(method);

    printf("== defaults %s\n", label);
    HEX(SSL_CTX_get_options(ctx));
    NUM(SSL_CTX_get_mode(ctx));
    NUM(SSL_CTX_get_verify_mode(ctx));
    NUM(SSL_CTX_get_verify_depth(ctx));
    YES(SSL_CTX_get_verify_callback(ctx) == NULL);
    NUM(SSL_CTX_get_min_proto_version(ctx));
    NUM(SSL_CTX_get_max_proto_version(ctx));
    NUM(SSL_CTX_get_read_ahead(ctx));
    NUM(SSL_CTX_get_max_cert_list(ctx));
    NUM(SSL_CTX_get_num_tickets(ctx));
    NUM(SSL_CTX_get_timeout(ctx));
    NUM(SSL_CTX_get_session_cache_mode(ctx));
    NUM(SSL_CTX_sess_get_cache_size(ctx));
    NUM(SSL_CTX_sess_number(ctx));
    PTR(SSL_CTX_get_ex_data(ctx, 0));
    NUM(SSL_CTX_check_private_key(ctx));
    SSL_CTX_free(ctx);
}

static void references(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());

    printf("== references\n");
    NUM(SSL_CTX_up_ref(ctx));
    NUM(SSL_CTX_up_ref(ctx));
    SSL_CTX_free(ctx);
    SSL_CTX_free(ctx);
    /* still alive: one reference left */
    HEX(SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET));
    SSL_CTX_free(ctx);
    SSL_CTX_free(NULL);
    printf("SSL_CTX_free(NULL) -> (void)\n");
}

static void options_and_modes(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());

    printf("== options\n");
    HEX(SSL_CTX_set_options(ctx, SSL_OP_ALL));
    HEX(SSL_CTX_set_options(ctx, SSL_OP_NO_TLSv1_3 | SSL_OP_CIPHER_SERVER_PREFERENCE));
    HEX(SSL_CTX_clear_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_TLSv1_3));
    HEX(SSL_CTX_set_options(ctx, (uint64_t)1 << 40));
    HEX(SSL_CTX_set_options(ctx, 0));
    HEX(SSL_CTX_clear_options(ctx, ~(uint64_t)0));
    HEX(SSL_CTX_get_options(ctx));

    printf("== modes\n");
    NUM(SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS));
    NUM(SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER));
    NUM(SSL_CTX_clear_mode(ctx, SSL_MODE_AUTO_RETRY));
    NUM(SSL_CTX_get_mode(ctx));
    NUM(SSL_CTX_clear_mode(ctx, -1));
    NUM(SSL_CTX_set_mode(ctx, -1));
    NUM(SSL_CTX_clear_mode(ctx, 0xfffffffbL));
    SSL_CTX_free(ctx);
}

static void proto_bound(SSL_CTX *ctx, int max, long v)
{
    long r = max ? SSL_CTX_set_max_proto_version(ctx, v) : SSL_CTX_set_min_proto_version(ctx, v);

    printf("set_%s_proto_version(%#lx) -> %ld; min %#lx max %#lx\n", max ? "max" : "min", v, r,
           SSL_CTX_get_min_proto_version(ctx), SSL_CTX_get_max_proto_version(ctx));
    ERR_clear_error();
}

static void versions(const char *label, const SSL_METHOD *method)
{
    static const long values[] = {
        SSL3_VERSION, TLS1_VERSION, TLS1_1_VERSION, TLS1_2_VERSION, TLS1_3_VERSION, 0x305, 0x2ff,
        DTLS1_VERSION, DTLS1_2_VERSION, DTLS1_BAD_VER, 1, -1, 0x10303, 0,
    };
    SSL_CTX *ctx = SSL_CTX_new(method);
    size_t i;

    printf("== protocol bounds %s\n", label);
    for (i = 0; i < sizeof values / sizeof *values; i++) proto_bound(ctx, 0, values[i]);
    for (i = 0; i < sizeof values / sizeof *values; i++) proto_bound(ctx, 1, values[i]);
    /* min above max is accepted; TLS and DTLS bounds do not mix */
    proto_bound(ctx, 0, TLS1_3_VERSION);
    proto_bound(ctx, 1, TLS1_2_VERSION);
    proto_bound(ctx, 0, DTLS1_VERSION);
    proto_bound(ctx, 1, 0);
    proto_bound(ctx, 0, DTLS1_VERSION);
    proto_bound(ctx, 0, 0);
    proto_bound(ctx, 1, DTLS1_2_VERSION);
    proto_bound(ctx, 0, TLS1_2_VERSION);
    proto_bound(ctx, 1, DTLS1_2_VERSION);
    proto_bound(ctx, 1, 0x100000304L);
    SSL_CTX_free(ctx);
}

static int sni_cb_unused(SSL *ssl, int *al, void *arg)
{
    (void)ssl;
    (void)al;
    (void)arg;
    return SSL_TLSEXT_ERR_OK;
}

static void ctrls(void)
{
    static const int unknown[] = { 0, 1, 32, 34, 55, 76, 999, -1 };
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    size_t i;

    printf("== ctrl\n");
    NUM(SSL_CTX_set_read_ahead(ctx, 1));
    NUM(SSL_CTX_get_read_ahead(ctx));
    NUM(SSL_CTX_set_read_ahead(ctx, 0x100000002L));
    NUM(SSL_CTX_get_read_ahead(ctx));
    NUM(SSL_CTX_set_read_ahead(ctx, 0));
    NUM(SSL_CTX_set_max_cert_list(ctx, 1000));
    NUM(SSL_CTX_set_max_cert_list(ctx, -1));
    NUM(SSL_CTX_set_max_cert_list(ctx, 0));
    NUM(SSL_CTX_get_max_cert_list(ctx));
    NUM(SSL_CTX_set_max_send_fragment(ctx, 511));
    NUM(SSL_CTX_set_max_send_fragment(ctx, 16385));
    NUM(SSL_CTX_set_max_send_fragment(ctx, 512));
    NUM(SSL_CTX_set_split_send_fragment(ctx, 513));
    NUM(SSL_CTX_set_split_send_fragment(ctx, 0));
    NUM(SSL_CTX_set_split_send_fragment(ctx, -1));
    NUM(SSL_CTX_set_split_send_fragment(ctx, 512));
    NUM(SSL_CTX_set_max_send_fragment(ctx, 16384));
    NUM(SSL_CTX_set_split_send_fragment(ctx, 16384));
    NUM(SSL_CTX_set_tlsext_servername_arg(ctx, ctx));
    NUM(SSL_CTX_set_tlsext_servername_callback(ctx, sni_cb_unused));
    NUM(SSL_CTX_set_tlsext_servername_callback(ctx, NULL));
    NUM(SSL_CTX_callback_ctrl(ctx, 999, NULL));
    NUM(SSL_CTX_callback_ctrl(ctx, SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG, NULL));
    /* session cache numbers go to the cache */
    NUM(SSL_CTX_sess_set_cache_size(ctx, 10));
    NUM(SSL_CTX_sess_set_cache_size(ctx, -1));
    NUM(SSL_CTX_sess_get_cache_size(ctx));
    NUM(SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_BOTH));
    NUM(SSL_CTX_get_session_cache_mode(ctx));
    for (i = SSL_CTRL_SESS_NUMBER; i <= SSL_CTRL_SESS_CACHE_FULL; i++)
        printf("SSL_CTX_ctrl(ctx, %zu, 0, NULL) -> %ld\n", i, SSL_CTX_ctrl(ctx, (int)i, 0, NULL));
    for (i = 0; i < sizeof unknown / sizeof *unknown; i++)
        printf("SSL_CTX_ctrl(ctx, %d, 1, NULL) -> %ld\n", unknown[i], SSL_CTX_ctrl(ctx, unknown[i], 1, NULL));
    /* a NULL context */
    NUM(SSL_CTX_ctrl(NULL, SSL_CTRL_MODE, 0, NULL));
    NUM(SSL_CTX_ctrl(NULL, SSL_CTRL_SESS_NUMBER, 0, NULL));
    NUM(SSL_CTX_ctrl(NULL, SSL_CTRL_SET_MIN_PROTO_VERSION, TLS1_2_VERSION, NULL));
    NUM(SSL_CTX_ctrl(NULL, SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG, 0, NULL));
    SSL_CTX_free(ctx);
}

static int verify_cb(int ok, X509_STORE_CTX *store)
{
    (void)store;
    return ok;
}

static void verify_settings(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

    printf("== verify\n");
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, verify_cb);
    NUM(SSL_CTX_get_verify_mode(ctx));
    YES(SSL_CTX_get_verify_callback(ctx) == verify_cb);
    SSL_CTX_set_verify(ctx, 0xff, NULL);
    NUM(SSL_CTX_get_verify_mode(ctx));
    YES(SSL_CTX_get_verify_callback(ctx) == NULL);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    NUM(SSL_CTX_get_verify_mode(ctx));
    SSL_CTX_set_verify_depth(ctx, 5);
    NUM(SSL_CTX_get_verify_depth(ctx));
    SSL_CTX_set_verify_depth(ctx, -5);
    NUM(SSL_CTX_get_verify_depth(ctx));
    SSL_CTX_free(ctx);
}

static void data_and_tickets(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    int a, b;

    printf("== ex_data\n");
    NUM(SSL_CTX_set_ex_data(ctx, 0, &a));
    YES(SSL_CTX_get_ex_data(ctx, 0) == &a);
    YES(SSL_CTX_get_app_data(ctx) == &a);
    NUM(SSL_CTX_set_app_data(ctx, &b));
    YES(SSL_CTX_get_ex_data(ctx, 0) == &b);
    NUM(SSL_CTX_set_ex_data(ctx, 7, &a));
    YES(SSL_CTX_get_ex_data(ctx, 7) == &a);
    PTR(SSL_CTX_get_ex_data(ctx, 6));
    NUM(SSL_CTX_set_ex_data(ctx, -1, &a));
    PTR(SSL_CTX_get_ex_data(ctx, -1));
    NUM(SSL_CTX_set_ex_data(ctx, 7, NULL));
    PTR(SSL_CTX_get_ex_data(ctx, 7));
    {
        SSL *ssl = SSL_new(ctx);

        NUM(SSL_set_ex_data(ssl, 0, &a));
        YES(SSL_get_ex_data(ssl, 0) == &a);
        YES(SSL_get_app_data(ssl) == &a);
        NUM(SSL_set_app_data(ssl, &b));
        YES(SSL_get_ex_data(ssl, 0) == &b);
        NUM(SSL_set_ex_data(ssl, 3, &a));
        YES(SSL_get_ex_data(ssl, 3) == &a);
        PTR(SSL_get_ex_data(ssl, 2));
        NUM(SSL_set_ex_data(ssl, -1, &a));
        PTR(SSL_get_ex_data(ssl, -1));
        PTR(SSL_CTX_get_ex_data(ctx, 3));
        SSL_free(ssl);
    }

    printf("== tickets\n");
    NUM(SSL_CTX_set_num_tickets(ctx, 5));
    NUM(SSL_CTX_get_num_tickets(ctx));
    NUM(SSL_CTX_set_num_tickets(ctx, 0));
    NUM(SSL_CTX_get_num_tickets(ctx));
    SSL_CTX_free(ctx);
}

static void keys(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    printf("== certificates and keys\n");
    NUM(SSL_CTX_use_certificate_chain_file(ctx, path(0, "missing")));
    NUM(SSL_CTX_use_certificate_chain_file(ctx, path(0, "garbage")));
    NUM(SSL_CTX_use_certificate_chain_file(ctx, path(0, "a.key")));
    NUM(SSL_CTX_use_PrivateKey_file(ctx, path(0, "missing"), SSL_FILETYPE_PEM));
    NUM(SSL_CTX_use_PrivateKey_file(ctx, path(0, "a.pem"), SSL_FILETYPE_PEM));
    NUM(SSL_CTX_use_PrivateKey_file(ctx, path(0, "a.key"), SSL_FILETYPE_PEM));
    NUM(SSL_CTX_check_private_key(ctx));
    NUM(SSL_CTX_use_certificate_chain_file(ctx, path(0, "a.pem")));
    NUM(SSL_CTX_check_private_key(ctx));
    /* a key that does not match the certificate is refused (3.0) */
    NUM(SSL_CTX_use_PrivateKey_file(ctx, path(0, "b.key"), SSL_FILETYPE_PEM));
    NUM(SSL_CTX_check_private_key(ctx));
    /* a certificate that does not match drops the key */
    NUM(SSL_CTX_use_certificate_file(ctx, path(0, "b.pem"), SSL_FILETYPE_PEM));
    NUM(SSL_CTX_check_private_key(ctx));
    NUM(SSL_CTX_use_PrivateKey_file(ctx, path(0, "b.key"), SSL_FILETYPE_PEM));
    NUM(SSL_CTX_check_private_key(ctx));
    /* DER */
    NUM(SSL_CTX_use_PrivateKey_file(ctx, path(0, "b.key"), SSL_FILETYPE_ASN1));
    NUM(SSL_CTX_use_certificate_file(ctx, path(0, "b.pem"), SSL_FILETYPE_ASN1));
    NUM(SSL_CTX_use_certificate_file(ctx, path(0, "b.crt.der"), SSL_FILETYPE_ASN1));
    NUM(SSL_CTX_use_PrivateKey_file(ctx, path(0, "b.key.der"), SSL_FILETYPE_ASN1));
    NUM(SSL_CTX_check_private_key(ctx));
    /* unknown file types */
    NUM(SSL_CTX_use_certificate_file(ctx, path(0, "b.pem"), 3));
    NUM(SSL_CTX_use_PrivateKey_file(ctx, path(0, "b.key"), 0));
    NUM(SSL_CTX_check_private_key(ctx));
    /* a chain (a, then b) and a file holding both key and certificate */
    NUM(SSL_CTX_use_certificate_chain_file(ctx, path(0, "chain.pem")));
    NUM(SSL_CTX_check_private_key(ctx));
    NUM(SSL_CTX_use_PrivateKey_file(ctx, path(0, "keycert.pem"), SSL_FILETYPE_PEM));
    NUM(SSL_CTX_check_private_key(ctx));
    NUM(SSL_CTX_use_certificate_chain_file(ctx, path(0, "keycert.pem")));
    NUM(SSL_CTX_check_private_key(ctx));
    NUM(SSL_CTX_check_private_key(NULL));
    SSL_CTX_free(ctx);
}

static void trust(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

    printf("== trusted certificates\n");
    NUM(SSL_CTX_load_verify_locations(ctx, NULL, NULL));
    NUM(SSL_CTX_load_verify_locations(ctx, path(0, "a.pem"), NULL));
    NUM(SSL_CTX_load_verify_locations(ctx, path(0, "chain.pem"), NULL));
    NUM(SSL_CTX_load_verify_locations(ctx, path(0, "missing"), NULL));
    NUM(SSL_CTX_load_verify_locations(ctx, path(0, "garbage"), NULL));
    NUM(SSL_CTX_load_verify_locations(ctx, path(0, "a.key"), NULL));
    NUM(SSL_CTX_load_verify_locations(ctx, NULL, path(0, "cadir")));
    NUM(SSL_CTX_load_verify_locations(ctx, NULL, path(0, "emptydir")));
    NUM(SSL_CTX_load_verify_locations(ctx, NULL, path(0, "missingdir")));
    NUM(SSL_CTX_load_verify_locations(ctx, NULL, ""));
    NUM(SSL_CTX_load_verify_locations(ctx, path(0, "b.pem"), path(1, "cadir")));
    NUM(SSL_CTX_load_verify_locations(ctx, path(0, "missing"), path(1, "cadir")));
    NUM(SSL_CTX_load_verify_file(ctx, path(0, "b.pem")));
    NUM(SSL_CTX_load_verify_file(ctx, path(0, "garbage")));
    NUM(SSL_CTX_load_verify_dir(ctx, path(0, "cadir")));
    NUM(SSL_CTX_load_verify_dir(ctx, ""));
    NUM(SSL_CTX_set_default_verify_paths(ctx));
    SSL_CTX_free(ctx);
}

static void ciphers(void)
{
    static const char *lists[] = {
        "HIGH", "DEFAULT", "ALL:!aNULL", "ECDHE+AESGCM", "ECDHE-RSA-AES128-GCM-SHA256",
        "aRSA+AES128:!aNULL", "HIGH,!MD5 ;+AES256", ":::HIGH", "-HIGH:HIGH", "DEFAULTX",
        "FOO", "", "!HIGH:HIGH", "@STRENGTH", "HIGH:$$", "HIGH+", "HIGH:!", "HIGH:@FOO",
        "HIGH:@SECLEVEL=9", "HIGH:@SECLEVEL=1",
    };
    static const char *suites[] = {
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384:nope", " TLS_CHACHA20_POLY1305_SHA256 ",
        "", "nope", "::",
    };
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    size_t i;
    int bits = 7;

    printf("== cipher lists\n");
    for (i = 0; i < sizeof lists / sizeof *lists; i++)
        printf("SSL_CTX_set_cipher_list(\"%s\") -> %d\n", lists[i], SSL_CTX_set_cipher_list(ctx, lists[i]));
    for (i = 0; i < sizeof suites / sizeof *suites; i++)
        printf("SSL_CTX_set_ciphersuites(\"%s\") -> %d\n", suites[i], SSL_CTX_set_ciphersuites(ctx, suites[i]));
    ERR_clear_error();
    SSL_CTX_free(ctx);

    printf("== SSL_CIPHER\n");
    STR(SSL_CIPHER_get_name(NULL));
    STR(SSL_CIPHER_standard_name(NULL));
    STR(SSL_CIPHER_get_version(NULL));
    NUM(SSL_CIPHER_get_bits(NULL, NULL));
    NUM(SSL_CIPHER_get_bits(NULL, &bits));
    NUM(bits);
    NUM(SSL_CIPHER_get_cipher_nid(NULL));
    STR(OPENSSL_cipher_name(NULL));
    STR(OPENSSL_cipher_name("nope"));
    STR(OPENSSL_cipher_name("TLS_AES_256_GCM_SHA384"));
    STR(OPENSSL_cipher_name("TLS_CHACHA20_POLY1305_SHA256"));
    STR(OPENSSL_cipher_name("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
    STR(OPENSSL_cipher_name("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"));
}

/* ---- handshakes ---------------------------------------------------------- */

static int sni_calls, sni_verdict;
static void *sni_arg;

static int sni_cb(SSL *ssl, int *al, void *arg)
{
    const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);

    sni_calls++;
    sni_arg = arg;
    printf("  servername callback: name %s, alert preset %d\n", name ? name : "(none)", *al);
    return sni_verdict;
}

static void sni(int verdict, const char *host)
{
    SSL_CTX *sctx = sp_server_ctx(0), *cctx = sp_client_ctx(0);
    sp_pair p;
    int ok;

    printf("== servername callback returning %d, client name %s\n", verdict, host ? host : "(none)");
    sni_calls = 0;
    sni_arg = NULL;
    sni_verdict = verdict;
    SSL_CTX_set_tlsext_servername_callback(sctx, sni_cb);
    SSL_CTX_set_tlsext_servername_arg(sctx, &sni_calls);
    sp_new(&p, cctx, sctx);
    if (host) SSL_set_tlsext_host_name(p.c, host);
    ok = sp_handshake(&p, "sni");
    printf("handshake %s; callback calls %d, argument %s\n", ok ? "ok" : "failed", sni_calls,
           sni_arg == &sni_calls ? "as set" : "wrong");
    ERR_clear_error();
    sp_free(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* One handshake; prints the version and the SSL_CIPHER negotiated. */
static void negotiate(const char *label, SSL_CTX *cctx, SSL_CTX *sctx)
{
    const SSL_CIPHER *c;
    sp_pair p;
    int alg = -1;

    printf("== %s\n", label);
    sp_new(&p, cctx, sctx);
    if (sp_handshake(&p, label)) {
        c = SSL_get_current_cipher(p.c);
        printf("version %s, cipher %s (%s), %s, id %#lx, protocol id %#x\n", SSL_get_version(p.c),
               SSL_CIPHER_get_name(c), SSL_CIPHER_standard_name(c), SSL_CIPHER_get_version(c),
               (unsigned long)SSL_CIPHER_get_id(c), SSL_CIPHER_get_protocol_id(c));
        printf("bits %d/", SSL_CIPHER_get_bits(c, &alg));
        printf("%d, nids kx %d auth %d cipher %d digest %d, aead %d\n", alg, SSL_CIPHER_get_kx_nid(c),
               SSL_CIPHER_get_auth_nid(c), SSL_CIPHER_get_cipher_nid(c), SSL_CIPHER_get_digest_nid(c),
               SSL_CIPHER_is_aead(c));
        YES(SSL_get_current_cipher(p.s) == c);
        YES(OPENSSL_cipher_name(SSL_CIPHER_standard_name(c)) == SSL_CIPHER_get_name(c));
    }
    ERR_clear_error();
    sp_free(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static void handshakes(void)
{
    SSL_CTX *sctx, *cctx;

    sni(SSL_TLSEXT_ERR_OK, "example.test");
    sni(SSL_TLSEXT_ERR_NOACK, "example.test");
    sni(SSL_TLSEXT_ERR_OK, NULL);
    sni(SSL_TLSEXT_ERR_ALERT_FATAL, "example.test");

    negotiate("defaults", sp_client_ctx(0), sp_server_ctx(0));
    negotiate("server at most TLS 1.2", sp_client_ctx(0), sp_server_ctx(TLS1_2_VERSION));

    cctx = sp_client_ctx(0);
    SSL_CTX_set_options(cctx, SSL_OP_NO_TLSv1_3);
    negotiate("client SSL_OP_NO_TLSv1_3", cctx, sp_server_ctx(0));

    cctx = sp_client_ctx(TLS1_2_VERSION);
    sctx = sp_server_ctx(0);
    SSL_CTX_set_min_proto_version(sctx, TLS1_3_VERSION);
    negotiate("client at most TLS 1.2, server at least TLS 1.3", cctx, sctx);

    cctx = sp_client_ctx(0);
    SSL_CTX_set_ciphersuites(cctx, "TLS_CHACHA20_POLY1305_SHA256");
    negotiate("client TLS 1.3 suites: ChaCha20", cctx, sp_server_ctx(0));

    cctx = sp_client_ctx(TLS1_2_VERSION);
    sctx = sp_server_ctx(0);
    SSL_CTX_set_cipher_list(sctx, "ECDHE-ECDSA-CHACHA20-POLY1305");
    negotiate("server TLS 1.2 list: ECDHE-ECDSA-CHACHA20-POLY1305", cctx, sctx);

    cctx = sp_client_ctx(TLS1_2_VERSION);
    SSL_CTX_set_cipher_list(cctx, "AES256");
    negotiate("client TLS 1.2 list: AES256", cctx, sp_server_ctx(0));

    cctx = sp_client_ctx(TLS1_2_VERSION);
    SSL_CTX_set_cipher_list(cctx, "aRSA");
    negotiate("client TLS 1.2 list: aRSA (the server key is EC)", cctx, sp_server_ctx(0));

    cctx = sp_client_ctx(0);
    SSL_CTX_set_ciphersuites(cctx, "");
    SSL_CTX_set_cipher_list(cctx, "ECDHE-ECDSA-AES256-GCM-SHA384");
    negotiate("client without TLS 1.3 suites", cctx, sp_server_ctx(0));
}

int main(void)
{
    make_files();
    methods_and_init();
    defaults("TLS_method", TLS_method());
    defaults("TLS_client_method", TLS_client_method());
    defaults("TLS_server_method", TLS_server_method());
    references();
    options_and_modes();
    versions("TLS_method", TLS_method());
    versions("TLS_client_method", TLS_client_method());
    ctrls();
    verify_settings();
    data_and_tickets();
    keys();
    trust();
    ciphers();
    handshakes();
    remove_files();
    sp_cleanup();
    return 0;
}
