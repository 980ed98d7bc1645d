/* TLS session resumption, counted by the SERVER: nginx logs
 * $ssl_session_reused and $ssl_protocol per request (NEONRS_TLS_LOG, see
 * c-tests/nginx/start-tls.sh). Each request carries a unique query string so
 * that only this run's requests are counted.
 *
 *  - TLSv1.2-only endpoint (NEONRS_TLS_VALID_12): 10 requests on one
 *    ne_session with ne_close_connection between them: 10 logged, 9 resumed
 *    (the first handshake is full). The verify callback is not consulted.
 *  - a second ne_session to the same server does not resume the first
 *    one's session (sessions are per ne_session);
 *  - TLSv1.2+1.3 endpoint (NEONRS_TLS_VALID_13): 10 requests likewise. The
 *    system libneon 0.32.5 never resumes TLS 1.3 against OpenSSL servers
 *    (it keeps the session object from before the NewSessionTicket arrived;
 *    neon-abi.md §16) while neon-rs resumes: a deliberate difference. So
 *    only library-independent facts are printed on stdout; the resumed count
 *    goes to stderr and, if NEONRS_RESUME_REPORT names a file, is appended
 *    there. c-tests/own/ssl_resume.c asserts neon-rs's figures (100
 *    requests, >= 99 resumed, both versions).
 *  - keep-alive: several requests on one connection are one handshake.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <ne_session.h>
#include <ne_request.h>
#include <ne_ssl.h>
#include <ne_socket.h>

#include "harness.h"
#include "tlsutil.h"

#define N 10

static char run_id[64];

static int verify_calls;

static int verify_cb(void *ud, int failures, const ne_ssl_certificate *cert)
{
    (void)ud;
    (void)failures;
    (void)cert;
    verify_calls++;
    return 1;
}

/* n requests on one session, closing the connection after each when
 * close_each; returns the number that succeeded with 200. */
static int requests(ne_session *sess, const char *tag, int n, int close_each)
{
    int i, ok = 0;

    for (i = 0; i < n; i++) {
        char path[160];
        ne_request *req;

        snprintf(path, sizeof path, "/hello.txt?%s-%s-%d", run_id, tag, i);
        req = ne_request_create(sess, "GET", path);
        if (ne_request_dispatch(req) == NE_OK && ne_get_status(req)->code == 200)
            ok++;
        else
            printf("  request %d failed: %s\n", i, ne_get_error(sess));
        ne_request_destroy(req);
        if (close_each) ne_close_connection(sess);
    }
    return ok;
}

/* The log entry of this run's request tagged tag (see tls_log_line). */
static const char *log_line(const char *tag)
{
    static char buf[256];
    char marker[128];

    snprintf(marker, sizeof marker, "?%s-%s-", run_id, tag);
    return tls_log_line(marker, buf, sizeof buf);
}

/* Counts this run's log lines for tag; prints them or returns them. */
static int logged(const char *tag, int want, int *reused, char *protos, size_t len)
{
    char marker[128];

    snprintf(marker, sizeof marker, "?%s-%s-", run_id, tag);
    return tls_log_wait(marker, want, reused, protos, len);
}

static void report(const char *what)
{
    const char *file = getenv("NEONRS_RESUME_REPORT");

    fprintf(stderr, "%s\n", what);
    if (file) {
        FILE *f = fopen(file, "a");
        if (f) {
            fprintf(f, "ssl_resume: %s\n", what);
            fclose(f);
        }
    }
}

int main(void)
{
    ne_session *sess, *sess2;
    int ok, n, reused;
    char protos[128], line[256];

    tls_require(); /* NEONRS_TLS_DIR, NEONRS_TLS_LOG */
    ne_sock_init();
    snprintf(run_id, sizeof run_id, "resume%ldx%ld", (long)getpid(), (long)time(NULL));

    printf("-- TLSv1.2 only: %d requests, ne_close_connection between them\n", N);
    sess = tls_session("localhost", tls_port("VALID", 12), "ca.pem");
    ne_ssl_set_verify(sess, verify_cb, NULL);
    ok = requests(sess, "t12", N, 1);
    n = logged("t12", N, &reused, protos, sizeof protos);
    printf("requests ok: %d\n", ok);
    printf("server logged: %d, resumed: %d, protocol: %s\n", n, reused, protos);
    printf("verify callback calls: %d\n", verify_calls);

    printf("-- TLSv1.2 only: a second ne_session does not share the session\n");
    sess2 = tls_session("localhost", tls_port("VALID", 12), "ca.pem");
    ok = requests(sess2, "t12b", 2, 1);
    n = logged("t12b", 2, &reused, protos, sizeof protos);
    printf("requests ok: %d, server logged: %d, resumed: %d\n", ok, n, reused);
    ne_session_destroy(sess2);
    /* and the first session still resumes its own */
    ok = requests(sess, "t12c", 1, 1);
    printf("first session again: ok %d, log: [%s]\n", ok, log_line("t12c"));
    ne_session_destroy(sess);

    printf("-- TLSv1.2 only: keep-alive, 5 requests on one connection\n");
    sess = tls_session("localhost", tls_port("VALID", 12), "ca.pem");
    ok = requests(sess, "t12k", 5, 0);
    n = logged("t12k", 5, &reused, protos, sizeof protos);
    printf("requests ok: %d, server logged: %d, resumed: %d\n", ok, n, reused);
    ne_session_destroy(sess);

    printf("-- TLSv1.2+1.3: %d requests, ne_close_connection between them\n", N);
    sess = tls_session("127.0.0.1", tls_port("VALID", 13), "ca.pem");
    ok = requests(sess, "t13", N, 1);
    n = logged("t13", N, &reused, protos, sizeof protos);
    printf("tls1.3 requests ok: %d\n", ok);
    printf("server logged: %d, protocol: %s\n", n, protos);
    snprintf(line, sizeof line, "tls1.3 resumed: %d of %d (system libneon 0.32.5: 0)", reused, N);
    report(line);
    ne_session_destroy(sess);

    printf("-- TLSv1.2+1.3: sessions are not shared between ne_sessions\n");
    sess = tls_session("127.0.0.1", tls_port("VALID", 13), "ca.pem");
    requests(sess, "t13a", 1, 1);
    sess2 = tls_session("127.0.0.1", tls_port("VALID", 13), "ca.pem");
    ok = requests(sess2, "t13b", 1, 1);
    printf("second session: ok %d, log: [%s]\n", ok, log_line("t13b"));
    ne_session_destroy(sess2);
    ne_session_destroy(sess);

    printf("-- TLSv1.2+1.3: keep-alive, 5 requests on one connection\n");
    sess = tls_session("127.0.0.1", tls_port("VALID", 13), "ca.pem");
    ok = requests(sess, "t13k", 5, 0);
    n = logged("t13k", 5, &reused, protos, sizeof protos);
    printf("requests ok: %d, server logged: %d, resumed: %d, protocol: %s\n", ok, n, reused, protos);
    ne_session_destroy(sess);

    printf("done\n");
    return 0;
}
