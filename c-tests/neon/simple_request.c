/* ne_simple_request (ne_207.h) and the methods built on it (ne_delete,
 * ne_mkcol, ne_copy, ne_move): 2xx responses, 207s whose statuses are all
 * 2xx, 207s listing failures (responses and propstats, descriptions, 424s
 * skipped, more failures than the error string holds, relative and
 * absolute hrefs), malformed, truncated, empty and non-XML 207 bodies,
 * 3xx/4xx/5xx responses with and without bodies, and a connection closed
 * before the response. Prints the result, the session error, the status
 * and the exact requests the server received. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_207.h>
#include <ne_basic.h>
#include <ne_request.h>
#include <ne_session.h>

#include "harness.h"

static char *resp207(const char *body)
{
    char *r = malloc(strlen(body) + 200);
    sprintf(r, "HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml; charset=utf-8\r\n"
            "Content-Length: %d\r\n\r\n%s", (int)strlen(body), body);
    return r;
}

#define DELETE 0
#define MKCOL 1
#define COPY 2
#define MOVE 3
#define SIMPLE 4

static int run(ne_session *sess, int how)
{
    ne_request *req;

    switch (how) {
    case DELETE: return ne_delete(sess, "/dav/x");
    case MKCOL: return ne_mkcol(sess, "/dav/newcol");
    case COPY: return ne_copy(sess, 1, NE_DEPTH_INFINITE, "/dav/src/", "/dav/dst/");
    case MOVE: return ne_move(sess, 0, "/dav/src", "/dav/dst");
    default:
        req = ne_request_create(sess, "LOCKTEST", "/dav/some%20thing");
        ne_add_request_header(req, "X-Test", "1");
        return ne_simple_request(sess, req);
    }
}

static const char *how_name[] = { "ne_delete", "ne_mkcol", "ne_copy", "ne_move", "ne_simple_request" };

static void one(const char *label, const char *response, int how, int close_after)
{
    char *send = directive("send", response);
    const char *script[] = { "accept", "read", send, close_after ? "close" : "drain", NULL };
    struct srv s;
    ne_session *sess;
    int ret;

    printf("== %s (%s)\n", label, how_name[how]);
    srv_start(&s, script);
    sess = test_session(s.port);
    ret = run(sess, how);
    printf("  result: %s\n", ret_name(ret));
    print_str_port("  error", ne_get_error(sess), s.port);
    ne_session_destroy(sess);
    srv_finish(&s);
    free(send);
}

static void one207(const char *label, const char *body, int how)
{
    char *r = resp207(body);
    one(label, r, how, 0);
    free(r);
}

#define MS "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">\n"
#define ME "</D:multistatus>\n"

static const char failures[] =
    MS "<D:response><D:href>/dav/x/a</D:href><D:status>HTTP/1.1 423 Locked</D:status></D:response>\n"
    "<D:response><D:href>/dav/x/b</D:href><D:status>HTTP/1.1 424 Failed Dependency</D:status></D:response>\n"
    "<D:response><D:href>http://other.example:81/dav/x/c?q</D:href><D:propstat><D:prop><D:displayname/></D:prop>"
    "<D:status>HTTP/1.1 403 Forbidden</D:status>"
    "<D:responsedescription>not\nallowed</D:responsedescription></D:propstat>"
    "<D:propstat><D:prop><D:getetag/></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
    "<D:status>HTTP/1.1 500 Odd\tReason</D:status><D:responsedescription>whole</D:responsedescription></D:response>\n"
    "<D:response><D:href>relative/d</D:href><D:status>HTTP/1.1 507 Insufficient Storage</D:status></D:response>\n"
    "<D:response><D:href>/dav/x/e</D:href><D:status>HTTP/1.1 302 Found</D:status></D:response>\n"
    "<D:response><D:href>/dav/x/f</D:href><D:status>HTTP/1.1 101 Switching</D:status></D:response>\n"
    ME;

static const char all_ok[] =
    MS "<D:response><D:href>/dav/x/a</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>"
    "<D:response><D:href>/dav/x/b</D:href><D:propstat><D:prop/><D:status>HTTP/1.1 204 No Content</D:status>"
    "</D:propstat></D:response>"
    "<D:response><D:href>/dav/x/c</D:href><D:status>HTTP/1.1 424 Failed Dependency</D:status></D:response>"
    "<D:response><D:href>/dav/x/d</D:href></D:response>" ME;

static void many_failures(void)
{
    static char body[20000];
    char *p = body + sprintf(body, MS);
    int i;
    for (i = 0; i < 40; i++)
        p += sprintf(p, "<D:response><D:href>/dav/x/member-%02d</D:href>"
                     "<D:status>HTTP/1.1 403 Forbidden</D:status></D:response>\n", i);
    sprintf(p, ME);
    one207("40 failures (error string cut)", body, DELETE);
}

int main(void)
{
    int how;

    setvbuf(stdout, NULL, _IOLBF, 0);
    one("200", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", SIMPLE, 0);
    one("204", "HTTP/1.1 204 No Content\r\n\r\n", SIMPLE, 0);
    one("201 with a body", "HTTP/1.1 201 Created\r\nContent-Length: 5\r\n\r\nhello", SIMPLE, 0);
    one("404", "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found", SIMPLE, 0);
    one("500 with a multistatus body", "HTTP/1.1 500 Oops\r\nContent-Length: 52\r\n\r\n"
        "<multistatus xmlns='DAV:'><response/></multistatus>\n", SIMPLE, 0);
    one("301", "HTTP/1.1 301 Moved Permanently\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n", SIMPLE, 0);
    one("401", "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n", SIMPLE, 0);
    one("100 then 200", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", SIMPLE, 0);
    one("closed before a response", "", SIMPLE, 1);
    one("207 cut short", "HTTP/1.1 207 Multi-Status\r\nContent-Length: 500\r\n\r\n" MS "<D:response>", SIMPLE, 1);
    for (how = DELETE; how <= SIMPLE; how++) {
        one207("207 with failures", failures, how);
        one207("207 all 2xx (and 424)", all_ok, how);
    }
    one207("207 empty multistatus", MS ME, SIMPLE);
    one207("207 malformed", MS "<D:response><D:href>/x</D:hre></D:response>" ME, SIMPLE);
    one207("207 truncated", MS "<D:response><D:href>/x</D:href><D:status>HTTP/1.1 404", SIMPLE);
    one207("207 bad status line", MS "<D:response><D:href>/x</D:href><D:status>HTTP/1.1 4O4 X</D:status>"
           "</D:response>" ME, SIMPLE);
    one207("207 empty body", "", SIMPLE);
    one207("207 plain text", "Everything failed.", SIMPLE);
    one207("207 failure without reason", MS "<D:response><D:href>/x</D:href><D:status>HTTP/1.1 409</D:status>"
           "<D:responsedescription>  </D:responsedescription></D:response>" ME, SIMPLE);
    one207("207 failure, no href", MS "<D:response><D:status>HTTP/1.1 409 Conflict</D:status></D:response>" ME, SIMPLE);
    one207("207 failure, blank href", MS "<D:response><D:href> </D:href><D:status>HTTP/1.1 409 Conflict</D:status>"
           "</D:response>" ME, SIMPLE);
    one207("207 failure, escaped href", MS "<D:response><D:href>/a%20b/c&amp;d?x=1#f</D:href>"
           "<D:status>HTTP/1.1 403 Forbidden</D:status></D:response>" ME, SIMPLE);
    many_failures();
    return 0;
}
