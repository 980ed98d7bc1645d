/* Hostile server: responses cut short. For each representative response
 * (Content-Length body; chunked body with a chunk extension and a trailer;
 * a 100 Continue interim then the final response; 204 and 304 without a
 * body; close-delimited bodies, HTTP/1.1 and 1.0) the server sends only the
 * first k bytes and then closes the connection (FIN) or resets it (RST),
 * for a GET and for a PUT with a body (and, for the interim response, a PUT
 * that waits for 100-continue; for the first two also through an HTTP
 * proxy, where neon's errors name the proxy, and with read buffers of 1
 * and 8192 bytes); and CONNECT responses from a proxy to an https session
 * (failures before any TLS). Each line is one request: the prefix length
 * and its last bytes, then outcome() (hostile.h): result, status, body
 * bytes and checksum read so far, error string.
 *
 * Every prefix length 0..len is tested (about 2700 requests): under
 * valgrind on our library the whole sweep takes about 12 s on a busy
 * 2-core machine (one server process for all cases, run natively, see
 * hostile.h), so it needs no split into a sampled run under valgrind and a
 * full one without.
 *
 * Each case uses a fresh session, so no connection is reused or retried.
 * The FIN case sends FIN and then reads until the client closes, so a
 * client's request body or its close never meets a closed socket (which
 * would turn the FIN into a reset). The server is hostile.h's, quiet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>

#include "hostile.h"

struct shape {
    const char *name;
    const char *resp;
};

static const struct shape shapes[] = {
    { "content-length",
      "HTTP/1.1 200 OK\r\nServer: h\r\nContent-Length: 10\r\n\r\nabcdefghij" },
    { "chunked",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5;ext=v\r\nhello\r\n3\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n" },
    { "interim",
      "HTTP/1.1 100 Continue\r\nX-I: 1\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" },
    { "204", "HTTP/1.1 204 No Content\r\nX-A: b\r\n\r\n" },
    { "304", "HTTP/1.1 304 Not Modified\r\nETag: \"e\"\r\nContent-Length: 9\r\n\r\n" },
    { "close-delimited", "HTTP/1.1 200 OK\r\nX-A: b\r\n\r\nuntil close" },
    { "close-delimited 1.0", "HTTP/1.0 200 OK\r\n\r\nold style" },
};

/* CONNECT responses from an HTTP proxy to an https session: the tunnel
 * fails before any TLS. A complete 2xx would start TLS with a server that
 * has none, so those are cut one byte short at most. */
static const struct shape tunnel_shapes[] = {
    { "CONNECT 407",
      "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 4\r\n\r\nauth" },
    { "CONNECT 403 chunked",
      "HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nnope\r\n0\r\n\r\n" },
    { "CONNECT 100 then 200",
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 Connection established\r\n\r\n" },
};

enum req_kind { GET, PUT, PUT_EXPECT };
static const char *const kind_names[] = { "GET", "PUT", "PUT expect-100" };

/* How the session reaches the server. */
enum route { DIRECT, PROXY, TUNNEL };
static const char *const route_names[] = { "", ", through a proxy", ", https through a proxy" };

static void run_group(const struct shape *sh, enum req_kind kind, int reset, enum route route)
{
    size_t len = strlen(sh->resp), k;

    /* a whole CONNECT 2xx would start TLS */
    if (route == TUNNEL && strstr(sh->resp, " 200 ")) len--;

    printf("== %s, %s, %s%s, read blocks of %zu (%zu bytes)\n", sh->name, kind_names[kind],
           reset ? "RST" : "FIN", route_names[route], h_blocksize, len);
    for (k = 0; k <= len; k++) {
        struct h_step step = { sh->resp, k, reset ? H_RESET : H_CLOSE };
        struct h_srv s;
        char label[64];
        size_t tail = k < 8 ? k : 8, o, i;
        ne_session *sess;

        /* an empty prefix: send nothing (a length of 0 means "strlen") */
        if (k == 0) step.resp = NULL;
        o = (size_t)snprintf(label, sizeof label, "%3zu ", k);
        for (i = k - tail; i < k && o < sizeof label - 5; i++) {
            char c = sh->resp[i];
            if (c == '\r') { label[o++] = '\\'; label[o++] = 'r'; }
            else if (c == '\n') { label[o++] = '\\'; label[o++] = 'n'; }
            else label[o++] = c;
        }
        label[o] = '\0';
        h_start(&s, &step, 1);
        s.quiet = 1;
        if (route != DIRECT) {
            sess = ne_session_create(route == TUNNEL ? "https" : "http", "origin.example",
                                     route == TUNNEL ? 443 : 80);
            ne_session_proxy(sess, "127.0.0.1", (unsigned)s.port);
            ne_set_read_timeout(sess, 10);
            ne_set_notifier(sess, h_notifier, NULL);
        } else {
            sess = h_session(s.port, 10);
        }
        outcome(sess, s.port, label, kind == GET ? "GET" : "PUT", "/t",
                kind == GET ? 0 : kind == PUT ? H_WITH_BODY : H_WITH_BODY | H_EXPECT100);
        ne_session_destroy(sess);
        h_finish(&s);
    }
}

int main(int argc, char **argv)
{
    h_server_hook(argc, argv);
    size_t i;

    for (i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        run_group(&shapes[i], GET, 0, DIRECT);
        run_group(&shapes[i], PUT, 0, DIRECT);
        if (strcmp(shapes[i].name, "interim") == 0) run_group(&shapes[i], PUT_EXPECT, 0, DIRECT);
        run_group(&shapes[i], GET, 1, DIRECT);
        run_group(&shapes[i], PUT, 1, DIRECT);
        if (i < 2) {
            /* errors name the proxy server when there is one */
            run_group(&shapes[i], GET, 0, PROXY);
            run_group(&shapes[i], GET, 1, PROXY);
            /* bodies read a byte at a time, and straight from the socket
             * (blocks of 4096 bytes and more bypass its buffer) */
            h_blocksize = 1;
            run_group(&shapes[i], GET, 0, DIRECT);
            h_blocksize = 8192;
            run_group(&shapes[i], GET, 1, DIRECT);
            h_blocksize = 1024;
        }
    }
    for (i = 0; i < sizeof tunnel_shapes / sizeof tunnel_shapes[0]; i++) {
        run_group(&tunnel_shapes[i], GET, 0, TUNNEL);
        run_group(&tunnel_shapes[i], GET, 1, TUNNEL);
    }
    return 0;
}
