/* ne_locks.h against a scripted server: LOCK (exclusive and shared,
 * depths 0 and infinity, timeouts Second-n, Infinite, none, 0 and
 * invalid, with and without an owner) and what the server's activelock
 * changes in the lock; refresh; UNLOCK; lock discovery (several
 * resources, shared locks, owners with markup, no token, failed
 * propstats). The lock store: add, iteration, lookup by URI, removal, and
 * once registered the If headers it adds to PUT, DELETE, MOVE, COPY,
 * MKCOL, PROPPATCH, LOCK, UNLOCK and to a request of the program's own
 * (ne_lock_using_resource/parent) for locks of depth 0 and infinity, on
 * this server and another, in tagged-list and (SharePoint) no-tag-list
 * form; ne_lock_copy/free/destroy. Hostile responses: a LOCK 200 without a
 * Lock-Token header, an activelock with another token or none, a body
 * that is not XML, malformed and truncated XML, a bad depth or timeout,
 * 207, 423 and 412. Prints each result, the session error, the lock's
 * fields, the exact requests sent and neon's LOCKS debug lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_basic.h>
#include <ne_locks.h>
#include <ne_props.h>
#include <ne_request.h>
#include <ne_session.h>
#include <ne_uri.h>
#include <ne_utils.h>

#include "harness.h"

static int port;

static void print_lock(const char *label, const struct ne_lock *lk)
{
    char *u;
    if (lk == NULL) {
        printf("  %s: NULL\n", label);
        return;
    }
    u = lk->uri.path ? ne_uri_unparse(&lk->uri) : NULL;
    printf("  %s:\n", label);
    print_str_port("    uri", u, port);
    printf("    depth %d type %d scope %d timeout %ld\n", lk->depth, (int)lk->type, (int)lk->scope,
           lk->timeout);
    print_str("    token", lk->token);
    print_str("    owner", lk->owner);
    free(u);
}

static char *resp(const char *status, const char *headers, const char *ctype, const char *body)
{
    char *r = malloc(strlen(body) + strlen(headers) + 300);
    sprintf(r, "HTTP/1.1 %s\r\n%s%s%s%sContent-Length: %d\r\n\r\n%s", status, headers,
            ctype ? "Content-Type: " : "", ctype ? ctype : "", ctype ? "\r\n" : "",
            (int)strlen(body), body);
    return r;
}

#define XML "application/xml; charset=\"utf-8\""
#define TOK "opaquelocktoken:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"
#define LT "Lock-Token: <" TOK ">\r\n"
#define PROP_HEAD "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:prop xmlns:D=\"DAV:\"><D:lockdiscovery>"
#define PROP_TAIL "</D:lockdiscovery></D:prop>\n"

static char *activelock(const char *scope, const char *depth, const char *owner, const char *timeout,
                        const char *token)
{
    static char buf[8][2048];
    static int i;
    char *b = buf[i++ & 7];
    snprintf(b, 2048,
             "<D:activelock><D:locktype><D:write/></D:locktype><D:lockscope><D:%s/></D:lockscope>"
             "%s%s%s%s%s%s%s%s%s%s%s%s</D:activelock>",
             scope, depth ? "<D:depth>" : "", depth ? depth : "", depth ? "</D:depth>" : "",
             owner ? "<D:owner>" : "", owner ? owner : "", owner ? "</D:owner>" : "",
             timeout ? "<D:timeout>" : "", timeout ? timeout : "", timeout ? "</D:timeout>" : "",
             token ? "<D:locktoken><D:href>" : "", token ? token : "", token ? "</D:href></D:locktoken>" : "");
    return b;
}

typedef int (*case_fn)(ne_session *sess, void *ud);

/* Each response answers one request, in order; "ACCEPT" takes the next
 * connection (a LOCK, not idempotent, is never sent on a reused one). */
