/* SSL_CONF: the commands nginx's ssl_conf_command, the openssl command
 * line and openssl.cnf use, with each flag (FILE, CMDLINE, CLIENT, SERVER,
 * CERTIFICATE, SHOW_ERRORS, REQUIRE_PRIVATE), prefixes, value types,
 * SSL_CONF_cmd_argv, return values (2, 1, 0, -2, -3) and their effects on
 * a context and on a connection: options, protocol bounds, verify mode,
 * tickets, the suites and group a handshake then uses, certificates and
 * keys, verify and chain stores, CA names, DH parameters. Errors are
 * printed as the reason of the last one queued (with SHOW_ERRORS), the
 * queue is cleared after each command. (RecordPadding is in
 * own-ssl/unsupported.c: rustls pads no records.) */
#define OPENSSL_SUPPRESS_DEPRECATED 1 /* TLSv1_2_method */
#include <openssl/dh.h>

#include "sslpair.h"

static SSL_CONF_CTX *cc;
static char dir[64], both_file[128], dh_file[128], bad_file[128];

static const char ffdhe2048[] =
    "-----BEGIN DH PARAMETERS-----\n"
    "MIIBCAKCAQEA//////////+t+FRYortKmq/cViAnPTzx2LnFg84tNpWp4TZBFGQz\n"
    "+8yTnc4kmz75fS/jY2MMddj2gbICrsRhetPfHtXV/WVhJDP1H18GbtCFY2VVPe0a\n"
    "87VXE15/V8k1mE8McODmi3fipona8+/och3xWKE2rec1MKzKT0g6eXq8CrGCsyT7\n"
    "YdEIqUuyyOP7uWrat2DX9GgdT0Kj3jlN9K5W7edjcrsZCwenyO4KbXCeAvzhzffi\n"
    "7MA0BM0oNC9hkXL+nOmFg/+OTxIy7vKBg8P+OxtMb61zO7X8vC7CIAXFjvGDfRaD\n"
    "ssbzSibBsu/6iGtCOGEoXJf//////////wIBAg==\n"
    "-----END DH PARAMETERS-----\n";

/* The test's files by name (their paths differ from run to run). */
static const char *shown(const char *v)
{
    if (!v) return "(NULL)";
    if (!strcmp(v, sp_cert_file)) return "CERT-FILE";
    if (!strcmp(v, sp_key_file)) return "KEY-FILE";
    if (!strcmp(v, both_file)) return "CERT+KEY-FILE";
    if (!strcmp(v, dh_file)) return "DH-FILE";
    if (!strcmp(v, bad_file)) return "MISSING-FILE";
    if (!strcmp(v, dir)) return "DIR";
    return v;
}

/* One command: its return value; with SHOW_ERRORS the reason of the last
 * error queued. */
static int cmd(const char *name, const char *value)
{
    int rv;

    ERR_clear_error();
    rv = SSL_CONF_cmd(cc, name, value);
    printf("%s %s -> %d", name ? name : "(NULL)", shown(value), rv);
    if (SSL_CONF_CTX_set_flags(cc, 0) & SSL_CONF_FLAG_SHOW_ERRORS)
        printf(" reason %d", ERR_GET_REASON(ERR_peek_last_error()));
    printf("\n");
    ERR_clear_error();
    return rv;
}

static void flags(unsigned int f)
{
    SSL_CONF_CTX_clear_flags(cc, 0xffff);
    printf("-- flags 0x%x\n", SSL_CONF_CTX_set_flags(cc, f));
}

static void print_ctx(const char *label, SSL_CTX *ctx)
{
    printf("%s: options 0x%llx min 0x%lx max 0x%lx verify %d tickets %zu\n", label,
           (unsigned long long)SSL_CTX_get_options(ctx), SSL_CTX_get_min_proto_version(ctx),
           SSL_CTX_get_max_proto_version(ctx), SSL_CTX_get_verify_mode(ctx), SSL_CTX_get_num_tickets(ctx));
}

static void write_file(const char *path, const char *a, const char *b)
{
    FILE *f = fopen(path, "w");
    char buf[4096];
    size_t n;

    if (!f) sp_die(path);
    if (a) {
        FILE *in = fopen(a, "r");
        if (!in) sp_die(a);
        while ((n = fread(buf, 1, sizeof buf, in)) > 0) fwrite(buf, 1, n, f);
        fclose(in);
    }
    if (b) fputs(b, f);
    fclose(f);
}

