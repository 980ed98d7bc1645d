/* ne_xmlreq.h: ne_xml_dispatch_request and ne_xml_parse_response against
 * a scripted server: XML and non-XML content types (text/xml,
 * application/xml, application/foo+xml, parameters, upper case, text/plain,
 * none), non-2xx responses (body discarded), malformed bodies (the session
 * error "Could not parse response: ..." and the connection closed), a
 * callback that aborts, chunked and close-delimited bodies, and a body cut
 * short. Prints the callbacks, the result, the session error and what the
 * server received. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_basic.h>
#include <ne_request.h>
#include <ne_session.h>
#include <ne_xml.h>
#include <ne_xmlreq.h>

#include "harness.h"

static int abort_at_b;

static int st(void *ud, int parent, const char *ns, const char *name, const char **atts)
{
    (void)ud; (void)atts;
    printf("  start parent=%d {%s}%s\n", parent, ns, name);
    if (abort_at_b && strcmp(name, "b") == 0) return NE_XML_ABORT;
    return parent + 1;
}

static int cd(void *ud, int state, const char *data, size_t len)
{
    (void)ud;
    printf("  cdata %d [", state);
    print_escaped(data, len);
    printf("]\n");
    return 0;
}

static int en(void *ud, int state, const char *ns, const char *name)
{
    (void)ud;
    printf("  end %d {%s}%s\n", state, ns, name);
    return 0;
}

#define DISPATCH 0
#define PARSE 1

/* Serves one response on one connection and runs one request with
 * ne_xml_dispatch_request (or begin + ne_xml_parse_response + end). */
static void one(const char *label, const char *response, int how)
{
    char *send = directive("send", response);
    /* a body cut short ends with the server closing; others wait for the client */
    const char *script[] = { "accept", "read", send, strstr(label, "cut short") ? "close" : "drain", NULL };
    struct srv s;
    ne_session *sess;
    ne_request *req;
    ne_xml_parser *p;
    int ret;

    printf("== %s (%s)\n", label, how == DISPATCH ? "ne_xml_dispatch_request" : "ne_xml_parse_response");
    srv_start(&s, script);
    sess = test_session(s.port);
    req = ne_request_create(sess, "PROPFIND", "/x");
    p = ne_xml_create();
    ne_xml_push_handler(p, st, cd, en, NULL);
    if (how == DISPATCH) {
        ret = ne_xml_dispatch_request(req, p);
    } else {
        ret = ne_begin_request(req);
        if (ret == NE_OK) {
            ret = ne_xml_parse_response(req, p);
            printf("  parse_response: %s\n", ret_name(ret));
            if (ret == NE_OK) ret = ne_end_request(req);
        }
    }
    print_result("  result", sess, ret);
    printf("  status %d, xml failed %d\n", ne_get_status(req)->code, ne_xml_failed(p));
    print_str("  xml error", ne_xml_get_error(p));
    ne_request_destroy(req);
    ne_xml_destroy(p);
    ne_session_destroy(sess);
    srv_finish(&s);
    free(send);
}

static char *resp(const char *status, const char *ctype, const char *body)
{
    char *r = malloc(strlen(body) + 512);
    sprintf(r, "HTTP/1.1 %s\r\n%s%s%sContent-Length: %d\r\n\r\n%s", status, ctype ? "Content-Type: " : "",
            ctype ? ctype : "", ctype ? "\r\n" : "", (int)strlen(body), body);
    return r;
}

static void ctype_case(const char *status, const char *ctype, const char *body, int how)
{
    char label[256];
    char *r = resp(status, ctype, body);
    snprintf(label, sizeof label, "%s, %s", status, ctype ? ctype : "no Content-Type");
    one(label, r, how);
    free(r);
}

static const char good[] = "<?xml version=\"1.0\"?>\n<D:multistatus xmlns:D=\"DAV:\"><a>x</a><b>y</b></D:multistatus>";
static const char bad[] = "<a>\n<b></c></a>";

int main(void)
{
    static const char *types[] = {
        "text/xml", "application/xml", "application/davmount+xml", "TEXT/XML; charset=utf-8",
        "application/xml;charset=\"utf-8\"", "text/plain", "application/json", "+xml/x", "text/x+xml",
        "application/x", NULL,
    };
    int i;

    setvbuf(stdout, NULL, _IOLBF, 0);
    for (i = 0; types[i]; i++) ctype_case("207 Multi-Status", types[i], good, DISPATCH);
    ctype_case("207 Multi-Status", NULL, good, DISPATCH);
    ctype_case("404 Not Found", "text/xml", good, DISPATCH);
    ctype_case("301 Moved", "application/xml", good, DISPATCH);
    ctype_case("207 Multi-Status", "text/xml", bad, DISPATCH);
    ctype_case("207 Multi-Status", "text/xml", "", DISPATCH);
    ctype_case("207 Multi-Status", "text/xml", "<a>unclosed", DISPATCH);
    ctype_case("207 Multi-Status", "text/xml", "<a>\xff</a>", DISPATCH);
    ctype_case("200 OK", "text/xml", good, PARSE);
    ctype_case("200 OK", "text/plain", bad, PARSE);
    ctype_case("200 OK", "text/plain", "not xml at all", PARSE);
    abort_at_b = 1;
    ctype_case("207 Multi-Status", "text/xml", good, DISPATCH);
    ctype_case("200 OK", "text/xml", good, PARSE);
    abort_at_b = 0;
    one("chunked body", "HTTP/1.1 207 Multi-Status\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5\r\n<a>x<\r\n6\r\n/a>\n\n\n\r\n0\r\n\r\n", DISPATCH);
    one("body cut short", "HTTP/1.1 207 Multi-Status\r\nContent-Type: text/xml\r\nContent-Length: 100\r\n\r\n<a>x</a>",
        DISPATCH);
    return 0;
}
