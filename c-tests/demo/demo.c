/* neon-rs demo: an ordinary neon and OpenSSL program, built with
 *     cc demo.c tls_server.c ssl_sessions.c $(pkg-config --cflags --libs neon openssl)
 * against neon-rs's installed headers, libneon.so.27 and libssl.so.3.
 *  1. plain HTTP: a small server in a child process on 127.0.0.1; GET, HEAD,
 *     PUT with a body, a 404, response headers, the notifier showing that
 *     all requests share one persistent connection, then a reconnect after
 *     ne_close_connection;
 *  2. HTTPS: the same session API against an embedded TLS 1.3 server
 *     (tls_server.c, on our libssl); after each ne_close_connection the next
 *     connection resumes the TLS session, as the server counts;
 *  3. the libssl session API against that server (ssl_sessions.c). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ne_request.h>
#include <ne_ssl.h>
#include <ne_session.h>
#include <ne_socket.h>
#include <ne_utils.h>

#include "demo.h"

static const char greeting[] = "Hello from the embedded server!\n";

/* ---- the embedded server: a few lines of HTTP/1.1, keep-alive ---- */

static int read_request(int fd, char *method, size_t mlen, char *path, size_t plen, size_t *clen)
{
    char head[4096];
    size_t n = 0;
    const char *cl;

    while (n < sizeof head - 1) {
        if (read(fd, head + n, 1) != 1) return -1;
        n++;
        if (n >= 4 && memcmp(head + n - 4, "\r\n\r\n", 4) == 0) break;
    }
    head[n] = '\0';
    if (sscanf(head, "%15s %255s", method, path) != 2) return -1;
    (void)mlen;
    (void)plen;
    cl = strcasestr(head, "\r\ncontent-length:");
    *clen = cl ? strtoul(cl + 17, NULL, 10) : 0;
    return 0;
}

static void serve(int lfd)
{
    int connections;

    for (connections = 0; connections < 2; connections++) {
        int fd = accept(lfd, NULL, NULL);
        char method[16], path[256], reply[512];
        size_t clen;

        while (fd >= 0 && read_request(fd, method, sizeof method, path, sizeof path, &clen) == 0) {
            char body[4096];
            size_t got = 0;

            while (got < clen && got < sizeof body) {
                ssize_t r = read(fd, body + got, clen - got);
                if (r <= 0) break;
                got += (size_t)r;
            }
            if (strcmp(path, "/hello") == 0) {
                snprintf(reply, sizeof reply,
                         "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\n"
                         "X-Served-By: embedded demo server\r\n\r\n%s",
                         strlen(greeting), strcmp(method, "HEAD") == 0 ? "" : greeting);
            } else if (strcmp(method, "PUT") == 0) {
                snprintf(reply, sizeof reply,
                         "HTTP/1.1 201 Created\r\nContent-Length: 0\r\nX-Received-Bytes: %zu\r\n\r\n", got);
            } else {
                snprintf(reply, sizeof reply, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
            }
            if (write(fd, reply, strlen(reply)) < 0) break;
        }
        if (fd >= 0) close(fd);
    }
}

static pid_t start_server(int *port)
{
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;
    int one = 1, lfd = socket(AF_INET, SOCK_STREAM, 0);
    pid_t pid;

    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) || listen(lfd, 4)
        || getsockname(lfd, (struct sockaddr *)&sa, &len)) {
        perror("demo server");
        exit(1);
    }
    *port = ntohs(sa.sin_port);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        alarm(20);
        serve(lfd);
        _exit(0);
    }
    close(lfd);
    return pid;
}

/* ---- the neon client ---- */

static int connects;

static void notifier(void *ud, ne_session_status status, const ne_session_status_info *info)
{
    (void)ud;
    if (status == ne_status_connected) {
        connects++;
        printf("  [notifier] connected to %s\n", info->cd.hostname);
    } else if (status == ne_status_disconnected) {
        printf("  [notifier] disconnected\n");
    }
}

static int print_block(void *ud, const char *buf, size_t len)
{
    (void)ud;
    if (len) printf("  body: %.*s", (int)len, buf);
    return 0;
}

static void get(ne_session *sess, const char *method, const char *path)
{
    ne_request *req = ne_request_create(sess, method, path);
    int ret;

    ne_add_response_body_reader(req, ne_accept_2xx, print_block, NULL);
    ret = ne_request_dispatch(req);
    printf("%s %s -> %s (%s)\n", method, path, ret == NE_OK ? "NE_OK" : "error", ne_get_error(sess));
    if (ret == NE_OK && ne_get_status(req)->klass == 2) {
        const char *ct = ne_get_response_header(req, "Content-Type");
        const char *by = ne_get_response_header(req, "X-Served-By");
        printf("  Content-Type: %s, X-Served-By: %s\n", ct ? ct : "-", by ? by : "-");
    }
    ne_request_destroy(req);
}

/* ---- HTTPS with TLS 1.3 resumption ---- */

static char tls_body[256];