static void serve(const char *label, char **responses, int n, case_fn fn, void *ud)
{
    const char **script = calloc((size_t)(2 * n + 3), sizeof *script);
    char **sends = calloc((size_t)n + 1, sizeof *sends);
    struct srv s;
    ne_session *sess;
    int i, k = 0, ret;

    script[k++] = "accept";
    for (i = 0; i < n; i++) {
        if (strcmp(responses[i], "ACCEPT") == 0) {
            /* the client opens a new connection here */
            script[k++] = "accept";
            continue;
        }
        sends[i] = directive("send", responses[i]);
        script[k++] = "read";
        script[k++] = sends[i];
    }
    script[k++] = "drain";
    printf("== %s\n", label);
    srv_start(&s, script);
    port = s.port;
    sess = test_session(s.port);
    ret = fn(sess, ud);
    printf("  result: %s\n", ret_name(ret));
    print_str_port("  error", ne_get_error(sess), s.port);
    ne_session_destroy(sess);
    srv_finish(&s);
    for (i = 0; i < n; i++) {
        free(sends[i]);
        free(responses[i]);
    }
    free(sends);
    free(script);
}

/* ---- LOCK ---- */

struct lockcase {
    int depth, scope;
    long timeout;
    const char *owner, *path;
    const char *token; /* a token already in the lock */
};

static int do_lock(ne_session *sess, void *ud)
{
    struct lockcase *c = ud;
    struct ne_lock *lk = ne_lock_create();
    int ret;

    ne_fill_server_uri(sess, &lk->uri);
    lk->uri.path = ne_strdup(c->path ? c->path : "/dav/file.txt");
    lk->depth = c->depth;
    lk->scope = (enum ne_lock_scope)c->scope;
    lk->timeout = c->timeout;
    if (c->owner) lk->owner = ne_strdup(c->owner);
    if (c->token) lk->token = ne_strdup(c->token);
    ret = ne_lock(sess, lk);
    print_lock("lock after", lk);
    ne_lock_destroy(lk);
    return ret;
}

static void lock_case(const char *label, struct lockcase c, const char *status, const char *headers,
                      const char *ctype, const char *body)
{
    char *r[1];
    r[0] = resp(status, headers, ctype, body);
    serve(label, r, 1, do_lock, &c);
}

