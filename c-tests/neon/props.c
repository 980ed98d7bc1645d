/* ne_props.h: PROPFIND (ne_simple_propfind named and allprop, ne_propnames,
 * the ne_propfind_* handler with private values, a handler for structured
 * properties on its parser and extra request headers) with depths 0, 1
 * and infinity, and PROPPATCH (set and remove, with and without
 * namespaces, odd values), against a scripted server. Prints each
 * resource's results as the callbacks see them (ne_propset_iterate,
 * ne_propset_value/status/lang/private for names present and absent, with
 * and without namespaces), the creator/destructor calls and
 * ne_propfind_current_private at each point, the result, the session error
 * and the exact requests sent (method, headers, body). Responses: flat
 * values with nested elements, attributes, namespaces, entities and CDATA;
 * propstats with 2xx, non-2xx and no status; responses without propstats;
 * duplicate hrefs; SharePoint hrefs; the per-resource property limit;
 * malformed, truncated and non-207 responses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_basic.h>
#include <ne_props.h>
#include <ne_request.h>
#include <ne_session.h>
#include <ne_uri.h>
#include <ne_xml.h>

#include "harness.h"

static int port;
static char tokens[64];
static int ntok;
static ne_propfind_handler *cur_handler;

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

static const ne_propname queries[] = {
    { "DAV:", "getcontentlength" }, { "DAV:", "displayname" }, { "DAV:", "resourcetype" },
    { "urn:x", "color" }, { NULL, "plain" }, { "", "plain" }, { "DAV:", "missing" }, { NULL, NULL }
};

static void show_status(const char *label, const ne_status *st)
{
    if (st)
        printf("%s %d.%d %d class %d [%s]\n", label, st->major_version, st->minor_version, st->code,
               st->klass, st->reason_phrase ? st->reason_phrase : "(null)");
    else
        printf("%s NULL\n", label);
}

static int iter(void *ud, const ne_propname *pname, const char *value, const ne_status *st)
{
    int *n = ud;
    printf("    prop %d {%s}%s\n", (*n)++, pname->nspace ? pname->nspace : "(null)", pname->name);
    print_str("      value", value);
    show_status("      status", st);
    return 0;
}

static int iter_stop(void *ud, const ne_propname *pname, const char *value, const ne_status *st)
{
    (void)ud; (void)value; (void)st;
    printf("    first: %s\n", pname->name);
    return 42;
}

static void results(void *ud, const ne_uri *uri, const ne_prop_result_set *set)
{
    char *u = ne_uri_unparse(uri);
    int n = 0, i;
    (void)ud;
    print_str_port("  results for", u, port);
    print_str("    path", uri->path);
    printf("    private %s", tok(ne_propset_private(set)));
    if (cur_handler) printf(", current private %s", tok(ne_propfind_current_private(cur_handler)));
    printf("\n");
    printf("    iterate -> %d\n", ne_propset_iterate(set, iter, &n));
    printf("    iterate (stopping) -> %d\n", ne_propset_iterate(set, iter_stop, NULL));
    for (i = 0; queries[i].name; i++) {
        printf("    query {%s}%s:\n", queries[i].nspace ? queries[i].nspace : "(null)", queries[i].name);
        print_str("      value", ne_propset_value(set, &queries[i]));
        print_str("      lang", ne_propset_lang(set, &queries[i]));
        show_status("      status", ne_propset_status(set, &queries[i]));
    }
    free(u);
}

/* ---- the server side ---- */

static char *resp(const char *status, const char *body)
{
    char *r = malloc(strlen(body) + 200);
    sprintf(r, "HTTP/1.1 %s\r\nContent-Type: text/xml; charset=\"utf-8\"\r\nContent-Length: %d\r\n\r\n%s",
            status, (int)strlen(body), body);
    return r;
}

typedef int (*case_fn)(ne_session *sess);

static void serve(const char *label, const char *status, const char *body, case_fn fn)
{
    char *r = resp(status, body), *send = directive("send", r);
    const char *script[] = { "accept", "read", send, "drain", NULL };
    struct srv s;
    ne_session *sess;
    int ret;

    printf("== %s\n", label);
    srv_start(&s, script);
    port = s.port;
    sess = test_session(s.port);
    ret = fn(sess);
    printf("  result: %s\n", ret_name(ret));
    print_str_port("  error", ne_get_error(sess), s.port);
    ne_session_destroy(sess);
    srv_finish(&s);
    free(send);
    free(r);
}

