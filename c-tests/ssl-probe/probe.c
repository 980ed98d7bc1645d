/* Differential probe of every libssl function (c-tests/ssl-probe/run.sh).
 *
 * Each probe calls one of OpenSSL 3.0's 518 libssl functions on fresh
 * objects (a context and a connection made with TLS_client_method, then
 * again with TLS_server_method, a new SSL_SESSION, a cipher, a certificate
 * and key) and prints one line per call:
 *
 *   NAME [c|s|-]: ret=VALUE out=VALUE... err=LIB/REASON|none
 *
 * VALUE is NULL or ptr for pointers, the string for C strings, the number
 * for integers, "void"; an out-parameter is pre-filled with a poison pattern
 * (0xa5 bytes) and printed as "poison" when the call left it unwritten.
 * err is the first entry the call left on the thread's error queue.
 * Every probe gets its own objects, so calls that free, clear or shut down
 * affect nothing else; what a call returns with a reference is released.
 * The output, run on the system libssl and on ours, must be identical but
 * for the lines listed in c-tests/ssl-probe/deliberate.txt. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/comp.h>
#include <openssl/ct.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/srp.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include "pki.h"

/* Deprecated functions are exported too: every one is probed. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"


typedef struct {
    SSL_CTX *ctx;
    SSL *ssl;
    SSL_SESSION *sess;
    const SSL_CIPHER *cipher;
    X509 *cert;
    EVP_PKEY *key;
} Env;

enum { ONCE, ROLES };

struct probe {
    const char *name;
    int mode;
    void (*fn)(Env *E);
};

/* Every PROBE registers itself in the "probes" section; main sorts them. */
#define PROBE(name, mode)                                                                        \
    static void probe_##name(Env *E);                                                             \
    static const struct probe reg_##name __attribute__((used, section("probes"), aligned(8))) = { \
        #name, mode, probe_##name};                                                               \
    static void probe_##name(Env *E __attribute__((unused)))
extern const struct probe __start_probes[], __stop_probes[];

static char line[4096];
static int dummy;
static int sp[2] = {-1, -1};
static X509 *the_cert;
static EVP_PKEY *the_key;
static RSA *the_rsa;
static const char *cert_pem, *key_pem;
static unsigned char *cert_der, *key_der;
static int cert_der_len, key_der_len;