static int keep_body(void *ud, const char *buf, size_t len)
{
    size_t have = strlen(tls_body);

    (void)ud;
    if (len > sizeof tls_body - 1 - have) len = sizeof tls_body - 1 - have;
    memcpy(tls_body + have, buf, len);
    tls_body[have + len] = '\0';
    return 0;
}

static int tls_get(ne_session *sess)
{
    ne_request *req = ne_request_create(sess, "GET", "/tls");
    int ret;

    tls_body[0] = '\0';
    ne_add_response_body_reader(req, ne_accept_2xx, keep_body, NULL);
    ret = ne_request_dispatch(req);
    printf("GET /tls -> %s (%s): %s", ret == NE_OK ? "NE_OK" : "error", ne_get_error(sess),
           ret == NE_OK ? tls_body : "\n");
    if (ret == NE_OK) {
        const char *count = ne_get_response_header(req, "X-TLS-Resumptions");
        printf("  the server has counted %s resumption(s)\n", count ? count : "?");
    }
    ne_request_destroy(req);
    return ret;
}

/* Returns the resumptions the server counted (its exit status), -1 on
 * failure. */
static int https_part(const struct demo_pki *pki, int *libssl_resumed)
{
    ne_ssl_certificate *ca = ne_ssl_cert_read(pki->ca);
    ne_session *sess;
    int port, status, i, failed = 0;
    /* neon: 3 connections; the libssl part: 2 */
    pid_t server = tls_server_start(pki, 5, &port);

    printf("embedded TLS 1.3 server (on %s) listening on localhost:%d\n\n", loaded_from("libssl.so"),
           port);
    if (!ca) {
        printf("cannot read %s\n", pki->ca);
        return -1;
    }
    connects = 0;
    sess = ne_session_create("https", "localhost", (unsigned)port);
    ne_set_useragent(sess, "neonrs-demo/1.0");
    ne_set_read_timeout(sess, 10);
    ne_set_connect_timeout(sess, 10);
    ne_ssl_trust_cert(sess, ca);
    ne_ssl_cert_free(ca);
    ne_set_notifier(sess, notifier, NULL);
    for (i = 0; i < 3 && !failed; i++) {
        if (i) printf("ne_close_connection, then a new connection:\n");
        ne_close_connection(sess);
        failed = tls_get(sess) != NE_OK;
    }
    ne_session_destroy(sess);
    printf("%d connections in all\n\n", connects);

    printf("libssl session API (%s):\n", loaded_from("libssl.so"));
    *libssl_resumed = failed ? 0 : ssl_sessions_demo(pki, port);

    if (failed) kill(server, SIGTERM); /* it would wait for connections */
    waitpid(server, &status, 0);
    return !failed && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(int argc, char **argv)
{
    static const char upload[] = "some bytes to store";
    ne_session *sess;
    ne_request *req;
    int port, status, resumptions, libssl_resumed = 0;
    pid_t server;
    struct demo_pki pki;

    if (argc != 4) {
        fprintf(stderr, "usage: demo CA.pem SERVER-CHAIN.pem SERVER.key\n");
        return 2;
    }
    pki.ca = argv[1];
    pki.chain = argv[2];
    pki.key = argv[3];
    if (ne_sock_init()) {
        fprintf(stderr, "ne_sock_init failed\n");
        return 1;
    }
    printf("library: %s\n", ne_version_string());
    printf("libneon: %s\n", loaded_from("libneon"));
    printf("libssl:  %s\n\n", loaded_from("libssl.so"));
    printf("== plain HTTP\n");
    server = start_server(&port);
    printf("embedded server listening on 127.0.0.1:%d\n\n", port);

    sess = ne_session_create("http", "127.0.0.1", (unsigned)port);
    ne_set_useragent(sess, "neonrs-demo/1.0");
    ne_set_notifier(sess, notifier, NULL);

    get(sess, "GET", "/hello");
    get(sess, "HEAD", "/hello");

    req = ne_request_create(sess, "PUT", "/upload");
    ne_set_request_body_buffer(req, upload, strlen(upload));
    status = ne_request_dispatch(req);
    printf("PUT /upload (%zu bytes) -> %s (%s), server received %s bytes\n", strlen(upload),
           status == NE_OK ? "NE_OK" : "error", ne_get_error(sess),
           ne_get_response_header(req, "X-Received-Bytes"));
    ne_request_destroy(req);

    get(sess, "GET", "/missing");
    printf("4 requests used %d connection(s)\n\n", connects);

    printf("ne_close_connection, then one more request:\n");
    ne_close_connection(sess);
    get(sess, "GET", "/hello");
    ne_session_destroy(sess);
    printf("%d connections in all\n\n", connects);
    waitpid(server, &status, 0);
    if (connects != 2) return 1;

    printf("== HTTPS\n");
    resumptions = https_part(&pki, &libssl_resumed);
    ne_sock_exit();
    printf("\nthe TLS server counted %d resumed handshake(s): %d by neon across ne_close_connection, "
           "%d by the libssl client\n",
           resumptions, resumptions - libssl_resumed, libssl_resumed);
    /* neon resumes on its 2nd and 3rd connections, libssl on its 2nd */
    return resumptions == 3 && libssl_resumed == 1 ? 0 : 1;
}