#define MS "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\" xmlns:ns1=\"urn:x\">\n"
#define ME "</D:multistatus>\n"

static const char apache[] =
    MS
    "<D:response xmlns:lp1=\"DAV:\" xmlns:lp2=\"http://apache.org/dav/props/\">\n"
    "<D:href>/dav/coll/</D:href>\n<D:propstat>\n<D:prop>\n"
    "<lp1:resourcetype><D:collection/></lp1:resourcetype>\n"
    "<lp1:getlastmodified xmlns:b=\"urn:uuid:c2f41010-65b3-11d1-a29f-00aa00c14882/\" "
    "b:dt=\"dateTime.rfc1123\">Mon, 01 Jan 2024 00:00:00 GMT</lp1:getlastmodified>\n"
    "<D:displayname>Coll &amp; co</D:displayname>\n"
    "</D:prop>\n<D:status>HTTP/1.1 200 OK</D:status>\n</D:propstat>\n"
    "<D:propstat>\n<D:prop>\n<D:getcontentlength/>\n<ns1:color/>\n</D:prop>\n"
    "<D:status>HTTP/1.1 404 Not Found</D:status>\n</D:propstat>\n</D:response>\n"
    "<D:response><D:href>/dav/coll/file%20one.txt</D:href>\n<D:propstat><D:prop>"
    "<D:getcontentlength>1234</D:getcontentlength><lp1:resourcetype xmlns:lp1=\"DAV:\"/>"
    "<ns1:color xml:lang=\"en\">  red\n </ns1:color><plain>no namespace</plain>"
    "<D:displayname><![CDATA[<b>bold</b>]]> &lt;x&gt;</D:displayname>"
    "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n"
    ME;

static int named0(ne_session *sess) { return ne_simple_propfind(sess, "/dav/coll/", NE_DEPTH_ZERO, queries, results, NULL); }
static int named1(ne_session *sess) { return ne_simple_propfind(sess, "/dav/coll/", NE_DEPTH_ONE, queries, results, NULL); }
static int allprop_inf(ne_session *sess) { return ne_simple_propfind(sess, "/dav/coll/", NE_DEPTH_INFINITE, NULL, results, NULL); }
static int allprop_odd(ne_session *sess) { return ne_simple_propfind(sess, "/dav/a b/", 7, NULL, results, NULL); }
static int propnames1(ne_session *sess) { return ne_propnames(sess, "/dav/coll/", NE_DEPTH_ONE, results, NULL); }
static int no_results(ne_session *sess) { return ne_simple_propfind(sess, "/dav/coll/", NE_DEPTH_ONE, NULL, NULL, NULL); }

static const ne_propname one_name[] = { { NULL, "x" }, { NULL, NULL } };
static int named_odd(ne_session *sess) { return ne_simple_propfind(sess, "/", NE_DEPTH_ZERO, one_name, results, NULL); }
static const ne_propname no_names[] = { { NULL, NULL } };
static int named_none(ne_session *sess) { return ne_simple_propfind(sess, "/", NE_DEPTH_ZERO, no_names, results, NULL); }

/* ---- the complex interface ---- */

static void *creator(void *ud, const ne_uri *uri)
{
    void *t = &tokens[ntok++ % (int)sizeof tokens];
    char *u = ne_uri_unparse(uri);
    (void)ud;
    print_str_port("  creator", u, port);
    printf("    current private %s -> %s\n", tok(ne_propfind_current_private(cur_handler)), tok(t));
    free(u);
    return (ntok % 3 == 0) ? NULL : t;
}

static void destructor(void *ud, void *priv)
{
    (void)ud;
    printf("  destructor %s (current private %s)\n", tok(priv), tok(ne_propfind_current_private(cur_handler)));
}

/* A handler for {urn:x}complex values, below the flat handler. */
static int c_start(void *ud, int parent, const char *ns, const char *name, const char **atts)
{
    ne_xml_parser *xml = ud;
    (void)atts;
    if (parent == NE_207_STATE_PROP && strcmp(ns, "urn:x") == 0 && strcmp(name, "complex") == 0) {
        printf("  complex start (current private %s) attr a=%s\n",
               tok(ne_propfind_current_private(cur_handler)),
               ne_xml_get_attr(xml, atts, NULL, "a") ? ne_xml_get_attr(xml, atts, NULL, "a") : "(none)");
        return NE_PROPS_STATE_TOP + 1;
    }
    if (parent == NE_PROPS_STATE_TOP + 1) {
        printf("  complex child {%s}%s\n", ns, name);
        return NE_PROPS_STATE_TOP + 2;
    }
    return NE_XML_DECLINE;
}

