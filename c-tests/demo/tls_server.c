/* The demo's embedded HTTPS server, written against OpenSSL 3.0's API and
 * run on neon-rs's libssl.so.3: TLS 1.3 only, one SSL_CTX (so tickets it
 * issues on one connection resume on the next), keep-alive HTTP/1.1. It
 * counts the handshakes that resumed a session (SSL_session_reused) and
 * says so in every response. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "demo.h"

/* Reads one request head over TLS; 0 when one was read. */
static int read_head(SSL *ssl)
{
    char head[4096];
    size_t n = 0;

    while (n < sizeof head) {
        if (SSL_read(ssl, head + n, 1) != 1) return -1;
        n++;
        if (n >= 4 && memcmp(head + n - 4, "\r\n\r\n", 4) == 0) return 0;
    }
    return -1;
}

static void serve_connection(SSL *ssl, int number, int resumed, int resumptions)
{
    char body[256], reply[512];

    snprintf(body, sizeof body, "connection %d, %s, session resumed: %s\n", number,
             SSL_get_version(ssl), resumed ? "yes" : "no");
    while (read_head(ssl) == 0) {
        int len = snprintf(reply, sizeof reply,
                           "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\n"
                           "X-TLS-Resumed: %s\r\nX-TLS-Resumptions: %d\r\n\r\n%s",
                           strlen(body), resumed ? "yes" : "no", resumptions, body);
        if (SSL_write(ssl, reply, len) != len) break;
    }
}

static int serve(int lfd, const struct demo_pki *pki, int connections)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    int i, resumptions = 0;

    if (!ctx || SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) != 1
        || SSL_CTX_use_certificate_chain_file(ctx, pki->chain) != 1
        || SSL_CTX_use_PrivateKey_file(ctx, pki->key, SSL_FILETYPE_PEM) != 1) {
        ERR_print_errors_fp(stderr);
        return 0;
    }
    for (i = 1; i <= connections; i++) {
        int fd = accept(lfd, NULL, NULL);
        SSL *ssl;

        if (fd < 0) break;
        ssl = SSL_new(ctx);
        SSL_set_fd(ssl, fd);
        if (SSL_accept(ssl) == 1) {
            int resumed = SSL_session_reused(ssl);

            resumptions += resumed;
            serve_connection(ssl, i, resumed, resumptions);
            SSL_shutdown(ssl);
        } else {
            ERR_print_errors_fp(stderr);
        }
        SSL_free(ssl);
        close(fd);
    }
    SSL_CTX_free(ctx);
    return resumptions;
}

pid_t tls_server_start(const struct demo_pki *pki, int connections, int *port)
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
        perror("demo TLS server");
        exit(1);
    }
    *port = ntohs(sa.sin_port);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        alarm(30); /* the demo stops by itself, whatever happens */
        _exit(serve(lfd, pki, connections));
    }
    close(lfd);
    return pid;
}

const char *loaded_from(const char *name)
{
    static char path[4096];
    char line[4096 + 128];
    FILE *maps = fopen("/proc/self/maps", "r");

    strcpy(path, "?");
    while (maps && fgets(line, sizeof line, maps)) {
        char *p = strchr(line, '/');

        if (p && strstr(p, name)) {
            p[strcspn(p, "\n")] = '\0';
            snprintf(path, sizeof path, "%s", p);
            break;
        }
    }
    if (maps) fclose(maps);
    return path;
}
