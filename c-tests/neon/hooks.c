/* Hooks (ne_hook_* / ne_unhook_*), request privates and the notifier /
 * progress callbacks: which run, in which order, with which arguments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>
#include <ne_string.h>

#include "harness.h"

static int port; /* of the current server, for printing request heads */

static void h_create(ne_request *req, void *ud, const char *method, const char *target)
{
    printf("  create_request %s: %s %s", (const char *)ud, method, target);
    printf(" status code %d\n", ne_get_status(req)->code);
}

/* pre_send gets the request head built so far; it may append headers. */
static void h_pre_send(ne_request *req, void *ud, ne_buffer *header)
{
    char line[64];

    (void)req;
    printf("  pre_send %s: ", (const char *)ud);
    print_str_port("head so far", header->data, port);
    snprintf(line, sizeof line, "X-Hook-%s: 1\r\n", (const char *)ud);
    ne_buffer_zappend(header, line);
}

static void h_post_headers(ne_request *req, void *ud, const ne_status *st)
{
    printf("  post_headers %s: %d.%d %d [%s] same as ne_get_status %d, x-h=%s\n",
           (const char *)ud, st->major_version, st->minor_version, st->code,
           st->reason_phrase, st == ne_get_status(req),
           ne_get_response_header(req, "X-H") ? ne_get_response_header(req, "X-H") : "(null)");
}

static int post_send_ret[4]; /* per hook index: what to return (once, then NE_OK) */

static int h_post_send(ne_request *req, void *ud, const ne_status *st)
{
    int idx = *(const char *)ud - 'a';
    int ret = post_send_ret[idx];

    printf("  post_send %s: %d [%s] same %d -> %s\n", (const char *)ud, st->code,
           st->reason_phrase, st == ne_get_status(req), ret_name(ret));
    if (ret == NE_ERROR) ne_set_error(ne_get_session(req), "post_send %s failed", (const char *)ud);
    post_send_ret[idx] = NE_OK;
    return ret;
}

static void h_destroy_req(ne_request *req, void *ud)
{
    void *priv = ne_get_request_private(req, "id");
    printf("  destroy_request %s: private %s\n", (const char *)ud, priv ? (const char *)priv : "NULL");
}

static void h_destroy_sess(void *ud)
{
    printf("  destroy_session %s\n", (const char *)ud);
}

static void h_close_conn(void *ud)
{
    printf("  close_conn %s\n", (const char *)ud);
}

static int acceptor(void *ud, ne_request *req, const ne_status *st)
{
    (void)req;
    printf("  acceptor %s: %d\n", (const char *)ud, st->code);
    return 1;
}

static int reader(void *ud, const char *buf, size_t len)
{
    (void)buf;
    printf("  reader %s: %zu\n", (const char *)ud, len);
    return 0;
}

static void request(ne_session *sess, const char *method, const char *path)
{
    ne_request *req;
    int ret;

    printf("%s %s\n", method, path);
    req = ne_request_create(sess, method, path);
    ne_add_response_body_reader(req, acceptor, reader, "r");
    ret = ne_request_dispatch(req);
    print_result("dispatch", sess, ret);
    ne_request_destroy(req);
}

static void register_all(ne_session *sess, const char *ud)
{
    ne_hook_create_request(sess, h_create, (void *)ud);
    ne_hook_pre_send(sess, h_pre_send, (void *)ud);
    ne_hook_post_headers(sess, h_post_headers, (void *)ud);
    ne_hook_post_send(sess, h_post_send, (void *)ud);
    ne_hook_destroy_request(sess, h_destroy_req, (void *)ud);
    ne_hook_destroy_session(sess, h_destroy_sess, (void *)ud);
    ne_hook_close_conn(sess, h_close_conn, (void *)ud);
}

