/* The TLS servers of the verification matrix (c-tests/verify/run.sh).
 *
 *   server ZOODIR PORTFILE LIFETIME
 *
 * Serves every case of the zoo (ZOODIR/cases.txt, made by make-zoo.sh) on two
 * loopback ports, one TLS 1.2 only and one TLS 1.3 only, each sending the
 * case's chain.pem with its key.pem. Built against and always run on the
 * system libssl: run.sh starts it without LD_LIBRARY_PATH, since the servers
 * are the fixed point both client libraries are compared on.
 *
 * When every port listens it writes "<case> <port12> <port13>" lines to
 * PORTFILE (complete when it appears: written aside, then renamed).
 * Each connection is served by a forked child: handshake, then, if the
 * client sends a request head, a 200 response with a two-byte body; the
 * child closes after it or when the client closes. Security level 0 and no
 * session resumption, so that every certificate of the zoo is sent and every
 * connection is verified from scratch. Bounded: a child lives at most 10 s,
 * the server LIFETIME seconds (or until SIGTERM).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#define MAX_PORTS 512

struct port {
    int fd;
    SSL_CTX *ctx;
};

static struct port ports[MAX_PORTS];
static int nports;
static volatile sig_atomic_t stop;

static void on_term(int sig)
{
    (void)sig;
    stop = 1;
}

static void die(const char *what, const char *arg)
{
    fprintf(stderr, "server: %s %s\n", what, arg ? arg : "");
    ERR_print_errors_fp(stderr);
    exit(2);
}

static SSL_CTX *case_ctx(const char *dir, const char *name, int version)
{
    char chain[1024], key[1024];
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (!ctx) die("SSL_CTX_new", NULL);
    snprintf(chain, sizeof chain, "%s/%s/chain.pem", dir, name);
    snprintf(key, sizeof key, "%s/%s/key.pem", dir, name);
    /* Weak keys and digests are part of the zoo: the server must send them. */
    SSL_CTX_set_security_level(ctx, 0);
    if (!SSL_CTX_set_cipher_list(ctx, "ALL:@SECLEVEL=0")) die("cipher list", name);
    SSL_CTX_set_min_proto_version(ctx, version);
    SSL_CTX_set_max_proto_version(ctx, version);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_num_tickets(ctx, 0);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    if (SSL_CTX_use_certificate_chain_file(ctx, chain) != 1) die("chain", chain);
    if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1) die("key", key);
    return ctx;
}

static int listen_port(SSL_CTX *ctx)
{
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;

    if (fd < 0 || nports == MAX_PORTS) die("socket", NULL);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) || listen(fd, 64)
        || getsockname(fd, (struct sockaddr *)&sa, &len))
        die("listen", strerror(errno));
    ports[nports].fd = fd;
    ports[nports].ctx = ctx;
    nports++;
    return ntohs(sa.sin_port);
}

/* One connection, in a child: handshake, answer one request if one comes. */
static void serve(int fd, SSL_CTX *ctx)
{
    static const char reply[] =
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
    char buf[8192];
    size_t have = 0;
    SSL *ssl = SSL_new(ctx);
    int n;

    alarm(10);
    if (!ssl || !SSL_set_fd(ssl, fd) || SSL_accept(ssl) != 1) _exit(0);
    while (have < sizeof buf - 1) {
        n = SSL_read(ssl, buf + have, (int)(sizeof buf - 1 - have));
        if (n <= 0) _exit(0);
        have += (size_t)n;
        buf[have] = '\0';
        if (strstr(buf, "\r\n\r\n")) {
            SSL_write(ssl, reply, (int)sizeof reply - 1);
            SSL_shutdown(ssl);
            break;
        }
    }
    _exit(0);
}

int main(int argc, char **argv)
{
    char line[2048], name[256], tmp[1100];
    struct pollfd pfd[MAX_PORTS];
    FILE *cases, *out;
    time_t deadline;
    int i;

    if (argc != 4) {
        fprintf(stderr, "usage: server ZOODIR PORTFILE LIFETIME\n");
        return 2;
    }
    deadline = time(NULL) + atoi(argv[3]);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGTERM, on_term);
    signal(SIGINT, on_term);

    snprintf(line, sizeof line, "%s/cases.txt", argv[1]);
    if (!(cases = fopen(line, "r"))) die("cannot read", line);
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
    if (!(out = fopen(tmp, "w"))) die("cannot write", tmp);
    while (fgets(line, sizeof line, cases)) {
        int p12, p13;

        if (sscanf(line, "%255s", name) != 1) continue;
        p12 = listen_port(case_ctx(argv[1], name, TLS1_2_VERSION));
        p13 = listen_port(case_ctx(argv[1], name, TLS1_3_VERSION));
        fprintf(out, "%s %d %d\n", name, p12, p13);
    }
    fclose(cases);
    if (fclose(out) || rename(tmp, argv[2])) die("cannot write", argv[2]);

    for (i = 0; i < nports; i++) {
        pfd[i].fd = ports[i].fd;
        pfd[i].events = POLLIN;
    }
    while (!stop && time(NULL) < deadline) {
        int n = poll(pfd, (nfds_t)nports, 200);

        while (waitpid(-1, NULL, WNOHANG) > 0) {}
        for (i = 0; n > 0 && i < nports; i++) {
            int c;
            pid_t pid;

            if (!(pfd[i].revents & POLLIN)) continue;
            if ((c = accept4(pfd[i].fd, NULL, NULL, SOCK_CLOEXEC)) < 0) continue;
            pid = fork();
            if (pid == 0) serve(c, ports[i].ctx);
            close(c);
        }
    }
    /* Children end by themselves within 10 s (alarm). */
    for (i = 0; i < nports; i++) {
        close(ports[i].fd);
        SSL_CTX_free(ports[i].ctx);
    }
    return 0;
}
