/* What a neon TLS server (ne_ssl_context_create(NE_SSL_CTX_SERVER),
 * ne_ssl_context_keypair, ne_ssl_context_set_verify,
 * ne_ssl_context_trustcert, ne_sock_accept_ssl) sends: the certificates of
 * its Certificate message, in order, and the CA names of its
 * CertificateRequest.
 *
 * OpenSSL-built neon sends a chain file that lists issuers as it is; a
 * chain file with the certificate alone is completed from the context's
 * trust store (the CA file of ne_ssl_context_set_verify and
 * ne_ssl_context_trustcert's certificates), as far as the store goes, root
 * included. The CA names are the distinct subjects of the names file, in
 * order, up to its first unreadable block; none if it cannot be read.
 *
 * A forked child runs the server; each case is seen by three clients:
 * the system's `openssl s_client -showcerts` over TLS 1.2 and over TLS 1.3
 * (the subject and issuer of each certificate received, and the CA names
 * it lists: an observer outside both libraries), then a neon client that
 * trusts nothing, so its verify callback sees the chain
 * (ne_ssl_cert_signedby), and whose ne_ssl_provide_clicert callback sees
 * the CA names. Certificates: c-tests/tls/make-certs.sh (NEONRS_TLS_DIR);
 * bundles are made in a temporary directory.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ne_session.h>
#include <ne_request.h>
#include <ne_socket.h>
#include <ne_ssl.h>

#include "harness.h"
#include "tlsutil.h"

struct scase {
    const char *title;
    const char *chain, *key; /* keypair files (NEONRS_TLS_DIR) */
    int required;            /* ne_ssl_context_set_verify arguments */
    const char *names, *cas; /* NULL, a file of NEONRS_TLS_DIR or of tmpdir ("tmp:x") */
    const char *trust[3];    /* ne_ssl_context_trustcert, NULL-terminated */
};

#define CONNS 3

static char tmpdir[64];
static char slog[64];

/* A file of the case: "tmp:NAME" is in tmpdir, else NEONRS_TLS_DIR. */
static const char *case_file(const char *name)
{
    static char buf[2][512];
    static int n;
    char *b = buf[n++ % 2];

    if (strncmp(name, "tmp:", 4) == 0)
        snprintf(b, sizeof buf[0], "%s/%s", tmpdir, name + 4);
    else
        snprintf(b, sizeof buf[0], "%s", tls_file(name));
    return b;
}

/* tmpdir/OUT = the concatenation of the NEONRS_TLS_DIR files, in order. */
static void bundle(const char *out, ...)
{
    char path[512], buf[4096];
    const char *name;
    FILE *o, *i;
    size_t n;
    va_list ap;

    snprintf(path, sizeof path, "%s/%s", tmpdir, out);
    o = fopen(path, "w");
    if (!o) exit(3);
    va_start(ap, out);
    while ((name = va_arg(ap, const char *)) != NULL) {
        i = fopen(tls_file(name), "r");
        if (!i) exit(3);
        while ((n = fread(buf, 1, sizeof buf, i)) > 0) fwrite(buf, 1, n, o);
        fclose(i);
    }
    va_end(ap);
    fclose(o);
}

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

/* Answers requests until the client closes. */
static void serve(ne_socket *s)
{
    char line[1024];
    static const char resp[] = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n";

    for (;;) {
        ssize_t n;
        int head = 0;
        while ((n = ne_sock_readline(s, line, sizeof line)) > 0) {
            if (strcmp(line, "\r\n") == 0 || strcmp(line, "\n") == 0) {
                head = 1;
                break;
            }
        }
        if (!head || ne_sock_fullwrite(s, resp, strlen(resp)) != 0) return;
    }
}

static void server(int lfd, const struct scase *c)
{
    ne_ssl_context *ctx = ne_ssl_context_create(NE_SSL_CTX_SERVER);
    int i;

    if (ne_ssl_context_keypair(ctx, tls_file(c->chain), tls_file(c->key))) {
        sl("keypair failed");
        ne_ssl_context_destroy(ctx);
        return;
    }
    for (i = 0; c->trust[i]; i++) {
        ne_ssl_certificate *cert = tls_cert(c->trust[i]);
        ne_ssl_context_trustcert(ctx, cert);
        ne_ssl_cert_free(cert);
    }
    if (c->required || c->names || c->cas)
        ne_ssl_context_set_verify(ctx, c->required, c->names ? case_file(c->names) : NULL,
                                  c->cas ? case_file(c->cas) : NULL);
    for (i = 1; i <= CONNS; i++) {
        ne_socket *s = ne_sock_create();
        ne_sock_read_timeout(s, 20);
        if (ne_sock_accept(s, lfd)) {
            sl("accept failed");
            ne_sock_close(s);
            break;
        }
        if (ne_sock_accept_ssl(s, ctx)) {
            sl("connection %d: TLS handshake failed", i);
        } else {
            sl("connection %d: TLS handshake ok", i);
            serve(s);
        }
        ne_sock_close(s);
    }
    ne_ssl_context_destroy(ctx);
}

