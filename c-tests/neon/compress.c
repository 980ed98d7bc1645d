/* ne_compress.h: ne_decompress_reader on gzip, identity and deflate
 * responses. Gzip data is made at test time by gzip(1) (-n: no name, no
 * time), header variants and corruptions are made from it here. Each case
 * serves canned responses from the scripted server and prints what the
 * application's reader received (bytes, checksum, end calls, and the block
 * sizes where they are deterministic), the dispatch result and the session
 * error. Block sizes are printed only where the server writes the whole
 * response at once (or chunked encoding fixes the blocks); elsewhere only
 * the largest block is checked against neon's 8 KiB. Errors whose text
 * depends on how the body is cut into blocks ("Too many bytes (N) in gzip
 * footer") are only provoked on such deterministic responses. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ne_compress.h>
#include <ne_request.h>
#include <ne_session.h>
#include <ne_utils.h>

#include "harness.h"

/* ---- byte buffers ---------------------------------------------------- */

struct buf {
    unsigned char *p;
    size_t n, cap;
};

static void put(struct buf *b, const void *data, size_t len)
{
    if (b->n + len + 1 > b->cap) {
        b->cap = (b->n + len + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p) abort();
    }
    if (len) memcpy(b->p + b->n, data, len);
    b->n += len;
}

static void putf(struct buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    put(b, tmp, (size_t)n);
}

static struct buf copy(const unsigned char *p, size_t n)
{
    struct buf b = { 0 };
    put(&b, p, n);
    return b;
}

/* ---- test data --------------------------------------------------------- */

/* Text-like data: words picked by a linear congruential generator. */
static struct buf text(size_t len, unsigned seed)
{
    static const char *const words[] = {
        "neon ", "gzip ", "body ", "reader ", "block ", "stream ", "window ", "crc ",
        "\n", "0123456789 ", "header ", "footer ",
    };
    struct buf b = { 0 };
    unsigned x = seed;

    while (b.n < len) {
        const char *w;
        x = x * 1103515245u + 12345u;
        w = words[(x >> 16) % (sizeof words / sizeof words[0])];
        put(&b, w, strlen(w));
        if (x & 0x100) {
            char c = (char)('a' + (x >> 24) % 26);
            put(&b, &c, 1);
        }
    }
    b.n = len;
    return b;
}

static char tmpdir[64];

/* gzip -n of data, by gzip(1) in a temporary directory. */
static struct buf gzip(const struct buf *data)
{
    char in[128], out[128], cmd[512];
    struct buf z = { 0 };
    FILE *f;
    size_t n;
    unsigned char chunk[65536];

    snprintf(in, sizeof in, "%s/in", tmpdir);
    snprintf(out, sizeof out, "%s/in.gz", tmpdir);
    f = fopen(in, "wb");
    if (!f || fwrite(data->p, 1, data->n, f) != data->n || fclose(f)) {
        perror("write gzip input");
        exit(3);
    }
    snprintf(cmd, sizeof cmd, "gzip -n -6 -f '%s'", in);
    if (system(cmd) != 0) {
        fprintf(stderr, "gzip failed\n");
        exit(3);
    }
    f = fopen(out, "rb");
    if (!f) {
        perror(out);
        exit(3);
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) put(&z, chunk, n);
    fclose(f);
    unlink(out);
    return z;
}

/* Raw DEFLATE data of a gzip member made by gzip -n (no optional fields). */
static struct buf raw_deflate(const struct buf *z)
{
    return copy(z->p + 10, z->n - 18);
}

static unsigned long crc32_of(const unsigned char *p, size_t n)
{
    unsigned long c = 0xffffffffUL;
    size_t i;
    int k;

    for (i = 0; i < n; i++) {
        c ^= p[i];
        for (k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320UL & (0UL - (c & 1)));
    }
    return c ^ 0xffffffffUL;
}

/* The member z (flags 0) rewritten with header flags and their fields. */
static struct buf with_flags(const struct buf *z, unsigned char flags)
{
    struct buf b = { 0 };
    unsigned char hdr[10];

