/* nrs_session.h over https: a WebSocket-style upgrade handed over with
 * its TLS state, and a plain socket attached to an https session.
 *
 * The server is a forked child built from neon calls (ne_sock_accept,
 * ne_sock_accept_ssl, ne_sock_readline, ne_sock_fullwrite; certificates of
 * c-tests/tls/make-certs.sh in NEONRS_TLS_DIR). It answers a request with
 * an Upgrade field by `101 Switching Protocols` and the first frame in one
 * ne_sock_fullwrite (one TLS record, one packet), echoes the frames it
 * gets, sends a close frame and closes (close_notify); other requests get
 * a keep-alive 200. Its observations are printed after it has exited.
 *  1. keep-alive GET, nrs_session_connected() on TLS; the upgrade on the
 *     same connection, detached after ne_request_dispatch: the frame that
 *     came with the 101 is read first, through TLS (nrs_sock_pending
 *     counts it), then the echo, the close frame and the TLS closure.
 *  2. the session's next request: a new TLS connection.
 *  3. a plain socket from ne_sock_connect attached to the https session:
 *     TLS is negotiated over it (server name checked), requests run on it;
 *     detached again, it carries TLS and an http session refuses it.
 *  4. attached to an https session that does not trust the server: the
 *     certificate is refused as on the session's own connections.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ne_request.h>
#include <ne_session.h>
#include <ne_socket.h>
#include <ne_ssl.h>
#include <nrs_session.h>

#include "harness.h"
#include "tlsutil.h"

#define HEAD101 "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"

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

/* Echoes frames of 7 bytes until the client has sent n of them, then
 * sends a close frame. */
static void echo_frames(ne_socket *s, int conn, int n)
{
    char frame[7];
    int i;

    for (i = 0; i < n; i++) {
        if (ne_sock_fullread(s, frame, sizeof frame) != 0) {
            sl("connection %d: frame %d not read", conn, i + 1);
            return;
        }
        sl("connection %d: frame %d echoed", conn, i + 1);
        ne_sock_fullwrite(s, frame, sizeof frame);
    }
    ne_sock_fullwrite(s, "\x88\x00", 2);
}

static void serve_conn(ne_socket *s, int conn)
{
    char line[1024], first[256];
    int req = 0;

    for (;;) {
        ssize_t n;
        int head_done = 0, upgrade = 0;
        first[0] = '\0';
        while ((n = ne_sock_readline(s, line, sizeof line)) > 0) {
            if (!first[0]) snprintf(first, sizeof first, "%.*s", (int)strcspn(line, "\r\n"), line);
            if (strncmp(line, "Upgrade: websocket", 18) == 0) upgrade = 1;
            if (strcmp(line, "\r\n") == 0) {
                head_done = 1;
                break;
            }
        }
        if (!head_done) {
            sl("connection %d: client finished", conn);
            return;
        }
        req++;
        sl("connection %d request %d: %s%s", conn, req, first, upgrade ? " (upgrade)" : "");
        if (upgrade) {
            static const char msg[] = HEAD101 "\x81\x05hello";
            ne_sock_fullwrite(s, msg, sizeof msg - 1);
            echo_frames(s, conn, 2);
            return;
        }
        snprintf(first, sizeof first, "connection %d req %d", conn, req);
        snprintf(line, sizeof line, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n%s",
                 strlen(first), first);
        if (ne_sock_fullwrite(s, line, strlen(line)) != 0) return;
    }
}

static void server(int lfd, int conns)
{
    ne_ssl_context *ctx = ne_ssl_context_create(NE_SSL_CTX_SERVER);
    int i;

    if (ne_ssl_context_keypair(ctx, tls_file("server-chain.pem"), tls_file("server.key"))) {
        sl("keypair failed");
        ne_ssl_context_destroy(ctx);
        return;
    }
    for (i = 1; i <= conns; i++) {
        ne_socket *s = ne_sock_create();
        ne_sock_read_timeout(s, 10);
        if (ne_sock_accept(s, lfd) != 0) {
            sl("accept failed");
        } else if (ne_sock_accept_ssl(s, ctx) != 0) {
            sl("connection %d: TLS handshake failed", i);
        } else {
            sl("connection %d: TLS handshake ok", i);
            serve_conn(s, i);
        }
        ne_sock_close(s);
    }
    ne_ssl_context_destroy(ctx);
}

