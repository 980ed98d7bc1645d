/* ne_request.h: the exact bytes neon puts on the wire. The scripted server
 * logs every request verbatim (head and body); the client side prints the
 * outcome. Covers the fixed header block (User-Agent, Keep-Alive/Connection,
 * TE, Host), user headers, bodies from buffer/fd/provider (incl. chunked),
 * Expect: 100-continue, proxies (absolute-URI form), PERSIST=0 and the
 * effect of HTTP/1.0 responses on later requests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ne_session.h>
#include <ne_request.h>

#include "harness.h"

#define OK11 "send HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
#define OK10 "send HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"
#define OK10KA "send HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n"

/* Dispatches a request and prints the result (status code + error). */
static int dispatch(ne_request *req, const char *label)
{
    ne_session *sess = ne_get_session(req);
    int ret = ne_request_dispatch(req);

    printf("%s: %s status %d ", label, ret_name(ret), ne_get_status(req)->code);
    print_str("error", ne_get_error(sess));
    return ret;
}

static void simple(ne_session *sess, const char *method, const char *target)
{
    ne_request *req = ne_request_create(sess, method, target);
    char label[256];

    snprintf(label, sizeof label, "%s %s", method, target);
    dispatch(req, label);
    ne_request_destroy(req);
}

/* Methods on the first and later requests of an HTTP/1.1 connection: the
 * first request carries Keep-Alive + "Connection: TE, Keep-Alive", later
 * ones "Connection: TE". The fixed block is built at request creation. */
static void methods(void)
{
    static const char *const script[] = {
        "accept",
        "read", OK11, "read", OK11, "read", OK11, "read", OK11, "read", OK11,
        "read", OK11, "read", OK11, "read", OK11, "read", OK11, "read", OK11, "read", OK11,
        "drain", NULL,
    };
    struct srv s;
    ne_session *sess;
    ne_request *early;

    printf("-- methods\n");
    srv_start(&s, script);
    sess = test_session(s.port);
    /* created before any response: keeps the first-request header block */
    early = ne_request_create(sess, "GET", "/created-early");
    simple(sess, "GET", "/");
    simple(sess, "HEAD", "/head");
    simple(sess, "FROB", "/custom?q=1&r=%20");
    simple(sess, "OPTIONS", "*");
    simple(sess, "M-SEARCH", "http://absolute.example/x");
    simple(sess, "get", "/lower-case-method");
    simple(sess, "GET", "/with space?and=\"quotes\"");
    dispatch(early, "early request");
    ne_request_destroy(early);
    ne_set_useragent(sess, "wiretest/1.0");
    simple(sess, "GET", "/ua1");
    ne_set_useragent(sess, "second agent/2.0 (x)");
    simple(sess, "GET", "/ua2");
    ne_set_useragent(sess, "");
    simple(sess, "GET", "/ua-empty");
    ne_session_destroy(sess);
    srv_finish(&s);
}

/* User headers come after Host in call order; duplicates and empty values
 * are sent as given; ne_print_request_header formats (and truncates to
 * 8191 bytes). Body setters append Content-Length at call time. */
static void user_headers(void)
{
    static const char *const script[] = {
        "accept", "read", OK11, "read", OK11, "readhead", "readbody 3", OK11, "read", OK11, "drain", NULL,
    };
    struct srv s;
    ne_session *sess;
    ne_request *req;
    char *big = malloc(9000);

    printf("-- user headers\n");
    srv_start(&s, script);
    sess = test_session(s.port);
    ne_set_useragent(sess, "hdrtest");
    req = ne_request_create(sess, "GET", "/h");
    ne_add_request_header(req, "X-First", "1");
    ne_add_request_header(req, "X-Dup", "a");
    ne_add_request_header(req, "x-dup", "b");
    ne_add_request_header(req, "X-Empty", "");
    ne_print_request_header(req, "X-Printed", "%d-%s-%c-%05.1f", 7, "str", 'c', 2.5);
    ne_add_request_header(req, "Host", "override.example");
    ne_add_request_header(req, "Connection", "close-ish");
    dispatch(req, "GET /h");
    ne_request_destroy(req);

    /* a body setter adds Content-Length where it is called */
    req = ne_request_create(sess, "PUT", "/h2");
    ne_add_request_header(req, "X-Before", "1");
    ne_set_request_body_buffer(req, "abc", 3);
    ne_add_request_header(req, "X-After", "2");
    dispatch(req, "PUT /h2");
    ne_request_destroy(req);

    /* values are not checked: CRLF passes through; a second body setter
     * adds a second Content-Length (the last body wins) */
    req = ne_request_create(sess, "PUT", "/h2b");
    ne_add_request_header(req, "X-Injected", "a\r\nX-Smuggled: b");
    ne_set_request_body_buffer(req, "first", 5);
    ne_set_request_body_buffer(req, "abc", 3);
    dispatch(req, "PUT /h2b");
    ne_request_destroy(req);

    /* formatted header value longer than the 8192-byte format buffer */
    memset(big, 'v', 8999);
    big[8999] = '\0';
    req = ne_request_create(sess, "GET", "/h3");
    ne_print_request_header(req, "X-Big", "%s", big);
    ne_add_request_header(req, "X-Big-Added", big);
    dispatch(req, "GET /h3");
    ne_request_destroy(req);
    ne_session_destroy(sess);
    srv_finish(&s);
    free(big);
}