    memcpy(hdr, z->p, 10);
    hdr[3] = flags;
    put(&b, hdr, 10);
    if (flags & 0x04) put(&b, "\x06\x00" "AB\x02\x00xy", 8); /* FEXTRA: XLEN 6, one subfield */
    if (flags & 0x08) put(&b, "index.html", 11);            /* FNAME with its NUL */
    if (flags & 0x10) put(&b, "a comment", 10);             /* FCOMMENT with its NUL */
    if (flags & 0x02) {                                      /* FHCRC: CRC-16 of the header */
        unsigned long c = crc32_of(b.p, b.n);
        unsigned char h[2] = { (unsigned char)(c & 0xff), (unsigned char)((c >> 8) & 0xff) };
        put(&b, h, 2);
    }
    put(&b, z->p + 10, z->n - 10);
    return b;
}

/* ---- responses and scripts ---------------------------------------------- */

#define MAX_SCRIPT 4096

struct script {
    const char *d[MAX_SCRIPT];
    char *owned[MAX_SCRIPT];
    int n, nowned;
};

static void add(struct script *s, const char *d)
{
    if (s->n + 1 >= MAX_SCRIPT) abort();
    s->d[s->n++] = d;
    s->d[s->n] = NULL;
}

static void add_owned(struct script *s, char *d)
{
    s->owned[s->nowned++] = d;
    add(s, d);
}

/* Writes data, one write per 1024 bytes (the harness's sendhex limit). */
static void add_bytes(struct script *s, const unsigned char *p, size_t n)
{
    while (n > 0) {
        size_t k = n < 1024 ? n : 1024, i;
        char *d = malloc(8 + 2 * k + 1);
        strcpy(d, "sendhex ");
        for (i = 0; i < k; i++) sprintf(d + 8 + 2 * i, "%02x", p[i]);
        add_owned(s, d);
        p += k;
        n -= k;
    }
}

static void free_script(struct script *s)
{
    int i;
    for (i = 0; i < s->nowned; i++) free(s->owned[i]);
    s->n = s->nowned = 0;
}

/* A response with Content-Length (len of body unless cl >= 0). */
static struct buf resp_cl(const char *status, const char *headers, const struct buf *body, long cl)
{
    struct buf r = { 0 };
    size_t n = body ? body->n : 0;

    putf(&r, "HTTP/1.1 %s\r\n%sContent-Length: %ld\r\n\r\n", status, headers,
         cl >= 0 ? cl : (long)n);
    if (n) put(&r, body->p, n);
    return r;
}

/* A chunked response; cuts[] gives the chunk sizes in turn (0-terminated),
 * the last one repeating for the rest. */
static struct buf resp_chunked(const char *headers, const struct buf *body, const size_t *cuts)
{
    struct buf r = { 0 };
    size_t at = 0;
    int i = 0;

    putf(&r, "HTTP/1.1 200 OK\r\n%sTransfer-Encoding: chunked\r\n\r\n", headers);
    while (at < body->n) {
        size_t k = cuts[i];
        if (cuts[i + 1]) i++;
        if (k > body->n - at) k = body->n - at;
        putf(&r, "%zx\r\n", k);
        put(&r, body->p + at, k);
        put(&r, "\r\n", 2);
        at += k;
    }
    put(&r, "0\r\n\r\n", 5);
    return r;
}

#define GZ "Content-Encoding: gzip\r\n"

/* ---- the client side ------------------------------------------------------ */

enum accept_mode { ACCEPT_ALWAYS, ACCEPT_2XX, ACCEPT_NEVER };

struct rd {
    enum accept_mode accept;
    int abort_block;    /* return abort_ret at this block (1-based), 0 never */
    int abort_ret;
    int abort_end;      /* returned for the end-of-body call */
    int show_blocks;
    unsigned long sum;
    size_t bytes, blocks, maxblock, ends;
    char sizes[1024];
};

static int acceptor(void *ud, ne_request *req, const ne_status *st)
{
    struct rd *r = ud;
    (void)req;
    printf("acceptor: %d\n", st->code);
    switch (r->accept) {
    case ACCEPT_ALWAYS: return 1;
    case ACCEPT_2XX: return st->klass == 2;
    default: return 0;
    }
}

static int reader(void *ud, const char *buf, size_t len)
{
    struct rd *r = ud;
    size_t used = strlen(r->sizes);

    if (len == 0) {
        r->ends++;
        return r->abort_end;
    }
    r->blocks++;
    r->bytes += len;
    r->sum = checksum(buf, len, r->sum);
    if (len > r->maxblock) r->maxblock = len;
    if (used + 24 < sizeof r->sizes) snprintf(r->sizes + used, sizeof r->sizes - used, " %zu", len);
    if (r->abort_block && (int)r->blocks == r->abort_block) return r->abort_ret;
    return 0;
}

