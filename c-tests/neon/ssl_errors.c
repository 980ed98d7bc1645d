/* TLS bad input and failures. Errors whose text continues with the TLS
 * library's own words (OpenSSL vs rustls) are printed only up to neon's
 * prefix ("SSL handshake failed: ", ...); texts neon composes itself are
 * printed whole.
 *  - a server that sends garbage instead of a handshake: an HTTP response,
 *    random bytes, a TLS alert, nothing at all (closes or resets);
 *  - https to nginx's plain HTTP port (NEONRS_TLS_PLAIN);
 *  - garbage certificate files: ne_ssl_cert_read / ne_ssl_cert_import give
 *    NULL for garbage, empty, bad base64, truncated, key-only and missing
 *    files; a chain file gives its first certificate;
 *  - PKCS#12: wrong passwords, repeated wrong passwords, then the right one;
 *  - read timeout on an established TLS connection (a neon TLS server in a
 *    forked child that reads the request and never answers);
 *  - TLS close without close_notify vs with it (socket level:
 *    NE_SOCK_TRUNC "Secure connection truncated" vs NE_SOCK_CLOSED), and a
 *    response body cut short by either;
 *  - https through an HTTP proxy (the scripted server is the proxy): the
 *    CONNECT request bytes, a refused CONNECT (403), a proxy that closes,
 *    and a full tunnel to the TLS nginx with the harness's "relay".
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ne_session.h>
#include <ne_request.h>
#include <ne_socket.h>
#include <ne_ssl.h>

#include "harness.h"
#include "tlsutil.h"

/* A session to the scripted server (https, 127.0.0.1) trusting the CA. */
static ne_session *scripted_session(struct srv *s)
{
    return tls_session("127.0.0.1", s->port, "ca.pem");
}

/* Script: accept, then the given directives; the client's ClientHello is
 * read (5 bytes, unlogged) first when read_hello. */
static void garbage_case(const char *label, const char *const *script)
{
    struct srv s;
    ne_session *sess;

    printf("== %s\n", label);
    srv_start(&s, script);
    s.quiet = 1; /* the ClientHello bytes differ between TLS libraries */
    sess = scripted_session(&s);
    tls_get_prefix(sess, "  request", "/", "SSL handshake failed: ");
    ne_session_destroy(sess);
    printf("  server script: %s\n", srv_finish(&s) == 0 ? "completed" : "failed");
}

static void garbage_servers(void)
{
    static const char *const http_response[] = {
        "accept", "readbody 5", "send HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
        "sleep 200", "close", NULL,
    };
    static const char *const http_first[] = {
        /* sent before the ClientHello arrives */
        "accept", "send HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", "sleep 200", "close", NULL,
    };
    static const char *const random_bytes[] = {
        "accept", "readbody 5",
        "sendhex 8f 3a 00 91 ff 12 7e 44 d0 0d 61 9c 2b 5e e1 07 33 a8 c4 19 58 f6 0b 7d 22 e9",
        "sleep 200", "close", NULL,
    };
    static const char *const bad_record[] = {
        /* a handshake record header announcing an impossible length */
        "accept", "readbody 5", "sendhex 16 03 03 ff ff 02 00 00 00", "sleep 200", "close", NULL,
    };
    static const char *const alert[] = {
        /* fatal handshake_failure alert */
        "accept", "readbody 5", "sendhex 15 03 03 00 02 02 28", "sleep 200", "close", NULL,
    };
    static const char *const close_now[] = { "accept", "close", NULL };
    static const char *const close_after_hello[] = { "accept", "readbody 5", "close", NULL };
    static const char *const reset_after_hello[] = { "accept", "readbody 5", "reset", NULL };
    static const char *const shut_after_hello[] = {
        "accept", "readbody 5", "shutwr", "sleep 300", "close", NULL,
    };

    printf("-- garbage instead of a TLS handshake\n");
    garbage_case("HTTP response after the ClientHello", http_response);
    garbage_case("HTTP response before the ClientHello", http_first);
    garbage_case("random bytes", random_bytes);
    garbage_case("handshake record with a bad length", bad_record);
    garbage_case("fatal alert", alert);
    garbage_case("close at once", close_now);
    garbage_case("close after the ClientHello", close_after_hello);
    garbage_case("reset after the ClientHello", reset_after_hello);
    garbage_case("FIN after the ClientHello", shut_after_hello);
}