static pid_t start_server(const struct scase *c, int *port)
{
    int lfd = listen_local(port), fd;
    pid_t pid;

    strcpy(slog, "/tmp/neonrs-chain-XXXXXX");
    fd = mkstemp(slog);
    if (fd < 0) exit(3);
    close(fd);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        alarm(60);
        signal(SIGPIPE, SIG_IGN);
        server(lfd, c);
        close(lfd);
        _exit(0);
    }
    close(lfd);
    return pid;
}

static void finish_server(pid_t pid)
{
    int status, i;
    FILE *f;
    char line[512];

    for (i = 0; i < 2000; i++) {
        if (waitpid(pid, &status, WNOHANG) != 0) break;
        usleep(10000);
    }
    if (i == 2000) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        printf("  server killed\n");
    }
    f = fopen(slog, "r");
    while (f && fgets(line, sizeof line, f)) fputs(line, stdout);
    if (f) fclose(f);
    unlink(slog);
}

/* openssl s_client: prints the chain's subjects and issuers and the CA
 * names, nothing that depends on the TLS library or the keys. */
static void s_client(int port, const char *version)
{
    char cmd[2048], line[4096];
    enum { OTHER, CHAIN, NAMES } where = OTHER;
    int certs = 0;
    FILE *p;

    snprintf(cmd, sizeof cmd,
             "openssl s_client -connect 127.0.0.1:%d %s -showcerts -cert '%s' -key '%s'"
             " </dev/null 2>/dev/null", port, version, tls_file("client.pem"),
             tls_file("client.key"));
    printf("  s_client %s:\n", version);
    fflush(stdout);
    p = popen(cmd, "r");
    if (!p) {
        printf("  popen failed\n");
        exit(3);
    }
    while (fgets(line, sizeof line, p)) {
        line[strcspn(line, "\n")] = '\0';
        if (strcmp(line, "Certificate chain") == 0) {
            where = CHAIN;
        } else if (strcmp(line, "Acceptable client certificate CA names") == 0) {
            where = NAMES;
            printf("    CA names:\n");
        } else if (strcmp(line, "No client certificate CA names sent") == 0) {
            printf("    no CA names\n");
            where = OTHER;
        } else if (strcmp(line, "---") == 0) {
            where = OTHER;
        } else if (where == CHAIN && (strstr(line, " s:") == line + 2 || strncmp(line, "   i:", 5) == 0)) {
            if (line[3] == 's') certs++;
            printf("    %s\n", line);
        } else if (where == NAMES) {
            if (strstr(line, " = ")) printf("      %s\n", line);
            else where = OTHER;
        }
    }
    printf("    certificates: %d, s_client exit %d\n", certs, pclose(p) == 0 ? 0 : 1);
}

/* Certificates whose subjects name the CA names the neon client sees. */
static const char *const known[] = {
    "ca.pem", "int.pem", "int-expired.pem", "other-ca.pem", "server.pem", NULL,
};

static void print_known_dname(const char *indent, const ne_ssl_dname *dn)
{
    int i;

    for (i = 0; known[i]; i++) {
        ne_ssl_certificate *c = tls_cert(known[i]);
        int same = ne_ssl_dname_cmp(ne_ssl_cert_subject(c), dn) == 0;
        ne_ssl_cert_free(c);
        if (same) {
            printf("%ssubject of %s\n", indent, known[i]);
            return;
        }
    }
    print_dname(indent, dn);
}

static int verify_cb(void *ud, int failures, const ne_ssl_certificate *cert)
{
    (void)ud;
    printf("    verify callback: failures ");
    print_failures(failures);
    printf("\n");
    print_chain("      ", cert);
    return 0;
}

static void provide_cb(void *ud, ne_session *sess, const ne_ssl_dname *const *dnames, int count)
{
    ne_ssl_client_cert *cc = ne_ssl_clicert_read(tls_file("client.p12"));
    int i;

    (void)ud;
    printf("    client certificate requested, %d CA names\n", count);
    for (i = 0; i < count; i++) print_known_dname("      ", dnames[i]);
    ne_ssl_set_clicert(sess, cc);
    ne_ssl_clicert_free(cc);
}

