/* neon 0.36's ne_xml_set_encoding and ne_xml_dispatchif_request.
 *
 * set_encoding: UTF-8 and ISO-8859-1 under their names, before a parse
 * (with and without an XML declaration, which still switches a forced
 * UTF-8 document to ISO-8859-1 and may name an unsupported encoding; a
 * UTF-8 declaration does not switch a forced ISO-8859-1 one), a byte order
 * mark (no longer skipped), an empty document, an unknown or empty name
 * (non-zero, the parser failed), NULL, in the middle of a parse (the
 * document starts again, handlers' elements stay) and after a failure;
 * what ne_xml_doc_encoding and ne_xml_currentline then say.
 *
 * dispatchif_request against a scripted server: the acceptor's arguments
 * and answer, XML and other media types, charset parameters (ISO-8859-1
 * body, utf-8, unknown: NE_ERROR "Could not parse response: ..." without
 * reading the body), a malformed body, non-2xx responses taken, 2xx ones
 * refused. Encodings libxml2 reaches only through iconv are left out
 * (see README.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_basic.h>
#include <ne_request.h>
#include <ne_session.h>
#include <ne_xml.h>
#include <ne_xmlreq.h>

#include "harness.h"

static int st(void *ud, int parent, const char *ns, const char *name, const char **atts)
{
    (void)ud; (void)atts;
    printf(" start(%d){%s}%s", parent, ns, name);
    return parent + 1;
}

static int cd(void *ud, int state, const char *data, size_t len)
{
    (void)ud;
    printf(" cdata(%d)[", state);
    print_escaped(data, len);
    printf("]");
    return 0;
}

static int en(void *ud, int state, const char *ns, const char *name)
{
    (void)ud;
    printf(" end(%d){%s}%s", state, ns, name);
    return 0;
}

static ne_xml_parser *parser(void)
{
    ne_xml_parser *p = ne_xml_create();
    ne_xml_push_handler(p, st, cd, en, NULL);
    return p;
}

static void outcome(ne_xml_parser *p, int r1, int r2)
{
    const char *enc = ne_xml_doc_encoding(p);
    printf("\n  parse %d, end %d, failed %d, line %d, encoding %s\n", r1, r2, ne_xml_failed(p),
           ne_xml_currentline(p), enc ? enc : "(null)");
    print_str("  error", ne_xml_get_error(p));
}

/* Forces enc, then parses doc in one block (split > 0: in two, at split). */
static void forced(const char *enc, const char *doc, size_t split)
{
    ne_xml_parser *p = parser();
    size_t len = strlen(doc);
    int set, r1;

    set = ne_xml_set_encoding(p, enc);
    printf("== set_encoding(%s) = %d, doc [", enc ? enc : "NULL", set);
    print_escaped(doc, len);
    printf("] split %d\n ", (int)split);
    if (split) {
        r1 = ne_xml_parse(p, doc, split);
        if (r1 == 0) r1 = ne_xml_parse(p, doc + split, len - split);
    } else {
        r1 = ne_xml_parse(p, doc, len);
    }
    outcome(p, r1, ne_xml_parse(p, "", 0));
    ne_xml_destroy(p);
}

/* Parses the first `at` bytes, forces enc, parses the rest. */
static void midway(const char *enc, const char *doc, size_t at)
{
    ne_xml_parser *p = parser();
    int r0, set, r1;

    printf("== midway set_encoding(%s) after %d bytes of [", enc, (int)at);
    print_escaped(doc, strlen(doc));
    printf("]\n ");
    r0 = ne_xml_parse(p, doc, at);
    set = ne_xml_set_encoding(p, enc);
    printf(" | first %d, set %d, line %d |", r0, set, ne_xml_currentline(p));
    r1 = ne_xml_parse(p, doc + at, strlen(doc) - at);
    outcome(p, r1, ne_xml_parse(p, "", 0));
    ne_xml_destroy(p);
}

static void after_failure(void)
{
    ne_xml_parser *p = parser();
    int r;

    printf("== after a failure\n ");
    r = ne_xml_parse(p, "<a>\n</b>", 8);
    printf(" | parse %d", r);
    printf(" | set UTF-8 %d", ne_xml_set_encoding(p, "UTF-8"));
    print_str(" | error", ne_xml_get_error(p));
    printf("  set bogus %d", ne_xml_set_encoding(p, "bogus"));
    print_str(" | error", ne_xml_get_error(p));
    r = ne_xml_parse(p, "<a/>", 4);
    outcome(p, r, ne_xml_parse(p, "", 0));
    ne_xml_destroy(p);
}

/* --- dispatchif_request ---------------------------------------------- */

struct acpt {
    int answer;
    int calls;
};

