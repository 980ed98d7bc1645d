/* ne_string.h: tokens, shaving, cleaning, base64, string buffers, escaping,
 * RFC 5987 parameters, hashing, case-insensitive comparison, formatting. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_string.h>

#include "harness.h"

/* Prints len bytes as "[escaped]". */
static void show(const char *data, size_t len)
{
    putchar('[');
    print_escaped(data, len);
    putchar(']');
}

/* Splits a copy of 'input' with ne_token (qtoken when quotes != NULL) until
 * the cursor is NULL or a token is NULL. */
static void tokens(const char *input, char sep, const char *quotes)
{
    char *copy = ne_strdup(input), *cursor = copy, *tok;

    printf("%s [", quotes ? "qtoken" : "token");
    print_escaped(input, strlen(input));
    printf("] sep ");
    print_escaped(&sep, 1);
    if (quotes) printf(" quotes [%s]", quotes);
    printf(":");
    while (cursor != NULL) {
        char *before = cursor;
        tok = quotes ? ne_qtoken(&cursor, sep, quotes) : ne_token(&cursor, sep);
        if (tok == NULL) {
            printf(" NULL (cursor %s)", cursor == before ? "unchanged" : "moved");
            break;
        }
        printf(" ");
        show(tok, strlen(tok));
        printf("@%d", (int)(tok - copy));
        if (cursor) printf(" next@%d", (int)(cursor - copy));
    }
    printf("\n");
    free(copy);
}

static void test_tokens(void)
{
    char nulsep[] = "abc";
    char *cursor = nulsep, *tok;

    tokens("a,b,,c", ',', NULL);
    tokens("abc", ',', NULL);
    tokens("", ',', NULL);
    tokens(",", ',', NULL);
    tokens("a,b,", ',', NULL);
    tokens("key=value=more", '=', NULL);
    tokens("a,\"b,c\",d", ',', "\"");
    tokens("'x,\"y',z", ',', "\"'");
    tokens("a,\"b", ',', "\"");
    tokens("\"unterminated", ',', "\"");
    tokens("a\"\"b,c", ',', "\"");
    tokens("a,b", ',', "");
    tokens("a\"b\"c\"d", '"', "\"");
    tokens("x<a,b>,y", ',', "<>");
    tokens("x<a,b<,y", ',', "<>");
    tokens("", ',', "\"");
    tokens("a, b ,c", ',', "\"");

    /* A NUL separator matches the terminator: the cursor ends past it. */
    tok = ne_token(&cursor, '\0');
    printf("token NUL sep: [%s], cursor advanced by %d\n", tok, (int)(cursor - nulsep));
    cursor = nulsep;
    tok = ne_qtoken(&cursor, '\0', "\"");
    printf("qtoken NUL sep: [%s], cursor %s\n", tok, cursor ? "set" : "NULL");
}

static void shave(const char *input, const char *ws)
{
    char *copy = ne_strdup(input), *ret = ne_shave(copy, ws);

    printf("shave [");
    print_escaped(input, strlen(input));
    printf("] by [");
    print_escaped(ws, strlen(ws));
    printf("] -> ");
    show(ret, strlen(ret));
    printf(" at %d\n", (int)(ret - copy));
    free(copy);
}

static void test_shave_clean(void)
{
    char all[256];
    int i;

    shave("  abc  ", " ");
    shave("abc", " ");
    shave("", " ");
    shave("     ", " ");
    shave("\t\r\n a b \n\t", " \t\r\n");
    shave("xxaxbxx", "x");
    shave(" a ", "");
    shave("\"quoted\"", "\"");
    shave("abcba", "ab");

    for (i = 1; i < 256; i++) all[i - 1] = (char)i;
    all[255] = '\0';
    printf("strclean returns its argument: %d\n", ne_strclean(all) == all);
    printf("strclean 1..255: ");
    show(all, strlen(all));
    printf("\n");
    all[0] = '\0';
    printf("strclean empty: [%s]\n", ne_strclean(all));
}

static void base64_one(const unsigned char *data, size_t len)
{
    char *enc = ne_base64(data, len);
    unsigned char *dec = NULL;
    size_t n;

    printf("base64 %d bytes -> [%s]", (int)len, enc);
    n = ne_unbase64(enc, &dec);
    if (len == 0) {
        printf(" decodes to %d\n", (int)n);
    } else {
        printf(" round trip %s\n", n == len && memcmp(dec, data, len) == 0 ? "ok" : "FAILED");
        free(dec);
    }
    free(enc);
}