static void print_reader(const struct rd *r)
{
    printf("reader: %zu bytes, checksum %08lx, end calls %zu\n", r->bytes, r->sum, r->ends);
    if (r->show_blocks)
        printf("reader blocks:%s\n", r->blocks ? r->sizes : " none");
    else
        printf("reader blocks at most 8192: %s\n", r->maxblock <= 8192 ? "yes" : "no");
}

/* Dispatches one request with a decompressing reader; prints the result. */
static int request(ne_session *sess, const char *method, const char *path, struct rd *r)
{
    ne_request *req = ne_request_create(sess, method, path);
    ne_decompress *dc;
    int ret;

    r->sum = CHECKSUM_INIT;
    r->bytes = r->blocks = r->maxblock = r->ends = 0;
    r->sizes[0] = '\0';
    dc = ne_decompress_reader(req, acceptor, reader, r);
    ret = ne_request_dispatch(req);
    printf("%s %s: status %d\n", method, path, ne_get_status(req)->code);
    print_result("dispatch", sess, ret);
    print_reader(r);
    ne_decompress_destroy(dc);
    ne_request_destroy(req);
    return ret;
}

/* Serves `resp` on one connection and runs a GET (or `method`) against it. */
static void serve_one(const char *label, const char *method, const struct buf *resp,
                      struct rd *r, int show_log)
{
    struct script sc = { 0 };
    struct srv s;
    ne_session *sess;

    printf("== %s\n", label);
    add(&sc, "accept");
    add(&sc, "read");
    add_bytes(&sc, resp->p, resp->n);
    add(&sc, "close");
    srv_start(&s, sc.d);
    s.quiet = !show_log;
    sess = test_session(s.port);
    request(sess, method, "/z", r);
    ne_session_destroy(sess);
    srv_finish(&s);
    free_script(&sc);
}

static void get(const char *label, const struct buf *resp, int show_blocks)
{
    struct rd r = { 0 };
    r.show_blocks = show_blocks;
    serve_one(label, "GET", resp, &r, 0);
}

