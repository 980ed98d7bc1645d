/* ne_uri.h: parsing, unparsing, resolution, comparison, copying and the path
 * helpers, over hundreds of URIs (upstream's uri-tests.c cases, RFC 3986
 * §5.4, IPv6 literals, userinfo, neon 0.32.5's lenient ports, and a
 * generated cross product of URI parts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_uri.h>

#include "harness.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void field(const char *name, const char *v)
{
    printf(" %s=", name);
    if (v) {
        putchar('[');
        print_escaped(v, strlen(v));
        putchar(']');
    } else {
        fputs("(null)", stdout);
    }
}

static void print_uri(const ne_uri *u)
{
    field("scheme", u->scheme);
    field("host", u->host);
    field("userinfo", u->userinfo);
    printf(" port=%u", u->port);
    field("path", u->path);
    field("query", u->query);
    field("fragment", u->fragment);
    putchar('\n');
}

static int is_zeroed(const ne_uri *u)
{
    return !u->scheme && !u->host && !u->userinfo && !u->port && !u->path && !u->query
        && !u->fragment;
}

static void print_unparse(const char *label, const ne_uri *u)
{
    char *s = ne_uri_unparse(u);
    print_str(label, s);
    free(s);
}

/* Parses a copy of s followed by two NULs: neon 0.32.5 reads the port of
 * "//[::1]" from the byte after the terminating NUL. */
static int parse_copy(const char *s, ne_uri *u)
{
    size_t len = strlen(s);
    char *buf = calloc(len + 2, 1);
    int ret;

    memcpy(buf, s, len);
    ret = ne_uri_parse(buf, u);
    free(buf);
    return ret;
}

static void parse_case(const char *s)
{
    ne_uri u, copy;
    int ret;

    memset(&u, 0, sizeof u);
    ret = parse_copy(s, &u);
    printf("parse [");
    print_escaped(s, strlen(s));
    printf("] = %d", ret != 0);
    print_uri(&u);
    if (ret == 0) {
        print_unparse("  unparse", &u);
        if (u.port == 0 && u.scheme) {
            u.port = ne_uri_defaultport(u.scheme);
            print_unparse("  with default port", &u);
        }
        printf("  copy returns dest: %d", ne_uri_copy(&copy, &u) == &copy);
        printf(", cmp to original: %d %d\n", ne_uri_cmp(&u, &copy), ne_uri_cmp(&copy, &u));
        ne_uri_free(&copy);
    }
    ne_uri_free(&u);
    if (!is_zeroed(&u)) printf("  ne_uri_free did not clear the structure\n");
}

static const char *const upstream_uris[] = {
    "http://www.webdav.org/foo", "https://webdav.org/", "https://webdav.org",
    "http://webdav.org/norman", "http://webdav.org:/norman", "https://webdav.org/foo",
    "http://webdav.org:8080/bar", "http://a/b", "http://webdav.org/bar:fish", "http://webdav.org",
    "http://webdav.org/fish@food", "http://foo/bar?alpha", "http://foo/bar?alpha#beta",
    "http://foo/bar#alpha?beta", "http://foo/bar#beta", "http://foo/bar?#beta",
    "http://foo/bar?alpha?beta", "ftp://ftp.is.co.za/rfc/rfc1808.txt",
    "http://www.ietf.org/rfc/rfc2396.txt", "ldap://[2001:db8::7]/c=GB?objectClass?one",
    "mailto:John.Doe@example.com", "news:comp.infosystems.www.servers.unix", "tel:+1-816-555-1212",
    "telnet://192.0.2.16:80/", "urn:oasis:names:specification:docbook:dtd:xml:4.1.2",
    "ftp://jim:bob@jim.com", "ldap://fred:bloggs@fish.com/foobar", "http://[::1]/foo",
    "http://[a:a:a:a::0]/foo", "http://[::1]:8080/bar", "ftp://[feed::cafe]:555", "DAV:",
    "foo:///", "///", "ftp://[feed::cafe]:", "ftp://[feed::cafe]:/", "http://foo:/",
    "//foo.com/bar", "//foo.com", "//[::1]/foo", "/bar", "foo/bar", "", "http://webdav.org\xFF",
    /* failures */
    "http://[::1/", "http://[::1]f:80/", "http://[::1]]:80/", "http://foo/bar asda",
    "http://fish/[foo]/bar",
};

