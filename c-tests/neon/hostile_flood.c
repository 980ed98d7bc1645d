/* Hostile server: floods. Hundreds and thousands of header fields, single
 * header lines of 10 KB to 1 MB, continuation-line floods, long runs of
 * interim 1xx responses, a 10 KB status line, an endless chunk extension,
 * trailer floods, and the limits just below and above each bound (neon's
 * 4096-byte line buffer, 8192-byte header field, 100 fields, 128 interim
 * responses). Each case is followed by a second request, which must get a
 * clean response on a new connection (hostile.h h_case); the client must
 * neither crash nor hang nor read past the limit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>

#include "hostile.h"

#define H11 "HTTP/1.1 200 OK\r\n"
#define CL2 "Content-Length: 2\r\n\r\nok"

/* A growable string for building large responses. */
struct buf {
    char *p;
    size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void fill(struct buf *b, char c, size_t n)
{
    while (n > 0) {
        char chunk[4096];
        size_t k = n < sizeof chunk ? n : sizeof chunk;
        memset(chunk, c, k);
        put(b, chunk, k);
        n -= k;
    }
}

static void run(const char *label, struct buf *b)
{
    h_case(label, b->p, b->len, "GET", H_CLOSE, 10);
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* n fields "X-Hi: i" then a body. */
static void many_headers(void)
{
    static const int counts[] = { 99, 100, 101, 300, 1000, 20000 };
    size_t i;

    for (i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        struct buf b = { 0 };
        char label[64], line[64];
        int k;
        puts_(&b, H11);
        for (k = 0; k < counts[i] - 1; k++) {
            snprintf(line, sizeof line, "X-H%d: %d\r\n", k, k);
            puts_(&b, line);
        }
        puts_(&b, CL2);
        snprintf(label, sizeof label, "%d header fields", counts[i]);
        run(label, &b);
    }
    {
        /* fields without a colon and with empty names count too */
        struct buf b = { 0 };
        int k;
        puts_(&b, H11);
        for (k = 0; k < 200; k++) puts_(&b, k % 2 ? "no colon here\r\n" : ": empty name\r\n");
        puts_(&b, CL2);
        run("200 lines without a name", &b);
    }
}

/* One header line of the given length (name, colon, space and value,
 * without CRLF). */
static void long_line(size_t linelen, const char *what)
{
    struct buf b = { 0 };
    char label[96];

    puts_(&b, H11 "X-Long: ");
    fill(&b, 'a', linelen - 8);
    puts_(&b, "\r\n" CL2);
    snprintf(label, sizeof label, "header line of %zu bytes + CRLF%s", linelen, what);
    run(label, &b);
}

static void long_lines(void)
{
    long_line(4094, " (fits neon's 4096-byte line buffer)");
    long_line(4095, " (one byte too long)");
    long_line(10 * 1024, "");
    long_line(100 * 1024, "");
    long_line(1024 * 1024, "");
    {
        /* no line end at all: the client must stop at its limit */
        struct buf b = { 0 };
        puts_(&b, H11 "X-Endless: ");
        fill(&b, 'e', 300 * 1024);
        run("header line without an end, 300 KB", &b);
    }
}

/* Continuation lines: each adds to one field, limited to 8192 bytes. */
static void continuations(void)
{
    static const struct { int n; const char *line, *label; } c[] = {
        { 2000, " bb\r\n", "2000 continuation lines of 3 bytes" },
        { 2800, " bb\r\n", "2800 continuation lines of 3 bytes" },
        { 100000, " bb\r\n", "100000 continuation lines of 3 bytes" },
        { 20000, " \r\n", "20000 continuation lines of a single space" },
        { 20000, "\t\r\n", "20000 continuation lines of a single tab" },
        { 3, " x\r\n", "3 continuation lines" },
    };
    size_t i;

    for (i = 0; i < sizeof c / sizeof c[0]; i++) {
        struct buf b = { 0 };
        int k;
        puts_(&b, H11 "X-Fold: start\r\n");
        for (k = 0; k < c[i].n; k++) puts_(&b, c[i].line);
        puts_(&b, CL2);
        run(c[i].label, &b);
    }
    {
        /* a continuation flood in the trailer */
        struct buf b = { 0 };
        int k;
        puts_(&b, H11 "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nX-T: 1\r\n");
        for (k = 0; k < 5000; k++) puts_(&b, " tt\r\n");
        puts_(&b, "\r\n");
        run("5000 continuation lines in a trailer", &b);
    }
}

/* Repeated fields are merged while the merged value stays below 8192. */
static void merge_fn(int count, int vlen)
{
    struct buf b = { 0 };
    struct h_step steps[2] = { { NULL, 0, H_CLOSE }, { H_NEXT, 0, H_KEEP } };
    struct h_srv s;
    ne_session *sess;
    ne_request *req;
    const char *v;
    int k;

    puts_(&b, H11);
    for (k = 0; k < count; k++) {
        char name[16];
        snprintf(name, sizeof name, "X-Dup: %c", 'a' + k % 26);
        puts_(&b, name);
        fill(&b, 'v', (size_t)vlen - 1);
        puts_(&b, "\r\n");
    }
    puts_(&b, CL2);
    steps[0].resp = b.p;
    steps[0].len = b.len;
    printf("== %d X-Dup fields of %d bytes\n", count, vlen);
    h_start(&s, steps, 2);
    sess = h_session(s.port, 10);
    req = ne_request_create(sess, "GET", "/one");
    printf("begin: %s\n", ret_name(ne_begin_request(req)));
    v = ne_get_response_header(req, "X-Dup");
    if (v) printf("X-Dup: %zu bytes, checksum %08lx\n", strlen(v), checksum(v, strlen(v), CHECKSUM_INIT));
    else printf("X-Dup: (null)\n");
    printf("discard: %s\n", ret_name(ne_discard_response(req)));
    printf("end: %s\n", ret_name(ne_end_request(req)));
    ne_request_destroy(req);
    outcome(sess, s.port, "two", "GET", "/two", 0);
    ne_session_destroy(sess);
    h_finish(&s);
    free(b.p);
}

static void merges(void)
{
    merge_fn(90, 80);
    merge_fn(90, 100);
    merge_fn(3, 4000);
    merge_fn(98, 4000);
}

/* Interim responses: 127 are skipped, the 128th ends the request. */
static void interims(void)
{
    static const struct { int n; const char *resp; } c[] = {
        { 127, "HTTP/1.1 100 Continue\r\n\r\n" },
        { 128, "HTTP/1.1 100 Continue\r\n\r\n" },
        { 1000, "HTTP/1.1 102 Processing\r\nX-P: 1\r\n\r\n" },
        { 100000, "HTTP/1.1 100 Continue\r\n\r\n" },
    };
    size_t i;

    for (i = 0; i < sizeof c / sizeof c[0]; i++) {
        struct buf b = { 0 };
        char label[64];
        int k;
        for (k = 0; k < c[i].n; k++) puts_(&b, c[i].resp);
        puts_(&b, H11 CL2);
        snprintf(label, sizeof label, "%d interim responses", c[i].n);
        run(label, &b);
    }
    {
        /* interim headers are skipped without a field limit */
        struct buf b = { 0 };
        int k;
        puts_(&b, "HTTP/1.1 103 Early Hints\r\n");
        for (k = 0; k < 5000; k++) puts_(&b, "Link: </s.css>; rel=preload\r\n");
        puts_(&b, "\r\n" H11 CL2);
        run("interim response with 5000 header fields", &b);
    }
    {
        struct buf b = { 0 };
        puts_(&b, "HTTP/1.1 100 Continue\r\nX-Long: ");
        fill(&b, 'i', 10 * 1024);
        puts_(&b, "\r\n\r\n" H11 CL2);
        run("interim response with a 10 KB header line", &b);
    }
}

/* Status line lengths around the 4096-byte line buffer, and far above. */
static void status_line(size_t linelen)
{
    struct buf b = { 0 };
    char label[64];

    puts_(&b, "HTTP/1.1 200 ");
    fill(&b, 'r', linelen - 13);
    puts_(&b, "\r\n" CL2);
    snprintf(label, sizeof label, "status line of %zu bytes + CRLF", linelen);
    run(label, &b);
}

static void status_lines(void)
{
    status_line(4094);
    status_line(4095);
    status_line(10 * 1024);
    status_line(100 * 1024);
    {
        struct buf b = { 0 };
        fill(&b, ' ', 10 * 1024);
        puts_(&b, "HTTP/1.1 200 OK\r\n" CL2);
        run("10 KB of spaces before HTTP/", &b);
    }
}

/* Chunk-size lines ("2;" extension CRLF): 4096 bytes fit the line buffer,
 * 4097 do not; and far beyond. */
static void chunk_lines(void)
{
    static const size_t ext[] = { 4092, 4093, 10 * 1024, 100 * 1024 };
    size_t i;

    for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        struct buf b = { 0 };
        char label[64];
        puts_(&b, H11 "Transfer-Encoding: chunked\r\n\r\n2;");
        fill(&b, 'x', ext[i]);
        puts_(&b, "\r\nok\r\n0\r\n\r\n");
        snprintf(label, sizeof label, "chunk extension of %zu bytes", ext[i]);
        run(label, &b);
    }
    {
        struct buf b = { 0 };
        puts_(&b, H11 "Transfer-Encoding: chunked\r\n\r\n5;");
        fill(&b, 'x', 300 * 1024);
        run("endless chunk extension, 300 KB", &b);
    }
    {
        struct buf b = { 0 };
        puts_(&b, H11 "Transfer-Encoding: chunked\r\n\r\n");
        fill(&b, '0', 100 * 1024);
        puts_(&b, "5\r\nhello\r\n0\r\n\r\n");
        run("chunk size with 100 KB of leading zeros", &b);
    }
    {
        struct buf b = { 0 };
        int k;
        puts_(&b, H11 "Transfer-Encoding: chunked\r\n\r\n");
        for (k = 0; k < 20000; k++) puts_(&b, "1\r\nz\r\n");
        puts_(&b, "0\r\n\r\n");
        run("20000 one-byte chunks", &b);
    }
    {
        struct buf b = { 0 };
        int k;
        puts_(&b, H11 "Transfer-Encoding: chunked\r\n\r\n");
        for (k = 0; k < 20000; k++) puts_(&b, "0;not-last\r\n");
        run("20000 zero-size chunks", &b);
    }
}

/* Trailer fields share the 100-field limit. */
static void trailers(void)
{
    static const int counts[] = { 99, 100, 5000 };
    size_t i;

    for (i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        struct buf b = { 0 };
        char label[64], line[64];
        int k;
        puts_(&b, H11 "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n");
        for (k = 0; k < counts[i]; k++) {
            snprintf(line, sizeof line, "X-T%d: %d\r\n", k, k);
            puts_(&b, line);
        }
        puts_(&b, "\r\n");
        snprintf(label, sizeof label, "%d trailer fields", counts[i]);
        run(label, &b);
    }
    {
        struct buf b = { 0 };
        puts_(&b, H11 "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nX-T: ");
        fill(&b, 't', 10 * 1024);
        puts_(&b, "\r\n\r\n");
        run("trailer line of 10 KB", &b);
    }
}

int main(int argc, char **argv)
{
    h_server_hook(argc, argv);
    many_headers();
    long_lines();
    continuations();
    merges();
    interims();
    status_lines();
    chunk_lines();
    trailers();
    return 0;
}