static void lock_tests(void)
{
    char body[4096];
    struct lockcase excl0 = { NE_DEPTH_ZERO, ne_lockscope_exclusive, 120, "<D:href>me</D:href>", NULL, NULL };
    struct lockcase sharedinf = { NE_DEPTH_INFINITE, ne_lockscope_shared, NE_TIMEOUT_INFINITE, NULL,
                                  "/dav/coll/", NULL };
    struct lockcase deflt = { NE_DEPTH_ZERO, ne_lockscope_exclusive, NE_TIMEOUT_INVALID, NULL, NULL, NULL };
    struct lockcase zero = { NE_DEPTH_ONE, ne_lockscope_exclusive, 0, "plain owner", NULL, "old-token" };

    snprintf(body, sizeof body, PROP_HEAD "%s" PROP_TAIL,
             activelock("exclusive", "infinity", "<D:href>http://example.com/me</D:href>", "Second-3600", TOK));
    lock_case("exclusive, depth 0, Second-120, owner with markup", excl0, "200 OK", LT, XML, body);

    snprintf(body, sizeof body, PROP_HEAD "%s%s%s" PROP_TAIL,
             activelock("shared", "infinity", "someone else", "Second-10", "opaquelocktoken:other"),
             activelock("shared", "Infinity", NULL, "Infinite", TOK),
             activelock("exclusive", "0", "late", "Second-5", TOK));
    lock_case("shared, depth infinity, Infinite; several activelocks", sharedinf, "201 Created",
              "Lock-Token: " TOK "\r\n", "text/xml", body);

    snprintf(body, sizeof body, PROP_HEAD "%s" PROP_TAIL, activelock("shared", NULL, NULL, NULL, TOK));
    lock_case("no timeout sent; none, no depth, no owner returned", deflt, "200 OK", LT, XML, body);

    snprintf(body, sizeof body, PROP_HEAD "%s" PROP_TAIL,
             activelock("exclusive", "1", " spaced owner ", "second-4294967296", TOK));
    lock_case("timeout 0 (not sent), depth 1, token replaced", zero, "200 OK", LT, XML, body);
    lock_case("Lock-Token with doubled brackets", zero, "200 OK", "Lock-Token: <<" TOK ">>\r\n", XML, body);

    snprintf(body, sizeof body, PROP_HEAD "%s" PROP_TAIL, activelock("exclusive", "0", NULL, "Second-99999999999999999999999", TOK));
    lock_case("timeout beyond unsigned long", deflt, "200 OK", LT, XML, body);

    snprintf(body, sizeof body, PROP_HEAD "%s" PROP_TAIL, activelock("exclusive", "0", NULL, "Second--1", TOK));
    lock_case("negative timeout", deflt, "200 OK", LT, XML, body);

    /* long owners: neon keeps at most 255 bytes of an element's text */
    {
        char owner[1200];
        int len;
        for (len = 0; len < 1100; len++) owner[len] = (char)('a' + len % 26);
        owner[250] = owner[700] = '&';
        memcpy(owner + 251, "amp;", 4);
        memcpy(owner + 701, "lt;", 3);
        owner[1100] = 0;
        owner[200] = 0;
        snprintf(body, sizeof body, PROP_HEAD "%s" PROP_TAIL, activelock("exclusive", "0", owner, "Second-1", TOK));
        lock_case("owner of 200 bytes", deflt, "200 OK", LT, XML, body);
        owner[200] = 'x';
        snprintf(body, sizeof body, PROP_HEAD "%s" PROP_TAIL, activelock("exclusive", "0", owner, "Second-1", TOK));
        lock_case("owner of 1100 bytes with references", deflt, "200 OK", LT, XML, body);
    }

    /* hostile responses */
    snprintf(body, sizeof body, PROP_HEAD "%s" PROP_TAIL, activelock("exclusive", "0", NULL, "Second-1", TOK));
    lock_case("200 without a Lock-Token header", excl0, "200 OK", "", XML, body);
    lock_case("200 without a Lock-Token header, unknown root", excl0, "200 OK", "", XML,
              "<x:foo xmlns:x='urn:x'><D:prop xmlns:D='DAV:'/></x:foo>");
    lock_case("Lock-Token names another activelock", excl0, "200 OK", "Lock-Token: <opaquelocktoken:nope>\r\n",
              XML, body);
    snprintf(body, sizeof body, PROP_HEAD "%s" PROP_TAIL, activelock("exclusive", "0", NULL, "Second-1", NULL));
    lock_case("activelock without a locktoken", excl0, "200 OK", LT, XML, body);
    lock_case("empty lockdiscovery", excl0, "200 OK", LT, XML, PROP_HEAD PROP_TAIL);
    lock_case("body not XML", excl0, "200 OK", LT, "text/plain", "lock granted");
    lock_case("no body", excl0, "200 OK", LT, NULL, "");
    lock_case("malformed XML", excl0, "200 OK", LT, XML,
              PROP_HEAD "<D:activelock></D:lockscope></D:activelock>" PROP_TAIL);
    lock_case("truncated XML", excl0, "200 OK", LT, XML, PROP_HEAD "<D:activelock><D:locktype>");
    snprintf(body, sizeof body, PROP_HEAD "%s" PROP_TAIL, activelock("exclusive", "deep", NULL, "Second-1", TOK));
    lock_case("bad depth", excl0, "200 OK", LT, XML, body);
    snprintf(body, sizeof body, PROP_HEAD "%s" PROP_TAIL, activelock("exclusive", "0", NULL, "Minute-1", TOK));
    lock_case("bad timeout", excl0, "200 OK", LT, XML, body);
    snprintf(body, sizeof body, PROP_HEAD "%s" PROP_TAIL, activelock("exclusive", "0", NULL, "Second-1", TOK));
    lock_case("207 on LOCK", excl0, "207 Multi-Status", LT, XML,
              "<?xml version=\"1.0\"?><D:multistatus xmlns:D='DAV:'><D:response><D:href>/dav/file.txt</D:href>"
              "<D:status>HTTP/1.1 423 Locked</D:status></D:response></D:multistatus>");
    lock_case("423 Locked", excl0, "423 Locked", "", XML, "<D:error xmlns:D='DAV:'><D:lock-token-submitted/></D:error>");
    lock_case("412 Precondition Failed", excl0, "412 Precondition Failed", "", NULL, "");
}

