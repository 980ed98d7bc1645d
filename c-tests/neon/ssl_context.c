/* TLS contexts and client certificates beyond ssl_server.c / ssl_clicert.c.
 *
 *  - ne_ssl_context_create for every mode; ne_ssl_context_get_flag /
 *    _set_flag; ne_ssl_context_set_verify and _keypair return values on
 *    client and server contexts (a key/certificate mismatch, one file
 *    holding both, a chain file given as key);
 *  - PKCS#12 variants checked in under src/tls/testdata/pkcs12 (see make.sh
 *    there): encrypted state, friendly name before and after decryption,
 *    decryption with no, a wrong and the right password, decrypting twice,
 *    the owner's subject and issuer, import from memory (also of a prefix,
 *    and with trailing bytes), files without a key; legacy.p12 (RC2) is
 *    only read: OpenSSL 3 cannot decrypt it without its legacy provider;
 *  - the socket API both ways with neon contexts (PKI from
 *    c-tests/tls/make-certs.sh in NEONRS_TLS_DIR): a client context with a
 *    keypair presents it to a server requiring a client certificate; a
 *    strict client context (set_verify required) refuses an untrusted
 *    server and accepts a trusted one; a server context without a keypair,
 *    and contexts used the wrong way round, fail; ne_sock_cipher and
 *    ne_sock_sessid before TLS. (A lenient client context and an untrusted
 *    server, or a certificate request to a context without a keypair, are
 *    left out: neon 0.32.5 crashes there, see trust_ca.)
 * The child server writes its observations to a file printed after it has
 * exited, so the order is fixed.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ne_socket.h>
#include <ne_ssl.h>

#include "harness.h"
#include "tlsutil.h"

#define P12DIR "src/tls/testdata/pkcs12/"

static void contexts(void)
{
    static const int modes[] = { NE_SSL_CTX_CLIENT, NE_SSL_CTX_SERVER, NE_SSL_CTX_SERVERv2, 3, -1 };
    size_t i;

    printf("-- contexts\n");
    for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        ne_ssl_context *ctx = ne_ssl_context_create(modes[i]);
        printf("create(%d): %s\n", modes[i], ctx ? "context" : "NULL");
        if (!ctx) continue;
        printf("  get_flag SSLv2 %d, flag 1 %d, flag -1 %d\n", ne_ssl_context_get_flag(ctx, NE_SSL_CTX_SSLv2),
               ne_ssl_context_get_flag(ctx, 1), ne_ssl_context_get_flag(ctx, -1));
        ne_ssl_context_set_flag(ctx, NE_SSL_CTX_SSLv2, 0);
        printf("  after set_flag(SSLv2, 0): %d\n", ne_ssl_context_get_flag(ctx, NE_SSL_CTX_SSLv2));
        ne_ssl_context_set_flag(ctx, NE_SSL_CTX_SSLv2, 1);
        printf("  after set_flag(SSLv2, 1): %d\n", ne_ssl_context_get_flag(ctx, NE_SSL_CTX_SSLv2));
        printf("  set_verify(0, NULL, NULL): %d\n", ne_ssl_context_set_verify(ctx, 0, NULL, NULL));
        printf("  set_verify(1, missing, missing): %d\n",
               ne_ssl_context_set_verify(ctx, 1, "/nonexistent/ca.pem", "/nonexistent/ca.pem"));
        printf("  set_verify(1, ca.pem, ca.pem): %d\n",
               ne_ssl_context_set_verify(ctx, 1, tls_file("ca.pem"), tls_file("ca.pem")));
        ne_ssl_context_destroy(ctx);
    }
}

static void keypairs(void)
{
    static const char *const pairs[][2] = {
        { "server-chain.pem", "client.key" },      /* mismatch: OpenSSL accepts it */
        { "server.key", "server.key" },            /* no certificate */
        { "server-chain.pem", "server-chain.pem" }, /* no key */
        { "client.pem", "client.key" },
    };
    int mode;
    size_t i;

    printf("-- keypairs\n");
    for (mode = NE_SSL_CTX_CLIENT; mode <= NE_SSL_CTX_SERVER; mode++) {
        for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
            ne_ssl_context *ctx = ne_ssl_context_create(mode);
            int r = ne_ssl_context_keypair(ctx, tls_file(pairs[i][0]), tls_file(pairs[i][1]));
            printf("%s keypair %s + %s: %s\n", mode == NE_SSL_CTX_CLIENT ? "client" : "server",
                   pairs[i][0], pairs[i][1], r == 0 ? "0" : "non-zero");
            ne_ssl_context_destroy(ctx);
        }
    }
}

static void show(const char *what, ne_ssl_client_cert *cc)
{
    printf("%s: %s\n", what, cc ? "client cert" : "NULL");
    if (!cc) return;
    printf("  encrypted: %d\n", ne_ssl_clicert_encrypted(cc));
    print_str("  name", ne_ssl_clicert_name(cc));
}

static void owner(ne_ssl_client_cert *cc)
{
    const ne_ssl_certificate *cert = ne_ssl_clicert_owner(cc);

    print_dname("  owner subject", ne_ssl_cert_subject(cert));
    print_dname("  owner issuer", ne_ssl_cert_issuer(cert));
}

