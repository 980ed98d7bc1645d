/* Persistent connections: when neon reuses, closes and reopens connections,
 * and the transparent single retry of a request whose persisted connection
 * turned out to be closed. The notifier shows every connect/disconnect; the
 * server script accepts exactly the connections expected, so an unexpected
 * reconnect or reuse makes the output differ. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>

#include "harness.h"

#define R11(len, body) "send HTTP/1.1 200 OK\r\nContent-Length: " #len "\r\n\r\n" body
#define OK11 "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"

static ne_session *start(struct srv *s, const char *label, const char *const *script)
{
    ne_session *sess;

    printf("== %s\n", label);
    srv_start(s, script);
    sess = test_session(s->port);
    ne_set_notifier(sess, print_notifier, NULL);
    return sess;
}

static void finish(struct srv *s, ne_session *sess)
{
    printf("destroy\n");
    ne_session_destroy(sess);
    srv_finish(s);
}

static void get(ne_session *sess, const char *path)
{
    run_request(sess, "GET", path, SHOW_BODY | NO_HEADERS);
}

/* Several requests on one connection (one accept in the script). */
static void reuse(void)
{
    static const char *const script[] = {
        "accept", "read", OK11, "read", OK11,
        "read", "send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nch\r\n0\r\n\r\n",
        "read", "send HTTP/1.1 204 No Content\r\n\r\n",
        "read", "send HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", /* HEAD */
        "read", "send HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope",
        "read", OK11, "drain", NULL,
    };
    struct srv s;
    ne_session *sess = start(&s, "reuse", script);

    get(sess, "/1");
    get(sess, "/2");
    get(sess, "/chunked");
    get(sess, "/204");
    get(sess, "/304");
    run_request(sess, "HEAD", "/head", SHOW_BODY | NO_HEADERS);
    get(sess, "/404");
    get(sess, "/last");
    finish(&s, sess);
}

/* Responses that end the connection: Connection: close, HTTP/1.0 without
 * keep-alive, EOF-delimited bodies. The "drain" after each response shows
 * the client closed its end. Connection tokens apply in order. */
static void closing(void)
{
    static const char *const script[] = {
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nc1", "drain",
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: CLOSE\r\n\r\nc2", "drain",
        "accept", "read", "send HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nc3", "drain",
        "accept", "read", "send HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: Keep-Alive\r\n\r\nk1",
        "read", "send HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\neof", "close",
        "accept", "read", "send HTTP/1.1 200 OK\r\n\r\neof11", "close",
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive, close\r\n\r\nc4", "drain",
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close, keep-alive\r\n\r\nk2",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: foo,  close \r\n\r\nc5", "drain",
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: closed\r\n\r\nk3",
        "read", "send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\nc6\r\n0\r\n\r\n",
        "drain", NULL,
    };
    struct srv s;
    ne_session *sess = start(&s, "closing", script);

    get(sess, "/conn-close");
    get(sess, "/conn-CLOSE");
    get(sess, "/http10");
    get(sess, "/http10-keepalive");
    get(sess, "/http10-keepalive-eof");
    get(sess, "/http11-eof");
    get(sess, "/keep-alive-then-close");
    get(sess, "/close-then-keep-alive");
    get(sess, "/foo-close");
    get(sess, "/closed-is-not-close");
    get(sess, "/chunked-close");
    finish(&s, sess);
}

static void headers_fn(ne_session *sess, const char *path)
{
    ne_request *req = ne_request_create(sess, "GET", path);
    int ret = ne_begin_request(req);

    printf("GET %s\n", path);
    if (ret == NE_OK) {
        print_headers(req);
        ret = ne_discard_response(req);
        if (ret == NE_OK) ret = ne_end_request(req);
    }
    print_result("result", sess, ret);
    ne_request_destroy(req);
}

/* For HTTP/1.0 responses the headers named in Connection are removed
 * (not "connection" itself); HTTP/1.1 responses keep them. */
static void connection_tokens(void)
{
    static const char *const script[] = {
        "accept", "read",
        "send HTTP/1.0 200 OK\r\nConnection: keep-alive, X-Hop, Connection, x-other\r\n"
        "X-Hop: 1\r\nX-Other: 2\r\nX-Kept: 3\r\nContent-Length: 0\r\n\r\n",
        "read",
        "send HTTP/1.1 200 OK\r\nConnection: X-Hop\r\nX-Hop: 1\r\nContent-Length: 0\r\n\r\n",
        "drain", NULL,
    };
    struct srv s;
    ne_session *sess = start(&s, "connection tokens", script);

    headers_fn(sess, "/10");
    headers_fn(sess, "/11");
    finish(&s, sess);
}