/* ---- refresh and UNLOCK ---- */

static int do_refresh(ne_session *sess, void *ud)
{
    struct lockcase *c = ud;
    struct ne_lock *lk = ne_lock_create();
    int ret;

    ne_fill_server_uri(sess, &lk->uri);
    lk->uri.path = ne_strdup("/dav/file.txt");
    lk->timeout = c->timeout;
    lk->depth = c->depth;
    if (c->token) lk->token = ne_strdup(c->token);
    ret = ne_lock_refresh(sess, lk);
    print_lock("lock after refresh", lk);
    ne_lock_destroy(lk);
    return ret;
}

static int do_unlock(ne_session *sess, void *ud)
{
    struct lockcase *c = ud;
    struct ne_lock *lk = ne_lock_create();
    int ret;

    ne_fill_server_uri(sess, &lk->uri);
    lk->uri.path = ne_strdup(c->path);
    lk->token = ne_strdup(c->token);
    ret = ne_unlock(sess, lk);
    ne_lock_destroy(lk);
    return ret;
}

static void refresh_unlock_tests(void)
{
    char body[4096], *r[1];
    struct lockcase c = { NE_DEPTH_ZERO, 0, 600, NULL, NULL, TOK };
    struct lockcase u = { 0, 0, 0, NULL, "/dav/coll/x%20y", TOK };

    snprintf(body, sizeof body, PROP_HEAD "%s" PROP_TAIL, activelock("exclusive", "0", "o", "Second-599", TOK));
    r[0] = resp("200 OK", "", XML, body);
    serve("refresh, Second-600 asked", r, 1, do_refresh, &c);
    snprintf(body, sizeof body, PROP_HEAD "%s" PROP_TAIL, activelock("exclusive", "0", "o", NULL, TOK));
    r[0] = resp("200 OK", "", XML, body);
    c.timeout = NE_TIMEOUT_INFINITE;
    serve("refresh, Infinite asked, no timeout returned", r, 1, do_refresh, &c);
    snprintf(body, sizeof body, PROP_HEAD "%s" PROP_TAIL,
             activelock("exclusive", "0", "o", "Second-1", "opaquelocktoken:other"));
    r[0] = resp("200 OK", "", XML, body);
    c.timeout = NE_TIMEOUT_INVALID;
    serve("refresh, another token returned", r, 1, do_refresh, &c);
    r[0] = resp("412 Precondition Failed", "", NULL, "");
    serve("refresh, 412", r, 1, do_refresh, &c);
    r[0] = resp("200 OK", "", "text/plain", "fine");
    serve("refresh, body not XML", r, 1, do_refresh, &c);

    r[0] = resp("204 No Content", "", NULL, "");
    serve("UNLOCK 204", r, 1, do_unlock, &u);
    r[0] = resp("409 Conflict", "", NULL, "");
    serve("UNLOCK 409", r, 1, do_unlock, &u);
    r[0] = resp("207 Multi-Status", "", XML, "<D:multistatus xmlns:D='DAV:'/>");
    serve("UNLOCK 207 (2xx: success)", r, 1, do_unlock, &u);
}

/* ---- discovery ---- */

static void discovered(void *ud, const struct ne_lock *lk, const ne_uri *uri, const ne_status *st)
{
    char *u = ne_uri_unparse(uri);
    (void)ud;
    print_str_port("  discovered at", u, port);
    print_lock("lock", lk);
    if (st)
        printf("    status %d.%d %d class %d [%s]\n", st->major_version, st->minor_version, st->code, st->klass,
               st->reason_phrase);
    else
        printf("    status NULL\n");
    if (lk) {
        struct ne_lock *copy = ne_lock_copy(lk);
        print_lock("copy", copy);
        ne_lock_destroy(copy);
    }
    free(u);
}

static int do_discover(ne_session *sess, void *ud)
{
    return ne_lock_discover(sess, ud, discovered, NULL);
}