/* Adds the file `a` to the file `path`. */
static void append_file(const char *path, const char *a)
{
    FILE *f = fopen(path, "a"), *in = fopen(a, "r");
    char buf[4096];
    size_t n;

    if (!f || !in) sp_die("append");
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) fwrite(buf, 1, n, f);
    fclose(in);
    fclose(f);
}

static void files(void)
{
    sp_make_cert();
    snprintf(dir, sizeof dir, "/tmp/sslconf-XXXXXX");
    if (!mkdtemp(dir)) sp_die("mkdtemp");
    snprintf(both_file, sizeof both_file, "%s/both.pem", dir);
    snprintf(dh_file, sizeof dh_file, "%s/dh.pem", dir);
    snprintf(bad_file, sizeof bad_file, "%s/missing.pem", dir);
    write_file(both_file, sp_cert_file, NULL);
    append_file(both_file, sp_key_file);
    write_file(dh_file, NULL, ffdhe2048);
}

static void remove_files(void)
{
    unlink(both_file);
    unlink(dh_file);
    rmdir(dir);
}

/* Names, flags, return values and effects on a context. */
static void on_context(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());

    printf("== a context\n");
    cc = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_ssl_ctx(cc, ctx);
    print_ctx("new", ctx);

    flags(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_CLIENT | SSL_CONF_FLAG_SERVER);
    cmd("MinProtocol", "TLSv1.2");
    cmd("MaxProtocol", "TLSv1.3");
    cmd("minprotocol", "tlsv1.2");
    cmd("MinProtocol", "TLSv9");
    print_ctx("bounds", ctx);
    cmd("MaxProtocol", "None");
    cmd("MinProtocol", "DTLSv1.2");
    print_ctx("bounds", ctx);
    cmd("Protocol", "-ALL, TLSv1.2,TLSv1.3");
    print_ctx("protocols", ctx);
    cmd("Protocol", "-TLSv1.3,bogus");
    print_ctx("protocols, up to the bad one", ctx);
    cmd("Protocol", "TLSv1.3,");
    cmd("Protocol", "ALL");
    cmd("Options", "-SessionTicket,ServerPreference,PrioritizeChaCha");
    print_ctx("options", ctx);
    cmd("options", "+SessionTicket, -MiddleboxCompat, Bugs");
    print_ctx("options", ctx);
    cmd("Options", "Bogus");
    cmd("Options", "");
    cmd("Options", "-Bugs,Compression,-Compression,EncryptThenMac,-AntiReplay,KTLS,-KTLS");
    print_ctx("options", ctx);
    cmd("VerifyMode", "Peer,Request");
    print_ctx("verify", ctx);
    cmd("VerifyMode", "Require,Once");
    print_ctx("verify", ctx);
    cmd("VerifyMode", "-Once");
    cmd("VerifyMode", "None");
    print_ctx("verify", ctx);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    cmd("CipherString", "ECDHE+AESGCM");
    cmd("CipherString", "NO-SUCH-CIPHER");
    cmd("Ciphersuites", "TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256");
    cmd("Ciphersuites", "bogus");
    cmd("Groups", "P-256:X25519");
    cmd("Groups", "bogus");
    cmd("Curves", "P-384");
    cmd("ECDHParameters", "automatic");
    cmd("ECDHParameters", "P-256");
    cmd("ECDHParameters", "P-256:P-384");
    cmd("SignatureAlgorithms", "ECDSA+SHA256:RSA-PSS+SHA256");
    cmd("SignatureAlgorithms", "bogus");
    cmd("ClientSignatureAlgorithms", "RSA+SHA256");
    cmd("NumTickets", "3");
    print_ctx("tickets", ctx);
    cmd("NumTickets", "-1");
    cmd("NumTickets", "x");
    print_ctx("tickets", ctx);
    cmd("NumTickets", "4");
    cmd("Certificate", sp_cert_file);
    cmd("cipher", "HIGH");
    cmd("Bogus", "1");
    cmd("CipherString", NULL);
    cmd(NULL, "1");

    flags(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_CLIENT);
    cmd("Options", "ServerPreference");
    cmd("NumTickets", "1");
    cmd("ECDHParameters", "P-256");
    cmd("VerifyMode", "Request");
    flags(SSL_CONF_FLAG_FILE);
    cmd("Options", "Bugs");
    cmd("Protocol", "TLSv1.2");
    cmd("CipherString", "HIGH");

    flags(SSL_CONF_FLAG_CMDLINE | SSL_CONF_FLAG_SERVER);
    cmd("-no_tls1_3", NULL);
    cmd("-no_tls1_2", "ignored");
    cmd("-no_ssl3", NULL);
    cmd("-no_tls1", NULL);
    cmd("-no_tls1_1", NULL);
    print_ctx("switches", ctx);
    cmd("-bugs", NULL);
    cmd("-no_comp", NULL);
    cmd("-comp", NULL);
    cmd("-no_ticket", NULL);
    cmd("-serverpref", NULL);
    cmd("-no_middlebox", NULL);
    cmd("-legacy_renegotiation", NULL);
    cmd("-client_renegotiation", NULL);
    cmd("-no_renegotiation", NULL);
    cmd("-no_resumption_on_reneg", NULL);
    cmd("-allow_no_dhe_kex", NULL);
    cmd("-prioritize_chacha", NULL);
    cmd("-strict", NULL);
    cmd("-anti_replay", NULL);
    cmd("-no_anti_replay", NULL);
    cmd("-no_etm", NULL);
    cmd("-ecdh_single", NULL);
    print_ctx("switches", ctx);
    cmd("-legacy_server_connect", NULL);
    cmd("-cipher", "HIGH");
    cmd("-ciphersuites", "TLS_AES_256_GCM_SHA384");
    cmd("-min_protocol", "TLSv1.2");
    cmd("-max_protocol", "TLSv1.3");
    cmd("-curves", "P-256");
    cmd("-groups", "X25519:P-256");
    cmd("-named_curve", "auto");
    cmd("-named_curve", "P-384");
    cmd("-sigalgs", "ECDSA+SHA256");
    cmd("-client_sigalgs", "ECDSA+SHA384");
    cmd("-num_tickets", "1");
    cmd("-cert", sp_cert_file);
    cmd("-cipher", NULL);
    cmd("no_ticket", NULL);
    cmd("-", NULL);
    cmd("-MinProtocol", "TLSv1.2");
    cmd("-NO_TICKET", NULL);
    print_ctx("command line", ctx);
    flags(SSL_CONF_FLAG_CMDLINE | SSL_CONF_FLAG_CLIENT);
    cmd("-serverpref", NULL);
    cmd("-legacy_server_connect", NULL);
    print_ctx("client switches", ctx);
    cmd("-no_legacy_server_connect", NULL);
    print_ctx("client switches", ctx);

    printf("-- errors\n");
    flags(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER | SSL_CONF_FLAG_SHOW_ERRORS);
    cmd("Bogus", "1");
    cmd("CipherString", NULL);
    cmd("CipherString", "NO-SUCH-CIPHER");
    cmd("MinProtocol", "TLSv1.2");
    cmd(NULL, NULL);
    flags(SSL_CONF_FLAG_FILE);
    ERR_clear_error();
    printf("NULL command without SHOW_ERRORS -> %d", SSL_CONF_cmd(cc, NULL, "x"));
    printf(", reason %d\n", ERR_GET_REASON(ERR_peek_last_error()));
    ERR_clear_error();

    printf("-- prefixes\n");
    flags(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER);
    printf("set1_prefix -> %d\n", SSL_CONF_CTX_set1_prefix(cc, "ssl_"));
    cmd("ssl_MinProtocol", "TLSv1.2");
    cmd("SSL_maxprotocol", "TLSv1.3");
    cmd("MinProtocol", "TLSv1.2");
    cmd("ssl_", "x");
    flags(SSL_CONF_FLAG_CMDLINE | SSL_CONF_FLAG_SERVER);
    SSL_CONF_CTX_set1_prefix(cc, "--tls-");
    cmd("--tls-no_ticket", NULL);
    cmd("--TLS-no_ticket", NULL);
    cmd("-no_ticket", NULL);
    printf("set1_prefix(NULL) -> %d\n", SSL_CONF_CTX_set1_prefix(cc, NULL));
    cmd("-no_ticket", NULL);

    printf("-- value types\n");
    {
        static const char *names[] = { "-cipher", "-no_ticket", "-cert", "-chainCApath", "-verifyCAstore",
                                       "-dhparam", "cipher", "-bogus", "Certificate", NULL };
        int i;
        flags(SSL_CONF_FLAG_CMDLINE | SSL_CONF_FLAG_SERVER | SSL_CONF_FLAG_CERTIFICATE);
        for (i = 0; names[i]; i++) printf("%s -> %d\n", names[i], SSL_CONF_cmd_value_type(cc, names[i]));
        flags(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_CLIENT);
        for (i = 0; names[i]; i++) printf("%s -> %d\n", names[i], SSL_CONF_cmd_value_type(cc, names[i]));
        printf("NULL -> %d\n", SSL_CONF_cmd_value_type(cc, NULL));
        printf("ClientCAFile -> %d\n", SSL_CONF_cmd_value_type(cc, "ClientCAFile"));
    }
    printf("finish -> %d\n", SSL_CONF_CTX_finish(cc));
    print_ctx("end", ctx);

    /* nothing attached: values are checked, nothing is changed */
    printf("-- nothing attached\n");
    SSL_CONF_CTX_set_ssl_ctx(cc, NULL);
    flags(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER | SSL_CONF_FLAG_CLIENT | SSL_CONF_FLAG_CERTIFICATE);
    cmd("Options", "Bugs");
    cmd("Options", "Bogus");
    cmd("CipherString", "NO-SUCH-CIPHER");
    /* (Groups crashes OpenSSL 3.0 here: SSL_CTX_set1_groups_list(NULL).) */
    cmd("SignatureAlgorithms", "ECDSA+SHA256");
    cmd("SignatureAlgorithms", "bogus");
    cmd("MinProtocol", "TLSv1.2");
    cmd("NumTickets", "2");
    cmd("Certificate", bad_file);
    cmd("PrivateKey", bad_file);
    cmd("VerifyCAFile", bad_file);
    cmd("DHParameters", bad_file);
    cmd("RequestCAFile", sp_cert_file);
    printf("finish -> %d\n", SSL_CONF_CTX_finish(cc));
    print_ctx("unchanged", ctx);
    SSL_CONF_CTX_free(cc);
    SSL_CTX_free(ctx);
}