static void unbase64(const char *text)
{
    unsigned char *out = NULL;
    size_t n = ne_unbase64(text, &out);

    printf("unbase64 [");
    print_escaped(text, strlen(text));
    printf("] -> %d", (int)n);
    if (n > 0) {
        printf(" ");
        show((const char *)out, n);
        free(out);
    }
    printf("\n");
}

static void test_base64(void)
{
    static const char *const bad[] = {
        "", "Y", "YW", "YWJ", "YWJjZ", "YW=j", "Y=Jj", "=WJj", "Y===", "====", "YW J",
        "YW-_", "YWJj\n", "YWJj YWJj", "YWJ\x80", "YW\x01j", "QQ==QUJD", "QR==", "QUJ=",
        "QUK=", "AAAA", "////", "++++", "YWJj====", "QQ=A", "QQ==\r\n",
    };
    unsigned char bytes[1000];
    size_t i;
    char *enc;
    unsigned char *dec;

    for (i = 0; i < sizeof bytes; i++) bytes[i] = (unsigned char)(i * 7 + 3);
    for (i = 0; i <= 10; i++) base64_one(bytes, i);
    base64_one((const unsigned char *)"Aladdin:open sesame", 19);
    base64_one((const unsigned char *)"\xfb\xff\xfe", 3);
    base64_one((const unsigned char *)"\0\0\0\0", 4);
    for (i = 0; i < 256; i++) bytes[i] = (unsigned char)i;
    base64_one(bytes, 256);
    enc = ne_base64(NULL, 0);
    printf("base64 NULL, 0 -> [%s]\n", enc);
    free(enc);

    /* Long input: length and a digest of the encoding. */
    for (i = 0; i < sizeof bytes; i++) bytes[i] = (unsigned char)(i * 7 + 3);
    enc = ne_base64(bytes, sizeof bytes);
    {
        char *h = ne_strhash(NE_HASH_SHA256, enc, NULL);
        size_t n = ne_unbase64(enc, &dec);
        printf("base64 1000 bytes: %d chars, sha256 %s, decodes to %d bytes %s\n",
               (int)strlen(enc), h, (int)n, memcmp(dec, bytes, n) == 0 ? "equal" : "DIFFERENT");
        free(h);
        free(dec);
    }
    free(enc);

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) unbase64(bad[i]);
}

/* Prints a buffer's fields and contents. */
static void show_buffer(const char *what, const ne_buffer *b)
{
    printf("%s: used %d length %d size %d ", what, (int)b->used, (int)b->length,
           (int)ne_buffer_size(b));
    show(b->data, b->used - 1);
    printf("\n");
}