/* Request bodies from buffers and files. */
static void bodies(void)
{
    static const char *const script[] = {
        "accept",
        "read", OK11, /* buffer */
        "read", OK11, /* empty buffer */
        "read", OK11, /* fd offset+length */
        "read", OK11, /* fd whole */
        "read", OK11, /* fd length 0 */
        "read", OK11, /* big buffer */
        "read", "close", /* fd too short: headers + partial body, then client closes */
        "accept", "readhead", "drain", /* pipe: cannot seek */
        "accept", "readhead", "drain", /* invalid fd */
        "accept", "readhead", "drain", /* negative offset */
        NULL,
    };
    struct srv s;
    ne_session *sess;
    ne_request *req;
    char path[] = "/tmp/neonrs-body-XXXXXX";
    int fd = mkstemp(path), pfd[2];
    char *big = malloc(100000);
    size_t i;

    printf("-- bodies\n");
    if (fd < 0 || write(fd, "0123456789abcdefghijklmnopqrstuvwxyz", 36) != 36) return;
    for (i = 0; i < 100000; i++) big[i] = (char)('a' + i % 26);
    srv_start(&s, script);
    sess = test_session(s.port);

    req = ne_request_create(sess, "PUT", "/buf");
    ne_set_request_body_buffer(req, "hello\r\nworld\0!", 14);
    dispatch(req, "PUT buffer");
    ne_request_destroy(req);

    req = ne_request_create(sess, "POST", "/empty");
    ne_set_request_body_buffer(req, "", 0);
    dispatch(req, "POST empty buffer");
    ne_request_destroy(req);

    req = ne_request_create(sess, "PUT", "/fd");
    ne_set_request_body_fd(req, fd, 5, 10);
    dispatch(req, "PUT fd offset 5 length 10");
    ne_request_destroy(req);

    req = ne_request_create(sess, "PUT", "/fd-all");
    ne_set_request_body_fd(req, fd, 0, 36);
    dispatch(req, "PUT fd whole");
    ne_request_destroy(req);

    req = ne_request_create(sess, "PUT", "/fd-0");
    ne_set_request_body_fd(req, fd, 30, 0);
    dispatch(req, "PUT fd length 0");
    ne_request_destroy(req);

    req = ne_request_create(sess, "PUT", "/big");
    ne_set_request_body_buffer(req, big, 100000);
    dispatch(req, "PUT 100000-byte buffer");
    ne_request_destroy(req);

    req = ne_request_create(sess, "PUT", "/fd-short");
    ne_set_request_body_fd(req, fd, 30, 20);
    dispatch(req, "PUT fd beyond EOF");
    ne_request_destroy(req);

    if (pipe(pfd) == 0) {
        req = ne_request_create(sess, "PUT", "/pipe");
        ne_set_request_body_fd(req, pfd[0], 5, 10);
        dispatch(req, "PUT unseekable fd");
        ne_request_destroy(req);
        close(pfd[0]);
        close(pfd[1]);
    }

    req = ne_request_create(sess, "PUT", "/bad-fd");
    ne_set_request_body_fd(req, -1, 0, 10);
    dispatch(req, "PUT invalid fd");
    ne_request_destroy(req);

    req = ne_request_create(sess, "PUT", "/negative");
    ne_set_request_body_fd(req, fd, -5, 10);
    dispatch(req, "PUT negative offset");
    ne_request_destroy(req);

    ne_session_destroy(sess);
    srv_finish(&s);
    close(fd);
    unlink(path);
    free(big);
}

