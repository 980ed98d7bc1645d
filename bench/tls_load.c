/* TLS load for a server under test (make bench, bench/nginx_server.sh).
 *
 * Built against the system OpenSSL and always run on the system libssl: it
 * is the fixed client, the server is what changes.
 *
 *   tls_load full PORT VERSION N       N connections, each a full handshake
 *   tls_load resume PORT VERSION N     one full handshake, then N
 *                                      connections offering the previous
 *                                      connection's session
 *   tls_load keepalive PORT VERSION N  one connection, N GET requests
 *   tls_load idle PORT VERSION N       N connections, each after one GET,
 *                                      held open until stdin closes
 *
 * VERSION is 12 or 13 (the highest version offered). Connections go to
 * 127.0.0.1:PORT, certificates are not verified (the server's identity is
 * not what is measured), every connection ends with close_notify. Each
 * request is "GET /empty.txt" answered by "200" with an empty body.
 * Prints one line:
 *   done=N resumed=K seconds=S
 * (for idle: "ready=N" when all are open, then "done=N" after stdin
 * closes) and exits 0 when every connection and request succeeded (for
 * resume, also when K < N: the caller reports K).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

static int port;

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int dial(void)
{
    struct sockaddr_in a;
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

    if (fd < 0) return -1;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* One GET /empty.txt on a keep-alive connection: 1 on a 200 whose head
 * (and empty body) has arrived. */
static int get(SSL *ssl)
{
    static const char req[] = "GET /empty.txt HTTP/1.1\r\nHost: localhost\r\n\r\n";
    char buf[4096];
    int got = 0, n;

    if (SSL_write(ssl, req, (int)sizeof req - 1) != (int)sizeof req - 1) return 0;
    while (got < (int)sizeof buf - 1) {
        n = SSL_read(ssl, buf + got, (int)sizeof buf - 1 - got);
        if (n <= 0) return 0;
        got += n;
        buf[got] = 0;
        if (strstr(buf, "\r\n\r\n")) return strncmp(buf, "HTTP/1.1 200", 12) == 0;
    }
    return 0;
}

static SSL *open_conn(SSL_CTX *ctx, SSL_SESSION *offer)
{
    int fd = dial();
    SSL *ssl;

    if (fd < 0) return NULL;
    ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, "localhost");
    if (offer) SSL_set_session(ssl, offer);
    if (SSL_connect(ssl) != 1) {
        SSL_free(ssl);
        close(fd);
        return NULL;
    }
    return ssl;
}

static void close_conn(SSL *ssl)
{
    int fd = SSL_get_fd(ssl);

    SSL_shutdown(ssl);
    SSL_free(ssl);
    close(fd);
}

int main(int argc, char **argv)
{
    const char *mode;
    int version, n, i, done = 0, resumed = 0;
    SSL_CTX *ctx;
    SSL_SESSION *sess = NULL;
    double t0;

    if (argc != 5) {
        fprintf(stderr, "usage: tls_load full|resume|keepalive|idle PORT 12|13 N\n");
        return 2;
    }
    mode = argv[1];
    port = atoi(argv[2]);
    version = atoi(argv[3]) == 12 ? TLS1_2_VERSION : TLS1_3_VERSION;
    n = atoi(argv[4]);
    ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_max_proto_version(ctx, version);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    /* The session is taken after a request, so TLS 1.3 tickets have come. */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);

    t0 = now();
    if (!strcmp(mode, "full") || !strcmp(mode, "resume")) {
        int resume = !strcmp(mode, "resume");
        if (resume) {
            SSL *ssl = open_conn(ctx, NULL);
            if (!ssl || !get(ssl)) return 1;
            sess = SSL_get1_session(ssl);
            close_conn(ssl);
            t0 = now();
        }
        for (i = 0; i < n; i++) {
            SSL *ssl = open_conn(ctx, sess);
            if (!ssl) break;
            if (resume) {
                if (!get(ssl)) {
                    close_conn(ssl);
                    break;
                }
                resumed += SSL_session_reused(ssl);
                SSL_SESSION_free(sess);
                sess = SSL_get1_session(ssl);
            }
            close_conn(ssl);
            done++;
        }
        SSL_SESSION_free(sess);
    } else if (!strcmp(mode, "keepalive")) {
        SSL *ssl = open_conn(ctx, NULL);
        if (!ssl) return 1;
        t0 = now();
        for (i = 0; i < n && get(ssl); i++) done++;
        close_conn(ssl);
    } else if (!strcmp(mode, "idle")) {
        SSL **conns = calloc((size_t)n, sizeof *conns);
        char c;
        for (i = 0; i < n; i++) {
            conns[i] = open_conn(ctx, NULL);
            if (!conns[i] || !get(conns[i])) break;
            done++;
        }
        printf("ready=%d\n", done);
        fflush(stdout);
        while (read(0, &c, 1) > 0) {
        }
        for (i = 0; i < done; i++) close_conn(conns[i]);
        free(conns);
    } else {
        return 2;
    }
    printf("done=%d resumed=%d seconds=%.6f\n", done, resumed, now() - t0);
    SSL_CTX_free(ctx);
    return done == n ? 0 : 1;
}
