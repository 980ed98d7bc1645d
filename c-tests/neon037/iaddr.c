/* neon 0.34's IPv6 scopes and neon 0.37's ne_iaddr_put: scopes set by
 * interface name on link-local and other IPv6 addresses (the loopback
 * interface, unknown and over-long names, IPv4 addresses), read back,
 * dropped when ne_iaddr_put overwrites an address, kept by ne_iaddr_print
 * and ne_iaddr_cmp as neon does; and a connection to ::1 with the
 * loopback scope when IPv6 is available. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ne_socket.h>

#include "harness.h"

static const char *errname(int e)
{
    switch (e) {
    case 0: return "0";
    case EINVAL: return "EINVAL";
    case ENODEV: return "ENODEV";
    case ENXIO: return "ENXIO";
    default: return "other";
    }
}

static void show(const char *label, const ne_inet_addr *ia)
{
    char buf[64];
    char *scope = ne_iaddr_get_scope(ia);

    printf("%s: %s type %s scope %s\n", label, ne_iaddr_print(ia, buf, sizeof buf),
           ne_iaddr_typeof(ia) == ne_iaddr_ipv6 ? "ipv6" : "ipv4", scope ? scope : "(none)");
    free(scope);
}

int main(void)
{
    static const unsigned char v4raw[4] = { 192, 0, 2, 7 };
    static const unsigned char v6raw[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
                                              0, 0, 0, 0, 0, 0, 0, 0x42 };
    char lo[IF_NAMESIZE];
    const char *names[] = { "lo", "nosuch0", "", "averyveryverylonginterfacename", "lo ", NULL };
    ne_inet_addr *ll, *v4, *plain, *other, *ret;
    int i;

    ne_sock_init();
    /* The loopback interface's name as the system has it. */
    if (!if_indextoname(1, lo)) strcpy(lo, "lo");
    printf("loopback interface found: %s\n", strcmp(lo, "lo") == 0 ? "lo" : "other name");

    ll = ne_iaddr_parse("fe80::1", ne_iaddr_ipv6);
    v4 = ne_iaddr_parse("127.0.0.1", ne_iaddr_ipv4);
    plain = ne_iaddr_parse("2001:db8::1", ne_iaddr_ipv6);
    other = ne_iaddr_parse("fe80::1", ne_iaddr_ipv6);
    show("link-local", ll);
    for (i = 0; names[i]; i++) {
        int r = ne_iaddr_set_scope(ll, names[i]);
        printf("set_scope(fe80::1, \"%s\") = %s\n", names[i], errname(r));
        show("  now", ll);
    }
    printf("set_scope(fe80::1, loopback) = %s\n", errname(ne_iaddr_set_scope(ll, lo)));
    show("link-local", ll);
    printf("cmp with the same address without scope: %d\n", ne_iaddr_cmp(ll, other));
    printf("set_scope(127.0.0.1, loopback) = %s\n", errname(ne_iaddr_set_scope(v4, lo)));
    show("ipv4", v4);
    printf("set_scope(2001:db8::1, loopback) = %s\n", errname(ne_iaddr_set_scope(plain, lo)));
    show("global", plain);

    /* ne_iaddr_put overwrites in place and drops the scope. */
    ret = ne_iaddr_put(ll, ne_iaddr_ipv4, v4raw);
    printf("put ipv4 into the link-local address returns it: %s\n", ret == ll ? "yes" : "no");
    show("  now", ll);
    ret = ne_iaddr_put(ll, ne_iaddr_ipv6, v6raw);
    printf("put ipv6 returns it: %s\n", ret == ll ? "yes" : "no");
    show("  now", ll);
    printf("set_scope after put = %s\n", errname(ne_iaddr_set_scope(ll, lo)));
    show("  now", ll);
    ret = ne_iaddr_put(ll, ne_iaddr_ipv6, v6raw);
    show("  put the same again", ll);
    ret = ne_iaddr_put(v4, ne_iaddr_ipv6, v6raw);
    show("ipv4 address made ipv6", v4);
    {
        unsigned char raw[16];
        ne_iaddr_raw(v4, raw);
        printf("  raw matches: %s\n", memcmp(raw, v6raw, 16) == 0 ? "yes" : "no");
    }
    printf("cmp after put: %d\n", ne_iaddr_cmp(v4, ll));

    /* Addresses from a lookup take a scope too. */
    {
        ne_sock_addr *sa = ne_addr_resolve("[fe80::2]", 0);
        ne_inet_addr *ia = ne_addr_result(sa) ? NULL : (ne_inet_addr *)ne_addr_first(sa);
        if (ia) {
            printf("resolved [fe80::2]: set_scope = %s\n", errname(ne_iaddr_set_scope(ia, lo)));
            show("  resolved", ia);
        } else {
            printf("resolved [fe80::2]: no address\n");
        }
        ne_addr_destroy(sa);
    }

    /* A connection to ::1 through the loopback scope (skipped without IPv6). */
    {
        int port, fd = -1;
        ne_inet_addr *v6lo = ne_iaddr_parse("::1", ne_iaddr_ipv6);
        ne_socket *sock = ne_sock_create();
        struct sockaddr_in6 sin6;
        socklen_t len = sizeof sin6;
        int lfd = socket(AF_INET6, SOCK_STREAM, 0);

        memset(&sin6, 0, sizeof sin6);
        sin6.sin6_family = AF_INET6;
        sin6.sin6_addr = in6addr_loopback;
        if (lfd >= 0 && bind(lfd, (struct sockaddr *)&sin6, sizeof sin6) == 0 && listen(lfd, 1) == 0
            && getsockname(lfd, (struct sockaddr *)&sin6, &len) == 0) {
            port = ntohs(sin6.sin6_port);
            ne_iaddr_set_scope(v6lo, lo);
            printf("connect to [::1%%lo]: %d\n", ne_sock_connect(sock, v6lo, (unsigned)port));
            fd = accept(lfd, NULL, NULL);
            printf("accepted: %s\n", fd >= 0 ? "yes" : "no");
        } else {
            printf("no IPv6 loopback here: connection skipped\n");
        }
        if (fd >= 0) close(fd);
        if (lfd >= 0) close(lfd);
        ne_sock_close(sock);
        ne_iaddr_free(v6lo);
    }

    ne_iaddr_free(ll);
    ne_iaddr_free(v4);
    ne_iaddr_free(plain);
    ne_iaddr_free(other);
    ne_sock_exit();
    return 0;
}
