/* TLS on neon sockets, neon 0.34-0.37 style: ne_sock_handshake (with and
 * without a server name) against the TLS nginx's endpoints, the protocol
 * negotiated (ne_sock_getproto, ne_ssl_proto_name) under
 * ne_ssl_context_set_versions bounds, the chain from ne_sock_getcert, and
 * ne_ssl_check_certificate's verdict on good, expired, not yet valid,
 * wrong-host, untrusted, self-signed and bad-chain certificates, by name
 * and by address; the same after the older ne_sock_connect_ssl; trust from
 * ne_ssl_context_trustdefca (SSL_CERT_FILE). Each connection sends a
 * request and prints the status line and nginx's log entry for it
 * (protocol, server name received). Needs the TLS nginx (NEONRS_TLS_*). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_socket.h>
#include <ne_ssl.h>

#include "tlsutil.h"

#define NO_BOUNDS (-1)

static ne_socket *connect_to(int port)
{
    ne_socket *sock = ne_sock_create();
    ne_inet_addr *ia = ne_iaddr_parse("127.0.0.1", ne_iaddr_ipv4);

    ne_sock_read_timeout(sock, 10);
    ne_sock_connect_timeout(sock, 10);
    if (ne_sock_connect(sock, ia, (unsigned)port) != 0) {
        printf("connect to the TLS nginx failed\n");
        exit(2);
    }
    ne_iaddr_free(ia);
    return sock;
}

/* Sends a marked GET over the connection; prints the status line and the
 * server's log entry. */
static void request(ne_socket *sock, const char *tag)
{
    char req[256], line[256], marker[128], logbuf[256];
    ssize_t n;

    snprintf(req, sizeof req,
             "GET /hello.txt?%s-%s. HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
             tls_run_id(), tag);
    if (ne_sock_fullwrite(sock, req, strlen(req)) != 0) {
        printf("  request: write failed\n");
        return;
    }
    n = ne_sock_readline(sock, line, sizeof line);
    printf("  response: ");
    if (n > 0)
        print_escaped(line, (size_t)n);
    else
        printf("(read failed)");
    printf("\n");
    snprintf(marker, sizeof marker, "?%s-%s.", tls_run_id(), tag);
    printf("  server log: [%s]\n", tls_log_line(marker, logbuf, sizeof logbuf));
}

static void check(ne_ssl_context *ctx, ne_socket *sock, const ne_ssl_certificate *cert,
                  const char *host, const char *addr)
{
    ne_inet_addr *ia = addr ? ne_iaddr_parse(addr, ne_iaddr_ipv4) : NULL;
    int failures = -7, ret;

    ret = ne_ssl_check_certificate(ctx, sock, host, ia, cert, 0, &failures);
    printf("  check(host %s, addr %s): %d failures ", host ? host : "NULL", addr ? addr : "NULL",
           ret);
    if (failures == -7)
        printf("untouched");
    else
        print_failures(failures);
    printf(" ");
    print_str("error", ret ? ne_sock_error(sock) : "(none)");
    if (ia) ne_iaddr_free(ia);
}

struct tcase {
    const char *endpoint;
    int version;        /* 12 or 13 */
    const char *trust;  /* CA file to trust, or NULL */
    int min, max;       /* ne_ssl_context_set_versions, or NO_BOUNDS */
    const char *sni;    /* hostname for ne_sock_handshake */
    int old_api;        /* ne_sock_connect_ssl instead */
};

