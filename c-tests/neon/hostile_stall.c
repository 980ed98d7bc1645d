/* Hostile server: stalls and resets.
 *
 * Stalls: the server sends part of a response and then nothing, holding the
 * connection open; the session's read timeout is 1 s (ne_set_read_timeout),
 * so the request must end with NE_TIMEOUT and neon's "…: connection timed
 * out" after about a second, wherever the stall is: in the status line,
 * the headers, a continuation check, the body, a chunk-size line, chunk
 * data, the chunk delimiter, the trailers, after an interim response.
 *
 * Resets: RST in the middle of the headers or the body.
 *
 * Kept-alive connections (neon's retry rule): after a first response that
 * leaves the connection open, the server fails the second request in
 * different ways. neon retries once, on a new connection, when a request
 * on a reused connection meets EOF or a reset while sending it or reading
 * the status line (even a partial one) — not after a status line or an
 * interim response, not on a timeout, and not twice. A request with
 * NE_REQFLAG_IDEMPOTENT cleared is never sent on a reused connection; every
 * method, POST included, is idempotent unless told otherwise. The server
 * log shows which connection each request came on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>

#include "hostile.h"

#define H11 "HTTP/1.1 200 OK\r\n"
#define OK1 H11 "Content-Length: 3\r\n\r\none"
#define CHUNKED H11 "Transfer-Encoding: chunked\r\n\r\n"

static void stall(const char *label, const char *partial)
{
    h_case(label, partial, 0, "GET", H_STALL, 1);
}

static void stalls(void)
{
    stall("stall before anything", "");
    stall("stall inside the status line", "HTTP/1.1 20");
    stall("stall after the status line", H11);
    stall("stall inside a header", H11 "X-A: 1\r\nContent-Le");
    stall("stall after a header line (continuation check)", H11 "X-A: 1\r\n");
    stall("stall inside a Content-Length body", H11 "Content-Length: 10\r\n\r\nabc");
    stall("stall inside a chunk-size line", CHUNKED "5;ex");
    stall("stall inside chunk data", CHUNKED "5\r\nhel");
    stall("stall before the chunk delimiter", CHUNKED "5\r\nhello");
    stall("stall inside the trailers", CHUNKED "0\r\nX-T: 1\r\n");
    stall("stall inside an EOF-delimited body", H11 "\r\nsome data");
    stall("stall after an interim response", "HTTP/1.1 100 Continue\r\n\r\n");
}

static void resets(void)
{
    h_case("reset inside the status line", "HTTP/1.1 200 O", 0, "GET", H_RESET, 10);
    h_case("reset inside the headers", H11 "X-A: 1\r\nX-B", 0, "GET", H_RESET, 10);
    h_case("reset after the headers", H11 "Content-Length: 5\r\n\r\n", 0, "GET", H_RESET, 10);
    h_case("reset inside a Content-Length body", H11 "Content-Length: 10\r\n\r\nabc", 0, "GET",
           H_RESET, 10);
    h_case("reset inside chunk data", CHUNKED "5\r\nhel", 0, "GET", H_RESET, 10);
    h_case("reset inside the trailers", CHUNKED "0\r\nX-T: 1\r\n", 0, "GET", H_RESET, 10);
    h_case("reset inside an EOF-delimited body", H11 "\r\nsome data", 0, "GET", H_RESET, 10);
    h_case("reset after an interim response", "HTTP/1.1 100 Continue\r\n\r\n", 0, "GET", H_RESET, 10);
}

struct creq {
    const char *label, *method;
    int flags;
};

/* Runs the client requests in order on one session against the steps. */
static void seq(const char *label, const struct h_step *steps, size_t nsteps,
                const struct creq *reqs, size_t nreqs, int timeout)
{
    struct h_srv s;
    ne_session *sess;
    size_t i;

    printf("== %s\n", label);
    h_start(&s, steps, nsteps);
    sess = h_session(s.port, timeout);
    for (i = 0; i < nreqs; i++) {
        char path[64];
        snprintf(path, sizeof path, "/%s", reqs[i].label);
        outcome(sess, s.port, reqs[i].label, reqs[i].method, path, reqs[i].flags);
    }
    ne_session_destroy(sess);
    h_finish(&s);
}

