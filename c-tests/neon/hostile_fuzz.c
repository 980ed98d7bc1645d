/* Hostile server: mutated responses. Representative responses (Content-
 * Length, chunked with extension and trailer, interim then final, 204,
 * HTTP/1.0 keep-alive with a smuggled response, folding and a listed
 * Content-Length) get one to eight random edits each: a byte deleted, a
 * byte replaced by any value, or a token inserted (CR, LF, CRLF, blanks,
 * colon, semicolon, comma, NUL, digits, signs, "HTTP/1.1 ", "chunked", an
 * empty line, 0xff). Each mutant answers a GET, HEAD or PUT and is followed
 * by a GET on the same session (hostile.h h_case), which shows what the
 * mutant left on the connection. The body is read in blocks of 1, 7, 1024
 * or 8192 bytes (the last straight from the socket).
 *
 * The generator is a fixed xorshift sequence, so every run serves the same
 * mutants; each case prints the mutant it served. NEONRS_FUZZ_CASES sets
 * how many (default 1500: about 8 s under valgrind); 20000 ran identical
 * on both libraries when this was written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>

#include "hostile.h"

static unsigned long long state = 0x2545f4914f6cdd1dULL;

static unsigned rnd(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (unsigned)(state >> 11);
}

static const char *const seeds[] = {
    "HTTP/1.1 200 OK\r\nServer: h\r\nContent-Length: 10\r\n\r\nabcdefghij",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    "5;ext=v\r\nhello\r\n3\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n",
    "HTTP/1.1 100 Continue\r\nX-I: 1\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
    "HTTP/1.1 204 No Content\r\nX-A: b\r\n\r\n",
    "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 3\r\n\r\nabc"
    "HTTP/1.1 201 S\r\nContent-Length: 1\r\n\r\nz",
    "HTTP/1.1 200 OK\r\nX-F: a\r\n b\r\nContent-Length: 2, 2\r\n\r\nok",
};

/* Inserted tokens; "" stands for a NUL byte. */
static const char *const tokens[] = {
    "\r", "\n", "\r\n", " ", "\t", ":", ";", "", "0", "9", "f", "-", "+", ",",
    "HTTP/1.1 ", "chunked", "\r\n\r\n", "\xff", "1", "00000000",
};

#define NSEEDS (sizeof seeds / sizeof seeds[0])
#define NTOKENS (sizeof tokens / sizeof tokens[0])

/* Applies one random edit to buf (len bytes, room for max). */
static void mutate(char *buf, size_t *len, size_t max)
{
    unsigned op = rnd() % 3, pos = rnd() % (unsigned)(*len + 1);

    if (op == 0 && pos < *len) {
        memmove(buf + pos, buf + pos + 1, *len - pos - 1);
        (*len)--;
    } else if (op == 1 && pos < *len) {
        buf[pos] = (char)(rnd() % 256);
    } else {
        const char *t = tokens[rnd() % NTOKENS];
        size_t tl = t[0] ? strlen(t) : 1;
        if (*len + tl <= max) {
            memmove(buf + pos + tl, buf + pos, *len - pos);
            memcpy(buf + pos, t, tl);
            *len += tl;
        }
    }
}

int main(int argc, char **argv)
{
    const char *env;
    int n = 1500, i;

    h_server_hook(argc, argv);
    env = getenv("NEONRS_FUZZ_CASES");
    if (env && atoi(env) > 0) n = atoi(env);
    for (i = 0; i < n; i++) {
        static const char *const methods[] = { "GET", "GET", "GET", "HEAD", "PUT" };
        static const size_t blocks[] = { 1, 7, 1024, 8192 };
        char buf[512], label[2200];
        const char *seed = seeds[rnd() % NSEEDS], *method;
        size_t len = strlen(seed), o, k;
        int edits = 1 + (int)(rnd() % 8), e;

        memcpy(buf, seed, len);
        for (e = 0; e < edits; e++) mutate(buf, &len, sizeof buf);
        method = methods[rnd() % 5];
        h_blocksize = blocks[rnd() % 4];
        o = (size_t)snprintf(label, sizeof label, "%d %s /%zu ", i, method, h_blocksize);
        /* the mutant, escaped by h_case's printing except for NUL */
        for (k = 0; k < len && o < sizeof label - 5; k++) {
            if (buf[k] == '\0') {
                memcpy(label + o, "\\0", 2);
                o += 2;
            } else {
                label[o++] = buf[k];
            }
        }
        label[o] = '\0';
        if (len == 0) {
            /* an empty step means "strlen", so send one harmless byte */
            buf[0] = ' ';
            len = 1;
        }
        h_case_flags(label, buf, len, method, strcmp(method, "PUT") ? 0 : H_WITH_BODY, H_CLOSE, 10);
    }
    return 0;
}
