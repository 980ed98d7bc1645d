/* NULL arguments that the system libssl (OpenSSL 3.0.19) handles without
 * crashing, with their return values. Calls that crash there (e.g.
 * SSL_SESSION_up_ref(NULL), SSL_get_session(NULL), SSL_CTX_add_session(ctx,
 * NULL), SSL_CTX_flush_sessions(NULL, 0), SSL_SESSION_is_resumable(NULL),
 * SSL_get_error(NULL, 0), SSL_set_session(NULL, s), SSL_shutdown(NULL),
 * SSL_CTX_set_ciphersuites(ctx, NULL)) cannot be compared and are left out;
 * each line below was checked in a forked child first. Also left out: NULL
 * file names (SSL_CTX_use_certificate_file, _PrivateKey_file,
 * _certificate_chain_file, SSL_load_client_CA_file), which the system
 * library passes on to fopen(NULL) (valgrind: "Syscall param openat(filename)
 * points to unaddressable byte(s)") and which only return 0 because glibc
 * fails with EFAULT. Pointers print as
 * NULL / non-NULL, strings as text. The error queue is cleared after every
 * call and not printed. */
#include "sslpair.h"

#define NUM(expr) do { long r_ = (long)(expr); printf("%s -> %ld\n", #expr, r_); ERR_clear_error(); } while (0)
#define PTR(expr) do { const void *r_ = (const void *)(expr); printf("%s -> %s\n", #expr, r_ ? "non-NULL" : "NULL"); ERR_clear_error(); } while (0)
#define STR(expr) do { const char *r_ = (expr); printf("%s -> %s\n", #expr, r_ ? r_ : "(null pointer)"); ERR_clear_error(); } while (0)
#define VOID(expr) do { expr; printf("%s -> (void)\n", #expr); ERR_clear_error(); } while (0)

