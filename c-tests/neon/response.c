/* ne_request.h: how responses are parsed. Each case serves one canned
 * response on a fresh connection and prints what the client sees: status
 * fields, headers (sorted), body, block sizes, result and error string.
 * Covers status-line variants (incl. ICY), header parsing, message length
 * (Content-Length / chunked / EOF / no body), trailers, interim 1xx
 * responses, the body-reading functions and body readers. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ne_session.h>
#include <ne_request.h>

#include "harness.h"

typedef void (*case_fn)(ne_session *sess, void *arg);

/* Serves `response` once (then closes) and runs fn against it. */
static void with_response(const char *label, const char *response, case_fn fn, void *arg)
{
    char *send = directive("send", response);
    const char *script[] = { "accept", "read", send, "close", NULL };
    struct srv s;
    ne_session *sess;

    printf("== %s\n", label);
    srv_start(&s, script);
    s.quiet = 1;
    sess = test_session(s.port);
    fn(sess, arg);
    ne_session_destroy(sess);
    srv_finish(&s);
    free(send);
}

struct simple_args { const char *method; int flags; };

static void simple_fn(ne_session *sess, void *arg)
{
    struct simple_args *a = arg;
    run_request(sess, a->method, "/r", a->flags);
}

static void get(const char *label, const char *response)
{
    struct simple_args a = { "GET", SHOW_BODY | SHOW_BLOCKS };
    with_response(label, response, simple_fn, &a);
}

static void icy_fn(ne_session *sess, void *arg)
{
    (void)arg;
    ne_set_session_flag(sess, NE_SESSFLAG_ICYPROTO, 1);
    run_request(sess, "GET", "/icy", SHOW_BODY);
}

#define CL0 "Content-Length: 0\r\n\r\n"

/* Status lines: 0.32.5 is lenient (garbage before "HTTP/", odd versions,
 * missing reason); ICY only with NE_SESSFLAG_ICYPROTO. */
static void status_lines(void)
{
    static const char *const lines[] = {
        "HTTP/1.1 200 OK\r\n", "HTTP/1.0 404 Not Found\r\n", "xxHTTP/1.1 200 Garbage before\r\n",
        "HTTP/1.1 200\r\n", "HTTP/1.1 200 \r\n", "HTTP/1.1   301   Moved  Permanently \r\n",
        "HTTP/01.01 200 Zeros\r\n", "HTTP/2.0 200 Two\r\n", "HTTP/1.2 203 Minor\r\n",
        "HTTP/0.9 200 Old\r\n", "HTTP/10.0 200 Ten\r\n", "HTTP/1.1 999 High\r\n",
        "HTTP/1.1 200\tTab\r\n", "HTTP/1.1 200 ctl\x01\x7f\x80 chars\r\n",
        "HTTP/1.1 200 OK\n", "HTTP/1.1 500 Internal Server Error\r\n",
        "HTTP/1.1 299 Custom reason with: colon\r\n",
    };
    static const char *const icy[] = {
        "ICY 200 OK\r\n", "ICY 404 Not here\r\n", "ICY 200\r\n", "ICY 2000 Long\r\n",
    };
    char buf[256];
    size_t i;

    for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        snprintf(buf, sizeof buf, "%s" CL0, lines[i]);
        get("status line", buf);
    }
    for (i = 0; i < sizeof icy / sizeof icy[0]; i++) {
        snprintf(buf, sizeof buf, "%sContent-Length: 3\r\n\r\nicy", icy[i]);
        get("ICY without flag", buf);
        with_response("ICY with flag", buf, icy_fn, NULL);
    }
}

