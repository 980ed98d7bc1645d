/* Hostile 207 bodies through ne_simple_propfind (the props and 207
 * parsers on the XML parser), against a scripted server: unclosed and
 * mismatched tags, undeclared namespace prefixes, invalid UTF-8 in hrefs,
 * property values and statuses, a 1 MB attribute value, 10,000-deep
 * nesting inside a property value, entity-expansion bombs, junk after the
 * root, other roots, empty and non-XML bodies, a 100 KB href and a 1 MB
 * value, 5,000 responses, and a body cut at every 41st byte (well framed,
 * so the XML ends early). Prints each resource's properties as the results
 * callback sees them (long values by length and checksum), the result and
 * the session error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_basic.h>
#include <ne_props.h>
#include <ne_request.h>
#include <ne_session.h>
#include <ne_uri.h>

#include "harness.h"

static int quiet; /* count resources instead of printing them */
static unsigned long nres, sum;

static int iter(void *ud, const ne_propname *pname, const char *value, const ne_status *st)
{
    (void)ud;
    if (quiet) {
        sum = checksum(pname->name, strlen(pname->name), sum);
        if (value) sum = checksum(value, strlen(value), sum);
        return 0;
    }
    printf("    {%s}%s status %d: ", pname->nspace ? pname->nspace : "(null)", pname->name,
           st ? st->code : -1);
    if (!value) {
        printf("NULL\n");
    } else if (strlen(value) > 80) {
        printf("%d bytes, checksum %lu\n", (int)strlen(value), checksum(value, strlen(value), 0));
    } else {
        print_escaped(value, strlen(value));
        printf("\n");
    }
    return 0;
}

static void results(void *ud, const ne_uri *uri, const ne_prop_result_set *set)
{
    (void)ud;
    nres++;
    if (quiet) {
        sum = checksum(uri->path, strlen(uri->path), sum);
    } else if (strlen(uri->path) > 80) {
        printf("  resource: path of %d bytes, checksum %lu\n", (int)strlen(uri->path),
               checksum(uri->path, strlen(uri->path), 0));
    } else {
        print_str("  resource", uri->path);
    }
    ne_propset_iterate(set, iter, NULL);
}

static void propfind(const char *label, const char *body, size_t len)
{
    static const char head[] = "HTTP/1.1 207 Multi-Status\r\nContent-Type: text/xml; charset=utf-8\r\n"
                               "Content-Length: %d\r\n\r\n";
    char *response = malloc(len + sizeof head + 32), *send;
    size_t n = (size_t)sprintf(response, head, (int)len);
    struct srv s;
    ne_session *sess;
    int ret;

    memcpy(response + n, body, len);
    response[n + len] = '\0';
    send = directive("send", response);
    {
        const char *script[] = { "accept", "read", send, "drain", NULL };
        printf("== %s (%d bytes)\n", label, (int)len);
        srv_start(&s, script);
    }
    s.quiet = 1;
    nres = sum = 0;
    sess = test_session(s.port);
    ret = ne_simple_propfind(sess, "/dav/", NE_DEPTH_ONE, NULL, results, NULL);
    if (quiet) printf("  %lu resources, checksum %lu\n", nres, sum);
    print_result("  result", sess, ret);
    ne_session_destroy(sess);
    srv_finish(&s);
    free(send);
    free(response);
}

static void doc(const char *label, const char *body)
{
    /* bodies with a NUL are not expressible here; none needs one */
    propfind(label, body, strlen(body));
}

#define MS "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">\n"
#define ME "</D:multistatus>\n"
#define R(href, props, status)                                                                   \
    "<D:response><D:href>" href "</D:href><D:propstat><D:prop>" props "</D:prop><D:status>" status \
    "</D:status></D:propstat></D:response>\n"
#define OK "HTTP/1.1 200 OK"

static const char good[] = MS R("/dav/", "<D:displayname>root</D:displayname><D:getcontentlength>3</D:getcontentlength>", OK)
    R("/dav/a%20b", "<D:resourcetype><D:collection/></D:resourcetype><x:p xmlns:x=\"urn:x\" a=\"1\">v<b>i</b>w</x:p>", OK)
    R("/dav/c", "<D:displayname/>", "HTTP/1.1 404 Not Found") ME;

static char *repeat(const char *before, const char *unit, int count, const char *after)
{
    size_t ul = strlen(unit), bl = strlen(before), al = strlen(after);
    char *p = malloc(bl + ul * (size_t)count + al + 1), *q = p;
    int i;

    memcpy(q, before, bl);
    q += bl;
    for (i = 0; i < count; i++, q += ul) memcpy(q, unit, ul);
    memcpy(q, after, al + 1);
    return p;
}