static void test_buffers(void)
{
    ne_buffer *b = ne_buffer_create();
    size_t i, last, ret;
    char *s;
    static const unsigned char quoted[] = "q\"uote\\ \0nul\x01\x1f\x7f\x80\xff\t\r\n~";

    show_buffer("create", b);
    ne_buffer_zappend(b, "hello");
    show_buffer("zappend", b);
    ne_buffer_append(b, ", world", 7);
    show_buffer("append", b);
    ne_buffer_append(b, "xyz", 0);
    show_buffer("append 0", b);
    ne_buffer_append(b, NULL, 0);
    show_buffer("append NULL 0", b);
    ne_buffer_zappend(b, "");
    show_buffer("zappend empty", b);
    ne_buffer_czappend(b, "!lit");
    show_buffer("czappend", b);
    ne_buffer_concat(b, " a", " b", "", " c", NULL);
    show_buffer("concat", b);
    ne_buffer_concat(b, NULL);
    show_buffer("concat none", b);
    ret = ne_buffer_snprintf(b, 5, "%s", "abcdefgh");
    printf("snprintf max 5 returned %d\n", (int)ret);
    show_buffer("snprintf", b);
    ret = ne_buffer_snprintf(b, 100, "[%d|%05.1f|%x|%c]", -42, 3.14159, 255u, 'Z');
    printf("snprintf returned %d\n", (int)ret);
    show_buffer("snprintf", b);
    ne_buffer_qappend(b, quoted, sizeof quoted - 1);
    show_buffer("qappend", b);
    ne_buffer_qappend(b, NULL, 0);
    show_buffer("qappend NULL 0", b);

    /* Embedded NUL: copied, counted in used. */
    ne_buffer_append(b, "A\0B", 3);
    printf("append with NUL: used %d strlen %d tail ", (int)b->used, (int)strlen(b->data));
    show(b->data + b->used - 4, 4);
    printf("\n");
    ne_buffer_altered(b);
    show_buffer("altered", b);

    /* Altered after editing data directly. */
    b->data[5] = '\0';
    ne_buffer_altered(b);
    show_buffer("truncated+altered", b);

    ne_buffer_clear(b);
    show_buffer("clear", b);
    for (i = 0; i < b->length && b->data[i] == '\0'; i++)
        ;
    printf("clear zeroed %d of %d bytes\n", (int)i, (int)b->length);

    /* Growth: lengths as 1-byte appends cross each boundary. */
    last = b->length;
    printf("growth:");
    for (i = 0; i < 2100; i++) {
        ne_buffer_append(b, "x", 1);
        if (b->length != last) {
            printf(" used %d -> length %d;", (int)b->used, (int)b->length);
            last = b->length;
        }
    }
    printf("\n");
    printf("after 2100 appends: used %d size %d all x: %d\n", (int)b->used,
           (int)ne_buffer_size(b), (int)strspn(b->data, "x") == 2100);
    ne_buffer_destroy(b);

    /* ne_buffer_grow rounds up to a multiple of 512 above the size. */
    b = ne_buffer_ncreate(10);
    show_buffer("ncreate 10", b);
    {
        static const size_t sizes[] = { 0, 5, 10, 11, 511, 512, 513, 1023, 1024, 1025, 100, 4000 };
        for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            ne_buffer_grow(b, sizes[i]);
            printf("grow %d -> length %d used %d\n", (int)sizes[i], (int)b->length, (int)b->used);
        }
    }
    s = ne_buffer_finish(b);
    printf("finish: [%s]\n", s);
    free(s);

    b = ne_buffer_ncreate(0);
    printf("ncreate 0: used %d length %d\n", (int)b->used, (int)b->length);
    ne_buffer_zappend(b, "abc");
    show_buffer("ncreate 0 + zappend", b);
    ne_buffer_destroy(b);

    b = ne_buffer_ncreate(1);
    ne_buffer_zappend(b, "");
    show_buffer("ncreate 1 + empty", b);
    ne_buffer_append(b, "0123456789", 10);
    show_buffer("ncreate 1 + 10", b);
    ne_buffer_destroy(b);

    b = ne_buffer_ncreate(4);
    ne_buffer_zappend(b, "abc");
    show_buffer("ncreate 4 + 3", b);
    ne_buffer_snprintf(b, 3, "%d", 12345);
    show_buffer("snprintf max 3 grows", b);
    ne_buffer_destroy(b);

    /* A long append in one go. */
    b = ne_buffer_create();
    {
        char big[5000];
        memset(big, 'y', sizeof big);
        ne_buffer_append(b, big, sizeof big);
        ne_buffer_zappend(b, "end");
        printf("big append: used %d length %d tail [%s]\n", (int)b->used, (int)b->length,
               b->data + b->used - 4);
    }
    ne_buffer_destroy(b);
}

static void strerror_case(int errnum, size_t buflen)
{
    char buf[300];
    char *ret;

    memset(buf, 'X', sizeof buf);
    ret = ne_strerror(errnum, buf, buflen);
    printf("strerror(%d, %d): %s ", errnum, (int)buflen, ret == buf ? "buf" : "OTHER");
    show(buf, buflen < sizeof buf ? buflen + 1 : buflen);
    printf("\n");
}

static void test_strerror(void)
{
    static const int errs[] = { 0, EPERM, ENOENT, EACCES, EINVAL, ETIMEDOUT, ECONNREFUSED,
                                EHWPOISON, 134, 9999, -1, -200 };
    static const size_t lens[] = { 1, 2, 5, 12, 16, 40, 256 };
    size_t i, j;

    for (i = 0; i < sizeof errs / sizeof errs[0]; i++)
        for (j = 0; j < sizeof lens / sizeof lens[0]; j++)
            strerror_case(errs[i], lens[j]);
}

static void casecmp(const char *a, const char *b)
{
    printf("strcasecmp [%s] [%s] = %d;", a, b, ne_strcasecmp(a, b));
    printf(" strncasecmp n=0 %d n=1 %d n=3 %d n=100 %d\n", ne_strncasecmp(a, b, 0),
           ne_strncasecmp(a, b, 1), ne_strncasecmp(a, b, 3), ne_strncasecmp(a, b, 100));
}

