/* neon-rs only (c-tests/own: run against OUR library only, stdout compared
 * with ssl_resume.expected). TLS session resumption counted by the server
 * (nginx's $ssl_session_reused in NEONRS_TLS_LOG): 100 requests on one
 * ne_session with ne_close_connection between them must resume at least 99
 * times, on the TLSv1.2-only endpoint and on the TLSv1.2+1.3 endpoint
 * (where the system libneon 0.32.5 resumes 0 times: see
 * c-tests/neon/ssl_resume.c). Sessions must not leak between ne_sessions,
 * and a fresh ne_session's second connection resumes.
 * The exact counts go to stderr (and NEONRS_RESUME_REPORT if set), stdout
 * only says whether the threshold was met so that 99 and 100 both pass.
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

#define N 100

static char run_id[64];

static int requests(ne_session *sess, const char *tag, int n)
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
        ne_close_connection(sess);
    }
    return ok;
}

static const char *log_line(const char *tag)
{
    static char buf[256];
    char marker[128];

    snprintf(marker, sizeof marker, "?%s-%s-", run_id, tag);
    return tls_log_line(marker, buf, sizeof buf);
}

static void report(const char *what)
{
    const char *file = getenv("NEONRS_RESUME_REPORT");

    fprintf(stderr, "%s\n", what);
    if (file) {
        FILE *f = fopen(file, "a");
        if (f) {
            fprintf(f, "own/ssl_resume: %s\n", what);
            fclose(f);
        }
    }
}

static void run(const char *name, int version, const char *host)
{
    ne_session *sess = tls_session(host, tls_port("VALID", version), "ca.pem");
    char tag[16], marker[128], protos[128], line[128];
    int ok, n, reused;

    snprintf(tag, sizeof tag, "t%d", version);
    printf("-- %s: %d requests, ne_close_connection between them\n", name, N);
    ok = requests(sess, tag, N);
    snprintf(marker, sizeof marker, "?%s-%s-", run_id, tag);
    n = tls_log_wait(marker, N, &reused, protos, sizeof protos);
    printf("%s requests ok: %d\n", name, ok);
    printf("%s server logged: %d, protocol: %s\n", name, n, protos);
    if (reused >= N - 1)
        printf("%s resumed: yes (>= %d of %d)\n", name, N - 1, N);
    else
        printf("%s resumed: NO (%d of %d, want >= %d)\n", name, reused, N, N - 1);
    snprintf(line, sizeof line, "%s resumed: %d of %d", name, reused, N);
    report(line);
    ne_session_destroy(sess);
}

int main(void)
{
    ne_session *a, *b;

    tls_require(); /* NEONRS_TLS_DIR, NEONRS_TLS_LOG */
    ne_sock_init();
    snprintf(run_id, sizeof run_id, "ownresume%ldx%ld", (long)getpid(), (long)time(NULL));

    run("tls1.2", 12, "localhost");
    run("tls1.3", 13, "127.0.0.1");

    printf("-- TLSv1.3: sessions are per ne_session\n");
    a = tls_session("localhost", tls_port("VALID", 13), "ca.pem");
    b = tls_session("localhost", tls_port("VALID", 13), "ca.pem");
    requests(a, "a1", 1);
    requests(b, "b1", 1);
    requests(a, "a2", 1);
    requests(b, "b2", 1);
    printf("session A, connection 1: [%s]\n", log_line("a1"));
    printf("session B, connection 1: [%s]\n", log_line("b1"));
    printf("session A, connection 2: [%s]\n", log_line("a2"));
    printf("session B, connection 2: [%s]\n", log_line("b2"));
    ne_session_destroy(a);
    ne_session_destroy(b);

    printf("done\n");
    return 0;
}
