/* neon-rs only (c-tests/own): ne_has_support's whole answer set, with the
 * facts behind the answers that can be seen from a program.
 *
 * Present: TLS, gzip responses (zlib), IPv6, thread-safe TLS. Absent:
 * translated messages (I18N: English only, where Debian's neon answers 1;
 * c-tests/neon/utils.c compares every other code with the system library),
 * SSPI, GSSAPI (9), libproxy (10) and NTLM (11). LFS is 0 as in neon
 * wherever off_t has 64 bits, SOCKS 0 as in every neon since 0.29 (an
 * obsolete code; SOCKS proxies are built in). There is no PKCS#11 feature
 * code: ne_pkcs11.h's providers are never available (c-tests/neon/pkcs11.c). */
#include <stdio.h>
#include <string.h>

#include <ne_socket.h>
#include <ne_ssl.h>
#include <ne_utils.h>

int main(void)
{
    static const char *const names[] = {
        "(none)", "SSL", "ZLIB", "IPV6", "LFS", "SOCKS", "TS_SSL", "I18N", "SSPI",
        "GSSAPI", "LIBPXY", "NTLM",
    };
    ne_ssl_context *ctx;
    ne_inet_addr *ia;
    int code;

    for (code = -2; code <= 14; code++)
        printf("has_support(%d %s) = %d\n", code,
               code >= 0 && code < (int)(sizeof names / sizeof names[0]) ? names[code] : "unknown",
               ne_has_support(code));
    printf("has_support(INT_MIN) = %d, has_support(INT_MAX) = %d\n",
           ne_has_support(-2147483647 - 1), ne_has_support(2147483647));

    /* SSL: client and server contexts exist (a neon without TLS gives NULL). */
    ctx = ne_ssl_context_create(NE_SSL_CTX_CLIENT);
    printf("SSL: client context %s\n", ctx ? "created" : "NULL");
    ne_ssl_context_destroy(ctx);
    ctx = ne_ssl_context_create(NE_SSL_CTX_SERVER);
    printf("SSL: server context %s\n", ctx ? "created" : "NULL");
    ne_ssl_context_destroy(ctx);

    /* IPv6: literals parse and print. */
    ia = ne_iaddr_parse("2001:db8::1", ne_iaddr_ipv6);
    if (ia) {
        char buf[64];
        printf("IPV6: parsed, type %s, prints %s\n",
               ne_iaddr_typeof(ia) == ne_iaddr_ipv6 ? "ipv6" : "other",
               ne_iaddr_print(ia, buf, sizeof buf));
        ne_iaddr_free(ia);
    } else {
        printf("IPV6: not parsed\n");
    }

    /* LFS: not needed, offsets already have 64 bits. */
    printf("LFS: sizeof(ne_off_t) = %u\n", (unsigned)sizeof(ne_off_t));
    return 0;
}