/* No callback: fine for neon as long as no resource has a lock. */
static int do_discover_nocb(ne_session *sess, void *ud)
{
    return ne_lock_discover(sess, ud, NULL, NULL);
}

#define MS "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">\n"
#define ME "</D:multistatus>\n"

static void discover_tests(void)
{
    char body[8192], *r[1];

    snprintf(body, sizeof body,
             MS "<D:response><D:href>/dav/file.txt</D:href><D:propstat><D:prop><D:lockdiscovery>%s"
             "</D:lockdiscovery></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n"
             "<D:response><D:href>http://127.0.0.1/dav/shared</D:href><D:propstat><D:prop><D:lockdiscovery>%s%s"
             "</D:lockdiscovery></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n"
             "<D:response><D:href>/dav/unlocked</D:href><D:propstat><D:prop><D:lockdiscovery/>"
             "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n"
             "<D:response><D:href>/dav/gone</D:href><D:propstat><D:prop><D:lockdiscovery/>"
             "</D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat></D:response>\n"
             "<D:response><D:href>/dav/failed-with-token</D:href><D:propstat><D:prop><D:lockdiscovery>%s"
             "</D:lockdiscovery></D:prop><D:status>HTTP/1.1 403 Forbidden</D:status></D:propstat></D:response>\n"
             "<D:response><D:href>/dav/nopropstat</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>\n"
             ME,
             activelock("exclusive", "0", "<D:href>http://example.com/~me</D:href> after", "Second-604800", TOK),
             activelock("shared", "infinity", "first", "Second-10", "opaquelocktoken:one"),
             activelock("shared", "1", NULL, "Infinite", "opaquelocktoken:two"),
             activelock("exclusive", "0", "x", "Second-1", "opaquelocktoken:three"));
    r[0] = resp("207 Multi-Status", "", XML, body);
    serve("discover: locks, shared locks, none, failed propstats", r, 1, do_discover, "/dav/file.txt");

    snprintf(body, sizeof body,
             MS "<D:response><D:href>/dav/a</D:href><D:propstat><D:prop><D:lockdiscovery>%s"
             "</D:lockdiscovery></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n" ME,
             activelock("exclusive", "zero", NULL, "Second-1", TOK));
    r[0] = resp("207 Multi-Status", "", XML, body);
    serve("discover: bad depth", r, 1, do_discover, "/dav/a");
    r[0] = resp("207 Multi-Status", "", XML,
                MS "<D:response><D:href>/dav/a</D:href><D:propstat><D:prop><D:lockdiscovery/></D:prop>"
                "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>" ME);
    serve("discover: no callback, no locks", r, 1, do_discover_nocb, "/dav/a");
    r[0] = resp("404 Not Found", "", XML, MS ME);
    serve("discover: 404", r, 1, do_discover, "/dav/missing");
    r[0] = resp("207 Multi-Status", "", XML, MS "<D:response><D:href>/dav/a</D:href><D:propstat>");
    serve("discover: truncated", r, 1, do_discover, "/dav/a");
}

/* ---- the store ---- */

static struct ne_lock *mklock(ne_session *sess, const char *host, const char *path, int depth, const char *token)
{
    struct ne_lock *lk = ne_lock_create();
    ne_fill_server_uri(sess, &lk->uri);
    if (host) {
        free(lk->uri.host);
        lk->uri.host = ne_strdup(host);
    }
    lk->uri.path = ne_strdup(path);
    lk->depth = depth;
    lk->token = ne_strdup(token);
    return lk;
}

static void list_store(ne_lock_store *store)
{
    struct ne_lock *lk;
    int n = 0;
    for (lk = ne_lockstore_first(store); lk != NULL; lk = ne_lockstore_next(store))
        printf("  stored %d: %s depth %d %s\n", n++, lk->uri.path, lk->depth, lk->token);
}