static void run(const struct tcase *c, const char *tag)
{
    ne_ssl_context *ctx = ne_ssl_context_create(NE_SSL_CTX_CLIENT);
    ne_socket *sock;
    ne_ssl_certificate *cert;
    enum ne_ssl_protocol proto;
    int ret;

    printf("== %s_%d trust %s versions ", c->endpoint, c->version, c->trust ? c->trust : "none");
    if (c->min == NO_BOUNDS)
        printf("any");
    else
        printf("%s..%s", ne_ssl_proto_name(c->min), ne_ssl_proto_name(c->max));
    printf(" %s %s\n", c->old_api ? "connect_ssl" : "handshake", c->sni ? c->sni : "(no name)");
    if (c->trust) {
        ne_ssl_certificate *ca = tls_cert(c->trust);
        ne_ssl_context_trustcert(ctx, ca);
        ne_ssl_cert_free(ca);
    }
    if (c->min != NO_BOUNDS)
        printf("  set_versions: %d\n", ne_ssl_context_set_versions(ctx, c->min, c->max));
    sock = connect_to(tls_port(c->endpoint, c->version));
    proto = ne_sock_getproto(sock);
    printf("  before: proto %d (%s)\n", proto, ne_ssl_proto_name(proto));
    if (c->old_api)
        ret = ne_sock_connect_ssl(sock, ctx, NULL);
    else
        ret = ne_sock_handshake(sock, ctx, c->sni, 0);
    printf("  handshake: %d\n", ret);
    if (ret == 0) {
        proto = ne_sock_getproto(sock);
        printf("  proto %d (%s)\n", proto, ne_ssl_proto_name(proto));
        cert = ne_sock_getcert(sock, ctx);
        if (cert) {
            const ne_ssl_certificate *c2;
            int n = 0;
            for (c2 = cert; c2; c2 = ne_ssl_cert_signedby(c2)) n++;
            print_dname("  leaf subject", ne_ssl_cert_subject(cert));
            printf("  chain length %d\n", n);
            check(ctx, sock, cert, "localhost", NULL);
            check(ctx, sock, cert, NULL, "127.0.0.1");
            check(ctx, sock, cert, "127.0.0.1", NULL);
            check(ctx, sock, cert, "wrong.example", NULL);
            ne_ssl_cert_free(cert);
        } else {
            print_str("  getcert: NULL, error", ne_sock_error(sock));
        }
        request(sock, tag);
    }
    ne_sock_close(sock);
    ne_ssl_context_destroy(ctx);
}