static void test_case(void)
{
    static const char *const pairs[][2] = {
        { "abc", "abc" }, { "ABC", "abc" }, { "aBcD", "AbCe" }, { "abc", "ab" },
        { "ab", "abc" }, { "", "" }, { "", "a" }, { "a", "" }, { "[", "a" }, { "_", "A" },
        { "Z", "z" }, { "@", "`" }, { "\xe9t\xe9", "\xc9T\xc9" }, { "\xff", "\x01" },
        { "HTTP/1.1", "http/1.0" }, { "Content-Length", "content-length" },
    };
    const unsigned char *table = ne_tolower_array();
    char unterminated[3] = { 'A', 'b', 'C' };
    const char *same = "Same";
    size_t i;
    int c;

    for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) casecmp(pairs[i][0], pairs[i][1]);
    printf("same pointer: %d %d\n", ne_strcasecmp(same, same), ne_strncasecmp(same, same, 4));
    printf("unterminated, n=3: %d\n", ne_strncasecmp(unterminated, "aBc", 3));

    printf("tolower table:\n");
    for (i = 0; i < 256; i += 16) {
        size_t k;
        printf("  %02x:", (unsigned)i);
        for (k = 0; k < 16; k++) printf(" %02x", table[i + k]);
        printf("\n");
    }
    printf("ne_tolower: %c %c %c %d\n", ne_tolower('Q'), ne_tolower('q'), ne_tolower('5'),
           ne_tolower('\xc4'));
    printf("NE_ASC2HEX:");
    for (c = 0; c < 22; c++) {
        char ch = "0123456789abcdefABCDEF"[c];
        printf(" %d", NE_ASC2HEX(ch));
    }
    printf("\nNE_HEX2ASC:");
    for (c = 0; c < 16; c++) printf(" %c", NE_HEX2ASC(c));
    printf("\n");
}

static void qdup(const char *label, const unsigned char *data, size_t len)
{
    char *q = ne_strnqdup(data, len);

    printf("strnqdup %s (%d) -> ", label, (int)len);
    show(q, strlen(q));
    printf("\n");
    free(q);
}

static void test_strnqdup(void)
{
    unsigned char all[256];
    int i;

    for (i = 0; i < 256; i++) all[i] = (unsigned char)i;
    qdup("all bytes", all, 256);
    qdup("empty", (const unsigned char *)"", 0);
    qdup("NULL", NULL, 0);
    qdup("quotes", (const unsigned char *)"\"it's\" \\back\\", 13);
    qdup("controls", (const unsigned char *)"a\0b\r\n\tc\x1b[0m", 11);
    qdup("prefix only", (const unsigned char *)"abcdef", 3);
    qdup("utf-8", (const unsigned char *)"caf\xc3\xa9", 5);
}

static void strparam(const char *charset, const char *lang, const char *value)
{
    char *p = ne_strparam(charset, lang, (const unsigned char *)value);

    printf("strparam %s %s [", charset, lang ? lang : "(null)");
    print_escaped(value, strlen(value));
    printf("] -> ");
    if (p) show(p, strlen(p));
    else printf("NULL");
    printf("\n");
    free(p);
}

static void test_strparam(void)
{
    char all[256];
    char printable[96];
    int i;

    strparam("UTF-8", NULL, "plain.txt");
    strparam("UTF-8", NULL, "");
    strparam("UTF-8", "en", "hello world");
    strparam("UTF-8", NULL, "\xe2\x82\xac rates");
    strparam("ISO-8859-1", "en-GB", "caf\xe9");
    strparam("ISO-8859-1", "", "a\"b;c");
    strparam("UTF-8", "de", "!#$&+-.^_`|~AZaz09");
    strparam("UTF-8", NULL, "%");
    strparam("utf-8", "x-klingon", "a'b*c(d)e,f/g:h<i=j>k?l@m[n\\o]p{q}r");
    for (i = 0; i < 95; i++) printable[i] = (char)(i + 32);
    printable[95] = '\0';
    strparam("UTF-8", NULL, printable);
    for (i = 1; i < 256; i++) all[i - 1] = (char)i;
    all[255] = '\0';
    strparam("UTF-8", "en", all);
}

/* ne_vstrhash through a va_list. */
static char *vhash(unsigned int flags, ...)
{
    va_list ap;
    char *ret;

    va_start(ap, flags);
    ret = ne_vstrhash(flags, ap);
    va_end(ap);
    return ret;
}

