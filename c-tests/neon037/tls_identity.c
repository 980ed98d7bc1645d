/* neon 0.37's ne_ssl_check_certificate on a socket without TLS (no
 * verification failures), so that only its identity check shows: every
 * certificate of the test PKI (c-tests/tls/make-certs.sh) against host
 * names and IP addresses, neon 0.37's rules (dNSName entries for names,
 * iPAddress entries for addresses, the commonName without either, wildcards
 * for one label), the failure bits and the socket's error. Uses the PKI of
 * the TLS nginx (NEONRS_TLS_DIR). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_socket.h>
#include <ne_ssl.h>

#include "tlsutil.h"

struct target {
    const char *host; /* NULL: none */
    const char *addr; /* NULL: none */
};

static const struct target targets[] = {
    { "localhost", NULL },
    { "LOCALHOST", NULL },
    { "other.example", NULL },
    { "www.example.com", NULL },
    { "a.b.example.com", NULL },
    { "example.com", NULL },
    { "127.0.0.1", NULL },
    { "", NULL },
    { NULL, NULL },
    { NULL, "127.0.0.1" },
    { NULL, "::1" },
    { NULL, "10.0.0.1" },
    { "localhost", "127.0.0.1" },
    { "localhost", "10.0.0.1" },
    { "multi.example", NULL },
    { "first.example", NULL },
    { "nohost.example.com", NULL },
    { "wrong.example", NULL },
};

#define NT (sizeof targets / sizeof targets[0])

int main(void)
{
    static const char *const certs[] = {
        "server.pem", "wronghost.pem", "dnsonly.pem", "iponly.pem", "selfsigned.pem",
        "cn-only.pem", "case-cn.pem", "two-cn.pem", "no-cn.pem", "email-only.pem",
        "multi-rdn.pem", "san-dns.pem", "wildcard.pem", "san-ip.pem", "ip-first.pem",
        "san-uri.pem", "san-email.pem", "utf8.pem", "expired.pem",
    };
    ne_ssl_context *ctx;
    ne_socket *sock;
    size_t i, t;

    tls_require();
    ne_sock_init();
    ctx = ne_ssl_context_create(NE_SSL_CTX_CLIENT);
    sock = ne_sock_create();
    for (i = 0; i < sizeof certs / sizeof certs[0]; i++) {
        ne_ssl_certificate *cert = tls_cert(certs[i]);

        /* (ne_ssl_cert_identity is left out: neon 0.37 changed it and
         * neon-rs keeps neon 0.32.5's, see README.md.) */
        printf("== %s\n", certs[i]);
        for (t = 0; t < NT; t++) {
            ne_inet_addr *ia = NULL;
            int failures = -7, ret;

            if (targets[t].addr)
                ia = ne_iaddr_parse(targets[t].addr,
                                    strchr(targets[t].addr, ':') ? ne_iaddr_ipv6 : ne_iaddr_ipv4);
            ne_sock_set_error(sock, "untouched");
            ret = ne_ssl_check_certificate(ctx, sock, targets[t].host, ia, cert, 0, &failures);
            printf("  host %s addr %s: %d failures ", targets[t].host ? targets[t].host : "NULL",
                   targets[t].addr ? targets[t].addr : "NULL", ret);
            if (failures == -7)
                printf("untouched");
            else
                print_failures(failures);
            printf(" ");
            print_str("error", ne_sock_error(sock));
            if (ia) ne_iaddr_free(ia);
        }
        ne_ssl_cert_free(cert);
    }
    ne_sock_close(sock);
    ne_ssl_context_destroy(ctx);
    ne_sock_exit();
    return 0;
}
