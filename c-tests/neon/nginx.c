/* Against a real server: nginx on loopback (port in NEONRS_NGINX_PORT, set
 * by run.sh). Static GETs, HEAD, 404, WebDAV PUT/DELETE/MKCOL/COPY/MOVE,
 * ranges, conditional requests, 100-continue, chunked uploads and many
 * keep-alive requests on one connection. Bodies are printed as length and
 * checksum; only stable headers are printed (no Date/ETag/Last-Modified/
 * Server). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>

#include "harness.h"

static int port;
static int connects, disconnects;

static void count_notifier(void *ud, ne_session_status status, const ne_session_status_info *info)
{
    (void)ud;
    (void)info;
    if (status == ne_status_connected) connects++;
    if (status == ne_status_disconnected) disconnects++;
}

/* Prints status, selected headers and body length + checksum. */
static int request(ne_session *sess, const char *method, const char *path,
                   const char *body, ne_off_t len, const char *hname, const char *hvalue)
{
    static const char *const shown[] = {
        "content-length", "content-type", "transfer-encoding", "connection", "accept-ranges",
        "content-range", "location", "allow",
    };
    ne_request *req = ne_request_create(sess, method, path);
    size_t i;
    int ret;

    printf("%s %s", method, path);
    if (hname) {
        ne_add_request_header(req, hname, hvalue);
        printf(" (%s)", hname);
    }
    printf("\n");
    if (body) ne_set_request_body_buffer(req, body, (size_t)len);
    ret = ne_begin_request(req);
    if (ret == NE_OK) {
        print_status(req);
        for (i = 0; i < sizeof shown / sizeof shown[0]; i++) {
            const char *v = ne_get_response_header(req, shown[i]);
            if (v) {
                char label[64];
                snprintf(label, sizeof label, "  %s", shown[i]);
                print_str_port(label, v, port);
            }
        }
        if (print_body(req, 8192, 0) == 0)
            ret = ne_end_request(req);
        else
            ret = NE_ERROR;
    }
    print_result("result", sess, ret);
    ne_request_destroy(req);
    return ret;
}

#define GET(p) request(sess, "GET", p, NULL, 0, NULL, NULL)

/* Removes what an earlier (interrupted) run may have left; prints nothing. */
static void cleanup(ne_session *sess)
{
    static const char *const paths[] = {
        "/neonrs/", "/neonrs-copy.txt", "/neonrs-moved.txt", "/neonrs-col/",
    };
    size_t i;

    for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        ne_request *req = ne_request_create(sess, "DELETE", paths[i]);
        ne_request_dispatch(req);
        ne_request_destroy(req);
    }
}

static ssize_t chunks(void *ud, char *buf, size_t len)
{
    int *n = ud;

    if (len == 0) {
        *n = 0;
        return 0;
    }
    if (*n >= 5) return 0;
    (*n)++;
    memset(buf, '0' + *n, 1000);
    return 1000;
}

