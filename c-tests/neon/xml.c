/* ne_xml.h: every function, black-box. Documents are fed whole and byte by
 * byte to handler stacks that print every callback with its arguments
 * (ne_xml_currentline, attributes, ne_xml_get_attr and
 * ne_xml_resolve_nspace answers); then the result, error string, line and
 * encoding. Character data is printed per run: consecutive cdata calls for
 * the same state are joined (how a parser splits a run into calls depends
 * on where the input was cut, in libxml2 as in expat). Covers namespaces,
 * DECLINE and abort in each callback, ne_xml_set_error from a callback,
 * ne_xml_mapid tables, and hostile input: unclosed and mismatched tags,
 * undeclared prefixes, invalid UTF-8 and characters, junk after the root,
 * 1 MB attribute values, 10,000-deep nesting, entity-expansion bombs and
 * DOCTYPEs with external entities (which must never be fetched). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_xml.h>

#include "harness.h"

static ne_xml_parser *P;
static int quiet;                 /* count events instead of printing them */
static unsigned long nevents, sum;

static char run[1 << 16];
static size_t runlen, runtotal;
static int runstate = -1, runline;
static unsigned long runsum;

static void flush_run(void)
{
    if (runstate < 0) return;
    if (quiet) {
        nevents++;
        sum = checksum(run, runlen, sum);
    } else {
        printf("  cdata L%d state=%d len=%lu [", runline, runstate, (unsigned long)runtotal);
        if (runtotal <= sizeof run) print_escaped(run, runlen);
        else printf("... sum %lx", runsum);
        printf("]\n");
    }
    runstate = -1;
    runlen = runtotal = 0;
    runsum = CHECKSUM_INIT;
}

/* ---- configurable handlers ------------------------------------------- */

struct hand {
    const char *label;
    const char *accept;  /* space-separated local names accepted, NULL: all */
    const char *abort_start, *abort_cdata, *abort_end; /* element names */
    int abort_value;
    const char *set_error; /* set this error before aborting */
    int ncdata;
};

static int listed(const char *list, const char *name)
{
    size_t n = strlen(name);
    const char *p = list;
    while ((p = strstr(p, name)) != NULL) {
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return 1;
        p += n;
    }
    return 0;
}

static int h_start(void *ud, int parent, const char *nspace, const char *name, const char **atts)
{
    struct hand *h = ud;
    int i;
    flush_run();
    if (quiet) {
        nevents++;
        sum = checksum(name, strlen(name), sum);
        for (i = 0; atts[i]; i += 2) sum = checksum(atts[i + 1], strlen(atts[i + 1]), sum);
    } else {
        const char *v;
        printf("  %s start L%d parent=%d {%s}%s", h->label, ne_xml_currentline(P), parent, nspace, name);
        for (i = 0; atts[i]; i += 2) {
            printf(" [%s=", atts[i]);
            if (strlen(atts[i + 1]) > 200) printf("(%lu bytes, sum %lx)", (unsigned long)strlen(atts[i + 1]),
                                                  checksum(atts[i + 1], strlen(atts[i + 1]), CHECKSUM_INIT));
            else print_escaped(atts[i + 1], strlen(atts[i + 1]));
            printf("]");
        }
        printf("\n");
        v = ne_xml_get_attr(P, atts, NULL, "id");
        if (v) printf("    get_attr(NULL, id) = [%s]\n", v);
        v = ne_xml_get_attr(P, atts, "urn:x", "id");
        if (v) printf("    get_attr(urn:x, id) = [%s]\n", v);
        v = ne_xml_get_attr(P, atts, "DAV:", "id");
        if (v) printf("    get_attr(DAV:, id) = [%s]\n", v);
        v = ne_xml_resolve_nspace(P, "D", 1);
        if (v) printf("    resolve(D) = [%s]\n", v);
        v = ne_xml_resolve_nspace(P, "xyz", 1); /* "x": length counts */
        if (v) printf("    resolve(x) = [%s]\n", v);
        v = ne_xml_resolve_nspace(P, NULL, 0);
        printf("    resolve(NULL) = [%s]\n", v ? v : "(null)");
    }
    if (h->abort_start && strcmp(name, h->abort_start) == 0) {
        if (h->set_error) ne_xml_set_error(P, h->set_error);
        if (!quiet) printf("  %s aborts start of %s with %d\n", h->label, name, h->abort_value);
        return h->abort_value;
    }
    if (h->accept && !listed(h->accept, name)) return NE_XML_DECLINE;
    return parent + 1;
}

