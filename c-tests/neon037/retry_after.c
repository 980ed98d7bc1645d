/* neon 0.35's ne_get_response_retry_after: Retry-After as a number of
 * seconds (read as strtoul reads it: signs, blanks, overflow, ULONG_MAX),
 * as an HTTP date in each of its three formats, and as garbage; missing
 * and repeated headers. Seconds are printed relative to the time of the
 * call, dates as time_t values. All responses on one connection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ne_session.h>
#include <ne_request.h>

#include "harness.h"

struct rcase {
    const char *fields; /* header lines, each ending in CRLF */
    int relative;       /* print as seconds after now */
};

static const struct rcase cases[] = {
    { "Retry-After: 120\r\n", 1 },
    { "Retry-After: 0\r\n", 1 },
    { "Retry-After:\r\n", 1 },
    { "Retry-After:    60   \r\n", 1 },
    { "Retry-After: \x0b" "60\r\n", 1 },
    { "Retry-After: +5\r\n", 1 },
    { "Retry-After: -5\r\n", 1 },
    { "Retry-After: -0\r\n", 1 },
    { "Retry-After: 007\r\n", 1 },
    { "Retry-After: 9223372036854775807\r\n", 1 },
    { "Retry-After: 18446744073709551614\r\n", 1 },
    { "Retry-After: 18446744073709551615\r\n", 0 },
    { "Retry-After: 99999999999999999999\r\n", 0 },
    { "Retry-After: -1\r\n", 0 },
    { "Retry-After: 60x\r\n", 0 },
    { "Retry-After: 1.5\r\n", 0 },
    { "Retry-After: 1 2\r\n", 0 },
    { "Retry-After: -\r\n", 0 },
    { "Retry-After: soon\r\n", 0 },
    { "Retry-After: Fri, 31 Dec 2010 23:59:59 GMT\r\n", 0 },
    { "Retry-After: Friday, 31-Dec-10 23:59:59 GMT\r\n", 0 },
    { "Retry-After: Fri Dec 31 23:59:59 2010\r\n", 0 },
    { "Retry-After: Sun, 06 Nov 1994 08:49:37 GMT\r\n", 0 },
    { "Retry-After: Thu, 01 Jan 1970 00:00:00 GMT\r\n", 0 },
    { "Retry-After: Fri, 31 Dec 2010 23:59:59 CET\r\n", 0 },
    { "Retry-After: Fri, 31 Dec 2010 23:59:59\r\n", 0 },
    { "Retry-After: Fri, 31 Dec 2010 25:61:61 GMT\r\n", 0 },
    { "Retry-After: Tue, 19 Jan 2038 03:14:08 GMT\r\n", 0 },
    { "RETRY-AFTER: 30\r\n", 1 },
    { "Retry-After: 10\r\nRetry-After: 20\r\n", 0 },
    { "X-Retry-After: 10\r\n", 0 },
    { "", 0 },
};

#define NCASES (sizeof cases / sizeof cases[0])

int main(void)
{
    const char *script[2 + 2 * NCASES + 1];
    char *sends[NCASES];
    struct srv s;
    ne_session *sess;
    size_t i, n = 0;

    script[n++] = "accept";
    for (i = 0; i < NCASES; i++) {
        char buf[512];
        snprintf(buf, sizeof buf,
                 "HTTP/1.1 503 Service Unavailable\r\n%sContent-Length: 0\r\n\r\n",
                 cases[i].fields);
        sends[i] = directive("send", buf);
        script[n++] = "read";
        script[n++] = sends[i];
    }
    script[n++] = "close";
    script[n] = NULL;

    srv_start(&s, script);
    s.quiet = 1;
    sess = test_session(s.port);
    for (i = 0; i < NCASES; i++) {
        ne_request *req = ne_request_create(sess, "GET", "/r");
        int ret = ne_request_dispatch(req), tries;
        time_t before, after, r = 0;

        /* The seconds count from the time of the call: retried (at most a
         * few times) until it does not straddle a second boundary. */
        for (tries = 0; tries < 5; tries++) {
            before = time(NULL);
            r = ne_get_response_retry_after(req);
            after = time(NULL);
            if (before == after) break;
        }
        printf("[");
        print_escaped(cases[i].fields, strlen(cases[i].fields));
        printf("] %s: ", ret_name(ret));
        if (r == 0)
            printf("0\n");
        else if (cases[i].relative)
            printf("now+%lu\n", (unsigned long)r - (unsigned long)before);
        else
            printf("%ld\n", (long)r);
        ne_request_destroy(req);
    }
    ne_session_destroy(sess);
    srv_finish(&s);
    for (i = 0; i < NCASES; i++) free(sends[i]);
    return 0;
}