/* One reused-connection case: OK1 to GET /one (kept), then `second` (sent
 * after reading the second request) and `after`; then H_NEXT for whatever
 * comes next, and a third request to show the session recovered. */
static void reuse(const char *label, const char *second, enum h_after after, const char *method2,
                  int flags2, int timeout)
{
    struct h_step steps[] = {
        { OK1, 0, H_KEEP },
        { second, 0, after },
        { H_NEXT, 0, H_KEEP },
        { H_NEXT, 0, H_KEEP },
    };
    struct creq reqs[] = {
        { "one", "GET", 0 },
        { "two", method2, flags2 },
        { "three", "GET", 0 },
    };

    seq(label, steps, 4, reqs, 3, timeout);
}

static void kept_alive(void)
{
    /* failures before any status line: retried once */
    reuse("reused connection: reset instead of a response", NULL, H_RESET, "GET", 0, 10);
    reuse("reused connection: FIN instead of a response", NULL, H_CLOSE, "GET", 0, 10);
    reuse("reused connection: partial status line, FIN", "HTTP/1.1 2", H_CLOSE, "GET", 0, 10);
    reuse("reused connection: partial status line, reset", "HTTP/1.1 2", H_RESET, "GET", 0, 10);
    reuse("reused connection: PUT with a body, reset", NULL, H_RESET, "PUT", H_WITH_BODY, 10);
    reuse("reused connection: reset, DELETE", NULL, H_RESET, "DELETE", 0, 10);
    /* the reset meets the client while it sends the body (or, if the
     * kernel took it all, when it reads the status line): retried */
    reuse("reused connection: 16 MB PUT, reset after its head", NULL, H_RESET | H_HEAD_ONLY, "PUT",
          H_BIG_BODY, 10);
    /* after a status line or an interim response: not retried */
    reuse("reused connection: status line, FIN", H11, H_CLOSE, "GET", 0, 10);
    reuse("reused connection: status line, reset", H11, H_RESET, "GET", 0, 10);
    reuse("reused connection: interim response, FIN", "HTTP/1.1 100 Continue\r\n\r\n", H_CLOSE,
          "GET", 0, 10);
    reuse("reused connection: truncated body, FIN", H11 "Content-Length: 9\r\n\r\nabc", H_CLOSE,
          "GET", 0, 10);
    /* a timeout is not retried */
    reuse("reused connection: stall", NULL, H_STALL, "GET", 0, 1);
    reuse("reused connection: stall inside the status line", "HTTP/1.1", H_STALL, "GET", 0, 1);
    /* POST counts as idempotent (reused, retried); a request flagged
     * otherwise goes on a new connection and is not retried */
    reuse("POST after a kept-alive response", H_NEXT, H_KEEP, "POST", H_WITH_BODY, 10);
    reuse("POST on a reused connection, reset", NULL, H_RESET, "POST", H_WITH_BODY, 10);
    reuse("GET not idempotent after a kept-alive response", H_NEXT, H_KEEP, "GET",
          H_NOT_IDEMPOTENT, 10);
    reuse("POST not idempotent, reset on its new connection", NULL, H_RESET, "POST",
          H_WITH_BODY | H_NOT_IDEMPOTENT, 10);

    {
        /* the retry fails as well: no second retry */
        struct h_step steps[] = {
            { OK1, 0, H_KEEP }, { NULL, 0, H_RESET }, { NULL, 0, H_RESET },
            { H_NEXT, 0, H_KEEP },
        };
        struct creq reqs[] = { { "one", "GET", 0 }, { "two", "GET", 0 }, { "three", "GET", 0 } };
        seq("reused connection: reset, and reset again on the retry", steps, 4, reqs, 3, 10);
    }
    {
        /* the retry gets FIN before its status line: an error now */
        struct h_step steps[] = {
            { OK1, 0, H_KEEP }, { NULL, 0, H_CLOSE }, { "HTTP/1.1 2", 0, H_CLOSE },
            { H_NEXT, 0, H_KEEP },
        };
        struct creq reqs[] = { { "one", "GET", 0 }, { "two", "GET", 0 }, { "three", "GET", 0 } };
        seq("reused connection: FIN, then a partial status line on the retry", steps, 4, reqs, 3, 10);
    }
    {
        /* the server closes the idle connection right after the response */
        struct h_step steps[] = { { OK1, 0, H_CLOSE }, { H_NEXT, 0, H_KEEP } };
        struct creq reqs[] = { { "one", "GET", 0 }, { "two", "GET", 0 } };
        seq("kept-alive response, then FIN while idle", steps, 2, reqs, 2, 10);
    }
    {
        /* the same with a reset: the request fails on send or on read,
         * either way it is retried */
        struct h_step steps[] = { { OK1, 0, H_RESET }, { H_NEXT, 0, H_KEEP } };
        struct creq reqs[] = { { "one", "GET", 0 }, { "two", "GET", 0 } };
        seq("kept-alive response, then reset while idle", steps, 2, reqs, 2, 10);
    }
    {
        /* several reused requests in a row, every other one failing */
        struct h_step steps[] = {
            { OK1, 0, H_KEEP }, { NULL, 0, H_RESET }, { OK1, 0, H_KEEP },
            { NULL, 0, H_CLOSE }, { OK1, 0, H_KEEP }, { "HTTP/1.1 200", 0, H_RESET },
            { OK1, 0, H_KEEP }, { OK1, 0, H_KEEP },
        };
        struct creq reqs[] = {
            { "a", "GET", 0 }, { "b", "GET", 0 }, { "c", "GET", 0 }, { "d", "GET", 0 },
            { "e", "GET", 0 },
        };
        seq("alternating failures on reused connections", steps, 8, reqs, 5, 10);
    }
}

