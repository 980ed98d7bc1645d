/* ne_basic.h: every function, black-box. Each case serves canned
 * responses on one connection and prints the result, the error string,
 * what reached the file descriptor and (from the server log) the exact
 * requests sent: GET/PUT/POST with file descriptors, Last-Modified
 * formats, ranged GET (206/200/416 and the range checks), OPTIONS and the
 * DAV header, Content-Type parsing, the Depth header, COPY/MOVE with
 * overwrite, depth and the RFC 4918 flag, DELETE and MKCOL. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ne_basic.h>
#include <ne_request.h>
#include <ne_session.h>

#include "harness.h"

typedef void (*case_fn)(ne_session *sess, void *arg);

/* Serves the responses (NULL-terminated) on one connection, one per
 * request, then waits for the client to close; runs fn meanwhile and
 * prints the requests the server got. */
static void serve(const char *label, const char *const *responses, case_fn fn, void *arg)
{
    const char *script[32];
    char *owned[16];
    int n = 0, k = 0;
    struct srv s;
    ne_session *sess;

    printf("== %s\n", label);
    script[n++] = "accept";
    for (; responses[k]; k++) {
        owned[k] = directive("send", responses[k]);
        script[n++] = "read";
        script[n++] = owned[k];
    }
    script[n++] = "drain";
    script[n] = NULL;
    srv_start(&s, script);
    sess = test_session(s.port);
    fn(sess, arg);
    ne_session_destroy(sess);
    srv_finish(&s);
    while (k-- > 0) free(owned[k]);
}

static void one(const char *label, const char *response, case_fn fn, void *arg)
{
    const char *responses[] = { response, NULL };
    serve(label, responses, fn, arg);
}

/* Serves one response and closes the connection (for bodies that end, or
 * are cut short, at EOF). */
static void one_then_close(const char *label, const char *response, case_fn fn, void *arg)
{
    char *send = directive("send", response);
    const char *script[] = { "accept", "read", send, "close", NULL };
    struct srv s;
    ne_session *sess;

    printf("== %s\n", label);
    srv_start(&s, script);
    sess = test_session(s.port);
    fn(sess, arg);
    ne_session_destroy(sess);
    srv_finish(&s);
    free(send);
}

/* An unlinked temporary file holding `content`, positioned at its start. */
static int temp_fd(const char *content)
{
    char path[] = "/tmp/neonrs-basic-XXXXXX";
    int fd = mkstemp(path);

    if (fd < 0) {
        perror("mkstemp");
        exit(3);
    }
    unlink(path);
    if (content && write(fd, content, strlen(content)) != (ssize_t)strlen(content)) exit(3);
    lseek(fd, 0, SEEK_SET);
    return fd;
}

/* Prints what was written to the file, then closes it. */
static void print_file(int fd)
{
    char buf[4096];
    ssize_t n;

    lseek(fd, 0, SEEK_SET);
    n = read(fd, buf, sizeof buf);
    printf("file (%zd): [", n);
    if (n > 0) print_escaped(buf, (size_t)n);
    printf("]\n");
    close(fd);
}

/* ---- ne_get / ne_post ---------------------------------------------------- */

static void get_fn(ne_session *sess, void *arg)
{
    int fd = temp_fd("old contents ");

    lseek(fd, 0, SEEK_END); /* written at the current position */
    print_result("ne_get", sess, ne_get(sess, arg, fd));
    print_file(fd);
}

static void get_bad_fd(ne_session *sess, void *arg)
{
    print_result("ne_get fd -1", sess, ne_get(sess, arg, -1));
}

static void get_twice(ne_session *sess, void *arg)
{
    (void)arg;
    get_fn(sess, "/one");
    get_fn(sess, "/two");
}

