/* neon face benchmark client (make bench; driven by bench/run.sh).
 *
 * Built once against Debian's neon headers and -lneon, run against the
 * system libneon.so.27 and against ours (LD_LIBRARY_PATH=build/neon).
 *
 *   neon_bench version
 *       prints ne_version_string()
 *   neon_bench keepalive SCHEME PORT N [CAFILE]
 *       one session, N x GET /empty.txt on one kept-alive connection
 *   neon_bench reconnect SCHEME PORT N [CAFILE] [TAG]
 *       as keepalive, ne_close_connection() after every request; the path is
 *       /empty.txt?TAG-i so the server's access log lines can be counted
 *   neon_bench bulk SCHEME PORT N [CAFILE]
 *       N x GET /100m.bin, body read with ne_read_response_block (64 KiB)
 *
 * SCHEME is http or https (host "localhost"; for https CAFILE is trusted
 * with ne_ssl_trust_cert). BENCH_DEBUG=off calls ne_debug_init(NULL, 0)
 * first, BENCH_DEBUG=locks ne_debug_init(/dev/null, NE_DBG_LOCKS) (a
 * channel these requests never use); unset, ne_debug_init is never called. Prints one line
 *   requests=N ok=K bytes=B seconds=S
 * (S: CLOCK_MONOTONIC around the request loop only) and exits 0 when every
 * request got 200, 1 otherwise, 2 on bad usage or set-up failure. Everything
 * is freed, so valgrind totals are meaningful.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ne_request.h>
#include <ne_session.h>
#include <ne_socket.h>
#include <ne_ssl.h>
#include <ne_utils.h>

#define BLOCK (64 * 1024)

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage(void)
{
    fprintf(stderr, "usage: neon_bench version\n"
                    "       neon_bench keepalive|reconnect|bulk SCHEME PORT N [CAFILE] [TAG]\n");
    exit(2);
}

/* One GET with ne_request_dispatch: 1 if the status is 200. */
static int get_dispatch(ne_session *sess, const char *path)
{
    ne_request *req = ne_request_create(sess, "GET", path);
    int ok = ne_request_dispatch(req) == NE_OK && ne_get_status(req)->code == 200;

    if (!ok) fprintf(stderr, "GET %s: %s\n", path, ne_get_error(sess));
    ne_request_destroy(req);
    return ok;
}

/* One GET whose body is read block by block; adds the body length to *bytes.
 * 1 if the status is 200 and the whole body was read. */
static int get_read(ne_session *sess, const char *path, char *buf, unsigned long long *bytes)
{
    ne_request *req = ne_request_create(sess, "GET", path);
    int ok = 0;
    ssize_t n;

    if (ne_begin_request(req) != NE_OK) goto out;
    if (ne_get_status(req)->code != 200) {
        ne_discard_response(req);
        ne_end_request(req);
        goto out;
    }
    while ((n = ne_read_response_block(req, buf, BLOCK)) > 0) *bytes += (unsigned long long)n;
    if (n == 0 && ne_end_request(req) == NE_OK) ok = 1;
out:
    if (!ok) fprintf(stderr, "GET %s: %s\n", path, ne_get_error(sess));
    ne_request_destroy(req);
    return ok;
}

int main(int argc, char **argv)
{
    const char *mode, *scheme, *cafile, *tag;
    int port, https;
    long n, i, ok = 0;
    unsigned long long bytes = 0;
    ne_session *sess;
    char path[128], *buf = NULL;
    double t0, t1;
    FILE *debug_stream = NULL;

    if (argc >= 2 && strcmp(argv[1], "version") == 0) {
        printf("%s\n", ne_version_string());
        return 0;
    }
    if (argc < 5) usage();
    mode = argv[1];
    scheme = argv[2];
    port = atoi(argv[3]);
    n = atol(argv[4]);
    cafile = argc > 5 ? argv[5] : NULL;
    tag = argc > 6 ? argv[6] : "bench";
    if (strcmp(mode, "keepalive") != 0 && strcmp(mode, "reconnect") != 0 && strcmp(mode, "bulk") != 0) usage();
    if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) usage();
    https = strcmp(scheme, "https") == 0;
    if (port <= 0 || port > 65535 || n < 0) usage();
    if (https && (!cafile || !*cafile)) usage();

    if (ne_sock_init() != 0) {
        fprintf(stderr, "ne_sock_init failed\n");
        return 2;
    }
    if (getenv("BENCH_DEBUG") && strcmp(getenv("BENCH_DEBUG"), "off") == 0) {
        ne_debug_init(NULL, 0);
    } else if (getenv("BENCH_DEBUG") && strcmp(getenv("BENCH_DEBUG"), "locks") == 0) {
        debug_stream = fopen("/dev/null", "w");
        if (!debug_stream) return 2;
        ne_debug_init(debug_stream, NE_DBG_LOCKS);
    }
    sess = ne_session_create(scheme, "localhost", (unsigned int)port);
    if (https) {
        ne_ssl_certificate *ca = ne_ssl_cert_read(cafile);
        if (!ca) {
            fprintf(stderr, "cannot read CA certificate %s\n", cafile);
            ne_session_destroy(sess);
            ne_sock_exit();
            return 2;
        }
        ne_ssl_trust_cert(sess, ca);
        ne_ssl_cert_free(ca);
    }
    if (strcmp(mode, "bulk") == 0) buf = malloc(BLOCK);

    t0 = now();
    for (i = 0; i < n; i++) {
        if (mode[0] == 'k') {
            ok += get_dispatch(sess, "/empty.txt");
        } else if (mode[0] == 'r') {
            snprintf(path, sizeof path, "/empty.txt?%s-%ld", tag, i);
            ok += get_dispatch(sess, path);
            ne_close_connection(sess);
        } else {
            ok += get_read(sess, "/100m.bin", buf, &bytes);
        }
    }
    t1 = now();

    printf("requests=%ld ok=%ld bytes=%llu seconds=%.6f\n", n, ok, bytes, t1 - t0);
    free(buf);
    ne_session_destroy(sess);
    ne_sock_exit();
    if (debug_stream) {
        ne_debug_init(NULL, 0);
        fclose(debug_stream);
    }
    return ok == n ? 0 : 1;
}
