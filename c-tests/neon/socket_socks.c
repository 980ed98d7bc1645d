/* ne_socket.h, part 3: ne_sock_proxy, the SOCKS v4/v4a/v5 client handshake,
 * against a scripted fake proxy. The proxy logs every byte the client sends;
 * after a successful handshake it says "ok!\n" through the tunnel and logs
 * what the client answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_socket.h>

#include "harness.h"

/* The destination port every case asks for: 55555 = 0xd903. */
#define DEST_PORT 55555

struct socks_case {
    const char *label;
    enum ne_sock_sversion vers;
    const char *addr; /* numeric destination address, or NULL */
    const char *hostname;
    const char *username, *password;
    const char *const *script; /* the proxy's side */
    int wait_for_close;        /* wait until the proxy has gone before starting */
};

#define SCRIPT(...) ((const char *const[]){ "accept", __VA_ARGS__, NULL })
/* A proxy that answers the v5 greeting with "no authentication". */
#define V5_NOAUTH "readbody 4", "sendhex 0500"
/* The end of a successful handshake: a message through the tunnel, then
 * whatever the client sends until it closes. */
#define TUNNEL "send ok!\n", "drain"

static char long_user[301];

static const struct socks_case cases[] = {
    /* SOCKS v4 */
    { "v4 by address", NE_SOCK_SOCKSV4, "127.0.0.1", NULL, NULL, NULL,
      SCRIPT("readbody 9", "sendhex 005a 0000 00000000", TUNNEL), 0 },
    { "v4 with a user id", NE_SOCK_SOCKSV4, "10.9.8.7", NULL, "foobar", "ignored",
      SCRIPT("readbody 15", "sendhex 005a 0000 00000000", TUNNEL), 0 },
    { "v4 with an IPv6 address", NE_SOCK_SOCKSV4, "cafe:babe::1", NULL, NULL, NULL,
      SCRIPT("readbody 9", "sendhex 005a 0000 00000000", TUNNEL), 0 },
    { "v4 with a 300-byte user id", NE_SOCK_SOCKSV4, "127.0.0.1", NULL, long_user, NULL,
      SCRIPT("readbody 53", "sendhex 005a 0000 00000000", TUNNEL), 0 },
    { "v4 rejected", NE_SOCK_SOCKSV4, "127.0.0.1", NULL, NULL, NULL,
      SCRIPT("readbody 9", "sendhex 005b 0000 00000000", "drain"), 0 },
    { "v4 rejected, identd", NE_SOCK_SOCKSV4, "127.0.0.1", NULL, NULL, NULL,
      SCRIPT("readbody 9", "sendhex 005c 0000 00000000", "drain"), 0 },
    { "v4 short reply", NE_SOCK_SOCKSV4, "127.0.0.1", NULL, NULL, NULL,
      SCRIPT("readbody 9", "sendhex 005a00", "close"), 0 },
    { "v4 proxy closes", NE_SOCK_SOCKSV4, "127.0.0.1", NULL, NULL, NULL,
      SCRIPT("readbody 9", "close"), 0 },
    { "v4 proxy resets", NE_SOCK_SOCKSV4, "127.0.0.1", NULL, NULL, NULL,
      SCRIPT("readbody 9", "reset"), 0 },
    { "v4 proxy gone before the request", NE_SOCK_SOCKSV4, "127.0.0.1", NULL, NULL, NULL,
      SCRIPT("reset"), 1 },
    { "version 7 is v4", (enum ne_sock_sversion)7, "127.0.0.1", "ignored.example", NULL, NULL,
      SCRIPT("readbody 9", "sendhex 005a 0000 00000000", TUNNEL), 0 },
    /* SOCKS v4a */
    { "v4a by name", NE_SOCK_SOCKSV4A, "10.0.0.1", "www.example.com", "fred", NULL,
      SCRIPT("readbody 29", "sendhex 005a 0000 00000000", TUNNEL), 0 },
    { "v4a without user id", NE_SOCK_SOCKSV4A, NULL, "a.example", NULL, NULL,
      SCRIPT("readbody 19", "sendhex 005a 0000 00000000", TUNNEL), 0 },
    { "v4a rejected", NE_SOCK_SOCKSV4A, NULL, "a.example", NULL, NULL,
      SCRIPT("readbody 19", "sendhex 005d 0000 00000000", "drain"), 0 },
    /* SOCKS v5 */
    { "v5 by name", NE_SOCK_SOCKSV5, NULL, "www.example.com", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 22", "sendhex 05000001 00000000 0000", TUNNEL), 0 },
    { "v5 by IPv4 address, IPv6 bound address", NE_SOCK_SOCKSV5, "127.0.0.1", "ignored", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 10",
             "sendhex 05000004 20010db8000000000000000000000001 1f90", TUNNEL), 0 },
    { "v5 by IPv6 address, bound name", NE_SOCK_SOCKSV5, "cafe::babe", NULL, NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 22", "sendhex 05000003 04 686f7374 0050", TUNNEL), 0 },
    { "v5 with login", NE_SOCK_SOCKSV5, NULL, "www.example.com", "norman", "foobar",
      SCRIPT("readbody 4", "sendhex 0502", "readbody 15", "sendhex 0100", "readbody 22",
             "sendhex 05000001 7f000001 0000", TUNNEL), 0 },
    { "v5 login offered, not asked for", NE_SOCK_SOCKSV5, NULL, "h.example", "norman", "foobar",
      SCRIPT(V5_NOAUTH, "readbody 16", "sendhex 05000001 7f000001 0000", TUNNEL), 0 },
    { "v5 with a 300-byte user name", NE_SOCK_SOCKSV5, NULL, "h", long_user, "pw",
      SCRIPT("readbody 4", "sendhex 0502", "readbody 49", "sendhex 0100", "readbody 8",
             "sendhex 05000001 7f000001 0000", TUNNEL), 0 },
    { "v5 login rejected", NE_SOCK_SOCKSV5, NULL, "h", "norman", "wrong",
      SCRIPT("readbody 4", "sendhex 0502", "readbody 14", "sendhex 0101", "drain"), 0 },
    { "v5 login reply version", NE_SOCK_SOCKSV5, NULL, "h", "norman", "foobar",
      SCRIPT("readbody 4", "sendhex 0502", "readbody 15", "sendhex 0500", "drain"), 0 },
    { "v5 proxy closes after login", NE_SOCK_SOCKSV5, NULL, "h", "norman", "foobar",
      SCRIPT("readbody 4", "sendhex 0502", "readbody 15", "close"), 0 },
    { "v5 greeting version", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT("readbody 4", "sendhex 0102", "drain"), 0 },
    { "v5 greeting truncated", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT("readbody 4", "sendhex 05", "close"), 0 },
    { "v5 proxy closes", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT("readbody 4", "close"), 0 },
    { "v5 proxy resets", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT("readbody 4", "reset"), 0 },
    { "v5 proxy gone before the greeting", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT("reset"), 1 },
    { "v5 no acceptable method", NE_SOCK_SOCKSV5, NULL, "h", "u", "p",
      SCRIPT("readbody 4", "sendhex 05ff", "drain"), 0 },
    { "v5 unexpected method", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT("readbody 4", "sendhex 05fe", "drain"), 0 },
    { "v5 reply 1", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "sendhex 05010001", "drain"), 0 },
    { "v5 reply 2", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "sendhex 05020001", "drain"), 0 },
    { "v5 reply 3", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "sendhex 05030001", "drain"), 0 },
    { "v5 reply 4", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "sendhex 05040001", "drain"), 0 },
    { "v5 reply 5", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "sendhex 05050001", "drain"), 0 },
    { "v5 reply 6", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "sendhex 05060001", "drain"), 0 },
    { "v5 reply 7", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "sendhex 05070001", "drain"), 0 },
    { "v5 reply 8", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "sendhex 05080001", "drain"), 0 },
    { "v5 reply 9", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "sendhex 05090001", "drain"), 0 },
    { "v5 reply 255", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "sendhex 05ff0001", "drain"), 0 },
    { "v5 reply version", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "sendhex 04000001", "drain"), 0 },
    { "v5 reply address type", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "sendhex 05000002", "drain"), 0 },
    { "v5 reply truncated", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "sendhex 0500", "close"), 0 },
    { "v5 bound address truncated", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "sendhex 05000001 7f00", "close"), 0 },
    { "v5 bound name without length", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "sendhex 05000003", "close"), 0 },
    { "v5 bound name truncated", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "sendhex 05000003 08 6162", "close"), 0 },
    { "v5 proxy closes after the request", NE_SOCK_SOCKSV5, NULL, "h", NULL, NULL,
      SCRIPT(V5_NOAUTH, "readbody 8", "close"), 0 },
};

