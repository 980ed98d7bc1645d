/* ne_md5.h: digests of many lengths fed in various ways, context state
 * (ne_md5_read_ctx gives the raw chaining state in Debian's OpenSSL build),
 * dup/reset, finishing twice, hex conversions, and ne_md5_stream. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_md5.h>

#include "harness.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static unsigned char data[70000];

static void hex(const char *label, const unsigned char d[16])
{
    char ascii[33];

    ne_md5_to_ascii(d, ascii);
    printf("%s %s\n", label, ascii);
}

static void read_state(const char *label, const struct ne_md5_ctx *ctx)
{
    unsigned char state[16];
    char l[64];
    void *ret = ne_md5_read_ctx(ctx, state);

    snprintf(l, sizeof l, "  %s state (returns buffer: %d)", label, ret == state);
    hex(l, state);
}

/* The digest of data[0..len) fed in chunks of `chunk` bytes. */
static void digest_chunked(size_t len, size_t chunk)
{
    struct ne_md5_ctx *ctx = ne_md5_create_ctx();
    unsigned char d[16];
    size_t off;
    char label[64];
    void *ret;

    for (off = 0; off < len; off += chunk)
        ne_md5_process_bytes(data + off, len - off < chunk ? len - off : chunk, ctx);
    ret = ne_md5_finish_ctx(ctx, d);
    snprintf(label, sizeof label, "len %zu chunk %zu (returns buffer: %d)", len, chunk, ret == d);
    hex(label, d);
    ne_md5_destroy_ctx(ctx);
}

static void lengths(void)
{
    static const size_t chunks[] = { 1, 7, 63, 64, 65, 100, 4096 };
    static const size_t big[] = { 1000, 4095, 4096, 4097, 8191, 65536, 65539, 70000 };
    size_t len, i;

    for (len = 0; len <= 200; len++) digest_chunked(len, len ? len : 1);
    for (len = 0; len <= 200; len += 13)
        for (i = 0; i < N(chunks); i++) digest_chunked(len, chunks[i]);
    for (i = 0; i < N(big); i++) {
        digest_chunked(big[i], big[i]);
        digest_chunked(big[i], 1000);
    }
}

static void known(void)
{
    static const char *const strs[] = {
        "", "a", "abc", "message digest", "abcdefghijklmnopqrstuvwxyz",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
    };
    char zzz[500], ascii[33];
    struct ne_md5_ctx *ctx;
    size_t i;

    for (i = 0; i < N(strs); i++) {
        ctx = ne_md5_create_ctx();
        ne_md5_process_bytes(strs[i], strlen(strs[i]), ctx);
        printf("md5(\"%s\") = %s\n", strs[i], ne_md5_finish_ascii(ctx, ascii));
        ne_md5_destroy_ctx(ctx);
    }
    ctx = ne_md5_create_ctx();
    ne_md5_process_bytes("foobar", 7, ctx);
    printf("md5(foobar with NUL) = %s\n", ne_md5_finish_ascii(ctx, ascii));
    ne_md5_destroy_ctx(ctx);
    memset(zzz, 'z', sizeof zzz);
    ctx = ne_md5_create_ctx();
    ne_md5_process_bytes(zzz, sizeof zzz, ctx);
    printf("md5(z x 500) = %s\n", ne_md5_finish_ascii(ctx, ascii));
    ne_md5_destroy_ctx(ctx);
}

static void blocks(void)
{
    struct ne_md5_ctx *ctx = ne_md5_create_ctx();
    unsigned char d[16];

    /* process_block with whole blocks, then bytes; and odd lengths (the
     * OpenSSL build accepts any length). */
    ne_md5_process_block(data, 128, ctx);
    read_state("after 2 blocks", ctx);
    ne_md5_process_bytes(data + 128, 10, ctx);
    ne_md5_process_block(data + 138, 64, ctx);
    ne_md5_process_block(data + 202, 3, ctx);
    ne_md5_process_bytes(data + 205, 0, ctx);
    ne_md5_process_bytes(NULL, 0, ctx);
    ne_md5_finish_ctx(ctx, d);
    hex("blocks and bytes", d);
    ne_md5_destroy_ctx(ctx);
    digest_chunked(205, 205);

    /* Unaligned input. */
    ctx = ne_md5_create_ctx();
    ne_md5_process_bytes(data + 1, 65, ctx);
    ne_md5_finish_ctx(ctx, d);
    hex("unaligned 65 bytes", d);
    ne_md5_destroy_ctx(ctx);
}