static int h_cdata(void *ud, int state, const char *data, size_t len)
{
    struct hand *h = ud;
    if (runstate != state) flush_run();
    runstate = state;
    if (runlen + len <= sizeof run) memcpy(run + runlen, data, len), runlen += len;
    runtotal += len;
    runsum = checksum(data, len, runsum);
    runline = ne_xml_currentline(P);
    h->ncdata++;
    if (h->abort_cdata && state == atoi(h->abort_cdata)) {
        flush_run();
        if (h->set_error) ne_xml_set_error(P, h->set_error);
        if (!quiet) printf("  %s aborts cdata in state %d with %d\n", h->label, state, h->abort_value);
        return h->abort_value;
    }
    return 0;
}

static int h_end(void *ud, int state, const char *nspace, const char *name)
{
    struct hand *h = ud;
    flush_run();
    if (quiet) {
        nevents++;
        sum = checksum(name, strlen(name), sum);
    } else {
        printf("  %s end L%d state=%d {%s}%s\n", h->label, ne_xml_currentline(P), state, nspace, name);
    }
    if (h->abort_end && strcmp(name, h->abort_end) == 0) {
        if (h->set_error) ne_xml_set_error(P, h->set_error);
        if (!quiet) printf("  %s aborts end of %s with %d\n", h->label, name, h->abort_value);
        return h->abort_value;
    }
    return 0;
}

/* ---- running documents ----------------------------------------------- */

#define WHOLE 1
#define BYTES 2
#define BOTH (WHOLE | BYTES)
#define QUIET 4

/* Parses doc with the given handlers (pushed in order; NULL-terminated). */
static void parse_with(const char *doc, size_t len, int bytewise, struct hand **hs)
{
    int ret = 0;
    size_t i;
    const char *enc;

    nevents = 0;
    sum = CHECKSUM_INIT;
    runsum = CHECKSUM_INIT;
    P = ne_xml_create();
    for (i = 0; hs[i]; i++) ne_xml_push_handler(P, h_start, h_cdata, h_end, hs[i]);
    if (bytewise) {
        for (i = 0; i < len && ret == 0; i++) ret = ne_xml_parse(P, doc + i, 1);
    } else if (len) {
        ret = ne_xml_parse(P, doc, len);
    }
    if (ret == 0) ret = ne_xml_parse(P, NULL, 0);
    flush_run();
    if (quiet) printf("  %lu events, sum %lx\n", nevents, sum);
    printf("  result %d failed %d line %d", ret, ne_xml_failed(P), ne_xml_currentline(P));
    enc = ne_xml_doc_encoding(P);
    printf(" encoding %s\n", enc ? enc : "(null)");
    print_str("  error", ne_xml_get_error(P));
    /* once failed, every call returns the failure */
    if (ret && ne_xml_parse(P, "<x/>", 4) != ret) printf("  later parse succeeded!\n");
    ne_xml_destroy(P);
}

static struct hand all = { "h", NULL, NULL, NULL, NULL, 0, NULL, 0 };

static void doc_n(const char *label, const char *doc, size_t len, int modes)
{
    struct hand *hs[] = { &all, NULL };
    quiet = (modes & QUIET) != 0;
    if (modes & WHOLE) {
        printf("== %s (whole)\n", label);
        parse_with(doc, len, 0, hs);
    }
    if (modes & BYTES) {
        printf("== %s (byte by byte)\n", label);
        parse_with(doc, len, 1, hs);
    }
    quiet = 0;
}

static void doc(const char *label, const char *text, int modes)
{
    doc_n(label, text, strlen(text), modes);
}

static void stack(const char *label, const char *text, struct hand **hs)
{
    printf("== %s (whole)\n", label);
    parse_with(text, strlen(text), 0, hs);
    printf("== %s (byte by byte)\n", label);
    parse_with(text, strlen(text), 1, hs);
}