static int acceptor(void *ud, ne_request *req, const ne_status *st)
{
    struct acpt *a = ud;

    a->calls++;
    printf("  acceptor: status %d class %d, request %s -> %d\n", st->code, st->klass,
           req ? "given" : "NULL", a->answer);
    return a->answer;
}

static void dispatch(const char *status, const char *ctype, const char *body, int answer)
{
    char *response = malloc(strlen(body) + 512), *send;
    struct acpt a = { answer, 0 };
    struct srv s;
    ne_session *sess;
    ne_request *req;
    ne_xml_parser *p;
    int ret;

    sprintf(response, "HTTP/1.1 %s\r\n%s%s%sContent-Length: %d\r\n\r\n%s", status,
            ctype ? "Content-Type: " : "", ctype ? ctype : "", ctype ? "\r\n" : "",
            (int)strlen(body), body);
    send = directive("send", response);
    {
        const char *script[] = { "accept", "read", send, "drain", NULL };
        printf("== dispatchif %s, %s, acceptor says %d\n", status, ctype ? ctype : "no Content-Type",
               answer);
        srv_start(&s, script);
    }
    sess = test_session(s.port);
    req = ne_request_create(sess, "PROPFIND", "/x");
    p = parser();
    printf(" ");
    ret = ne_xml_dispatchif_request(req, p, acceptor, &a);
    printf("\n");
    print_result("  result", sess, ret);
    printf("  acceptor calls %d, xml failed %d\n", a.calls, ne_xml_failed(p));
    print_str("  xml error", ne_xml_get_error(p));
    ne_request_destroy(req);
    ne_xml_destroy(p);
    ne_session_destroy(sess);
    srv_finish(&s);
    free(send);
    free(response);
}

int main(void)
{
    static const char *const names[] = { "UTF-8", "utf-8", "ISO-8859-1", "iso-8859-1", "latin1",
                                         "l1", NULL };
    static const char *const docs[] = {
        "<a>\xc3\xa9</a>",
        "<a>\xe9</a>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\xe9</a>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>\xc3\xa9</a>",
        "<?xml version=\"1.0\" encoding=\"bogus\"?><a>x</a>",
        "<D:a xmlns:D=\"DAV:\">\n<D:b>x\xe9y</D:b>\n</D:a>",
        NULL,
    };
    int i, j;

    setvbuf(stdout, NULL, _IOLBF, 0);
    for (i = 0; names[i]; i++)
        for (j = 0; docs[j]; j++) {
            /* invalid UTF-8 under a forced UTF-8 is the usual error */
            forced(names[i], docs[j], 0);
        }
    forced("ISO-8859-1", "<a>\xe9\xe8</a>", 4);
    forced("ISO-8859-1", "\xef\xbb\xbf<a>x</a>", 0);
    forced("UTF-8", "\xef\xbb\xbf<a>x</a>", 0);
    forced("UTF-8", "", 0);
    forced("ISO-8859-1", "", 0);
    forced("ISO-8859-1", "<a>x</a>\n<b/>", 0);
    forced("bogus", "<a>x</a>", 0);
    forced("", "<a>x</a>", 0);
    forced("x-unknown-charset", "<a>x</a>", 0);
    forced(NULL, "<a>x</a>", 0);
    midway("ISO-8859-1", "<a>\xc3\xa9</a>", 4);
    midway("UTF-8", "<a>\xe9</a>", 4);
    midway("UTF-8", "<a><b>x</b></a>", 6);
    midway("bogus", "<a>x</a>", 3);
    after_failure();

    dispatch("207 Multi-Status", "text/xml; charset=ISO-8859-1", "<a>caf\xe9</a>", 1);
    dispatch("207 Multi-Status", "text/xml; charset=\"utf-8\"", "<a>caf\xc3\xa9</a>", 1);
    dispatch("200 OK", "application/xml; charset=bogus", "<a>x</a>", 1);
    dispatch("200 OK", "application/xml; charset=utf-8", "<a>caf\xe9</a>", 1);
    dispatch("200 OK", "application/davmount+xml", "<a>x</a>", 1);
    dispatch("200 OK", "text/plain; charset=bogus", "<a>x</a>", 1);
    dispatch("200 OK", NULL, "<a>x</a>", 1);
    dispatch("404 Not Found", "text/xml", "<error>gone</error>", 1);
    dispatch("500 Oops", "text/xml; charset=ISO-8859-1", "<error>\xe9</error>", 7);
    dispatch("207 Multi-Status", "text/xml", "<a>x</a>", 0);
    dispatch("207 Multi-Status", "text/xml", "<a>\n<b></c></a>", 1);
    return 0;
}