static int c_cdata(void *ud, int state, const char *d, size_t len)
{
    (void)ud;
    printf("  complex cdata %d [", state);
    print_escaped(d, len);
    printf("]\n");
    return 0;
}

static int c_end(void *ud, int state, const char *ns, const char *name)
{
    (void)ud;
    printf("  complex end %d {%s}%s (current private %s)\n", state, ns, name,
           tok(ne_propfind_current_private(cur_handler)));
    return 0;
}

static const ne_propname complex_names[] = { { "urn:x", "complex" }, { "DAV:", "displayname" }, { NULL, NULL } };

static int complex_case(ne_session *sess, int allprop)
{
    ne_propfind_handler *h = ne_propfind_create(sess, "/dav/coll/", NE_DEPTH_ONE);
    ne_xml_parser *xml = ne_propfind_get_parser(h);
    int ret;

    cur_handler = h;
    ntok = 0;
    printf("  current private before: %s\n", tok(ne_propfind_current_private(h)));
    ne_propfind_set_private(h, creator, destructor, NULL);
    ne_xml_push_handler(xml, c_start, c_cdata, c_end, xml);
    ne_add_request_header(ne_propfind_get_request(h), "X-Extra", "yes");
    ret = allprop ? ne_propfind_allprop(h, results, NULL) : ne_propfind_named(h, complex_names, results, NULL);
    printf("  xml failed %d\n", ne_xml_failed(xml));
    printf("  current private after: %s\n", tok(ne_propfind_current_private(h)));
    printf("  status %d\n", ne_get_status(ne_propfind_get_request(h))->code);
    ne_propfind_destroy(h);
    cur_handler = NULL;
    return ret;
}

static int complex_named(ne_session *sess) { return complex_case(sess, 0); }
static int complex_all(ne_session *sess) { return complex_case(sess, 1); }

static const char complex_doc[] =
    MS "<D:response><D:href>/dav/coll/</D:href><D:propstat><D:prop>"
    "<ns1:complex a=\"1\"><ns1:part>one</ns1:part>text<ns1:part x=\"2\"/></ns1:complex>"
    "<D:displayname>coll</D:displayname></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
    "<D:response><D:href>/dav/coll/b</D:href><D:propstat><D:prop><ns1:complex/>"
    "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
    "<D:response><D:href>/dav/coll/c</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>"
    "<D:response><D:href>/dav/coll/d</D:href><D:propstat><D:prop><D:displayname>d</D:displayname>"
    "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
    ME;

static const char complex_cut[] =
    MS "<D:response><D:href>/dav/coll/</D:href><D:propstat><D:prop>"
    "<ns1:complex a=\"1\"><ns1:part>one</ns1:part>";

/* ---- flat values ---- */

static const char flat_doc[] =
    MS "<D:response><D:href>/f</D:href><D:propstat><D:prop>\n"
    "<D:displayname>  <b xmlns=\"urn:b\" c=\"1\" xmlns:q=\"urn:q\" q:d=\"two words\" e:f=\"g\" "
    "xmlns:e=\"urn:e\">in<i>ner</i></b>tail&amp;&#x41;<![CDATA[ c<d> ]]>\n</D:displayname>\n"
    "<ns1:color><ns1:a><ns1:b><ns1:c>deep</ns1:c></ns1:b></ns1:a><empty/>"
    "<x:y xmlns:x=\"urn:y\" k:l=\"undeclared\" z='a&quot;b' w=\"&lt;\t\n\"/></ns1:color>\n"
    "<plain xml:lang=\"fr\" lang=\"de\"></plain>\n"
    "<D:getcontentlength>   </D:getcontentlength>\n"
    "<D:resourcetype><D:collection/><ns1:special/></D:resourcetype>\n"
    "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>" ME;