static void run_case(const struct socks_case *c)
{
    struct srv srv;
    ne_inet_addr *addr = NULL, *lo;
    ne_socket *sock;
    char buf[64];
    int ret;

    printf("-- %s\n", c->label);
    /* The proxy starts first: its process must not inherit neon objects
     * (they would show as leaks when it exits). */
    srv_start(&srv, c->script);
    lo = ne_iaddr_parse("127.0.0.1", ne_iaddr_ipv4);
    sock = ne_sock_create();
    if (c->addr)
        addr = ne_iaddr_parse(c->addr, strchr(c->addr, ':') ? ne_iaddr_ipv6 : ne_iaddr_ipv4);
    ne_sock_read_timeout(sock, 10);
    ret = ne_sock_connect(sock, lo, (unsigned)srv.port);
    if (ret) printf("connect: %d\n", ret);
    if (c->wait_for_close) {
        /* readable once the proxy's reset has arrived */
        printf("block until the proxy is gone: %d\n", ne_sock_block(sock, 10));
    }
    ne_sock_set_error(sock, "%s", "earlier error");
    ret = ne_sock_proxy(sock, c->vers, addr, c->hostname, DEST_PORT, c->username, c->password);
    printf("ne_sock_proxy: %d", ret);
    if (ret) {
        print_str(" error", ne_sock_error(sock));
    } else {
        ssize_t n = ne_sock_readline(sock, buf, sizeof buf);
        printf("\n");
        if (n > 0) print_str("through the tunnel", buf);
        else print_str("tunnel read failed", ne_sock_error(sock));
        ne_sock_fullwrite(sock, "hello\n", 6);
    }
    ne_sock_close(sock);
    printf("proxy: %d\n", srv_finish(&srv));
    if (addr) ne_iaddr_free(addr);
    ne_iaddr_free(lo);
}

