/* neon 0.37's trailer fields: ne_get_response_trailer and
 * ne_response_trailer_iterate after chunked responses with trailers of
 * every shape (odd names, repeats, folding, bare CR, empty values, too
 * many), before ne_end_request, after non-chunked responses, and after the
 * request is sent again. Trailers never reach Retry-After or Location as
 * seen by ne_get_response_retry_after / ne_get_response_location.
 *
 * Only the trailer functions are printed: what ne_get_response_header
 * shows after trailers is where neon-rs keeps neon 0.32.5's behaviour
 * (c-tests/own037/trailers_in_headers.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>
#include <ne_uri.h>

#include "harness.h"

static void print_trailers(ne_request *req)
{
    void *cursor = NULL;
    const char *name, *value;
    int n = 0;

    while ((cursor = ne_response_trailer_iterate(req, cursor, &name, &value)) != NULL) {
        printf("  trailer [");
        print_escaped(name, strlen(name));
        printf("] = [");
        print_escaped(value, strlen(value));
        printf("]\n");
        n++;
    }
    printf("  %d trailer(s)\n", n);
}

static void lookup(ne_request *req, const char *name)
{
    const char *v = ne_get_response_trailer(req, name);

    printf("  get_trailer(%s): ", name);
    if (v) {
        printf("[");
        print_escaped(v, strlen(v));
        printf("]\n");
    } else {
        printf("NULL\n");
    }
}

/* One request against one canned response; `names` are looked up. */
static void one(const char *label, const char *response, const char *const *names)
{
    char *send = directive("send", response);
    const char *script[] = { "accept", "read", send, "close", NULL };
    struct srv s;
    ne_session *sess;
    ne_request *req;
    ne_uri *loc;
    int ret;

    printf("== %s\n", label);
    srv_start(&s, script);
    s.quiet = 1;
    sess = test_session(s.port);
    req = ne_request_create(sess, "GET", "/t");
    ret = ne_begin_request(req);
    printf("  begin: %s\n", ret_name(ret));
    if (ret == NE_OK) {
        printf("  before end: get_trailer(x-a) %s, iterate %s\n",
               ne_get_response_trailer(req, "x-a") ? "set" : "NULL",
               ne_response_trailer_iterate(req, NULL, &(const char *){0}, &(const char *){0})
                   ? "set" : "NULL");
        ret = ne_discard_response(req);
        if (ret == NE_OK) ret = ne_end_request(req);
        printf("  end: %s\n", ret_name(ret));
        if (ret != NE_OK) print_str("  error", ne_get_error(sess));
    } else {
        print_str("  error", ne_get_error(sess));
    }
    print_trailers(req);
    for (; names && *names; names++) lookup(req, *names);
    printf("  retry_after: %ld\n", (long)ne_get_response_retry_after(req));
    loc = ne_get_response_location(req, NULL);
    printf("  location: %s\n", loc ? "set" : "NULL");
    if (loc) {
        ne_uri_free(loc);
        free(loc);
    }
    ne_request_destroy(req);
    ne_session_destroy(sess);
    srv_finish(&s);
    free(send);
}

#define CHUNKED "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n"

/* The same request object sent twice: the second response's (absent)
 * trailers replace the first's. */
static void resent(void)
{
    const char *script[] = {
        "accept", "read", "send " CHUNKED "X-A: first\r\n\r\n",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "read", "send " CHUNKED "X-B: third\r\n\r\n", "close", NULL,
    };
    struct srv s;
    ne_session *sess;
    ne_request *req;
    int i;

    printf("== same request three times\n");
    srv_start(&s, script);
    s.quiet = 1;
    sess = test_session(s.port);
    req = ne_request_create(sess, "GET", "/again");
    for (i = 0; i < 3; i++) {
        printf("  dispatch %d: %s\n", i + 1, ret_name(ne_request_dispatch(req)));
        print_trailers(req);
        lookup(req, "X-A");
    }
    ne_request_destroy(req);
    ne_session_destroy(sess);
    srv_finish(&s);
}

int main(void)
{
    static const char *const common[] = { "x-a", "X-A", "x-b", "missing", "", NULL };
    static const char *const odd[] = {
        "foo", "bad(name)", "!#$%&'*+-.^_`|~", "123", "", "nocolon value", "tab", "x-empty",
        "x-space", "x-fold", "x-cr", "caf\xc3\xa9", "x-ctl", "upper", NULL,
    };
    char many[8192];
    size_t n;
    int i;

    one("chunked, no trailers", CHUNKED "\r\n", common);
    one("one trailer", CHUNKED "X-A: 1\r\n\r\n", common);
    one("repeated and mixed case (merged)",
        CHUNKED "X-A: 1\r\nx-b: 2\r\nX-a: 3\r\nX-B:4\r\n\r\n", common);
    one("odd names and values",
        CHUNKED "Foo : spaced name\r\nBad(Name): paren\r\n!#$%&'*+-.^_`|~: tchars\r\n"
        "123: digits\r\n: nameless\r\nNoColon value\r\nTab:\t\ttabbed \t\r\n"
        "X-Empty:\r\nX-Space:    padded    \r\nX-Fold: a\r\n  b\r\n\tc\r\n"
        "X-Cr: a\rb\r\nCaf\xc3\xa9: utf8\r\nX-Ctl: \x01\x7f\r\nUPPER: Case\r\n\r\n", odd);
    one("Retry-After and Location only as trailers",
        CHUNKED "Retry-After: 120\r\nLocation: /elsewhere\r\n\r\n", common);
    one("trailer repeats a header",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: head\r\n\r\n0\r\nX-A: tail\r\n\r\n",
        common);
    one("Content-Length response", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", common);
    one("no body (204)", "HTTP/1.1 204 No Content\r\n\r\n", common);
    one("LF-only trailer lines", CHUNKED "X-A: lf\nX-B: lf2\n\n", common);

    /* 99 trailer fields are read; the 100th fails the response. */
    for (i = 0; i < 2; i++) {
        int count = i == 0 ? 98 : 100;
        int k;
        n = (size_t)snprintf(many, sizeof many, "%s", CHUNKED);
        for (k = 0; k < count; k++)
            n += (size_t)snprintf(many + n, sizeof many - n, "T%d: v%d\r\n", k, k);
        snprintf(many + n, sizeof many - n, "\r\n");
        one(i == 0 ? "98 trailers" : "100 trailers", many, common);
    }

    /* A trailer field cut off by the end of the connection. */
    one("truncated trailer section", CHUNKED "X-A: 1\r\nX-B: 2", common);

    resent();
    return 0;
}