static void lookup_fn(ne_session *sess, void *arg)
{
    static const char *const names[] = {
        "content-type", "CONTENT-TYPE", "Content-Type", "x-fold", "X-DUP", "x-ws", "x-tab",
        "nocolonhere", "x-empty", "x-colon", "", "missing", "x_under.score", "x-leading",
        "x-trailing-ws", "x-ws-name",
    };
    ne_request *req = ne_request_create(sess, "GET", "/h");
    size_t i;

    (void)arg;
    if (ne_begin_request(req) == NE_OK) {
        print_headers(req);
        for (i = 0; i < sizeof names / sizeof names[0]; i++) {
            char label[64];
            snprintf(label, sizeof label, "lookup [%s]", names[i]);
            print_str(label, ne_get_response_header(req, names[i]));
        }
        print_body(req, 8192, SHOW_BODY);
        print_result("end", sess, ne_end_request(req));
    }
    ne_request_destroy(req);
}

/* Header parsing: case-insensitive names, folding, merging of repeated
 * fields, whitespace trimming, lines without a colon, empty names. */
static void headers(void)
{
    with_response("header parsing",
                  "HTTP/1.1 200 OK\r\n"
                  "Content-Type: text/plain\r\n"
                  "X-Fold: first\r\n  second\r\n\tthird\r\n"
                  "X-Dup: 1\r\nx-dup: 2\r\nX-DUP: 3\r\n"
                  "X-WS :   padded value   \r\n"
                  "X-Tab:\tv\t\r\n"
                  "X-WS-Name \t: spaced name\r\n"
                  "NoColonHere\r\n"
                  "X-Empty:\r\n"
                  "X-Colon: a:b: c\r\n"
                  ": empty name\r\n"
                  "X_Under.Score: 1\r\n"
                  "X-Trailing-WS: v   \t \r\n"
                  "Content-Length: 4\r\n"
                  "\r\nbody",
                  lookup_fn, NULL);
    with_response("first header line starts with whitespace",
                  "HTTP/1.1 200 OK\r\n X-Leading: 1\r\nContent-Length: 2\r\n\r\nok",
                  lookup_fn, NULL);
    with_response("bare LF line endings",
                  "HTTP/1.1 200 OK\nContent-Type: a/b\nX-Fold: x\n y\nContent-Length: 2\n\nok",
                  lookup_fn, NULL);
    with_response("no headers at all, EOF body",
                  "HTTP/1.1 200 OK\r\n\r\nuntil EOF", lookup_fn, NULL);
}

/* Message length: Content-Length, chunked (extensions, odd sizes),
 * Transfer-Encoding over Content-Length, identity, EOF-delimited, and the
 * no-body cases (HEAD, 204, 304). */