static const char *const more_uris[] = {
    /* 0.32.5's lenient authority: ends at "/" only; the port is atoi(). */
    "http://foo:80bar", "http://foo:80bar/baz", "http://foo?alpha", "http://foo#frag",
    "http://foo:8/0", "http://foo: 12/", "http://foo:\t-3/", "http://foo:-1/", "http://foo:+7/",
    "http://foo:4294967297/", "http://foo:2147483648/", "http://foo:99999999999999999999/",
    "http://foo:-99999999999999999999/", "http://foo:65536/", "http://foo:0/", "http://foo:00080/",
    "http://:80/", "http://:/", "http://a:b:8/", "http://a::/", "http://host:port/",
    "http://h:1:2:3/x", "http://[::1]/8080", "http://[::1]/ 42x", "http://[::1]", "//[::1]",
    "http://[::1]:", "http://[::1]:x/", "http://[::1]:/", "http://[]/", "http://[/",
    "http://[::1]x", "http://[::1]?q", "http://[v1.fe80::a+en1]/", "http://[fe80::1%25eth0]:443/p",
    "http://x[::1]/", "http://[::1]@h/", "http://u@[::1]:81/", "http://u:p@[::ffff:1.2.3.4]:99",
    /* userinfo */
    "http://u:p@h/", "http://@h/", "http://u@/", "http://u@@h/", "http://u@h@i/",
    "http://a b@c/", "http://%41:%42@h/", "http://u;x=1!$&'()*+,~@h/", "http://u:p@h:8080",
    "http://u/p@h/", "http://u?p@h/", "http://u#p@h/",
    /* paths, queries, fragments */
    "/a#b c", "/a?q#f g", "/a#b#c", "/a?b c", "/a b", "/a\x7f", "/a\x01", "/a\"b", "/a<b>",
    "/a\\b", "/a^b", "/a`b", "/a{b}", "/a|b", "/%", "/%zz", "/%41%42", "/a;b=c,d/e:f@g",
    "/!$&'()*+,;=", "/~user/._-", "?", "#", "?#", "#?", "??", "##", "?a?b#c?d#e", "/p?q=/a:b@c",
    "/\xc3\xa9", "/a?\xc3\xa9", "/a#\xc3\xa9", "a:b", "a:", ":a", ":", "1a:b", "a_b:c",
    "a+b.c-d:e", "A1:x", "a%3A:b", "-a:b", ".:x", "h:/a", "h://", "h:///a/b", "//", "/",
    "./a", "../a", "a/../b", "HTTP://EXAMPLE.COM/PATH", "http://example.com/%7Euser",
    "http://example.com:80/", "https://example.com:443/", "https://example.com:80/",
    "HTTPS://h:443/", "ftp://h:21/", "x-y://h:0/", "http:/rel", "http:rel", "http:?q", "http:#f",
    "http://h?q/a", "http://h#f/a", "http://h/a?q/b?c", "javascript:alert(1)",
    "data:text/plain,hello%20world", "file:///etc/passwd", "file://localhost/etc",
    "http://example.com/a/b/../c/./d", "http://\x01/", "http://h\x80/", "http://h /",
};

/* Cross product of parts: hundreds of combinations. */
static const char *const schemes[] = { "", "http:", "HTTPS:", "x-y+z.1:", "1bad:" };
static const char *const authorities[] = {
    "", "//", "//host", "//user@host", "//u:p@h:8080", "//[::1]", "//[::1]:81",
    "//h:80bar", "//:7", "//h:",
};
static const char *const paths[] = { "", "/", "/a/b", "a/b", "/a b", "/%7e:@" };
static const char *const suffixes[] = { "", "?q", "?q#f", "#f", "?", "#", "?a?b#c#d", "#f g" };

static void parse_all(void)
{
    size_t i, a, p, s;
    char buf[256];

    for (i = 0; i < N(upstream_uris); i++) parse_case(upstream_uris[i]);
    for (i = 0; i < N(more_uris); i++) parse_case(more_uris[i]);
    for (i = 0; i < N(schemes); i++)
        for (a = 0; a < N(authorities); a++)
            for (p = 0; p < N(paths); p++)
                for (s = 0; s < N(suffixes); s++) {
                    snprintf(buf, sizeof buf, "%s%s%s%s", schemes[i], authorities[a], paths[p],
                             suffixes[s]);
                    parse_case(buf);
                }
}

