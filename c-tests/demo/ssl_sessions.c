/* The demo's libssl part: an OpenSSL 3.0 program's use of the session API
 * (SSL_get1_session, SSL_set_session, SSL_CTX_add_session), here running
 * on neon-rs's libssl.so.3 against the embedded TLS 1.3 server. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "demo.h"

static int tcp_connect(int port)
{
    struct sockaddr_in sa;
    struct timeval tv = {10, 0}; /* nothing can hang */
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa)) {
        perror("connect");
        close(fd);
        return -1;
    }
    return fd;
}

/* One GET over TLS; prints the server's answer (its body line). The
 * response is read to its end, so the TLS 1.3 tickets the server sent
 * after the handshake have arrived. */
static void get(SSL *ssl, const char *label)
{
    static const char request[] = "GET /libssl HTTP/1.1\r\nHost: localhost\r\n\r\n";
    char buf[2048];
    size_t n = 0;
    char *body;

    if (SSL_write(ssl, request, sizeof request - 1) != (int)sizeof request - 1) {
        printf("  %s: write failed\n", label);
        return;
    }
    while (n < sizeof buf - 1) {
        int r = SSL_read(ssl, buf + n, (int)(sizeof buf - 1 - n));

        if (r <= 0) break;
        n += (size_t)r;
        buf[n] = '\0';
        body = strstr(buf, "\r\n\r\n");
        if (body && strchr(body + 4, '\n')) break;
    }
    buf[n] = '\0';
    body = strstr(buf, "\r\n\r\n");
    printf("  %s: server says: %s", label, body ? body + 4 : "(no response)\n");
}

/* A connection to the server, resuming `session` if given; NULL if the
 * handshake fails. */
static SSL *open_tls(SSL_CTX *ctx, int port, SSL_SESSION *session)
{
    int fd = tcp_connect(port);
    SSL *ssl;

    if (fd < 0) return NULL;
    ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, "localhost");
    SSL_set1_host(ssl, "localhost");
    if (session) printf("  SSL_set_session(ssl, session) = %d\n", SSL_set_session(ssl, session));
    if (SSL_connect(ssl) != 1) {
        ERR_print_errors_fp(stdout);
        SSL_free(ssl);
        close(fd);
        return NULL;
    }
    return ssl;
}

static void close_tls(SSL *ssl)
{
    int fd = SSL_get_fd(ssl);

    SSL_shutdown(ssl);
    SSL_free(ssl);
    close(fd);
}

int ssl_sessions_demo(const struct demo_pki *pki, int port)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL_SESSION *session;
    SSL *ssl;
    int resumed = 0, r;

    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    if (SSL_CTX_load_verify_locations(ctx, pki->ca, NULL) != 1) {
        ERR_print_errors_fp(stdout);
        SSL_CTX_free(ctx);
        return 0;
    }

    printf("first connection, full handshake:\n");
    ssl = open_tls(ctx, port, NULL);
    if (!ssl) {
        SSL_CTX_free(ctx);
        return 0;
    }
    printf("  %s, verify result %ld, SSL_session_reused = %d\n", SSL_get_version(ssl),
           SSL_get_verify_result(ssl), SSL_session_reused(ssl));
    get(ssl, "GET /libssl");
    session = SSL_get1_session(ssl);
    printf("  SSL_get1_session: %s, protocol 0x%x, resumable %d, has ticket %d (lifetime hint %lus)\n",
           session ? "a session" : "NULL", session ? SSL_SESSION_get_protocol_version(session) : 0,
           session ? SSL_SESSION_is_resumable(session) : 0, session ? SSL_SESSION_has_ticket(session) : 0,
           session ? SSL_SESSION_get_ticket_lifetime_hint(session) : 0);
    close_tls(ssl);
    if (!session) {
        SSL_CTX_free(ctx);
        return 0;
    }

    printf("second connection, offering that session:\n");
    ssl = open_tls(ctx, port, session);
    if (ssl) {
        resumed += SSL_session_reused(ssl);
        printf("  %s, SSL_session_reused = %d\n", SSL_get_version(ssl), SSL_session_reused(ssl));
        get(ssl, "GET /libssl");
        close_tls(ssl);
    }

    /* The client-side cache: what SSL_CTX_add_session answers. */
    printf("the session in the client context's cache:\n");
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT);
    r = SSL_CTX_add_session(ctx, session);
    printf("  SSL_CTX_add_session = %d, %ld session(s) cached\n", r, SSL_CTX_sess_number(ctx));
    r = SSL_CTX_add_session(ctx, session);
    printf("  SSL_CTX_add_session again = %d (already there), %ld session(s) cached\n", r,
           SSL_CTX_sess_number(ctx));
    r = SSL_CTX_remove_session(ctx, session);
    printf("  SSL_CTX_remove_session = %d, %ld session(s) cached\n", r, SSL_CTX_sess_number(ctx));

    SSL_SESSION_free(session);
    SSL_CTX_free(ctx);
    return resumed;
}
