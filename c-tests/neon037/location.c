/* neon 0.34's ne_get_request_target (origin-form, asterisk-form,
 * authority-form for CONNECT, absolute-form given or made for a proxy,
 * IPv6 literal hosts, https) and ne_get_response_location: Location as an
 * absolute URI, every kind of relative reference resolved against the
 * request target, fragments (the header's own, the one passed in, both),
 * a missing header, and ones that do not parse. (URIs that only neon
 * 0.33+'s stricter ne_uri_parse refuses, such as a port "80x", are left
 * out: neon-rs parses URIs as 0.32.5 does, see README.md.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>
#include <ne_uri.h>

#include "harness.h"

static int port;

static void print_uri(const char *label, const ne_uri *u)
{
    char *s;

    if (!u) {
        printf("%s: NULL\n", label);
        return;
    }
    s = ne_uri_unparse(u);
    printf("%s: ", label);
    print_str_port("uri", s, port);
    free(s);
    printf("  scheme=%s host=%s userinfo=%s port=%s path=%s query=%s fragment=%s\n",
           u->scheme ? u->scheme : "(null)", u->host ? u->host : "(null)",
           u->userinfo ? u->userinfo : "(null)",
           u->port == (unsigned)port ? "PORT" : u->port == 0 ? "0" : "other",
           u->path ? u->path : "(null)", u->query ? u->query : "(null)",
           u->fragment ? u->fragment : "(null)");
    if (u->port != (unsigned)port && u->port != 0) printf("  port number %u\n", u->port);
}

/* The request target of METHOD TARGET on a session, without sending it. */
static void target(const char *scheme, const char *host, unsigned p, const char *proxy,
                   const char *method, const char *t)
{
    ne_session *sess = ne_session_create(scheme, host, p);
    ne_request *req;
    const ne_uri *u1, *u2;
    char label[256];

    if (proxy) ne_session_proxy(sess, proxy, 3128);
    req = ne_request_create(sess, method, t);
    u1 = ne_get_request_target(req);
    u2 = ne_get_request_target(req);
    snprintf(label, sizeof label, "target %s://%s:%u%s%s %s %s", scheme, host, p,
             proxy ? " via proxy " : "", proxy ? proxy : "", method, t);
    print_uri(label, u1);
    printf("  same pointer again: %s\n", u1 == u2 ? "yes" : "no");
    ne_request_destroy(req);
    ne_session_destroy(sess);
}

struct lcase {
    const char *location; /* NULL: no Location header */
    const char *fragment;
};

static const struct lcase lcases[] = {
    { "http://other.example/new", NULL },
    { "https://user@h.example:8443/p/q?x=1#top", NULL },
    { "HTTP://Upper.Example/Path", NULL },
    { "new", NULL },
    { "new", "frag1" },
    { "new#own", "frag1" },
    { "../up", NULL },
    { "../../../../too/far", NULL },
    { "./same", NULL },
    { "/root", NULL },
    { "/a/./b/../c", NULL },
    { "?onlyquery", NULL },
    { "#onlyfrag", NULL },
    { "#onlyfrag", "frag1" },
    { "//netpath.example/x", NULL },
    { "//netpath.example", NULL },
    { "", NULL },
    { "", "frag1" },
    { ".", NULL },
    { "..", NULL },
    { "g;x?y#s", NULL },
    { "mailto:someone@example.com", NULL },
    { "http://other.example", "frag1" },
    { "http://h.example/%7Euser/a%20b", NULL },
    { "http://[::1]:8080/v6", NULL },
    { "http://[::1", NULL },
    { "[x]", "frag1" },
    { NULL, NULL },
    { NULL, "frag1" },
};

#define NL (sizeof lcases / sizeof lcases[0])

static void locations(const char *method, const char *path)
{
    const char *script[2 + 2 * NL + 1];
    char *sends[NL];
    struct srv s;
    ne_session *sess;
    size_t i, n = 0;

    printf("== Location for %s %s\n", method, path);
    script[n++] = "accept";
    for (i = 0; i < NL; i++) {
        char buf[512];
        if (lcases[i].location)
            snprintf(buf, sizeof buf, "HTTP/1.1 302 Found\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n",
                     lcases[i].location);
        else
            snprintf(buf, sizeof buf, "HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n");
        sends[i] = directive("send", buf);
        script[n++] = "read";
        script[n++] = sends[i];
    }
    script[n++] = "close";
    script[n] = NULL;

    srv_start(&s, script);
    s.quiet = 1;
    port = s.port;
    sess = test_session(s.port);
    for (i = 0; i < NL; i++) {
        ne_request *req = ne_request_create(sess, method, path);
        int ret = ne_request_dispatch(req);
        ne_uri *u;
        char label[256];

        ne_set_error(sess, "error untouched");
        u = ne_get_response_location(req, lcases[i].fragment);
        snprintf(label, sizeof label, "%s: Location [%s] fragment %s", ret_name(ret),
                 lcases[i].location ? lcases[i].location : "(none)",
                 lcases[i].fragment ? lcases[i].fragment : "NULL");
        print_uri(label, u);
        print_str("  error", ne_get_error(sess));
        if (u) {
            ne_uri_free(u);
            free(u);
        }
        ne_request_destroy(req);
    }
    ne_session_destroy(sess);
    srv_finish(&s);
    for (i = 0; i < NL; i++) free(sends[i]);
}

int main(void)
{
    port = -1;
    target("http", "www.example.com", 80, NULL, "GET", "/a/b/c?q=1");
    target("http", "www.example.com", 8080, NULL, "GET", "/a%20b/#frag");
    target("https", "secure.example", 443, NULL, "GET", "/s");
    target("https", "secure.example", 8443, NULL, "PUT", "/");
    target("http", "[::1]", 8080, NULL, "GET", "/v6");
    target("http", "www.example.com", 80, NULL, "OPTIONS", "*");
    target("https", "secure.example", 443, NULL, "CONNECT", "secure.example:443");
    target("http", "www.example.com", 80, NULL, "GET", "http://other.example:81/abs?x");
    target("http", "www.example.com", 80, NULL, "GET", "relative/path");
    target("http", "www.example.com", 80, NULL, "GET", "");
    target("http", "origin.example", 80, "proxy.example", "GET", "/via/proxy");
    target("https", "origin.example", 443, "proxy.example", "GET", "/tunnelled");

    locations("GET", "/dir/page?x=1");
    locations("GET", "/");
    locations("OPTIONS", "*");
    return 0;
}
