/* neon 0.36's ne_read_response_to_buffer and ne_getbuf, neon 0.33's
 * ne_putbuf: bodies that fit exactly, with room to spare, or not at all
 * (NE_FAILED, "Response buffer size too small", the length left alone),
 * zero-sized buffers, empty, chunked and EOF-delimited bodies, bodies cut
 * short, body readers seeing what the buffer gets, non-2xx responses and
 * what the server receives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>
#include <ne_basic.h>

#include "harness.h"

static int reader(void *ud, const char *buf, size_t len)
{
    (void)ud;
    printf("    reader got %zu byte(s)", len);
    if (len) {
        printf(": [");
        print_escaped(buf, len);
        printf("]");
    }
    printf("\n");
    return 0;
}

static void show_buf(const char *buf, size_t cap, size_t len)
{
    printf("  buffer: [");
    print_escaped(buf, len < cap ? len : cap);
    printf("]\n");
}

/* ne_begin_request, ne_read_response_to_buffer with a buffer of cap bytes,
 * ne_end_request, against one canned response. */
static void to_buffer(const char *label, const char *response, size_t cap, int with_reader)
{
    char *send = directive("send", response);
    const char *script[] = { "accept", "read", send, "close", NULL };
    struct srv s;
    ne_session *sess;
    ne_request *req;
    char buf[64];
    size_t len = cap;
    int ret;

    printf("== to_buffer %s, buffer %zu%s\n", label, cap, with_reader ? ", with a reader" : "");
    srv_start(&s, script);
    s.quiet = 1;
    sess = test_session(s.port);
    req = ne_request_create(sess, "GET", "/b");
    if (with_reader) ne_add_response_body_reader(req, ne_accept_always, reader, NULL);
    memset(buf, '.', sizeof buf);
    ret = ne_begin_request(req);
    printf("  begin: %s\n", ret_name(ret));
    if (ret == NE_OK) {
        ret = ne_read_response_to_buffer(req, buf, &len);
        printf("  read_response_to_buffer: %s, length %zu ", ret_name(ret), len);
        print_str("error", ne_get_error(sess));
        show_buf(buf, sizeof buf, cap);
        if (ret == NE_OK) {
            ret = ne_end_request(req);
            printf("  end: %s\n", ret_name(ret));
        }
    }
    ne_request_destroy(req);
    ne_session_destroy(sess);
    srv_finish(&s);
    free(send);
}

#define OK10 "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"
#define CHUNKED10 "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n0123\r\n6\r\n456789\r\n0\r\n\r\n"
#define EOF10 "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n0123456789"

/* ne_getbuf of a sequence of responses on one session, each with its own
 * buffer size; then the server log. */
static void getbufs(void)
{
    static const struct { const char *response; size_t cap; } cases[] = {
        { OK10, 10 },
        { OK10, 64 },
        { OK10, 9 },
        { "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0 },
        { "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 8 },
        { CHUNKED10, 10 },
        { CHUNKED10, 5 },
        { "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found", 64 },
        { "HTTP/1.1 500 Oops\r\nContent-Length: 40\r\n\r\n0123456789012345678901234567890123456789", 4 },
        { "HTTP/1.1 204 No Content\r\n\r\n", 8 },
        { EOF10, 10 },
    };
    const char *script[64];
    char *sends[16];
    struct srv s;
    ne_session *sess;
    size_t i, n = 0, ns = 0;

    printf("== getbuf\n");
    /* A failed ne_getbuf closes the connection, as does Connection: close:
     * the server expects a new connection after those. */
    script[n++] = "accept";
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sends[ns] = directive("send", cases[i].response);
        script[n++] = "read";
        script[n++] = sends[ns++];
        if (i == 2 || i == 6 || i == 10) {
            script[n++] = "close";
            if (i != 10) script[n++] = "accept";
        }
    }
    script[n] = NULL;
    srv_start(&s, script);
    sess = test_session(s.port);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        size_t len = cases[i].cap;
        int ret;

        memset(buf, '.', sizeof buf);
        ret = ne_getbuf(sess, "/g", buf, &len);
        printf("  getbuf(%zu): %s, length %zu ", cases[i].cap, ret_name(ret), len);
        print_str("error", ne_get_error(sess));
        show_buf(buf, sizeof buf, cases[i].cap);
    }
    ne_session_destroy(sess);
    srv_finish(&s);
    for (i = 0; i < ns; i++) free(sends[i]);
}

static void putbufs(void)
{
    static const char big[] = "x";
    const char *script[] = {
        "accept",
        "read", "send HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
        "read", "send HTTP/1.1 204 No Content\r\n\r\n",
        "read", "send HTTP/1.1 403 Forbidden\r\nContent-Length: 4\r\n\r\nnope",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        "close", NULL,
    };
    struct srv s;
    ne_session *sess;
    char binary[300];
    int i;

    for (i = 0; i < (int)sizeof binary; i++) binary[i] = (char)(i & 0xff);
    printf("== putbuf\n");
    srv_start(&s, script);
    sess = test_session(s.port);
    print_result("  putbuf text", sess, ne_putbuf(sess, "/p/text", "hello world", 11));
    print_result("  putbuf empty", sess, ne_putbuf(sess, "/p/empty", NULL, 0));
    print_result("  putbuf forbidden", sess, ne_putbuf(sess, "/p/no", big, 1));
    print_result("  putbuf binary", sess, ne_putbuf(sess, "/p/bin", binary, sizeof binary));
    ne_session_destroy(sess);
    srv_finish(&s);
}

int main(void)
{
    to_buffer("exact fit", OK10, 10, 0);
    to_buffer("room to spare", OK10, 64, 0);
    to_buffer("one byte short", OK10, 9, 0);
    to_buffer("one byte short", OK10, 9, 1);
    to_buffer("far too small", OK10, 1, 1);
    to_buffer("zero-sized buffer", OK10, 0, 1);
    to_buffer("empty body", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 4, 1);
    to_buffer("empty body, zero-sized buffer", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0, 0);
    to_buffer("chunked exact fit", CHUNKED10, 10, 1);
    to_buffer("chunked too small", CHUNKED10, 6, 0);
    to_buffer("until EOF", EOF10, 10, 0);
    to_buffer("until EOF, too small", EOF10, 7, 0);
    to_buffer("body cut short", "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n0123456789", 64, 0);
    to_buffer("body cut short, buffer filled", "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n0123456789", 10, 0);
    to_buffer("HEAD-like 304", "HTTP/1.1 304 Not Modified\r\n\r\n", 8, 0);
    getbufs();
    putbufs();
    return 0;
}
