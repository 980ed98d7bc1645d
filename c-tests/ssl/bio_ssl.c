/* The SSL filter BIO (BIO_f_ssl) and its constructors, all libssl's:
 * BIO_new_ssl (client and server) pushed onto socket BIOs, BIO_do_handshake
 * with its retry flags, BIO_write/BIO_read/BIO_puts through the filter,
 * BIO_get_ssl, BIO_pending and BIO_get_fd through it, BIO_ssl_copy_session_id
 * (a second connection resumes), BIO_ssl_shutdown, BIO_set_ssl with
 * BIO_NOCLOSE (the program frees the SSL), BIO_pop of the filter, and
 * BIO_new_ssl_connect / BIO_new_buffer_ssl_connect against an in-process
 * TCP server (non-blocking connect: BIO_do_handshake retries with
 * BIO_should_io_special, SSL_get_error says SSL_ERROR_WANT_CONNECT). Freeing
 * the chains with BIO_free_all frees the SSL objects and socket BIOs:
 * valgrind checks it on ours. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>

#include "sslpair.h"

static const char *retry_kind(BIO *b)
{
    if (!BIO_should_retry(b)) return "no retry";
    if (BIO_should_read(b)) return "retry read";
    if (BIO_should_write(b)) return "retry write";
    if (BIO_should_io_special(b)) return "retry special";
    return "retry ?";
}

/* Drives BIO_do_handshake on both chains; 1 when both are done. */
static int handshake(BIO *c, BIO *s, int verbose)
{
    int round, cd = 0, sd = 0;
    long r;

    for (round = 0; round < SP_MAX_ROUNDS && !(cd && sd); round++) {
        if (!cd) {
            r = BIO_do_handshake(c);
            if (verbose) printf("  client BIO_do_handshake %ld, %s\n", r, retry_kind(c));
            if (r == 1) cd = 1;
            else if (!BIO_should_retry(c)) break;
        }
        if (!sd) {
            r = BIO_do_handshake(s);
            if (verbose) printf("  server BIO_do_handshake %ld, %s\n", r, retry_kind(s));
            if (r == 1) sd = 1;
            else if (!BIO_should_retry(s)) break;
        }
    }
    return cd && sd;
}

/* Reads up to n bytes (retrying); returns the count. */
static int read_some(BIO *b, char *buf, int n)
{
    int r = -1, tries;

    for (tries = 0; tries < SP_MAX_ROUNDS; tries++) {
        r = BIO_read(b, buf, n);
        if (r > 0 || !BIO_should_retry(b)) break;
    }
    return r;
}

/* A client and a server chain: ssl filter -> socket BIO. */
static void chains(SSL_CTX *cctx, SSL_CTX *sctx, BIO **c, BIO **s, int fd[2])
{
    sp_socketpair(fd);
    *c = BIO_new_ssl(cctx, 1);
    *s = BIO_new_ssl(sctx, 0);
    if (!*c || !*s) sp_die("BIO_new_ssl");
    BIO_push(*c, BIO_new_socket(fd[0], BIO_NOCLOSE));
    BIO_push(*s, BIO_new_socket(fd[1], BIO_NOCLOSE));
}