static void hashes(unsigned int flags)
{
    char *h1 = ne_strhash(flags, NULL);
    char *h2 = ne_strhash(flags, "", NULL);
    char *h3 = ne_strhash(flags, "abc", NULL);
    char *h4 = ne_strhash(flags, "a", "", "b", "c", NULL);
    char *h5 = vhash(flags, "user", ":", "realm", ":", "password", NULL);

    printf("strhash 0x%04x none: %s\n", flags, h1 ? h1 : "NULL");
    printf("strhash 0x%04x empty: %s\n", flags, h2 ? h2 : "NULL");
    printf("strhash 0x%04x abc: %s\n", flags, h3 ? h3 : "NULL");
    printf("strhash 0x%04x a,,b,c: %s %s\n", flags, h4 ? h4 : "NULL",
           h3 && h4 ? (strcmp(h3, h4) == 0 ? "same" : "DIFFERENT") : "-");
    printf("vstrhash 0x%04x: %s\n", flags, h5 ? h5 : "NULL");
    free(h1);
    free(h2);
    free(h3);
    free(h4);
    free(h5);
}

static void test_hash(void)
{
    static const unsigned int algs[] = { NE_HASH_MD5, NE_HASH_SHA256, NE_HASH_SHA512,
                                         NE_HASH_SHA512_256 };
    static const unsigned int fmts[] = { 0, NE_HASH_COLON, NE_HASH_SPACE,
                                         NE_HASH_COLON | NE_HASH_SPACE };
    static const unsigned int odd[] = { 0, 5, 6, 15, 0x10, 0x11, 0x4001, 0x0102 | NE_HASH_SPACE,
                                        NE_HASH_COLON };
    size_t i, j;
    char big[10001];
    char *h;

    for (i = 0; i < 4; i++)
        for (j = 0; j < 4; j++) hashes(algs[i] | fmts[j]);
    for (i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        h = ne_strhash(odd[i], "abc", NULL);
        printf("strhash 0x%04x abc: %s\n", odd[i], h ? h : "NULL");
        free(h);
    }
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    for (i = 0; i < 4; i++) {
        h = ne_strhash(algs[i], big, big, NULL);
        printf("strhash 0x%04x 2x10000: %s\n", algs[i], h);
        free(h);
    }
}

static void test_concat_printf(void)
{
    char *s;
    char buf[16];
    size_t n;

    s = ne_concat("a", "bc", "", "def", NULL);
    printf("concat: [%s]\n", s);
    free(s);
    s = ne_concat("", NULL);
    printf("concat empty: [%s]\n", s);
    free(s);
    s = ne_concat("only", NULL);
    printf("concat one: [%s]\n", s);
    free(s);
    {
        char big[3000];
        memset(big, 'q', sizeof big - 1);
        big[sizeof big - 1] = '\0';
        s = ne_concat(big, "-", big, NULL);
        printf("concat big: %d chars, middle [%c]\n", (int)strlen(s), s[2999]);
        free(s);
    }

    n = ne_snprintf(buf, sizeof buf, "%s-%d", "value", 12345);
    printf("snprintf: %d [%s]\n", (int)n, buf);
    n = ne_snprintf(buf, sizeof buf, "%s", "this is longer than sixteen");
    printf("snprintf truncated: %d [%s]\n", (int)n, buf);
    n = ne_snprintf(buf, 1, "%s", "abc");
    printf("snprintf size 1: %d [%s]\n", (int)n, buf);
    n = ne_snprintf(buf, sizeof buf, "%s", "");
    printf("snprintf empty: %d [%s]\n", (int)n, buf);
    n = ne_snprintf(buf, sizeof buf, "%c%c%c", 'a', 0, 'b');
    printf("snprintf embedded NUL: %d [%s]\n", (int)n, buf);
    n = ne_snprintf(buf, sizeof buf, "%5.2f|%-4d|%%", 2.5, 7);
    printf("snprintf formats: %d [%s]\n", (int)n, buf);
}

/* ne_vsnprintf through a va_list. */
static size_t vformat(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static size_t vformat(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    size_t n;

    va_start(ap, fmt);
    n = ne_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

static void test_vsnprintf(void)
{
    char buf[10];
    size_t n;

    n = vformat(buf, sizeof buf, "%d/%s", 42, "x");
    printf("vsnprintf: %d [%s]\n", (int)n, buf);
    n = vformat(buf, sizeof buf, "%s", "0123456789abcdef");
    printf("vsnprintf truncated: %d [%s]\n", (int)n, buf);
}

int main(void)
{
    test_tokens();
    test_shave_clean();
    test_base64();
    test_buffers();
    test_strerror();
    test_case();
    test_strnqdup();
    test_strparam();
    test_hash();
    test_concat_printf();
    test_vsnprintf();
    return 0;
}