static void unregister_all(ne_session *sess, const char *ud)
{
    ne_unhook_create_request(sess, h_create, (void *)ud);
    ne_unhook_pre_send(sess, h_pre_send, (void *)ud);
    ne_unhook_post_headers(sess, h_post_headers, (void *)ud);
    ne_unhook_post_send(sess, h_post_send, (void *)ud);
    ne_unhook_destroy_request(sess, h_destroy_req, (void *)ud);
    ne_unhook_destroy_session(sess, h_destroy_sess, (void *)ud);
    ne_unhook_close_conn(sess, h_close_conn, (void *)ud);
}

#define OK11 "send HTTP/1.1 200 OK\r\nX-H: v\r\nContent-Length: 2\r\n\r\nok"

/* All hook kinds in registration order; duplicates run twice; unhooking
 * removes the first entry matching function and userdata. */
static void order(void)
{
    static const char *const script[] = {
        "accept", "read", OK11, "read", OK11, "read", OK11, "drain", NULL,
    };
    struct srv s;
    ne_session *sess;

    printf("== order\n");
    srv_start(&s, script);
    port = s.port;
    sess = test_session(s.port);
    register_all(sess, "a");
    register_all(sess, "b");
    register_all(sess, "a");
    request(sess, "GET", "/three-sets");
    unregister_all(sess, "a"); /* removes the first "a" */
    request(sess, "GET", "/b-then-a");
    unregister_all(sess, "c"); /* not registered: no effect */
    unregister_all(sess, "a");
    request(sess, "GET", "/b-only");
    printf("destroy\n");
    ne_session_destroy(sess);
    srv_finish(&s);
}

/* post_send results: NE_RETRY makes ne_request_dispatch send the request
 * again (pre_send and post_headers run again, create_request does not); an
 * error stops the remaining post_send hooks and becomes the result. */
static void post_send_results(void)
{
    static const char *const script[] = {
        "accept", "read", OK11, "read", OK11,
        "read", OK11, "read", OK11, "read", OK11, "read", OK11, "drain", NULL,
    };
    struct srv s;
    ne_session *sess;
    ne_request *req;
    int ret;

    printf("== post_send results\n");
    srv_start(&s, script);
    port = s.port;
    sess = test_session(s.port);
    ne_hook_pre_send(sess, h_pre_send, "a");
    ne_hook_post_headers(sess, h_post_headers, "a");
    ne_hook_post_send(sess, h_post_send, "a");
    ne_hook_post_send(sess, h_post_send, "b");
    ne_hook_create_request(sess, h_create, "a");

    post_send_ret[1] = NE_RETRY;
    request(sess, "GET", "/retry");

    post_send_ret[0] = NE_ERROR;
    request(sess, "GET", "/error-stops-b");

    post_send_ret[1] = NE_AUTH;
    request(sess, "GET", "/auth");

    post_send_ret[0] = NE_REDIRECT;
    request(sess, "GET", "/redirect");

    /* the long way: ne_end_request returns the hook's NE_RETRY */
    post_send_ret[1] = NE_RETRY;
    printf("GET /begin-end\n");
    req = ne_request_create(sess, "GET", "/begin-end");
    ret = ne_begin_request(req);
    if (ret == NE_OK) ret = ne_discard_response(req);
    if (ret == NE_OK) ret = ne_end_request(req);
    print_result("end_request", sess, ret);
    ne_request_destroy(req);
    ne_session_destroy(sess);
    srv_finish(&s);
}

static void h_self_unhook(ne_request *req, void *ud)
{
    (void)req;
    printf("  destroy_request %s unhooks itself\n", (const char *)ud);
    ne_unhook_destroy_request(ne_get_session(req), h_self_unhook, ud);
}

/* Request privates (first id match wins) and destroy hooks that unhook
 * themselves; hooks on a request that is never sent. */