static void filter(SSL_CTX *cctx, SSL_CTX *sctx)
{
    BIO *c, *s, *c2, *s2;
    SSL *cs = NULL, *ss = NULL, *cs2 = NULL;
    int fd[2], fd2[2], r, pfd = -1;
    char buf[64];

    printf("filter BIOs over socket BIOs:\n");
    chains(cctx, sctx, &c, &s, fd);
    BIO_get_ssl(c, &cs);
    BIO_get_ssl(s, &ss);
    printf("  BIO_get_ssl: client %s, server %s, client is server %d, server is server %d\n", cs ? "set" : "NULL",
           ss ? "set" : "NULL", SSL_is_server(cs), SSL_is_server(ss));
    printf("  type of the filter: ssl %s; SSL_get_rbio is the socket BIO: %s; BIO_get_fd through the filter: %s\n",
           BIO_method_type(c) == BIO_TYPE_SSL ? "yes" : "no", SSL_get_rbio(cs) == BIO_next(c) ? "yes" : "no",
           BIO_get_fd(c, &pfd) == fd[0] && pfd == fd[0] ? "descriptor" : "other");
    printf("  handshake: %s\n", handshake(c, s, 1) ? "done" : "failed");
    printf("  %s\n", SSL_get_version(cs));
    r = BIO_write(c, "through the filter", 18);
    printf("  client BIO_write %d\n", r);
    r = BIO_puts(c, "+puts");
    printf("  client BIO_puts %d\n", r);
    r = read_some(s, buf, 4);
    printf("  server BIO_read %d [%.*s], BIO_pending > 0: %s\n", r, r > 0 ? r : 0, buf,
           BIO_pending(s) > 0 ? "yes" : "no");
    {
        int got = 0, tries;

        for (tries = 0; tries < 4 && got < 19; tries++) {
            r = read_some(s, buf + got, 19 - got);
            if (r <= 0) break;
            got += r;
        }
        printf("  server BIO_read the rest: [%.*s]\n", got, buf);
    }
    r = BIO_read(s, buf, sizeof buf);
    printf("  server BIO_read with nothing sent: %d, %s\n", r, retry_kind(s));
    r = BIO_write(s, "back", 4);
    r = read_some(c, buf, sizeof buf);
    printf("  client BIO_read %d [%.*s]\n", r, r > 0 ? r : 0, buf);
    printf("  BIO_flush(client) %d\n", (int)BIO_flush(c));

    printf("second pair, copying the client's session:\n");
    chains(cctx, sctx, &c2, &s2, fd2);
    printf("  BIO_ssl_copy_session_id %d\n", BIO_ssl_copy_session_id(c2, c));
    printf("  BIO_ssl_copy_session_id(socket, filter) %d\n", BIO_ssl_copy_session_id(BIO_next(c2), c));
    printf("  handshake: %s\n", handshake(c2, s2, 0) ? "done" : "failed");
    BIO_get_ssl(c2, &cs2);
    printf("  resumed: %d\n", SSL_session_reused(cs2));
    BIO_ssl_shutdown(c2);
    printf("  after BIO_ssl_shutdown: client shutdown flags %d\n", SSL_get_shutdown(cs2));
    BIO_free_all(c2);
    BIO_free_all(s2);
    close(fd2[0]);
    close(fd2[1]);

    BIO_ssl_shutdown(c);
    printf("  first client after BIO_ssl_shutdown: flags %d\n", SSL_get_shutdown(cs));
    BIO_free_all(c);
    BIO_free_all(s);
    close(fd[0]);
    close(fd[1]);
}

static void noclose(SSL_CTX *cctx, SSL_CTX *sctx)
{
    sp_pair p;
    BIO *c, *s;
    SSL *got = NULL;
    char buf[16];
    int r;

    printf("BIO_set_ssl with BIO_NOCLOSE on connections with descriptors:\n");
    sp_new(&p, cctx, sctx);
    SSL_set_connect_state(p.c);
    SSL_set_accept_state(p.s);
    c = BIO_new(BIO_f_ssl());
    s = BIO_new(BIO_f_ssl());
    BIO_set_ssl(c, p.c, BIO_NOCLOSE);
    BIO_set_ssl(s, p.s, BIO_NOCLOSE);
    BIO_get_ssl(c, &got);
    printf("  BIO_get_ssl is the SSL: %s, BIO_next is its rbio: %s, close flag %ld\n", got == p.c ? "yes" : "no",
           BIO_next(c) == SSL_get_rbio(p.c) ? "yes" : "no", (long)BIO_get_close(c));
    printf("  handshake: %s\n", handshake(c, s, 0) ? "done" : "failed");
    r = BIO_write(c, "noclose", 7);
    r = read_some(s, buf, sizeof buf);
    printf("  server read %d [%.*s]\n", r, r > 0 ? r : 0, buf);
    BIO_free_all(c);
    BIO_free_all(s);
    printf("  SSL still usable after BIO_free_all: version %s\n", SSL_get_version(p.c));
    sp_free(&p);
}

static void pop(SSL_CTX *cctx, SSL_CTX *sctx)
{
    BIO *c, *s, *sock;
    SSL *cs = NULL;
    int fd[2];

    printf("BIO_pop of the filter:\n");
    chains(cctx, sctx, &c, &s, fd);
    BIO_get_ssl(c, &cs);
    sock = BIO_pop(c);
    printf("  after BIO_pop: BIO_next(filter) %s, SSL_get_rbio %s\n", BIO_next(c) ? "set" : "NULL",
           SSL_get_rbio(cs) ? "set" : "NULL");
    BIO_free(sock);
    BIO_free_all(c);
    BIO_free_all(s);
    close(fd[0]);
    close(fd[1]);
}

/* Waits up to a second for fd to become readable (loopback TCP may hold
 * small segments back until the peer acknowledges). */
static void wait_readable(int fd)
{
    struct pollfd p;

    p.fd = fd;
    p.events = POLLIN;
    p.revents = 0;
    poll(&p, 1, 1000);
}

/* An in-process TCP server for BIO_new_ssl_connect. */
static int listener(int *port)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 4) != 0
        || getsockname(fd, (struct sockaddr *)&a, &len) != 0)
        sp_die("listener");
    *port = ntohs(a.sin_port);
    return fd;
}