static void get_cases(void)
{
    static const char *const two[] = {
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nsec\r\n3\r\nond\r\n0\r\n\r\n",
        NULL,
    };

    one("get 200", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde", get_fn, "/getit");
    serve("get twice, one connection", two, get_twice, NULL);
    one("get 404 (body not written)",
        "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found", get_fn, "/missing");
    one("get 302", "HTTP/1.1 302 Found\r\nLocation: /x\r\nContent-Length: 0\r\n\r\n", get_fn, "/moved");
    one("get 204", "HTTP/1.1 204 No Content\r\n\r\n", get_fn, "/empty");
    one_then_close("get eof body", "HTTP/1.0 200 OK\r\n\r\nuntil eof", get_fn, "/eof");
    one("get to a bad descriptor", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc", get_bad_fd, "/bad");
    one_then_close("get truncated body", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", get_fn, "/short");
}

struct post_args { const char *path, *body; };

static void post_fn(ne_session *sess, void *arg)
{
    struct post_args *a = arg;
    int fd = temp_fd(NULL);

    print_result("ne_post", sess, ne_post(sess, a->path, fd, a->body));
    print_file(fd);
}

/* POST is not idempotent: after a GET on a persistent connection it goes
 * on a new one (the script accepts twice). */
static void post_after_get(void)
{
    static const char *const script[] = {
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\ng",
        "drain", "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\np", "drain", NULL,
    };
    struct srv s;
    ne_session *sess;
    struct post_args a = { "/post", "x=1" };

    printf("== post after get\n");
    srv_start(&s, script);
    sess = test_session(s.port);
    get_fn(sess, "/get");
    post_fn(sess, &a);
    ne_session_destroy(sess);
    srv_finish(&s);
}

static void post_cases(void)
{
    struct post_args a = { "/form", "name=value&x=%20y" };
    struct post_args empty = { "/empty", "" };

    one("post 200", "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nreceived", post_fn, &a);
    one("post 201 empty body", "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", post_fn, &empty);
    one("post 500", "HTTP/1.1 500 Oops\r\nContent-Length: 4\r\n\r\nfail", post_fn, &a);
    post_after_get();
}

/* ---- ne_put -------------------------------------------------------------- */

static void put_fn(ne_session *sess, void *arg)
{
    int fd = temp_fd(arg);

    lseek(fd, 3, SEEK_SET); /* PUT sends the whole file whatever the position */
    print_result("ne_put", sess, ne_put(sess, "/put/file.txt", fd));
    close(fd);
}

/* No request is made when the size cannot be found. */
static void put_bad_fd(void)
{
    ne_session *sess = test_session(unused_port());

    printf("== put bad descriptors\n");
    print_result("ne_put fd -1", sess, ne_put(sess, "/put/x", -1));
    print_result("ne_put fd 9999", sess, ne_put(sess, "/put/x", 9999));
    ne_session_destroy(sess);
}

static void put_pipe(ne_session *sess, void *arg)
{
    int p[2];

    (void)arg;
    if (pipe(p)) exit(3);
    close(p[1]);
    print_result("ne_put pipe", sess, ne_put(sess, "/put/pipe", p[0]));
    close(p[0]);
}

static void put_cases(void)
{
    one("put 201", "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", put_fn, "file contents\n");
    one("put 204 empty file", "HTTP/1.1 204 No Content\r\n\r\n", put_fn, "");
    one("put 403", "HTTP/1.1 403 Forbidden\r\nContent-Length: 2\r\n\r\nno", put_fn, "data");
    put_bad_fd();
    one("put from a pipe (size 0)", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", put_pipe, NULL);
}

/* ---- ne_getmodtime ------------------------------------------------------- */

static void modtime_fn(ne_session *sess, void *arg)
{
    time_t t = 12345;
    int ret = ne_getmodtime(sess, arg, &t);

    print_result("ne_getmodtime", sess, ret);
    printf("modtime: %lld\n", (long long)t);
}

static void modtimes(void)
{
    static const struct { const char *label, *resp; } ts[] = {
        { "rfc1123", "HTTP/1.1 200 OK\r\nLast-Modified: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: 0\r\n\r\n" },
        { "rfc1036", "HTTP/1.1 200 OK\r\nLast-Modified: Sunday, 06-Nov-94 08:49:37 GMT\r\nContent-Length: 0\r\n\r\n" },
        { "asctime", "HTTP/1.1 200 OK\r\nLast-Modified: Sun Nov  6 08:49:37 1994\r\nContent-Length: 0\r\n\r\n" },
        { "garbage", "HTTP/1.1 200 OK\r\nLast-Modified: yesterday\r\nContent-Length: 0\r\n\r\n" },
        { "absent", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n" },
        { "HEAD body ignored", "HTTP/1.1 200 OK\r\nLast-Modified: Thu, 01 Jan 1970 00:00:01 GMT\r\nContent-Length: 100\r\n\r\n" },
        { "404", "HTTP/1.1 404 Not Found\r\nLast-Modified: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: 0\r\n\r\n" },
        { "301", "HTTP/1.1 301 Moved\r\nLocation: /x\r\nContent-Length: 0\r\n\r\n" },
    };
    size_t i;

    for (i = 0; i < sizeof ts / sizeof ts[0]; i++) {
        char label[64];
        snprintf(label, sizeof label, "getmodtime %s", ts[i].label);
        one(label, ts[i].resp, modtime_fn, "/dated");
    }
}

/* ---- ne_get_range -------------------------------------------------------- */

struct range_args { off_t start, end; };

static void range_fn(ne_session *sess, void *arg)
{
    struct range_args *a = arg;
    ne_content_range r;
    int fd = temp_fd(NULL);

    r.start = a->start;
    r.end = a->end;
    r.total = -7;
    print_result("ne_get_range", sess, ne_get_range(sess, "/range", &r, fd));
    printf("range after: %lld %lld %lld\n", (long long)r.start, (long long)r.end, (long long)r.total);
    print_file(fd);
}

static void ranges(void)
{
    static const struct { const char *label; off_t start, end; const char *resp; } ts[] = {
        { "206 closed", 1, 10, "HTTP/1.1 206 Partial\r\nContent-Range: bytes 1-10/20\r\nContent-Length: 10\r\n\r\nabcdefghij" },
        { "206 open", 5, -1, "HTTP/1.1 206 Partial\r\nContent-Range: bytes 5-9/10\r\nContent-Length: 5\r\n\r\nfghij" },
        { "206 total unknown", 0, 1, "HTTP/1.1 206 Partial\r\nContent-Range: bytes 0-1/*\r\nContent-Length: 2\r\n\r\nab" },
        { "206 other range", 1, 10, "HTTP/1.1 206 Partial\r\nContent-Range: bytes 1-2/2\r\nContent-Length: 2\r\n\r\nab" },
        { "206 other units", 1, 2, "HTTP/1.1 206 Partial\r\nContent-Range: fish 1-2/2\r\nContent-Length: 2\r\n\r\nab" },
        { "206 longer end", 1, 2, "HTTP/1.1 206 Partial\r\nContent-Range: bytes 1-20/30\r\nContent-Length: 2\r\n\r\nab" },
        { "206 without Content-Range", 1, 2, "HTTP/1.1 206 Partial\r\nContent-Length: 2\r\n\r\nab" },
        { "200 whole resource", 1, 2, "HTTP/1.1 200 OK\r\nContent-Range: bytes 1-2/2\r\nContent-Length: 2\r\n\r\nab" },
        { "416", 100, 200, "HTTP/1.1 416 No Go\r\nContent-Length: 2\r\n\r\nab" },
        { "404", 0, 0, "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nab" },
        { "large offsets", 4294967296LL, 8589934592LL, "HTTP/1.1 206 Partial\r\nContent-Range: bytes 4294967296-8589934592/8589934593\r\nContent-Length: 1\r\n\r\nz" },
    };
    size_t i;

    for (i = 0; i < sizeof ts / sizeof ts[0]; i++) {
        struct range_args a = { ts[i].start, ts[i].end };
        char label[64];
        snprintf(label, sizeof label, "range %s", ts[i].label);
        one(label, ts[i].resp, range_fn, &a);
    }
}

/* ---- ne_options / ne_options2 --------------------------------------------- */

static void options_fn(ne_session *sess, void *arg)
{
    unsigned int caps = 0xdead;
    ne_server_capabilities c;
    int ret;

    (void)arg;
    ret = ne_options2(sess, "/dav/", &caps);
    print_result("ne_options2", sess, ret);
    printf("caps: 0x%x\n", caps);
    memset(&c, 0x55, sizeof c);
    ret = ne_options(sess, "*", &c);
    print_result("ne_options", sess, ret);
    printf("class1 %u class2 %u exec %u\n", c.dav_class1, c.dav_class2, c.dav_executable);
}

static void options(void)
{
    static const char *const dav[] = {
        "1,2", "1 2", "2,1", " 1, 2  ", "1, 2, 3", "1, 2, extended-mkcol",
        "1, <http://apache.org/dav/propset/fs/1>, access-control",
        "version-control, checkout-in-place, version-history, workspace, update, label, "
        "working-resource, merge, baseline, activity, version-controlled-collection",
        "1, \"2, 3\", 2", "1, '2, 3", "Version-Control, EXTENDED-MKCOL", "",
    };
    size_t i;

    for (i = 0; i < sizeof dav / sizeof dav[0]; i++) {
        char label[256], *resp = malloc(strlen(dav[i]) + 64);
        const char *responses[3];
        sprintf(resp, "HTTP/1.1 200 OK\r\nDAV: %s\r\nContent-Length: 0\r\n\r\n", dav[i]);
        responses[0] = resp;
        responses[1] = resp;
        responses[2] = NULL;
        snprintf(label, sizeof label, "options DAV: [%s]", dav[i]);
        serve(label, responses, options_fn, NULL);
        free(resp);
    }
    {
        static const char *const r[] = {
            "HTTP/1.1 200 OK\r\nDAV: 1\r\nDAV: 2\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", NULL,
        };
        static const char *const e[] = {
            "HTTP/1.1 405 Method Not Allowed\r\nDAV: 1, 2\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\n\r\n", NULL,
        };
        serve("options two DAV headers, then none", r, options_fn, NULL);
        serve("options errors", e, options_fn, NULL);
    }
}

/* ---- ne_get_content_type -------------------------------------------------- */

static void ctype_fn(ne_session *sess, void *arg)
{
    ne_request *req = ne_request_create(sess, "GET", "/ct");
    ne_content_type ct;
    int rv;

    (void)arg;
    print_result("dispatch", sess, ne_request_dispatch(req));
    ct.type = ct.subtype = ct.charset = "unset";
    ct.value = NULL;
    rv = ne_get_content_type(req, &ct);
    printf("rv %d\n", rv);
    print_str("  type", ct.type);
    print_str("  subtype", ct.subtype);
    print_str("  charset", ct.charset);
    print_str("  value", ct.value);
    if (rv == 0) {
        printf("  type is value: %d\n", ct.type == ct.value);
        printf("  charset inside value: %d\n",
               ct.charset != NULL && ct.charset >= ct.value && ct.charset < ct.value + 200);
        free(ct.value);
    }
    ne_request_destroy(req);
}

static void content_types(void)
{
    static const char *const cts[] = {
        "foo/bar", "foo/bar  ", "application/xml", "text/lemon", "text/xml", "TEXT/XML", "Text/Html",
        "text/xml; charset=utf-8", "text/xml; charset=utf-8; foo=bar", "text/xml;charset=utf-8",
        "text/xml ;charset=utf-8", "text/xml;charset=utf-8;foo=bar", "text/xml; foo=bar; charset=utf-8",
        "text/xml; charset=\"utf-8\"", "text/xml; charset='utf-8'",
        "text/xml; foo=bar; charset=\"utf-8\"; bar=foo", "foo/lemon; charset=\"utf-8",
        "text/plain; charset=\"utf-8", "a/b; xcharset=one; charset=two", "a/b; q=\"x;charset=in\"; z",
        "a/b; charset=", "a/b; CHARSET=upper", " text /plain", "text/", "/x", "noslash", "",
        "multipart/form-data; boundary=\"a;b\"; charset=latin1",
    };
    size_t i;

    for (i = 0; i < sizeof cts / sizeof cts[0]; i++) {
        char label[128], resp[256];
        snprintf(resp, sizeof resp, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: 0\r\n\r\n", cts[i]);
        snprintf(label, sizeof label, "content-type [%s]", cts[i]);
        one(label, resp, ctype_fn, NULL);
    }
    one("content-type absent", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", ctype_fn, NULL);
}

/* ---- WebDAV methods ------------------------------------------------------- */

static void depth_fn(ne_session *sess, void *arg)
{
    static const int depths[] = { NE_DEPTH_ZERO, NE_DEPTH_ONE, NE_DEPTH_INFINITE, 99, -1 };
    size_t i;

    (void)arg;
    for (i = 0; i < sizeof depths / sizeof depths[0]; i++) {
        ne_request *req = ne_request_create(sess, "PROPFIND", "/depth");
        ne_add_depth_header(req, depths[i]);
        printf("depth %d: %s\n", depths[i], ret_name(ne_request_dispatch(req)));
        ne_request_destroy(req);
    }
}

static void dav_fn(ne_session *sess, void *arg)
{
    (void)arg;
    print_result("copy overwrite depth 0", sess, ne_copy(sess, 1, NE_DEPTH_ZERO, "/src", "/dest"));
    print_result("copy no-overwrite infinite", sess, ne_copy(sess, 0, NE_DEPTH_INFINITE, "/src/", "/dest/"));
    print_result("copy depth 1", sess, ne_copy(sess, 7, NE_DEPTH_ONE, "/a b", "/c%20d"));
    print_result("move overwrite", sess, ne_move(sess, 1, "/from", "/to"));
    print_result("move no-overwrite", sess, ne_move(sess, 0, "/from", "/to"));
    ne_set_session_flag(sess, NE_SESSFLAG_RFC4918, 1);
    print_result("copy rfc4918", sess, ne_copy(sess, 1, NE_DEPTH_ZERO, "/src", "/dest"));
    print_result("move rfc4918", sess, ne_move(sess, 0, "/src", "http://elsewhere/dest"));
    print_result("delete", sess, ne_delete(sess, "/gone"));
    print_result("delete collection", sess, ne_delete(sess, "/coll/"));
    print_result("mkcol", sess, ne_mkcol(sess, "/newcoll"));
    print_result("mkcol slash", sess, ne_mkcol(sess, "/newcoll2/"));
}

static void dav_errors_fn(ne_session *sess, void *arg)
{
    (void)arg;
    print_result("copy", sess, ne_copy(sess, 0, NE_DEPTH_ZERO, "/src", "/dest"));
    print_result("move", sess, ne_move(sess, 0, "/src", "/dest"));
    print_result("delete", sess, ne_delete(sess, "/locked"));
    print_result("mkcol", sess, ne_mkcol(sess, "/exists"));
    print_result("mkcol redirect", sess, ne_mkcol(sess, "/x"));
}

static void dav(void)
{
    static const char *const oks[] = {
        "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 204 No Content\r\n\r\n",
        "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 204 No Content\r\n\r\n",
        "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 204 No Content\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndeleted",
        "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
        NULL,
    };
    static const char *const errors[] = {
        "HTTP/1.1 412 Precondition Failed\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 3\r\n\r\nbad",
        "HTTP/1.1 423 Locked\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 301 Moved Permanently\r\nLocation: /x/\r\nContent-Length: 0\r\n\r\n",
        NULL,
    };
    static const char *const five[] = {
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", NULL,
    };

    serve("depth header", five, depth_fn, NULL);
    serve("copy move delete mkcol", oks, dav_fn, NULL);
    serve("webdav errors", errors, dav_errors_fn, NULL);
}

/* A session on another port: Destination carries the port. */
static void destination_port(void)
{
    static const char *const script[] = {
        "accept", "read", "send HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", "drain", NULL,
    };
    struct srv s;
    ne_session *sess;

    printf("== destination with proxy\n");
    srv_start(&s, script);
    sess = ne_session_create("http", "dav.example", 8080);
    ne_set_read_timeout(sess, 10);
    ne_session_proxy(sess, "127.0.0.1", (unsigned)s.port);
    print_result("copy via proxy", sess, ne_copy(sess, 1, NE_DEPTH_INFINITE, "/a", "/b"));
    ne_session_destroy(sess);
    srv_finish(&s);
}

/* Connection failures surface unchanged. */
static void unreachable(void)
{
    ne_session *sess = test_session(unused_port());
    int fd = temp_fd("x");
    time_t t = 5;
    unsigned caps = 3;
    ne_content_range r = { 0, 1, 0 };

    printf("== unreachable server\n");
    print_result("get", sess, ne_get(sess, "/", fd));
    print_result("put", sess, ne_put(sess, "/", fd));
    print_result("post", sess, ne_post(sess, "/", fd, "x"));
    print_result("getmodtime", sess, ne_getmodtime(sess, "/", &t));
    printf("modtime %lld\n", (long long)t);
    print_result("get_range", sess, ne_get_range(sess, "/", &r, fd));
    print_result("options2", sess, ne_options2(sess, "/", &caps));
    printf("caps %u\n", caps);
    print_result("copy", sess, ne_copy(sess, 1, 0, "/a", "/b"));
    print_result("move", sess, ne_move(sess, 1, "/a", "/b"));
    print_result("delete", sess, ne_delete(sess, "/a"));
    print_result("mkcol", sess, ne_mkcol(sess, "/a"));
    close(fd);
    ne_session_destroy(sess);
}

int main(void)
{
    get_cases();
    post_cases();
    put_cases();
    modtimes();
    ranges();
    options();
    content_types();
    dav();
    destination_port();
    unreachable();
    return 0;
}