static void close_hook(void *ud)
{
    printf("close_conn hook %s\n", (const char *)ud);
}

/* ne_close_connection between requests: the next request reconnects. */
static void explicit_close(void)
{
    static const char *const script[] = {
        "accept", "read", OK11, "drain",
        "accept", "read", OK11, "drain", NULL,
    };
    struct srv s;
    ne_session *sess = start(&s, "ne_close_connection", script);

    ne_hook_close_conn(sess, close_hook, "a");
    get(sess, "/before");
    printf("close_connection\n");
    ne_close_connection(sess);
    printf("close_connection again\n");
    ne_close_connection(sess);
    get(sess, "/after");
    finish(&s, sess);
}

/* The persisted connection was closed by the server (after reading the
 * next request, or before it arrives): the request is re-sent once on a
 * new connection, transparently. */
static void retry(void)
{
    static const char *const script[] = {
        "accept", "read", R11(3, "one"), "read", "close",  /* FIN after reading */
        "accept", "read", R11(3, "two"), "read", "reset",  /* RST after reading */
        "accept", "read", R11(5, "three"), "close",        /* closed while idle */
        "accept", "read", R11(4, "four"),
        "drain", NULL,
    };
    struct srv s;
    ne_session *sess = start(&s, "retry", script);

    get(sess, "/1");
    get(sess, "/2-retried-after-fin");
    get(sess, "/3-retried-after-rst");
    get(sess, "/4-retried-after-idle-close");
    finish(&s, sess);
}

/* A provider body is rewound for the retry; pre_send hooks are not run
 * again for it. */
static int provider_calls;

static ssize_t provider(void *ud, char *buf, size_t len)
{
    int *pos = ud;

    provider_calls++;
    printf("  provider(%zu)\n", len);
    if (len == 0) {
        *pos = 0;
        return 0;
    }
    if (*pos >= 1) return 0;
    memcpy(buf, "BODY", 4);
    *pos = 1;
    return 4;
}

static void pre_send(ne_request *req, void *ud, ne_buffer *header)
{
    (void)req;
    (void)header;
    printf("  pre_send %s\n", (const char *)ud);
}

static void retry_body(void)
{
    static const char *const script[] = {
        "accept", "read", OK11, "read", "close",
        "accept", "read", OK11, "read", "close",
        "accept", "read", OK11,
        "drain", NULL,
    };
    struct srv s;
    ne_session *sess = start(&s, "retry with bodies", script);
    ne_request *req;
    int pos = 0;

    ne_hook_pre_send(sess, pre_send, "hook");
    get(sess, "/first");

    printf("PUT /provider\n");
    req = ne_request_create(sess, "PUT", "/provider");
    ne_set_request_body_provider(req, 4, provider, &pos);
    print_result("dispatch", sess, ne_request_dispatch(req));
    printf("provider calls %d\n", provider_calls);
    ne_request_destroy(req);

    printf("PUT /buffer\n");
    req = ne_request_create(sess, "PUT", "/buffer");
    ne_set_request_body_buffer(req, "buffered", 8);
    print_result("dispatch", sess, ne_request_dispatch(req));
    ne_request_destroy(req);
    finish(&s, sess);
}

/* Failures that are not retried: the retry connection fails as well; the
 * connection broke after the status line; after an interim response; on a
 * fresh (not persisted) connection. */
static void no_retry(void)
{
    static const char *const script[] = {
        "accept", "read", OK11, "read", "close",
        "accept", "read", "close",                                   /* retry fails too */
        "accept", "read", OK11, "read", "send HTTP/1.1 200 OK\r\n", "close", /* after status line */
        "accept", "read", OK11, "read", "send HTTP/1.1 100 Continue\r\n\r\n", "close", /* after 1xx */
        "accept", "read", "close",                                   /* fresh connection */
        "accept", "read", OK11, "read", "send HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "close",
        NULL,
    };
    struct srv s;
    ne_session *sess = start(&s, "not retried", script);

    get(sess, "/a");
    get(sess, "/retry-fails-too");
    get(sess, "/b");
    get(sess, "/after-status-line");
    get(sess, "/c");
    get(sess, "/after-interim");
    get(sess, "/fresh-connection");
    get(sess, "/d");
    get(sess, "/truncated-body");
    finish(&s, sess);
}

/* Non-idempotent requests never go out on a persisted connection (it is
 * closed first), unless NE_SESSFLAG_CONNAUTH is set. */
