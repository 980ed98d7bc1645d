/* ne_207.h: the multistatus parser on an XML parser, fed by a request's
 * body reader (ne_accept_207 + ne_xml_parse_v), against a scripted server.
 * Prints every callback (the resolved URI and its parts, statuses,
 * descriptions, what ne_207_get_current_response/propstat say at that
 * moment), what a second handler pushed after the 207 parser is offered,
 * the parse result and error. Documents of many shapes: responses with and
 * without propstats, statuses and descriptions at both levels (shared
 * between a response and its propstats), missing, empty, blank, duplicate,
 * relative, absolute, escaped and entity-laden hrefs, hrefs and texts at
 * the 2 KiB limit (in bodies read whole: past it, what neon keeps depends
 * on where the network splits the text), bad and blank status lines,
 * unknown and nested elements, namespaces and prefixes, elements out of
 * order, SharePoint escaping,
 * callbacks left NULL, a propstat start that aborts, bodies cut at many
 * offsets, non-XML bodies, non-207 responses, and a body in 1-byte chunks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_207.h>
#include <ne_basic.h>
#include <ne_request.h>
#include <ne_session.h>
#include <ne_uri.h>
#include <ne_utils.h>
#include <ne_xml.h>

#include "harness.h"

#define OTHER 0x1        /* push a catch-all handler after the 207 parser */
#define NO_START 0x2     /* no start_response callback */
#define NO_PROPSTAT 0x4  /* no propstat callbacks */
#define MSSP 0x8         /* NE_207_MSSP_ESCAPING */
#define ABORT_2ND 0x10   /* the second start_propstat returns NULL */
#define NO_ENDS 0x20     /* start callbacks only */
#define CHUNKED1 0x40    /* the body in 1-byte chunks */
#define ROOT_BASE 0x80   /* base URI path "/" instead of the request path */

static char tokens[64];
static int ntok, port, npropstat, cur_flags;
static ne_207_parser *cur_p;

static const char *tok(void *p)
{
    static char buf[4][16];
    static int i;
    char *b = buf[i++ & 3];
    if (p == NULL) return "NULL";
    if ((char *)p >= tokens && (char *)p < tokens + sizeof tokens)
        snprintf(b, 16, "#%d", (int)((char *)p - tokens));
    else
        snprintf(b, 16, "?");
    return b;
}

static void *next_token(void)
{
    return &tokens[ntok++ % (int)sizeof tokens];
}

static void show_current(void)
{
    printf("    current response=%s propstat=%s\n", tok(ne_207_get_current_response(cur_p)),
           tok(ne_207_get_current_propstat(cur_p)));
}

static void show_status(const ne_status *st, const char *desc)
{
    if (st)
        printf("    status %d.%d %d class %d [%s]\n", st->major_version, st->minor_version, st->code,
               st->klass, st->reason_phrase ? st->reason_phrase : "(null)");
    else
        printf("    status NULL\n");
    print_str("    description", desc);
}

static void *start_response(void *ud, const ne_uri *uri)
{
    char *u = ne_uri_unparse(uri);
    void *t = next_token();
    (void)ud;
    printf("  start_response -> %s\n", tok(t));
    print_str_port("    uri", u, port);
    print_str("    scheme", uri->scheme);
    print_str("    host", uri->host);
    printf("    port %s\n", uri->port == (unsigned)port ? "PORT" : (uri->port ? "other" : "0"));
    print_str("    userinfo", uri->userinfo);
    print_str("    path", uri->path);
    print_str("    query", uri->query);
    print_str("    fragment", uri->fragment);
    show_current();
    free(u);
    return t;
}

static void end_response(void *ud, void *response, const ne_status *st, const char *desc)
{
    (void)ud;
    printf("  end_response %s\n", tok(response));
    show_status(st, desc);
    show_current();
}

static void *start_propstat(void *ud, void *response)
{
    ne_xml_parser *xml = ud;
    void *t;
    printf("  start_propstat in %s\n", tok(response));
    show_current();
    if ((cur_flags & ABORT_2ND) && ++npropstat == 2) {
        ne_xml_set_error(xml, "propstat refused");
        printf("    -> NULL (abort)\n");
        return NULL;
    }
    t = next_token();
    printf("    -> %s\n", tok(t));
    return t;
}

