/* ne_alloc.h: allocators that never return NULL, string duplication, the
 * OOM callback (registration only: the abort path cannot be observed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_alloc.h>

#include "harness.h"

static void oom(void)
{
    printf("oom callback called\n");
}

/* 1 if all 'len' bytes at 'p' equal 'c'. */
static int all_bytes(const unsigned char *p, size_t len, unsigned char c)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (p[i] != c) return 0;
    return 1;
}

static void strndup_case(const char *label, const char *s, size_t n)
{
    char *d = ne_strndup(s, n);

    printf("strndup %s n=%d: strlen %d, bytes ", label, (int)n, (int)strlen(d));
    putchar('[');
    print_escaped(d, n + 1);
    printf("]\n");
    ne_free(d);
}

int main(void)
{
    static const size_t sizes[] = { 0, 1, 7, 16, 100, 4096, 1 << 20 };
    unsigned char *p, *q;
    char *s;
    char big[10000];
    size_t i;

    ne_oom_callback(oom);
    printf("oom callback registered\n");

    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        p = ne_malloc(sizes[i]);
        memset(p, 0xa5, sizes[i]);
        printf("malloc %d: %s, writable %d\n", (int)sizes[i], p ? "non-NULL" : "NULL",
               all_bytes(p, sizes[i], 0xa5));
        ne_free(p);

        p = ne_calloc(sizes[i]);
        printf("calloc %d: %s, zeroed %d\n", (int)sizes[i], p ? "non-NULL" : "NULL",
               all_bytes(p, sizes[i], 0));
        ne_free(p);
    }

    /* Dirty a block, free it, then calloc the same size: still zeroed. */
    p = ne_malloc(256);
    memset(p, 0xff, 256);
    ne_free(p);
    p = ne_calloc(256);
    printf("calloc after dirty free: zeroed %d\n", all_bytes(p, 256, 0));

    /* realloc keeps the contents while growing and shrinking. */
    for (i = 0; i < 256; i++) p[i] = (unsigned char)i;
    q = ne_realloc(p, 100000);
    for (i = 0; i < 256 && q[i] == (unsigned char)i; i++)
        ;
    printf("realloc grow: %d bytes kept\n", (int)i);
    memset(q + 256, 0x11, 100000 - 256);
    q = ne_realloc(q, 10);
    for (i = 0; i < 10 && q[i] == (unsigned char)i; i++)
        ;
    printf("realloc shrink: %d bytes kept\n", (int)i);
    ne_free(q);

    p = ne_realloc(NULL, 32);
    memset(p, 'r', 32);
    printf("realloc NULL: %s, writable %d\n", p ? "non-NULL" : "NULL", all_bytes(p, 32, 'r'));
    ne_free(p);
    p = ne_realloc(NULL, 0);
    printf("realloc NULL 0: %s\n", p ? "non-NULL" : "NULL");
    ne_free(p);

    s = ne_strdup("hello, world");
    print_str("strdup", s);
    ne_free(s);
    s = ne_strdup("");
    print_str("strdup empty", s);
    ne_free(s);
    s = ne_strdup("\x01\x7f\xff tab\there");
    print_str("strdup bytes", s);
    ne_free(s);
    memset(big, 'b', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    s = ne_strdup(big);
    printf("strdup big: %d chars, equal %d, distinct %d\n", (int)strlen(s), strcmp(s, big) == 0,
           s != big);
    ne_free(s);

    strndup_case("prefix", "abcdef", 3);
    strndup_case("whole", "abcdef", 6);
    strndup_case("zero", "abcdef", 0);
    strndup_case("embedded NUL", "ab\0cd", 5);
    strndup_case("empty", "", 0);
    strndup_case("unterminated", big, 20);

    ne_oom_callback(NULL);
    printf("oom callback cleared\n");
    return 0;
}
