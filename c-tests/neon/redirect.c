/* ne_redirect.h: which responses are redirects (301, 302, 303, 307 with a
 * Location; 0.32.5 does not know 308), how the Location is read (absolute,
 * absolute path, or relative to the request's directory), unparseable
 * destinations, and what ne_redirect_location() returns over a session's
 * life. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_basic.h>
#include <ne_redirect.h>
#include <ne_request.h>
#include <ne_session.h>
#include <ne_uri.h>

#include "harness.h"

#define EOL "\r\n"

static int port;

static void print_location(ne_session *sess)
{
    const ne_uri *u = ne_redirect_location(sess);
    char *s;

    if (!u) {
        printf("  location: NULL\n");
        return;
    }
    s = ne_uri_unparse(u);
    print_str_port("  location", s, port);
    free(s);
    printf("    scheme=%s host=%s userinfo=%s port=%s path=%s query=%s fragment=%s\n",
           u->scheme ? u->scheme : "(null)", u->host ? u->host : "(null)",
           u->userinfo ? u->userinfo : "(null)", u->port == (unsigned)port ? "PORT" : "other",
           u->path ? u->path : "(null)", u->query ? u->query : "(null)",
           u->fragment ? u->fragment : "(null)");
    if (u->port != (unsigned)port) printf("    port %u\n", u->port);
}

static void request(ne_session *sess, const char *method, const char *path)
{
    ne_request *req = ne_request_create(sess, method, path);
    int ret = ne_request_dispatch(req);

    printf("%s %s: %s status %d ", method, path, ret_name(ret), ne_get_status(req)->code);
    print_str("error", ne_get_error(sess));
    ne_request_destroy(req);
    print_location(sess);
}

/* A server answering each request with the next response, then closing. */
static void run(const char *label, const char *const *responses, void (*client)(ne_session *))
{
    const char *script[64];
    char *owned[32];
    int n = 0, k;
    struct srv s;
    ne_session *sess;

    printf("== %s\n", label);
    script[n++] = "accept";
    for (k = 0; responses[k]; k++) {
        owned[k] = directive("send", responses[k]);
        script[n++] = "read";
        script[n++] = owned[k];
    }
    script[n++] = "drain";
    script[n] = NULL;
    srv_start(&s, script);
    s.quiet = 1;
    port = s.port;
    sess = test_session(s.port);
    client(sess);
    ne_session_destroy(sess);
    srv_finish(&s);
    while (k-- > 0) free(owned[k]);
}

static char *response(int code, const char *location)
{
    char *r = malloc(256 + (location ? strlen(location) : 0));

    sprintf(r, "HTTP/1.1 %d Moved" EOL "%s%s%sContent-Length: 0" EOL EOL, code, location ? "Location: " : "",
            location ? location : "", location ? EOL : "");
    return r;
}

static const char *target = "/redir/me";

static void registered_get(ne_session *sess)
{
    ne_redirect_register(sess);
    request(sess, "GET", target);
}

static void codes(void)
{
    static const int cs[] = { 301, 302, 303, 307, 308, 300, 304, 305, 200, 201, 404 };
    size_t i;

    for (i = 0; i < sizeof cs / sizeof cs[0]; i++) {
        char *r = response(cs[i], "http://foo.com/blah/blah/bar");
        const char *rs[] = { r, NULL };
        char label[64];
        snprintf(label, sizeof label, "status %d", cs[i]);
        run(label, rs, registered_get);
        free(r);
    }
    {
        char *r = response(302, NULL);
        const char *rs[] = { r, NULL };
        run("302 without Location", rs, registered_get);
        free(r);
    }
}

struct loc_case { const char *target, *location; };

static void locations(void)
{
    static const struct loc_case ts[] = {
        { "/redir/me", "http://foo.com/blah/blah/bar" },
        { "/redir/me", "/foo/bar/blah" },
        { "/foo/bar", "norman" },
        { "/foo/bar/", "wishbone" },
        { "/a/b/c", "../up?q=1#frag" },
        { "/a/b", "./here" },
        { "/a/b", "?query-only" },
        { "/a/b", "#frag-only" },
        { "/a/b", "" },
        { "/a?x=/y", "rel" },
        { "*", "star" },
        { "/x", "https://user:pw@secure.example:8443/p?q#f" },
        { "/x", "//other.example/net-path" },
        { "/x", "ftp://ftp.example/file" },
        { "/x", "weird:opaque" },
        { "/x", "mailto:someone@example.com" },
        { "/x", "/has space" },
        { "/x", "foo?u=http://bar/" },
        { "/x", "http://[::1]:8080/v6" },
        { "/x", "http://[::1/broken" },
        { "/x", "http://host:port/" },
        { "/x", "%zz" },
    };
    size_t i;

    for (i = 0; i < sizeof ts / sizeof ts[0]; i++) {
        char *r = response(302, ts[i].location);
        const char *rs[] = { r, NULL };
        char label[256];
        target = ts[i].target;
        snprintf(label, sizeof label, "Location [%s] for %s", ts[i].location, ts[i].target);
        run(label, rs, registered_get);
        free(r);
    }
    target = "/redir/me";
}

