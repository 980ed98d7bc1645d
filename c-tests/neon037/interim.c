/* neon 0.33's ne_add_interim_handler: handlers (run most recently added
 * first) see each 1xx response — 100, 102, 103 and unknown ones — with
 * its status and its header fields (read with neon 0.34's field rules:
 * odd names are ignored); with Expect: 100-continue the 100 comes before
 * the body is sent; a final response's fields replace the interim ones;
 * trailers of an earlier response are gone once an interim response
 * arrives; errors inside interim responses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>

#include "harness.h"

static void handler(void *ud, ne_request *req, const ne_status *st)
{
    void *cursor = NULL;
    const char *name, *value, *t;

    printf("  [%s] interim %d.%d %d class %d reason [%s] status is ne_get_status: %s\n",
           (const char *)ud, st->major_version, st->minor_version, st->code, st->klass,
           st->reason_phrase ? st->reason_phrase : "(null)",
           st == ne_get_status(req) ? "yes" : "no");
    while ((cursor = ne_response_header_iterate(req, cursor, &name, &value)) != NULL) {
        printf("    field [");
        print_escaped(name, strlen(name));
        printf("] = [");
        print_escaped(value, strlen(value));
        printf("]\n");
    }
    t = ne_get_response_trailer(req, "x-t");
    printf("    Link: [%s] trailer x-t: %s\n",
           ne_get_response_header(req, "link") ? ne_get_response_header(req, "link") : "(none)",
           t ? t : "(none)");
}

/* Dispatches GET (or PUT with a body and Expect: 100-continue) with
 * `handlers` interim handlers against the script's server. */
static void run(const char *label, const char *const *script, int handlers, int expect100)
{
    struct srv s;
    ne_session *sess;
    ne_request *req;
    int ret;

    printf("== %s (%d handler(s))\n", label, handlers);
    srv_start(&s, script);
    sess = test_session(s.port);
    req = ne_request_create(sess, expect100 ? "PUT" : "GET", "/i");
    if (expect100) {
        ne_set_request_flag(req, NE_REQFLAG_EXPECT100, 1);
        ne_set_request_body_buffer(req, "body!", 5);
    }
    if (handlers > 0) ne_add_interim_handler(req, handler, "first");
    if (handlers > 1) ne_add_interim_handler(req, handler, "second");
    ret = ne_request_dispatch(req);
    print_result("  dispatch", sess, ret);
    if (ret == NE_OK) {
        print_status(req);
        print_headers(req);
    }
    ne_request_destroy(req);
    ne_session_destroy(sess);
    srv_finish(&s);
}

#define FINAL "HTTP/1.1 200 OK\r\nX-Final: yes\r\nContent-Length: 2\r\n\r\nok"

int main(void)
{
    const char *several[] = {
        "accept", "read",
        "send HTTP/1.1 100 Continue\r\n\r\n",
        "send HTTP/1.1 102 Processing\r\nX-Progress: 10%\r\n\r\n",
        "send HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n"
        "LINK: </script.js>; rel=preload\r\n\r\n",
        "send HTTP/1.1 199 Misc\r\nX-Progress: 99%\r\nX-Fold: a\r\n b\r\n\r\n",
        "send HTTP/1.0 100 Old Continue\r\n\r\n",
        "send " FINAL, "close", NULL,
    };
    const char *odd[] = {
        "accept", "read",
        "send HTTP/1.1 103 Early Hints\r\nFoo : spaced\r\nBad(Name): paren\r\nNoColon\r\n"
        "Ok-Name:\tvalue\t\r\nX-Cr: a\rb\r\n: nameless\r\n\r\n",
        "send " FINAL, "close", NULL,
    };
    const char *expect[] = {
        "accept", "readhead",
        "send HTTP/1.1 100 Continue\r\nX-Step: one\r\n\r\n",
        "readbody 5",
        "send HTTP/1.1 102 Processing\r\n\r\n",
        "send HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", "close", NULL,
    };
    const char *closed[] = {
        "accept", "read", "send HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n", "close", NULL,
    };
    const char *cut[] = {
        "accept", "read", "send HTTP/1.1 102 Processing\r\nX-Progress: 1", "close", NULL,
    };
    char toomany[4096];
    const char *many[] = { "accept", "read", toomany, "send " FINAL, "close", NULL };
    const char *trailers_then_interim[] = {
        "accept", "read",
        "send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: old\r\n\r\n",
        "read", "send HTTP/1.1 103 Early Hints\r\nLink: </b>\r\n\r\n", "send " FINAL, "close", NULL,
    };
    size_t n;
    int k;

    run("100, 102, 103, 199, HTTP/1.0 100", several, 0, 0);
    run("100, 102, 103, 199, HTTP/1.0 100", several, 1, 0);
    run("100, 102, 103, 199, HTTP/1.0 100", several, 2, 0);
    run("odd field names in a 103", odd, 1, 0);
    run("Expect: 100-continue", expect, 2, 1);
    run("103 then the connection closes", closed, 1, 0);
    run("102 cut inside a field", cut, 1, 0);

    n = (size_t)snprintf(toomany, sizeof toomany, "send HTTP/1.1 103 Early Hints\r\n");
    for (k = 0; k < 120; k++)
        n += (size_t)snprintf(toomany + n, sizeof toomany - n, "H%d: v\r\n", k);
    snprintf(toomany + n, sizeof toomany - n, "\r\n");
    run("103 with 120 fields", many, 1, 0);

    {
        struct srv s;
        ne_session *sess;
        ne_request *req;
        const char *t;

        printf("== trailers, then an interim response on the same request\n");
        srv_start(&s, trailers_then_interim);
        sess = test_session(s.port);
        req = ne_request_create(sess, "GET", "/t");
        print_result("  first", sess, ne_request_dispatch(req));
        t = ne_get_response_trailer(req, "x-t");
        printf("  trailer x-t after the first: %s\n", t ? t : "(none)");
        ne_add_interim_handler(req, handler, "late");
        print_result("  second", sess, ne_request_dispatch(req));
        t = ne_get_response_trailer(req, "x-t");
        printf("  trailer x-t after the second: %s\n", t ? t : "(none)");
        ne_request_destroy(req);
        ne_session_destroy(sess);
        srv_finish(&s);
    }
    return 0;
}