/* A server context configured by commands, and a handshake with it. */
static SSL_SESSION *handshake(SSL_CTX *sctx, SSL_CTX *cctx, const char *label)
{
    sp_pair p;
    SSL_SESSION *s = NULL;

    sp_new(&p, cctx, sctx);
    if (sp_handshake(&p, label)) {
        printf("%s: %s %s group %s verify %ld\n", label, SSL_get_version(p.c),
               SSL_CIPHER_get_name(SSL_get_current_cipher(p.c)), OBJ_nid2sn(SSL_get_negotiated_group(p.c)),
               SSL_get_verify_result(p.c));
        if (sp_exchange(&p, label)) {
            s = SSL_get1_session(p.c);
            sp_shutdown(&p, label);
        }
    }
    sp_free(&p);
    ERR_clear_error();
    return s;
}

static void effects(void)
{
    SSL_CTX *sctx, *cctx = sp_client_ctx(0);
    SSL_SESSION *s;

    printf("== effects on handshakes\n");
    sctx = sp_server_ctx(0);
    cc = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_ssl_ctx(cc, sctx);
    flags(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER);
    cmd("MaxProtocol", "TLSv1.2");
    cmd("CipherString", "ECDHE-ECDSA-AES256-GCM-SHA384");
    cmd("Groups", "P-384");
    cmd("Options", "-SessionTicket");
    s = handshake(sctx, cctx, "TLS 1.2 by commands");
    sp_print_sess("session", s);
    SSL_SESSION_free(s);
    cmd("MaxProtocol", "None");
    cmd("Ciphersuites", "TLS_CHACHA20_POLY1305_SHA256");
    cmd("Groups", "X25519");
    s = handshake(sctx, cctx, "TLS 1.3 by commands");
    SSL_SESSION_free(s);
    cmd("Protocol", "-TLSv1.3");
    s = handshake(sctx, cctx, "TLS 1.3 off by Protocol");
    SSL_SESSION_free(s);
    SSL_CONF_CTX_free(cc);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

/* Certificates, keys, stores, CA names and DH parameters by commands. */
static void certificates(void)
{
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method()), *cctx = SSL_CTX_new(TLS_client_method()), *other;
    SSL_SESSION *s;
    STACK_OF(X509_NAME) *names;

    printf("== certificates\n");
    cc = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_ssl_ctx(cc, sctx);
    flags(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER | SSL_CONF_FLAG_CERTIFICATE);
    cmd("Certificate", bad_file);
    cmd("PrivateKey", bad_file);
    cmd("Certificate", sp_cert_file);
    cmd("PrivateKey", sp_key_file);
    printf("check_private_key -> %d\n", SSL_CTX_check_private_key(sctx));
    cmd("ServerInfoFile", bad_file);
    cmd("DHParameters", dh_file);
    cmd("DHParameters", sp_cert_file);
    cmd("DHParameters", bad_file);
    cmd("RequestCAFile", sp_cert_file);
    cmd("ClientCAFile", sp_cert_file);
    cmd("RequestCAFile", bad_file);
    cmd("RequestCAPath", dir);
    printf("CA names before finish: %d\n", SSL_CTX_get0_CA_list(sctx) ? sk_X509_NAME_num(SSL_CTX_get0_CA_list(sctx)) : -1);
    printf("finish -> %d\n", SSL_CONF_CTX_finish(cc));
    names = (STACK_OF(X509_NAME) *)SSL_CTX_get0_CA_list(sctx);
    printf("CA names after finish: %d\n", names ? sk_X509_NAME_num(names) : -1);
    cmd("ChainCAFile", sp_cert_file);
    printf("build_cert_chain with a chain store -> %d\n", (int)SSL_CTX_build_cert_chain(sctx, 0));
    ERR_clear_error();
    SSL_CONF_CTX_free(cc);

    /* a client that trusts the server through its verify store */
    cc = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_ssl_ctx(cc, cctx);
    flags(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_CLIENT | SSL_CONF_FLAG_CERTIFICATE);
    cmd("VerifyMode", "Peer");
    s = handshake(sctx, cctx, "verify store empty");
    SSL_SESSION_free(s);
    cmd("VerifyCAFile", bad_file);
    cmd("VerifyCAFile", sp_cert_file);
    cmd("VerifyCAPath", dir);
    cmd("ChainCAPath", dir);
    s = handshake(sctx, cctx, "verify store with the certificate");
    SSL_SESSION_free(s);
    cmd("DHParameters", dh_file);
    SSL_CONF_CTX_free(cc);

    /* REQUIRE_PRIVATE: the key comes from the certificate's own file */
    other = SSL_CTX_new(TLS_server_method());
    cc = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_ssl_ctx(cc, other);
    flags(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER | SSL_CONF_FLAG_CERTIFICATE | SSL_CONF_FLAG_REQUIRE_PRIVATE);
    cmd("Certificate", both_file);
    printf("key before finish: %d\n", SSL_CTX_get0_privatekey(other) != NULL);
    printf("finish -> %d\n", SSL_CONF_CTX_finish(cc));
    printf("key after finish: %d, check_private_key -> %d\n", SSL_CTX_get0_privatekey(other) != NULL,
           SSL_CTX_check_private_key(other));
    printf("build_cert_chain without a chain store -> %d\n", (int)SSL_CTX_build_cert_chain(other, 0));
    ERR_clear_error();
    SSL_CONF_CTX_free(cc);
    SSL_CTX_free(other);
    /* a certificate file without the key: finish fails */
    other = SSL_CTX_new(TLS_server_method());
    cc = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_ssl_ctx(cc, other);
    flags(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER | SSL_CONF_FLAG_CERTIFICATE | SSL_CONF_FLAG_REQUIRE_PRIVATE);
    cmd("Certificate", sp_cert_file);
    printf("finish without a key -> %d\n", SSL_CONF_CTX_finish(cc));
    ERR_clear_error();
    SSL_CONF_CTX_free(cc);
    /* without REQUIRE_PRIVATE: no key is looked for */
    cc = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_ssl_ctx(cc, other);
    flags(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER | SSL_CONF_FLAG_CERTIFICATE);
    cmd("Certificate", both_file);
    printf("finish -> %d", SSL_CONF_CTX_finish(cc));
    printf(", key %d\n", SSL_CTX_get0_privatekey(other) != NULL);
    SSL_CONF_CTX_free(cc);
    SSL_CTX_free(other);

    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

/* Commands on a connection, and on a version-specific method's context. */
static void on_connection(void)
{
    SSL_CTX *ctx = sp_server_ctx(0), *v12 = SSL_CTX_new(TLSv1_2_method());
    SSL *ssl = SSL_new(ctx);

    printf("== a connection\n");
    cc = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_ssl(cc, ssl);
    flags(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER | SSL_CONF_FLAG_CLIENT | SSL_CONF_FLAG_CERTIFICATE);
    cmd("CipherString", "HIGH");
    cmd("CipherString", "NO-SUCH-CIPHER");
    cmd("Ciphersuites", "TLS_AES_128_GCM_SHA256");
    cmd("Options", "-SessionTicket");
    cmd("MinProtocol", "TLSv1.3");
    cmd("NumTickets", "5");
    cmd("Groups", "P-256");
    cmd("VerifyMode", "Request");
    cmd("Certificate", sp_cert_file);
    cmd("PrivateKey", sp_key_file);
    cmd("ServerInfoFile", bad_file);
    cmd("RequestCAFile", sp_cert_file);
    printf("finish -> %d", SSL_CONF_CTX_finish(cc));
    printf(", CA names %d\n", SSL_get0_CA_list(ssl) ? sk_X509_NAME_num(SSL_get0_CA_list(ssl)) : -1);
    printf("ssl: options 0x%llx min 0x%lx tickets %zu verify %d; ctx: options 0x%llx min 0x%lx\n",
           (unsigned long long)SSL_get_options(ssl), SSL_get_min_proto_version(ssl), SSL_get_num_tickets(ssl),
           SSL_get_verify_mode(ssl), (unsigned long long)SSL_CTX_get_options(ctx), SSL_CTX_get_min_proto_version(ctx));
    SSL_CONF_CTX_set_ssl(cc, NULL);
    cmd("MinProtocol", "TLSv1.2");
    cmd("CipherString", "HIGH");

    SSL_CONF_CTX_set_ssl_ctx(cc, v12);
    cmd("MinProtocol", "TLSv1.3");
    cmd("MaxProtocol", "TLSv1.1");
    print_ctx("TLSv1_2_method", v12);
    SSL_CTX_set_min_proto_version(v12, TLS1_2_VERSION);
    cmd("MinProtocol", "None");
    print_ctx("TLSv1_2_method", v12);
    SSL_CONF_CTX_free(cc);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    SSL_CTX_free(v12);
}

/* SSL_CONF_cmd_argv over a command line. */
static void argv_walk(void)
{
    char *args[] = { "-cipher", "HIGH", "-no_ticket", "-min_protocol", "TLSv1.2", "-bogus", "-min_protocol",
                     "bogus", "-cipher", NULL };
    char **argv = args;
    int argc = 9, rv, i;
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());

    printf("== SSL_CONF_cmd_argv\n");
    cc = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_ssl_ctx(cc, ctx);
    flags(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_CLIENT);
    for (i = 0; i < 12 && argc > 0; i++) {
        const char *at = argv[0];
        rv = SSL_CONF_cmd_argv(cc, &argc, &argv);
        printf("%s -> %d, argc %d\n", at, rv, argc);
        ERR_clear_error();
        if (rv <= 0) {
            argv++;
            argc--;
        }
    }
    printf("flags now 0x%x\n", SSL_CONF_CTX_set_flags(cc, 0));
    printf("argc 0 -> %d\n", SSL_CONF_cmd_argv(cc, &argc, &argv));
    argv = args + 2;
    rv = SSL_CONF_cmd_argv(cc, NULL, &argv);
    printf("NULL argc: -> %d, moved %ld\n", rv, (long)(argv - args - 2));
    argv = args + 8;
    rv = SSL_CONF_cmd_argv(cc, NULL, &argv);
    printf("NULL argc, no value: -> %d\n", rv);
    ERR_clear_error();
    print_ctx("argv", ctx);
    SSL_CONF_CTX_free(cc);
    SSL_CTX_free(ctx);
}

int main(void)
{
    files();
    cc = SSL_CONF_CTX_new();
    printf("new flags 0x%x", SSL_CONF_CTX_set_flags(cc, 0));
    printf(", set 0x%x", SSL_CONF_CTX_set_flags(cc, 0x6));
    printf(", clear 0x%x\n", SSL_CONF_CTX_clear_flags(cc, 0x2));
    SSL_CONF_CTX_free(cc);
    SSL_CONF_CTX_free(NULL);
    on_context();
    effects();
    certificates();
    on_connection();
    argv_walk();
    remove_files();
    sp_cleanup();
    return 0;
}