int main(void)
{
    static const struct tcase cases[] = {
        { "VALID", 13, "ca.pem", NO_BOUNDS, 0, "localhost", 0 },
        { "VALID", 12, "ca.pem", NO_BOUNDS, 0, "localhost", 0 },
        { "VALID", 13, "ca.pem", NO_BOUNDS, 0, NULL, 0 },
        { "VALID", 13, "ca.pem", NE_SSL_PROTO_UNSPEC, NE_SSL_PROTO_TLS_1_2, "localhost", 0 },
        { "VALID", 13, "ca.pem", NE_SSL_PROTO_TLS_1_2, NE_SSL_PROTO_TLS_1_3, "localhost", 0 },
        { "VALID", 13, "ca.pem", NE_SSL_PROTO_TLS_1_3, NE_SSL_PROTO_UNSPEC, "localhost", 0 },
        { "VALID", 12, "ca.pem", NE_SSL_PROTO_TLS_1_3, NE_SSL_PROTO_TLS_1_3, "localhost", 0 },
        { "VALID", 13, "ca.pem", NE_SSL_PROTO_TLS_1_0, NE_SSL_PROTO_TLS_1_1, "localhost", 0 },
        { "VALID", 13, "ca.pem", NE_SSL_PROTO_SSL_3, NE_SSL_PROTO_SSL_3, "localhost", 0 },
        { "VALID", 13, "ca.pem", NE_SSL_PROTO_TLS_1_3, NE_SSL_PROTO_TLS_1_2, "localhost", 0 },
        { "VALID", 13, NULL, NO_BOUNDS, 0, "localhost", 0 },
        { "EXPIRED", 13, "ca.pem", NO_BOUNDS, 0, "localhost", 0 },
        { "NOTYET", 13, "ca.pem", NO_BOUNDS, 0, "localhost", 0 },
        { "WRONGHOST", 13, "ca.pem", NO_BOUNDS, 0, "localhost", 0 },
        { "DNSONLY", 13, "ca.pem", NO_BOUNDS, 0, "localhost", 0 },
        { "IPONLY", 12, "ca.pem", NO_BOUNDS, 0, "localhost", 0 },
        { "UNTRUSTED", 13, "ca.pem", NO_BOUNDS, 0, "localhost", 0 },
        { "EXPUNTRUSTED", 12, "ca.pem", NO_BOUNDS, 0, "localhost", 0 },
        { "SELFSIGNED", 13, "ca.pem", NO_BOUNDS, 0, "localhost", 0 },
        { "SELFSIGNED", 13, "selfsigned.pem", NO_BOUNDS, 0, "localhost", 0 },
        { "NOINTERMEDIATE", 13, "ca.pem", NO_BOUNDS, 0, "localhost", 0 },
        { "BADCHAIN", 12, "ca.pem", NO_BOUNDS, 0, "localhost", 0 },
        { "VALID", 13, "ca.pem", NO_BOUNDS, 0, NULL, 1 },
        { "EXPIRED", 12, "ca.pem", NO_BOUNDS, 0, NULL, 1 },
        { "WRONGHOST", 13, NULL, NO_BOUNDS, 0, NULL, 1 },
    };
    static const int bad_bounds[][2] = { { 6, 0 }, { 0, 6 }, { -1, 0 }, { 0, 100 } };
    char tag[32];
    size_t i;

    tls_require();
    ne_sock_init();
    {
        ne_ssl_context *ctx = ne_ssl_context_create(NE_SSL_CTX_CLIENT);
        ne_socket *plain = ne_sock_create();
        for (i = 0; i < sizeof bad_bounds / sizeof bad_bounds[0]; i++)
            printf("set_versions(%d, %d) = %d\n", bad_bounds[i][0], bad_bounds[i][1],
                   ne_ssl_context_set_versions(ctx, (enum ne_ssl_protocol)bad_bounds[i][0],
                                               (enum ne_ssl_protocol)bad_bounds[i][1]));
        printf("unconnected socket: proto %d\n", ne_sock_getproto(plain));
        ne_sock_close(plain);
        ne_ssl_context_destroy(ctx);
    }
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(tag, sizeof tag, "c%zu", i);
        run(&cases[i], tag);
    }

    /* Trust from the default CA store, which SSL_CERT_FILE names. */
    {
        static const struct tcase valid = { "VALID", 13, NULL, NO_BOUNDS, 0, "localhost", 0 };
        ne_ssl_context *ctx = ne_ssl_context_create(NE_SSL_CTX_CLIENT);
        ne_socket *sock;
        ne_ssl_certificate *cert;

        (void)valid;
        setenv("SSL_CERT_FILE", tls_file("ca.pem"), 1);
        setenv("SSL_CERT_DIR", tls_file("no-such-dir"), 1);
        ne_ssl_context_trustdefca(ctx);
        printf("== VALID_13 with trustdefca and SSL_CERT_FILE=ca.pem\n");
        sock = connect_to(tls_port("VALID", 13));
        printf("  handshake: %d\n", ne_sock_handshake(sock, ctx, "localhost", 0));
        cert = ne_sock_getcert(sock, ctx);
        if (cert) {
            check(ctx, sock, cert, "localhost", NULL);
            ne_ssl_cert_free(cert);
        }
        request(sock, "defca");
        ne_sock_close(sock);
        ne_ssl_context_destroy(ctx);

        setenv("SSL_CERT_FILE", tls_file("other-ca.pem"), 1);
        ctx = ne_ssl_context_create(NE_SSL_CTX_CLIENT);
        ne_ssl_context_trustdefca(ctx);
        printf("== VALID_13 with trustdefca and SSL_CERT_FILE=other-ca.pem\n");
        sock = connect_to(tls_port("VALID", 13));
        printf("  handshake: %d\n", ne_sock_handshake(sock, ctx, "localhost", 0));
        cert = ne_sock_getcert(sock, ctx);
        if (cert) {
            check(ctx, sock, cert, "localhost", NULL);
            ne_ssl_cert_free(cert);
        }
        ne_sock_close(sock);
        ne_ssl_context_destroy(ctx);
        unsetenv("SSL_CERT_FILE");
        unsetenv("SSL_CERT_DIR");
    }
    ne_sock_exit();
    return 0;
}
