/* ne_session.h (without ne_ssl_*): creation, hostport rules, getters, URI
 * filling, flags, privates, error string, HTTP/1.1 detection, connection
 * closing, destroy hooks, address lists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>
#include <ne_uri.h>

#include "harness.h"

/* hostport is "host" for the scheme's default port, else "host:port";
 * the default port is 443 only for exactly "https" (case-sensitive). */
static void hostports(void)
{
    static const struct { const char *scheme, *host; unsigned port; } cases[] = {
        { "http", "example.com", 80 },      { "http", "example.com", 8080 },
        { "http", "example.com", 443 },     { "https", "example.com", 443 },
        { "https", "example.com", 80 },     { "https", "example.com", 8443 },
        { "HTTPS", "example.com", 443 },    { "HTTP", "example.com", 80 },
        { "ftp", "example.com", 80 },       { "ftp", "example.com", 21 },
        { "http", "example.com", 0 },       { "http", "example.com", 65535 },
        { "http", "example.com", 99999 },   { "http", "example.com", 4294967295u },
        { "http", "[::1]", 8080 },          { "http", "127.0.0.1", 80 },
        { "http", "", 81 },                 { "http", "UPPER.Example.COM", 80 },
    };
    size_t i;

    printf("-- hostports\n");
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ne_session *sess = ne_session_create(cases[i].scheme, cases[i].host, cases[i].port);
        ne_uri uri;

        printf("create(%s, %s, %u): ", cases[i].scheme, cases[i].host, cases[i].port);
        print_str("hostport", ne_get_server_hostport(sess));
        print_str("  scheme", ne_get_scheme(sess));
        /* ne_fill_server_uri sets scheme, host and port only. */
        memset(&uri, 0, sizeof uri);
        ne_fill_server_uri(sess, &uri);
        printf("  server uri: port %u path %s userinfo %s query %s fragment %s ", uri.port,
               uri.path ? "set" : "NULL", uri.userinfo ? "set" : "NULL",
               uri.query ? "set" : "NULL", uri.fragment ? "set" : "NULL");
        print_str("scheme", uri.scheme);
        print_str("  server uri host", uri.host);
        ne_uri_free(&uri);
        ne_session_destroy(sess);
    }
}

/* ne_fill_proxy_uri fills host+port for an HTTP proxy only. */
static void proxy_uri(void)
{
    ne_session *sess = ne_session_create("http", "www.example.com", 80);
    ne_uri uri;

    printf("-- proxy uri\n");
    memset(&uri, 0, sizeof uri);
    ne_fill_proxy_uri(sess, &uri);
    printf("no proxy: port %u ", uri.port);
    print_str("host", uri.host);
    ne_uri_free(&uri);

    ne_session_proxy(sess, "proxy.example.com", 3128);
    memset(&uri, 0, sizeof uri);
    ne_fill_proxy_uri(sess, &uri);
    printf("http proxy: port %u scheme %s ", uri.port, uri.scheme ? "set" : "NULL");
    print_str("host", uri.host);
    ne_uri_free(&uri);

    /* A later proxy replaces the earlier one. */
    ne_session_proxy(sess, "other.example.com", 80);
    memset(&uri, 0, sizeof uri);
    ne_fill_proxy_uri(sess, &uri);
    printf("second http proxy: port %u ", uri.port);
    print_str("host", uri.host);
    ne_uri_free(&uri);
    print_str("hostport unchanged", ne_get_server_hostport(sess));

    ne_session_socks_proxy(sess, NE_SOCK_SOCKSV5, "socks.example.com", 1080, "u", "p");
    memset(&uri, 0, sizeof uri);
    ne_fill_proxy_uri(sess, &uri);
    printf("socks proxy: port %u ", uri.port);
    print_str("host", uri.host);
    ne_uri_free(&uri);
    ne_session_destroy(sess);
}

/* Flags: defaults per scheme, round trip of arbitrary values, and
 * out-of-range flags (ignored on set, -1 on get). */