static void non_idempotent(void)
{
    static const char *const script[] = {
        "accept", "read", OK11, "drain",
        "accept", "read", OK11, "read", OK11, "drain",
        "accept", "read", OK11, "read", OK11, "read", OK11,
        "drain", NULL,
    };
    struct srv s;
    ne_session *sess = start(&s, "non-idempotent", script);
    ne_request *req;

    get(sess, "/idempotent");
    req = ne_request_create(sess, "POST", "/non-idempotent");
    ne_set_request_flag(req, NE_REQFLAG_IDEMPOTENT, 0);
    printf("POST /non-idempotent (flag %d)\n", ne_get_request_flag(req, NE_REQFLAG_IDEMPOTENT));
    print_result("dispatch", sess, ne_request_dispatch(req));
    ne_request_destroy(req);
    get(sess, "/reused-after-post");

    ne_close_connection(sess);
    req = ne_request_create(sess, "POST", "/non-idempotent-fresh");
    ne_set_request_flag(req, NE_REQFLAG_IDEMPOTENT, 0);
    printf("POST /non-idempotent-fresh\n");
    print_result("dispatch", sess, ne_request_dispatch(req));
    ne_request_destroy(req);

    ne_set_session_flag(sess, NE_SESSFLAG_CONNAUTH, 1);
    req = ne_request_create(sess, "POST", "/non-idempotent-connauth");
    ne_set_request_flag(req, NE_REQFLAG_IDEMPOTENT, 0);
    printf("POST /non-idempotent-connauth\n");
    print_result("dispatch", sess, ne_request_dispatch(req));
    ne_request_destroy(req);
    get(sess, "/last");
    finish(&s, sess);
}

/* Persistence is decided at ne_begin_request: a "Connection: close" in the
 * chunked trailer does not close. A body the caller never read stays on
 * the connection and is taken as leading garbage of the next status line
 * (which 0.32.5 skips). */
static void late_and_leftover(void)
{
    static const char *const script[] = {
        "accept", "read",
        "send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nConnection: close\r\n\r\n",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nunread",
        "read", OK11, "drain", NULL,
    };
    struct srv s;
    ne_session *sess = start(&s, "trailer Connection: close, unread body", script);
    ne_request *req;
    int ret;

    get(sess, "/trailer-close");
    printf("GET /body-not-read\n");
    req = ne_request_create(sess, "GET", "/body-not-read");
    ret = ne_begin_request(req);
    if (ret == NE_OK) ret = ne_end_request(req);
    print_result("begin+end without reading", sess, ret);
    ne_request_destroy(req);
    run_request(sess, "GET", "/after-unread", SHOW_BODY);
    finish(&s, sess);
}

/* Through an HTTP/1.0 proxy: "Proxy-Connection: keep-alive" keeps the
 * connection only with NE_SESSFLAG_CONNAUTH, and not when Connection:
 * close forces closure. */
static void proxy_keepalive(void)
{
    static const char *const script[] = {
        "accept", "read", "send HTTP/1.0 200 OK\r\nProxy-Connection: keep-alive\r\nContent-Length: 1\r\n\r\n1",
        "drain",
        "accept", "read", "send HTTP/1.0 200 OK\r\nProxy-Connection: Keep-Alive\r\nContent-Length: 1\r\n\r\n2",
        "read", "send HTTP/1.0 200 OK\r\nProxy-Connection: keep-alive\r\nConnection: close\r\nContent-Length: 1\r\n\r\n3",
        "drain",
        "accept", "read", "send HTTP/1.0 200 OK\r\nProxy-Connection: close\r\nContent-Length: 1\r\n\r\n4",
        "drain", NULL,
    };
    struct srv s;
    ne_session *sess;

    printf("== HTTP/1.0 proxy keep-alive\n");
    srv_start(&s, script);
    sess = ne_session_create("http", "origin.example", 80);
    ne_set_read_timeout(sess, 10);
    ne_session_proxy(sess, "127.0.0.1", (unsigned)s.port);
    ne_set_notifier(sess, print_notifier, NULL);
    get(sess, "/no-connauth");
    ne_set_session_flag(sess, NE_SESSFLAG_CONNAUTH, 1);
    get(sess, "/connauth");
    get(sess, "/connauth-but-close");
    get(sess, "/proxy-connection-close");
    finish(&s, sess);
}

int main(void)
{
    reuse();
    closing();
    connection_tokens();
    explicit_close();
    retry();
    retry_body();
    no_retry();
    non_idempotent();
    late_and_leftover();
    proxy_keepalive();
    return 0;
}
