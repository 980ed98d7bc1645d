/* neon's socket-level TLS API, both sides.
 *
 * Server side: a forked child is a TLS server built only from neon calls
 * (ne_ssl_context_create(NE_SSL_CTX_SERVER), ne_ssl_context_keypair,
 * ne_ssl_context_set_verify, ne_sock_accept, ne_sock_accept_ssl,
 * ne_sock_readline/ne_sock_fullwrite over TLS, ne_sock_cipher,
 * ne_sock_sessid, ne_sock_close); the parent is a neon client session
 * trusting the test CA (certificates: c-tests/tls/make-certs.sh in
 * NEONRS_TLS_DIR). The child writes its observations to a file that the
 * parent prints after the child has exited, so the order is fixed.
 *  - one connection, two keep-alive requests; two connections
 *    (ne_close_connection); the session-id length/equality is not printed
 *    (it depends on how the TLS library's server handles TLS 1.3 session
 *    ids/tickets), only that ne_sock_sessid works and rejects a short buffer;
 *  - ne_ssl_context_keypair: PKCS#8, PKCS#1 and SEC1 PEM keys load; garbage,
 *    empty and missing files are rejected (a key that does not match the
 *    certificate is NOT tested: OpenSSL accepts the pair and drops the key,
 *    failing only later handshakes);
 *  - servers with an RSA (PKCS#8 and PKCS#1) and an EC (SEC1) key;
 *  - a server requiring a client certificate: the client without one fails
 *    (only neon's own words of the error are printed), with one succeeds;
 *  - a client that does not trust the server's CA: verification error;
 *    the server sees a failed handshake.
 * Client side: ne_sock_connect_ssl on a plain ne_socket to the TLS nginx
 * (NEONRS_TLS_VALID_12/_13, NEONRS_TLS_WRONGHOST_13: the socket layer does
 * not check host names), then HTTP by hand; ne_sock_cipher/ne_sock_sessid
 * on TLS and plain sockets.
 */
#include <errno.h>
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

struct scfg {
    const char *chain, *key;  /* keypair files */
    int require_cert;         /* ne_ssl_context_set_verify(required) */
    int conns;                /* connections to accept */
};

static char slog[64];

/* Appends "  server: <printf>" to the server log (child side). */
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

/* Serves requests on one TLS connection until the client closes. */
static void serve_conn(ne_socket *s, int conn)
{
    char line[1024];
    int req = 0;

    for (;;) {
        ssize_t n;
        int head_done = 0;
        while ((n = ne_sock_readline(s, line, sizeof line)) > 0) {
            if (strcmp(line, "\r\n") == 0 || strcmp(line, "\n") == 0) {
                head_done = 1;
                break;
            }
        }
        if (!head_done) {
            sl("connection %d: client finished", conn);
            return;
        }
        req++;
        snprintf(line, sizeof line,
                 "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\nconnection %d request %d\n",
                 (int)strlen("connection 0 request 0\n"), conn, req);
        if (ne_sock_fullwrite(s, line, strlen(line)) != 0) {
            sl("connection %d: write failed", conn);
            return;
        }
    }
}

static void server(int lfd, const struct scfg *cfg)
{
    ne_ssl_context *ctx = ne_ssl_context_create(NE_SSL_CTX_SERVER);
    int i;

    if (ne_ssl_context_keypair(ctx, tls_file(cfg->chain), tls_file(cfg->key))) {
        sl("keypair %s failed", cfg->chain);
        ne_ssl_context_destroy(ctx);
        return;
    }
    if (cfg->require_cert)
        ne_ssl_context_set_verify(ctx, 1, tls_file("ca.pem"), tls_file("ca.pem"));
    for (i = 1; i <= cfg->conns; i++) {
        ne_socket *s = ne_sock_create();
        int r;
        ne_sock_read_timeout(s, 10);
        r = ne_sock_accept(s, lfd);
        sl("connection %d: accepted", i);
        if (r) {
            sl("accept failed");
            ne_sock_close(s);
            break;
        }
        r = ne_sock_accept_ssl(s, ctx);
        if (r) {
            sl("connection %d: TLS handshake failed", i);
        } else {
            char *cipher = ne_sock_cipher(s);
            unsigned char id[128];
            size_t len = 0, len2 = sizeof id, small = 0;
            int r1 = ne_sock_sessid(s, NULL, &len);
            int r2 = ne_sock_sessid(s, id, &len2);
            sl("connection %d: TLS handshake ok", i);
            sl("cipher: %s", cipher ? "non-NULL" : "NULL");
            sl("sessid: length query ret %d", r1);
            sl("sessid: copy ret %d", r2);
            sl("sessid: copied length equals the queried one: %s", len2 == len ? "yes" : "no");
            if (len > 0)
                sl("sessid: zero-size buffer ret %d", ne_sock_sessid(s, id, &small));
            else
                sl("sessid: zero-size buffer ret %d", -1);
            free(cipher);
            serve_conn(s, i);
        }
        ne_sock_close(s);
    }
    ne_ssl_context_destroy(ctx);
}