static void plain_port(void)
{
    int port = atoi(getenv("NEONRS_TLS_PLAIN"));
    ne_session *sess = tls_session("127.0.0.1", port, "ca.pem");

    printf("-- https to nginx's plain HTTP port\n");
    tls_get_prefix(sess, "  request", "/hello.txt", "SSL handshake failed: ");
    ne_session_destroy(sess);
}

static void cert_files(void)
{
    static const char *const files[] = {
        "garbage.pem", "empty.pem", "badbase64.pem", "truncated.pem", "key-as-cert.pem",
        "garbage.p12", "client.p12", "does-not-exist.pem", "server-chain.pem", "ca.pem",
    };
    static const char *const imports[] = {
        "", "garbage", "!!!!", "AAAA", "MIIB",
    };
    size_t i;

    printf("-- certificate files\n");
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        ne_ssl_certificate *c = ne_ssl_cert_read(tls_file(files[i]));
        printf("ne_ssl_cert_read %s: ", files[i]);
        if (c) {
            print_str("identity", ne_ssl_cert_identity(c));
            ne_ssl_cert_free(c);
        } else {
            printf("NULL\n");
        }
    }
    for (i = 0; i < sizeof imports / sizeof imports[0]; i++) {
        ne_ssl_certificate *c = ne_ssl_cert_import(imports[i]);
        printf("ne_ssl_cert_import \"%s\": %s\n", imports[i], c ? "non-NULL" : "NULL");
        if (c) ne_ssl_cert_free(c);
    }
}

static void passwords(void)
{
    static const char *const tries[] = { "wrong-password", "", "S3CRET", "s3cret ", "s3cre", "s3cret" };
    const char *files[] = { "client-enc.p12", "client-3des.p12" };
    size_t f, i;

    printf("-- PKCS#12 passwords\n");
    for (f = 0; f < 2; f++) {
        ne_ssl_client_cert *cc = ne_ssl_clicert_read(tls_file(files[f]));
        printf("%s: encrypted %d\n", files[f], cc ? ne_ssl_clicert_encrypted(cc) : -1);
        if (!cc) continue;
        for (i = 0; i < sizeof tries / sizeof tries[0]; i++) {
            int r = ne_ssl_clicert_decrypt(cc, tries[i]);
            printf("  decrypt \"%s\": %d, encrypted %d\n", tries[i], r, ne_ssl_clicert_encrypted(cc));
            if (r == 0) break;
        }
        print_str("  owner identity", ne_ssl_cert_identity(ne_ssl_clicert_owner(cc)));
        ne_ssl_clicert_free(cc);
    }
}

/* ---- a neon TLS server in a child (for timeouts and truncation) ---- */

enum stall { STALL_NO_RESPONSE, SHORT_BODY_NOTIFY, SHORT_BODY_TRUNC, TILL_EOF_NOTIFY, TILL_EOF_TRUNC };