static void state(void)
{
    struct ne_md5_ctx *ctx = ne_md5_create_ctx(), *dup;
    unsigned char d[16], d2[16];
    char ascii[33];

    read_state("fresh", ctx);
    ne_md5_process_bytes(data, 63, ctx);
    read_state("after 63 bytes", ctx);
    ne_md5_process_bytes(data + 63, 1, ctx);
    read_state("after 64 bytes", ctx);
    ne_md5_process_bytes(data + 64, 1, ctx);
    read_state("after 65 bytes", ctx);

    dup = ne_md5_dup_ctx(ctx);
    read_state("dup", dup);
    ne_md5_process_bytes("x", 1, dup);
    ne_md5_finish_ctx(dup, d);
    hex("dup + x", d);
    ne_md5_finish_ctx(ctx, d2);
    hex("original", d2);
    read_state("original after finish", ctx);

    /* OpenSSL keeps the digest as the state and the length count: more data
     * and a second finish continue from there. */
    ne_md5_finish_ctx(ctx, d);
    hex("finished twice", d);
    ne_md5_process_bytes(data, 100, ctx);
    read_state("more data after finish", ctx);
    printf("finish again: %s\n", ne_md5_finish_ascii(ctx, ascii));

    ne_md5_reset_ctx(ctx);
    read_state("reset", ctx);
    ne_md5_finish_ctx(ctx, d);
    hex("reset then finish", d);
    ne_md5_reset_ctx(dup);
    ne_md5_process_bytes(data, 70000, dup);
    read_state("reset dup after 70000", dup);
    ne_md5_destroy_ctx(dup);
    ne_md5_destroy_ctx(ctx);
    ne_md5_destroy_ctx(NULL);
}

static void conversions(void)
{
    static const char *const strs[] = {
        "d41d8cd98f00b204e9800998ecf8427e", "D41D8CD98F00B204E9800998ECF8427E",
        "0123456789abcdeffedcba9876543210", "ffffffffffffffffffffffffffffffff",
        "00000000000000000000000000000000", "zz !\xff\x80GHIJKLMNOPQRSTUVWXYZghijklm",
        "0x0X:;<=>?@[`{~~~~~~~~~~~~~~~~~~", "\x01\x7f\xa0\xc3\xa9........................",
    };
    unsigned char bin[16], all[16];
    char ascii[33], hexbuf[48];
    size_t i, j;

    for (i = 0; i < N(strs); i++) {
        memset(hexbuf, 0, sizeof hexbuf);
        memcpy(hexbuf, strs[i], 32);
        ne_ascii_to_md5(hexbuf, bin);
        printf("ascii_to_md5 [");
        print_escaped(hexbuf, 32);
        printf("] =");
        for (j = 0; j < 16; j++) printf(" %02x", bin[j]);
        printf("\n");
        ne_md5_to_ascii(bin, ascii);
        printf("  back: %s\n", ascii);
    }
    for (i = 0; i < 16; i++) {
        for (j = 0; j < 16; j++) all[j] = (unsigned char)(i * 16 + j);
        hex("to_ascii", all);
    }
}

static void stream_case(size_t len, long skip)
{
    FILE *f = tmpfile();
    unsigned char d[16];
    int ret;
    char label[64];

    fwrite(data, 1, len, f);
    fseek(f, skip, SEEK_SET);
    ret = ne_md5_stream(f, d);
    snprintf(label, sizeof label, "stream %zu bytes from %ld: %d", len, skip, ret);
    hex(label, d);
    fclose(f);
}

static void streams(void)
{
    static const size_t sizes[] = { 0, 1, 63, 64, 65, 4095, 4096, 4097, 8192, 10000, 12288, 70000 };
    size_t i;
    FILE *w;
    unsigned char d[16];

    for (i = 0; i < N(sizes); i++) stream_case(sizes[i], 0);
    stream_case(10000, 5000);
    stream_case(100, 100);
    /* Reading a write-only stream fails. */
    w = fopen("/dev/null", "w");
    printf("stream on a write-only file: %d\n", ne_md5_stream(w, d));
    fclose(w);
}

int main(void)
{
    size_t i;

    for (i = 0; i < sizeof data; i++) data[i] = (unsigned char)((i * 131 + (i >> 8) * 7) & 0xff);
    known();
    lengths();
    blocks();
    state();
    conversions();
    streams();
    return 0;
}