static void privates(void)
{
    ne_session *sess = ne_session_create("http", "127.0.0.1", 1);
    ne_request *req;
    int a, b;

    printf("== request privates\n");
    ne_hook_destroy_request(sess, h_self_unhook, "x");
    ne_hook_destroy_request(sess, h_destroy_req, "d");
    ne_hook_create_request(sess, h_create, "c");
    req = ne_request_create(sess, "DELETE", "/p");
    printf("unset: %s\n", ne_get_request_private(req, "k") ? "non-NULL" : "NULL");
    ne_set_request_private(req, "k", &a);
    ne_set_request_private(req, "k", &b);
    ne_set_request_private(req, "id", "value");
    printf("k is a: %d, k is b: %d\n", ne_get_request_private(req, "k") == &a,
           ne_get_request_private(req, "k") == &b);
    printf("session private with same id: %s\n", ne_get_session_private(sess, "k") ? "non-NULL" : "NULL");
    ne_request_destroy(req);
    printf("second request\n");
    req = ne_request_create(sess, "GET", "/q");
    ne_request_destroy(req);
    ne_session_destroy(sess);
}

/* Notifier events and payloads for bodies of known and unknown length,
 * and ne_set_progress (progress replaces the notifier and vice versa). */
static void progress(void *ud, ne_off_t prog, ne_off_t total)
{
    printf("  progress %s: %lld/%lld\n", (const char *)ud, (long long)prog, (long long)total);
}

static ssize_t chunk_provider(void *ud, char *buf, size_t len)
{
    int *n = ud;

    if (len == 0) {
        *n = 0;
        return 0;
    }
    if (*n == 3) return 0;
    (*n)++;
    memset(buf, 'p', 100);
    return 100;
}

static void notifier(void)
{
    static const char *const script[] = {
        "accept",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde",
        "read", "send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n3\r\ncde\r\n0\r\n\r\n",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nxyz",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nxyz",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nxyz",
        "read", "send HTTP/1.1 200 OK\r\n\r\nuntil eof", "close",
        NULL,
    };
    struct srv s;
    ne_session *sess;
    ne_request *req;
    char *body = malloc(20000);
    int n = 0;

    printf("== notifier\n");
    memset(body, 'b', 20000);
    srv_start(&s, script);
    port = s.port;
    sess = test_session(s.port);
    ne_set_notifier(sess, print_notifier, "N");

    printf("PUT 20000 bytes, content-length response\n");
    req = ne_request_create(sess, "PUT", "/known");
    ne_set_request_body_buffer(req, body, 20000);
    print_result("dispatch", sess, ne_request_dispatch(req));
    ne_request_destroy(req);

    printf("POST chunked, chunked response\n");
    req = ne_request_create(sess, "POST", "/chunked");
    ne_set_request_body_provider(req, -1, chunk_provider, &n);
    print_result("dispatch", sess, ne_request_dispatch(req));
    ne_request_destroy(req);

    ne_set_progress(sess, progress, "P");
    printf("PUT with progress\n");
    req = ne_request_create(sess, "PUT", "/progress");
    ne_set_request_body_buffer(req, body, 10000);
    print_result("dispatch", sess, ne_request_dispatch(req));
    ne_request_destroy(req);

    ne_set_progress(sess, NULL, NULL);
    printf("GET with progress cleared\n");
    req = ne_request_create(sess, "GET", "/cleared");
    print_result("dispatch", sess, ne_request_dispatch(req));
    ne_request_destroy(req);

    ne_set_progress(sess, progress, "P2");
    ne_set_notifier(sess, print_notifier, "N2");
    printf("GET with notifier after progress\n");
    req = ne_request_create(sess, "GET", "/notifier-again");
    print_result("dispatch", sess, ne_request_dispatch(req));
    ne_request_destroy(req);

    printf("GET EOF-delimited\n");
    req = ne_request_create(sess, "GET", "/eof");
    print_result("dispatch", sess, ne_request_dispatch(req));
    ne_request_destroy(req);
    printf("destroy\n");
    ne_session_destroy(sess);
    srv_finish(&s);
    free(body);
}

int main(void)
{
    order();
    post_send_results();
    privates();
    notifier();
    return 0;
}