static int store_ops(ne_session *sess, void *ud)
{
    int sharepoint = ud != NULL;
    ne_lock_store *store = ne_lockstore_create();
    struct ne_lock *coll, *file, *other, *sub;
    ne_proppatch_operation ops[2];
    ne_propname name = { "urn:x", "color" };
    ne_request *req;
    ne_uri u = { 0 };
    FILE *f = tmpfile();
    int ret = NE_OK;

    printf("  empty store: first %p\n", (void *)ne_lockstore_first(store));
    coll = mklock(sess, NULL, "/dav/coll/", NE_DEPTH_INFINITE, "opaquelocktoken:coll");
    file = mklock(sess, NULL, "/dav/file.txt", NE_DEPTH_ZERO, "opaquelocktoken:file");
    other = mklock(sess, "elsewhere.example", "/dav/", NE_DEPTH_INFINITE, "opaquelocktoken:other");
    sub = mklock(sess, NULL, "/dav/coll/sub/", NE_DEPTH_ZERO, "OPAQUELOCKTOKEN:COLL");
    ne_lockstore_add(store, coll);
    ne_lockstore_add(store, file);
    ne_lockstore_add(store, other);
    ne_lockstore_add(store, sub);
    list_store(store);
    ne_fill_server_uri(sess, &u);
    u.path = ne_strdup("/dav/file.txt");
    printf("  findbyuri /dav/file.txt: %s\n", ne_lockstore_findbyuri(store, &u) == file ? "file" : "?");
    free(u.path);
    u.path = ne_strdup("/dav/nothing");
    printf("  findbyuri /dav/nothing: %p\n", (void *)ne_lockstore_findbyuri(store, &u));
    ne_uri_free(&u);
    ne_lockstore_remove(store, sub);
    printf("  removed sub\n");
    list_store(store);
    ne_lockstore_add(store, sub);
    ne_lockstore_register(store, sess);
    if (sharepoint) ne_set_session_flag(sess, NE_SESSFLAG_SHAREPOINT, 1);

    fputs("data", f);
    fflush(f);
    rewind(f);
    printf("  PUT /dav/file.txt -> %s\n", ret_name(ne_put(sess, "/dav/file.txt", fileno(f))));
    printf("  PUT /dav/coll/new -> %s\n", ret_name(ne_put(sess, "/dav/coll/new", fileno(f))));
    printf("  DELETE /dav/coll/sub/ -> %s\n", ret_name(ne_delete(sess, "/dav/coll/sub/")));
    printf("  DELETE /dav/ -> %s\n", ret_name(ne_delete(sess, "/dav/")));
    printf("  MOVE /dav/file.txt /dav/coll/moved -> %s\n",
           ret_name(ne_move(sess, 1, "/dav/file.txt", "/dav/coll/moved")));
    printf("  COPY /dav/coll/ /dav/copy/ -> %s\n", ret_name(ne_copy(sess, 0, NE_DEPTH_INFINITE, "/dav/coll/", "/dav/copy/")));
    printf("  MKCOL /dav/coll/newcol -> %s\n", ret_name(ne_mkcol(sess, "/dav/coll/newcol")));
    ops[0].name = &name;
    ops[0].type = ne_propset;
    ops[0].value = "red";
    ops[1].name = NULL;
    printf("  PROPPATCH /dav/file.txt -> %s\n", ret_name(ne_proppatch(sess, "/dav/file.txt", ops)));
    printf("  PROPPATCH /dav/unlocked -> %s\n", ret_name(ne_proppatch(sess, "/dav/unlocked", ops)));
    req = ne_request_create(sess, "POST", "/dav/coll/sub/x");
    ne_lock_using_resource(req, "/dav/coll/sub/", NE_DEPTH_ZERO);
    ne_lock_using_resource(req, "/dav/file.txt", NE_DEPTH_ONE);
    ne_lock_using_parent(req, "/dav/file.txt");
    ne_lock_using_parent(req, "/");
    printf("  own request -> %s\n", ret_name(ne_request_dispatch(req)));
    print_str_port("  error", ne_get_error(sess), port);
    ne_request_destroy(req);
    ne_lockstore_remove(store, coll);
    ne_lock_destroy(coll);
    {
        struct ne_lock *lk = mklock(sess, NULL, "/dav/coll/sub/new", NE_DEPTH_ZERO, "x");
        printf("  LOCK /dav/coll/sub/new -> %s\n", ret_name(ret = ne_lock(sess, lk)));
        print_str_port("  error", ne_get_error(sess), port);
        ne_lock_destroy(lk);
    }
    printf("  UNLOCK /dav/coll/sub/ -> %s\n", ret_name(ne_unlock(sess, sub)));
    list_store(store);
    ne_lockstore_destroy(store);
    fclose(f);
    return ret;
}