static pid_t start_server(int conns, int *port)
{
    int lfd = listen_local(port), fd;
    pid_t pid;

    strcpy(slog, "/tmp/neonrs-nrstls-XXXXXX");
    fd = mkstemp(slog);
    if (fd < 0) exit(3);
    close(fd);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        alarm(30);
        server(lfd, conns);
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

static const char *sock_ret(ssize_t r)
{
    static const char *const names[] = {
        "NE_SOCK_ERROR", "NE_SOCK_TIMEOUT", "NE_SOCK_CLOSED", "NE_SOCK_RESET", "NE_SOCK_TRUNC",
        "NE_SOCK_RETRY",
    };
    return r < 0 && r >= -6 ? names[-r - 1] : "not a socket error";
}

static void get(ne_session *sess, const char *path)
{
    ne_request *req = ne_request_create(sess, "GET", path);
    int ret = ne_begin_request(req);
    char body[64];
    ssize_t n = 0, got;

    if (ret == NE_OK) {
        while ((got = ne_read_response_block(req, body + n, sizeof body - 1 - (size_t)n)) > 0)
            n += got;
        body[n] = '\0';
        ret = ne_end_request(req);
    }
    printf("GET %s: %s status %d ", path, ret_name(ret), ne_get_status(req)->code);
    print_str("body", ret == NE_OK ? body : ne_get_error(sess));
    ne_request_destroy(req);
}

static void frame_exchange(ne_socket *sock, const char *frame)
{
    char buf[16];
    ssize_t n;

    printf("write frame: %d\n", ne_sock_fullwrite(sock, frame, 7));
    n = ne_sock_fullread(sock, buf, 7);
    printf("echo: %zd ", n);
    print_escaped(buf, n == 0 ? 7 : 0);
    printf("\n");
}

int main(void)
{
    ne_session *sess, *plain;
    ne_request *req;
    ne_socket *sock = NULL;
    ne_sock_addr *addr;
    char buf[64];
    ssize_t n;
    pid_t pid;
    int port, ret;

    tls_require(); /* NEONRS_TLS_DIR */
    ne_sock_init();
    pid = start_server(4, &port);
    sess = tls_session("127.0.0.1", port, "ca.pem");

    printf("-- 1. keep-alive, then an upgrade on the same TLS connection\n");
    printf("fresh: connected %d\n", nrs_session_connected(sess));
    get(sess, "/plain");
    printf("after a keep-alive response: connected %d\n", nrs_session_connected(sess));
    req = ne_request_create(sess, "GET", "/chat");
    ne_add_request_header(req, "Upgrade", "websocket");
    ne_add_request_header(req, "Connection", "Upgrade");
    ret = ne_request_dispatch(req);
    printf("upgrade: %s status %d\n", ret_name(ret), ne_get_status(req)->code);
    ne_request_destroy(req);
    ret = nrs_session_detach_socket(sess, &sock);
    printf("detach: %s, connected %d\n", ret_name(ret), nrs_session_connected(sess));
    if (sock) {
        printf("pending before the first read: %zd\n", nrs_sock_pending(sock));
        n = ne_sock_read(sock, buf, sizeof buf);
        printf("first read: %zd bytes ", n);
        print_escaped(buf, n > 0 ? (size_t)n : 0);
        printf("\n");
        frame_exchange(sock, "\x81\x05world");
        frame_exchange(sock, "\x81\x05" "again");
        n = ne_sock_fullread(sock, buf, 2);
        printf("close frame: %zd ", n);
        print_escaped(buf, n == 0 ? 2 : 0);
        printf("\nthen: %s\n", sock_ret(ne_sock_read(sock, buf, sizeof buf)));
        ne_sock_close(sock);
    }

    printf("-- 2. the next request connects anew\n");
    get(sess, "/after");
    printf("connected %d\n", nrs_session_connected(sess));
    ne_close_connection(sess);

    printf("-- 3. a plain socket attached to the https session\n");
    addr = ne_addr_resolve("127.0.0.1", 0);
    sock = ne_sock_create();
    ret = ne_sock_connect(sock, ne_addr_first(addr), (unsigned)port);
    printf("ne_sock_connect: %d\n", ret);
    ret = nrs_session_attach_socket(sess, sock);
    printf("attach: %s, connected %d\n", ret_name(ret), nrs_session_connected(sess));
    get(sess, "/attached");
    get(sess, "/attached-again");
    sock = NULL;
    ret = nrs_session_detach_socket(sess, &sock);
    printf("detach: %s\n", ret_name(ret));
    plain = ne_session_create("http", "127.0.0.1", (unsigned)port);
    ret = nrs_session_attach_socket(plain, sock);
    printf("attach a TLS socket to an http session: %s ", ret_name(ret));
    print_str("error", ne_get_error(plain));
    printf("connected %d\n", nrs_session_connected(plain));

    printf("-- 4. attached to an https session that does not trust the server\n");
    ne_session_destroy(plain);
    plain = tls_session("127.0.0.1", port, NULL);
    sock = ne_sock_create();
    printf("ne_sock_connect: %d\n", ne_sock_connect(sock, ne_addr_first(addr), (unsigned)port));
    ret = nrs_session_attach_socket(plain, sock);
    printf("attach: %s ", ret_name(ret));
    print_str("error", ne_get_error(plain));
    printf("connected %d\n", nrs_session_connected(plain));

    ne_session_destroy(plain);
    ne_session_destroy(sess);
    ne_addr_destroy(addr);
    finish_server(pid);
    return 0;
}
