/* NULL arguments that crash OpenSSL 3.0's libssl (it dereferences them) get
 * the function's error value from ours: a deliberate improvement, so this
 * runs against our libssl.so.3 only (c-tests/own-ssl). */
#include <stdio.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

static int new_cb(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    (void)sess;
    return 0;
}

int main(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL_SESSION *s = SSL_SESSION_new();
    unsigned int len = 99;
    char buf[8] = { 0 };

    if (!ctx || !s) {
        printf("setup failed\n");
        return 1;
    }
    printf("SSL_SESSION_up_ref(NULL) -> %d\n", SSL_SESSION_up_ref(NULL));
    printf("SSL_SESSION_is_resumable(NULL) -> %d\n", SSL_SESSION_is_resumable(NULL));
    printf("SSL_SESSION_get_id(NULL, &len) -> %s\n", SSL_SESSION_get_id(NULL, &len) ? "non-NULL" : "NULL");
    printf("len -> %u\n", len);
    printf("SSL_SESSION_dup(NULL) -> %s\n", SSL_SESSION_dup(NULL) ? "non-NULL" : "NULL");
    printf("SSL_SESSION_has_ticket(NULL) -> %d\n", SSL_SESSION_has_ticket(NULL));
    printf("SSL_SESSION_get_time(NULL) -> %ld\n", SSL_SESSION_get_time(NULL));
    printf("SSL_get_session(NULL) -> %s\n", SSL_get_session(NULL) ? "non-NULL" : "NULL");
    printf("SSL_get1_session(NULL) -> %s\n", SSL_get1_session(NULL) ? "non-NULL" : "NULL");
    printf("SSL_set_session(NULL, s) -> %d\n", SSL_set_session(NULL, s));
    printf("SSL_CTX_add_session(ctx, NULL) -> %d\n", SSL_CTX_add_session(ctx, NULL));
    printf("SSL_CTX_add_session(NULL, s) -> %d\n", SSL_CTX_add_session(NULL, s));
    printf("SSL_CTX_remove_session(NULL, s) -> %d\n", SSL_CTX_remove_session(NULL, s));
    SSL_CTX_flush_sessions(NULL, 0);
    printf("SSL_CTX_flush_sessions(NULL, 0) returned\n");
    printf("SSL_get_error(NULL, 0) -> %d\n", SSL_get_error(NULL, 0));
    printf("SSL_shutdown(NULL) -> %d\n", SSL_shutdown(NULL));
    printf("SSL_read(NULL, buf, 8) -> %d\n", SSL_read(NULL, buf, sizeof buf));
    printf("SSL_write(NULL, buf, 8) -> %d\n", SSL_write(NULL, buf, sizeof buf));
    printf("SSL_do_handshake(NULL) -> %d\n", SSL_do_handshake(NULL));
    printf("SSL_new(NULL) -> %s\n", SSL_new(NULL) ? "non-NULL" : "NULL");
    printf("SSL_CTX_new(NULL) -> %s\n", SSL_CTX_new(NULL) ? "non-NULL" : "NULL");
    printf("SSL_CTX_set_ciphersuites(ctx, NULL) -> %d\n", SSL_CTX_set_ciphersuites(ctx, NULL));
    printf("SSL_CTX_set_cipher_list(ctx, NULL) -> %d\n", SSL_CTX_set_cipher_list(ctx, NULL));
    SSL_CTX_sess_set_new_cb(NULL, new_cb);
    printf("SSL_CTX_sess_get_new_cb(NULL) -> %s\n", SSL_CTX_sess_get_new_cb(NULL) ? "non-NULL" : "NULL");
    printf("SSL_CTX_use_certificate_chain_file(ctx, NULL) -> %d\n", SSL_CTX_use_certificate_chain_file(ctx, NULL));
    printf("SSL_CTX_use_PrivateKey_file(ctx, NULL, PEM) -> %d\n",
           SSL_CTX_use_PrivateKey_file(ctx, NULL, SSL_FILETYPE_PEM));
    printf("SSL_CTX_load_verify_locations(ctx, NULL, NULL) -> %d\n", SSL_CTX_load_verify_locations(ctx, NULL, NULL));
    printf("SSL_CIPHER_get_name(NULL) -> %s\n", SSL_CIPHER_get_name(NULL));
    printf("SSL_get_version(NULL) -> %s\n", SSL_get_version(NULL) ? "non-NULL" : "NULL");
    /* Verification objects of a NULL context or connection. */
    printf("SSL_CTX_get_cert_store(NULL) -> %s\n", SSL_CTX_get_cert_store(NULL) ? "non-NULL" : "NULL");
    printf("SSL_CTX_get0_param(NULL) -> %s\n", SSL_CTX_get0_param(NULL) ? "non-NULL" : "NULL");
    printf("SSL_get0_param(NULL) -> %s\n", SSL_get0_param(NULL) ? "non-NULL" : "NULL");
    printf("SSL_set1_host(NULL, \"a\") -> %d\n", SSL_set1_host(NULL, "a"));
    printf("SSL_get_verify_depth(NULL) -> %d\n", SSL_get_verify_depth(NULL));
    printf("SSL_get1_peer_certificate(NULL) -> %s\n", SSL_get1_peer_certificate(NULL) ? "non-NULL" : "NULL");
    printf("SSL_get_peer_cert_chain(NULL) -> %s\n", SSL_get_peer_cert_chain(NULL) ? "non-NULL" : "NULL");
    printf("SSL_get0_verified_chain(NULL) -> %s\n", SSL_get0_verified_chain(NULL) ? "non-NULL" : "NULL");
    printf("SSL_CTX_load_verify_file(ctx, NULL) -> %d\n", SSL_CTX_load_verify_file(ctx, NULL));
    printf("SSL_CTX_load_verify_dir(ctx, NULL) -> %d\n", SSL_CTX_load_verify_dir(ctx, NULL));
    printf("SSL_CTX_set1_param(ctx, NULL) -> %d\n", SSL_CTX_set1_param(ctx, NULL));

    /* Configuration of a NULL context or connection; out-parameters are
     * still written. */
    {
        const unsigned char *p = (const unsigned char *)"x";
        unsigned int n = 9;
        SSL_get0_alpn_selected(NULL, &p, &n);
        printf("SSL_get0_alpn_selected(NULL) -> %s %u\n", p ? "non-NULL" : "NULL", n);
    }
    printf("SSL_CTX_set_alpn_protos(NULL, h2) -> %d\n", SSL_CTX_set_alpn_protos(NULL, (const unsigned char *)"\x02h2", 3));
    printf("SSL_CTX_use_certificate(ctx, NULL) -> %d\n", SSL_CTX_use_certificate(ctx, NULL));
    printf("SSL_CTX_use_PrivateKey(NULL, NULL) -> %d\n", SSL_CTX_use_PrivateKey(NULL, NULL));
    printf("SSL_CTX_get0_certificate(NULL) -> %s\n", SSL_CTX_get0_certificate(NULL) ? "non-NULL" : "NULL");
    printf("SSL_CTX_set1_groups_list(NULL, P-256) -> %ld\n", SSL_CTX_set1_groups_list(NULL, "P-256"));
    printf("SSL_CTX_set1_groups_list(ctx, NULL) -> %ld\n", SSL_CTX_set1_groups_list(ctx, NULL));
    printf("SSL_get_client_CA_list(NULL) -> %s\n", SSL_get_client_CA_list(NULL) ? "non-NULL" : "NULL");
    printf("SSL_load_client_CA_file(NULL) -> %s\n", SSL_load_client_CA_file(NULL) ? "non-NULL" : "NULL");
    SSL_CTX_set_info_callback(NULL, NULL);
    SSL_CTX_set_keylog_callback(NULL, NULL);
    printf("SSL_CTX_set_info_callback(NULL) returned\n");

    /* Serialised sessions and SSL_CONF. */
    {
        unsigned char key[8];
        const unsigned char *tick = (const unsigned char *)"x";
        size_t tlen = 9;
        int argc = 1;
        printf("d2i_SSL_SESSION(NULL, NULL, 8) -> %s\n", d2i_SSL_SESSION(NULL, NULL, 8) ? "non-NULL" : "NULL");
        printf("PEM_read_SSL_SESSION(NULL, ...) -> %s\n",
               PEM_read_SSL_SESSION(NULL, NULL, NULL, NULL) ? "non-NULL" : "NULL");
        printf("PEM_write_SSL_SESSION(NULL, s) -> %d\n", PEM_write_SSL_SESSION(NULL, s));
        printf("SSL_SESSION_print_fp(NULL, s) -> %d\n", SSL_SESSION_print_fp(NULL, s));
        printf("SSL_SESSION_get_master_key(NULL, key, 8) -> %zu\n", SSL_SESSION_get_master_key(NULL, key, 8));
        printf("SSL_SESSION_set1_master_key(s, NULL, 8) -> %d\n", SSL_SESSION_set1_master_key(s, NULL, 8));
        SSL_SESSION_get0_ticket(NULL, &tick, &tlen);
        printf("SSL_SESSION_get0_ticket(NULL) -> %s %zu\n", tick ? "non-NULL" : "NULL", tlen);
        printf("SSL_CONF_cmd(NULL, -cipher, HIGH) -> %d\n", SSL_CONF_cmd(NULL, "-cipher", "HIGH"));
        printf("SSL_CONF_CTX_set_flags(NULL, 1) -> %u\n", SSL_CONF_CTX_set_flags(NULL, 1));
        printf("SSL_CONF_cmd_argv(NULL, &argc, NULL) -> %d\n", SSL_CONF_cmd_argv(NULL, &argc, NULL));
        printf("SSL_CONF_CTX_finish(NULL) -> %d\n", SSL_CONF_CTX_finish(NULL));
        SSL_CONF_CTX_set_ssl_ctx(NULL, ctx);
        printf("SSL_CONF_CTX_set_ssl_ctx(NULL, ctx) returned\n");
    }
    ERR_clear_error();

    SSL_SESSION_free(s);
    SSL_CTX_free(ctx);
    return 0;
}