static void store_tests(void)
{
    char body[4096];
    int i, n = 0;
    char *r[16];

    for (i = 0; i < 4; i++) r[n++] = resp(i == 0 ? "201 Created" : "204 No Content", "", NULL, "");
    r[n++] = resp("201 Created", "", NULL, "");
    r[n++] = resp("201 Created", "", NULL, "");
    r[n++] = resp("201 Created", "", NULL, "");
    r[n++] = resp("207 Multi-Status", "", XML, MS ME);
    r[n++] = resp("207 Multi-Status", "", XML, MS ME);
    r[n++] = resp("200 OK", "", NULL, "");
    r[n++] = strdup("ACCEPT");
    snprintf(body, sizeof body, PROP_HEAD "%s" PROP_TAIL,
             activelock("exclusive", "0", NULL, "Second-1", "opaquelocktoken:new"));
    r[n++] = resp("200 OK", "Lock-Token: <opaquelocktoken:new>\r\n", XML, body);
    r[n++] = resp("204 No Content", "", NULL, "");
    serve("store: If headers (tagged lists)", r, n, store_ops, NULL);
    for (i = 0; i < n; i++) r[i] = resp(i < 7 ? "201 Created" : "200 OK", "", NULL, "");
    free(r[10]);
    r[10] = strdup("ACCEPT");
    free(r[11]);
    r[11] = resp("200 OK", "Lock-Token: <opaquelocktoken:new>\r\n", XML, body);
    serve("store: If headers (SharePoint no-tag-lists)", r, n, store_ops, "sp");
}

static void copy_free_tests(void)
{
    struct ne_lock *lk = ne_lock_create(), *copy;
    struct ne_lock onstack;

    printf("== create, copy, free\n");
    port = 8080;
    print_lock("created (no path)", lk);
    printf("  created: depth %d type %d scope %d timeout %ld token %p owner %p\n", lk->depth, (int)lk->type,
           (int)lk->scope, lk->timeout, (void *)lk->token, (void *)lk->owner);
    ne_uri_parse("https://user@host.example:8080/a/b?q#f", &lk->uri);
    lk->token = ne_strdup("opaquelocktoken:t");
    lk->owner = ne_strdup("<href>o</href>");
    lk->depth = NE_DEPTH_INFINITE;
    lk->scope = ne_lockscope_shared;
    lk->timeout = 1234567;
    copy = ne_lock_copy(lk);
    print_lock("copy", copy);
    printf("  copy shares nothing: %d\n", copy->token != lk->token && copy->owner != lk->owner &&
                                          copy->uri.path != lk->uri.path && copy->uri.host != lk->uri.host);
    ne_lock_free(copy);
    printf("  after free: path %p host %p token %p owner %p depth %d timeout %ld\n", (void *)copy->uri.path,
           (void *)copy->uri.host, (void *)copy->token, (void *)copy->owner, copy->depth, copy->timeout);
    free(copy);
    lk->owner[0] = 0;
    ne_lock_free(lk);
    ne_lock_free(lk);
    free(lk);
    memset(&onstack, 0, sizeof onstack);
    onstack.uri.path = ne_strdup("/x");
    onstack.token = ne_strdup("t");
    copy = ne_lock_copy(&onstack);
    print_lock("copy of a lock without owner", copy);
    ne_lock_destroy(copy);
    ne_lock_free(&onstack);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    copy_free_tests();
    /* neon's LOCKS trace lines, between the rest */
    ne_debug_init(stdout, NE_DBG_LOCKS);
    lock_tests();
    refresh_unlock_tests();
    discover_tests();
    store_tests();
    ne_debug_init(NULL, 0);
    return 0;
}