static void pkcs12(void)
{
    static const struct {
        const char *file;
        int decrypt; /* try passwords (0: only read it) */
    } files[] = {
        { "aes.p12", 1 }, { "3des.p12", 1 }, { "certplain.p12", 1 }, { "withca.p12", 1 },
        { "noname.p12", 1 }, { "nokey.p12", 1 }, { "latin1.p12", 1 }, { "empty.p12", 1 },
        { "nomac.p12", 1 }, { "rsa.p12", 1 }, { "legacy.p12", 0 }, { "nokey-empty.p12", 1 },
        { "ca.pem", 1 }, { "missing.p12", 1 },
    };
    size_t i;

    printf("-- PKCS#12\n");
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[256];
        ne_ssl_client_cert *cc;

        snprintf(path, sizeof path, P12DIR "%s", files[i].file);
        cc = ne_ssl_clicert_read(path);
        show(files[i].file, cc);
        if (!cc) continue;
        if (files[i].decrypt && ne_ssl_clicert_encrypted(cc)) {
            printf("  decrypt(\"\"): %d\n", ne_ssl_clicert_decrypt(cc, ""));
            printf("  decrypt(\"S3cret\"): %d\n", ne_ssl_clicert_decrypt(cc, "S3cret"));
            printf("  decrypt(right): %d\n",
                   ne_ssl_clicert_decrypt(cc, strcmp(files[i].file, "latin1.p12") ? "s3cret" : "\xc3\xa9"));
            printf("  encrypted: %d\n", ne_ssl_clicert_encrypted(cc));
            print_str("  name", ne_ssl_clicert_name(cc));
            printf("  decrypt again: %d\n", ne_ssl_clicert_decrypt(cc, "s3cret"));
        } else if (files[i].decrypt) {
            printf("  decrypt(\"s3cret\") when not encrypted: %d\n", ne_ssl_clicert_decrypt(cc, "s3cret"));
        }
        if (!ne_ssl_clicert_encrypted(cc)) owner(cc);
        ne_ssl_clicert_free(cc);
    }
}

static void import(void)
{
    FILE *f = fopen(P12DIR "aes.p12", "rb");
    unsigned char buf[8192];
    size_t len = f ? fread(buf, 1, sizeof buf - 16, f) : 0;
    ne_ssl_client_cert *cc;

    if (f) fclose(f);
    printf("-- import\n");
    cc = ne_ssl_clicert_import(buf, len);
    show("import aes.p12", cc);
    if (cc) {
        printf("  decrypt: %d\n", ne_ssl_clicert_decrypt(cc, "s3cret"));
        owner(cc);
        ne_ssl_clicert_free(cc);
    }
    memcpy(buf + len, "trailing bytes", 14);
    cc = ne_ssl_clicert_import(buf, len + 14);
    show("import with trailing bytes", cc);
    if (cc) ne_ssl_clicert_free(cc);
    cc = ne_ssl_clicert_import(buf, len - 1);
    show("import of all but the last byte", cc);
    if (cc) ne_ssl_clicert_free(cc);
    cc = ne_ssl_clicert_import(buf, 0);
    show("import of nothing", cc);
    if (cc) ne_ssl_clicert_free(cc);
}

/* ---- the socket API ---------------------------------------------------- */

static char slog[64];

static void sl(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sl(const char *fmt, ...)
{
    FILE *f = fopen(slog, "a");
    va_list ap;

    if (!f) return;
    fprintf(f, "  server: ");
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fprintf(f, "\n");
    fclose(f);
}

struct scfg {
    int mode;          /* context mode of the server */
    int keypair;       /* load server-chain.pem / server.key */
    int require_cert;  /* set_verify(1, ca.pem, ca.pem) */
};

/* Accepts one connection, handshakes and echoes one line. */
static void server(int lfd, const struct scfg *cfg)
{
    ne_ssl_context *ctx = ne_ssl_context_create(cfg->mode);
    ne_socket *s = ne_sock_create();
    char line[256];

    if (cfg->keypair)
        ne_ssl_context_keypair(ctx, tls_file("server-chain.pem"), tls_file("server.key"));
    if (cfg->require_cert)
        ne_ssl_context_set_verify(ctx, 1, tls_file("ca.pem"), tls_file("ca.pem"));
    ne_sock_read_timeout(s, 10);
    if (ne_sock_accept(s, lfd)) {
        sl("accept failed");
    } else if (ne_sock_accept_ssl(s, ctx)) {
        sl("TLS handshake failed");
    } else {
        char *cipher = ne_sock_cipher(s);
        sl("TLS handshake ok, cipher %s", cipher ? "non-NULL" : "NULL");
        free(cipher);
        if (ne_sock_readline(s, line, sizeof line) > 0) {
            sl("read: %s", strtok(line, "\n"));
            ne_sock_fullwrite(s, "pong\n", 5);
        } else {
            sl("read failed");
        }
    }
    ne_sock_close(s);
    ne_ssl_context_destroy(ctx);
}

static pid_t start_server(const struct scfg *cfg, int *port)
{
    int lfd = listen_local(port), fd;
    pid_t pid;

    strcpy(slog, "/tmp/neonrs-sslctx-XXXXXX");
    fd = mkstemp(slog);
    if (fd < 0) exit(3);
    close(fd);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        alarm(30);
        signal(SIGPIPE, SIG_IGN);
        server(lfd, cfg);
        close(lfd);
        _exit(0);
    }
    close(lfd);
    return pid;
}