/* ne_redirect_location over a session: NULL before registration and
 * before any redirect; kept across later non-redirect responses; replaced
 * by the next redirect; NULL again after an unparseable one. */
static void lifetime_client(ne_session *sess)
{
    const ne_uri *first, *again;

    print_location(sess);
    ne_redirect_register(sess);
    print_location(sess);
    request(sess, "GET", "/plain");
    request(sess, "GET", "/one");
    first = ne_redirect_location(sess);
    again = ne_redirect_location(sess);
    printf("same pointer on repeat: %d\n", first == again);
    request(sess, "GET", "/ok");
    request(sess, "HEAD", "/two");
    printf("same pointer after the next redirect: %d\n", first == ne_redirect_location(sess));
    request(sess, "GET", "/not-a-redirect-code");
    request(sess, "GET", "/broken");
    request(sess, "GET", "/ok-again");
    request(sess, "GET", "/three");
}

static void lifetime(void)
{
    static const char *const rs[] = {
        "HTTP/1.1 200 OK" EOL "Content-Length: 0" EOL EOL,
        "HTTP/1.1 301 Moved" EOL "Location: /first" EOL "Content-Length: 0" EOL EOL,
        "HTTP/1.1 200 OK" EOL "Location: /ignored" EOL "Content-Length: 0" EOL EOL,
        "HTTP/1.1 303 See Other" EOL "Location: http://second.example/" EOL "Content-Length: 5" EOL EOL,
        "HTTP/1.1 308 Permanent" EOL "Location: /ignored" EOL "Content-Length: 0" EOL EOL,
        "HTTP/1.1 302 Found" EOL "Location: http://[::1/" EOL "Content-Length: 0" EOL EOL,
        "HTTP/1.1 200 OK" EOL "Content-Length: 0" EOL EOL,
        "HTTP/1.1 307 Temporary" EOL "Location: third?x" EOL "Content-Length: 4" EOL EOL "body",
        NULL,
    };

    run("lifetime", rs, lifetime_client);
}

/* Registering twice: the first registration answers. Basic functions
 * return NE_REDIRECT too. */
static void twice_client(ne_session *sess)
{
    int fd = -1;
    unsigned caps = 0;

    ne_redirect_register(sess);
    ne_redirect_register(sess);
    request(sess, "GET", "/a/b");
    print_result("ne_get", sess, ne_get(sess, "/c/d", fd));
    print_location(sess);
    print_result("ne_options2", sess, ne_options2(sess, "/e/", &caps));
    printf("caps %u\n", caps);
    print_location(sess);
    print_result("ne_delete", sess, ne_delete(sess, "/f/g"));
    print_location(sess);
}

static void twice(void)
{
    static const char *const rs[] = {
        "HTTP/1.1 302 Found" EOL "Location: x1" EOL "Content-Length: 0" EOL EOL,
        "HTTP/1.1 301 Moved" EOL "Location: x2" EOL "Content-Length: 3" EOL EOL "abc",
        "HTTP/1.1 302 Found" EOL "Location: x3" EOL "DAV: 1" EOL "Content-Length: 0" EOL EOL,
        "HTTP/1.1 307 Temporary" EOL "Location: x4" EOL "Content-Length: 0" EOL EOL,
        NULL,
    };

    run("registered twice, basic functions", rs, twice_client);
}

/* Through a proxy the request-target is absolute: relative Locations are
 * resolved against it; absolute paths get the origin server. */
static void proxied(void)
{
    static const char *const script[] = {
        "accept", "read", "send HTTP/1.1 302 Found" EOL "Location: rel" EOL "Content-Length: 0" EOL EOL,
        "read", "send HTTP/1.1 302 Found" EOL "Location: /abs" EOL "Content-Length: 0" EOL EOL, "drain", NULL,
    };
    struct srv s;
    ne_session *sess;

    printf("== via proxy\n");
    srv_start(&s, script);
    port = s.port;
    sess = ne_session_create("http", "origin.example", 8080);
    ne_set_read_timeout(sess, 10);
    ne_session_proxy(sess, "127.0.0.1", (unsigned)s.port);
    ne_redirect_register(sess);
    request(sess, "GET", "/dir/file");
    request(sess, "GET", "/dir/file");
    ne_session_destroy(sess);
    srv_finish(&s);
}

int main(void)
{
    codes();
    locations();
    lifetime();
    twice();
    proxied();
    return 0;
}