static pid_t start_server(const struct scfg *cfg, int *port)
{
    int lfd = listen_local(port), fd;
    pid_t pid;

    strcpy(slog, "/tmp/neonrs-sslsrv-XXXXXX");
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
    int status, i;
    FILE *f;
    char line[512];

    for (i = 0; i < 1000; i++) {
        if (waitpid(pid, &status, WNOHANG) != 0) break;
        usleep(10000);
    }
    if (i == 1000) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        printf("  server killed\n");
    }
    f = fopen(slog, "r");
    while (f && fgets(line, sizeof line, f)) fputs(line, stdout);
    if (f) fclose(f);
    unlink(slog);
}

static void print_body_of(ne_request *req)
{
    char buf[256];
    ssize_t n, total = 0;

    while ((n = ne_read_response_block(req, buf + total, sizeof buf - 1 - (size_t)total)) > 0)
        total += n;
    buf[total] = '\0';
    print_str("  body", buf);
}

static int get(ne_session *sess, const char *label)
{
    ne_request *req = ne_request_create(sess, "GET", "/");
    int ret = ne_begin_request(req);

    printf("%s: ", label);
    if (ret == NE_OK) {
        printf("status %d\n", ne_get_status(req)->code);
        print_body_of(req);
        ret = ne_end_request(req);
    } else {
        printf("\n");
    }
    print_result("  result", sess, ret);
    ne_request_destroy(req);
    return ret;
}

/* For a request expected to fail with an error that has TLS library text
 * after neon's own words: prints the return code and whether the error
 * starts with one of neon's prefixes (which one is timing dependent when
 * the server rejects the client after a TLS 1.3 handshake: the client may
 * see it while sending the request or while reading the response). */
static void get_failing(ne_session *sess, const char *label)
{
    static const char *const prefixes[] = {
        "SSL handshake failed, client certificate was requested: ",
        "SSL handshake failed: ",
        "Could not read status line (TLS client certificate was requested): ",
        "Could not read status line: ",
        "Could not send request: ",
    };
    ne_request *req = ne_request_create(sess, "GET", "/");
    int ret = ne_request_dispatch(req);
    const char *err = ne_get_error(sess);
    size_t i;

    printf("%s: %s", label, ret_name(ret));
    for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(err, prefixes[i], strlen(prefixes[i])) == 0) break;
    if (i < sizeof prefixes / sizeof prefixes[0]) {
        printf(", error from neon (handshake, send or read)\n");
    } else {
        printf(" ");
        print_str("error", err);
    }
    ne_request_destroy(req);
}

static void neon_server_tests(void)
{
    struct scfg cfg;
    ne_session *sess;
    ne_ssl_client_cert *cc;
    pid_t pid;
    int port;

    printf("-- neon server, neon client: keep-alive and a second connection\n");
    memset(&cfg, 0, sizeof cfg);
    cfg.chain = "server-chain.pem";
    cfg.key = "server.key";
    cfg.conns = 2;
    pid = start_server(&cfg, &port);
    sess = tls_session("localhost", port, "ca.pem");
    get(sess, "request 1");
    get(sess, "request 2");
    ne_close_connection(sess);
    get(sess, "request 3");
    ne_session_destroy(sess);
    finish_server(pid);

    printf("-- neon server with an EC key (SEC1 PEM) and no intermediate in its chain file\n");
    cfg.chain = "untrusted.pem";
    cfg.key = "untrusted-sec1.key";
    cfg.conns = 1;
    pid = start_server(&cfg, &port);
    sess = tls_session("127.0.0.1", port, "other-ca.pem");
    get(sess, "request");
    ne_session_destroy(sess);
    finish_server(pid);

    printf("-- neon server with an RSA key (PKCS#1 PEM)\n");
    cfg.chain = "server-chain.pem";
    cfg.key = "server-pkcs1.key";
    pid = start_server(&cfg, &port);
    sess = tls_session("localhost", port, "ca.pem");
    get(sess, "request");
    ne_session_destroy(sess);
    finish_server(pid);

    printf("-- client does not trust the server\n");
    cfg.chain = "server-chain.pem";
    cfg.key = "server.key";
    pid = start_server(&cfg, &port);
    sess = tls_session("localhost", port, NULL);
    get(sess, "request");
    ne_session_destroy(sess);
    finish_server(pid);

    printf("-- server requires a client certificate, none given\n");
    cfg.require_cert = 1;
    pid = start_server(&cfg, &port);
    sess = tls_session("localhost", port, "ca.pem");
    get_failing(sess, "request");
    ne_session_destroy(sess);
    finish_server(pid);

    printf("-- server requires a client certificate, client.p12 given\n");
    pid = start_server(&cfg, &port);
    sess = tls_session("localhost", port, "ca.pem");
    cc = ne_ssl_clicert_read(tls_file("client.p12"));
    ne_ssl_set_clicert(sess, cc);
    ne_ssl_clicert_free(cc);
    get(sess, "request");
    ne_session_destroy(sess);
    finish_server(pid);
}