static void add(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void add(const char *fmt, ...)
{
    size_t n = strlen(line);
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(line + n, sizeof line - n, fmt, ap);
    va_end(ap);
}

static void add_str(const char *s)
{
    if (!s) {
        add("NULL");
        return;
    }
    add("\"");
    for (; *s; s++) {
        if (*s >= 32 && *s < 127 && *s != '"' && *s != '\\') add("%c", *s);
        else add("\\x%02x", (unsigned char)*s);
    }
    add("\"");
}

static const unsigned char poison_bytes[64] = {
    0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5,
    0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5,
    0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5,
    0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5};

#define POISON(v) memset(&(v), 0xa5, sizeof(v))
#define POISONED(v) (memcmp(&(v), poison_bytes, sizeof(v)) == 0)

#define R_PTR(e) (add(" ret="), add("%s", (e) ? "ptr" : "NULL"))
#define R_FN(e) (add(" ret="), add("%s", (e) ? "fn" : "NULL"))
#define R_STR(e) (add(" ret="), add_str((const char *)(e)))
#define R_INT(e) add(" ret=%lld", (long long)(e))
#define R_HEX(e) add(" ret=%#llx", (unsigned long long)(e))
#define R_VOID() add(" ret=void")
/* An out-parameter: pointers as NULL/ptr, integers as their value. */
#define O(v)                                                                       \
    do {                                                                           \
        if (POISONED(v)) add(" %s=poison", #v);                                    \
        else if (__builtin_classify_type(v) == 5) add(" %s=%s", #v, *(void **)&(v) ? "ptr" : "NULL"); \
        else add(" %s=%lld", #v, (long long)(v));                                  \
    } while (0)
/* A buffer the call may fill: whether it did. */
#define O_BUF(b) add(" %s=%s", #b, POISONED(b) ? "untouched" : "written")

static void env_new(Env *E, int server)
{
    static const unsigned char aes128gcm[2] = {0x13, 0x01};

    E->ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    E->ssl = E->ctx ? SSL_new(E->ctx) : NULL;
    E->sess = SSL_SESSION_new();
    E->cipher = E->ssl ? SSL_CIPHER_find(E->ssl, aes128gcm) : NULL;
    E->cert = the_cert;
    E->key = the_key;
    if (!E->ssl || !E->sess || !E->cipher) {
        printf("fatal: fresh objects\n");
        exit(2);
    }
    ERR_clear_error();
}

static void env_free(Env *E)
{
    SSL_free(E->ssl);
    SSL_CTX_free(E->ctx);
    SSL_SESSION_free(E->sess);
}

static void run(const struct probe *p, int server, const char *tag)
{
    Env E;
    unsigned long e;

    env_new(&E, server);
    line[0] = '\0';
    p->fn(&E);
    e = ERR_peek_error();
    if (e) printf("%s [%s]:%s err=%d/%d\n", p->name, tag, line, ERR_GET_LIB(e), ERR_GET_REASON(e));
    else printf("%s [%s]:%s err=none\n", p->name, tag, line);
    ERR_clear_error();
    env_free(&E);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct probe *)a)->name, ((const struct probe *)b)->name);
}

/* A stack of the certificate's subject name, for the CA-list setters. */
static STACK_OF(X509_NAME) *names(void)
{
    STACK_OF(X509_NAME) *sk = sk_X509_NAME_new_null();

    sk_X509_NAME_push(sk, X509_NAME_dup(X509_get_subject_name(the_cert)));
    return sk;
}

/* A chain of one certificate, for the *_use_cert_and_key and check_chain. */
static STACK_OF(X509) *chain(void)
{
    STACK_OF(X509) *sk = sk_X509_new_null();

    X509_up_ref(the_cert);
    sk_X509_push(sk, the_cert);
    return sk;
}

/* A datagram connection, for the DTLS functions (which crash OpenSSL on
 * a TLS one); NULL where DTLS contexts are refused. */
static SSL *dtls_new(void)
{
    SSL_CTX *c = SSL_CTX_new(DTLS_method());
    SSL *s = c ? SSL_new(c) : NULL;

    SSL_CTX_free(c);
    ERR_clear_error();
    return s;
}

/* ---- the probes, one per export (tools/libssl-3.0.0-exports.txt) ---- */

PROBE(BIO_f_ssl, ONCE) {
    BIO *b;
    R_PTR(BIO_f_ssl());
    b = BIO_f_ssl() ? BIO_new(BIO_f_ssl()) : NULL;
    add(" new=%s", b ? "ptr" : "NULL");
    BIO_free(b);
}
PROBE(BIO_new_buffer_ssl_connect, ROLES) { BIO *b = BIO_new_buffer_ssl_connect(E->ctx); R_PTR(b); BIO_free_all(b); }
PROBE(BIO_new_ssl, ROLES) { BIO *b = BIO_new_ssl(E->ctx, 1); R_PTR(b); BIO_free_all(b); }
PROBE(BIO_new_ssl_connect, ROLES) { BIO *b = BIO_new_ssl_connect(E->ctx); R_PTR(b); BIO_free_all(b); }
/* Two plain memory BIOs: not SSL BIOs, which OpenSSL refuses. */
PROBE(BIO_ssl_copy_session_id, ONCE) {
    BIO *a = BIO_new(BIO_s_mem()), *b = BIO_new(BIO_s_mem());
    R_INT(BIO_ssl_copy_session_id(a, b));
    BIO_free(a);
    BIO_free(b);
}
PROBE(BIO_ssl_shutdown, ONCE) { BIO *a = BIO_new(BIO_s_mem()); BIO_ssl_shutdown(a); R_VOID(); BIO_free(a); }
PROBE(DTLS_client_method, ONCE) { R_PTR(DTLS_client_method()); }
PROBE(DTLS_get_data_mtu, ONCE) {
    SSL *d = dtls_new();
    if (!d) { add(" ret=no-dtls"); return; }
    R_INT(DTLS_get_data_mtu(d));
    SSL_free(d);
}
PROBE(DTLS_method, ONCE) { R_PTR(DTLS_method()); }
PROBE(DTLS_server_method, ONCE) { R_PTR(DTLS_server_method()); }
PROBE(DTLS_set_timer_cb, ONCE) {
    SSL *d = dtls_new();
    if (!d) { add(" ret=no-dtls"); return; }
    DTLS_set_timer_cb(d, NULL);
    R_VOID();
    SSL_free(d);
}
PROBE(DTLSv1_2_client_method, ONCE) { R_PTR(DTLSv1_2_client_method()); }
PROBE(DTLSv1_2_method, ONCE) { R_PTR(DTLSv1_2_method()); }
PROBE(DTLSv1_2_server_method, ONCE) { R_PTR(DTLSv1_2_server_method()); }
PROBE(DTLSv1_client_method, ONCE) { R_PTR(DTLSv1_client_method()); }
PROBE(DTLSv1_listen, ONCE) {
    SSL *d = dtls_new();
    BIO_ADDR *a = BIO_ADDR_new();
    if (!d) { add(" ret=no-dtls"); BIO_ADDR_free(a); return; }
    R_INT(DTLSv1_listen(d, a));
    BIO_ADDR_free(a);
    SSL_free(d);
}
PROBE(DTLSv1_method, ONCE) { R_PTR(DTLSv1_method()); }
PROBE(DTLSv1_server_method, ONCE) { R_PTR(DTLSv1_server_method()); }
PROBE(ERR_load_SSL_strings, ONCE) { R_INT(ERR_load_SSL_strings()); }
PROBE(OPENSSL_cipher_name, ONCE) { R_STR(OPENSSL_cipher_name("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")); add(" unknown="); add_str(OPENSSL_cipher_name("TLS_NOT_A_SUITE")); }
PROBE(OPENSSL_init_ssl, ONCE) { R_INT(OPENSSL_init_ssl(0, NULL)); }
PROBE(OSSL_default_cipher_list, ONCE) { R_STR(OSSL_default_cipher_list()); }
PROBE(OSSL_default_ciphersuites, ONCE) { R_STR(OSSL_default_ciphersuites()); }
/* An empty file and an empty memory BIO: no session to read. */
PROBE(PEM_read_SSL_SESSION, ONCE) {
    FILE *f = tmpfile();
    SSL_SESSION *out;
    POISON(out);
    R_PTR(PEM_read_SSL_SESSION(f, &out, NULL, NULL));
    O(out);
    fclose(f);
}
PROBE(PEM_read_bio_SSL_SESSION, ONCE) {
    BIO *b = BIO_new(BIO_s_mem());
    SSL_SESSION *out;
    POISON(out);
    R_PTR(PEM_read_bio_SSL_SESSION(b, &out, NULL, NULL));
    O(out);
    BIO_free(b);
}
PROBE(PEM_write_SSL_SESSION, ONCE) { FILE *f = tmpfile(); R_INT(PEM_write_SSL_SESSION(f, E->sess)); fclose(f); }
PROBE(PEM_write_bio_SSL_SESSION, ONCE) { BIO *b = BIO_new(BIO_s_mem()); R_INT(PEM_write_bio_SSL_SESSION(b, E->sess)); BIO_free(b); }
PROBE(SRP_Calc_A_param, ROLES) { R_INT(SRP_Calc_A_param(E->ssl)); }
PROBE(SSL_CIPHER_description, ONCE) {
    char buf[128];
    char *d = SSL_CIPHER_description(E->cipher, buf, sizeof buf);
    R_STR(d);
    add(" small=%s", SSL_CIPHER_description(E->cipher, buf, 8) ? "ptr" : "NULL");
}
PROBE(SSL_CIPHER_find, ROLES) {
    static const unsigned char none[2] = {0xff, 0xfe};
    static const unsigned char chacha[2] = {0x13, 0x03};
    R_PTR(SSL_CIPHER_find(E->ssl, chacha));
    add(" unknown=%s", SSL_CIPHER_find(E->ssl, none) ? "ptr" : "NULL");
}
PROBE(SSL_CIPHER_get_auth_nid, ONCE) { R_INT(SSL_CIPHER_get_auth_nid(E->cipher)); }
PROBE(SSL_CIPHER_get_bits, ONCE) { int alg_bits; POISON(alg_bits); R_INT(SSL_CIPHER_get_bits(E->cipher, &alg_bits)); O(alg_bits); }
PROBE(SSL_CIPHER_get_cipher_nid, ONCE) { R_INT(SSL_CIPHER_get_cipher_nid(E->cipher)); }
PROBE(SSL_CIPHER_get_digest_nid, ONCE) { R_INT(SSL_CIPHER_get_digest_nid(E->cipher)); }
PROBE(SSL_CIPHER_get_handshake_digest, ONCE) { const EVP_MD *md = SSL_CIPHER_get_handshake_digest(E->cipher); R_PTR(md); add(" sha256=%d", md == EVP_sha256()); }
PROBE(SSL_CIPHER_get_id, ONCE) { R_INT(SSL_CIPHER_get_id(E->cipher)); }
PROBE(SSL_CIPHER_get_kx_nid, ONCE) { R_INT(SSL_CIPHER_get_kx_nid(E->cipher)); }
PROBE(SSL_CIPHER_get_name, ONCE) { R_STR(SSL_CIPHER_get_name(E->cipher)); }
PROBE(SSL_CIPHER_get_protocol_id, ONCE) { R_INT(SSL_CIPHER_get_protocol_id(E->cipher)); }
PROBE(SSL_CIPHER_get_version, ONCE) { R_STR(SSL_CIPHER_get_version(E->cipher)); }
PROBE(SSL_CIPHER_is_aead, ONCE) { R_INT(SSL_CIPHER_is_aead(E->cipher)); }
PROBE(SSL_CIPHER_standard_name, ONCE) { R_STR(SSL_CIPHER_standard_name(E->cipher)); }
PROBE(SSL_COMP_add_compression_method, ONCE) { R_INT(SSL_COMP_add_compression_method(200, NULL)); }
/* No compression method exists to name. */
PROBE(SSL_COMP_get0_name, ONCE) {
    STACK_OF(SSL_COMP) *m = SSL_COMP_get_compression_methods();
    R_INT(sk_SSL_COMP_num(m));
}
PROBE(SSL_COMP_get_compression_methods, ONCE) {
    STACK_OF(SSL_COMP) *m = SSL_COMP_get_compression_methods();
    R_PTR(m);
    add(" num=%d", sk_SSL_COMP_num(m));
}
PROBE(SSL_COMP_get_id, ONCE) { R_INT(sk_SSL_COMP_num(SSL_COMP_get_compression_methods())); }
PROBE(SSL_COMP_get_name, ONCE) { R_STR(SSL_COMP_get_name(NULL)); }
/* Sets the (empty) list back. */
PROBE(SSL_COMP_set0_compression_methods, ONCE) {
    STACK_OF(SSL_COMP) *m = SSL_COMP_get_compression_methods();
    STACK_OF(SSL_COMP) *old = SSL_COMP_set0_compression_methods(m);
    R_INT(old == m);
}
PROBE(SSL_CONF_CTX_clear_flags, ONCE) {
    SSL_CONF_CTX *c = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_flags(c, SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_CLIENT);
    R_HEX(SSL_CONF_CTX_clear_flags(c, SSL_CONF_FLAG_CLIENT));
    SSL_CONF_CTX_free(c);
}
PROBE(SSL_CONF_CTX_finish, ROLES) {
    SSL_CONF_CTX *c = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_ssl_ctx(c, E->ctx);
    R_INT(SSL_CONF_CTX_finish(c));
    SSL_CONF_CTX_free(c);
}
PROBE(SSL_CONF_CTX_free, ONCE) { SSL_CONF_CTX_free(SSL_CONF_CTX_new()); R_VOID(); }
PROBE(SSL_CONF_CTX_new, ONCE) { SSL_CONF_CTX *c = SSL_CONF_CTX_new(); R_PTR(c); SSL_CONF_CTX_free(c); }
PROBE(SSL_CONF_CTX_set1_prefix, ONCE) { SSL_CONF_CTX *c = SSL_CONF_CTX_new(); R_INT(SSL_CONF_CTX_set1_prefix(c, "TLS")); SSL_CONF_CTX_free(c); }
PROBE(SSL_CONF_CTX_set_flags, ONCE) { SSL_CONF_CTX *c = SSL_CONF_CTX_new(); R_HEX(SSL_CONF_CTX_set_flags(c, SSL_CONF_FLAG_FILE)); SSL_CONF_CTX_free(c); }
PROBE(SSL_CONF_CTX_set_ssl, ROLES) { SSL_CONF_CTX *c = SSL_CONF_CTX_new(); SSL_CONF_CTX_set_ssl(c, E->ssl); R_VOID(); SSL_CONF_CTX_free(c); }
PROBE(SSL_CONF_CTX_set_ssl_ctx, ROLES) { SSL_CONF_CTX *c = SSL_CONF_CTX_new(); SSL_CONF_CTX_set_ssl_ctx(c, E->ctx); R_VOID(); SSL_CONF_CTX_free(c); }
PROBE(SSL_CONF_cmd, ROLES) {
    SSL_CONF_CTX *c = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_flags(c, SSL_CONF_FLAG_FILE | (SSL_is_server(E->ssl) ? SSL_CONF_FLAG_SERVER : SSL_CONF_FLAG_CLIENT));
    SSL_CONF_CTX_set_ssl_ctx(c, E->ctx);
    R_INT(SSL_CONF_cmd(c, "MinProtocol", "TLSv1.2"));
    add(" unknown=%d", SSL_CONF_cmd(c, "NoSuchCommand", "x"));
    SSL_CONF_CTX_free(c);
}
PROBE(SSL_CONF_cmd_argv, ONCE) {
    SSL_CONF_CTX *c = SSL_CONF_CTX_new();
    char *args[] = {"-foo", NULL}, **argv = args;
    int argc = 1;
    SSL_CONF_CTX_set_flags(c, SSL_CONF_FLAG_CMDLINE);
    R_INT(SSL_CONF_cmd_argv(c, &argc, &argv));
    O(argc);
    SSL_CONF_CTX_free(c);
}
PROBE(SSL_CONF_cmd_value_type, ONCE) {
    SSL_CONF_CTX *c = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_flags(c, SSL_CONF_FLAG_FILE);
    R_INT(SSL_CONF_cmd_value_type(c, "MinProtocol"));
    add(" unknown=%d", SSL_CONF_cmd_value_type(c, "NoSuchCommand"));
    SSL_CONF_CTX_free(c);
}
PROBE(SSL_CTX_SRP_CTX_free, ROLES) { R_INT(SSL_CTX_SRP_CTX_free(E->ctx)); }
PROBE(SSL_CTX_SRP_CTX_init, ROLES) { R_INT(SSL_CTX_SRP_CTX_init(E->ctx)); }
PROBE(SSL_CTX_add1_to_CA_list, ROLES) { R_INT(SSL_CTX_add1_to_CA_list(E->ctx, E->cert)); }
PROBE(SSL_CTX_add_client_CA, ROLES) { R_INT(SSL_CTX_add_client_CA(E->ctx, E->cert)); }
PROBE(SSL_CTX_add_client_custom_ext, ROLES) { R_INT(SSL_CTX_add_client_custom_ext(E->ctx, 65000, NULL, NULL, NULL, NULL, NULL)); }
PROBE(SSL_CTX_add_custom_ext, ROLES) { R_INT(SSL_CTX_add_custom_ext(E->ctx, 65000, SSL_EXT_CLIENT_HELLO, NULL, NULL, NULL, NULL, NULL)); }
PROBE(SSL_CTX_add_server_custom_ext, ROLES) { R_INT(SSL_CTX_add_server_custom_ext(E->ctx, 65000, NULL, NULL, NULL, NULL, NULL)); }
PROBE(SSL_CTX_add_session, ROLES) { R_INT(SSL_CTX_add_session(E->ctx, E->sess)); }
/* The settings programs read through the macros of ssl.h. */
PROBE(SSL_CTX_callback_ctrl, ROLES) { R_INT(SSL_CTX_callback_ctrl(E->ctx, SSL_CTRL_SET_TLSEXT_SERVERNAME_CB, NULL)); }
PROBE(SSL_CTX_check_private_key, ROLES) { R_INT(SSL_CTX_check_private_key(E->ctx)); }
PROBE(SSL_CTX_clear_options, ROLES) { R_HEX(SSL_CTX_clear_options(E->ctx, SSL_OP_NO_TICKET)); }
PROBE(SSL_CTX_config, ROLES) { R_INT(SSL_CTX_config(E->ctx, "nonexistent")); }
PROBE(SSL_CTX_ct_is_enabled, ROLES) { R_INT(SSL_CTX_ct_is_enabled(E->ctx)); }
PROBE(SSL_CTX_ctrl, ROLES) {
    R_INT(SSL_CTX_ctrl(E->ctx, SSL_CTRL_MODE, 0, NULL));
    add(" max=%ld min=%ld cache=%ld number=%ld ahead=%ld", SSL_CTX_get_max_proto_version(E->ctx),
        SSL_CTX_get_min_proto_version(E->ctx), SSL_CTX_sess_get_cache_size(E->ctx), SSL_CTX_sess_number(E->ctx),
        SSL_CTX_get_read_ahead(E->ctx));
}
PROBE(SSL_CTX_dane_clear_flags, ROLES) { R_HEX(SSL_CTX_dane_clear_flags(E->ctx, DANE_FLAG_NO_DANE_EE_NAMECHECKS)); }
PROBE(SSL_CTX_dane_enable, ROLES) { R_INT(SSL_CTX_dane_enable(E->ctx)); }
PROBE(SSL_CTX_dane_mtype_set, ROLES) { R_INT(SSL_CTX_dane_mtype_set(E->ctx, EVP_sha512(), 2, 1)); }
PROBE(SSL_CTX_dane_set_flags, ROLES) { R_HEX(SSL_CTX_dane_set_flags(E->ctx, DANE_FLAG_NO_DANE_EE_NAMECHECKS)); }
PROBE(SSL_CTX_enable_ct, ROLES) { R_INT(SSL_CTX_enable_ct(E->ctx, SSL_CT_VALIDATION_PERMISSIVE)); }
PROBE(SSL_CTX_flush_sessions, ROLES) { SSL_CTX_flush_sessions(E->ctx, 0); R_VOID(); }
PROBE(SSL_CTX_free, ROLES) { SSL_CTX_free(E->ctx); E->ctx = NULL; R_VOID(); }
PROBE(SSL_CTX_get0_CA_list, ROLES) { R_PTR(SSL_CTX_get0_CA_list(E->ctx)); }
PROBE(SSL_CTX_get0_certificate, ROLES) { R_PTR(SSL_CTX_get0_certificate(E->ctx)); }
PROBE(SSL_CTX_get0_ctlog_store, ROLES) { R_PTR(SSL_CTX_get0_ctlog_store(E->ctx)); SSL_CTX_set0_ctlog_store(E->ctx, NULL); add(" after_set0_null=%s", SSL_CTX_get0_ctlog_store(E->ctx) ? "ptr" : "NULL"); }
PROBE(SSL_CTX_get0_param, ROLES) { R_PTR(SSL_CTX_get0_param(E->ctx)); }
PROBE(SSL_CTX_get0_privatekey, ROLES) { R_PTR(SSL_CTX_get0_privatekey(E->ctx)); }
PROBE(SSL_CTX_get0_security_ex_data, ROLES) { R_PTR(SSL_CTX_get0_security_ex_data(E->ctx)); }
PROBE(SSL_CTX_get_cert_store, ROLES) { R_PTR(SSL_CTX_get_cert_store(E->ctx)); }
PROBE(SSL_CTX_get_ciphers, ROLES) {
    STACK_OF(SSL_CIPHER) *sk = SSL_CTX_get_ciphers(E->ctx);
    R_PTR(sk);
    add(" nonempty=%d", sk_SSL_CIPHER_num(sk) > 0);
}
PROBE(SSL_CTX_get_client_CA_list, ROLES) { R_PTR(SSL_CTX_get_client_CA_list(E->ctx)); }
PROBE(SSL_CTX_get_client_cert_cb, ROLES) { R_FN(SSL_CTX_get_client_cert_cb(E->ctx)); }
PROBE(SSL_CTX_get_default_passwd_cb, ROLES) { R_FN(SSL_CTX_get_default_passwd_cb(E->ctx)); }
PROBE(SSL_CTX_get_default_passwd_cb_userdata, ROLES) { R_PTR(SSL_CTX_get_default_passwd_cb_userdata(E->ctx)); }
PROBE(SSL_CTX_get_ex_data, ROLES) { R_PTR(SSL_CTX_get_ex_data(E->ctx, 0)); }
PROBE(SSL_CTX_get_info_callback, ROLES) { R_FN(SSL_CTX_get_info_callback(E->ctx)); }
PROBE(SSL_CTX_get_keylog_callback, ROLES) { R_FN(SSL_CTX_get_keylog_callback(E->ctx)); }
PROBE(SSL_CTX_get_max_early_data, ROLES) { R_INT(SSL_CTX_get_max_early_data(E->ctx)); }
PROBE(SSL_CTX_get_num_tickets, ROLES) { R_INT(SSL_CTX_get_num_tickets(E->ctx)); }
PROBE(SSL_CTX_get_options, ROLES) { R_HEX(SSL_CTX_get_options(E->ctx)); }
PROBE(SSL_CTX_get_quiet_shutdown, ROLES) { R_INT(SSL_CTX_get_quiet_shutdown(E->ctx)); }
PROBE(SSL_CTX_get_record_padding_callback_arg, ROLES) { R_PTR(SSL_CTX_get_record_padding_callback_arg(E->ctx)); }
PROBE(SSL_CTX_get_recv_max_early_data, ROLES) { R_INT(SSL_CTX_get_recv_max_early_data(E->ctx)); }
/* The default policy at the default level, as programs that wrap it see it. */
PROBE(SSL_CTX_get_security_callback, ROLES) {
    int (*cb)(const SSL *, const SSL_CTX *, int, int, int, void *, void *) = SSL_CTX_get_security_callback(E->ctx);
    R_FN(cb);
    if (cb)
        add(" cipher80=%d cipher112=%d ticket=%d compression=%d",
            cb(NULL, E->ctx, SSL_SECOP_CIPHER_CHECK, 80, 0, (void *)E->cipher, NULL),
            cb(NULL, E->ctx, SSL_SECOP_CIPHER_CHECK, 112, 0, (void *)E->cipher, NULL),
            cb(NULL, E->ctx, SSL_SECOP_TICKET, 0, 0, NULL, NULL), cb(NULL, E->ctx, SSL_SECOP_COMPRESSION, 0, 0, NULL, NULL));
}
PROBE(SSL_CTX_get_security_level, ROLES) { R_INT(SSL_CTX_get_security_level(E->ctx)); }
PROBE(SSL_CTX_get_ssl_method, ROLES) { R_PTR(SSL_CTX_get_ssl_method(E->ctx)); }
PROBE(SSL_CTX_get_timeout, ROLES) { R_INT(SSL_CTX_get_timeout(E->ctx)); }
PROBE(SSL_CTX_get_verify_callback, ROLES) { R_FN(SSL_CTX_get_verify_callback(E->ctx)); }
PROBE(SSL_CTX_get_verify_depth, ROLES) { R_INT(SSL_CTX_get_verify_depth(E->ctx)); }
PROBE(SSL_CTX_get_verify_mode, ROLES) { R_INT(SSL_CTX_get_verify_mode(E->ctx)); }
PROBE(SSL_CTX_has_client_custom_ext, ROLES) { R_INT(SSL_CTX_has_client_custom_ext(E->ctx, 65000)); }
PROBE(SSL_CTX_load_verify_dir, ROLES) { R_INT(SSL_CTX_load_verify_dir(E->ctx, "/nonexistent")); }
PROBE(SSL_CTX_load_verify_file, ROLES) { R_INT(SSL_CTX_load_verify_file(E->ctx, cert_pem)); }
PROBE(SSL_CTX_load_verify_locations, ROLES) { R_INT(SSL_CTX_load_verify_locations(E->ctx, cert_pem, NULL)); add(" none=%d", SSL_CTX_load_verify_locations(E->ctx, NULL, NULL)); }
PROBE(SSL_CTX_load_verify_store, ROLES) { R_INT(SSL_CTX_load_verify_store(E->ctx, "file:/nonexistent")); }
PROBE(SSL_CTX_new, ONCE) { SSL_CTX *c = SSL_CTX_new(TLS_method()); R_PTR(c); SSL_CTX_free(c); }
PROBE(SSL_CTX_new_ex, ONCE) { SSL_CTX *c = SSL_CTX_new_ex(NULL, NULL, TLS_method()); R_PTR(c); SSL_CTX_free(c); }
PROBE(SSL_CTX_remove_session, ROLES) { R_INT(SSL_CTX_remove_session(E->ctx, E->sess)); }
PROBE(SSL_CTX_sess_get_get_cb, ROLES) { R_FN(SSL_CTX_sess_get_get_cb(E->ctx)); }
PROBE(SSL_CTX_sess_get_new_cb, ROLES) { R_FN(SSL_CTX_sess_get_new_cb(E->ctx)); }
PROBE(SSL_CTX_sess_get_remove_cb, ROLES) { R_FN(SSL_CTX_sess_get_remove_cb(E->ctx)); }
PROBE(SSL_CTX_sess_set_get_cb, ROLES) { SSL_CTX_sess_set_get_cb(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_sess_set_new_cb, ROLES) { SSL_CTX_sess_set_new_cb(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_sess_set_remove_cb, ROLES) { SSL_CTX_sess_set_remove_cb(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_sessions, ROLES) {
    LHASH_OF(SSL_SESSION) *lh = SSL_CTX_sessions(E->ctx);
    R_PTR(lh);
    add(" items=%lu found=%s", OPENSSL_LH_num_items((OPENSSL_LHASH *)lh),
        lh && OPENSSL_LH_retrieve((OPENSSL_LHASH *)lh, E->sess) ? "ptr" : "NULL");
}
PROBE(SSL_CTX_set0_CA_list, ROLES) { SSL_CTX_set0_CA_list(E->ctx, names()); R_VOID(); }
PROBE(SSL_CTX_set0_ctlog_store, ROLES) { SSL_CTX_set0_ctlog_store(E->ctx, CTLOG_STORE_new()); R_VOID(); }
PROBE(SSL_CTX_set0_security_ex_data, ROLES) { SSL_CTX_set0_security_ex_data(E->ctx, &dummy); R_VOID(); add(" get=%d", SSL_CTX_get0_security_ex_data(E->ctx) == &dummy); }
PROBE(SSL_CTX_set0_tmp_dh_pkey, ROLES) {
    EVP_PKEY *dh = EVP_PKEY_new();
    int r = SSL_CTX_set0_tmp_dh_pkey(E->ctx, dh);
    R_INT(r);
    if (!r) EVP_PKEY_free(dh);
}
PROBE(SSL_CTX_set1_cert_store, ROLES) { X509_STORE *st = X509_STORE_new(); SSL_CTX_set1_cert_store(E->ctx, st); R_VOID(); X509_STORE_free(st); }
PROBE(SSL_CTX_set1_param, ROLES) { X509_VERIFY_PARAM *p = X509_VERIFY_PARAM_new(); R_INT(SSL_CTX_set1_param(E->ctx, p)); X509_VERIFY_PARAM_free(p); }
PROBE(SSL_CTX_set_allow_early_data_cb, ROLES) { SSL_CTX_set_allow_early_data_cb(E->ctx, NULL, &dummy); R_VOID(); }
PROBE(SSL_CTX_set_alpn_protos, ROLES) { R_INT(SSL_CTX_set_alpn_protos(E->ctx, (const unsigned char *)"\x02h2", 3)); }
PROBE(SSL_CTX_set_alpn_select_cb, ROLES) { SSL_CTX_set_alpn_select_cb(E->ctx, NULL, &dummy); R_VOID(); }
PROBE(SSL_CTX_set_async_callback, ROLES) { R_INT(SSL_CTX_set_async_callback(E->ctx, NULL)); }
PROBE(SSL_CTX_set_async_callback_arg, ROLES) { R_INT(SSL_CTX_set_async_callback_arg(E->ctx, &dummy)); }
PROBE(SSL_CTX_set_block_padding, ROLES) { R_INT(SSL_CTX_set_block_padding(E->ctx, 16)); add(" big=%d", SSL_CTX_set_block_padding(E->ctx, 1 << 20)); }
PROBE(SSL_CTX_set_cert_cb, ROLES) { SSL_CTX_set_cert_cb(E->ctx, NULL, &dummy); R_VOID(); }
PROBE(SSL_CTX_set_cert_store, ROLES) { SSL_CTX_set_cert_store(E->ctx, X509_STORE_new()); R_VOID(); }
PROBE(SSL_CTX_set_cert_verify_callback, ROLES) { SSL_CTX_set_cert_verify_callback(E->ctx, NULL, &dummy); R_VOID(); }
PROBE(SSL_CTX_set_cipher_list, ROLES) { R_INT(SSL_CTX_set_cipher_list(E->ctx, "ECDHE+AESGCM")); add(" none=%d", SSL_CTX_set_cipher_list(E->ctx, "NOSUCHCIPHER")); }
PROBE(SSL_CTX_set_ciphersuites, ROLES) { R_INT(SSL_CTX_set_ciphersuites(E->ctx, "TLS_AES_128_GCM_SHA256")); }
PROBE(SSL_CTX_set_client_CA_list, ROLES) { SSL_CTX_set_client_CA_list(E->ctx, names()); R_VOID(); }
PROBE(SSL_CTX_set_client_cert_cb, ROLES) { SSL_CTX_set_client_cert_cb(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_set_client_cert_engine, ROLES) { R_INT(SSL_CTX_set_client_cert_engine(E->ctx, NULL)); }
PROBE(SSL_CTX_set_client_hello_cb, ROLES) { SSL_CTX_set_client_hello_cb(E->ctx, NULL, &dummy); R_VOID(); }
PROBE(SSL_CTX_set_cookie_generate_cb, ROLES) { SSL_CTX_set_cookie_generate_cb(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_set_cookie_verify_cb, ROLES) { SSL_CTX_set_cookie_verify_cb(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_set_ct_validation_callback, ROLES) { R_INT(SSL_CTX_set_ct_validation_callback(E->ctx, NULL, &dummy)); }
PROBE(SSL_CTX_set_ctlog_list_file, ROLES) { R_INT(SSL_CTX_set_ctlog_list_file(E->ctx, "/nonexistent")); }
PROBE(SSL_CTX_set_default_ctlog_list_file, ROLES) { R_INT(SSL_CTX_set_default_ctlog_list_file(E->ctx)); }
PROBE(SSL_CTX_set_default_passwd_cb, ROLES) { SSL_CTX_set_default_passwd_cb(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_set_default_passwd_cb_userdata, ROLES) { SSL_CTX_set_default_passwd_cb_userdata(E->ctx, &dummy); R_VOID(); }
PROBE(SSL_CTX_set_default_read_buffer_len, ROLES) { SSL_CTX_set_default_read_buffer_len(E->ctx, 16384); R_VOID(); }
PROBE(SSL_CTX_set_default_verify_dir, ROLES) { R_INT(SSL_CTX_set_default_verify_dir(E->ctx)); }
PROBE(SSL_CTX_set_default_verify_file, ROLES) { R_INT(SSL_CTX_set_default_verify_file(E->ctx)); }
PROBE(SSL_CTX_set_default_verify_paths, ROLES) { R_INT(SSL_CTX_set_default_verify_paths(E->ctx)); }
PROBE(SSL_CTX_set_default_verify_store, ROLES) { R_INT(SSL_CTX_set_default_verify_store(E->ctx)); }
PROBE(SSL_CTX_set_ex_data, ROLES) { R_INT(SSL_CTX_set_ex_data(E->ctx, 0, &dummy)); }
PROBE(SSL_CTX_set_generate_session_id, ROLES) { R_INT(SSL_CTX_set_generate_session_id(E->ctx, NULL)); }
PROBE(SSL_CTX_set_info_callback, ROLES) { SSL_CTX_set_info_callback(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_set_keylog_callback, ROLES) { SSL_CTX_set_keylog_callback(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_set_max_early_data, ROLES) { R_INT(SSL_CTX_set_max_early_data(E->ctx, 16384)); }
PROBE(SSL_CTX_set_msg_callback, ROLES) { SSL_CTX_set_msg_callback(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_set_next_proto_select_cb, ROLES) { SSL_CTX_set_next_proto_select_cb(E->ctx, NULL, &dummy); R_VOID(); }
PROBE(SSL_CTX_set_next_protos_advertised_cb, ROLES) { SSL_CTX_set_next_protos_advertised_cb(E->ctx, NULL, &dummy); R_VOID(); }
PROBE(SSL_CTX_set_not_resumable_session_callback, ROLES) { SSL_CTX_set_not_resumable_session_callback(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_set_num_tickets, ROLES) { R_INT(SSL_CTX_set_num_tickets(E->ctx, 3)); }
PROBE(SSL_CTX_set_options, ROLES) { R_HEX(SSL_CTX_set_options(E->ctx, SSL_OP_NO_TICKET)); }
PROBE(SSL_CTX_set_post_handshake_auth, ROLES) { SSL_CTX_set_post_handshake_auth(E->ctx, 1); R_VOID(); }
PROBE(SSL_CTX_set_psk_client_callback, ROLES) { SSL_CTX_set_psk_client_callback(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_set_psk_find_session_callback, ROLES) { SSL_CTX_set_psk_find_session_callback(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_set_psk_server_callback, ROLES) { SSL_CTX_set_psk_server_callback(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_set_psk_use_session_callback, ROLES) { SSL_CTX_set_psk_use_session_callback(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_set_purpose, ROLES) { R_INT(SSL_CTX_set_purpose(E->ctx, X509_PURPOSE_SSL_SERVER)); add(" bad=%d", SSL_CTX_set_purpose(E->ctx, 999)); }
PROBE(SSL_CTX_set_quiet_shutdown, ROLES) { SSL_CTX_set_quiet_shutdown(E->ctx, 1); R_VOID(); }
PROBE(SSL_CTX_set_record_padding_callback, ROLES) { SSL_CTX_set_record_padding_callback(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_set_record_padding_callback_arg, ROLES) { SSL_CTX_set_record_padding_callback_arg(E->ctx, &dummy); R_VOID(); }
PROBE(SSL_CTX_set_recv_max_early_data, ROLES) { R_INT(SSL_CTX_set_recv_max_early_data(E->ctx, 16384)); }
PROBE(SSL_CTX_set_security_callback, ROLES) { SSL_CTX_set_security_callback(E->ctx, NULL); R_VOID(); add(" get=%s", SSL_CTX_get_security_callback(E->ctx) ? "fn" : "NULL"); }
PROBE(SSL_CTX_set_security_level, ROLES) { SSL_CTX_set_security_level(E->ctx, 1); R_VOID(); }
PROBE(SSL_CTX_set_session_id_context, ROLES) { R_INT(SSL_CTX_set_session_id_context(E->ctx, (const unsigned char *)"probe", 5)); }
PROBE(SSL_CTX_set_session_ticket_cb, ROLES) { R_INT(SSL_CTX_set_session_ticket_cb(E->ctx, NULL, NULL, &dummy)); }
PROBE(SSL_CTX_set_srp_cb_arg, ROLES) { R_INT(SSL_CTX_set_srp_cb_arg(E->ctx, &dummy)); }
PROBE(SSL_CTX_set_srp_client_pwd_callback, ROLES) { R_INT(SSL_CTX_set_srp_client_pwd_callback(E->ctx, NULL)); }
PROBE(SSL_CTX_set_srp_password, ROLES) { R_INT(SSL_CTX_set_srp_password(E->ctx, "secret")); }
PROBE(SSL_CTX_set_srp_strength, ROLES) { R_INT(SSL_CTX_set_srp_strength(E->ctx, 1024)); }
PROBE(SSL_CTX_set_srp_username, ROLES) { R_INT(SSL_CTX_set_srp_username(E->ctx, "user")); }
PROBE(SSL_CTX_set_srp_username_callback, ROLES) { R_INT(SSL_CTX_set_srp_username_callback(E->ctx, NULL)); }
PROBE(SSL_CTX_set_srp_verify_param_callback, ROLES) { R_INT(SSL_CTX_set_srp_verify_param_callback(E->ctx, NULL)); }
PROBE(SSL_CTX_set_ssl_version, ROLES) { R_INT(SSL_CTX_set_ssl_version(E->ctx, TLS_method())); }
PROBE(SSL_CTX_set_stateless_cookie_generate_cb, ROLES) { SSL_CTX_set_stateless_cookie_generate_cb(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_set_stateless_cookie_verify_cb, ROLES) { SSL_CTX_set_stateless_cookie_verify_cb(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_set_timeout, ROLES) { R_INT(SSL_CTX_set_timeout(E->ctx, 100)); }
PROBE(SSL_CTX_set_tlsext_max_fragment_length, ROLES) { R_INT(SSL_CTX_set_tlsext_max_fragment_length(E->ctx, TLSEXT_max_fragment_length_1024)); add(" bad=%d", SSL_CTX_set_tlsext_max_fragment_length(E->ctx, 9)); }
PROBE(SSL_CTX_set_tlsext_ticket_key_evp_cb, ROLES) { R_INT(SSL_CTX_set_tlsext_ticket_key_evp_cb(E->ctx, NULL)); }
PROBE(SSL_CTX_set_tlsext_use_srtp, ROLES) { R_INT(SSL_CTX_set_tlsext_use_srtp(E->ctx, "SRTP_AES128_CM_SHA1_80")); }
PROBE(SSL_CTX_set_tmp_dh_callback, ROLES) { SSL_CTX_set_tmp_dh_callback(E->ctx, NULL); R_VOID(); }
PROBE(SSL_CTX_set_trust, ROLES) { R_INT(SSL_CTX_set_trust(E->ctx, X509_TRUST_SSL_SERVER)); add(" bad=%d", SSL_CTX_set_trust(E->ctx, 999)); }
PROBE(SSL_CTX_set_verify, ROLES) { SSL_CTX_set_verify(E->ctx, SSL_VERIFY_PEER, NULL); R_VOID(); }
PROBE(SSL_CTX_set_verify_depth, ROLES) { SSL_CTX_set_verify_depth(E->ctx, 4); R_VOID(); }
PROBE(SSL_CTX_up_ref, ROLES) { int r = SSL_CTX_up_ref(E->ctx); R_INT(r); if (r == 1) SSL_CTX_free(E->ctx); }
PROBE(SSL_CTX_use_PrivateKey, ROLES) { R_INT(SSL_CTX_use_PrivateKey(E->ctx, E->key)); }
PROBE(SSL_CTX_use_PrivateKey_ASN1, ROLES) { R_INT(SSL_CTX_use_PrivateKey_ASN1(EVP_PKEY_EC, E->ctx, key_der, key_der_len)); }
PROBE(SSL_CTX_use_PrivateKey_file, ROLES) { R_INT(SSL_CTX_use_PrivateKey_file(E->ctx, key_pem, SSL_FILETYPE_PEM)); }
PROBE(SSL_CTX_use_RSAPrivateKey, ROLES) { R_INT(SSL_CTX_use_RSAPrivateKey(E->ctx, the_rsa)); }
/* An EC key where an RSA one is expected. */
PROBE(SSL_CTX_use_RSAPrivateKey_ASN1, ROLES) { R_INT(SSL_CTX_use_RSAPrivateKey_ASN1(E->ctx, key_der, key_der_len)); }
PROBE(SSL_CTX_use_RSAPrivateKey_file, ROLES) { R_INT(SSL_CTX_use_RSAPrivateKey_file(E->ctx, key_pem, SSL_FILETYPE_PEM)); }
PROBE(SSL_CTX_use_cert_and_key, ROLES) { STACK_OF(X509) *ch = chain(); R_INT(SSL_CTX_use_cert_and_key(E->ctx, E->cert, E->key, ch, 1)); sk_X509_pop_free(ch, X509_free); }
PROBE(SSL_CTX_use_certificate, ROLES) { R_INT(SSL_CTX_use_certificate(E->ctx, E->cert)); }
PROBE(SSL_CTX_use_certificate_ASN1, ROLES) { R_INT(SSL_CTX_use_certificate_ASN1(E->ctx, cert_der_len, cert_der)); }
PROBE(SSL_CTX_use_certificate_chain_file, ROLES) { R_INT(SSL_CTX_use_certificate_chain_file(E->ctx, cert_pem)); }
PROBE(SSL_CTX_use_certificate_file, ROLES) { R_INT(SSL_CTX_use_certificate_file(E->ctx, cert_pem, SSL_FILETYPE_PEM)); }
PROBE(SSL_CTX_use_psk_identity_hint, ROLES) { R_INT(SSL_CTX_use_psk_identity_hint(E->ctx, "hint")); }
PROBE(SSL_CTX_use_serverinfo, ROLES) { R_INT(SSL_CTX_use_serverinfo(E->ctx, (const unsigned char *)"", 0)); }
PROBE(SSL_CTX_use_serverinfo_ex, ROLES) { R_INT(SSL_CTX_use_serverinfo_ex(E->ctx, SSL_SERVERINFOV2, (const unsigned char *)"", 0)); }
PROBE(SSL_CTX_use_serverinfo_file, ROLES) { R_INT(SSL_CTX_use_serverinfo_file(E->ctx, "/nonexistent")); }
/* Sessions: a fresh (empty) one. */
PROBE(SSL_SESSION_dup, ONCE) { SSL_SESSION *d = SSL_SESSION_dup(E->sess); R_PTR(d); SSL_SESSION_free(d); }
PROBE(SSL_SESSION_free, ONCE) { SSL_SESSION_free(E->sess); E->sess = NULL; R_VOID(); }
PROBE(SSL_SESSION_get0_alpn_selected, ONCE) { const unsigned char *alpn; size_t len; POISON(alpn); POISON(len); SSL_SESSION_get0_alpn_selected(E->sess, &alpn, &len); R_VOID(); O(alpn); O(len); }
PROBE(SSL_SESSION_get0_cipher, ONCE) { R_PTR(SSL_SESSION_get0_cipher(E->sess)); }
PROBE(SSL_SESSION_get0_hostname, ONCE) { R_STR(SSL_SESSION_get0_hostname(E->sess)); }
PROBE(SSL_SESSION_get0_id_context, ONCE) { unsigned int len; POISON(len); R_PTR(SSL_SESSION_get0_id_context(E->sess, &len)); O(len); }
PROBE(SSL_SESSION_get0_peer, ONCE) { R_PTR(SSL_SESSION_get0_peer(E->sess)); }
PROBE(SSL_SESSION_get0_ticket, ONCE) { const unsigned char *tick; size_t len; POISON(tick); POISON(len); SSL_SESSION_get0_ticket(E->sess, &tick, &len); R_VOID(); O(tick); O(len); }
PROBE(SSL_SESSION_get0_ticket_appdata, ONCE) { void *data; size_t len; POISON(data); POISON(len); R_INT(SSL_SESSION_get0_ticket_appdata(E->sess, &data, &len)); O(data); O(len); }
PROBE(SSL_SESSION_get_compress_id, ONCE) { R_INT(SSL_SESSION_get_compress_id(E->sess)); }
PROBE(SSL_SESSION_get_ex_data, ONCE) { R_PTR(SSL_SESSION_get_ex_data(E->sess, 0)); }
PROBE(SSL_SESSION_get_id, ONCE) { unsigned int len; POISON(len); R_PTR(SSL_SESSION_get_id(E->sess, &len)); O(len); }
PROBE(SSL_SESSION_get_master_key, ONCE) {
    unsigned char buf[48];
    POISON(buf);
    R_INT(SSL_SESSION_get_master_key(E->sess, NULL, 0));
    add(" copied=%zu", SSL_SESSION_get_master_key(E->sess, buf, sizeof buf));
    O_BUF(buf);
}
PROBE(SSL_SESSION_get_max_early_data, ONCE) { R_INT(SSL_SESSION_get_max_early_data(E->sess)); }
PROBE(SSL_SESSION_get_max_fragment_length, ONCE) { R_INT(SSL_SESSION_get_max_fragment_length(E->sess)); }
PROBE(SSL_SESSION_get_protocol_version, ONCE) { R_INT(SSL_SESSION_get_protocol_version(E->sess)); }
PROBE(SSL_SESSION_get_ticket_lifetime_hint, ONCE) { R_INT(SSL_SESSION_get_ticket_lifetime_hint(E->sess)); }
PROBE(SSL_SESSION_get_time, ONCE) { R_INT(SSL_SESSION_get_time(E->sess) > 0); }
PROBE(SSL_SESSION_get_timeout, ONCE) { R_INT(SSL_SESSION_get_timeout(E->sess)); }
PROBE(SSL_SESSION_has_ticket, ONCE) { R_INT(SSL_SESSION_has_ticket(E->sess)); }
PROBE(SSL_SESSION_is_resumable, ONCE) { R_INT(SSL_SESSION_is_resumable(E->sess)); }
PROBE(SSL_SESSION_new, ONCE) { SSL_SESSION *s = SSL_SESSION_new(); R_PTR(s); SSL_SESSION_free(s); }
/* A session with known fields (a fixed time), printed in full. */
PROBE(SSL_SESSION_print, ONCE) {
    BIO *b = BIO_new(BIO_s_mem());
    char *text = NULL, *copy;
    long n;
    SSL_SESSION_set1_id(E->sess, (const unsigned char *)"\x01\xfe", 2);
    SSL_SESSION_set1_id_context(E->sess, (const unsigned char *)"ctx", 3);
    SSL_SESSION_set_time(E->sess, 1000);
    SSL_SESSION_set_protocol_version(E->sess, TLS1_3_VERSION);
    SSL_SESSION_set_cipher(E->sess, E->cipher);
    R_INT(SSL_SESSION_print(b, E->sess));
    n = BIO_get_mem_data(b, &text);
    copy = strndup(text ? text : "", (size_t)n);
    add(" text=");
    add_str(copy);
    free(copy);
    BIO_free(b);
}
PROBE(SSL_SESSION_print_fp, ONCE) {
    FILE *f = tmpfile();
    char text[1024];
    size_t n;
    SSL_SESSION_set_time(E->sess, 1000);
    R_INT(SSL_SESSION_print_fp(f, E->sess));
    rewind(f);
    n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    add(" text=");
    add_str(text);
    fclose(f);
}
PROBE(SSL_SESSION_print_keylog, ONCE) { BIO *b = BIO_new(BIO_s_mem()); R_INT(SSL_SESSION_print_keylog(b, E->sess)); add(" wrote=%d", BIO_pending(b) > 0); BIO_free(b); }
PROBE(SSL_SESSION_set1_alpn_selected, ONCE) { R_INT(SSL_SESSION_set1_alpn_selected(E->sess, (const unsigned char *)"h2", 2)); }
PROBE(SSL_SESSION_set1_hostname, ONCE) { R_INT(SSL_SESSION_set1_hostname(E->sess, "example.org")); }
PROBE(SSL_SESSION_set1_id, ONCE) { R_INT(SSL_SESSION_set1_id(E->sess, (const unsigned char *)"0123456789", 10)); add(" long=%d", SSL_SESSION_set1_id(E->sess, (const unsigned char *)"0123456789012345678901234567890123456789", 40)); }
PROBE(SSL_SESSION_set1_id_context, ONCE) { R_INT(SSL_SESSION_set1_id_context(E->sess, (const unsigned char *)"ctx", 3)); }
PROBE(SSL_SESSION_set1_master_key, ONCE) {
    unsigned char key[48] = {1};
    R_INT(SSL_SESSION_set1_master_key(E->sess, key, sizeof key));
    add(" long=%d", SSL_SESSION_set1_master_key(E->sess, key, 49 + 0 * sizeof key));
}
PROBE(SSL_SESSION_set1_ticket_appdata, ONCE) { R_INT(SSL_SESSION_set1_ticket_appdata(E->sess, "data", 4)); }
PROBE(SSL_SESSION_set_cipher, ONCE) { R_INT(SSL_SESSION_set_cipher(E->sess, E->cipher)); add(" get=%d", SSL_SESSION_get0_cipher(E->sess) == E->cipher); }
PROBE(SSL_SESSION_set_ex_data, ONCE) { R_INT(SSL_SESSION_set_ex_data(E->sess, 0, &dummy)); add(" get=%d", SSL_SESSION_get_ex_data(E->sess, 0) == &dummy); }
PROBE(SSL_SESSION_set_max_early_data, ONCE) { R_INT(SSL_SESSION_set_max_early_data(E->sess, 16384)); }
PROBE(SSL_SESSION_set_protocol_version, ONCE) { R_INT(SSL_SESSION_set_protocol_version(E->sess, TLS1_2_VERSION)); }
PROBE(SSL_SESSION_set_time, ONCE) { R_INT(SSL_SESSION_set_time(E->sess, 1000)); }
PROBE(SSL_SESSION_set_timeout, ONCE) { R_INT(SSL_SESSION_set_timeout(E->sess, 100)); }
PROBE(SSL_SESSION_up_ref, ONCE) { int r = SSL_SESSION_up_ref(E->sess); R_INT(r); if (r == 1) SSL_SESSION_free(E->sess); }
PROBE(SSL_SRP_CTX_free, ROLES) { R_INT(SSL_SRP_CTX_free(E->ssl)); }
PROBE(SSL_SRP_CTX_init, ROLES) { R_INT(SSL_SRP_CTX_init(E->ssl)); }
PROBE(SSL_accept, ROLES) { R_INT(SSL_accept(E->ssl)); }
/* Connections. */
PROBE(SSL_add1_host, ROLES) { R_INT(SSL_add1_host(E->ssl, "example.org")); }
PROBE(SSL_add1_to_CA_list, ROLES) { R_INT(SSL_add1_to_CA_list(E->ssl, E->cert)); }
PROBE(SSL_add_client_CA, ROLES) { R_INT(SSL_add_client_CA(E->ssl, E->cert)); }
PROBE(SSL_add_dir_cert_subjects_to_stack, ONCE) {
    STACK_OF(X509_NAME) *sk = sk_X509_NAME_new_null();
    R_INT(SSL_add_dir_cert_subjects_to_stack(sk, "/nonexistent"));
    add(" num=%d", sk_X509_NAME_num(sk));
    sk_X509_NAME_pop_free(sk, X509_NAME_free);
}
PROBE(SSL_add_file_cert_subjects_to_stack, ONCE) {
    STACK_OF(X509_NAME) *sk = sk_X509_NAME_new_null();
    R_INT(SSL_add_file_cert_subjects_to_stack(sk, cert_pem));
    add(" num=%d", sk_X509_NAME_num(sk));
    sk_X509_NAME_pop_free(sk, X509_NAME_free);
}
PROBE(SSL_add_ssl_module, ONCE) { SSL_add_ssl_module(); R_VOID(); }
PROBE(SSL_add_store_cert_subjects_to_stack, ONCE) {
    STACK_OF(X509_NAME) *sk = sk_X509_NAME_new_null();
    R_INT(SSL_add_store_cert_subjects_to_stack(sk, "file:/nonexistent"));
    add(" num=%d", sk_X509_NAME_num(sk));
    sk_X509_NAME_pop_free(sk, X509_NAME_free);
}
PROBE(SSL_alert_desc_string, ONCE) { R_STR(SSL_alert_desc_string(SSL_AD_BAD_CERTIFICATE)); add(" other="); add_str(SSL_alert_desc_string(250)); add(" close="); add_str(SSL_alert_desc_string(0)); }
PROBE(SSL_alert_desc_string_long, ONCE) { R_STR(SSL_alert_desc_string_long(SSL_AD_BAD_CERTIFICATE)); add(" other="); add_str(SSL_alert_desc_string_long(250)); add(" close="); add_str(SSL_alert_desc_string_long(0)); }
PROBE(SSL_alert_type_string, ONCE) { R_STR(SSL_alert_type_string(SSL3_AL_FATAL << 8)); add(" warning="); add_str(SSL_alert_type_string(SSL3_AL_WARNING << 8)); add(" other="); add_str(SSL_alert_type_string(0)); }
PROBE(SSL_alert_type_string_long, ONCE) { R_STR(SSL_alert_type_string_long(SSL3_AL_FATAL << 8)); add(" warning="); add_str(SSL_alert_type_string_long(SSL3_AL_WARNING << 8)); add(" other="); add_str(SSL_alert_type_string_long(0)); }
PROBE(SSL_alloc_buffers, ROLES) { R_INT(SSL_alloc_buffers(E->ssl)); }
PROBE(SSL_bytes_to_cipher_list, ROLES) {
    static const unsigned char bytes[4] = {0x13, 0x01, 0x00, 0xff};
    STACK_OF(SSL_CIPHER) *sk, *scsvs;
    int r;
    POISON(sk);
    POISON(scsvs);
    r = SSL_bytes_to_cipher_list(E->ssl, bytes, sizeof bytes, 0, &sk, &scsvs);
    R_INT(r);
    if (r == 1) {
        add(" sk=%d scsvs=%d", sk_SSL_CIPHER_num(sk), sk_SSL_CIPHER_num(scsvs));
        sk_SSL_CIPHER_free(sk);
        sk_SSL_CIPHER_free(scsvs);
    } else {
        O(sk);
        O(scsvs);
    }
}
PROBE(SSL_callback_ctrl, ROLES) { R_INT(SSL_callback_ctrl(E->ssl, SSL_CTRL_SET_TLSEXT_DEBUG_CB, NULL)); }
PROBE(SSL_certs_clear, ROLES) {
    SSL_use_certificate(E->ssl, E->cert);
    SSL_use_PrivateKey(E->ssl, E->key);
    SSL_certs_clear(E->ssl);
    R_VOID();
    add(" cert=%s key=%s", SSL_get_certificate(E->ssl) ? "ptr" : "NULL", SSL_get_privatekey(E->ssl) ? "ptr" : "NULL");
}
PROBE(SSL_check_chain, ROLES) { STACK_OF(X509) *ch = chain(); R_HEX(SSL_check_chain(E->ssl, E->cert, E->key, ch)); sk_X509_pop_free(ch, X509_free); }
PROBE(SSL_check_private_key, ROLES) { R_INT(SSL_check_private_key(E->ssl)); }
PROBE(SSL_clear, ROLES) { R_INT(SSL_clear(E->ssl)); }
PROBE(SSL_clear_options, ROLES) { R_HEX(SSL_clear_options(E->ssl, SSL_OP_NO_TICKET)); }
PROBE(SSL_client_hello_get0_ciphers, ROLES) { const unsigned char *out; POISON(out); R_INT(SSL_client_hello_get0_ciphers(E->ssl, &out)); O(out); }
PROBE(SSL_client_hello_get0_compression_methods, ROLES) { const unsigned char *out; POISON(out); R_INT(SSL_client_hello_get0_compression_methods(E->ssl, &out)); O(out); }
PROBE(SSL_client_hello_get0_ext, ROLES) { const unsigned char *out; POISON(out); size_t outlen; POISON(outlen); R_INT(SSL_client_hello_get0_ext(E->ssl, 0, &out, &outlen)); O(out); O(outlen); }
PROBE(SSL_client_hello_get0_legacy_version, ROLES) { R_INT(SSL_client_hello_get0_legacy_version(E->ssl)); }
PROBE(SSL_client_hello_get0_random, ROLES) { const unsigned char *out; POISON(out); R_INT(SSL_client_hello_get0_random(E->ssl, &out)); O(out); }
PROBE(SSL_client_hello_get0_session_id, ROLES) { const unsigned char *out; POISON(out); R_INT(SSL_client_hello_get0_session_id(E->ssl, &out)); O(out); }
PROBE(SSL_client_hello_get1_extensions_present, ROLES) { int *out; POISON(out); size_t outlen; POISON(outlen); R_INT(SSL_client_hello_get1_extensions_present(E->ssl, &out, &outlen)); O(out); O(outlen); }
PROBE(SSL_client_hello_isv2, ROLES) { R_INT(SSL_client_hello_isv2(E->ssl)); }
PROBE(SSL_client_version, ROLES) { R_INT(SSL_client_version(E->ssl)); }
PROBE(SSL_config, ROLES) { R_INT(SSL_config(E->ssl, "nonexistent")); }
PROBE(SSL_connect, ROLES) { R_INT(SSL_connect(E->ssl)); }
PROBE(SSL_copy_session_id, ROLES) { SSL *t = SSL_new(E->ctx); R_INT(SSL_copy_session_id(t, E->ssl)); SSL_free(t); }
PROBE(SSL_ct_is_enabled, ROLES) { R_INT(SSL_ct_is_enabled(E->ssl)); }
PROBE(SSL_ctrl, ROLES) {
    R_INT(SSL_ctrl(E->ssl, SSL_CTRL_MODE, 0, NULL));
    add(" max=%ld min=%ld", SSL_get_max_proto_version(E->ssl), SSL_get_min_proto_version(E->ssl));
}
PROBE(SSL_dane_clear_flags, ROLES) { R_HEX(SSL_dane_clear_flags(E->ssl, DANE_FLAG_NO_DANE_EE_NAMECHECKS)); }
PROBE(SSL_dane_enable, ROLES) { R_INT(SSL_dane_enable(E->ssl, "example.org")); }
PROBE(SSL_dane_set_flags, ROLES) { R_HEX(SSL_dane_set_flags(E->ssl, DANE_FLAG_NO_DANE_EE_NAMECHECKS)); }
PROBE(SSL_dane_tlsa_add, ROLES) { static const unsigned char d[32]; R_INT(SSL_dane_tlsa_add(E->ssl, 3, 1, 1, d, sizeof d)); }
PROBE(SSL_do_handshake, ROLES) { R_INT(SSL_do_handshake(E->ssl)); }
PROBE(SSL_dup, ROLES) { SSL *d = SSL_dup(E->ssl); R_PTR(d); SSL_free(d); }
PROBE(SSL_dup_CA_list, ONCE) {
    STACK_OF(X509_NAME) *sk = names(), *d = SSL_dup_CA_list(sk);
    R_PTR(d);
    add(" num=%d", sk_X509_NAME_num(d));
    sk_X509_NAME_pop_free(d, X509_NAME_free);
    sk_X509_NAME_pop_free(sk, X509_NAME_free);
}
PROBE(SSL_enable_ct, ROLES) { R_INT(SSL_enable_ct(E->ssl, SSL_CT_VALIDATION_PERMISSIVE)); }
PROBE(SSL_export_keying_material, ROLES) {
    unsigned char out[32];
    POISON(out);
    R_INT(SSL_export_keying_material(E->ssl, out, sizeof out, "EXPORTER-probe", 14, NULL, 0, 0));
    O_BUF(out);
}
PROBE(SSL_export_keying_material_early, ROLES) {
    unsigned char out[32];
    POISON(out);
    R_INT(SSL_export_keying_material_early(E->ssl, out, sizeof out, "EXPORTER-probe", 14, NULL, 0));
    O_BUF(out);
}
PROBE(SSL_extension_supported, ONCE) { R_INT(SSL_extension_supported(TLSEXT_TYPE_server_name)); add(" other=%d", SSL_extension_supported(65000)); }
PROBE(SSL_free, ROLES) { SSL_free(E->ssl); E->ssl = NULL; R_VOID(); }
PROBE(SSL_free_buffers, ROLES) { R_INT(SSL_free_buffers(E->ssl)); }
PROBE(SSL_get0_CA_list, ROLES) { R_PTR(SSL_get0_CA_list(E->ssl)); }
PROBE(SSL_get0_alpn_selected, ROLES) { const unsigned char *data; unsigned int len; POISON(data); POISON(len); SSL_get0_alpn_selected(E->ssl, &data, &len); R_VOID(); O(data); O(len); }
PROBE(SSL_get0_dane, ROLES) { R_PTR(SSL_get0_dane(E->ssl)); }
PROBE(SSL_get0_dane_authority, ROLES) { X509 *mcert; EVP_PKEY *mspki; POISON(mcert); POISON(mspki); R_INT(SSL_get0_dane_authority(E->ssl, &mcert, &mspki)); O(mcert); O(mspki); }
PROBE(SSL_get0_dane_tlsa, ROLES) {
    uint8_t usage, selector, mtype;
    const unsigned char *data;
    size_t dlen;
    POISON(usage);
    POISON(selector);
    POISON(mtype);
    POISON(data);
    POISON(dlen);
    R_INT(SSL_get0_dane_tlsa(E->ssl, &usage, &selector, &mtype, &data, &dlen));
    O(usage);
    O(selector);
    O(mtype);
    O(data);
    O(dlen);
}
PROBE(SSL_get0_next_proto_negotiated, ROLES) { const unsigned char *data; unsigned int len; POISON(data); POISON(len); SSL_get0_next_proto_negotiated(E->ssl, &data, &len); R_VOID(); O(data); O(len); }
PROBE(SSL_get0_param, ROLES) { R_PTR(SSL_get0_param(E->ssl)); }
PROBE(SSL_get0_peer_CA_list, ROLES) { R_PTR(SSL_get0_peer_CA_list(E->ssl)); }
PROBE(SSL_get0_peer_certificate, ROLES) { R_PTR(SSL_get0_peer_certificate(E->ssl)); }
PROBE(SSL_get0_peer_scts, ROLES) { R_PTR(SSL_get0_peer_scts(E->ssl)); }
PROBE(SSL_get0_peername, ROLES) { R_STR(SSL_get0_peername(E->ssl)); }
PROBE(SSL_get0_security_ex_data, ROLES) { R_PTR(SSL_get0_security_ex_data(E->ssl)); }
PROBE(SSL_get0_verified_chain, ROLES) { R_PTR(SSL_get0_verified_chain(E->ssl)); }
PROBE(SSL_get1_peer_certificate, ROLES) { X509 *x = SSL_get1_peer_certificate(E->ssl); R_PTR(x); X509_free(x); }
PROBE(SSL_get1_session, ROLES) { SSL_SESSION *s = SSL_get1_session(E->ssl); R_PTR(s); SSL_SESSION_free(s); }
PROBE(SSL_get1_supported_ciphers, ROLES) {
    STACK_OF(SSL_CIPHER) *sk = SSL_get1_supported_ciphers(E->ssl);
    R_PTR(sk);
    add(" nonempty=%d", sk_SSL_CIPHER_num(sk) > 0);
    sk_SSL_CIPHER_free(sk);
}
PROBE(SSL_get_SSL_CTX, ROLES) { R_PTR(SSL_get_SSL_CTX(E->ssl)); }
PROBE(SSL_get_all_async_fds, ROLES) { size_t n; POISON(n); R_INT(SSL_get_all_async_fds(E->ssl, NULL, &n)); O(n); }
PROBE(SSL_get_async_status, ROLES) { int status; POISON(status); R_INT(SSL_get_async_status(E->ssl, &status)); O(status); }
PROBE(SSL_get_certificate, ROLES) { R_PTR(SSL_get_certificate(E->ssl)); }
PROBE(SSL_get_changed_async_fds, ROLES) {
    size_t nadd, ndel;
    POISON(nadd);
    POISON(ndel);
    R_INT(SSL_get_changed_async_fds(E->ssl, NULL, &nadd, NULL, &ndel));
    O(nadd);
    O(ndel);
}
PROBE(SSL_get_cipher_list, ROLES) { R_STR(SSL_get_cipher_list(E->ssl, 0)); add(" past_end="); add_str(SSL_get_cipher_list(E->ssl, 10000)); }
PROBE(SSL_get_ciphers, ROLES) {
    STACK_OF(SSL_CIPHER) *sk = SSL_get_ciphers(E->ssl);
    R_PTR(sk);
    add(" nonempty=%d", sk_SSL_CIPHER_num(sk) > 0);
}
PROBE(SSL_get_client_CA_list, ROLES) { R_PTR(SSL_get_client_CA_list(E->ssl)); }
PROBE(SSL_get_client_ciphers, ROLES) { R_PTR(SSL_get_client_ciphers(E->ssl)); }
PROBE(SSL_get_client_random, ROLES) {
    unsigned char buf[32];
    POISON(buf);
    R_INT(SSL_get_client_random(E->ssl, NULL, 0));
    add(" copied=%zu", SSL_get_client_random(E->ssl, buf, sizeof buf));
}
PROBE(SSL_get_current_cipher, ROLES) { R_PTR(SSL_get_current_cipher(E->ssl)); }
PROBE(SSL_get_current_compression, ROLES) { R_PTR(SSL_get_current_compression(E->ssl)); }
PROBE(SSL_get_current_expansion, ROLES) { R_PTR(SSL_get_current_expansion(E->ssl)); }
PROBE(SSL_get_default_passwd_cb, ROLES) { R_FN(SSL_get_default_passwd_cb(E->ssl)); }
PROBE(SSL_get_default_passwd_cb_userdata, ROLES) { R_PTR(SSL_get_default_passwd_cb_userdata(E->ssl)); }
PROBE(SSL_get_default_timeout, ROLES) { R_INT(SSL_get_default_timeout(E->ssl)); }
PROBE(SSL_get_early_data_status, ROLES) { R_INT(SSL_get_early_data_status(E->ssl)); }
PROBE(SSL_get_error, ROLES) { R_INT(SSL_get_error(E->ssl, 0)); add(" neg=%d", SSL_get_error(E->ssl, -1)); }
PROBE(SSL_get_ex_data, ROLES) { R_PTR(SSL_get_ex_data(E->ssl, 0)); }
PROBE(SSL_get_ex_data_X509_STORE_CTX_idx, ONCE) { R_INT(SSL_get_ex_data_X509_STORE_CTX_idx() >= 0); }
PROBE(SSL_get_fd, ROLES) { R_INT(SSL_get_fd(E->ssl)); }
PROBE(SSL_get_finished, ROLES) { char buf[64]; POISON(buf); R_INT(SSL_get_finished(E->ssl, buf, sizeof buf)); O_BUF(buf); }
PROBE(SSL_get_info_callback, ROLES) { R_FN(SSL_get_info_callback(E->ssl)); }
PROBE(SSL_get_key_update_type, ROLES) { R_INT(SSL_get_key_update_type(E->ssl)); }
PROBE(SSL_get_max_early_data, ROLES) { R_INT(SSL_get_max_early_data(E->ssl)); }
PROBE(SSL_get_num_tickets, ROLES) { R_INT(SSL_get_num_tickets(E->ssl)); }
PROBE(SSL_get_options, ROLES) { R_HEX(SSL_get_options(E->ssl)); }
PROBE(SSL_get_peer_cert_chain, ROLES) { R_PTR(SSL_get_peer_cert_chain(E->ssl)); }
PROBE(SSL_get_peer_finished, ROLES) { char buf[64]; POISON(buf); R_INT(SSL_get_peer_finished(E->ssl, buf, sizeof buf)); O_BUF(buf); }
PROBE(SSL_get_peer_signature_type_nid, ROLES) { int nid; POISON(nid); R_INT(SSL_get_peer_signature_type_nid(E->ssl, &nid)); O(nid); }
PROBE(SSL_get_pending_cipher, ROLES) { R_PTR(SSL_get_pending_cipher(E->ssl)); }
PROBE(SSL_get_privatekey, ROLES) { R_PTR(SSL_get_privatekey(E->ssl)); }
PROBE(SSL_get_psk_identity, ROLES) { R_STR(SSL_get_psk_identity(E->ssl)); }
PROBE(SSL_get_psk_identity_hint, ROLES) { R_STR(SSL_get_psk_identity_hint(E->ssl)); }
PROBE(SSL_get_quiet_shutdown, ROLES) { R_INT(SSL_get_quiet_shutdown(E->ssl)); }
PROBE(SSL_get_rbio, ROLES) { R_PTR(SSL_get_rbio(E->ssl)); }
PROBE(SSL_get_read_ahead, ROLES) { R_INT(SSL_get_read_ahead(E->ssl)); }
PROBE(SSL_get_record_padding_callback_arg, ROLES) { R_PTR(SSL_get_record_padding_callback_arg(E->ssl)); }
PROBE(SSL_get_recv_max_early_data, ROLES) { R_INT(SSL_get_recv_max_early_data(E->ssl)); }
PROBE(SSL_get_rfd, ROLES) { R_INT(SSL_get_rfd(E->ssl)); }
PROBE(SSL_get_security_callback, ROLES) {
    int (*cb)(const SSL *, const SSL_CTX *, int, int, int, void *, void *) = SSL_get_security_callback(E->ssl);
    R_FN(cb);
    SSL_set_security_level(E->ssl, 3);
    if (cb)
        add(" level3: cipher112=%d cipher128=%d tls1.0=%d tls1.1=%d ticket=%d",
            cb(E->ssl, E->ctx, SSL_SECOP_CIPHER_CHECK, 112, 0, (void *)E->cipher, NULL),
            cb(E->ssl, E->ctx, SSL_SECOP_CIPHER_CHECK, 128, 0, (void *)E->cipher, NULL),
            cb(E->ssl, E->ctx, SSL_SECOP_VERSION, 0, TLS1_VERSION, NULL, NULL),
            cb(E->ssl, E->ctx, SSL_SECOP_VERSION, 0, TLS1_1_VERSION, NULL, NULL), cb(E->ssl, E->ctx, SSL_SECOP_TICKET, 0, 0, NULL, NULL));
}
PROBE(SSL_get_security_level, ROLES) { R_INT(SSL_get_security_level(E->ssl)); }
PROBE(SSL_get_selected_srtp_profile, ROLES) { R_PTR(SSL_get_selected_srtp_profile(E->ssl)); }
PROBE(SSL_get_server_random, ROLES) {
    unsigned char buf[32];
    POISON(buf);
    R_INT(SSL_get_server_random(E->ssl, NULL, 0));
    add(" copied=%zu", SSL_get_server_random(E->ssl, buf, sizeof buf));
}
PROBE(SSL_get_servername, ROLES) { R_STR(SSL_get_servername(E->ssl, TLSEXT_NAMETYPE_host_name)); }
PROBE(SSL_get_servername_type, ROLES) { R_INT(SSL_get_servername_type(E->ssl)); }
PROBE(SSL_get_session, ROLES) { R_PTR(SSL_get_session(E->ssl)); }
PROBE(SSL_get_shared_ciphers, ROLES) { char buf[256]; POISON(buf); R_PTR(SSL_get_shared_ciphers(E->ssl, buf, sizeof buf)); }
PROBE(SSL_get_shared_sigalgs, ROLES) {
    int sign, hash, both;
    unsigned char rsig, rhash;
    POISON(sign);
    POISON(hash);
    POISON(both);
    POISON(rsig);
    POISON(rhash);
    R_INT(SSL_get_shared_sigalgs(E->ssl, 0, &sign, &hash, &both, &rsig, &rhash));
    O(sign);
    O(hash);
    O(both);
    O(rsig);
    O(rhash);
}
PROBE(SSL_get_shutdown, ROLES) { R_INT(SSL_get_shutdown(E->ssl)); }
PROBE(SSL_get_sigalgs, ROLES) {
    int sign, hash, both;
    unsigned char rsig, rhash;
    POISON(sign);
    POISON(hash);
    POISON(both);
    POISON(rsig);
    POISON(rhash);
    R_INT(SSL_get_sigalgs(E->ssl, 0, &sign, &hash, &both, &rsig, &rhash));
    O(sign);
    O(hash);
    O(both);
    O(rsig);
    O(rhash);
}
PROBE(SSL_get_signature_type_nid, ROLES) { int nid; POISON(nid); R_INT(SSL_get_signature_type_nid(E->ssl, &nid)); O(nid); }
PROBE(SSL_get_srp_N, ROLES) { R_PTR(SSL_get_srp_N(E->ssl)); }
PROBE(SSL_get_srp_g, ROLES) { R_PTR(SSL_get_srp_g(E->ssl)); }
PROBE(SSL_get_srp_userinfo, ROLES) { R_STR(SSL_get_srp_userinfo(E->ssl)); }
PROBE(SSL_get_srp_username, ROLES) { R_STR(SSL_get_srp_username(E->ssl)); }
PROBE(SSL_get_srtp_profiles, ROLES) { R_PTR(SSL_get_srtp_profiles(E->ssl)); }
PROBE(SSL_get_ssl_method, ROLES) { R_PTR(SSL_get_ssl_method(E->ssl)); }
PROBE(SSL_get_state, ROLES) { R_INT(SSL_get_state(E->ssl)); }
PROBE(SSL_get_verify_callback, ROLES) { R_FN(SSL_get_verify_callback(E->ssl)); }
PROBE(SSL_get_verify_depth, ROLES) { R_INT(SSL_get_verify_depth(E->ssl)); }
PROBE(SSL_get_verify_mode, ROLES) { R_INT(SSL_get_verify_mode(E->ssl)); }
PROBE(SSL_get_verify_result, ROLES) { R_INT(SSL_get_verify_result(E->ssl)); }
PROBE(SSL_get_version, ROLES) { R_STR(SSL_get_version(E->ssl)); }
PROBE(SSL_get_wbio, ROLES) { R_PTR(SSL_get_wbio(E->ssl)); }
PROBE(SSL_get_wfd, ROLES) { R_INT(SSL_get_wfd(E->ssl)); }
PROBE(SSL_group_to_name, ROLES) { R_STR(SSL_group_to_name(E->ssl, 29)); add(" unknown="); add_str(SSL_group_to_name(E->ssl, 0x7777)); }
PROBE(SSL_has_matching_session_id, ROLES) { R_INT(SSL_has_matching_session_id(E->ssl, (const unsigned char *)"0123456789", 10)); }
PROBE(SSL_has_pending, ROLES) { R_INT(SSL_has_pending(E->ssl)); }
PROBE(SSL_in_before, ROLES) { R_INT(SSL_in_before(E->ssl)); }
PROBE(SSL_in_init, ROLES) { R_INT(SSL_in_init(E->ssl)); }
PROBE(SSL_is_dtls, ROLES) { R_INT(SSL_is_dtls(E->ssl)); }
PROBE(SSL_is_init_finished, ROLES) { R_INT(SSL_is_init_finished(E->ssl)); }
PROBE(SSL_is_server, ROLES) { R_INT(SSL_is_server(E->ssl)); }
PROBE(SSL_key_update, ROLES) { R_INT(SSL_key_update(E->ssl, SSL_KEY_UPDATE_NOT_REQUESTED)); }
PROBE(SSL_load_client_CA_file, ONCE) {
    STACK_OF(X509_NAME) *sk = SSL_load_client_CA_file(cert_pem);
    R_PTR(sk);
    add(" num=%d", sk_X509_NAME_num(sk));
    sk_X509_NAME_pop_free(sk, X509_NAME_free);
}
PROBE(SSL_load_client_CA_file_ex, ONCE) {
    STACK_OF(X509_NAME) *sk = SSL_load_client_CA_file_ex("/nonexistent", NULL, NULL);
    R_PTR(sk);
    sk_X509_NAME_pop_free(sk, X509_NAME_free);
}
PROBE(SSL_new, ROLES) { SSL *s = SSL_new(E->ctx); R_PTR(s); SSL_free(s); }
PROBE(SSL_new_session_ticket, ROLES) { R_INT(SSL_new_session_ticket(E->ssl)); }
PROBE(SSL_peek, ROLES) { char buf[8]; R_INT(SSL_peek(E->ssl, buf, sizeof buf)); }
PROBE(SSL_peek_ex, ROLES) { char buf[8]; size_t n; POISON(n); R_INT(SSL_peek_ex(E->ssl, buf, sizeof buf, &n)); O(n); }
PROBE(SSL_pending, ROLES) { R_INT(SSL_pending(E->ssl)); }
PROBE(SSL_read, ROLES) { char buf[8]; R_INT(SSL_read(E->ssl, buf, sizeof buf)); }
PROBE(SSL_read_early_data, ROLES) { char buf[8]; size_t n; POISON(n); R_INT(SSL_read_early_data(E->ssl, buf, sizeof buf, &n)); O(n); }
PROBE(SSL_read_ex, ROLES) { char buf[8]; size_t n; POISON(n); R_INT(SSL_read_ex(E->ssl, buf, sizeof buf, &n)); O(n); }
PROBE(SSL_renegotiate, ROLES) { R_INT(SSL_renegotiate(E->ssl)); }
PROBE(SSL_renegotiate_abbreviated, ROLES) { R_INT(SSL_renegotiate_abbreviated(E->ssl)); }
PROBE(SSL_renegotiate_pending, ROLES) { R_INT(SSL_renegotiate_pending(E->ssl)); }
PROBE(SSL_rstate_string, ROLES) { R_STR(SSL_rstate_string(E->ssl)); }
PROBE(SSL_rstate_string_long, ROLES) { R_STR(SSL_rstate_string_long(E->ssl)); }
PROBE(SSL_select_next_proto, ONCE) {
    static const unsigned char server[] = "\x02h2\x08http/1.1", client[] = "\x08http/1.1";
    unsigned char *out, outlen;
    POISON(out);
    POISON(outlen);
    R_INT(SSL_select_next_proto(&out, &outlen, server, sizeof server - 1, client, sizeof client - 1));
    O(out);
    O(outlen);
}
PROBE(SSL_sendfile, ROLES) { R_INT(SSL_sendfile(E->ssl, sp[1], 0, 1, 0)); }
PROBE(SSL_session_reused, ROLES) { R_INT(SSL_session_reused(E->ssl)); }
PROBE(SSL_set0_CA_list, ROLES) { SSL_set0_CA_list(E->ssl, names()); R_VOID(); }
/* Pending elsewhere (BIOs): NULL BIOs, which take no ownership. */
PROBE(SSL_set0_rbio, ROLES) { SSL_set0_rbio(E->ssl, NULL); R_VOID(); add(" rbio=%s", SSL_get_rbio(E->ssl) ? "ptr" : "NULL"); }
PROBE(SSL_set0_security_ex_data, ROLES) { SSL_set0_security_ex_data(E->ssl, &dummy); R_VOID(); add(" get=%d", SSL_get0_security_ex_data(E->ssl) == &dummy); }
PROBE(SSL_set0_tmp_dh_pkey, ROLES) {
    EVP_PKEY *dh = EVP_PKEY_new();
    int r = SSL_set0_tmp_dh_pkey(E->ssl, dh);
    R_INT(r);
    if (!r) EVP_PKEY_free(dh);
}
PROBE(SSL_set0_wbio, ROLES) { SSL_set0_wbio(E->ssl, NULL); R_VOID(); add(" wbio=%s", SSL_get_wbio(E->ssl) ? "ptr" : "NULL"); }
PROBE(SSL_set1_host, ROLES) { R_INT(SSL_set1_host(E->ssl, "example.org")); }
PROBE(SSL_set1_param, ROLES) { X509_VERIFY_PARAM *p = X509_VERIFY_PARAM_new(); R_INT(SSL_set1_param(E->ssl, p)); X509_VERIFY_PARAM_free(p); }
PROBE(SSL_set_SSL_CTX, ROLES) { R_INT(SSL_set_SSL_CTX(E->ssl, E->ctx) == E->ctx); }
PROBE(SSL_set_accept_state, ROLES) { SSL_set_accept_state(E->ssl); R_VOID(); }
PROBE(SSL_set_allow_early_data_cb, ROLES) { SSL_set_allow_early_data_cb(E->ssl, NULL, &dummy); R_VOID(); }
PROBE(SSL_set_alpn_protos, ROLES) { R_INT(SSL_set_alpn_protos(E->ssl, (const unsigned char *)"\x02h2", 3)); }
PROBE(SSL_set_async_callback, ROLES) { R_INT(SSL_set_async_callback(E->ssl, NULL)); }
PROBE(SSL_set_async_callback_arg, ROLES) { R_INT(SSL_set_async_callback_arg(E->ssl, &dummy)); }
PROBE(SSL_set_bio, ROLES) { SSL_set_bio(E->ssl, NULL, NULL); R_VOID(); }
PROBE(SSL_set_block_padding, ROLES) { R_INT(SSL_set_block_padding(E->ssl, 16)); add(" big=%d", SSL_set_block_padding(E->ssl, 1 << 20)); }
PROBE(SSL_set_cert_cb, ROLES) { SSL_set_cert_cb(E->ssl, NULL, &dummy); R_VOID(); }
PROBE(SSL_set_cipher_list, ROLES) { R_INT(SSL_set_cipher_list(E->ssl, "ECDHE+AESGCM")); add(" none=%d", SSL_set_cipher_list(E->ssl, "NOSUCHCIPHER")); add(" first_tls12="); add_str(SSL_get_cipher_list(E->ssl, 3)); }
PROBE(SSL_set_ciphersuites, ROLES) { R_INT(SSL_set_ciphersuites(E->ssl, "TLS_CHACHA20_POLY1305_SHA256")); add(" first="); add_str(SSL_get_cipher_list(E->ssl, 0)); add(" none=%d", SSL_set_ciphersuites(E->ssl, "NOSUCHSUITE")); }
PROBE(SSL_set_client_CA_list, ROLES) { SSL_set_client_CA_list(E->ssl, names()); R_VOID(); }
PROBE(SSL_set_connect_state, ROLES) { SSL_set_connect_state(E->ssl); R_VOID(); }
PROBE(SSL_set_ct_validation_callback, ROLES) { R_INT(SSL_set_ct_validation_callback(E->ssl, NULL, &dummy)); }
PROBE(SSL_set_debug, ROLES) { SSL_set_debug(E->ssl, 1); R_VOID(); }
PROBE(SSL_set_default_passwd_cb, ROLES) { SSL_set_default_passwd_cb(E->ssl, NULL); R_VOID(); }
PROBE(SSL_set_default_passwd_cb_userdata, ROLES) { SSL_set_default_passwd_cb_userdata(E->ssl, &dummy); R_VOID(); }
PROBE(SSL_set_default_read_buffer_len, ROLES) { SSL_set_default_read_buffer_len(E->ssl, 16384); R_VOID(); }
PROBE(SSL_set_ex_data, ROLES) { R_INT(SSL_set_ex_data(E->ssl, 0, &dummy)); }
PROBE(SSL_set_fd, ROLES) { R_INT(SSL_set_fd(E->ssl, sp[0])); add(" fd=%d", SSL_get_fd(E->ssl) == sp[0]); }
PROBE(SSL_set_generate_session_id, ROLES) { R_INT(SSL_set_generate_session_id(E->ssl, NULL)); }
PROBE(SSL_set_hostflags, ROLES) { SSL_set_hostflags(E->ssl, X509_CHECK_FLAG_NO_WILDCARDS); R_VOID(); }
PROBE(SSL_set_info_callback, ROLES) { SSL_set_info_callback(E->ssl, NULL); R_VOID(); }
PROBE(SSL_set_max_early_data, ROLES) { R_INT(SSL_set_max_early_data(E->ssl, 16384)); }
PROBE(SSL_set_msg_callback, ROLES) { SSL_set_msg_callback(E->ssl, NULL); R_VOID(); }
PROBE(SSL_set_not_resumable_session_callback, ROLES) { SSL_set_not_resumable_session_callback(E->ssl, NULL); R_VOID(); }
PROBE(SSL_set_num_tickets, ROLES) { R_INT(SSL_set_num_tickets(E->ssl, 3)); }
PROBE(SSL_set_options, ROLES) { R_HEX(SSL_set_options(E->ssl, SSL_OP_NO_TICKET)); }
PROBE(SSL_set_post_handshake_auth, ROLES) { SSL_set_post_handshake_auth(E->ssl, 1); R_VOID(); }
PROBE(SSL_set_psk_client_callback, ROLES) { SSL_set_psk_client_callback(E->ssl, NULL); R_VOID(); }
PROBE(SSL_set_psk_find_session_callback, ROLES) { SSL_set_psk_find_session_callback(E->ssl, NULL); R_VOID(); }
PROBE(SSL_set_psk_server_callback, ROLES) { SSL_set_psk_server_callback(E->ssl, NULL); R_VOID(); }
PROBE(SSL_set_psk_use_session_callback, ROLES) { SSL_set_psk_use_session_callback(E->ssl, NULL); R_VOID(); }
PROBE(SSL_set_purpose, ROLES) { R_INT(SSL_set_purpose(E->ssl, X509_PURPOSE_SSL_SERVER)); add(" bad=%d", SSL_set_purpose(E->ssl, 999)); }
PROBE(SSL_set_quiet_shutdown, ROLES) { SSL_set_quiet_shutdown(E->ssl, 1); R_VOID(); }
PROBE(SSL_set_read_ahead, ROLES) { SSL_set_read_ahead(E->ssl, 1); R_VOID(); add(" get=%d", SSL_get_read_ahead(E->ssl)); }
PROBE(SSL_set_record_padding_callback, ROLES) { R_INT(SSL_set_record_padding_callback(E->ssl, NULL)); }
PROBE(SSL_set_record_padding_callback_arg, ROLES) { SSL_set_record_padding_callback_arg(E->ssl, &dummy); R_VOID(); }
PROBE(SSL_set_recv_max_early_data, ROLES) { R_INT(SSL_set_recv_max_early_data(E->ssl, 16384)); }
PROBE(SSL_set_rfd, ROLES) { R_INT(SSL_set_rfd(E->ssl, sp[0])); add(" fd=%d", SSL_get_rfd(E->ssl) == sp[0]); }
PROBE(SSL_set_security_callback, ROLES) { SSL_set_security_callback(E->ssl, NULL); R_VOID(); add(" get=%s", SSL_get_security_callback(E->ssl) ? "fn" : "NULL"); }
PROBE(SSL_set_security_level, ROLES) { SSL_set_security_level(E->ssl, 1); R_VOID(); }
PROBE(SSL_set_session, ROLES) { R_INT(SSL_set_session(E->ssl, E->sess)); }
PROBE(SSL_set_session_id_context, ROLES) { R_INT(SSL_set_session_id_context(E->ssl, (const unsigned char *)"probe", 5)); }
PROBE(SSL_set_session_secret_cb, ROLES) { R_INT(SSL_set_session_secret_cb(E->ssl, NULL, &dummy)); }
PROBE(SSL_set_session_ticket_ext, ROLES) { R_INT(SSL_set_session_ticket_ext(E->ssl, "ticket", 6)); }
PROBE(SSL_set_session_ticket_ext_cb, ROLES) { R_INT(SSL_set_session_ticket_ext_cb(E->ssl, NULL, &dummy)); }
PROBE(SSL_set_shutdown, ROLES) { SSL_set_shutdown(E->ssl, SSL_SENT_SHUTDOWN); R_VOID(); }
PROBE(SSL_set_srp_server_param, ROLES) {
    BIGNUM *n = BN_new(), *g = BN_new(), *s = BN_new(), *v = BN_new();
    int r = SSL_set_srp_server_param(E->ssl, n, g, s, v, NULL);
    R_INT(r);
    BN_free(n);
    BN_free(g);
    BN_free(s);
    BN_free(v);
}
PROBE(SSL_set_srp_server_param_pw, ROLES) { R_INT(SSL_set_srp_server_param_pw(E->ssl, "user", "pass", "2048")); }
PROBE(SSL_set_ssl_method, ROLES) { R_INT(SSL_set_ssl_method(E->ssl, TLS_method())); }
PROBE(SSL_set_tlsext_max_fragment_length, ROLES) { R_INT(SSL_set_tlsext_max_fragment_length(E->ssl, TLSEXT_max_fragment_length_1024)); add(" bad=%d", SSL_set_tlsext_max_fragment_length(E->ssl, 9)); }
PROBE(SSL_set_tlsext_use_srtp, ROLES) { R_INT(SSL_set_tlsext_use_srtp(E->ssl, "SRTP_AES128_CM_SHA1_80")); }
PROBE(SSL_set_tmp_dh_callback, ROLES) { SSL_set_tmp_dh_callback(E->ssl, NULL); R_VOID(); }
PROBE(SSL_set_trust, ROLES) { R_INT(SSL_set_trust(E->ssl, X509_TRUST_SSL_SERVER)); add(" bad=%d", SSL_set_trust(E->ssl, 999)); }
PROBE(SSL_set_verify, ROLES) { SSL_set_verify(E->ssl, SSL_VERIFY_PEER, NULL); R_VOID(); }
PROBE(SSL_set_verify_depth, ROLES) { SSL_set_verify_depth(E->ssl, 4); R_VOID(); }
PROBE(SSL_set_verify_result, ROLES) { SSL_set_verify_result(E->ssl, X509_V_ERR_CERT_HAS_EXPIRED); R_VOID(); }
PROBE(SSL_set_wfd, ROLES) { R_INT(SSL_set_wfd(E->ssl, sp[0])); add(" fd=%d", SSL_get_wfd(E->ssl) == sp[0]); }
PROBE(SSL_shutdown, ROLES) { R_INT(SSL_shutdown(E->ssl)); }
PROBE(SSL_srp_server_param_with_username, ROLES) { int ad; POISON(ad); R_INT(SSL_srp_server_param_with_username(E->ssl, &ad)); O(ad); }
PROBE(SSL_state_string, ROLES) { R_STR(SSL_state_string(E->ssl)); }
PROBE(SSL_state_string_long, ROLES) { R_STR(SSL_state_string_long(E->ssl)); }
PROBE(SSL_stateless, ROLES) { R_INT(SSL_stateless(E->ssl)); }
PROBE(SSL_test_functions, ONCE) { R_PTR(SSL_test_functions()); }
PROBE(SSL_trace, ROLES) { BIO *b = BIO_new(BIO_s_mem()); SSL_trace(0, TLS1_2_VERSION, SSL3_RT_ALERT, "\x02\x28", 2, E->ssl, b); R_VOID(); BIO_free(b); }
PROBE(SSL_up_ref, ROLES) { int r = SSL_up_ref(E->ssl); R_INT(r); if (r == 1) SSL_free(E->ssl); }
PROBE(SSL_use_PrivateKey, ROLES) { R_INT(SSL_use_PrivateKey(E->ssl, E->key)); }
PROBE(SSL_use_PrivateKey_ASN1, ROLES) { R_INT(SSL_use_PrivateKey_ASN1(EVP_PKEY_EC, E->ssl, key_der, key_der_len)); }
PROBE(SSL_use_PrivateKey_file, ROLES) { R_INT(SSL_use_PrivateKey_file(E->ssl, key_pem, SSL_FILETYPE_PEM)); }
PROBE(SSL_use_RSAPrivateKey, ROLES) { R_INT(SSL_use_RSAPrivateKey(E->ssl, the_rsa)); }
PROBE(SSL_use_RSAPrivateKey_ASN1, ROLES) { R_INT(SSL_use_RSAPrivateKey_ASN1(E->ssl, key_der, key_der_len)); }
PROBE(SSL_use_RSAPrivateKey_file, ROLES) { R_INT(SSL_use_RSAPrivateKey_file(E->ssl, key_pem, SSL_FILETYPE_PEM)); }
PROBE(SSL_use_cert_and_key, ROLES) { STACK_OF(X509) *ch = chain(); R_INT(SSL_use_cert_and_key(E->ssl, E->cert, E->key, ch, 1)); sk_X509_pop_free(ch, X509_free); }
PROBE(SSL_use_certificate, ROLES) { R_INT(SSL_use_certificate(E->ssl, E->cert)); }
PROBE(SSL_use_certificate_ASN1, ROLES) { R_INT(SSL_use_certificate_ASN1(E->ssl, cert_der, cert_der_len)); }
PROBE(SSL_use_certificate_chain_file, ROLES) { R_INT(SSL_use_certificate_chain_file(E->ssl, cert_pem)); }
PROBE(SSL_use_certificate_file, ROLES) { R_INT(SSL_use_certificate_file(E->ssl, cert_pem, SSL_FILETYPE_PEM)); }
PROBE(SSL_use_psk_identity_hint, ROLES) { R_INT(SSL_use_psk_identity_hint(E->ssl, "hint")); }
PROBE(SSL_verify_client_post_handshake, ROLES) { R_INT(SSL_verify_client_post_handshake(E->ssl)); }
PROBE(SSL_version, ROLES) { R_INT(SSL_version(E->ssl)); }
PROBE(SSL_waiting_for_async, ROLES) { R_INT(SSL_waiting_for_async(E->ssl)); }
PROBE(SSL_want, ROLES) { R_INT(SSL_want(E->ssl)); }
PROBE(SSL_write, ROLES) { R_INT(SSL_write(E->ssl, "x", 1)); }
PROBE(SSL_write_early_data, ROLES) { size_t n; POISON(n); R_INT(SSL_write_early_data(E->ssl, "x", 1, &n)); O(n); }
PROBE(SSL_write_ex, ROLES) { size_t n; POISON(n); R_INT(SSL_write_ex(E->ssl, "x", 1, &n)); O(n); }
PROBE(TLS_client_method, ONCE) { R_PTR(TLS_client_method()); }
PROBE(TLS_method, ONCE) { R_PTR(TLS_method()); }
PROBE(TLS_server_method, ONCE) { R_PTR(TLS_server_method()); }
PROBE(TLSv1_1_client_method, ONCE) { R_PTR(TLSv1_1_client_method()); }
PROBE(TLSv1_1_method, ONCE) { R_PTR(TLSv1_1_method()); }
PROBE(TLSv1_1_server_method, ONCE) { R_PTR(TLSv1_1_server_method()); }
PROBE(TLSv1_2_client_method, ONCE) { R_PTR(TLSv1_2_client_method()); }
PROBE(TLSv1_2_method, ONCE) { R_PTR(TLSv1_2_method()); }
PROBE(TLSv1_2_server_method, ONCE) { R_PTR(TLSv1_2_server_method()); }
PROBE(TLSv1_client_method, ONCE) { R_PTR(TLSv1_client_method()); }
PROBE(TLSv1_method, ONCE) { R_PTR(TLSv1_method()); }
PROBE(TLSv1_server_method, ONCE) { R_PTR(TLSv1_server_method()); }
/* d2i of bytes that are no session; i2d of an empty session. */
PROBE(d2i_SSL_SESSION, ONCE) {
    static const unsigned char bad[4] = {0x30, 0x02, 0x01, 0x00};
    const unsigned char *p = bad;
    SSL_SESSION *s = d2i_SSL_SESSION(NULL, &p, sizeof bad);
    R_PTR(s);
    add(" advanced=%d", p != bad);
    SSL_SESSION_free(s);
}
PROBE(i2d_SSL_SESSION, ONCE) { R_INT(i2d_SSL_SESSION(E->sess, NULL) > 0); }

int main(void)
{
    pki_cred cred = pki_make("probe", NULL, 0, -1, 30, "DNS:localhost");
    EVP_PKEY *rsa_key = EVP_RSA_gen(1024);
    const struct probe *p;
    struct probe *all;
    size_t i, n = (size_t)(__stop_probes - __start_probes);

    the_cert = cred.cert;
    the_key = cred.key;
    cert_pem = strdup(pki_write(&cred, "probe", NULL));
    key_pem = strdup(pki_key("probe"));
    cert_der_len = i2d_X509(the_cert, &cert_der);
    key_der_len = i2d_PrivateKey(the_key, &key_der);
    the_rsa = rsa_key ? EVP_PKEY_get1_RSA(rsa_key) : NULL;
    if (!cert_pem || !key_pem || cert_der_len <= 0 || key_der_len <= 0 || !the_rsa ||
        socketpair(AF_UNIX, SOCK_STREAM, 0, sp) != 0) {
        printf("fatal: setup\n");
        return 2;
    }
    all = malloc(n * sizeof *all);
    if (!all) return 2;
    memcpy(all, __start_probes, n * sizeof *all);
    qsort(all, n, sizeof *all, by_name);
    for (i = 0; i < n; i++) {
        p = &all[i];
        if (p->mode == ROLES) {
            run(p, 0, "c");
            run(p, 1, "s");
        } else {
            run(p, 0, "-");
        }
        fflush(stdout);
    }
    printf("probes: %zu\n", n);
    free(all);
    close(sp[0]);
    close(sp[1]);
    RSA_free(the_rsa);
    EVP_PKEY_free(rsa_key);
    OPENSSL_free(cert_der);
    OPENSSL_free(key_der);
    free((void *)cert_pem);
    free((void *)key_pem);
    pki_free(&cred);
    return 0;
}