static void flags(void)
{
    static const char *const schemes[][2] = {
        { "http", "example.com" }, { "https", "example.com" }, { "https", "127.0.0.1" },
        { "https", "::1" }, { "ftp", "example.com" },
    };
    static const int odd[] = { NE_SESSFLAG_LAST, NE_SESSFLAG_LAST + 1, 100, -1 };
    size_t i;
    int f;

    printf("-- flags\n");
    for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        ne_session *sess = ne_session_create(schemes[i][0], schemes[i][1], 1234);
        printf("%s://%s defaults:", schemes[i][0], schemes[i][1]);
        for (f = 0; f <= NE_SESSFLAG_LAST + 1; f++)
            printf(" %d", ne_get_session_flag(sess, (ne_session_flag)f));
        printf("\n");
        ne_session_destroy(sess);
    }
    {
        ne_session *sess = ne_session_create("http", "example.com", 80);
        for (f = 0; f < NE_SESSFLAG_LAST; f++) {
            if (f == NE_SESSFLAG_SSLv2) continue; /* goes through the SSL context */
            ne_set_session_flag(sess, (ne_session_flag)f, 40 + f);
        }
        ne_set_session_flag(sess, NE_SESSFLAG_SSLv2, 7);
        printf("after set 40+f:");
        for (f = 0; f <= NE_SESSFLAG_LAST; f++)
            printf(" %d", ne_get_session_flag(sess, (ne_session_flag)f));
        printf("\n");
        for (i = 0; i < sizeof odd / sizeof odd[0]; i++) {
            ne_set_session_flag(sess, (ne_session_flag)odd[i], 5);
            printf("flag %d: get %d\n", odd[i], ne_get_session_flag(sess, (ne_session_flag)odd[i]));
        }
        ne_set_session_flag(sess, NE_SESSFLAG_PERSIST, 0);
        printf("persist after set 0: %d\n", ne_get_session_flag(sess, NE_SESSFLAG_PERSIST));
        ne_set_session_flag(sess, NE_SESSFLAG_PERSIST, -3);
        printf("persist after set -3: %d\n", ne_get_session_flag(sess, NE_SESSFLAG_PERSIST));
        ne_session_destroy(sess);
    }
}

/* Session privates: the first registration of an id wins, unknown ids
 * give NULL, NULL values are stored. */
static void privates(void)
{
    ne_session *sess = ne_session_create("http", "example.com", 80);
    int a, b, c;
    char id[8];

    printf("-- privates\n");
    printf("unset: %s\n", ne_get_session_private(sess, "x") ? "non-NULL" : "NULL");
    ne_set_session_private(sess, "x", &a);
    ne_set_session_private(sess, "x", &b);
    ne_set_session_private(sess, "y", NULL);
    ne_set_session_private(sess, "z", &c);
    /* ids are compared by content, not pointer */
    strcpy(id, "z");
    printf("x is a: %d, x is b: %d\n", ne_get_session_private(sess, "x") == &a,
           ne_get_session_private(sess, "x") == &b);
    printf("y: %s\n", ne_get_session_private(sess, "y") ? "non-NULL" : "NULL");
    printf("z (copy of id) is c: %d\n", ne_get_session_private(sess, id) == &c);
    printf("X (case differs): %s\n", ne_get_session_private(sess, "X") ? "non-NULL" : "NULL");
    printf("empty id: %s\n", ne_get_session_private(sess, "") ? "non-NULL" : "NULL");
    ne_session_destroy(sess);
}

/* The error string: initial value, printf formatting, truncation to the
 * 512-byte buffer. */
static void errors(void)
{
    ne_session *sess = ne_session_create("http", "example.com", 80);
    char big[700];
    const char *err;

    printf("-- error string\n");
    print_str("initial", ne_get_error(sess));
    ne_set_error(sess, "code %d, str %s, char %c, hex %x, pct %%", 42, "text", 'q', 255);
    print_str("formatted", ne_get_error(sess));
    ne_set_error(sess, "%s", "");
    print_str("empty", ne_get_error(sess));
    ne_set_error(sess, "%5.2f|%-4s|%03d", 3.14159, "ab", 7);
    print_str("widths", ne_get_error(sess));

    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    big[509] = 'X';
    big[510] = 'Y';
    big[511] = 'Z';
    ne_set_error(sess, "%s", big);
    err = ne_get_error(sess);
    printf("long: length %zu, ends with [%s]\n", strlen(err), err + strlen(err) - 3);
    ne_set_error(sess, "%s-%s", big + 300, big + 300);
    err = ne_get_error(sess);
    printf("long formatted: length %zu, ends with [%s]\n", strlen(err), err + strlen(err) - 5);
    /* A pointer into the session is returned, updated in place. */
    ne_set_error(sess, "first");
    err = ne_get_error(sess);
    ne_set_error(sess, "second");
    print_str("old pointer now", err);
    ne_session_destroy(sess);
}

static void hook_destroy(void *ud)
{
    printf("  destroy_session hook %s\n", (const char *)ud);
}

static void hook_close(void *ud)
{
    printf("  close_conn hook %s\n", (const char *)ud);
}