int main(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *ssl = SSL_new(ctx);
    SSL_SESSION *sess = SSL_SESSION_new();
    const unsigned char *pp = NULL;
    unsigned char buf[64] = { 0 };
    unsigned int len = 99;
    SSL_CTX *sctx, *cctx;
    sp_pair p;

    printf("== frees\n");
    VOID(SSL_SESSION_free(NULL));
    VOID(SSL_free(NULL));
    VOID(SSL_CTX_free(NULL));

    printf("== constructors\n");
    PTR(SSL_new(NULL));
    PTR(SSL_CTX_new(NULL));
    PTR(d2i_SSL_SESSION(NULL, &pp, 0));
    NUM(i2d_SSL_SESSION(NULL, NULL));
    NUM(i2d_SSL_SESSION(sess, NULL));

    printf("== SSL_SESSION\n");
    NUM(SSL_SESSION_get_time(NULL));
    NUM(SSL_SESSION_get_timeout(NULL));
    NUM(SSL_SESSION_set_time(NULL, 5));
    NUM(SSL_SESSION_set_timeout(NULL, 5));
    PTR(SSL_SESSION_get_id(sess, NULL));
    NUM(SSL_SESSION_set1_id(sess, NULL, 0));
    PTR(SSL_SESSION_get_id(sess, &len));
    NUM(len);
    NUM(SSL_SESSION_set1_id_context(sess, NULL, 0));
    NUM(SSL_SESSION_set1_hostname(sess, NULL));
    PTR(SSL_SESSION_get0_hostname(sess));

    printf("== SSL\n");
    NUM(SSL_set_session(ssl, NULL));
    PTR(SSL_get_session(ssl));
    PTR(SSL_get1_session(ssl));
    NUM(SSL_get_error(NULL, 1));
    NUM(SSL_has_matching_session_id(ssl, NULL, 0));
    NUM(SSL_set_session_id_context(ssl, NULL, 0));
    NUM(SSL_set_tlsext_host_name(ssl, NULL));
    STR(SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name));
    PTR(SSL_get_current_cipher(ssl));
    PTR(SSL_get_peer_cert_chain(NULL));
    PTR(SSL_get1_peer_certificate(NULL));
    PTR(SSL_get0_peer_certificate(NULL));
    PTR(SSL_get_peer_cert_chain(ssl));
    PTR(SSL_get1_peer_certificate(ssl));
    PTR(SSL_get_client_CA_list(ssl));
    NUM(SSL_set_SSL_CTX(ssl, NULL) == ctx);
    NUM(SSL_copy_session_id(ssl, ssl));

    printf("== SSL_CIPHER\n");
    STR(SSL_CIPHER_get_name(NULL));
    STR(SSL_CIPHER_standard_name(NULL));
    STR(SSL_CIPHER_get_version(NULL));
    NUM(SSL_CIPHER_get_bits(NULL, NULL));

    printf("== SSL_CTX\n");
    NUM(SSL_CTX_remove_session(ctx, NULL));
    NUM(SSL_CTX_remove_session(NULL, sess));
    NUM(SSL_CTX_set_timeout(NULL, 5));
    NUM(SSL_CTX_get_timeout(NULL));
    NUM(SSL_CTX_sess_number(NULL));
    NUM(SSL_CTX_sess_connect(NULL));
    NUM(SSL_CTX_sess_connect_good(NULL));
    NUM(SSL_CTX_sess_connect_renegotiate(NULL));
    NUM(SSL_CTX_sess_accept(NULL));
    NUM(SSL_CTX_sess_accept_good(NULL));
    NUM(SSL_CTX_sess_accept_renegotiate(NULL));
    NUM(SSL_CTX_sess_hits(NULL));
    NUM(SSL_CTX_sess_cb_hits(NULL));
    NUM(SSL_CTX_sess_misses(NULL));
    NUM(SSL_CTX_sess_timeouts(NULL));
    NUM(SSL_CTX_sess_cache_full(NULL));
    NUM(SSL_CTX_sess_set_cache_size(NULL, 1));
    NUM(SSL_CTX_sess_get_cache_size(NULL));
    NUM(SSL_CTX_set_session_cache_mode(NULL, SSL_SESS_CACHE_CLIENT));
    NUM(SSL_CTX_get_session_cache_mode(NULL));
    NUM(SSL_CTX_ctrl(NULL, SSL_CTRL_MODE, SSL_MODE_AUTO_RETRY, NULL));
    NUM(SSL_CTX_set_session_id_context(ctx, NULL, 0));
    VOID(SSL_CTX_sess_set_new_cb(ctx, NULL));
    VOID(SSL_CTX_sess_set_remove_cb(ctx, NULL));
    VOID(SSL_CTX_sess_set_get_cb(ctx, NULL));
    PTR(SSL_CTX_sess_get_new_cb(ctx));
    PTR(SSL_CTX_sess_get_remove_cb(ctx));
    PTR(SSL_CTX_sess_get_get_cb(ctx));
    NUM(SSL_CTX_use_certificate(ctx, NULL));
    NUM(SSL_CTX_use_PrivateKey(ctx, NULL));
    NUM(SSL_CTX_load_verify_locations(ctx, NULL, NULL));
    NUM(SSL_CTX_set_cipher_list(ctx, NULL));
    VOID(SSL_CTX_set_client_CA_list(ctx, NULL));

    printf("== connected\n");
    sctx = sp_server_ctx(TLS1_3_VERSION);
    cctx = sp_client_ctx(TLS1_3_VERSION);
    sp_new(&p, cctx, sctx);
    if (sp_handshake(&p, "conn") && sp_exchange(&p, "conn")) {
        size_t n = 7;
        NUM(SSL_read(p.c, NULL, 0));
        NUM(SSL_write(p.c, NULL, 0));
        NUM(SSL_peek_ex(p.c, NULL, 0, &n));
        NUM(n);
        sp_shutdown(&p, "conn");
    }
    sp_free(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);

    SSL_SESSION_free(sess);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    sp_cleanup();
    (void)buf;
    return 0;
}