static void lengths(void)
{
    struct simple_args head = { "HEAD", SHOW_BODY | SHOW_BLOCKS };

    get("content-length", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde");
    get("content-length 0", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    get("content-length with surplus data", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef");
    get("chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5\r\nabcde\r\n1\r\nf\r\nA\r\n0123456789\r\n0\r\n\r\n");
    get("chunked, extensions and odd sizes", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        "0003;name=value\r\nabc\r\n2 ; x\r\nde\r\nb\r\nfghijklmnop\r\n000\r\n\r\n");
    get("chunked, uppercase coding", "HTTP/1.1 200 OK\r\nTransfer-Encoding: CHUNKED\r\n\r\n"
        "2\r\nok\r\n0\r\n\r\n");
    get("chunked, empty", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    get("chunked over content-length", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n"
        "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
    get("identity with content-length", "HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\n"
        "Content-Length: 2\r\n\r\nid");
    get("identity, EOF", "HTTP/1.1 200 OK\r\nTransfer-Encoding: Identity\r\n\r\nuntil eof");
    get("EOF-delimited", "HTTP/1.1 200 OK\r\nX: y\r\n\r\nread until the server closes");
    get("EOF-delimited HTTP/1.0", "HTTP/1.0 200 OK\r\n\r\nold style");
    get("content-length with whitespace", "HTTP/1.1 200 OK\r\nContent-Length:   4  \r\n\r\nwxyz");
    get("content-length leading zeros", "HTTP/1.1 200 OK\r\nContent-Length: 0004\r\n\r\nwxyz");
    get("204 ignores content-length", "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n");
    get("304 ignores chunked", "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n");
    get("205 has a body", "HTTP/1.1 205 Reset Content\r\nContent-Length: 2\r\n\r\nxy");
    with_response("HEAD ignores content-length",
                  "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", simple_fn, &head);
    with_response("HEAD ignores chunked",
                  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", simple_fn, &head);
}

static void trailer_fn(ne_session *sess, void *arg)
{
    ne_request *req = ne_request_create(sess, "GET", "/t");

    (void)arg;
    if (ne_begin_request(req) == NE_OK) {
        printf("before body:\n");
        print_headers(req);
        print_body(req, 8192, SHOW_BODY);
        print_result("end", sess, ne_end_request(req));
        printf("after end:\n");
        print_headers(req);
        print_str("lookup X-Trailer", ne_get_response_header(req, "X-Trailer"));
    }
    ne_request_destroy(req);
}

/* Chunked trailers are merged into the response headers at end. */
static void trailers(void)
{
    with_response("trailers",
                  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Both: head\r\n\r\n"
                  "3\r\nabc\r\n0\r\nX-Trailer: t1\r\nX-Both: tail\r\nX-Folded: a\r\n b\r\n\r\n",
                  trailer_fn, NULL);
    with_response("trailers after an empty body",
                  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                  "0\r\nX-Trailer: only\r\n\r\n", trailer_fn, NULL);
}

/* Interim 1xx responses are skipped, with their headers. */
static void interim(void)
{
    get("100 then 200", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    get("several 1xx with headers",
        "HTTP/1.1 100 Continue\r\nX-Interim: a\r\n\r\n"
        "HTTP/1.1 102 Processing\r\nX-Interim: b\r\n\r\n"
        "HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
        "HTTP/1.0 199 Misc\r\n\r\n"
        "HTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nc");
}

struct blocks_args { size_t bufsize; };

static void blocks_fn(ne_session *sess, void *arg)
{
    struct blocks_args *a = arg;
    ne_request *req = ne_request_create(sess, "GET", "/b");

    if (ne_begin_request(req) == NE_OK) {
        printf("buffer %zu ", a->bufsize);
        print_body(req, a->bufsize, SHOW_BLOCKS);
        /* Reading past the end: 0 again for length/EOF-delimited bodies;
         * for chunked bodies it consumes the trailer section as a chunk-size
         * line and fails (then ne_end_request must not be called: 0.32.5
         * would dereference the closed socket). */
        char c;
        ssize_t n = ne_read_response_block(req, &c, 1);
        printf("read after end: %zd\n", n);
        if (n < 0)
            print_str("error", ne_get_error(sess));
        else
            print_result("end", sess, ne_end_request(req));
    }
    ne_request_destroy(req);
}

/* ne_read_response_block returns what is buffered, at most buflen; chunk
 * boundaries end blocks. The whole response arrives in one segment. */
static void blocks(void)
{
    static const size_t sizes[] = { 1, 7, 1000, 4096, 8192 };
    char *resp = malloc(4000);
    size_t i;

    strcpy(resp, "HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n");
    memset(resp + strlen(resp), 'b', 3000);
    resp[41 + 3000] = '\0';
    for (i = 1; i < sizeof sizes / sizeof sizes[0]; i++) {
        struct blocks_args a = { sizes[i] };
        with_response("blocks, content-length 3000", resp, blocks_fn, &a);
    }
    for (i = 0; i < 3; i++) {
        struct blocks_args a = { sizes[i] };
        with_response("blocks, small content-length", "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n"
                      "0123456789abcdefghij", blocks_fn, &a);
        with_response("blocks, chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5\r\n01234\r\n10\r\n0123456789abcdef\r\n1\r\nX\r\n0\r\n\r\n", blocks_fn, &a);
        with_response("blocks, EOF", "HTTP/1.1 200 OK\r\n\r\n0123456789abcdefghij", blocks_fn, &a);
    }
    free(resp);
}

static void to_fd_fn(ne_session *sess, void *arg)
{
    ne_request *req = ne_request_create(sess, "GET", "/fd");
    int fd = *(int *)arg;

    if (ne_begin_request(req) == NE_OK) {
        int ret = ne_read_response_to_fd(req, fd);
        print_result("read_response_to_fd", sess, ret);
        if (ret == NE_OK) ret = ne_end_request(req);
        print_result("end", sess, ret);
    }
    ne_request_destroy(req);
}

static void discard_fn(ne_session *sess, void *arg)
{
    ne_request *req = ne_request_create(sess, "GET", "/discard");

    (void)arg;
    if (ne_begin_request(req) == NE_OK) {
        int ret = ne_discard_response(req);
        print_result("discard_response", sess, ret);
        print_result("end", sess, ne_end_request(req));
    }
    ne_request_destroy(req);
}

/* ne_read_response_to_fd writes the body to a file (or fails with the
 * errno text); ne_discard_response reads and drops it. */
static void to_fd(void)
{
    char path[] = "/tmp/neonrs-resp-XXXXXX", buf[256];
    int fd = mkstemp(path), rdonly, bad = -1;
    ssize_t n;

    if (fd < 0) return;
    with_response("read_response_to_fd", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                  "6\r\nto the\r\n5\r\n file\r\n0\r\n\r\n", to_fd_fn, &fd);
    lseek(fd, 0, SEEK_SET);
    n = read(fd, buf, sizeof buf - 1);
    printf("file holds %zd bytes: [%.*s]\n", n, (int)(n > 0 ? n : 0), buf);
    close(fd);
    rdonly = open(path, O_RDONLY);
    with_response("read_response_to_fd, read-only fd", "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnope",
                  to_fd_fn, &rdonly);
    close(rdonly);
    with_response("read_response_to_fd, empty body to bad fd",
                  "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", to_fd_fn, &bad);
    unlink(path);
    with_response("discard_response", "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\ndiscarded", discard_fn, NULL);
    with_response("discard_response, EOF", "HTTP/1.1 200 OK\r\n\r\ndiscarded", discard_fn, NULL);
}

/* Body readers: prepended (run LIFO); acceptors decide per response; every
 * accepted reader sees every block and a final zero-length call. */
struct rdr { const char *name; int abort_at, calls; ne_session *sess; };

static int reader(void *ud, const char *buf, size_t len)
{
    struct rdr *r = ud;

    r->calls++;
    printf("  reader %s: %zu [", r->name, len);
    print_escaped(buf, len);
    printf("]\n");
    if (r->abort_at && r->calls == r->abort_at) {
        if (r->sess) ne_set_error(r->sess, "reader %s gave up", r->name);
        printf("  reader %s aborts\n", r->name);
        return 1;
    }
    return 0;
}

static int accept_404(void *ud, ne_request *req, const ne_status *st)
{
    /* the acceptor gets the reader's userdata */
    printf("  acceptor %s: code %d klass %d same as ne_get_status %d\n", ((struct rdr *)ud)->name,
           st->code, st->klass, st == ne_get_status(req));
    return st->code == 404;
}

static void readers_fn(ne_session *sess, void *arg)
{
    ne_request *req = ne_request_create(sess, "GET", "/readers");
    struct rdr a = { "always", 0, 0, NULL }, b = { "2xx", 0, 0, NULL }, c = { "404", 0, 0, NULL };
    int ret;

    (void)arg;
    ne_add_response_body_reader(req, ne_accept_always, reader, &a);
    ne_add_response_body_reader(req, ne_accept_2xx, reader, &b);
    ne_add_response_body_reader(req, accept_404, reader, &c);
    ret = ne_request_dispatch(req);
    print_status(req);
    print_result("dispatch", sess, ret);
    printf("calls: always %d 2xx %d 404 %d\n", a.calls, b.calls, c.calls);
    ne_request_destroy(req);
}

static void readers(void)
{
    with_response("readers, 200 content-length",
                  "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nabcdef", readers_fn, NULL);
    with_response("readers, 200 chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                  "2\r\nab\r\n3\r\ncde\r\n0\r\n\r\n", readers_fn, NULL);
    with_response("readers, 404", "HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\ngone",
                  readers_fn, NULL);
    with_response("readers, 500", "HTTP/1.1 500 Oops\r\nContent-Length: 3\r\n\r\nerr", readers_fn, NULL);
    with_response("readers, 204", "HTTP/1.1 204 No Content\r\n\r\n", readers_fn, NULL);
}

/* A reader that aborts: the read fails (-1), the connection is closed (the
 * server's drain sees EOF) and the session is usable afterwards. */
static void reader_abort(void)
{
    static const char *const script[] = {
        "accept", "read",
        "send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n",
        "drain",
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", "drain",
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nagain",
        "drain", NULL,
    };
    struct srv s;
    ne_session *sess;
    ne_request *req;
    struct rdr r = { "aborting", 1, 0, NULL }, r2 = { "aborting-with-error", 1, 0, NULL };
    int ret;

    printf("== reader abort\n");
    srv_start(&s, script);
    sess = test_session(s.port);
    ne_set_notifier(sess, print_notifier, NULL);
    req = ne_request_create(sess, "GET", "/abort");
    ne_add_response_body_reader(req, ne_accept_always, reader, &r);
    ret = ne_request_dispatch(req);
    print_result("dispatch", sess, ret);
    ne_request_destroy(req);

    req = ne_request_create(sess, "GET", "/abort-begin");
    r2.sess = sess;
    ne_add_response_body_reader(req, ne_accept_2xx, reader, &r2);
    ret = ne_begin_request(req);
    print_result("begin", sess, ret);
    if (ret == NE_OK) {
        char buf[100];
        printf("read_response_block: %zd\n", ne_read_response_block(req, buf, sizeof buf));
        print_str("error", ne_get_error(sess));
    }
    ne_request_destroy(req);
    run_request(sess, "GET", "/after", SHOW_BODY);
    ne_session_destroy(sess);
    srv_finish(&s);
}

/* ne_get_status before a request is sent: all zero, reason NULL. */
static void status_before(void)
{
    ne_session *sess = ne_session_create("http", "127.0.0.1", 1);
    ne_request *req = ne_request_create(sess, "GET", "/");

    printf("== status before sending\n");
    print_status(req);
    printf("get_session matches: %d\n", ne_get_session(req) == sess);
    printf("no response headers: %s\n", ne_get_response_header(req, "x") ? "found" : "NULL");
    print_headers(req);
    ne_request_destroy(req);
    ne_session_destroy(sess);
}

/* Oddities: '%' in the reason phrase (no format injection), a reason too
 * long for the 512-byte error buffer, the merge limit for repeated
 * fields, a NUL byte inside a header line. */
static void error_fn(ne_session *sess, void *arg)
{
    const char *err;

    (void)arg;
    run_request(sess, "GET", "/odd", NO_HEADERS);
    err = ne_get_error(sess);
    printf("error length %zu\n", strlen(err));
}

static void raw_response(const char *label, const char *hex)
{
    char *d = directive("sendhex", hex);
    const char *script[] = { "accept", "read", d, "close", NULL };
    struct srv s;
    ne_session *sess;

    printf("== %s\n", label);
    srv_start(&s, script);
    s.quiet = 1;
    sess = test_session(s.port);
    run_request(sess, "GET", "/raw", SHOW_BODY);
    ne_session_destroy(sess);
    srv_finish(&s);
    free(d);
}

/* Prints a header value as runs: "a*4000 ,*1  *1 b*4000". */
static void merge_fn(ne_session *sess, void *arg)
{
    ne_request *req = ne_request_create(sess, "GET", "/merge");

    (void)arg;
    if (ne_begin_request(req) == NE_OK) {
        const char *v = ne_get_response_header(req, "x-dup");
        printf("x-dup length %zu runs:", v ? strlen(v) : 0);
        while (v && *v) {
            size_t n = strspn(v, (char[]){ *v, 0 });
            printf(" %c*%zu", *v, n);
            v += n;
        }
        printf("\n");
        print_str("x-small", ne_get_response_header(req, "x-small"));
        print_result("discard", sess, ne_discard_response(req));
        print_result("end", sess, ne_end_request(req));
    }
    ne_request_destroy(req);
}

static void oddities(void)
{
    char *resp = malloc(20000), *p;
    int i;

    with_response("percent signs in the reason phrase",
                  "HTTP/1.1 200 100% %s %n %d done\r\nContent-Length: 0\r\n\r\n", error_fn, NULL);
    strcpy(resp, "HTTP/1.1 299 ");
    memset(resp + 13, 'r', 700);
    strcpy(resp + 713, "END\r\nContent-Length: 0\r\n\r\n");
    with_response("reason phrase longer than the error buffer", resp, error_fn, NULL);

    /* repeated fields are merged only while the value stays < 8192 */
    p = resp + sprintf(resp, "HTTP/1.1 200 OK\r\n");
    for (i = 0; i < 3; i++) {
        p += sprintf(p, "X-Dup: %c", 'a' + i);
        memset(p, 'a' + i, 3999);
        p += 3999;
        p += sprintf(p, "\r\n");
    }
    p += sprintf(p, "X-Small: 1\r\nx-small: 2\r\nContent-Length: 0\r\n\r\n");
    with_response("merge limit for repeated fields", resp, merge_fn, NULL);
    free(resp);

    /* "HTTP/1.1 200 OK\r\nX-Nul: a\0b\r\nContent-Length: 2\r\n\r\nok" */
    raw_response("NUL byte inside a header value",
                  "48545450 2f312e31 20323030 204f4b0d 0a"
                  "582d4e75 6c3a2061 00620d0a"
                  "436f6e74 656e742d 4c656e67 74683a20 320d0a0d 0a6f6b");
    /* "HTTP/1.1 200 O\0K\r\nContent-Length: 2\r\n\r\nok" */
    raw_response("NUL byte inside the reason phrase",
                  "48545450 2f312e31 20323030 204f004b 0d0a"
                  "436f6e74 656e742d 4c656e67 74683a20 320d0a0d 0a6f6b");
}

/* Large bodies in the three framings: totals and checksums only (block
 * sizes depend on TCP segmentation). */
static void large(void)
{
    static const char *const eof[] = {
        "accept", "read", "send HTTP/1.1 200 OK\r\n\r\n", "sendfile 1000000 e", "close", NULL };
    static const char *const clen[] = {
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n",
        "sendfile 1000000 c", "close", NULL };
    static const char *const chunked[] = {
        "accept", "read", "send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n186a0\r\n",
        "sendfile 100000 k", "send \r\n3\r\nend\r\n0\r\n\r\n", "close", NULL };
    const char *const *scripts[] = { eof, clen, chunked };
    size_t i;

    for (i = 0; i < 3; i++) {
        struct srv s;
        ne_session *sess;

        printf("== large body %zu\n", i);
        srv_start(&s, scripts[i]);
        s.quiet = 1;
        sess = test_session(s.port);
        run_request(sess, "GET", "/large", 0);
        ne_session_destroy(sess);
        srv_finish(&s);
    }
}

int main(void)
{
    status_before();
    status_lines();
    headers();
    lengths();
    trailers();
    interim();
    blocks();
    to_fd();
    readers();
    reader_abort();
    oddities();
    large();
    return 0;
}