/* ne_version_pre_http11 follows the last response's version; closing
 * without a connection runs nothing; destroying a session runs its
 * destroy hooks (registration order) before closing the connection. */
static void with_server(void)
{
    static const char *const script[] = {
        "accept",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "read", "send HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok",
        "read", "send HTTP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "read", "send HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok",
        "read", "send HTTP/3.7 204 Whatever\r\n\r\n",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "drain", NULL,
    };
    struct srv s;
    ne_session *sess;
    static const char *const paths[] = { "/11", "/10", "/20", "/10b", "/37", "/11b" };
    size_t i;

    printf("-- with server\n");
    srv_start(&s, script);
    sess = test_session(s.port);
    print_str_port("hostport", ne_get_server_hostport(sess), s.port);
    printf("pre_http11 before any request: %d\n", ne_version_pre_http11(sess));
    ne_set_notifier(sess, print_notifier, NULL);
    ne_hook_close_conn(sess, hook_close, "one");
    ne_hook_destroy_session(sess, hook_destroy, "first");
    ne_hook_destroy_session(sess, hook_destroy, "second");
    ne_hook_destroy_session(sess, hook_destroy, "third");
    ne_unhook_destroy_session(sess, hook_destroy, "second");
    ne_hook_destroy_session(sess, hook_destroy, "first");
    printf("close_connection without a connection:\n");
    ne_close_connection(sess);
    ne_close_connection(sess);
    for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        run_request(sess, "GET", paths[i], SHOW_BODY | NO_HEADERS);
        printf("pre_http11 after %s: %d\n", paths[i], ne_version_pre_http11(sess));
    }
    print_str("error after requests", ne_get_error(sess));
    printf("destroying session with an open connection:\n");
    ne_session_destroy(sess);
    srv_finish(&s);
}

/* ne_set_addrlist bypasses name resolution (no lookup event, hostname NULL
 * in the connect events); addresses are tried in order and the one that
 * worked is used first next time. ne_set_addrlist2 overrides the port. */
static void addrlist(void)
{
    static const char *const script[] = {
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1",
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n2",
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n3",
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n4",
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n5",
        "drain", NULL,
    };
    struct srv s;
    ne_session *sess;
    ne_inet_addr *bad = ne_iaddr_parse("127.0.0.2", ne_iaddr_ipv4);
    ne_inet_addr *good = ne_iaddr_parse("127.0.0.1", ne_iaddr_ipv4);
    const ne_inet_addr *list[2];

    printf("-- addrlist\n");
    srv_start(&s, script);
    list[0] = bad;
    list[1] = good;
    sess = ne_session_create("http", "nonexistent.invalid", (unsigned)s.port);
    ne_set_read_timeout(sess, 10);
    ne_set_notifier(sess, print_notifier, NULL);
    ne_set_addrlist(sess, list, 2);
    run_request(sess, "GET", "/a", SHOW_BODY | NO_HEADERS);
    ne_close_connection(sess);
    run_request(sess, "GET", "/b", SHOW_BODY | NO_HEADERS);
    ne_session_destroy(sess);

    /* The address remembered for next time is the one AFTER the address
     * that worked (neon 0.32.5 advances its cursor past it). */
    list[0] = good;
    list[1] = bad;
    sess = ne_session_create("http", "nonexistent.invalid", (unsigned)s.port);
    ne_set_read_timeout(sess, 10);
    ne_set_notifier(sess, print_notifier, NULL);
    ne_set_addrlist(sess, list, 2);
    run_request(sess, "GET", "/c", SHOW_BODY | NO_HEADERS);
    ne_close_connection(sess);
    run_request(sess, "GET", "/d", SHOW_BODY | NO_HEADERS);
    ne_session_destroy(sess);

    /* addrlist2: explicit port; local address bound. */
    sess = ne_session_create("http", "nonexistent.invalid", 80);
    ne_set_read_timeout(sess, 10);
    ne_set_notifier(sess, print_notifier, NULL);
    ne_set_addrlist2(sess, (unsigned)s.port, list, 1); /* good only */
    ne_set_localaddr(sess, good);
    print_str("hostport", ne_get_server_hostport(sess));
    run_request(sess, "GET", "/e", SHOW_BODY | NO_HEADERS);
    ne_session_destroy(sess);
    srv_finish(&s);
    ne_iaddr_free(bad);
    ne_iaddr_free(good);
}

int main(void)
{
    hostports();
    proxy_uri();
    flags();
    privates();
    errors();
    with_server();
    addrlist();
    return 0;
}
