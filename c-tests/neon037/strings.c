/* neon 0.35/0.37 string and utility additions: ne_strhextoul (junk,
 * prefixes, overflow, errno and end pointer), ne_strlower/ne_strupper in
 * place, ne_mknonce, ne_version_library, ne_ssl_proto_name. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <ne_string.h>
#include <ne_utils.h>
#include <ne_ssl.h>

#include "harness.h"

static void hextoul(const char *s)
{
    const char *end = NULL;
    unsigned long v;

    errno = 12345;
    v = ne_strhextoul(s, &end);
    printf("strhextoul(");
    print_escaped(s, strlen(s));
    printf(") = ");
    if (v == ULONG_MAX)
        printf("ULONG_MAX");
    else
        printf("%lu", v);
    printf(" errno=%s end=+%d\n",
           errno == 0 ? "0" : errno == EINVAL ? "EINVAL" : errno == ERANGE ? "ERANGE" : "other",
           (int)(end - s));
}

static void cases(const char *s)
{
    char a[64], b[64];
    char *ra, *rb;

    strcpy(a, s);
    strcpy(b, s);
    ra = ne_strlower(a);
    rb = ne_strupper(b);
    printf("lower(");
    print_escaped(s, strlen(s));
    printf(") = ");
    print_escaped(a, strlen(a));
    printf(" same=%d; upper = ", ra == a);
    print_escaped(b, strlen(b));
    printf(" same=%d\n", rb == b);
}

static void nonce(size_t len)
{
    unsigned char a[300], b[300];
    int ra, rb;
    size_t i, guard = 0;

    memset(a, 0xa5, sizeof a);
    memset(b, 0xa5, sizeof b);
    ra = ne_mknonce(a, len, 0);
    rb = ne_mknonce(b, len, 0);
    for (i = len; i < sizeof a; i++)
        if (a[i] != 0xa5 || b[i] != 0xa5) guard++;
    /* Two random nonces of 8 bytes or more never collide in practice. */
    printf("mknonce(%zu) = %d, %d; beyond len untouched: %s; two nonces %s\n", len, ra, rb,
           guard ? "no" : "yes",
           len < 8 ? "(too short to compare)" : memcmp(a, b, len) ? "differ" : "EQUAL");
}

int main(void)
{
    static const char *const hex[] = {
        "0", "1a", "FF", "fFfF;ext", "DeadBeef\r\n", "10 ", "ffffffffffffffff",
        "10000000000000000", "123456789abcdef0123", "0x10", "0X1", "00x1", "g", "zz1",
        "x1", "", " 1", "\t1", "+1", "-1", ";1", "\x80" "1", "1g", "0000000000000000000001",
    };
    static const char *const words[] = {
        "", "abc", "ABC", "MiXeD 123 _-+", "\xc4\xe4 caf\xc3\xa9 \xff", "@[`{",
    };
    size_t i;

    for (i = 0; i < sizeof hex / sizeof hex[0]; i++) hextoul(hex[i]);
    {
        const char *s = "abc";
        errno = 0;
        printf("strhextoul without end pointer: %lu errno=%d\n", ne_strhextoul(s, NULL), errno);
    }

    for (i = 0; i < sizeof words / sizeof words[0]; i++) cases(words[i]);

    nonce(0);
    nonce(1);
    nonce(16);
    nonce(32);
    nonce(256);

    printf("version_library: %s\n", ne_version_library());
    printf("version_match(0, 37) = %d, (0, 27) = %d, (0, 32) = %d, (0, 26) = %d, (0, 38) = %d\n",
           ne_version_match(0, 37), ne_version_match(0, 27), ne_version_match(0, 32),
           ne_version_match(0, 26), ne_version_match(0, 38));

    for (i = 0; i <= 7; i++)
        printf("proto_name(%zu) = %s\n", i, ne_ssl_proto_name((enum ne_ssl_protocol)i));
    printf("proto_name(-1) = %s\n", ne_ssl_proto_name((enum ne_ssl_protocol)-1));
    printf("proto_name(1000) = %s\n", ne_ssl_proto_name((enum ne_ssl_protocol)1000));
    printf("proto names stable: %d\n",
           ne_ssl_proto_name(NE_SSL_PROTO_TLS_1_3) == ne_ssl_proto_name(NE_SSL_PROTO_TLS_1_3));
    return 0;
}