static void resolve_case(const char *base, const char *rel)
{
    ne_uri b, r, t;
    int rb = parse_copy(base, &b), rr = parse_copy(rel, &r);

    printf("resolve [%s] + [", base);
    print_escaped(rel, strlen(rel));
    printf("]");
    if (rb || rr) {
        printf(" unparseable\n");
    } else {
        printf(" returns result: %d ->", ne_uri_resolve(&b, &r, &t) == &t);
        print_uri(&t);
        print_unparse("  unparse", &t);
        ne_uri_free(&t);
    }
    ne_uri_free(&b);
    ne_uri_free(&r);
}

#define BASE "http://a/b/c/d;p?q"

static void resolve_all(void)
{
    static const char *const rfc3986[] = {
        /* RFC 3986 §5.4.1 and §5.4.2 */
        "g:h", "g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", "g?y#s", ";x", "g;x",
        "g;x?y#s", "", ".", "./", "..", "../", "../g", "../..", "../../", "../../g",
        "../../../g", "../../../../g", "/./g", "/../g", "g.", ".g", "g..", "..g", "./../g",
        "./g/.", "g/./h", "g/../h", "g;x=1/./y", "g;x=1/../y", "g?y/./x", "g?y/../x", "g#s/./x",
        "g#s/../x", "http:g",
    };
    static const char *const pairs[][2] = {
        { "http://foo.com/alpha/beta", "../gamma" }, { "http://foo.com/alpha//beta", "../gamma" },
        { "http://foo.com", "../gamma" }, { "", "zzz:." }, { "", "zzz:./foo" },
        { "", "zzz:../foo" }, { "", "zzz:/./foo" }, { "", "zzz:/." }, { "", "zzz:/../" },
        { "", "zzz:.." }, { "", "zzz://foo@bar/" }, { "", "zzz://foo/?bar" },
        { "zzz://foo/?bar", "//baz/?jam" }, { "zzz://foo/baz?biz", "" },
        { "zzz://foo/baz", "" }, { "//foo/baz", "" }, { "a", "b" }, { "x:a/b", "c" },
        { "http://u@h:81/a?q#f", "#g" }, { "http://u@h:81/a", "//v@i/b" },
        { "http://u@h:81/a", "//v@i" }, { "http://h/a/b", "?" }, { "http://h/a/b", "#" },
        { "http://h/a/b?q", "?" }, { "http://h/a/b?q#f", "" }, { "mailto:a@b", "c" },
        { "urn:a:b", "../c" }, { "http://h/a/b/c", "../../../../../x/./y/../z" },
        { "http://h/a/b/c", "/.." }, { "http://h/a/b/c", "/." }, { "http://h/a/b/c", "..." },
        { "http://h/a/b/c", "a/.." }, { "http://h/a/b/c", "//h2/../x" },
        { "http://h/a/b/c", "x:../y" }, { "http://h/a/b/c", "HTTPS:/p/./q" },
        { "//h/a", "b" }, { "/a/b", "c" }, { "a/b", "../../c" }, { "?q", "x" }, { "#f", "x" },
    };
    static const char *const bases[] = {
        BASE, "http://h", "http://u@h:8/a/b/", "x:y", "/a/b", "a", "", "//h/", "http://[::1]:81/a?q",
    };
    static const char *const rels[] = {
        "", "g", "/g", "//g", "?y", "#s", "../g", "./", "..", "g:h", "//u@g:9/x?y#z", "../../..",
        "a/./b/../c", ";x?y", "%2e%2e/g",
    };
    size_t i, j;

    for (i = 0; i < N(rfc3986); i++) resolve_case(BASE, rfc3986[i]);
    for (i = 0; i < N(pairs); i++) resolve_case(pairs[i][0], pairs[i][1]);
    for (i = 0; i < N(bases); i++)
        for (j = 0; j < N(rels); j++) resolve_case(bases[i], rels[j]);
}