static const char statuses_doc[] =
    MS "<D:response><D:href>/s1</D:href>"
    "<D:propstat><D:status>HTTP/1.1 200 OK</D:status><D:prop><D:displayname>iis order</D:displayname></D:prop></D:propstat>"
    "<D:propstat><D:prop><D:getcontentlength>5</D:getcontentlength><ns1:color>c</ns1:color></D:prop>"
    "<D:status>HTTP/1.1 403 Forbidden</D:status><D:responsedescription>no</D:responsedescription></D:propstat>"
    "<D:propstat><D:prop><plain>kept</plain></D:prop></D:propstat>"
    "<D:propstat><D:prop><D:resourcetype/></D:prop><D:status>HTTP/1.1 500 Server\tError</D:status></D:propstat>"
    "</D:response>"
    "<D:response><D:href>/s2</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>"
    "<D:response><D:href>/s3</D:href><D:propstat><D:prop/><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
    "<D:response><D:href>/s4-first</D:href><D:propstat><D:prop><D:displayname>a</D:displayname></D:prop>"
    "<D:status>HTTP/1.1 200 OK</D:status></D:propstat><D:href>/s4-second</D:href>"
    "<D:propstat><D:prop><D:displayname>b</D:displayname></D:prop><D:status>HTTP/1.1 200 OK</D:status>"
    "</D:propstat></D:response>"
    "<D:response><D:propstat><D:prop><D:displayname>no href</D:displayname></D:prop></D:propstat></D:response>"
    "<D:response><D:href>/s5</D:href><D:propstat><D:prop><D:displayname>dup 1</D:displayname>"
    "<D:displayname>dup 2</D:displayname></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
    "<D:propstat><D:prop><D:displayname>dup 3</D:displayname></D:prop><D:status>HTTP/1.1 404 Gone</D:status>"
    "</D:propstat></D:response>"
    ME;

static char *limit_doc(int nprops, int npropstats)
{
    size_t cap = 400 + (size_t)nprops * 40 + (size_t)npropstats * 80;
    char *b = malloc(cap), *p = b;
    int i, k = 0;
    p += sprintf(p, MS "<D:response><D:href>/many</D:href>");
    for (i = 0; i < npropstats; i++) {
        int j, per = nprops / npropstats;
        p += sprintf(p, "<D:propstat><D:prop>");
        for (j = 0; j < per; j++) p += sprintf(p, "<ns1:p%d>%d</ns1:p%d>", k, k, k), k++;
        p += sprintf(p, "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>");
    }
    p += sprintf(p, "</D:response><D:response><D:href>/after</D:href><D:propstat><D:prop><plain>x</plain>"
                 "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>" ME);
    return b;
}

static char *big_value_doc(void)
{
    char *b = malloc(120000), *p = b;
    int i;
    p += sprintf(p, MS "<D:response><D:href>/big</D:href><D:propstat><D:prop><D:displayname>");
    for (i = 0; i < 60; i++) {
        memset(p, 'a' + i % 26, 999);
        p += 999;
        p += sprintf(p, "<n%d/>", i % 10);
    }
    p += sprintf(p, "</D:displayname></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>" ME);
    return b;
}

/* Prints only a summary of each result set (for big ones). */
static int sum_iter(void *ud, const ne_propname *pname, const char *value, const ne_status *st)
{
    (void)ud; (void)st;
    printf("    %s: %s", pname->name, value ? "" : "(null)\n");
    if (value) printf("%d bytes, checksum %08lx\n", (int)strlen(value), checksum(value, strlen(value), CHECKSUM_INIT));
    return 0;
}

static void summary(void *ud, const ne_uri *uri, const ne_prop_result_set *set)
{
    (void)ud;
    printf("  results for %s\n", uri->path);
    ne_propset_iterate(set, sum_iter, NULL);
}

static int summary_all(ne_session *sess) { return ne_simple_propfind(sess, "/", NE_DEPTH_ONE, NULL, summary, NULL); }

static int sharepoint(ne_session *sess)
{
    ne_set_session_flag(sess, NE_SESSFLAG_SHAREPOINT, 1);
    return ne_simple_propfind(sess, "/sites/x/", NE_DEPTH_ONE, NULL, results, NULL);
}

/* ---- PROPPATCH ---- */

static const ne_propname pn_color = { "urn:x", "color" }, pn_plain = { NULL, "plain" },
    pn_dav = { "DAV:", "displayname" }, pn_empty_ns = { "", "emptyns" };