static void tls_child(int lfd, enum stall mode)
{
    ne_ssl_context *ctx = ne_ssl_context_create(NE_SSL_CTX_SERVER);
    ne_socket *s = ne_sock_create();
    char line[1024];
    const char *resp = NULL;

    ne_sock_read_timeout(s, 10);
    if (ne_ssl_context_keypair(ctx, tls_file("server-chain.pem"), tls_file("server.key"))
        || ne_sock_accept(s, lfd) || ne_sock_accept_ssl(s, ctx))
        goto out;
    while (ne_sock_readline(s, line, sizeof line) > 0 && strcmp(line, "\r\n") != 0)
        ;
    switch (mode) {
    case STALL_NO_RESPONSE:
        sleep(8);
        break;
    case SHORT_BODY_NOTIFY:
    case SHORT_BODY_TRUNC:
        resp = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten..";
        break;
    case TILL_EOF_NOTIFY:
    case TILL_EOF_TRUNC:
        resp = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nbody until EOF\n";
        break;
    }
    if (resp) ne_sock_fullwrite(s, resp, strlen(resp));
    if (mode == SHORT_BODY_TRUNC || mode == TILL_EOF_TRUNC) {
        /* TCP FIN without a TLS close_notify */
        shutdown(ne_sock_fd(s), SHUT_RDWR);
        sleep(1);
    }
out:
    ne_sock_close(s);
    ne_ssl_context_destroy(ctx);
}

static pid_t start_tls_child(enum stall mode, int *port)
{
    int lfd = listen_local(port);
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        signal(SIGPIPE, SIG_IGN);
        alarm(20);
        tls_child(lfd, mode);
        close(lfd);
        _exit(0);
    }
    close(lfd);
    return pid;
}

static void stop_tls_child(pid_t pid)
{
    int status;

    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
}

static void tls_server_cases(void)
{
    static const struct { enum stall mode; const char *label; } cases[] = {
        { SHORT_BODY_NOTIFY, "Content-Length body cut short, close_notify" },
        { SHORT_BODY_TRUNC, "Content-Length body cut short, no close_notify" },
        { TILL_EOF_NOTIFY, "body delimited by close, close_notify" },
        { TILL_EOF_TRUNC, "body delimited by close, no close_notify" },
    };
    ne_session *sess;
    pid_t pid;
    int port;
    size_t i;

    printf("-- read timeout on an established TLS connection\n");
    pid = start_tls_child(STALL_NO_RESPONSE, &port);
    sess = tls_session("localhost", port, "ca.pem");
    /* Long enough for the handshake with both ends under valgrind on a
     * loaded machine; the server stalls far longer. */
    ne_set_read_timeout(sess, 3);
    tls_get(sess, "  request", "/");
    ne_session_destroy(sess);
    stop_tls_child(pid);

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ne_request *req;
        char buf[256];
        ssize_t n, total = 0;
        int ret;

        printf("-- %s\n", cases[i].label);
        pid = start_tls_child(cases[i].mode, &port);
        sess = tls_session("localhost", port, "ca.pem");
        req = ne_request_create(sess, "GET", "/");
        ret = ne_begin_request(req);
        if (ret == NE_OK) {
            while ((n = ne_read_response_block(req, buf + total, sizeof buf - 1 - (size_t)total)) > 0)
                total += n;
            buf[total] = '\0';
            print_str("  body", buf);
            printf("  last read: %s\n", n == 0 ? "0 (end)" : "error");
            ret = n < 0 ? NE_ERROR : ne_end_request(req);
        }
        print_result("  result", sess, ret);
        ne_request_destroy(req);
        ne_session_destroy(sess);
        stop_tls_child(pid);
    }

    for (i = 0; i < 2; i++) {
        ne_sock_addr *addr = ne_addr_resolve("127.0.0.1", 0);
        ne_ssl_context *ctx = ne_ssl_context_create(NE_SSL_CTX_CLIENT);
        ne_socket *sock = ne_sock_create();
        const char *req = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
        char buf[256];
        ssize_t n;

        printf("-- socket level: server closes %s close_notify\n", i == 0 ? "with" : "without");
        pid = start_tls_child(i == 0 ? TILL_EOF_NOTIFY : TILL_EOF_TRUNC, &port);
        {
            ne_ssl_certificate *ca = tls_cert("ca.pem");
            ne_ssl_context_trustcert(ctx, ca);
            ne_ssl_cert_free(ca);
        }
        ne_sock_read_timeout(sock, 10);
        if (ne_sock_connect(sock, ne_addr_first(addr), (unsigned)port) == 0
            && ne_sock_connect_ssl(sock, ctx, NULL) == 0) {
            ne_sock_fullwrite(sock, req, strlen(req));
            while ((n = ne_sock_read(sock, buf, sizeof buf)) > 0)
                ;
            printf("  final read: %s", n == NE_SOCK_CLOSED ? "NE_SOCK_CLOSED" :
                   n == NE_SOCK_TRUNC ? "NE_SOCK_TRUNC" : n == NE_SOCK_RESET ? "NE_SOCK_RESET" :
                   n == NE_SOCK_TIMEOUT ? "NE_SOCK_TIMEOUT" : "other");
            print_str(", error", ne_sock_error(sock));
        } else {
            printf("  connect failed\n");
        }
        ne_sock_close(sock);
        ne_ssl_context_destroy(ctx);
        ne_addr_destroy(addr);
        stop_tls_child(pid);
    }
}

