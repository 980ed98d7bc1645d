/* ne_dates.h: RFC 1123 formatting, and the RFC 1123, RFC 1036, asctime,
 * ISO 8601 and HTTP-date parsers on valid, odd and invalid dates. neon
 * converts with mktime() in the local zone and corrects by the zone offset,
 * so every result must be the same whatever TZ is: the parsers run under the
 * inherited zone, UTC, a fixed non-UTC offset and a zone with daylight
 * saving time. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ne_dates.h>

#include "harness.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void format_case(time_t t)
{
    char *d = ne_rfc1123_date(t);

    printf("rfc1123_date(%lld) ", (long long)t);
    print_str("=", d);
    if (d) printf("  parses back to %lld\n", (long long)ne_httpdate_parse(d));
    free(d);
}

static void formats(void)
{
    static const long long times[] = {
        0, 1, -1, 59, 60, 86399, 86400, -86400, 784111777, 992041186, 951782400, 951868800,
        2147483647LL, 2147483648LL, -2147483648LL, -2147483649LL, 4102444800LL,
        253402300799LL, 253402300800LL, 2534023008000LL, -62135596800LL, -62135596801LL,
        -62167219200LL, -62198755200LL, -2208988800LL, -2208988801LL, 67768036191676799LL,
        67768036191676800LL, -67768040609740800LL, -67768040609740801LL, 67767976233532799LL,
        67767976233532800LL, LLONG_MAX, LLONG_MIN, LLONG_MAX / 2, LLONG_MIN / 2,
        -93692592000LL, 1000000000000LL, -1000000000000LL,
    };
    long long t;
    size_t i;

    for (i = 0; i < N(times); i++) format_case((time_t)times[i]);
    /* Every ~53 days over 1850-2150, at varying times of day. */
    for (t = -3786825600LL; t < 5680281600LL; t += 53 * 86400 + 3797) format_case((time_t)t);
}

/* Dates in the normal ranges: no rollover of seconds, nothing near a change
 * of daylight saving time in the zones used below. */
static const char *const regular[] = {
    "Fri, 08 Jun 2001 22:59:46 GMT", "Friday, 08-Jun-01 22:59:46 GMT",
    "Wednesday, 06-Jun-01 22:59:46 GMT", "Wed Jun 06 22:59:46 2001", "2001-06-08T22:59:46Z",
    "2001-06-08T22:59:46.9Z", "2001-06-08T26:00:46+03:01", "2001-06-08T20:58:46-02:01",
    "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
    "Thu, 01 Jan 1970 00:00:00 GMT", "Wed, 31 Dec 1969 23:59:59 GMT", "Tue, 29 Feb 2000 12:00:00 GMT",
    "Mon, 15 Jan 2024 10:11:12 GMT", "Mon Jul 15 10:11:12 2024", "Monday, 15-Jul-24 10:11:12 GMT",
    "2024-07-15T10:11:12+05:30", "2024-01-15T10:11:12-08:00", "1999-12-31T23:59:59Z",
    "Fri, 31 Dec 9999 23:59:59 GMT", "Sat, 01 Jan 0000 00:00:00 GMT", "Mon, 01 Jan 1900 12:00:00 GMT",
    "Thu, 01 Jan 1800 12:00:00 GMT", "Tue, 19 Jan 2038 03:14:07 GMT", "Tue, 19 Jan 2038 03:14:08 GMT",
    "Fri, 13 Dec 1901 20:45:52 GMT", "2038-01-19T03:14:08Z", "1901-12-13T20:45:51Z",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Friday, 08-Jun-01", "", "garbage",
};

