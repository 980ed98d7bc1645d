/* Attempts of the verification matrix clients (neon_client.c, ssl_client.c).
 *
 * A client reads attempts from stdin, one a line:
 *     <case> <host> <version> <port> [<mode>]
 * (version is a label such as "tls1.2"; without a mode every mode of the
 * client is tried) and prints one line per attempt and mode:
 *     <case> <version> <client>/<mode>: ACCEPT|REFUSE <details>
 * ACCEPT means the connection was established and usable as the program's
 * pattern would use it (for VERIFY_NONE: and the verify result was X509_V_OK);
 * the details are deterministic (no ports, keys, dates or addresses).
 * Header-only (static functions); run.sh builds each client from one file.
 */
#ifndef NEONRS_VERIFY_ATTEMPTS_H
#define NEONRS_VERIFY_ATTEMPTS_H

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

/* Not every client uses every helper. */
#define ATTEMPTS_FN static __attribute__((unused))

struct attempt {
    char name[128], host[256], version[16], mode[32];
    int port;
};

/* Reads the next attempt; 0 at end of input. Malformed lines end the input
 * with a message (the runner writes them, so this is a runner bug). */
ATTEMPTS_FN int next_attempt(struct attempt *a)
{
    char line[1024];
    int n;

    if (!fgets(line, sizeof line, stdin)) return 0;
    a->mode[0] = '\0';
    n = sscanf(line, "%127s %255s %15s %d %31s", a->name, a->host, a->version, &a->port, a->mode);
    if (n < 4) {
        printf("bad attempt line: %s", line);
        return 0;
    }
    return 1;
}

/* Whether the attempt asks for this mode (or for all modes). */
ATTEMPTS_FN int wants(const struct attempt *a, const char *mode)
{
    return a->mode[0] == '\0' || strcmp(a->mode, mode) == 0;
}

/* Whether host is an IPv4 or IPv6 address literal. */
ATTEMPTS_FN int is_ip(const char *host)
{
    unsigned char buf[16];

    return inet_pton(AF_INET, host, buf) == 1 || inet_pton(AF_INET6, host, buf) == 1;
}

/* Appends s to buf (size n), escaping bytes outside printable ASCII as \xNN
 * and every occurrence of the decimal port as "PORT". */
ATTEMPTS_FN void append_clean(char *buf, size_t n, const char *s, int port)
{
    char num[16];
    const char *start = s;
    size_t len = strlen(buf), plen;

    snprintf(num, sizeof num, "%d", port);
    plen = strlen(num);
    for (; *s && len + 8 < n; s++) {
        unsigned char c = (unsigned char)*s;

        if (strncmp(s, num, plen) == 0 && (s[plen] < '0' || s[plen] > '9')
            && (s == start || s[-1] < '0' || s[-1] > '9')) {
            len += (size_t)snprintf(buf + len, n - len, "PORT");
            s += plen - 1;
        } else if (c < 0x20 || c > 0x7e) {
            len += (size_t)snprintf(buf + len, n - len, "\\x%02x", c);
        } else {
            buf[len++] = (char)c;
            buf[len] = '\0';
        }
    }
}

#endif