int main(void)
{
    char *big, *mid, label[64];
    size_t cut, len;

    setvbuf(stdout, NULL, _IOLBF, 0);
    doc("well-formed", good);
    doc("unclosed at the end", MS R("/dav/", "<D:displayname>x</D:displayname>", OK) "<D:response><D:href>/dav/u</D:href><D:propstat><D:prop><D:displayname>y");
    doc("unclosed inside a value", MS "<D:response><D:href>/dav/</D:href><D:propstat><D:prop><x:a xmlns:x=\"urn:x\"><x:b>t</x:a>" ME);
    doc("mismatched end tag", MS R("/dav/", "<D:displayname>x</D:getetag>", OK) ME);
    doc("undeclared prefix on a property", MS R("/dav/", "<z:foo>v</z:foo>", OK) ME);
    doc("undeclared prefix inside a value", MS R("/dav/", "<D:displayname><z:foo/></D:displayname>", OK) ME);
    doc("undeclared prefix on the root", "<Q:multistatus><Q:response/></Q:multistatus>");
    doc("undeclared prefix in an attribute", MS R("/dav/", "<D:displayname z:a=\"1\">v</D:displayname>", OK) ME);
    doc("invalid UTF-8 in an href", MS R("/dav/caf\xe9", "<D:displayname>x</D:displayname>", OK) ME);
    doc("invalid UTF-8 in a value", MS R("/dav/", "<D:displayname>caf\xc3\xa9 \xc3(</D:displayname>", OK) ME);
    doc("invalid UTF-8 in a status", MS R("/dav/", "<D:displayname>x</D:displayname>", "HTTP/1.1 200 \xff\xfe") ME);
    doc("truncated UTF-8 at the end", MS R("/dav/", "<D:displayname>x</D:displayname>", OK) "\xe2\x82");
    doc("U+FFFE in a value", MS R("/dav/", "<D:displayname>x\xef\xbf\xbe</D:displayname>", OK) ME);
    doc("control character in a value", MS R("/dav/", "<D:displayname>x\x01</D:displayname>", OK) ME);
    doc("bad status line", MS R("/dav/", "<D:displayname>x</D:displayname>", "HTTP/1.1 2x0 OK") ME);
    doc("junk after the root", MS R("/dav/", "<D:displayname>x</D:displayname>", OK) ME "<extra/>");
    doc("text after the root", MS R("/dav/", "<D:displayname>x</D:displayname>", OK) ME "junk");
    doc("other root", "<?xml version=\"1.0\"?><html><body>207</body></html>");
    doc("empty body", "");
    doc("not XML", "this is not XML at all\n");
    doc("UTF-16 declared", "<?xml version=\"1.0\" encoding=\"UTF-16\"?><D:multistatus xmlns:D=\"DAV:\"/>");
    doc("unknown encoding declared", "<?xml version=\"1.0\" encoding=\"x-bogus\"?><D:multistatus xmlns:D=\"DAV:\"/>");
    doc("billion laughs",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE D:multistatus [\n"
        " <!ENTITY l0 \"lol\">\n"
        " <!ENTITY l1 \"&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;\">\n"
        " <!ENTITY l2 \"&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;\">\n"
        " <!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;\">\n"
        " <!ENTITY l4 \"&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;\">\n"
        " <!ENTITY l5 \"&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;\">\n"
        " <!ENTITY l6 \"&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;\">\n"
        " <!ENTITY l7 \"&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;\">\n"
        " <!ENTITY l8 \"&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;\">\n"
        " <!ENTITY l9 \"&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;\">\n"
        "]>\n<D:multistatus xmlns:D=\"DAV:\">" R("/dav/&l9;", "<D:displayname>&l9;</D:displayname>", OK) ME);
    doc("external entity", "<?xml version=\"1.0\"?>\n<!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n"
        "<D:multistatus xmlns:D=\"DAV:\">" R("/dav/", "<D:displayname>&x;</D:displayname>", OK) ME);

    big = repeat(MS "<D:response><D:href>/dav/</D:href><D:propstat><D:prop><D:displayname a=\"", "v", 1 << 20,
                 "\">x</D:displayname></D:prop><D:status>" OK "</D:status></D:propstat></D:response>" ME);
    doc("1 MB attribute value", big);
    free(big);
    mid = repeat("", "<x:n>", 10000, "deep");
    big = repeat(mid, "</x:n>", 10000, "");
    free(mid);
    mid = malloc(strlen(big) + 512);
    sprintf(mid, MS "<D:response><D:href>/dav/</D:href><D:propstat><D:prop><x:v xmlns:x=\"urn:x\">%s</x:v></D:prop>"
            "<D:status>" OK "</D:status></D:propstat></D:response>" ME, big);
    doc("10,000-deep nesting in a value", mid);
    mid[strlen(mid) - 200] = '\0';
    doc("10,000-deep nesting, unclosed", mid);
    free(mid);
    free(big);
    mid = repeat("", "x", 100000, "");
    big = malloc(strlen(mid) + 512);
    sprintf(big, MS R("/dav/%s", "<D:displayname>x</D:displayname>", OK) ME, mid);
    doc("100 KB href", big);
    sprintf(big, MS R("/dav/", "<D:displayname>%s</D:displayname>", OK) ME, mid);
    doc("100 KB value", big);
    free(big);
    free(mid);
    big = repeat(MS, R("/dav/r", "<D:getcontentlength>1</D:getcontentlength>", OK), 5000, ME);
    quiet = 1;
    doc("5,000 responses", big);
    quiet = 0;
    free(big);

    len = strlen(good);
    for (cut = 0; cut < len; cut += 41) {
        snprintf(label, sizeof label, "cut at %d", (int)cut);
        propfind(label, good, cut);
    }
    return 0;
}