static int patch(ne_session *sess)
{
    const ne_proppatch_operation ops[] = {
        { &pn_color, ne_propset, "red & <b>blue</b>" },
        { &pn_plain, ne_propremove, "ignored" },
        { &pn_dav, ne_propset, "" },
        { &pn_empty_ns, ne_propset, NULL },
        { &pn_plain, ne_propset, "caf\xc3\xa9 \"quoted\" 'single'\n\tline" },
        { &pn_color, 5, "odd type" },
        { NULL, 0, NULL }
    };
    return ne_proppatch(sess, "/dav/file%20x", ops);
}

static int patch_empty(ne_session *sess)
{
    const ne_proppatch_operation ops[] = { { NULL, 0, NULL } };
    return ne_proppatch(sess, "/dav/f", ops);
}

int main(void)
{
    char *doc;

    setvbuf(stdout, NULL, _IOLBF, 0);
    serve("named, depth 0", "207 Multi-Status", apache, named0);
    serve("named, depth 1", "207 Multi-Status", apache, named1);
    serve("allprop, depth infinity", "207 Multi-Status", apache, allprop_inf);
    serve("allprop, odd depth and path", "207 Multi-Status", apache, allprop_odd);
    serve("propnames, depth 1", "207 Multi-Status", apache, propnames1);
    serve("no results callback", "207 Multi-Status", apache, no_results);
    serve("one name in no namespace", "207 Multi-Status", MS ME, named_odd);
    serve("empty name list", "207 Multi-Status", MS ME, named_none);
    serve("complex named", "207 Multi-Status", complex_doc, complex_named);
    serve("complex allprop", "207 Multi-Status", complex_doc, complex_all);
    serve("complex, document cut in a value", "207 Multi-Status", complex_cut, complex_named);
    serve("complex, 404", "404 Not Found", complex_doc, complex_named);
    serve("flat values", "207 Multi-Status", flat_doc, named1);
    serve("statuses", "207 Multi-Status", statuses_doc, named1);
    serve("sharepoint hrefs", "207 Multi-Status",
          MS "<D:response><D:href>/sites/x/Shared Documents/a b.doc</D:href><D:propstat><D:prop>"
          "<D:displayname>a b</D:displayname></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
          "</D:response>" ME, sharepoint);
    doc = limit_doc(1020, 3);
    serve("1020 properties in 3 propstats (below the limit)", "207 Multi-Status", doc, summary_all);
    free(doc);
    doc = limit_doc(1022, 2);
    serve("1022 properties in 2 propstats (the limit)", "207 Multi-Status", doc, summary_all);
    free(doc);
    doc = limit_doc(1200, 1200);
    serve("1200 propstats (the limit)", "207 Multi-Status", doc, summary_all);
    free(doc);
    doc = big_value_doc();
    serve("60 KB value", "207 Multi-Status", doc, summary_all);
    free(doc);
    serve("404", "404 Not Found", apache, named1);
    serve("200 OK with a multistatus body", "200 OK", apache, named1);
    serve("207 malformed", "207 Multi-Status", MS "<D:response><D:href>/x</D:href></D:response></D:multi>", named1);
    serve("207 truncated", "207 Multi-Status", MS "<D:response><D:href>/x</D:href><D:propstat><D:prop>", named1);
    serve("207 bad status", "207 Multi-Status",
          MS "<D:response><D:href>/x</D:href><D:propstat><D:prop><plain>v</plain></D:prop>"
          "<D:status>HTTP/1.1 2xx OK</D:status></D:propstat></D:response>" ME, named1);
    serve("207 empty body", "207 Multi-Status", "", named1);
    serve("207 text body", "207 Multi-Status", "no xml here", named1);
    serve("proppatch, 200", "200 OK", "", patch);
    serve("proppatch, 207 with failures", "207 Multi-Status",
          MS "<D:response><D:href>/dav/file%20x</D:href><D:propstat><D:prop><ns1:color/></D:prop>"
          "<D:status>HTTP/1.1 409 Conflict</D:status><D:responsedescription>read-only</D:responsedescription>"
          "</D:propstat><D:propstat><D:prop><plain/></D:prop><D:status>HTTP/1.1 424 Failed Dependency"
          "</D:status></D:propstat></D:response>" ME, patch);
    serve("proppatch, 207 all OK", "207 Multi-Status",
          MS "<D:response><D:href>/dav/file%20x</D:href><D:propstat><D:prop><ns1:color/></D:prop>"
          "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>" ME, patch);
    serve("proppatch, 403", "403 Forbidden", "", patch);
    serve("proppatch, no operations", "200 OK", "", patch_empty);
    return 0;
}