/* A body provider that logs its calls and serves `data` in pieces of at
 * most `piece` bytes; it can be told to fail. */
struct prov {
    const char *data;
    size_t len, pos, piece;
    int calls, rewinds;
    int fail_at;        /* fail (return -1) on this read call; 0 = never */
    int fail_rewind;    /* rewind returns this */
    ne_session *sess;
};

static ssize_t provider(void *ud, char *buf, size_t buflen)
{
    struct prov *p = ud;
    size_t n;

    p->calls++;
    if (buflen == 0) {
        p->rewinds++;
        printf("  provider: rewind\n");
        p->pos = 0;
        return p->fail_rewind;
    }
    printf("  provider: buflen %zu\n", buflen);
    if (p->fail_at && p->calls >= p->fail_at) {
        if (p->sess) ne_set_error(p->sess, "provider failed at call %d", p->calls);
        return -1;
    }
    n = p->len - p->pos;
    if (n > p->piece) n = p->piece;
    if (n > buflen) n = buflen;
    memcpy(buf, p->data + p->pos, n);
    p->pos += n;
    return (ssize_t)n;
}

static void prov_init(struct prov *p, const char *data, size_t len, size_t piece)
{
    memset(p, 0, sizeof *p);
    p->data = data;
    p->len = len;
    p->piece = piece;
}

/* Provider bodies: known length and chunked (-1); chunk framing on the
 * wire; the rewind call; provider failures; lengths that do not match. */
static void providers(void)
{
    static const char *const script[] = {
        "accept",
        "read", OK11,   /* known length, 4-byte pieces */
        "read", OK11,   /* chunked, 5-byte pieces */
        "read", OK11,   /* chunked, empty */
        "read", OK11,   /* chunked, one big 20000-byte body */
        "read", OK11,   /* same request dispatched again */
        "readhead", "readbody 3", OK11, /* provider shorter than declared */
        "readhead", "readbody 6", "send HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        "accept", "readhead", "drain", /* provider fails mid-way */
        "accept", "readhead", "drain", /* rewind fails */
        NULL,
    };
    static const char text[] = "The quick brown fox jumps over the lazy dog";
    struct srv s;
    ne_session *sess;
    ne_request *req;
    struct prov p;
    char *big = malloc(20000);
    size_t i;

    printf("-- providers\n");
    for (i = 0; i < 20000; i++) big[i] = (char)('A' + i % 23);
    srv_start(&s, script);
    sess = test_session(s.port);

    prov_init(&p, text, 10, 4);
    req = ne_request_create(sess, "PUT", "/known");
    ne_set_request_body_provider(req, 10, provider, &p);
    dispatch(req, "PUT provider length 10");
    printf("  calls %d rewinds %d\n", p.calls, p.rewinds);
    ne_request_destroy(req);

    prov_init(&p, text, strlen(text), 5);
    req = ne_request_create(sess, "POST", "/chunked");
    ne_set_request_body_provider(req, -1, provider, &p);
    dispatch(req, "POST provider chunked");
    printf("  calls %d rewinds %d\n", p.calls, p.rewinds);
    ne_request_destroy(req);

    prov_init(&p, text, 0, 5);
    req = ne_request_create(sess, "POST", "/chunked-empty");
    ne_set_request_body_provider(req, -1, provider, &p);
    dispatch(req, "POST provider chunked empty");
    printf("  calls %d rewinds %d\n", p.calls, p.rewinds);
    ne_request_destroy(req);

    prov_init(&p, big, 20000, 20000);
    req = ne_request_create(sess, "POST", "/chunked-big");
    ne_set_request_body_provider(req, -1, provider, &p);
    dispatch(req, "POST provider chunked 20000");
    printf("  calls %d rewinds %d\n", p.calls, p.rewinds);
    /* the same request object can be dispatched again: rewound again */
    dispatch(req, "POST provider chunked 20000 again");
    printf("  calls %d rewinds %d\n", p.calls, p.rewinds);
    ne_request_destroy(req);

    /* neon does not check the provider against the declared length */
    prov_init(&p, text, 3, 10);
    req = ne_request_create(sess, "PUT", "/short");
    ne_set_request_body_provider(req, 5, provider, &p);
    dispatch(req, "PUT provider 3 of declared 5");
    ne_request_destroy(req);

    prov_init(&p, text, 6, 10);
    req = ne_request_create(sess, "PUT", "/long");
    ne_set_request_body_provider(req, 3, provider, &p);
    dispatch(req, "PUT provider 6 of declared 3");
    ne_request_destroy(req);

    /* failure: error string is whatever the provider set; connection closed */
    prov_init(&p, text, 30, 4);
    p.fail_at = 3;
    p.sess = sess;
    req = ne_request_create(sess, "PUT", "/fail");
    ne_set_request_body_provider(req, 30, provider, &p);
    dispatch(req, "PUT provider fails");
    ne_request_destroy(req);

    /* failing rewind: the error string is left alone */
    ne_set_error(sess, "left alone");
    prov_init(&p, text, 30, 4);
    p.fail_rewind = 1;
    req = ne_request_create(sess, "PUT", "/fail-rewind");
    ne_set_request_body_provider(req, 30, provider, &p);
    dispatch(req, "PUT provider rewind fails");
    ne_request_destroy(req);

    ne_session_destroy(sess);
    srv_finish(&s);
    free(big);
}

