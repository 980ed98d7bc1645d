/* ne_socket.h, part 1: library initialisation, name resolution and
 * network addresses. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_socket.h>

#include "harness.h"

static const char *sigpipe_state(void)
{
    struct sigaction sa;

    sigaction(SIGPIPE, NULL, &sa);
    return sa.sa_handler == SIG_IGN ? "ignored" : sa.sa_handler == SIG_DFL ? "default" : "other";
}

static void set_sigpipe_default(void)
{
    signal(SIGPIPE, SIG_DFL);
}

static void init_and_print(const char *label)
{
    int r = ne_sock_init();

    printf("%s: %d, SIGPIPE %s\n", label, r, sigpipe_state());
}

/* ne_sock_init ignores SIGPIPE on the 0 -> 1 transition of its count only. */
static void init_refcount(void)
{
    set_sigpipe_default();
    init_and_print("init");
    set_sigpipe_default();
    init_and_print("init again");
    ne_sock_exit();
    init_and_print("init after one exit");
    ne_sock_exit();
    ne_sock_exit();
    ne_sock_exit();
    init_and_print("init after all exits");
    ne_sock_exit();
    ne_sock_exit(); /* one too many: harmless */
    set_sigpipe_default();
    init_and_print("init after an extra exit");
    ne_sock_exit();
}

static void print_iaddr(const char *label, const ne_inet_addr *ia)
{
    char buf[128];
    unsigned char raw[16];
    size_t i, n;

    if (ia == NULL) {
        printf("%s: (null)\n", label);
        return;
    }
    n = ne_iaddr_typeof(ia) == ne_iaddr_ipv6 ? 16 : 4;
    printf("%s: type %s, [%s], raw", label, ne_iaddr_typeof(ia) == ne_iaddr_ipv6 ? "ipv6" : "ipv4",
           ne_iaddr_print(ia, buf, sizeof buf));
    if (ne_iaddr_raw(ia, raw) != raw) printf(" (wrong return)");
    for (i = 0; i < n; i++) printf(" %02x", raw[i]);
    printf("\n");
}

static void resolve(const char *host, int flags)
{
    ne_sock_addr *addr = ne_addr_resolve(host, flags);
    char err[256];
    const ne_inet_addr *ia;
    int n = 0;

    printf("resolve [%s] flags %d: result %s\n", host, flags, ne_addr_result(addr) ? "error" : "ok");
    if (ne_addr_result(addr)) {
        print_str("  error", ne_addr_error(addr, err, sizeof err));
    } else {
        print_str("  canonical", ne_addr_canonical(addr));
        printf("  next before first: %s\n", ne_addr_next(addr) ? "an address" : "(null)");
        for (ia = ne_addr_first(addr); ia; ia = ne_addr_next(addr)) {
            char label[32];
            snprintf(label, sizeof label, "  addr %d", n++);
            print_iaddr(label, ia);
        }
        printf("  after the end: %s\n", ne_addr_next(addr) ? "an address" : "(null)");
        /* first restarts the iteration */
        print_iaddr("  first again", ne_addr_first(addr));
    }
    ne_addr_destroy(addr);
}

static void addr_errors(void)
{
    ne_sock_addr *bad = ne_addr_resolve("no-such-host.invalid", 0);
    ne_sock_addr *good = ne_addr_resolve("127.0.0.1", 0);
    char buf[64];
    size_t sizes[] = { 64, 15, 5, 1 };
    size_t i;

    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        memset(buf, 'x', sizeof buf);
        printf("addr_error bufsiz %zu: ", sizes[i]);
        print_str("", ne_addr_error(bad, buf, sizes[i]));
    }
    printf("addr_error returns its buffer: %d\n", ne_addr_error(bad, buf, sizeof buf) == buf);
    print_str("addr_error after success", ne_addr_error(good, buf, sizeof buf));
    print_str("canonical without NE_ADDR_CANON", ne_addr_canonical(good));
    print_str("canonical of a failed lookup", ne_addr_canonical(bad));
    ne_addr_destroy(bad);
    ne_addr_destroy(good);
}