static void neon_client(int port)
{
    ne_session *sess = tls_session("localhost", port, NULL);

    printf("  neon client:\n");
    ne_ssl_set_verify(sess, verify_cb, NULL);
    ne_ssl_provide_clicert(sess, provide_cb, NULL);
    tls_get(sess, "    request", "/");
    ne_session_destroy(sess);
}

static void run(const struct scase *c)
{
    int port;
    pid_t pid;

    printf("-- %s\n", c->title);
    pid = start_server(c, &port);
    s_client(port, "-tls1_2");
    s_client(port, "-tls1_3");
    neon_client(port);
    finish_server(pid);
}

int main(void)
{
    static const struct scase cases[] = {
        { "chain file with the intermediate, root trusted and named", "server-chain.pem",
          "server.key", 1, "ca.pem", "ca.pem", { NULL } },
        { "chain file with the intermediate, intermediate and root trusted",
          "server-chain.pem", "server.key", 1, "ca.pem", "tmp:int-ca.pem", { NULL } },
        { "certificate alone, nothing trusted, no certificate request", "server.pem",
          "server.key", 0, NULL, NULL, { NULL } },
        { "certificate alone, root trusted", "server.pem", "server.key", 1, "ca.pem",
          "ca.pem", { NULL } },
        { "certificate alone, intermediate and root trusted, no certificate request",
          "server.pem", "server.key", 0, NULL, "tmp:int-ca.pem", { NULL } },
        { "certificate alone, root then intermediate trusted", "server.pem", "server.key", 1,
          "tmp:ca-int.pem", "tmp:ca-int.pem", { NULL } },
        { "certificate alone, intermediate trusted, no certificate request", "server.pem",
          "server.key", 0, NULL, "int.pem", { NULL } },
        { "certificate alone, trusted by ne_ssl_context_trustcert, names with a duplicate",
          "server.pem", "server.key", 1, "tmp:names-dup.pem", NULL, { "int.pem", "ca.pem", NULL } },
        { "certificate alone, names file cut short by a truncated certificate", "server.pem",
          "server.key", 1, "tmp:names-truncated.pem", "tmp:int-ca.pem", { NULL } },
        { "certificate alone, names file missing", "server.pem", "server.key", 1,
          "does-not-exist.pem", "tmp:int-ca.pem", { NULL } },
        { "certificate alone, names file of garbage", "server.pem", "server.key", 1,
          "garbage.pem", "tmp:int-ca.pem", { NULL } },
        { "certificate alone, issued by an expired intermediate that is trusted",
          "badchain.pem", "badchain.key", 1, "ca.pem", "tmp:expired-int-ca.pem", { NULL } },
        { "certificate alone, its issuer not trusted", "untrusted.pem", "untrusted.key", 1,
          "ca.pem", "tmp:int-ca.pem", { NULL } },
        { "self-signed certificate alone, itself trusted", "selfsigned.pem", "selfsigned.key", 0,
          NULL, "selfsigned.pem", { NULL } },
    };
    size_t i;

    tls_require(); /* NEONRS_TLS_DIR */
    ne_sock_init();
    strcpy(tmpdir, "/tmp/neonrs-chain-dir-XXXXXX");
    if (!mkdtemp(tmpdir)) return 3;
    bundle("int-ca.pem", "int.pem", "ca.pem", (char *)NULL);
    bundle("ca-int.pem", "ca.pem", "int.pem", (char *)NULL);
    bundle("names-dup.pem", "int.pem", "ca.pem", "int.pem", "other-ca.pem", (char *)NULL);
    bundle("names-truncated.pem", "other-ca.pem", "truncated.pem", "ca.pem", (char *)NULL);
    bundle("expired-int-ca.pem", "int-expired.pem", "ca.pem", (char *)NULL);

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) run(&cases[i]);

    {
        static const char *const made[] = {
            "int-ca.pem", "ca-int.pem", "names-dup.pem", "names-truncated.pem",
            "expired-int-ca.pem", NULL,
        };
        char path[512];
        int j;
        for (j = 0; made[j]; j++) {
            snprintf(path, sizeof path, "%s/%s", tmpdir, made[j]);
            unlink(path);
        }
        rmdir(tmpdir);
    }
    printf("done\n");
    return 0;
}
