/* SSL_CTX_config and SSL_config: the sections of openssl.cnf's ssl_conf
 * module, run with OpenSSL's flags for them (FILE, CERTIFICATE,
 * REQUIRE_PRIVATE, and SERVER/CLIENT by the method). The process reads its
 * own configuration (OPENSSL_CONF, set before libcrypto starts, pointing
 * into a temporary directory): a section whose commands all work (1), one
 * with an unknown command (0, the others applied), a missing section (0,
 * SSL_R_INVALID_CONFIGURATION_NAME), a certificate section whose key is
 * found in the certificate's file, a server-only command on a client
 * context, and a connection. */
#include "sslpair.h"

static char dir[64], conf_file[128], both_file[128];

static void print_ctx(const char *label, SSL_CTX *ctx)
{
    printf("%s: options 0x%llx min 0x%lx max 0x%lx tickets %zu key %d\n", label,
           (unsigned long long)SSL_CTX_get_options(ctx), SSL_CTX_get_min_proto_version(ctx),
           SSL_CTX_get_max_proto_version(ctx), SSL_CTX_get_num_tickets(ctx), SSL_CTX_get0_privatekey(ctx) != NULL);
}

static void config(const char *label, SSL_CTX *ctx, const char *name)
{
    int rv;

    ERR_clear_error();
    rv = SSL_CTX_config(ctx, name);
    printf("%s: SSL_CTX_config(%s) -> %d", label, name ? name : "NULL", rv);
    printf(", reason %d\n", ERR_GET_REASON(ERR_peek_last_error()));
    ERR_clear_error();
}

static void copy(FILE *out, const char *path)
{
    FILE *in = fopen(path, "r");
    char buf[4096];
    size_t n;

    if (!in) sp_die(path);
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) fwrite(buf, 1, n, out);
    fclose(in);
}

int main(void)
{
    SSL_CTX *ctx, *sctx, *cctx;
    SSL *ssl;
    FILE *f;

    /* the configuration first: libcrypto reads it once, when it starts */
    snprintf(dir, sizeof dir, "/tmp/confile-XXXXXX");
    if (!mkdtemp(dir)) sp_die("mkdtemp");
    snprintf(conf_file, sizeof conf_file, "%s/openssl.cnf", dir);
    snprintf(both_file, sizeof both_file, "%s/both.pem", dir);
    f = fopen(conf_file, "w");
    if (!f) sp_die("openssl.cnf");
    fprintf(f,
            "openssl_conf = default_conf\n"
            "[default_conf]\n"
            "ssl_conf = ssl_sect\n"
            "[ssl_sect]\n"
            "good = good_sect\n"
            "bad = bad_sect\n"
            "certs = certs_sect\n"
            "server = server_sect\n"
            "[good_sect]\n"
            "MinProtocol = TLSv1.2\n"
            "MaxProtocol = TLSv1.3\n"
            "Options = -SessionTicket, -MiddleboxCompat\n"
            "CipherString = ECDHE+AESGCM\n"
            "Ciphersuites = TLS_AES_128_GCM_SHA256\n"
            "[bad_sect]\n"
            "MaxProtocol = TLSv1.2\n"
            "Bogus = 1\n"
            "Options = Bugs\n"
            "[certs_sect]\n"
            "Certificate = %s\n"
            "[server_sect]\n"
            "NumTickets = 5\n"
            "Options = ServerPreference\n",
            both_file);
    fclose(f);
    if (setenv("OPENSSL_CONF", conf_file, 1) != 0) sp_die("setenv");

    sp_make_cert();
    f = fopen(both_file, "w");
    if (!f) sp_die("both.pem");
    copy(f, sp_cert_file);
    copy(f, sp_key_file);
    fclose(f);

    ctx = SSL_CTX_new(TLS_method());
    print_ctx("new", ctx);
    config("any", ctx, "good");
    print_ctx("good", ctx);
    SSL_CTX_free(ctx);

    ctx = SSL_CTX_new(TLS_method());
    config("any", ctx, "bad");
    print_ctx("bad", ctx);
    config("any", ctx, "missing");
    config("any", ctx, NULL);
    config("NULL", NULL, "good");
    config("any", ctx, "server");
    print_ctx("server section", ctx);
    SSL_CTX_free(ctx);

    sctx = SSL_CTX_new(TLS_server_method());
    config("server", sctx, "certs");
    print_ctx("certs", sctx);
    printf("check_private_key -> %d\n", SSL_CTX_check_private_key(sctx));
    config("server", sctx, "server");
    print_ctx("server section", sctx);
    cctx = SSL_CTX_new(TLS_client_method());
    config("client", cctx, "server");
    print_ctx("server section on a client", cctx);
    config("client", cctx, "certs");
    print_ctx("certs on a client", cctx);

    ssl = SSL_new(sctx);
    ERR_clear_error();
    printf("SSL_config(good) -> %d", SSL_config(ssl, "good"));
    printf(", reason %d\n", ERR_GET_REASON(ERR_peek_last_error()));
    ERR_clear_error();
    printf("SSL_config(missing) -> %d", SSL_config(ssl, "missing"));
    printf(", reason %d\n", ERR_GET_REASON(ERR_peek_last_error()));
    ERR_clear_error();
    printf("ssl: options 0x%llx min 0x%lx; ctx: options 0x%llx min 0x%lx\n", (unsigned long long)SSL_get_options(ssl),
           SSL_get_min_proto_version(ssl), (unsigned long long)SSL_CTX_get_options(sctx),
           SSL_CTX_get_min_proto_version(sctx));
    printf("SSL_config(NULL, good) -> %d\n", SSL_config(NULL, "good"));
    ERR_clear_error();

    SSL_free(ssl);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    unlink(both_file);
    unlink(conf_file);
    rmdir(dir);
    sp_cleanup();
    return 0;
}
