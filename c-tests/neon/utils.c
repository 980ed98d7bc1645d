/* ne_utils.h: version matching, features, status-line parsing, debugging. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_utils.h>

#include "harness.h"

static void statusline(const char *line)
{
    ne_status st;
    int ret;

    memset(&st, 0, sizeof st);
    ret = ne_parse_statusline(line, &st);
    printf("parse [");
    print_escaped(line, strlen(line));
    printf("] -> %d", ret);
    if (ret == 0) {
        printf(" %d.%d %d class %d ", st.major_version, st.minor_version, st.code, st.klass);
        print_str("reason", st.reason_phrase);
        free(st.reason_phrase);
    } else {
        printf("\n");
    }
}

int main(void)
{
    static const char *const lines[] = {
        "HTTP/1.1 200 OK", "HTTP/1.0 404 Not Found", "HTTP/1.1   301   Moved  ",
        "xxHTTP/1.1 200 Garbage before", "HTTP/01.02 200 leading zeros", "HTTP/1.1 200",
        "HTTP/1.1 200 \t tab", "HTTP/1.1 200 ctrl\x01\x7f\x80 chars", "HTTP/2.0 500 x",
        "HTTP/1.1 20 short", "HTTP/1.1 2000 long", "HTTP/1.1 200\tOK", "HTTP/1 200 OK",
        "HTTP/1.x 200 OK", "ICY 200 OK", "", "HTTP/", "HTTP/1.1", "HTTP/1.1 ", "HTTP/1.1 abc",
        "HTTP/99999999999.1 200 overflow", "HTTP/1.1 999 high",
    };
    static const int versions[][2] = {
        /* (0, 33..37): c-tests/own/version_match.c, where neon-rs says
         * compatible and neon 0.32.5 does not. */
        {0, 26}, {0, 27}, {0, 30}, {0, 32}, {1, 0}, {1, 30}, {-1, 32}, {0, -1}, {0, 38},
    };
    /* Every code on which the libraries agree; NE_FEATURE_I18N (7) is 1 on
     * Debian's and 0 on ours (English only): c-tests/own/features.c has
     * ours' whole answer set. 9-11 are neon 0.34-0.37's GSSAPI, LIBPXY and
     * NTLM codes, unknown to 0.32.5. */
    static const int features[] = { NE_FEATURE_SSL, NE_FEATURE_ZLIB, NE_FEATURE_IPV6,
                                    NE_FEATURE_LFS, NE_FEATURE_SOCKS, NE_FEATURE_TS_SSL,
                                    NE_FEATURE_SSPI, 0, 9, 10, 11, 12, 100, -1 };
    size_t i;
    FILE *dbg;
    char buf[256];

    for (i = 0; i < sizeof versions / sizeof versions[0]; i++)
        printf("version_match(%d, %d) = %d\n", versions[i][0], versions[i][1],
               ne_version_match(versions[i][0], versions[i][1]));
    for (i = 0; i < sizeof features / sizeof features[0]; i++)
        printf("has_support(%d) = %d\n", features[i], ne_has_support(features[i]));
    printf("version string starts with 'neon 0.32.5: ': %d\n",
           strncmp(ne_version_string(), "neon 0.32.5: ", 13) == 0);

    for (i = 0; i < sizeof lines / sizeof lines[0]; i++)
        statusline(lines[i]);

    /* Debugging: only channels in the mask are written. */
    printf("debug mask initially %d, stream %s\n", ne_debug_mask, ne_debug_stream ? "set" : "NULL");
    dbg = tmpfile();
    ne_debug_init(dbg, NE_DBG_HTTP | NE_DBG_SOCKET);
    printf("debug mask %d, stream %s\n", ne_debug_mask, ne_debug_stream == dbg ? "ours" : "other");
    ne_debug(NE_DBG_HTTP, "http %d\n", 1);
    ne_debug(NE_DBG_XML, "xml %d\n", 2);
    ne_debug(NE_DBG_SOCKET | NE_DBG_FLUSH, "socket %s\n", "three");
    rewind(dbg);
    while (fgets(buf, sizeof buf, dbg)) printf("debug output: %s", buf);
    ne_debug_init(NULL, 0);
    fclose(dbg);
    return 0;
}