static void make_and_compare(void)
{
    static const unsigned char raw4[4] = { 127, 0, 0, 1 }, raw4b[4] = { 127, 0, 0, 2 };
    static const unsigned char raw6[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
    static const unsigned char rawcafe[16] = { 0xca, 0xfe, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xba, 0xbe };
    ne_inet_addr *a = ne_iaddr_make(ne_iaddr_ipv4, raw4);
    ne_inet_addr *b = ne_iaddr_make(ne_iaddr_ipv4, raw4b);
    ne_inet_addr *c = ne_iaddr_make(ne_iaddr_ipv6, raw6);
    ne_inet_addr *d = ne_iaddr_make(ne_iaddr_ipv6, rawcafe);
    ne_inet_addr *e = ne_iaddr_make((ne_iaddr_type)5, rawcafe); /* any non-IPv4 type is IPv6 */
    ne_inet_addr *p = ne_iaddr_parse("127.0.0.1", ne_iaddr_ipv4);
    int r;

    print_iaddr("make 127.0.0.1", a);
    print_iaddr("make 127.0.0.2", b);
    print_iaddr("make ::1", c);
    print_iaddr("make cafe::babe", d);
    print_iaddr("make type 5", e);
    printf("cmp(a, parsed a) = %d\n", ne_iaddr_cmp(a, p));
    printf("cmp(a, a) = %d\n", ne_iaddr_cmp(a, a));
    r = ne_iaddr_cmp(a, b);
    printf("cmp(127.0.0.1, 127.0.0.2) sign %d\n", r < 0 ? -1 : r > 0);
    r = ne_iaddr_cmp(b, a);
    printf("cmp(127.0.0.2, 127.0.0.1) sign %d\n", r < 0 ? -1 : r > 0);
    r = ne_iaddr_cmp(c, d);
    printf("cmp(::1, cafe::babe) sign %d\n", r < 0 ? -1 : r > 0);
    printf("cmp(ipv4, ipv6) = %d\n", ne_iaddr_cmp(a, c));
    printf("cmp(ipv6, ipv4) = %d\n", ne_iaddr_cmp(c, a));
    printf("cmp(cafe::babe, type 5) = %d\n", ne_iaddr_cmp(d, e));
    ne_iaddr_free(a);
    ne_iaddr_free(b);
    ne_iaddr_free(c);
    ne_iaddr_free(d);
    ne_iaddr_free(e);
    ne_iaddr_free(p);
}

static void parse(const char *text, ne_iaddr_type type)
{
    ne_inet_addr *ia = ne_iaddr_parse(text, type);
    char label[96];

    snprintf(label, sizeof label, "parse %s [%s]", type == ne_iaddr_ipv6 ? "v6" : "v4", text);
    print_iaddr(label, ia);
    if (ia) ne_iaddr_free(ia);
}

static void parse_inputs(void)
{
    static const char *const v4[] = {
        "127.0.0.1", "0.0.0.0", "255.255.255.255", "1.2.3.4", "256.1.1.1", "1.2.3", "1.2.3.4.5",
        "01.2.3.4", "1.2.3.04", "0x7f.0.0.1", "127.1", " 1.2.3.4", "1.2.3.4 ", "", "::1",
        "1..2.3", "1.2.3.", "-1.2.3.4", "1.2.3.4/8", "2130706433",
    };
    static const char *const v6[] = {
        "::1", "::", "::ffff:127.0.0.1", "::1.2.3.4", "cafe::babe", "CAFE::BABE",
        "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1::2:3:4:5:6:7",
        "1:2:3:4:5:6:1.2.3.4", "fe80::1%lo", "1:2:3:4:5:6:7:8:9", "1:::2", "1::2::3",
        "12345::", "0001:0002::", "::ffff:1.2.3", "::ffff:01.2.3.4", "127.0.0.1", "[::1]",
        ":1::", "1:", "", "g::1", "::1.2.3.4.5",
    };
    size_t i;

    for (i = 0; i < sizeof v4 / sizeof v4[0]; i++) parse(v4[i], ne_iaddr_ipv4);
    for (i = 0; i < sizeof v6 / sizeof v6[0]; i++) parse(v6[i], ne_iaddr_ipv6);
    /* ne_iaddr_parse takes any type other than ipv6 as ipv4 (a valid one
     * then gives garbage in neon, which makes an IPv6 address of it) */
    parse("::1", (ne_iaddr_type)7);
}

static void print_sizes(void)
{
    static const char *const texts[] = { "127.0.0.1", "::ffff:10.20.30.40", "1:2:3:4:5:6:7:8" };
    static const ne_iaddr_type types[] = { ne_iaddr_ipv4, ne_iaddr_ipv6, ne_iaddr_ipv6 };
    static const size_t sizes[] = { 64, 17, 16, 10, 9, 8, 5, 2, 1 };
    size_t t, i;

    for (t = 0; t < 3; t++) {
        ne_inet_addr *ia = ne_iaddr_parse(texts[t], types[t]);
        for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            char buf[64];
            memset(buf, 'x', sizeof buf);
            printf("print %s bufsiz %zu: ", texts[t], sizes[i]);
            print_str("", ne_iaddr_print(ia, buf, sizes[i]));
        }
        ne_iaddr_free(ia);
    }
}

static void reverse(const char *text, ne_iaddr_type type)
{
    ne_inet_addr *ia = ne_iaddr_parse(text, type);
    static const size_t sizes[] = { 256, 10, 4, 1 };
    size_t i;

    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char buf[256];
        int r;
        strcpy(buf, "untouched");
        r = ne_iaddr_reverse(ia, buf, sizes[i]);
        printf("reverse %s bufsiz %zu: %d", text, sizes[i], r);
        if (r == 0) print_str(" name", buf);
        else printf("\n");
    }
    ne_iaddr_free(ia);
}

int main(void)
{
    init_refcount();

    resolve("127.0.0.1", 0);
    resolve("127.0.0.1", NE_ADDR_CANON);
    resolve("localhost", NE_ADDR_CANON);
    resolve("localhost", 0);
    resolve("[::1]", 0);
    resolve("[::1]", NE_ADDR_CANON);
    resolve("[::ffff:10.1.2.3]", 0);
    resolve("[127.0.0.1]", 0);
    resolve("[::1", 0);
    resolve("[]", 0);
    resolve("", 0);
    resolve("no-such-host.invalid", 0);
    resolve("no-such-host.invalid", NE_ADDR_CANON);
    resolve("bad name with spaces.invalid", 0);
    addr_errors();

    make_and_compare();
    parse_inputs();
    print_sizes();
    reverse("127.0.0.1", ne_iaddr_ipv4);
    return 0;
}