static void finish_server(pid_t pid)
{
    int status;
    FILE *f;
    char line[512];

    waitpid(pid, &status, 0);
    f = fopen(slog, "r");
    while (f && fgets(line, sizeof line, f)) fputs(line, stdout);
    if (f) fclose(f);
    unlink(slog);
}

/* Connects with a client context of the given mode, set up by setup(). */
static void client(const char *label, const struct scfg *cfg, int ctx_mode,
                   void (*setup)(ne_ssl_context *))
{
    ne_sock_addr *addr = ne_addr_resolve("127.0.0.1", 0);
    ne_ssl_context *ctx = ne_ssl_context_create(ctx_mode);
    ne_socket *s = ne_sock_create();
    char line[256], *cipher;
    size_t len = 0;
    int port, r;
    pid_t pid = start_server(cfg, &port);

    printf("%s\n", label);
    if (setup) setup(ctx);
    ne_sock_read_timeout(s, 10);
    r = ne_sock_connect(s, ne_addr_first(addr), (unsigned)port);
    cipher = ne_sock_cipher(s);
    printf("  before TLS: cipher %s, sessid ret %d\n", cipher ? "non-NULL" : "NULL", ne_sock_sessid(s, NULL, &len));
    free(cipher);
    if (r == 0) r = ne_sock_connect_ssl(s, ctx, NULL);
    printf("  connect_ssl: %s\n", r == 0 ? "0" : "failed");
    if (r == 0) {
        ssize_t n;
        r = ne_sock_fullwrite(s, "ping\n", 5);
        n = r ? -1 : ne_sock_readline(s, line, sizeof line);
        printf("  exchange: %s\n", n > 0 ? "pong" : "failed");
    }
    ne_sock_close(s);
    finish_server(pid);
    ne_ssl_context_destroy(ctx);
    ne_addr_destroy(addr);
}

/* Client context setups. A lenient context must trust the server: neon
 * 0.32.5's verification callback dereferences the session passed as
 * ne_sock_connect_ssl's userdata when a certificate does not verify, and
 * crashes with NULL; so does its client certificate callback when a server
 * asks for a certificate and the context has no keypair. */
static void trust_ca(ne_ssl_context *ctx)
{
    ne_ssl_certificate *ca = tls_cert("ca.pem");

    ne_ssl_context_trustcert(ctx, ca);
    ne_ssl_cert_free(ca);
}

static void with_keypair(ne_ssl_context *ctx)
{
    trust_ca(ctx);
    ne_ssl_context_keypair(ctx, tls_file("client.pem"), tls_file("client.key"));
}

static void strict(ne_ssl_context *ctx)
{
    ne_ssl_context_set_verify(ctx, 1, NULL, NULL);
}

static void strict_trusting(ne_ssl_context *ctx)
{
    ne_ssl_context_set_verify(ctx, 1, NULL, tls_file("ca.pem"));
}

static void strict_trustcert(ne_ssl_context *ctx)
{
    trust_ca(ctx);
    ne_ssl_context_set_verify(ctx, 1, NULL, NULL);
}

static void sockets(void)
{
    struct scfg plain = { NE_SSL_CTX_SERVER, 1, 0 };
    struct scfg required = { NE_SSL_CTX_SERVER, 1, 1 };
    struct scfg nokey = { NE_SSL_CTX_SERVER, 0, 0 };
    struct scfg backwards = { NE_SSL_CTX_CLIENT, 1, 0 };

    printf("-- socket API\n");
    client("client trusting ca.pem", &plain, NE_SSL_CTX_CLIENT, trust_ca);
    client("untrusted server, strict client", &plain, NE_SSL_CTX_CLIENT, strict);
    client("strict client trusting ca.pem (set_verify)", &plain, NE_SSL_CTX_CLIENT, strict_trusting);
    client("strict client trusting ca.pem (trustcert)", &plain, NE_SSL_CTX_CLIENT, strict_trustcert);
    client("certificate required, client context with keypair", &required, NE_SSL_CTX_CLIENT, with_keypair);
    client("server context without keypair", &nokey, NE_SSL_CTX_CLIENT, trust_ca);
    client("client connecting with a server context", &plain, NE_SSL_CTX_SERVER, NULL);
    client("server accepting with a client context", &backwards, NE_SSL_CTX_CLIENT, trust_ca);
}

int main(void)
{
    tls_require(); /* NEONRS_TLS_DIR */
    ne_sock_init();
    contexts();
    keypairs();
    pkcs12();
    import();
    sockets();
    printf("done\n");
    return 0;
}