/* Requests with Expect: 100-continue: the body goes only after a 100. */
static void expect100(void)
{
    static const struct { const char *label, *resp; enum h_after after; int timeout; } c[] = {
        { "100 then 200", "HTTP/1.1 100 Continue\r\n\r\n" H11 "Content-Length: 2\r\n\r\nok",
          H_KEEP, 10 },
        { "417 without 100", "HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n",
          H_KEEP, 10 },
        { "200 without 100", H11 "Content-Length: 2\r\n\r\nok", H_KEEP, 10 },
        { "102, 100, then 200", "HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n"
          H11 "Content-Length: 2\r\n\r\nok", H_KEEP, 10 },
        { "100 twice, then 200", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n"
          H11 "Content-Length: 2\r\n\r\nok", H_KEEP, 10 },
        { "101 then 200", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n"
          H11 "Content-Length: 2\r\n\r\nok", H_KEEP, 10 },
        { "100, then FIN", "HTTP/1.1 100 Continue\r\n\r\n", H_CLOSE, 10 },
        { "100, then reset", "HTTP/1.1 100 Continue\r\n\r\n", H_RESET, 10 },
        { "100, then stall", "HTTP/1.1 100 Continue\r\n\r\n", H_STALL, 1 },
        { "no 100, stall", NULL, H_STALL, 1 },
        { "no 100, FIN", NULL, H_CLOSE, 10 },
    };
    size_t i;

    for (i = 0; i < sizeof c / sizeof c[0]; i++) {
        struct h_step steps[] = { { c[i].resp, 0, c[i].after }, { H_NEXT, 0, H_KEEP } };
        struct creq reqs[] = { { "one", "PUT", H_WITH_BODY | H_EXPECT100 }, { "two", "GET", 0 } };
        char label[128];
        snprintf(label, sizeof label, "expect 100-continue: %s", c[i].label);
        seq(label, steps, 2, reqs, 2, c[i].timeout);
    }
    {
        /* on a reused connection: FIN instead of the 100, retried */
        struct h_step steps[] = {
            { OK1, 0, H_KEEP }, { NULL, 0, H_CLOSE },
            { "HTTP/1.1 100 Continue\r\n\r\n" H11 "Content-Length: 2\r\n\r\nok", 0, H_KEEP },
        };
        struct creq reqs[] = { { "one", "GET", 0 }, { "two", "PUT", H_WITH_BODY | H_EXPECT100 } };
        seq("expect 100-continue on a reused connection: FIN, retried", steps, 3, reqs, 2, 10);
    }
}

