/* libssl functions neon-rs does not implement return OpenSSL's error value
 * (0 or NULL) and have no effect, instead of crashing (issue 4). Each is a
 * function a real program may call; the program goes on with the next. */
#include <stdio.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

int main(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *ssl = ctx ? SSL_new(ctx) : NULL;

    if (!ssl) {
        printf("setup failed\n");
        return 1;
    }
    /* Datagram TLS is not offered: a method whose contexts are refused. */
    printf("DTLS_method() -> %s\n", DTLS_method() ? "non-NULL" : "NULL");
    printf("SSL_CTX_new(DTLS_client_method()) -> %s\n", SSL_CTX_new(DTLS_client_method()) ? "non-NULL" : "NULL");
    printf("error queued -> %d\n", ERR_get_error() != 0);
    /* SRTP setters return 0 on success: ours fail with 1. */
    printf("SSL_set_tlsext_use_srtp(ssl, ...) -> %d\n", SSL_set_tlsext_use_srtp(ssl, "SRTP_AES128_CM_SHA1_80"));
    /* PSK and early data are not offered. */
    printf("SSL_use_psk_identity_hint(ssl, \"h\") -> %d\n", SSL_use_psk_identity_hint(ssl, "h"));
    printf("SSL_set_max_early_data(ssl, 1024) -> %d\n", SSL_set_max_early_data(ssl, 1024));
    printf("SSL_get_max_early_data(ssl) -> %u\n", SSL_get_max_early_data(ssl));
    /* rustls pads no records: the SSL_CONF command is refused (OpenSSL: 2). */
    {
        SSL_CONF_CTX *cc = SSL_CONF_CTX_new();
        SSL_CONF_CTX_set_flags(cc, SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_CLIENT);
        SSL_CONF_CTX_set_ssl_ctx(cc, ctx);
        printf("SSL_CONF_cmd(RecordPadding, 16) -> %d\n", SSL_CONF_cmd(cc, "RecordPadding", "16"));
        printf("SSL_CTX_set_block_padding(ctx, 16) -> %d\n", (int)SSL_CTX_set_block_padding(ctx, 16));
        SSL_CONF_CTX_free(cc);
    }
    /* The connection still works as before. */
    printf("SSL_get_fd(ssl) -> %d\n", SSL_get_fd(ssl));
    printf("SSL_is_server(ssl) -> %d\n", SSL_is_server(ssl));

    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return 0;
}