static const char multistatus[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<D:multistatus xmlns:D=\"DAV:\" xmlns:x=\"urn:x\">\n"
    "  <D:response>\n"
    "    <D:href>/a%20b/</D:href>\n"
    "    <D:propstat><D:prop><D:displayname>caf\xc3\xa9 &amp; &lt;more&gt; &#65;&#x42;</D:displayname>\n"
    "      <x:custom x:id=\"7\" id=\"plain\" D:id=\"dav\">v</x:custom>\r\n"
    "      <D:getcontentlength>42</D:getcontentlength></D:prop>\n"
    "      <D:status>HTTP/1.1 200 OK</D:status></D:propstat>\n"
    "  </D:response>\n"
    "  <response xmlns=\"DAV:\"><href>/c</href><![CDATA[<raw> & ]]]]><![CDATA[>]]></response>\n"
    "  <!-- comment --><?pi data?>\n"
    "</D:multistatus>\n";

static void well_formed(void)
{
    doc("multistatus", multistatus, BOTH);
    doc("default namespaces and scoping",
        "<a xmlns=\"urn:one\"><b/><c xmlns=\"urn:two\"><d/></c><e xmlns=\"\"><f/></e><g/></a>", BOTH);
    doc("prefix scoping and shadowing",
        "<p:a xmlns:p=\"urn:1\"><p:b xmlns:p=\"urn:2\"><p:c/></p:b><p:d/></p:a>", BOTH);
    doc("prefixed attributes",
        "<a xmlns:x=\"urn:x\" x:id=\"1\" id=\"2\"><b xmlns:y=\"urn:x\" y:id=\"3\"/></a>", BOTH);
    doc("local names with colons",
        "<a xmlns:p=\"urn:p\"><p:b:c/></a>", BOTH);
    doc("attribute normalization",
        "<a id=\"1\t2\r\n3\n4&#10;5&#9;6 &quot;&apos;\" b='x\"y' c=\"&#x10000;\"/>", BOTH);
    doc("line ends in text", "<a>1\r\n2\r3\n\n4</a>", BOTH);
    doc("white space and comments around the root",
        "\n\n<!-- c1 -->\n<?pi x?>\n<a>\n</a>\n<!-- c2 -->\n\n", BOTH);
    doc("byte order mark", "\xef\xbb\xbf<a>x</a>", BOTH);
    doc("XML declaration, standalone", "<?xml version=\"1.0\" standalone='yes'?><a/>", BOTH);
    doc("ISO-8859-1 document", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a b=\"\xe9\">\xe0\xff</a>", BOTH);
    doc("UTF-8 names and text",
        "<\xc3\xa9l\xc3\xa9ment attr\xc3\xae=\"\xe2\x82\xac\">\xf0\x9f\x98\x80</\xc3\xa9l\xc3\xa9ment>", BOTH);
    doc("CDATA sections", "<a><![CDATA[]]><![CDATA[x]y]]z\nw]]>tail</a>", BOTH);
    doc("empty root", "<a/>", BOTH);
    doc("DOCTYPE without entities",
        "<!DOCTYPE a [\n<!ELEMENT a (#PCDATA)>\n<!ATTLIST a b CDATA \"dflt\">\n]>\n<a>x</a>", BOTH);
}

static void errors(void)
{
    doc("empty document", "", WHOLE);
    doc("white space only", "  \n ", BOTH);
    doc("declaration only", "<?xml version=\"1.0\"?>", BOTH);
    doc("unclosed root", "<a><b></b>", BOTH);
    doc("unclosed text", "<a>text", BOTH);
    doc("unfinished start tag", "<a>\n<b x=\"1\"", BOTH);
    doc("unfinished attribute value", "<a x=\"1", BOTH);
    doc("unfinished end tag", "<a></a", BOTH);
    doc("unfinished comment", "<a><!-- x", BOTH);
    doc("unfinished reference", "<a>&amp", BOTH);
    doc("unfinished CDATA", "<a><![CDATA[x", BOTH);
    doc("partial character at the end", "<a>\xc3", BOTH);
    doc("mismatched end tag", "<a>\n<b>\n</c>\n</a>", BOTH);
    doc("end tag without name", "<a></>", WHOLE);
    doc("junk after the root", "<a/>x", BOTH);
    doc("second root", "<a/>\n<b/>", WHOLE);
    doc("text before the root", "x<a/>", WHOLE);
    doc("undeclared element prefix", "<a>\n<p:b/></a>", BOTH);
    doc("undeclared prefix in a declined branch", "<a><p:b/></a>", BOTH);
    doc("empty namespace URI", "<a:b xmlns:a=\"\"/>", WHOLE);
    doc("prefix starting with a digit", "<a xmlns:1=\"u\"/>", WHOLE);
    doc("empty local name", "<a xmlns:a=\"u\"><a:/></a>", WHOLE);
    doc("undefined entity", "<a>\n&foo;</a>", WHOLE);
    doc("undefined entity in an attribute", "<a x=\"&foo;\"/>", WHOLE);
    doc("NUL character reference", "<a>&#0;</a>", WHOLE);
    doc("surrogate character reference", "<a>&#xD800;</a>", WHOLE);
    doc("control character", "<a>\x01</a>", WHOLE);
    doc("invalid UTF-8", "<a>\n\xc3\x28</a>", WHOLE);
    doc("invalid UTF-8 in an attribute", "<a b=\"\xff\"/>", WHOLE);
    doc("]]> in text", "<a>]]></a>", WHOLE);
    doc("duplicate attribute", "<a x=\"1\" x=\"2\"/>", WHOLE);
    doc("unquoted attribute value", "<a x=1/>", WHOLE);
    doc("attributes without space", "<a x=\"1\"y=\"2\"/>", WHOLE);
    doc("< in attribute value", "<a x=\"<\"/>", WHOLE);
    doc("attribute name starting with a digit", "<a 1x=\"1\"/>", WHOLE);
    doc("element name starting with a digit", "<1a/>", WHOLE);
    doc("double hyphen in comment", "<a><!-- c -- d --></a>", WHOLE);
    doc("XML declaration not at the start", " <?xml version=\"1.0\"?><a/>", WHOLE);
    doc("unsupported encoding", "<?xml version=\"1.0\" encoding=\"xyz\"?><a/>", WHOLE);
}

static void hostile(void)
{
    size_t n = 1 << 20, i, len;
    char *big = malloc(n + 64), *p;

    /* 1 MB attribute value and 1 MB of text */
    len = (size_t)sprintf(big, "<a x=\"");
    memset(big + len, 'v', n);
    len += n;
    len += (size_t)sprintf(big + len, "\">t</a>");
    doc_n("1 MB attribute value", big, len, BOTH);
    len = (size_t)sprintf(big, "<a>");
    for (i = 0; i < n; i++) big[len + i] = (char)('a' + i % 26);
    len += n;
    len += (size_t)sprintf(big + len, "</a>");
    doc_n("1 MB of text", big, len, WHOLE);
    free(big);

    /* 10,000-deep nesting */
    big = malloc(10000 * 7 + 16);
    p = big;
    for (i = 0; i < 10000; i++) p += sprintf(p, "<a>");
    for (i = 0; i < 10000; i++) p += sprintf(p, "</a>");
    doc_n("10,000-deep nesting", big, (size_t)(p - big), BOTH | QUIET);
    /* ... unclosed */
    doc_n("10,000-deep nesting, unclosed", big, (size_t)(p - big) - 4, WHOLE | QUIET);
    free(big);

    doc("billion laughs",
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE lolz [\n"
        " <!ENTITY lol \"lol\">\n"
        " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
        " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
        " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
        " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
        " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
        " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
        " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
        " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
        "]>\n"
        "<lolz>&lol9;</lolz>\n", BOTH);
    doc("entity in an attribute value",
        "<!DOCTYPE a [<!ENTITY e \"x\">]><a b=\"&e;\"/>", BOTH);
    doc("quadratic blowup",
        "<!DOCTYPE a [<!ENTITY e \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\">]>"
        "<a>&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;</a>", BOTH);
    doc("external subset (never fetched)",
        "<!DOCTYPE a SYSTEM \"http://127.0.0.1:9/never.dtd\">\n<a>&x;</a>", BOTH);
    doc("external entity (never fetched)",
        "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n<a>&x;</a>", BOTH);
    doc("external parameter entity (never fetched)",
        "<!DOCTYPE a [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/p.dtd\">]>\n<a>x</a>", BOTH);
}

static void handler_stacks(void)
{
    static const char d[] =
        "<r xmlns=\"urn:r\"><keep>k1<skip>s<keep>inner</keep></skip>k2</keep>"
        "<other>o<keep>under other</keep></other><tail>t</tail></r>";
    struct hand h1 = { "h1", "r keep", NULL, NULL, NULL, 0, NULL, 0 };
    struct hand h2 = { "h2", "other tail keep", NULL, NULL, NULL, 0, NULL, 0 };
    struct hand h3 = { "h3", NULL, NULL, NULL, NULL, 0, NULL, 0 };
    struct hand *one[] = { &h1, NULL }, *two[] = { &h1, &h2, NULL }, *three[] = { &h1, &h2, &h3, NULL };
    struct hand *none[] = { NULL };
    struct hand ab_start = { "ab", NULL, "skip", NULL, NULL, -7, "custom failure", 0 };
    struct hand ab_cdata = { "ab", NULL, NULL, "2", NULL, 5, NULL, 0 };
    struct hand ab_end = { "ab", NULL, NULL, NULL, "keep", 3, "end failed", 0 };
    struct hand ab_decl = { "ab", "nothing", NULL, NULL, NULL, 0, NULL, 0 };
    struct hand *s1[] = { &ab_start, NULL }, *s2[] = { &ab_cdata, NULL }, *s3[] = { &ab_end, NULL };
    struct hand *s4[] = { &ab_decl, &h3, NULL };

    stack("one handler: declined branches are pruned", d, one);
    stack("two handlers: the second sees what the first declines", d, two);
    stack("three handlers", d, three);
    stack("no handler", d, none);
    stack("abort from start-element (with ne_xml_set_error)", d, s1);
    stack("abort from cdata (positive value)", d, s2);
    stack("abort from end-element", d, s3);
    stack("root declined by the first, accepted by the second", d, s4);
}

static void api(void)
{
    static const struct ne_xml_idmap map[] = {
        { "DAV:", "href", 1 },
        { "DAV:", "status", 2 },
        { "urn:x", "href", 3 },
        { "", "plain", 4 },
        { "DAV:", "href", 5 },
    };
    ne_xml_parser *p = ne_xml_create();

    printf("== API\n");
    print_str("fresh error", ne_xml_get_error(p));
    printf("fresh failed %d line %d\n", ne_xml_failed(p), ne_xml_currentline(p));
    printf("fresh encoding %s\n", ne_xml_doc_encoding(p) ? ne_xml_doc_encoding(p) : "(null)");
    ne_xml_set_error(p, "my error");
    print_str("set error", ne_xml_get_error(p));
    printf("failed after set_error %d\n", ne_xml_failed(p));
    printf("parse_v %d\n", ne_xml_parse_v(p, "<a>", 3));
    printf("parse_v %d\n", ne_xml_parse_v(p, "</a>", 4));
    printf("parse_v end %d failed %d\n", ne_xml_parse_v(p, NULL, 0), ne_xml_failed(p));
    print_str("error after success", ne_xml_get_error(p));
    ne_xml_destroy(p);

    printf("MAPLEN %d\n", (int)NE_XML_MAPLEN(map));
    printf("mapid DAV: href %d\n", ne_xml_mapid(map, NE_XML_MAPLEN(map), "DAV:", "href"));
    printf("mapid DAV: status %d\n", ne_xml_mapid(map, NE_XML_MAPLEN(map), "DAV:", "status"));
    printf("mapid urn:x href %d\n", ne_xml_mapid(map, NE_XML_MAPLEN(map), "urn:x", "href"));
    printf("mapid '' plain %d\n", ne_xml_mapid(map, NE_XML_MAPLEN(map), "", "plain"));
    printf("mapid DAV: other %d\n", ne_xml_mapid(map, NE_XML_MAPLEN(map), "DAV:", "other"));
    printf("mapid maplen 1 status %d\n", ne_xml_mapid(map, 1, "DAV:", "status"));
    printf("mapid maplen 0 %d\n", ne_xml_mapid(map, 0, "DAV:", "href"));
    printf("mapid case %d\n", ne_xml_mapid(map, NE_XML_MAPLEN(map), "dav:", "HREF"));
    printf("MEDIA_TYPE %s DECLINE %d ABORT %d STATEROOT %d\n", NE_XML_MEDIA_TYPE, NE_XML_DECLINE,
           NE_XML_ABORT, NE_XML_STATEROOT);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    api();
    well_formed();
    errors();
    hostile();
    handler_stacks();
    return 0;
}