/* Everything else: sscanf's and mktime's leniencies, rollovers, odd syntax. */
static const char *const odd[] = {
    /* RFC 1123 */
    "Xyz, 08 Jun 2001 22:59:46 UTC", "Fri,08 Jun 2001 22:59:46", "  Fri,  8\tJun 2001 22:59:46 GMT",
    "Fri, 08 Jun 2001 22:59:46GMT trailing", "Fri, 08 jun 2001 22:59:46 GMT",
    "Fri, 08 JUN 2001 22:59:46 GMT", "Fri, 08 Ju 2001 22:59:46 GMT", "Fri, 08 June 2001 22:59:46 GMT",
    "Fri, 31 Feb 2001 24:60:60 GMT", "Fri, -1 Jun 2001 -1:-1:-1 GMT", "Fri, 08 Jun 12345 22:59:46 GMT",
    "Fri, 00 Jan 2001 00:00:00 GMT", "Fri, 99 Dec 9999 99:99:99 GMT", "Fri, 08 Jun -999 22:59:46 GMT",
    "Fri, 08 Jun +201 22:59:46 GMT", "Fri, 8 Jun 1 2:3:4 GMT", "Fri, 08 Jun 2001 22:59 GMT",
    "Fri, 08 Jun 2001 22:59:46", "Fri, 08 Jun 2001", "Fri 08 Jun 2001 22:59:46 GMT",
    "Friday, 08 Jun 2001 22:59:46 GMT", "Fri, 08-Jun-2001 22:59:46 GMT", "Fri, 0x8 Jun 2001 22:59:46 GMT",
    "Fri, 08 Jun 2001 22:59:4x GMT", "Fri, 08 Jun 2001 22:59:+4 GMT", "Fri, 08 Jun 2001 22 :59:46 GMT",
    "F, 08 Jun 2001 22:59:46 GMT", ", 08 Jun 2001 22:59:46 GMT", "Fri, 123 Jun 2001 22:59:46 GMT",
    "Fri,\n08\nJun\n2001\n22:59:46\nGMT", "Fri, 08 Jun 2001 22:59:60 GMT",
    /* RFC 1036 */
    "Sunday, 06-Nov-49 08:49:37 GMT", "Sunday, 06-Nov-50 08:49:37 GMT", "Sunday, 06-Nov--5 08:49:37 GMT",
    "Sunday, 06-Nov-00 08:49:37 GMT", "Sunday, 06-Nov-99 08:49:37 GMT", "Sunday, 06-Nov-1994 08:49:37 GMT",
    "Sunday, 06-No-94 08:49:37 GMT", "Sunday, 06-nov-94 08:49:37 GMT", "Sunday,06-Nov-94 08:49:37 GMT",
    "Sunday, 6-Nov-94 8:9:7 GMT", "Sunday, 06-Nov-94 08:49:37", "Wednesdayy, 06-Nov-94 08:49:37 GMT",
    "Wednesday,, 06-Nov-94 08:49:37 GMT", "Sunday, 06-Nov-94 08:49 GMT", "X 06-Nov-94 08:49:37 GMT",
    "Sunday, 06 -Nov-94 08:49:37 GMT", "Sunday, 06-Nov-9 08:49:37 GMT", "Sunday, 99-Dec-99 99:99:99 GMT",
    /* asctime */
    "Wed Jun 30 21:49:08 1993", "Wed Jun  6 22:59:46 2001", "Wed Jun 06 22:59:46 01",
    "Wed Jun 06 22:59:46 12345", "Wed jun 06 22:59:46 2001", "Wed Jun 06 22:59:46", "Wed Jun 06 2001",
    "Wednesday Jun 06 22:59:46 2001", "Wed,Jun 06 22:59:46 2001", "Wed Jun 32 25:61:61 2001",
    "Wed Xyz 06 22:59:46 2001", "Wed Jun 06 22:59:46 -1", "Wed Jun 06 22:59:46 2001 GMT",
    /* ISO 8601 */
    "2001-06-08T22:59:46", "2001-06-08T22:59:46+03", "2001-06-08T22:59:46.99999-00:00",
    "2001-06-09T00:59:46+02:00", "2001-06-08T22:59:4.6e1Z", "2001-06-08T22:59:0x2eZ",
    "2001-6-8T22:59:46Z", "2001-06-08 22:59:46Z", "2001-06-08T22:59Z", "2001-06-08T22:59:nanZ",
    "2001-06-08T22:59:NaN(1)Z", "2001-06-08T22:59:1e300Z", "2001-06-08T22:59:-infZ",
    "2001-06-08T22:59:infinityZ", "2001-06-08T22:59:infixZ", "2001-06-08T22:59:2147483647Z",
    "2001-06-08T22:59:2147483648Z", "2001-06-08T22:59:-2147483648.5Z", "2001-06-08T22:59:-0.5Z",
    "2001-06-08T22:59:46eZ", "2001-06-08T22:59:1e+Z", "2001-06-08T22:59:0xZ", "2001-06-08T22:59:.Z",
    "2001-06-08T22:59:.5Z", "2001-06-08T22:59:+.5e2Z", "2001-06-08T22:59:0x1.8p5Z",
    "2001-06-08T22:59:0x1.fffffffffffffffp5Z", "2001-06-08T22:59:59.99999999999999999999Z",
    "2001-06-08T22:59:46+3:7", "2001-06-08T22:59:46-99:99", "2001-06-08T22:59:46+-1:-1",
    "2001-06-08T22:59:46+03:30trailing", "2001-06-08T22:59:46 +03:30", "2001-06-08T22:59:46+03 :30",
    "2001-06-08T22:59:46Zjunk", "2001-06-08T22:59:46z", "2001-06-08t22:59:46Z",
    "20010-06-08T22:59:46Z", "-999-06-08T22:59:46Z", "9999-99-99T99:99:99+99:99",
    "0000-00-00T00:00:00Z", "2001-13-01T00:00:00Z", "2001-00-01T00:00:00Z", "2001--1-01T00:00:00Z",
    " 2001-06-08T22:59:46Z", "2001-06-08T22:59:46.9+01:00", "2001-06-08T22:59:1e-400Z",
    "2001-06-08T22:59:46e+01:00", "2001-06-08T22:59:\t46Z",
};

static void parse_case(const char *s)
{
    printf("[");
    print_escaped(s, strlen(s));
    printf("] rfc1123 %lld rfc1036 %lld asctime %lld iso8601 %lld httpdate %lld\n",
           (long long)ne_rfc1123_parse(s), (long long)ne_rfc1036_parse(s),
           (long long)ne_asctime_parse(s), (long long)ne_iso8601_parse(s),
           (long long)ne_httpdate_parse(s));
}

static void parse_list(const char *const *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) parse_case(list[i]);
}

static void with_tz(const char *tz)
{
    if (tz) setenv("TZ", tz, 1);
    else unsetenv("TZ");
    tzset();
    printf("-- TZ=%s\n", tz ? tz : "(unset)");
}

int main(void)
{
    formats();

    /* The inherited zone may observe daylight saving time: regular dates only. */
    with_tz(NULL);
    parse_list(regular, N(regular));

    with_tz("UTC0");
    parse_list(regular, N(regular));
    parse_list(odd, N(odd));

    with_tz("<+0530>-5:30");
    parse_list(regular, N(regular));
    parse_list(odd, N(odd));

    /* neon's own result drifts by an hour where mktime() meets a daylight
     * saving change (non-existent local times, seconds rolling over far); the
     * regular dates avoid those. */
    with_tz("EST5EDT,M3.2.0,M11.1.0");
    parse_list(regular, N(regular));
    return 0;
}