/* Hand-built structures: fields parsing never produces. */
static void handbuilt(void)
{
    ne_uri base, rel, t, u, z1, z2;

    memset(&base, 0, sizeof base);
    memset(&rel, 0, sizeof rel);
    base.host = strdup("h");
    base.path = strdup("");
    rel.path = strdup("g/h");
    ne_uri_resolve(&base, &rel, &t);
    printf("resolve against host with empty path:");
    print_uri(&t);
    ne_uri_free(&t);
    free(rel.path);
    rel.path = strdup("");
    rel.query = strdup("");
    ne_uri_resolve(&base, &rel, &t);
    printf("resolve empty path with empty query:");
    print_uri(&t);
    ne_uri_free(&t);
    ne_uri_free(&base);
    ne_uri_free(&rel);

    memset(&u, 0, sizeof u);
    u.path = strdup("/p");
    print_unparse("path only", &u);
    u.userinfo = strdup("user");
    print_unparse("userinfo without host", &u);
    u.port = 8080;
    print_unparse("port without host", &u);
    u.host = strdup("h");
    print_unparse("host and port, no scheme", &u);
    u.port = 0x80000000u;
    print_unparse("port 0x80000000", &u);
    u.port = 4294967295u;
    print_unparse("port 4294967295", &u);
    u.scheme = strdup("HtTp");
    u.port = 80;
    print_unparse("default port of mixed-case scheme", &u);
    u.port = 443;
    print_unparse("https port on http", &u);
    u.query = strdup("");
    u.fragment = strdup("");
    print_unparse("empty query and fragment", &u);
    free(u.host);
    u.host = strdup("");
    print_unparse("empty host", &u);

    /* ne_uri_copy of a hand-built and of an all-NULL structure. */
    ne_uri_copy(&t, &u);
    printf("copy:");
    print_uri(&t);
    printf("cmp copy: %d\n", ne_uri_cmp(&u, &t));
    ne_uri_free(&t);
    memset(&z1, 0, sizeof z1);
    ne_uri_copy(&z2, &z1);
    printf("copy of empty is empty: %d, cmp %d\n", is_zeroed(&z2), ne_uri_cmp(&z1, &z2));
    z2.port = 5;
    printf("cmp ports 0 vs 5: %d, 5 vs 0: %d\n", ne_uri_cmp(&z1, &z2), ne_uri_cmp(&z2, &z1));
    z1.port = 4294967295u;
    printf("cmp ports max vs 5: %d, 5 vs max: %d\n", ne_uri_cmp(&z1, &z2), ne_uri_cmp(&z2, &z1));
    printf("cmp empty vs full: %d, full vs empty: %d\n", ne_uri_cmp(&z2, &u), ne_uri_cmp(&u, &z2));
    ne_uri_free(&z1);
    ne_uri_free(&z2);
    ne_uri_free(&u);
    printf("free of empty structure leaves it empty: %d\n", is_zeroed(&u));
}

static void cmp_all(void)
{
    static const char *const uris[] = {
        "http://example.com/alpha", "//example.com/alpha", "http://example.com/alpha#foo",
        "http://example.com/alpha?bar", "http://jim@example.com/alpha",
        "HTTP://example.com/alpha", "http://example.com/", "http://example.com",
        "http://Example.Com/", "http://example.com/beta", "https://example.com/alpha",
        "http://www.example.com/alpha", "http://example.com:443/alpha",
        "http://example.com:8080/alpha", "http://bob@example.com/alpha",
        "http://example.com/alpha?fish", "http://example.com/alpha?food",
        "http://example.com/alpha#bar", "///alpha", "http://EXAMPLE.com/ALPHA", "/alpha",
        "alpha", "", "http://example.com/alpha?", "http://example.com/alpha#",
        "http://@example.com/alpha", "http://example.com:80/alpha", "http://\xe9/",
        "http://\xc9/", "x:\xff",
    };
    size_t i, j;
    ne_uri a, b;

    for (i = 0; i < N(uris); i++) {
        parse_copy(uris[i], &a);
        for (j = 0; j < N(uris); j++) {
            parse_copy(uris[j], &b);
            printf("cmp [");
            print_escaped(uris[i], strlen(uris[i]));
            printf("] [");
            print_escaped(uris[j], strlen(uris[j]));
            printf("] = %d\n", ne_uri_cmp(&a, &b));
            ne_uri_free(&b);
        }
        ne_uri_free(&a);
    }
}

static void escapes(void)
{
    static const char *const strs[] = {
        "/foo%", "/foo bar", "/foo_bar", "/foobar", "/a\xb9\xb2\xb3\xbc\xbd/",
        "/foo%20\xb9\xb2\xb3\xbc\xbd/", "/foo bar/", "", "/", "a:b@c?d#e[f]g!$&'()*+,;=h~-._",
        "\"<>\\^`{|}\x7f\x01\x1f", "/caf\xc3\xa9/na\xc3\xafve", "100%", "%%", "%2F",
        "ABCxyz0189", "/a/b/c/", "tab\there", "new\nline",
    };
    static const unsigned int flags[] = { 0, NE_PATH_NONRES, NE_PATH_NONURI,
                                          NE_PATH_NONRES | NE_PATH_NONURI, 4, 0xffffffffu };
    char all[256];
    size_t i, j;
    char *e;

    for (i = 0; i < 255; i++) all[i] = (char)(i + 1);
    all[255] = '\0';
    for (i = 0; i <= N(strs); i++) {
        const char *s = i < N(strs) ? strs[i] : all;
        e = ne_path_escape(s);
        printf("escape [");
        print_escaped(s, strlen(s));
        printf("]\n");
        print_str("  default", e);
        free(e);
        for (j = 0; j < N(flags); j++) {
            char label[32];
            snprintf(label, sizeof label, "  flags %#x", flags[j]);
            e = ne_path_escapef(s, flags[j]);
            print_str(label, e);
            free(e);
        }
    }
}