static void connect_bio(SSL_CTX *cctx, SSL_CTX *sctx, int buffered)
{
    int lfd, port, sfd = -1, cfd = -1, round, cd = 0, sd = 0, r, e, want_connect = 0;
    char target[64], buf[64];
    BIO *c;
    SSL *cs = NULL, *ss = NULL;

    printf("%s:\n", buffered ? "BIO_new_buffer_ssl_connect" : "BIO_new_ssl_connect");
    lfd = listener(&port);
    snprintf(target, sizeof target, "127.0.0.1:%d", port);
    c = buffered ? BIO_new_buffer_ssl_connect(cctx) : BIO_new_ssl_connect(cctx);
    if (!c) sp_die("BIO_new_ssl_connect");
    printf("  chain: %s", BIO_method_type(c) == BIO_TYPE_SSL ? "ssl" : "buffer");
    {
        BIO *b;
        for (b = BIO_next(c); b; b = BIO_next(b))
            printf(" -> %s", BIO_method_type(b) == BIO_TYPE_SSL ? "ssl"
                             : BIO_method_type(b) == BIO_TYPE_CONNECT ? "connect" : "other");
    }
    printf("\n");
    BIO_set_conn_hostname(c, target);
    BIO_set_nbio(c, 1);
    BIO_get_ssl(c, &cs);
    printf("  BIO_get_ssl through the chain: %s\n", cs ? "set" : "NULL");
    for (round = 0; round < 400 && !(cd && sd); round++) {
        if (round > 0) {
            struct pollfd pf[2];
            int n = 0;
            if (cfd < 0) BIO_get_fd(c, &cfd);
            if (cfd >= 0 && !cd) { pf[n].fd = cfd; pf[n].events = POLLIN | POLLOUT; pf[n++].revents = 0; }
            if (sfd >= 0 && !sd) { pf[n].fd = sfd; pf[n].events = POLLIN; pf[n++].revents = 0; }
            if (sfd < 0) { pf[n].fd = lfd; pf[n].events = POLLIN; pf[n++].revents = 0; }
            poll(pf, (nfds_t)n, 50);
        }
        if (!cd) {
            ERR_clear_error();
            r = (int)BIO_do_handshake(c);
            if (r == 1) cd = 1;
            else if (!BIO_should_retry(c)) {
                printf("  client handshake failed\n");
                break;
            } else if (BIO_should_io_special(c)) {
                e = SSL_get_error(cs, r);
                if (!want_connect)
                    printf("  first connect retry: %s, reason connect %s, SSL_get_error %d\n", retry_kind(c),
                           BIO_get_retry_reason(c) == BIO_RR_CONNECT ? "yes" : "no", e);
                want_connect = 1;
            }
        }
        if (sfd < 0) {
            sfd = accept(lfd, NULL, NULL);
            if (sfd >= 0) {
                fcntl(sfd, F_SETFL, O_NONBLOCK);
                ss = SSL_new(sctx);
                SSL_set_fd(ss, sfd);
            }
        }
        if (ss && !sd) {
            r = SSL_accept(ss);
            if (r == 1) sd = 1;
            else if ((e = SSL_get_error(ss, r)) != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
                printf("  server handshake failed: %d\n", e);
                break;
            }
        }
    }
    printf("  handshake: %s\n", cd && sd ? "done" : "failed");
    BIO_get_fd(c, &cfd);
    if (cd && sd) {
        r = BIO_write(c, "over tcp", 8);
        printf("  client BIO_write %d\n", r);
        if (buffered) printf("  BIO_flush %d\n", (int)BIO_flush(c));
        for (round = 0, r = -1; round < 50 && r <= 0; round++) {
            r = SSL_read(ss, buf, sizeof buf);
            if (r <= 0) wait_readable(sfd);
        }
        printf("  server read %d [%.*s]\n", r, r > 0 ? r : 0, buf);
        SSL_write(ss, "pong", 4);
        for (round = 0, r = -1; round < 50 && r <= 0; round++) {
            r = BIO_read(c, buf, sizeof buf);
            if (r <= 0 && !BIO_should_retry(c)) break;
            if (r <= 0) wait_readable(cfd);
        }
        printf("  client BIO_read %d [%.*s]\n", r, r > 0 ? r : 0, buf);
    }
    BIO_free_all(c);
    SSL_free(ss);
    if (sfd >= 0) close(sfd);
    close(lfd);
}

int main(void)
{
    int versions[] = { TLS1_2_VERSION, TLS1_3_VERSION };
    size_t i;

    for (i = 0; i < 2; i++) {
        SSL_CTX *sctx = sp_server_ctx(versions[i]), *cctx = sp_client_ctx(versions[i]);

        SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
        printf("== %s\n", sp_vname(versions[i]));
        filter(cctx, sctx);
        noclose(cctx, sctx);
        pop(cctx, sctx);
        connect_bio(cctx, sctx, 0);
        connect_bio(cctx, sctx, 1);
        SSL_CTX_free(sctx);
        SSL_CTX_free(cctx);
    }
    sp_cleanup();
    return 0;
}