/* Expect: 100-continue: header only with a non-empty body; body sent only
 * after the first 100 (not after other 1xx); a final response first means
 * the body is never sent. Request flag defaults follow the session flag. */
static void expect100(void)
{
    static const char *const script[] = {
        "accept",
        "readhead", "send HTTP/1.1 100 Continue\r\n\r\n", "readbody 5", OK11,
        "readhead", "send HTTP/1.1 102 Processing\r\nX-Interim: 1\r\n\r\n",
        "send HTTP/1.1 100 Continue\r\n\r\n", "readbody 5",
        "send HTTP/1.1 100 Continue again\r\n\r\n", OK11,
        "readhead", "send HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n",
        "read", OK11, /* next request on the same connection */
        "read", OK11, /* session flag, empty body: no Expect */
        "readhead", "send HTTP/1.1 100 Continue\r\n\r\n", "read", OK11, /* chunked via session flag */
        "drain", NULL,
    };
    struct srv s;
    ne_session *sess;
    ne_request *req;
    struct prov p;

    printf("-- expect 100-continue\n");
    srv_start(&s, script);
    sess = test_session(s.port);

    req = ne_request_create(sess, "PUT", "/e1");
    printf("request flags: expect100 %d idempotent %d last %d 99 %d\n",
           ne_get_request_flag(req, NE_REQFLAG_EXPECT100),
           ne_get_request_flag(req, NE_REQFLAG_IDEMPOTENT),
           ne_get_request_flag(req, NE_REQFLAG_LAST),
           ne_get_request_flag(req, (ne_request_flag)99));
    ne_set_request_flag(req, NE_REQFLAG_EXPECT100, 1);
    ne_set_request_flag(req, NE_REQFLAG_LAST, 1);
    ne_set_request_flag(req, (ne_request_flag)99, 1);
    printf("after set: expect100 %d last %d\n", ne_get_request_flag(req, NE_REQFLAG_EXPECT100),
           ne_get_request_flag(req, NE_REQFLAG_LAST));
    ne_set_request_body_buffer(req, "12345", 5);
    dispatch(req, "PUT with 100-continue");
    ne_request_destroy(req);

    req = ne_request_create(sess, "PUT", "/e2");
    ne_set_request_flag(req, NE_REQFLAG_EXPECT100, 1);
    ne_set_request_body_buffer(req, "abcde", 5);
    dispatch(req, "PUT with 102 then 100 then 100");
    ne_request_destroy(req);

    req = ne_request_create(sess, "PUT", "/e3");
    ne_set_request_flag(req, NE_REQFLAG_EXPECT100, 1);
    ne_set_request_body_buffer(req, "never", 5);
    dispatch(req, "PUT answered 417 before the body");
    ne_request_destroy(req);
    simple(sess, "GET", "/after-417");

    ne_set_session_flag(sess, NE_SESSFLAG_EXPECT100, 1);
    req = ne_request_create(sess, "PUT", "/e4");
    printf("request expect100 from session flag: %d\n",
           ne_get_request_flag(req, NE_REQFLAG_EXPECT100));
    ne_set_request_body_buffer(req, "", 0);
    dispatch(req, "PUT empty body with session expect100");
    ne_request_destroy(req);

    prov_init(&p, "chunky", 6, 3);
    req = ne_request_create(sess, "POST", "/e5");
    ne_set_request_body_provider(req, -1, provider, &p);
    dispatch(req, "POST chunked with session expect100");
    ne_request_destroy(req);

    ne_session_destroy(sess);
    srv_finish(&s);
}