int main(void)
{
    const char *env = getenv("NEONRS_NGINX_PORT");
    ne_session *sess;
    ne_request *req;
    char *big, dest[128], etag[128] = "";
    int i, n, ok;

    if (!env) {
        printf("skip: NEONRS_NGINX_PORT not set\n");
        return 0;
    }
    port = atoi(env);
    sess = ne_session_create("http", "127.0.0.1", (unsigned)port);
    ne_set_read_timeout(sess, 10);
    cleanup(sess);
    ne_close_connection(sess);
    ne_set_notifier(sess, count_notifier, NULL);
    ne_set_useragent(sess, "neonrs-tests/1.0");
    print_str_port("hostport", ne_get_server_hostport(sess), port);

    printf("-- static files\n");
    GET("/hello.txt");
    GET("/empty.txt");
    GET("/1m.bin");
    GET("/dir/file.txt");
    GET("/dir"); /* redirect to /dir/ */
    GET("/missing.txt");
    request(sess, "HEAD", "/hello.txt", NULL, 0, NULL, NULL);
    request(sess, "HEAD", "/missing.txt", NULL, 0, NULL, NULL);
    request(sess, "POST", "/hello.txt", "x", 1, NULL, NULL);
    request(sess, "GET", "/1m.bin", NULL, 0, "Range", "bytes=10-19");
    request(sess, "GET", "/hello.txt", NULL, 0, "Range", "bytes=100-");

    /* conditional GET with the ETag nginx gave us */
    req = ne_request_create(sess, "HEAD", "/hello.txt");
    if (ne_request_dispatch(req) == NE_OK && ne_get_response_header(req, "ETag"))
        snprintf(etag, sizeof etag, "%s", ne_get_response_header(req, "ETag"));
    ne_request_destroy(req);
    printf("have etag: %d\n", etag[0] != '\0');
    request(sess, "GET", "/hello.txt", NULL, 0, "If-None-Match", etag);
    request(sess, "GET", "/hello.txt", NULL, 0, "If-None-Match", "\"other\"");
    printf("connections so far: %d\n", connects);

    printf("-- webdav\n");
    request(sess, "PUT", "/neonrs/a/b.txt", "first version\n", 14, NULL, NULL);
    request(sess, "PUT", "/neonrs/a/b.txt", "second\n", 7, NULL, NULL);
    GET("/neonrs/a/b.txt");
    big = malloc(500000);
    for (i = 0; i < 500000; i++) big[i] = (char)(i * 7 % 251);
    printf("local 500000-byte body checksum %08lx\n", checksum(big, 500000, CHECKSUM_INIT));
    request(sess, "PUT", "/neonrs/big.bin", big, 500000, NULL, NULL);
    GET("/neonrs/big.bin");

    /* 100-continue upload */
    req = ne_request_create(sess, "PUT", "/neonrs/expect.txt");
    ne_set_request_flag(req, NE_REQFLAG_EXPECT100, 1);
    ne_set_request_body_buffer(req, "continued\n", 10);
    ok = ne_request_dispatch(req);
    printf("PUT with 100-continue: %s status %d\n", ret_name(ok), ne_get_status(req)->code);
    ne_request_destroy(req);
    GET("/neonrs/expect.txt");

    /* chunked upload */
    req = ne_request_create(sess, "PUT", "/neonrs/chunked.txt");
    ne_set_request_body_provider(req, -1, chunks, &n);
    ok = ne_request_dispatch(req);
    printf("PUT chunked: %s status %d\n", ret_name(ok), ne_get_status(req)->code);
    ne_request_destroy(req);
    GET("/neonrs/chunked.txt");

    request(sess, "MKCOL", "/neonrs-col/", NULL, 0, NULL, NULL);
    request(sess, "MKCOL", "/neonrs-col/", NULL, 0, NULL, NULL);
    request(sess, "MKCOL", "/neonrs-missing/parent/", NULL, 0, NULL, NULL);
    snprintf(dest, sizeof dest, "http://127.0.0.1:%d/neonrs-copy.txt", port);
    request(sess, "COPY", "/neonrs/a/b.txt", NULL, 0, "Destination", dest);
    GET("/neonrs-copy.txt");
    snprintf(dest, sizeof dest, "http://127.0.0.1:%d/neonrs-moved.txt", port);
    request(sess, "MOVE", "/neonrs-copy.txt", NULL, 0, "Destination", dest);
    GET("/neonrs-copy.txt");
    GET("/neonrs-moved.txt");
    request(sess, "DELETE", "/neonrs-moved.txt", NULL, 0, NULL, NULL);
    request(sess, "DELETE", "/neonrs-moved.txt", NULL, 0, NULL, NULL);
    request(sess, "DELETE", "/neonrs-col/", NULL, 0, NULL, NULL);
    request(sess, "DELETE", "/neonrs/", NULL, 0, NULL, NULL);
    GET("/neonrs/a/b.txt");
    printf("connections so far: %d, disconnects %d\n", connects, disconnects);

    /* keep-alive: 40 requests, one connection */
    printf("-- keep-alive\n");
    connects = disconnects = 0;
    ok = 0;
    for (i = 0; i < 40; i++) {
        req = ne_request_create(sess, i % 2 ? "GET" : "HEAD", i % 3 ? "/hello.txt" : "/dir/file.txt");
        if (ne_request_dispatch(req) == NE_OK && ne_get_status(req)->code == 200) ok++;
        ne_request_destroy(req);
    }
    printf("40 requests: %d ok, connects %d, disconnects %d\n", ok, connects, disconnects);

    /* ne_close_connection between requests: a new connection each time */
    connects = disconnects = 0;
    for (i = 0; i < 5; i++) {
        req = ne_request_create(sess, "GET", "/hello.txt");
        ok = ne_request_dispatch(req);
        printf("request %d: %s status %d\n", i, ret_name(ok), ne_get_status(req)->code);
        ne_request_destroy(req);
        ne_close_connection(sess);
    }
    printf("with close_connection: connects %d, disconnects %d\n", connects, disconnects);

    /* PERSIST off: one connection per request */
    connects = disconnects = 0;
    ne_set_session_flag(sess, NE_SESSFLAG_PERSIST, 0);
    for (i = 0; i < 3; i++) {
        req = ne_request_create(sess, "GET", "/empty.txt");
        ok = ne_request_dispatch(req);
        printf("non-persistent %d: %s status %d\n", i, ret_name(ok), ne_get_status(req)->code);
        ne_request_destroy(req);
    }
    printf("persist off: connects %d, disconnects %d\n", connects, disconnects);

    ne_session_destroy(sess);
    free(big);
    return 0;
}
