/* Malformed responses and misbehaving servers. For each case: the ne_*
 * result, the session error string, and that a following request on the
 * same session succeeds (on a new connection, as every error closes the
 * broken one). Each case uses a fresh session, so nothing is retried. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ne_session.h>
#include <ne_request.h>

#include "harness.h"

#define OK "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"

/* Runs one bad exchange: the server accepts, reads the request and follows
 * `dirs` (NULL-terminated) and then "drain" (waits for the client to close
 * the broken connection; not after "reset"); then serves one good response
 * on a new connection. Responses that turn out to be acceptable carry
 * "Connection: close" so that the good request needs a new connection too.
 * timeout: read timeout for the session (0: the default 10). */
static void bad(const char *label, const char *const *dirs, int timeout)
{
    const char *script[64];
    size_t n = 0;
    struct srv s;
    ne_session *sess;

    script[n++] = "accept";
    script[n++] = "read";
    while (*dirs && n < 58) script[n++] = *dirs++;
    if (strcmp(script[n - 1], "reset") != 0) script[n++] = "drain";
    script[n++] = "accept";
    script[n++] = "read";
    script[n++] = OK;
    script[n++] = "drain";
    script[n] = NULL;

    printf("== %s\n", label);
    srv_start(&s, script);
    s.quiet = 1;
    sess = test_session(s.port);
    if (timeout) ne_set_read_timeout(sess, timeout);
    run_request(sess, "GET", "/bad", SHOW_BODY);
    run_request(sess, "GET", "/good", SHOW_BODY | NO_HEADERS);
    ne_session_destroy(sess);
    if (srv_finish(&s)) printf("server script did not complete\n");
}

/* One-directive convenience: send `text` and wait for the client to close. */
static void bad_send(const char *label, const char *text)
{
    char *d = directive("send", text);
    const char *dirs[] = { d, NULL };

    bad(label, dirs, 0);
    free(d);
}