/* A slow server: each gap is far shorter than the 3 s read timeout (so a
 * busy machine cannot fail it), the whole response takes longer; the
 * timeout applies to each read, not to the response, so the request
 * succeeds. */
static void trickles(void)
{
    h_case("CL response in seven parts, 500 ms apart, read timeout 3 s",
           H11 "X-A: 1\r\nContent-Length: 10\r\n\r\n0123456789", 0, "GET", H_KEEP | H_TRICKLE, 3);
    h_case("chunked response in seven parts, 500 ms apart, read timeout 3 s",
           CHUNKED "5\r\nhello\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n", 0, "GET",
           H_KEEP | H_TRICKLE, 3);
}

/* One request object run twice: neon never clears its persistence flag,
 * so an HTTP/1.0 response without keep-alive on the second run still
 * leaves the connection open. */
static void request_reused(void)
{
    struct h_step steps[] = {
        { OK1, 0, H_KEEP },
        { "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 0, H_KEEP },
        { H_NEXT, 0, H_KEEP },
    };
    struct h_srv s;
    ne_session *sess;
    ne_request *req;

    printf("== one request run twice: HTTP/1.1, then HTTP/1.0 without keep-alive\n");
    h_start(&s, steps, 3);
    sess = h_session(s.port, 10);
    req = ne_request_create(sess, "GET", "/again");
    h_run(req, s.port, "first run");
    h_run(req, s.port, "second run");
    ne_request_destroy(req);
    outcome(sess, s.port, "next", "GET", "/next", 0);
    ne_session_destroy(sess);
    h_finish(&s);
}

/* https through an HTTP proxy whose CONNECT fails with a complete,
 * kept-alive response: neon leaves that connection open, and the next
 * request goes over it without TLS and without a CONNECT. */
static void tunnel_kept(const char *label, const char *refusal, const char *second)
{
    struct h_step steps[] = {
        { refusal, 0, H_KEEP }, { second, 0, H_KEEP }, { H_NEXT, 0, H_KEEP },
    };
    struct h_srv s;
    ne_session *sess;

    printf("== %s\n", label);
    h_start(&s, steps, 3);
    sess = ne_session_create("https", "origin.example", 443);
    ne_session_proxy(sess, "127.0.0.1", (unsigned)s.port);
    ne_set_read_timeout(sess, 10);
    ne_set_notifier(sess, h_notifier, NULL);
    outcome(sess, s.port, "one", "GET", "/one", 0);
    outcome(sess, s.port, "two", "GET", "/two", 0);
    ne_session_destroy(sess);
    h_finish(&s);
}

int main(int argc, char **argv)
{
    h_server_hook(argc, argv);
    tunnel_kept("CONNECT refused with 407, kept alive",
                "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 4\r\n\r\nauth", H_NEXT);
    tunnel_kept("CONNECT refused with 403, Connection: close",
                "HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 4\r\n\r\nnope",
                "HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 4\r\n\r\nnope");
    tunnel_kept("CONNECT answered with 301 and a chunked body",
                "HTTP/1.1 301 Moved\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nmv\r\n0\r\n\r\n", H_NEXT);
    trickles();
    request_reused();
    stalls();
    resets();
    kept_alive();
    expect100();
    return 0;
}