static void free_buf(struct buf *b)
{
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

/* ---- cases ------------------------------------------------------------------- */

static struct buf small, small_gz, medium, medium_gz, big, big_gz;

static void gzip_bodies(void)
{
    static const size_t kb[] = { 1000, 0 };
    static const size_t tiny[] = { 100, 0 };
    struct buf resp, named;
    struct rd r = { 0 };

    printf("small: %zu bytes, checksum %08lx\n", small.n,
           checksum((char *)small.p, small.n, CHECKSUM_INIT));
    printf("medium: %zu bytes, checksum %08lx\n", medium.n,
           checksum((char *)medium.p, medium.n, CHECKSUM_INIT));
    printf("big: %zu bytes, checksum %08lx\n", big.n, checksum((char *)big.p, big.n, CHECKSUM_INIT));

    /* The request carries Accept-Encoding: gzip (server log shown). */
    resp = resp_cl("200 OK", GZ, &small_gz, -1);
    r.show_blocks = 1;
    serve_one("small gzip, Content-Length (request shown)", "GET", &resp, &r, 1);
    free_buf(&resp);

    resp = resp_cl("200 OK", "Content-Encoding: GZip\r\n", &small_gz, -1);
    get("Content-Encoding in another case", &resp, 1);
    free_buf(&resp);

    /* Compressed body in one write, decompressed into 8 KiB blocks. */
    resp = resp_cl("200 OK", GZ, &medium_gz, -1);
    get("medium gzip, one write", &resp, 1);
    free_buf(&resp);

    /* Fixed chunk boundaries: the blocks neon's inflate loop gives. */
    resp = resp_chunked(GZ, &medium_gz, tiny);
    get("medium gzip, chunks of 100", &resp, 1);
    free_buf(&resp);

    resp = resp_cl("200 OK", GZ, &big_gz, -1);
    get("1 MB gzip, Content-Length", &resp, 0);
    free_buf(&resp);

    resp = resp_chunked(GZ, &big_gz, kb);
    get("1 MB gzip, chunked", &resp, 0);
    free_buf(&resp);

    /* Until EOF (HTTP/1.0 style, no length). */
    {
        struct buf eof = { 0 };
        putf(&eof, "HTTP/1.0 200 OK\r\n" GZ "\r\n");
        put(&eof, medium_gz.p, medium_gz.n);
        get("medium gzip, body until EOF", &eof, 1);
        free_buf(&eof);
    }

    named = with_flags(&small_gz, 0x08);
    resp = resp_cl("200 OK", GZ, &named, -1);
    get("FNAME header", &resp, 1);
    free_buf(&resp);
    free_buf(&named);
}

static void header_flags(void)
{
    static const unsigned char flags[] = { 0x01, 0x02, 0x04, 0x10, 0x18, 0x0c, 0x0a, 0x20, 0x80 };
    size_t i;

    for (i = 0; i < sizeof flags; i++) {
        char label[64];
        struct buf z = with_flags(&small_gz, flags[i]);
        struct buf resp = resp_cl("200 OK", GZ, &z, -1);
        snprintf(label, sizeof label, "header flags 0x%02x", flags[i]);
        get(label, &resp, 1);
        free_buf(&resp);
        free_buf(&z);
    }
}

/* The gzip header and name arriving in pieces (chunked encoding fixes
 * each piece as one block). */
static void header_pieces(void)
{
    static const size_t ones[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 200, 0 };
    static const size_t threes[] = { 3, 0 };
    static const size_t split9[] = { 9, 2, 5, 1000, 0 };
    struct buf named = with_flags(&small_gz, 0x08), resp;

    resp = resp_chunked(GZ, &named, ones);
    get("header and name byte by byte", &resp, 1);
    free_buf(&resp);
    resp = resp_chunked(GZ, &named, threes);
    get("whole member in 3-byte chunks", &resp, 1);
    free_buf(&resp);
    resp = resp_chunked(GZ, &named, split9);
    get("header split 9+2, name split", &resp, 1);
    free_buf(&resp);
    free_buf(&named);
}

static void other_encodings(void)
{
    struct buf deflate = raw_deflate(&small_gz), resp;

    resp = resp_cl("200 OK", "", &small, -1);
    get("identity (no Content-Encoding)", &resp, 1);
    free_buf(&resp);
    resp = resp_cl("200 OK", "Content-Encoding: identity\r\n", &small, -1);
    get("Content-Encoding: identity", &resp, 1);
    free_buf(&resp);
    resp = resp_cl("200 OK", "Content-Encoding: deflate\r\n", &deflate, -1);
    get("Content-Encoding: deflate (passed through)", &resp, 1);
    free_buf(&resp);
    resp = resp_cl("200 OK", "Content-Encoding: x-gzip\r\n", &small_gz, -1);
    get("Content-Encoding: x-gzip (passed through)", &resp, 1);
    free_buf(&resp);
    resp = resp_cl("200 OK", "Content-Encoding: gzip, identity\r\n", &small_gz, -1);
    get("Content-Encoding: gzip, identity (passed through)", &resp, 1);
    free_buf(&resp);
    resp = resp_cl("200 OK", "Content-Encoding: gzip\r\nContent-Encoding: gzip\r\n", &small_gz, -1);
    get("Content-Encoding twice", &resp, 1);
    free_buf(&resp);
    free_buf(&deflate);
}

static void corrupt(void)
{
    static const long offsets[] = { 0, 1, 2, 3, 10, 11, 13, 40, -200, -60, -12, -9 };
    static const unsigned char masks[] = { 0x55, 0xff, 0x01 };
    size_t i, m;
    struct buf z, resp;

    for (m = 0; m < sizeof masks; m++) {
        for (i = 0; i < sizeof offsets / sizeof offsets[0]; i++) {
            char label[80];
            long at = offsets[i] < 0 ? (long)medium_gz.n + offsets[i] : offsets[i];
            z = copy(medium_gz.p, medium_gz.n);
            z.p[at] ^= masks[m];
            resp = resp_cl("200 OK", GZ, &z, -1);
            snprintf(label, sizeof label, "corrupt byte %ld ^ 0x%02x", at, masks[m]);
            get(label, &resp, 1);
            free_buf(&resp);
            free_buf(&z);
        }
    }
    /* Invalid block type straight after the header. */
    z = copy(small_gz.p, small_gz.n);
    z.p[10] = 0x07;
    resp = resp_cl("200 OK", GZ, &z, -1);
    get("invalid block type", &resp, 1);
    free_buf(&resp);
    free_buf(&z);
    /* Not gzip at all. */
    resp = resp_cl("200 OK", GZ, &small, -1);
    get("plain text labelled gzip", &resp, 1);
    free_buf(&resp);
}

static void truncated(void)
{
    struct buf named = with_flags(&medium_gz, 0x08), resp;
    const long cuts[] = { 0, 1, 5, 9, 10, 14, 21, 22, 100, (long)named.n / 2,
                          (long)named.n - 9, (long)named.n - 8, (long)named.n - 3,
                          (long)named.n - 1 };
    size_t i;

    for (i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        char label[64];
        struct buf part = copy(named.p, (size_t)cuts[i]);
        resp = resp_cl("200 OK", GZ, &part, -1);
        snprintf(label, sizeof label, "truncated to %ld of %zu bytes", cuts[i], named.n);
        get(label, &resp, 1);
        free_buf(&resp);
        free_buf(&part);
    }
    /* The 1 MB body cut short in its DEFLATE data and in its footer. */
    {
        const long big_cuts[] = { (long)big_gz.n / 3, (long)big_gz.n - 5 };
        for (i = 0; i < 2; i++) {
            char label[64];
            struct buf part = copy(big_gz.p, (size_t)big_cuts[i]);
            resp = resp_cl("200 OK", GZ, &part, -1);
            snprintf(label, sizeof label, "1 MB gzip truncated to %ld bytes", big_cuts[i]);
            get(label, &resp, 0);
            free_buf(&resp);
            free_buf(&part);
        }
    }
    /* The connection closes before Content-Length is reached. */
    {
        struct buf part = copy(medium_gz.p, medium_gz.n / 2);
        struct buf r = { 0 };
        putf(&r, "HTTP/1.1 200 OK\r\n" GZ "Content-Length: %zu\r\n\r\n", medium_gz.n);
        put(&r, part.p, part.n);
        get("connection closed mid-body", &r, 1);
        free_buf(&r);
        free_buf(&part);
    }
    free_buf(&named);
}

static void footer(void)
{
    struct buf z, resp, two = { 0 };
    size_t cuts[3] = { 0, 0, 0 };
    struct buf second = gzip(&small);

    z = copy(medium_gz.p, medium_gz.n);
    z.p[z.n - 8] ^= 0x01;
    resp = resp_cl("200 OK", GZ, &z, -1);
    get("bad CRC", &resp, 1);
    free_buf(&resp);
    free_buf(&z);

    z = copy(big_gz.p, big_gz.n);
    z.p[z.n - 6] ^= 0x80;
    resp = resp_cl("200 OK", GZ, &z, -1);
    get("1 MB, bad CRC", &resp, 0);
    free_buf(&resp);
    free_buf(&z);

    z = copy(medium_gz.p, medium_gz.n);
    z.p[z.n - 1] ^= 0x01;
    resp = resp_cl("200 OK", GZ, &z, -1);
    get("bad ISIZE (neon 0.32.5 does not check it)", &resp, 1);
    free_buf(&resp);
    free_buf(&z);

    /* Trailing garbage in the block that ends the DEFLATE data. */
    z = copy(medium_gz.p, medium_gz.n);
    put(&z, "garbage", 7);
    resp = resp_cl("200 OK", GZ, &z, -1);
    get("trailing garbage, same block", &resp, 1);
    free_buf(&resp);
    /* ... in a chunk of its own, after the footer. */
    cuts[0] = medium_gz.n;
    cuts[1] = 7;
    resp = resp_chunked(GZ, &z, cuts);
    get("trailing garbage, own chunk", &resp, 1);
    free_buf(&resp);
    /* ... with half the footer. */
    cuts[0] = medium_gz.n - 4;
    cuts[1] = 11;
    resp = resp_chunked(GZ, &z, cuts);
    get("trailing garbage after half the footer", &resp, 1);
    free_buf(&resp);
    free_buf(&z);

    /* Two members: neon reads one. */
    put(&two, medium_gz.p, medium_gz.n);
    put(&two, second.p, second.n);
    resp = resp_cl("200 OK", GZ, &two, -1);
    get("two members, one block", &resp, 1);
    free_buf(&resp);
    cuts[0] = medium_gz.n;
    cuts[1] = second.n;
    resp = resp_chunked(GZ, &two, cuts);
    get("two members, own chunks", &resp, 1);
    free_buf(&resp);
    free_buf(&two);
    free_buf(&second);
}

static void acceptors_and_readers(void)
{
    struct buf resp = resp_cl("200 OK", GZ, &medium_gz, -1);
    struct buf notfound = resp_cl("404 Not Found", GZ, &small_gz, -1);
    struct rd r = { 0 };

    r.show_blocks = 1;
    r.accept = ACCEPT_NEVER;
    serve_one("acceptor refuses", "GET", &resp, &r, 0);
    r.accept = ACCEPT_2XX;
    serve_one("404 with a 2xx acceptor", "GET", &notfound, &r, 0);
    r.accept = ACCEPT_ALWAYS;
    serve_one("404 accepted", "GET", &notfound, &r, 0);

    r.abort_block = 1;
    r.abort_ret = -1;
    serve_one("reader aborts at the first block (-1)", "GET", &resp, &r, 0);
    r.abort_block = 2;
    r.abort_ret = 42;
    serve_one("reader aborts at the second block (42)", "GET", &resp, &r, 0);
    r.abort_block = 0;
    r.abort_end = 7;
    serve_one("reader aborts at the end (7)", "GET", &resp, &r, 0);
    free_buf(&resp);
    free_buf(&notfound);

    /* After an abort the connection is closed: the next request opens
     * another (the script accepts a second connection). */
    {
        struct script sc = { 0 };
        struct buf ok = resp_cl("200 OK", GZ, &small_gz, -1);
        struct buf big_resp = resp_cl("200 OK", GZ, &medium_gz, -1);
        struct srv s;
        ne_session *sess;
        struct rd a = { 0 };

        printf("== abort, then another request\n");
        add(&sc, "accept");
        add(&sc, "read");
        add_bytes(&sc, big_resp.p, big_resp.n);
        add(&sc, "accept");
        add(&sc, "read");
        add_bytes(&sc, ok.p, ok.n);
        add(&sc, "close");
        srv_start(&s, sc.d);
        sess = test_session(s.port);
        ne_set_notifier(sess, print_notifier, NULL);
        a.show_blocks = 1;
        a.abort_block = 1;
        a.abort_ret = 1;
        request(sess, "GET", "/a", &a);
        a.abort_block = 0;
        request(sess, "GET", "/b", &a);
        ne_session_destroy(sess);
        srv_finish(&s);
        free_script(&sc);
        free_buf(&ok);
        free_buf(&big_resp);
    }
}

static void no_body(void)
{
    struct buf head_gz = { 0 }, head_plain = { 0 }, nm_gz = { 0 }, nm_plain = { 0 };
    struct buf empty = resp_cl("200 OK", GZ, NULL, 0);
    struct rd r = { 0 };

    r.show_blocks = 1;
    putf(&head_gz, "HTTP/1.1 200 OK\r\n" GZ "Content-Length: %zu\r\n\r\n", small_gz.n);
    putf(&head_plain, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n", small.n);
    putf(&nm_gz, "HTTP/1.1 304 Not Modified\r\n" GZ "\r\n");
    putf(&nm_plain, "HTTP/1.1 304 Not Modified\r\n\r\n");
    serve_one("HEAD, gzip", "HEAD", &head_gz, &r, 0);
    serve_one("HEAD, not encoded", "HEAD", &head_plain, &r, 0);
    serve_one("304, gzip", "GET", &nm_gz, &r, 0);
    serve_one("304, not encoded", "GET", &nm_plain, &r, 0);
    serve_one("200, gzip, empty body", "GET", &empty, &r, 0);
    r.accept = ACCEPT_2XX;
    serve_one("304, gzip, 2xx acceptor", "GET", &nm_gz, &r, 0);
    free_buf(&head_gz);
    free_buf(&head_plain);
    free_buf(&nm_gz);
    free_buf(&nm_plain);
    free_buf(&empty);
}

/* A request dispatched twice: the second time its persistent connection
 * has been closed by the server, so neon sends it again on a new one; the
 * reader starts afresh for each response. */
static void retry(void)
{
    struct script sc = { 0 };
    struct buf first = resp_cl("200 OK", GZ, &medium_gz, -1);
    struct buf second = resp_cl("200 OK", GZ, &small_gz, -1);
    struct srv s;
    ne_session *sess;
    ne_request *req;
    ne_decompress *dc;
    struct rd r = { 0 };
    int i, ret;

    printf("== re-dispatch over a dropped keep-alive connection\n");
    add(&sc, "accept");
    add(&sc, "read");
    add_bytes(&sc, first.p, first.n);
    add(&sc, "close");
    add(&sc, "accept");
    add(&sc, "read");
    add_bytes(&sc, second.p, second.n);
    add(&sc, "read");
    add_bytes(&sc, first.p, first.n);
    add(&sc, "close");
    srv_start(&s, sc.d);
    sess = test_session(s.port);
    ne_set_notifier(sess, print_notifier, NULL);
    r.show_blocks = 1;
    req = ne_request_create(sess, "GET", "/again");
    dc = ne_decompress_reader(req, acceptor, reader, &r);
    for (i = 0; i < 3; i++) {
        r.sum = CHECKSUM_INIT;
        r.bytes = r.blocks = r.maxblock = r.ends = 0;
        r.sizes[0] = '\0';
        ret = ne_request_dispatch(req);
        printf("dispatch %d: status %d\n", i + 1, ne_get_status(req)->code);
        print_result("dispatch", sess, ret);
        print_reader(&r);
    }
    ne_decompress_destroy(dc);
    ne_request_destroy(req);
    ne_session_destroy(sess);
    srv_finish(&s);
    free_script(&sc);
    free_buf(&first);
    free_buf(&second);
}

/* Destroying the context: before any dispatch, and after the request. */
static void destroy(void)
{
    struct script sc = { 0 };
    struct buf ok = resp_cl("200 OK", GZ, &small_gz, -1);
    struct srv s;
    ne_session *sess;
    ne_request *req;
    ne_decompress *dc;
    struct rd r = { 0 };

    printf("== destroy without dispatch, destroy after the request\n");
    add(&sc, "accept");
    add(&sc, "read");
    add_bytes(&sc, ok.p, ok.n);
    add(&sc, "read");
    add_bytes(&sc, ok.p, ok.n);
    add(&sc, "close");
    srv_start(&s, sc.d);
    s.quiet = 1;
    sess = test_session(s.port);

    r.sum = CHECKSUM_INIT;
    req = ne_request_create(sess, "GET", "/never");
    dc = ne_decompress_reader(req, acceptor, reader, &r);
    ne_decompress_destroy(dc);
    ne_request_destroy(req);
    printf("destroyed before dispatch\n");

    /* Destroyed after its request: its hook is gone, the session works on. */
    r.show_blocks = 1;
    req = ne_request_create(sess, "GET", "/first");
    dc = ne_decompress_reader(req, acceptor, reader, &r);
    print_result("dispatch", sess, ne_request_dispatch(req));
    print_reader(&r);
    ne_request_destroy(req);
    ne_decompress_destroy(dc);
    printf("destroyed after the request\n");

    /* Two contexts for two requests in turn on the session. */
    req = ne_request_create(sess, "GET", "/second");
    dc = ne_decompress_reader(req, acceptor, reader, &r);
    r.sum = CHECKSUM_INIT;
    r.bytes = r.blocks = r.maxblock = r.ends = 0;
    r.sizes[0] = '\0';
    print_result("dispatch", sess, ne_request_dispatch(req));
    print_reader(&r);
    ne_decompress_destroy(dc);
    ne_request_destroy(req);

    ne_session_destroy(sess);
    srv_finish(&s);
    free_script(&sc);
    free_buf(&ok);
}

int main(void)
{
    strcpy(tmpdir, "/tmp/neonrs-compress-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 3;
    }
    printf("has_support(NE_FEATURE_ZLIB) = %d\n", ne_has_support(NE_FEATURE_ZLIB));

    small = text(380, 1);
    small_gz = gzip(&small);
    /* Repetitive, so that its gzip form fits one write (and one block). */
    {
        struct buf unit = text(1500, 2);
        while (medium.n < 20000) put(&medium, unit.p, unit.n < 20000 - medium.n ? unit.n : 20000 - medium.n);
        free_buf(&unit);
    }
    medium_gz = gzip(&medium);
    big = text(1 << 20, 3);
    big_gz = gzip(&big);
    if (small_gz.n > 600 || medium_gz.n > 900) {
        fprintf(stderr, "test data compress worse than planned (%zu, %zu)\n", small_gz.n,
                medium_gz.n);
        return 3;
    }

    gzip_bodies();
    header_flags();
    header_pieces();
    other_encodings();
    corrupt();
    truncated();
    footer();
    acceptors_and_readers();
    no_body();
    retry();
    destroy();

    free_buf(&small);
    free_buf(&small_gz);
    free_buf(&medium);
    free_buf(&medium_gz);
    free_buf(&big);
    free_buf(&big_gz);
    rmdir(tmpdir);
    return 0;
}