/* Status line and header section errors. */
static void heads(void)
{
    static const char *const eof_after_status[] = { "send HTTP/1.1 200 OK\r\n", "shutwr", NULL };
    static const char *const eof_in_header[] = { "send HTTP/1.1 200 OK\r\nX-Foo: ba", "shutwr", NULL };
    static const char *const eof_in_status[] = { "send HTTP/1.1 200", "shutwr", NULL };
    static const char *const nothing[] = { "shutwr", NULL };
    static const char *const reset[] = { "reset", NULL };
    static const char *const eof_interim[] = { "send HTTP/1.1 100 Continue\r\nX: y", "shutwr", NULL };
    static const char *const long_status[] = { "send HTTP/1.1 200 ", "sendfile 5000 s", "send \r\n\r\n", NULL };
    static const char *const long_header[] = {
        "send HTTP/1.1 200 OK\r\nX-Long: ", "sendfile 5000 a", "send \r\nContent-Length: 0\r\n\r\n", NULL };
    static const char *const header_4094[] = {
        "send HTTP/1.1 200 OK\r\nX-Long: ", "sendfile 4084 a", "send \r\nContent-Length: 0\r\nConnection: close\r\n\r\n", NULL };
    static const char *const header_4095[] = {
        "send HTTP/1.1 200 OK\r\nX-Long: ", "sendfile 4085 a", "send \r\nContent-Length: 0\r\nConnection: close\r\n\r\n", NULL };
    static const char *const long_folded[] = {
        "send HTTP/1.1 200 OK\r\nX-Folded: ", "sendfile 3000 a",
        "send \r\n ", "sendfile 3000 b", "send \r\n ", "sendfile 3000 c",
        "send \r\nContent-Length: 0\r\n\r\n", NULL };
    static const char *const folded_fits[] = {
        "send HTTP/1.1 200 OK\r\nX-Folded: ", "sendfile 3000 a",
        "send \r\n ", "sendfile 3000 b", "send \r\nContent-Length: 0\r\nConnection: close\r\n\r\n", NULL };
    char *hdrs;
    int count;

    bad_send("garbage status line", "FOO BAR BAZ\r\n\r\n");
    bad_send("empty status line", "\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    bad_send("status code too short", "HTTP/1.1 20 OK\r\n\r\n");
    bad_send("binary junk", "\x01\x02\x03\xff\r\n\r\n");
    bad("EOF after status line", eof_after_status, 0);
    bad("EOF inside a header", eof_in_header, 0);
    bad("EOF inside the status line", eof_in_status, 0);
    bad("EOF before any response", nothing, 0);
    bad("reset before any response", reset, 0);
    bad("EOF in interim response headers", eof_interim, 0);
    bad("status line too long", long_status, 0);
    bad("header line too long", long_header, 0);
    bad("header line of 4094 bytes + CRLF", header_4094, 0);
    bad("header line of 4095 bytes + CRLF", header_4095, 0);
    bad("folded header too long", long_folded, 0);
    bad("folded header within limit", folded_fits, 0);
    /* endless short continuation lines: the 8192-byte header buffer fills */
    hdrs = malloc(5000 * 4 + 64);
    strcpy(hdrs, "HTTP/1.1 200 OK\r\nX-Folded: x\r\n");
    for (count = 0; count < 5000; count++) strcat(hdrs + strlen(hdrs) - 4, " x\r\n");
    bad_send("unbounded folding", hdrs);
    free(hdrs);

    /* the header field count limit */
    hdrs = malloc(100 * 16 + 64);
    for (count = 98; count <= 101; count++) {
        char label[64];
        int i;
        strcpy(hdrs, "HTTP/1.1 200 OK\r\n");
        for (i = 0; i < count; i++)
            sprintf(hdrs + strlen(hdrs), "X-H%d: %d\r\n", i, i);
        strcat(hdrs, "\r\n"); /* no Content-Length: EOF body, server closes */
        snprintf(label, sizeof label, "%d header fields", count);
        {
            char *d = directive("send", hdrs);
            const char *dirs[] = { d, "shutwr", NULL };
            bad(label, dirs, 0);
            free(d);
        }
    }
    free(hdrs);
}

/* Too many interim responses: 127 are skipped, the 128th is an error. */
static void interims(void)
{
    char *many = malloc(128 * 30 + 64);
    int n;

    for (n = 127; n <= 128; n++) {
        char label[64];
        int i;
        many[0] = '\0';
        for (i = 0; i < n; i++) strcat(many, "HTTP/1.1 100 Continue\r\n\r\n");
        strcat(many, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi");
        snprintf(label, sizeof label, "%d interim responses", n);
        bad_send(label, many);
    }
    free(many);
}

/* Message-length errors. */
static void lengths(void)
{
    static const char *const cls[] = {
        "abc", "-1", "12abc", "", "99999999999999999999", "+5", "5, 5", "0x10", "5 5",
    };
    static const char *const tes[] = { "gzip", "gzip, chunked", "chunked, gzip", "chunked;q=1", "" };
    static const char *const trunc_cl[] = {
        "send HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "shutwr", NULL };
    static const char *const trunc_chunk[] = {
        "send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", "shutwr", NULL };
    static const char *const trunc_size[] = {
        "send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n", "shutwr", NULL };
    static const char *const trunc_size_line[] = {
        "send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5", "shutwr", NULL };
    static const char *const trunc_delim[] = {
        "send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc", "shutwr", NULL };
    static const char *const trunc_delim2[] = {
        "send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r", "shutwr", NULL };
    static const char *const trunc_trailer[] = {
        "send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: 1", "shutwr", NULL };
    static const char *const reset_body[] = {
        "send HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "sleep 100", "reset", NULL };
    char buf[256], label[64];
    size_t i;

    for (i = 0; i < sizeof cls / sizeof cls[0]; i++) {
        snprintf(buf, sizeof buf, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: %s\r\n\r\nhello",
                 cls[i]);
        snprintf(label, sizeof label, "content-length [%s]", cls[i]);
        bad_send(label, buf);
    }
    bad_send("two equal content-lengths",
             "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello");
    for (i = 0; i < sizeof tes / sizeof tes[0]; i++) {
        snprintf(buf, sizeof buf, "HTTP/1.1 200 OK\r\nTransfer-Encoding: %s\r\n\r\n0\r\n\r\n", tes[i]);
        snprintf(label, sizeof label, "transfer-encoding [%s]", tes[i]);
        bad_send(label, buf);
    }
    bad_send("bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n");
    bad_send("empty chunk size line", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n0\r\n\r\n");
    bad_send("negative chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\nab\r\n0\r\n\r\n");
    bad_send("chunk size over UINT_MAX",
             "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n100000000\r\nab\r\n0\r\n\r\n");
    bad_send("chunk size with junk after digits",
             "HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
             "2zz\r\nab\r\n0\r\n\r\n");
    bad_send("bad chunk delimiter", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXY0\r\n\r\n");
    bad_send("chunk delimiter LF only", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\n0\r\n\r\n");
    bad("truncated content-length body", trunc_cl, 0);
    bad("truncated chunk data", trunc_chunk, 0);
    bad("EOF before chunk size", trunc_size, 0);
    bad("EOF inside chunk size line", trunc_size_line, 0);
    bad("EOF before chunk delimiter", trunc_delim, 0);
    bad("EOF inside chunk delimiter", trunc_delim2, 0);
    bad("EOF inside trailer", trunc_trailer, 0);
    bad("reset inside body", reset_body, 0);
}

/* Read timeouts (1 s): the server answers nothing, or stalls mid-way. */
static void timeouts(void)
{
    static const char *const silent[] = { NULL };
    static const char *const mid_status[] = { "send HTTP/1.1 2", NULL };
    static const char *const mid_headers[] = { "send HTTP/1.1 200 OK\r\nX-A: 1\r\n", NULL };
    static const char *const mid_body[] = { "send HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", NULL };
    static const char *const mid_chunked[] = {
        "send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", NULL };
    static const char *const mid_eof_body[] = { "send HTTP/1.1 200 OK\r\n\r\nabc", NULL };

    bad("timeout waiting for status line", silent, 1);
    bad("timeout inside status line", mid_status, 1);
    bad("timeout inside headers", mid_headers, 1);
    bad("timeout inside content-length body", mid_body, 1);
    bad("timeout before chunk size", mid_chunked, 1);
    bad("timeout inside EOF-delimited body", mid_eof_body, 1);
}

/* A request body the server does not read: the send fails. Which errno the
 * kernel reports (EPIPE or ECONNRESET) is timing-dependent, so only the
 * part before ": " is printed. */
static ssize_t endless(void *ud, char *buf, size_t len)
{
    long *left = ud;

    if (len == 0) return 0;
    if (*left <= 0) return 0;
    if ((long)len > *left) len = (size_t)*left;
    memset(buf, 'z', len);
    *left -= (long)len;
    return (ssize_t)len;
}

static void send_failure(void)
{
    static const char *const script[] = {
        "accept", "readhead", "reset",
        "accept", "read", OK, "drain", NULL,
    };
    struct srv s;
    ne_session *sess;
    ne_request *req;
    long left = 64L * 1024 * 1024;
    int ret;
    const char *err, *colon;

    printf("== request body refused by the server\n");
    srv_start(&s, script);
    s.quiet = 1;
    sess = test_session(s.port);
    req = ne_request_create(sess, "PUT", "/big");
    ne_set_request_body_provider(req, left, endless, &left);
    ret = ne_request_dispatch(req);
    err = ne_get_error(sess);
    colon = strstr(err, ": ");
    printf("result: %s error prefix: [%.*s]\n", ret_name(ret),
           (int)(colon ? (size_t)(colon - err) : strlen(err)), err);
    ne_request_destroy(req);
    run_request(sess, "GET", "/good", SHOW_BODY | NO_HEADERS);
    ne_session_destroy(sess);
    srv_finish(&s);
}

/* Connection failures: refused, unresolvable name, connect timeout. */
static void connects(void)
{
    ne_session *sess;
    int lfd, fill[4], port, i;
    struct sockaddr_in sa;
    socklen_t salen = sizeof sa;

    printf("== connection refused\n");
    sess = ne_session_create("http", "127.0.0.1", (unsigned)unused_port());
    ne_set_notifier(sess, print_notifier, NULL);
    run_request(sess, "GET", "/", 0);
    run_request(sess, "GET", "/again", 0);
    ne_session_destroy(sess);

    printf("== unresolvable host\n");
    sess = ne_session_create("http", "nonexistent.invalid", 80);
    ne_set_notifier(sess, print_notifier, NULL);
    run_request(sess, "GET", "/", 0);
    /* the failed lookup is not cached: looked up again */
    run_request(sess, "GET", "/again", 0);
    ne_session_destroy(sess);

    printf("== unresolvable proxy\n");
    sess = ne_session_create("http", "127.0.0.1", 80);
    ne_session_proxy(sess, "proxy.nonexistent.invalid", 3128);
    run_request(sess, "GET", "/", 0);
    ne_session_destroy(sess);

    /* A listener whose accept queue is full drops SYNs: connect hangs
     * until the connect timeout (1 s). */
    printf("== connect timeout\n");
    lfd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) || listen(lfd, 0)
        || getsockname(lfd, (struct sockaddr *)&sa, &salen)) {
        perror("listen");
        exit(3);
    }
    port = ntohs(sa.sin_port);
    for (i = 0; i < 4; i++) {
        fill[i] = socket(AF_INET, SOCK_STREAM, 0);
        fcntl(fill[i], F_SETFL, O_NONBLOCK);
        connect(fill[i], (struct sockaddr *)&sa, sizeof sa);
    }
    sess = ne_session_create("http", "127.0.0.1", (unsigned)port);
    ne_set_connect_timeout(sess, 1);
    run_request(sess, "GET", "/", 0);
    ne_session_destroy(sess);
    for (i = 0; i < 4; i++) close(fill[i]);
    close(lfd);
}

int main(void)
{
    heads();
    interims();
    lengths();
    timeouts();
    send_failure();
    connects();
    return 0;
}