/* ---- https through an HTTP proxy (the scripted server) ---- */

static void proxy_case(const char *label, const char *const *script, int port_for_relay,
                       const char *prefix)
{
    struct srv s;
    ne_session *sess;

    printf("== %s\n", label);
    srv_start(&s, script);
    sess = tls_session("localhost", port_for_relay ? port_for_relay : 443, "ca.pem");
    ne_session_proxy(sess, "127.0.0.1", (unsigned)s.port);
    if (port_for_relay) {
        /* the ports differ between runs: the proxy log shows them */
        s.quiet = 1;
        tls_get_logged(sess, "  request", "proxy", NULL, 0);
    } else if (prefix) {
        tls_get_prefix(sess, "  request", "/", prefix);
    } else {
        tls_get(sess, "  request", "/");
    }
    ne_session_destroy(sess);
    printf("  proxy script: %s\n", srv_finish(&s) == 0 ? "completed" : "failed");
}

static void proxies(void)
{
    static const char *const refused[] = {
        "accept", "read", "send HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n", "drain", NULL,
    };
    static const char *const refused_body[] = {
        "accept", "read",
        "send HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 6\r\n\r\ndenied",
        "drain", NULL,
    };
    static const char *const closes[] = { "accept", "read", "close", NULL };
    static const char *const garbage[] = {
        "accept", "read", "send HTTP/1.1 200 Connection established\r\n\r\n",
        "send HTTP/1.1 200 OK\r\n\r\n", "sleep 200", "close", NULL,
    };
    char *relay;
    const char *tunnel[6];
    char port[16];
    int tport = tls_port("VALID", 13);

    printf("-- https through an HTTP proxy\n");
    proxy_case("proxy refuses CONNECT (403)", refused, 0, NULL);
    proxy_case("proxy wants authentication (407)", refused_body, 0, NULL);
    proxy_case("proxy closes", closes, 0, NULL);
    proxy_case("proxy tunnel to something that is not TLS", garbage, 0, "SSL handshake failed: ");

    snprintf(port, sizeof port, "%d", tport);
    relay = directive("relay", port);
    tunnel[0] = "accept";
    tunnel[1] = "read";
    tunnel[2] = "send HTTP/1.1 200 Connection established\r\n\r\n";
    tunnel[3] = relay;
    tunnel[4] = NULL;
    proxy_case("tunnel to the TLS nginx", tunnel, tport, NULL);
    free(relay);
}

int main(void)
{
    tls_require(); /* NEONRS_TLS_DIR, NEONRS_TLS_PLAIN */
    ne_sock_init();
    signal(SIGPIPE, SIG_IGN);

    garbage_servers();
    plain_port();
    cert_files();
    passwords();
    tls_server_cases();
    proxies();
    printf("done\n");
    return 0;
}