static void keypairs(void)
{
    static const char *const pairs[][2] = {
        { "server-chain.pem", "server.key" },
        { "server.pem", "server.key" },
        { "server-chain.pem", "server-pkcs1.key" },
        { "untrusted.pem", "untrusted-sec1.key" },
        { "garbage.pem", "server.key" },
        { "server-chain.pem", "garbage.pem" },
        { "empty.pem", "server.key" },
        { "server-chain.pem", "does-not-exist.key" },
        { "does-not-exist.pem", "server.key" },
    };
    size_t i;

    printf("-- ne_ssl_context_keypair\n");
    for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        ne_ssl_context *ctx = ne_ssl_context_create(NE_SSL_CTX_SERVER);
        int r = ne_ssl_context_keypair(ctx, tls_file(pairs[i][0]), tls_file(pairs[i][1]));
        printf("keypair %s + %s: %s\n", pairs[i][0], pairs[i][1], r == 0 ? "0" : "non-zero");
        ne_ssl_context_destroy(ctx);
    }
}

/* ne_sock_connect_ssl to nginx, then one HTTP/1.1 request by hand. */
static void socket_client(const char *endpoint, int version)
{
    ne_sock_addr *addr = ne_addr_resolve("127.0.0.1", 0);
    ne_ssl_context *ctx = ne_ssl_context_create(NE_SSL_CTX_CLIENT);
    ne_ssl_certificate *ca = tls_cert("ca.pem");
    ne_socket *s = ne_sock_create();
    char line[512], *cipher;
    const char *req = "GET /hello.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    size_t len = 0, small = 0;
    unsigned char id[128];
    ssize_t n;
    int r;

    printf("-- ne_sock_connect_ssl to nginx %s (TLS %s)\n", endpoint, version == 12 ? "1.2 only" : "1.2+1.3");
    ne_ssl_context_trustcert(ctx, ca);
    ne_ssl_cert_free(ca);
    ne_sock_read_timeout(s, 10);
    r = ne_sock_connect(s, ne_addr_first(addr), (unsigned)tls_port(endpoint, version));
    printf("connect: %d\n", r);
    printf("plain socket: cipher %s, sessid ret %d\n", ne_sock_cipher(s) ? "non-NULL" : "NULL",
           ne_sock_sessid(s, NULL, &len));
    r = ne_sock_connect_ssl(s, ctx, NULL);
    printf("connect_ssl: %d\n", r);
    if (r == 0) {
        cipher = ne_sock_cipher(s);
        printf("cipher: %s\n", cipher ? "non-NULL" : "NULL");
        free(cipher);
        len = 0;
        r = ne_sock_sessid(s, NULL, &len);
        printf("sessid length query: ret %d", r);
        if (version == 12) {
            /* TLS 1.2: a session id (or ticket hash) exists right away. */
            printf(", length %s", len > 0 ? "non-zero" : "zero");
            if (len > 0) printf(", zero-size buffer ret %d", ne_sock_sessid(s, id, &small));
        }
        printf("\n");
        printf("fullwrite: %d\n", ne_sock_fullwrite(s, req, strlen(req)));
        while ((n = ne_sock_readline(s, line, sizeof line)) > 0) {
            if (strncmp(line, "Date:", 5) == 0 || strncmp(line, "Last-Modified:", 14) == 0
                || strncmp(line, "ETag:", 5) == 0 || strncmp(line, "Server:", 7) == 0)
                continue;
            print_str("  line", line);
            if (strcmp(line, "\r\n") == 0) break;
        }
        n = ne_sock_read(s, line, sizeof line);
        if (n > 0) {
            printf("  body: ");
            print_escaped(line, (size_t)n);
            printf("\n");
        }
        n = ne_sock_read(s, line, sizeof line);
        printf("then read: %s", n > 0 ? "data" : n == NE_SOCK_CLOSED ? "NE_SOCK_CLOSED" :
               n == NE_SOCK_TRUNC ? "NE_SOCK_TRUNC" : n == NE_SOCK_RESET ? "NE_SOCK_RESET" : "other");
        print_str(" error", ne_sock_error(s));
    }
    ne_sock_close(s);
    ne_ssl_context_destroy(ctx);
    ne_addr_destroy(addr);
}

int main(void)
{
    tls_require(); /* NEONRS_TLS_DIR */
    ne_sock_init();

    keypairs();
    neon_server_tests();
    socket_client("VALID", 12);
    socket_client("VALID", 13);
    socket_client("WRONGHOST", 13);
    printf("done\n");
    return 0;
}