static void unescapes(void)
{
    static const char *const strs[] = {
        "/foo%20bar", "/foo%zzbar", "/foo%1zbar", "%", "%1", "%1g", "%g1", "a%+1", "%-1",
        "% 1", "%41%42%43", "%e9%C3%A9", "%00after", "a%00", "%2F%2f", "%%", "%%41", "+plus",
        "", "/plain/path", "%7E%7e", "%ff%FF%Ff", "trail%", "trail%4", "%0a%0D",
    };
    size_t i;

    for (i = 0; i < N(strs); i++) {
        char *u = ne_path_unescape(strs[i]);
        printf("unescape [%s] ", strs[i]);
        if (u) printf("len %zu ", strlen(u));
        print_str("->", u);
        free(u);
    }
}

static void path_helpers(void)
{
    static const char *const parents[] = {
        "/a/b/c", "/a/b/c/", "/alpha/beta", "/foo", "norman", "/", "", "/foo/", "a/b", "a/b/",
        "//", "a//", "///", "a/", "/a//b", "//a", "x/y/z", "/a/b/c//",
    };
    static const char *const pairs[][2] = {
        { "/a", "/a/" }, { "/a/", "/a" }, { "/ab", "/a/" }, { "/a/", "/ab" }, { "/a/", "/a/" },
        { "/alpha/", "/beta/" }, { "/alpha", "/b" }, { "/alpha/", "/alphash" },
        { "/fish/", "/food" }, { "/alpha", "/alpha" }, { "/a/b/c/d", "/a/b/c/" },
        { "/A/B", "/a/b/" }, { "/a", "/b" }, { "/a//", "/a" }, { "", "/" }, { "/", "" },
        { "a", "a//" }, { "", "" }, { "/a", "/A" }, { "/\xe9", "/\xc9" }, { "/a", "/ab" },
        { "/ab", "/a" }, { "/a/b", "/a/c/" }, { "/a/", "/a//" }, { "x", "X/" },
        { "/a", "/a/b" }, { "/a/", "/a/b" }, { "/aa/b/c", "/a/b/c/d/e" }, { "////", "/a" },
        { "/a", "/a" }, { "/A", "/a/b" }, { "/a", "/ab" }, { "", "x" }, { "/a/", "/a//" },
        { "/a/b/", "/a/b" }, { "/a/b", "/a/bc/d" }, { "/a/b/", "/A/B/C" },
    };
    static const char *const schemes[] = {
        "http", "HTTP", "https", "HtTpS", "ftp", "", "http ", "httpx", "ldap", "https:",
    };
    size_t i;
    char *p;

    for (i = 0; i < N(parents); i++) {
        p = ne_path_parent(parents[i]);
        printf("parent [%s] ", parents[i]);
        print_str("->", p);
        free(p);
        printf("trailing slash [%s] = %d\n", parents[i],
               ne_path_has_trailing_slash(parents[i]));
    }
    for (i = 0; i < N(pairs); i++) {
        printf("compare [");
        print_escaped(pairs[i][0], strlen(pairs[i][0]));
        printf("] [");
        print_escaped(pairs[i][1], strlen(pairs[i][1]));
        printf("] = %d, childof = %d\n", ne_path_compare(pairs[i][0], pairs[i][1]),
               ne_path_childof(pairs[i][0], pairs[i][1]));
    }
    printf("compare NULL NULL = %d\n", ne_path_compare(NULL, NULL));
    for (i = 0; i < N(schemes); i++)
        printf("defaultport [%s] = %u\n", schemes[i], ne_uri_defaultport(schemes[i]));
}

int main(void)
{
    parse_all();
    resolve_all();
    handbuilt();
    cmp_all();
    escapes();
    unescapes();
    path_helpers();
    return 0;
}