/* The proxy never answers: the read times out, and the message is the
 * context followed by whatever the socket held before. */
static void timeout(void)
{
    static const char *const script[] = { "accept", "readbody 4", "sleep 1500", NULL };
    struct srv srv;
    ne_inet_addr *lo;
    ne_socket *sock;
    int ret;

    printf("-- v5 proxy does not answer\n");
    srv_start(&srv, script);
    lo = ne_iaddr_parse("127.0.0.1", ne_iaddr_ipv4);
    sock = ne_sock_create();
    ne_sock_connect(sock, lo, (unsigned)srv.port);
    ne_sock_read_timeout(sock, 1);
    ne_sock_set_error(sock, "%s", "earlier error");
    ret = ne_sock_proxy(sock, NE_SOCK_SOCKSV5, NULL, "h", DEST_PORT, NULL, NULL);
    printf("ne_sock_proxy: %d", ret);
    print_str(" error", ne_sock_error(sock));
    ne_sock_close(sock);
    printf("proxy: %d\n", srv_finish(&srv));
    ne_iaddr_free(lo);
}

int main(void)
{
    size_t i;

    memset(long_user, 'u', sizeof long_user - 1);
    ne_sock_init();
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) run_case(&cases[i]);
    timeout();
    ne_sock_exit();
    return 0;
}