static void end_propstat(void *ud, void *propstat, const ne_status *st, const char *desc)
{
    (void)ud;
    printf("  end_propstat %s\n", tok(propstat));
    show_status(st, desc);
    show_current();
}

/* The catch-all handler: accepts whatever reaches it. */
static int o_start(void *ud, int parent, const char *ns, const char *name, const char **atts)
{
    (void)ud; (void)atts;
    printf("  other start parent=%d {%s}%s\n", parent, ns, name);
    return 500 + parent % 100;
}

static int o_cdata(void *ud, int state, const char *data, size_t len)
{
    (void)ud;
    printf("  other cdata %d [", state);
    print_escaped(data, len);
    printf("]\n");
    return 0;
}

static int o_end(void *ud, int state, const char *ns, const char *name)
{
    (void)ud;
    printf("  other end %d {%s}%s\n", state, ns, name);
    return 0;
}

static char *http_207(const char *status, const char *body, size_t len)
{
    char *r = malloc(len + 256);
    int n = sprintf(r, "HTTP/1.1 %s\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n", status, (int)len);
    memcpy(r + n, body, len);
    r[n + len] = '\0';
    return r;
}

/* The body in 1-byte chunks. */
static char *http_chunked1(const char *body)
{
    size_t len = strlen(body), i;
    char *r = malloc(len * 6 + 256), *p = r;
    p += sprintf(p, "HTTP/1.1 207 Multi-Status\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (i = 0; i < len; i++) p += sprintf(p, "1\r\n%c\r\n", body[i]);
    sprintf(p, "0\r\n\r\n");
    return r;
}

static void run_case(const char *label, const char *status, const char *body, size_t len, int flags)
{
    char *resp = (flags & CHUNKED1) ? http_chunked1(body) : http_207(status, body, len);
    char *send = directive("send", resp);
    const char *script[] = { "accept", "read", send, "drain", NULL };
    struct srv s;
    ne_session *sess;
    ne_request *req;
    ne_xml_parser *xml;
    ne_207_parser *p;
    ne_uri base = {0};
    int ret;

    printf("== %s\n", label);
    srv_start(&s, script);
    port = s.port;
    sess = test_session(s.port);
    req = ne_request_create(sess, "PROPFIND", "/dav/coll/");
    xml = ne_xml_create();
    ne_fill_server_uri(sess, &base);
    base.path = ne_strdup((flags & ROOT_BASE) ? "/" : "/dav/coll/");
    p = ne_207_create(xml, &base, xml);
    ne_uri_free(&base);
    cur_p = p;
    cur_flags = flags;
    npropstat = 0;
    ntok = 0;
    if (flags & MSSP) ne_207_set_flags(p, NE_207_MSSP_ESCAPING);
    ne_207_set_response_handlers(p, (flags & NO_START) ? NULL : start_response,
                                 (flags & NO_ENDS) ? NULL : end_response);
    if (!(flags & NO_PROPSTAT))
        ne_207_set_propstat_handlers(p, start_propstat, (flags & NO_ENDS) ? NULL : end_propstat);
    if (flags & OTHER) ne_xml_push_handler(xml, o_start, o_cdata, o_end, NULL);
    ne_add_response_body_reader(req, ne_accept_207, ne_xml_parse_v, xml);
    ret = ne_request_dispatch(req);
    printf("  dispatch: %s, status %d\n", ret_name(ret), ne_get_status(req)->code);
    print_str_port("  session error", ne_get_error(sess), s.port);
    printf("  xml failed %d\n", ne_xml_failed(xml));
    print_str("  xml error", ne_xml_get_error(xml));
    ne_request_destroy(req);
    ne_207_destroy(p);
    ne_xml_destroy(xml);
    ne_session_destroy(sess);
    srv_finish(&s);
    free(send);
    free(resp);
}

static void doc(const char *label, const char *body, int flags)
{
    run_case(label, "207 Multi-Status", body, strlen(body), flags);
}

#define MS_OPEN "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">\n"
#define MS_CLOSE "</D:multistatus>\n"

static const char apache[] =
    MS_OPEN
    "<D:response xmlns:lp1=\"DAV:\" xmlns:lp2=\"http://apache.org/dav/props/\">\n"
    "<D:href>/dav/coll/</D:href>\n"
    "<D:propstat>\n<D:prop>\n<lp1:resourcetype><D:collection/></lp1:resourcetype>\n"
    "<lp1:getlastmodified>Mon, 01 Jan 2024 00:00:00 GMT</lp1:getlastmodified>\n"
    "</D:prop>\n<D:status>HTTP/1.1 200 OK</D:status>\n</D:propstat>\n"
    "<D:propstat>\n<D:prop>\n<D:displayname/>\n</D:prop>\n"
    "<D:status>HTTP/1.1 404 Not Found</D:status>\n"
    "<D:responsedescription>  no such\n property </D:responsedescription>\n</D:propstat>\n"
    "</D:response>\n"
    "<D:response>\n<D:href>/dav/coll/a%20file.txt</D:href>\n"
    "<D:propstat>\n<D:prop><lp1:getcontentlength xmlns:lp1=\"DAV:\">42</lp1:getcontentlength></D:prop>\n"
    "<D:status>HTTP/1.1 200 OK</D:status>\n</D:propstat>\n</D:response>\n"
    MS_CLOSE;

static void shapes(void)
{
    doc("apache-style multistatus", apache, 0);
    doc("apache-style, catch-all handler", apache, OTHER);
    doc("apache-style, no start_response (skipped)", apache, NO_START | OTHER);
    doc("apache-style, no propstat callbacks", apache, NO_PROPSTAT);
    doc("apache-style, start callbacks only", apache, NO_ENDS);
    doc("apache-style, second propstat aborts", apache, ABORT_2ND);
    doc("apache-style, 1-byte chunks", apache, CHUNKED1 | OTHER);
    doc("apache-style, root base", apache, ROOT_BASE);

    doc("response status, no propstat",
        MS_OPEN "<D:response><D:href>/dav/coll/gone</D:href><D:status>HTTP/1.1 423 Locked</D:status>"
        "<D:responsedescription>it is locked</D:responsedescription></D:response>" MS_CLOSE, 0);
    doc("response description before propstats goes to the first propstat",
        MS_OPEN "<D:response><D:href>x</D:href><D:responsedescription>early</D:responsedescription>"
        "<D:status>HTTP/1.0 500 Early</D:status>"
        "<D:propstat><D:prop/></D:propstat>"
        "<D:propstat><D:prop/><D:status>HTTP/1.1 403 Forbidden</D:status></D:propstat>"
        "<D:responsedescription>late</D:responsedescription></D:response>" MS_CLOSE, 0);
    doc("propstat without status or description",
        MS_OPEN "<D:response><D:href>y</D:href><D:propstat><D:prop><D:x/></D:prop></D:propstat>"
        "</D:response>" MS_CLOSE, OTHER);
    doc("status given twice, description twice",
        MS_OPEN "<D:response><D:href>y</D:href><D:propstat><D:prop/>"
        "<D:status>HTTP/1.1 200 OK</D:status><D:status>HTTP/1.1 409 Conflict</D:status>"
        "<D:responsedescription>one</D:responsedescription>"
        "<D:responsedescription>two</D:responsedescription></D:propstat></D:response>" MS_CLOSE, 0);
    doc("empty status and description elements are ignored",
        MS_OPEN "<D:response><D:href>e</D:href><D:status></D:status><D:status/>"
        "<D:responsedescription></D:responsedescription></D:response>" MS_CLOSE, 0);
    doc("status and description with odd text",
        MS_OPEN "<D:response><D:href>o</D:href><D:propstat><D:prop/>"
        "<D:status>\r\n\t xHTTP/1.1   201\tCreated &amp; more\x01 \t\n</D:status>"
        "<D:responsedescription>a &lt;b&gt; &#233;t&#xE9; <![CDATA[<c>]]></D:responsedescription>"
        "</D:propstat></D:response>" MS_CLOSE, 0);
    doc("status without reason", MS_OPEN "<D:response><D:href>r</D:href><D:status>HTTP/2.0 204</D:status>"
        "</D:response>" MS_CLOSE, 0);
    doc("several statuses and classes",
        MS_OPEN "<D:response><D:href>1</D:href><D:status>HTTP/1.1 100 Continue</D:status></D:response>"
        "<D:response><D:href>2</D:href><D:status>HTTP/1.1 302 Found</D:status></D:response>"
        "<D:response><D:href>3</D:href><D:status>HTTP/1.1 424 Failed Dependency</D:status></D:response>"
        "<D:response><D:href>4</D:href><D:status>HTTP/1.1 507 Insufficient Storage</D:status></D:response>"
        "<D:response><D:href>5</D:href><D:status>HTTP/1.1 999 Odd</D:status></D:response>" MS_CLOSE, 0);
    doc("empty multistatus", MS_OPEN MS_CLOSE, OTHER);
    doc("multistatus element only", "<multistatus xmlns='DAV:'/>", 0);
}

static void hrefs(void)
{
    doc("missing href (skipped)",
        MS_OPEN "<D:response><D:propstat><D:prop><D:a/></D:prop><D:status>HTTP/1.1 200 OK</D:status>"
        "</D:propstat><D:status>HTTP/1.1 200 OK</D:status></D:response>"
        "<D:response><D:href>after</D:href></D:response>" MS_CLOSE, OTHER);
    doc("empty href elements",
        MS_OPEN "<D:response><D:href></D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>"
        "<D:response><D:href/><D:status>HTTP/1.1 200 OK</D:status></D:response>" MS_CLOSE, OTHER);
    doc("blank href is the base",
        MS_OPEN "<D:response><D:href> \n\t </D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>" MS_CLOSE, 0);
    doc("duplicate hrefs in one response",
        MS_OPEN "<D:response><D:href>/first</D:href><D:propstat><D:prop/>"
        "<D:status>HTTP/1.1 200 OK</D:status></D:propstat><D:href>/second</D:href>"
        "<D:propstat><D:prop/></D:propstat></D:response>" MS_CLOSE, 0);
    doc("status and propstat before the href",
        MS_OPEN "<D:response><D:status>HTTP/1.1 404 Gone</D:status>"
        "<D:propstat><D:prop/></D:propstat><D:href>/late</D:href>"
        "<D:propstat><D:prop/><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>" MS_CLOSE, OTHER);
    doc("relative and absolute hrefs",
        MS_OPEN
        "<D:response><D:href>child</D:href></D:response>"
        "<D:response><D:href>../sibling/x</D:href></D:response>"
        "<D:response><D:href>./a/./b/../c</D:href></D:response>"
        "<D:response><D:href>/abs/path</D:href></D:response>"
        "<D:response><D:href>?query=1</D:href></D:response>"
        "<D:response><D:href>#frag</D:href></D:response>"
        "<D:response><D:href>x?q#f</D:href></D:response>"
        "<D:response><D:href>http://other.example:8080/elsewhere?q</D:href></D:response>"
        "<D:response><D:href>https://user@secure.example/s</D:href></D:response>"
        "<D:response><D:href>//host.example/net/path</D:href></D:response>"
        "<D:response><D:href>HTTP://UPPER.example</D:href></D:response>"
        "<D:response><D:href>mailto:joe@example.com</D:href></D:response>"
        "<D:response><D:href>/../../up</D:href></D:response>"
        "<D:response><D:href>/a%20b/%7Euser/</D:href></D:response>"
        "<D:response><D:href>/with space/and&amp;amp;</D:href></D:response>"
        "<D:response><D:href>  /padded  \n</D:href></D:response>"
        "<D:response><D:href>/spl<!-- comment -->it</D:href></D:response>"
        "<D:response><D:href><![CDATA[/cdata/<x>]]></D:href></D:response>"
        "<D:response><D:href>/caf&#233;</D:href></D:response>"
        MS_CLOSE, 0);
    doc("unparsable hrefs are skipped",
        MS_OPEN
        "<D:response><D:href>http://[::1/x</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>"
        "<D:response><D:href>/ok</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>"
        "<D:response><D:href>/bad\"quote</D:href></D:response>"
        "<D:response><D:href>/tab\there</D:href></D:response>"
        MS_CLOSE, OTHER);
    doc("sharepoint escaping",
        MS_OPEN "<D:response><D:href>/Shared Documents/a b&amp;c.doc</D:href></D:response>"
        "<D:response><D:href>http://sp.example/x y/%41</D:href></D:response>" MS_CLOSE, MSSP);
    doc("no sharepoint escaping",
        MS_OPEN "<D:response><D:href>/Shared Documents/a b&amp;c.doc</D:href></D:response>" MS_CLOSE, 0);
    doc("element inside href is pruned",
        MS_OPEN "<D:response><D:href>/a<x>ignored</x>b<D:href>/nested</D:href>c</D:href></D:response>" MS_CLOSE, 0);
    doc("element inside href, catch-all",
        MS_OPEN "<D:response><D:href>/a<x>seen</x>b</D:href></D:response>" MS_CLOSE, OTHER);
}

static void texts(void)
{
    static char body[20000];
    char *p;
    int i, n;
    const int lens[] = { 2000, 2045, 2046, 2047, 2100 };

    for (i = 0; i < (int)(sizeof lens / sizeof lens[0]); i++) {
        char label[80];
        p = body + sprintf(body, MS_OPEN "<D:response><D:href>/");
        for (n = 0; n < lens[i] - 1; n++) *p++ = 'a' + n % 26;
        p += sprintf(p, "</D:href><D:status>HTTP/1.1 500 ");
        for (n = 0; n < lens[i] - 16; n++) *p++ = 'A' + n % 26;
        p += sprintf(p, "</D:status><D:responsedescription>");
        for (n = 0; n < lens[i]; n++) *p++ = '0' + n % 10;
        sprintf(p, "</D:responsedescription></D:response>" MS_CLOSE);
        snprintf(label, sizeof label, "texts of %d bytes", lens[i]);
        doc(label, body, 0);
    }
    /* pieces split by references: each piece is added if it fits */
    p = body + sprintf(body, MS_OPEN "<D:response><D:href>/");
    for (n = 0; n < 2040; n++) *p++ = 'x';
    p += sprintf(p, "&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;</D:href></D:response>" MS_CLOSE);
    doc("long href then references", body, 0);
}

static void statuses(void)
{
    doc("bad status line (code too long)",
        MS_OPEN "<D:response><D:href>/a</D:href>\n<D:status>HTTP/1.1 2000 Big</D:status></D:response>" MS_CLOSE, 0);
    doc("bad status line (no HTTP/)",
        MS_OPEN "<D:response><D:href>/a</D:href><D:propstat><D:prop/>\n\n<D:status>200 OK</D:status>"
        "</D:propstat></D:response>" MS_CLOSE, OTHER);
    doc("blank status line",
        MS_OPEN "<D:response><D:href>/a</D:href><D:status>  \n </D:status></D:response>" MS_CLOSE, 0);
    doc("bad status line before the href is not read",
        MS_OPEN "<D:response><D:status>junk</D:status><D:href>/a</D:href></D:response>" MS_CLOSE, 0);
    {
        static char body[4000];
        char *p = body + sprintf(body, MS_OPEN "<D:response><D:href>/a</D:href><D:status>bad ");
        int n;
        for (n = 0; n < 700; n++) *p++ = 'z';
        sprintf(p, "</D:status></D:response>" MS_CLOSE);
        doc("long bad status line (message cut)", body, 0);
    }
}

static void namespaces(void)
{
    doc("default namespace",
        "<multistatus xmlns=\"DAV:\"><response><href>/d</href><propstat><prop><x/></prop>"
        "<status>HTTP/1.1 200 OK</status></propstat></response></multistatus>", OTHER);
    doc("other prefixes",
        "<a:multistatus xmlns:a=\"DAV:\" xmlns:b=\"DAV:\"><b:response><a:href>/p</a:href>"
        "<b:status>HTTP/1.1 200 OK</b:status></b:response></a:multistatus>", 0);
    doc("wrong namespace (dav:) is declined",
        "<multistatus xmlns=\"dav:\"><response><href>/w</href></response></multistatus>", OTHER);
    doc("no namespace is declined",
        "<multistatus><response><href>/n</href></response></multistatus>", OTHER);
    doc("DAV elements in the wrong places",
        MS_OPEN "<D:href>/top</D:href><D:responsedescription>top</D:responsedescription>"
        "<D:response><D:multistatus/><D:response/><D:href>/r</D:href><D:prop/>"
        "<D:propstat><D:href>/in</D:href><D:propstat/><D:prop><D:status>HTTP/1.1 500 X</D:status></D:prop>"
        "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>" MS_CLOSE, OTHER);
    doc("unknown elements nested everywhere",
        MS_OPEN "<x:unknown xmlns:x=\"urn:x\"><D:response><D:href>/u</D:href></D:response></x:unknown>"
        "<D:response><x:a xmlns:x=\"urn:x\"><x:b><D:href>/hidden</D:href></x:b></x:a>"
        "<D:href>/v</D:href><x:c xmlns:x=\"urn:x\"/><D:propstat><x:d xmlns:x=\"urn:x\">t</x:d>"
        "<D:prop><x:e xmlns:x=\"urn:x\" attr=\"1\">value</x:e></D:prop>"
        "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>" MS_CLOSE, OTHER);
    doc("unknown elements pruned",
        MS_OPEN "<D:response><x:a xmlns:x=\"urn:x\"><x:b><D:href>/hidden</D:href></x:b></x:a>"
        "<D:href>/v</D:href><D:propstat><D:prop><x:e xmlns:x=\"urn:x\">value</x:e></D:prop>"
        "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>" MS_CLOSE, 0);
    doc("a different root element", "<D:prop xmlns:D=\"DAV:\"><D:response><D:href>/x</D:href></D:response></D:prop>", OTHER);
}

static const char trunc_doc[] =
    MS_OPEN "<D:response>\n<D:href>/dav/coll/t</D:href>\n<D:propstat>\n<D:prop><D:getetag>\"e\"</D:getetag></D:prop>\n"
    "<D:status>HTTP/1.1 200 OK</D:status>\n</D:propstat>\n"
    "<D:responsedescription>done</D:responsedescription>\n</D:response>\n"
    "<D:response><D:href>/dav/coll/u</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>\n"
    MS_CLOSE;

static void malformed(void)
{
    size_t len = strlen(trunc_doc), cut;
    char label[80];

    for (cut = 0; cut < len; cut += (cut < 120 ? 7 : 23)) {
        snprintf(label, sizeof label, "document cut at %d of %d", (int)cut, (int)len);
        run_case(label, "207 Multi-Status", trunc_doc, cut, 0);
    }
    doc("mismatched end tag", MS_OPEN "<D:response><D:href>/m</D:href></D:respons>" MS_CLOSE, 0);
    doc("junk after the root", MS_OPEN MS_CLOSE "<D:response/>", 0);
    doc("undeclared prefix", "<D:multistatus><D:response/></D:multistatus>", 0);
    doc("bad character", MS_OPEN "<D:response><D:href>/\x01</D:href></D:response>" MS_CLOSE, 0);
    doc("not UTF-8", MS_OPEN "<D:response><D:href>/\xff\xfe</D:href></D:response>" MS_CLOSE, 0);
    doc("ISO-8859-1 declared",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><D:multistatus xmlns:D=\"DAV:\"><D:response>"
        "<D:href>/caf\xe9</D:href><D:status>HTTP/1.1 200 \xc0 la</D:status></D:response>" MS_CLOSE, 0);
    doc("plain text body", "This is not XML at all.\n", 0);
    doc("JSON body", "{\"multistatus\": []}", 0);
    doc("HTML body", "<html><body><h1>Multi-Status</h1></body></html>", OTHER);
    doc("empty body", "", 0);
    doc("blank body", "\n\n  \n", 0);
    run_case("200 OK with a multistatus body (not read)", "200 OK", apache, strlen(apache), 0);
    run_case("404 with a multistatus body (not read)", "404 Not Found", apache, strlen(apache), 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    shapes();
    hrefs();
    texts();
    statuses();
    namespaces();
    malformed();
    return 0;
}