/* An HTTP proxy: absolute-URI targets for "/..." paths only, no Keep-Alive
 * header even on the first request, Host is the origin, errors mention
 * the proxy. */
static void proxy(void)
{
    static const char *const script[] = {
        "accept",
        "read", OK11, "read", OK11, "read", OK11,
        "read", OK10, /* HTTP/1.0 proxy: next request still has no Keep-Alive */
        "accept", "read", OK11,
        "read", "close", /* closes before the status line: retried once */
        "accept", "read", "close", /* ... and again: error names the proxy */
        "accept", "read", OK11, /* origin on its default port */
        NULL,
    };
    struct srv s;
    ne_session *sess;

    printf("-- proxy\n");
    srv_start(&s, script);
    sess = ne_session_create("http", "www.example.com", 8080);
    ne_set_read_timeout(sess, 10);
    ne_session_proxy(sess, "127.0.0.1", (unsigned)s.port);
    ne_set_notifier(sess, print_notifier, NULL);
    simple(sess, "GET", "/path?x=1");
    simple(sess, "OPTIONS", "*");
    simple(sess, "GET", "ftp://other.example/y");
    simple(sess, "GET", "/http10");
    simple(sess, "GET", "/after-http10");
    simple(sess, "GET", "/closed");
    ne_session_destroy(sess);

    /* default port: no ":80" in the absolute URI */
    sess = ne_session_create("http", "www.example.com", 80);
    ne_set_read_timeout(sess, 10);
    ne_session_proxy(sess, "127.0.0.1", (unsigned)s.port);
    simple(sess, "GET", "/default-port");
    ne_session_destroy(sess);

    /* refused proxy */
    sess = ne_session_create("http", "www.example.com", 80);
    ne_session_proxy(sess, "127.0.0.1", (unsigned)unused_port());
    simple(sess, "GET", "/refused");
    ne_session_destroy(sess);
    srv_finish(&s);
}

/* PERSIST=0: "Connection: TE, close", a new connection per request, and
 * the client closes each one after the response. HTTP/1.0 responses
 * (with and without keep-alive) make the next request ask for Keep-Alive
 * again. */
static void persist_flag(void)
{
    static const char *const script[] = {
        "accept", "read", OK11, "drain",
        "accept", "read", OK11, "drain",
        "accept", "read", OK10KA, "read", OK10KA, "read", OK11, "read", OK10KA, "read", OK10,
        "drain",
        "accept", "read", OK11, "drain",
        NULL,
    };
    struct srv s;
    ne_session *sess;

    printf("-- persist flag and HTTP/1.0\n");
    srv_start(&s, script);
    sess = test_session(s.port);
    ne_set_notifier(sess, print_notifier, NULL);
    ne_set_session_flag(sess, NE_SESSFLAG_PERSIST, 0);
    simple(sess, "GET", "/np1");
    simple(sess, "GET", "/np2");
    ne_set_session_flag(sess, NE_SESSFLAG_PERSIST, 1);
    simple(sess, "GET", "/10ka-1");
    simple(sess, "GET", "/10ka-2");
    simple(sess, "GET", "/11");
    simple(sess, "GET", "/10ka-3");
    simple(sess, "GET", "/10-close");
    simple(sess, "GET", "/new-connection");
    ne_session_destroy(sess);
    srv_finish(&s);
}

int main(void)
{
    methods();
    user_headers();
    bodies();
    providers();
    expect100();
    proxy();
    persist_flag();
    return 0;
}
