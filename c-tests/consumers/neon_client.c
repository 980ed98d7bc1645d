/* A small client of Debian's stock libneon27 (its OpenSSL build), for
 * c-tests/consumers/neon.sh: built against Debian's neon headers, linked
 * with the system libneon.so.27, and run on the system libssl.so.3 or ours.
 *
 *   neon_client HOST PORT CAFILE MODE MARK
 *
 * The CA certificate is trusted with ne_ssl_trust_cert and a verify callback
 * is set with ne_ssl_set_verify; it prints the failures it is given and the
 * certificate's identity, then rejects (MODE "reject") or accepts (MODE
 * "accept"). MODE "resume" makes two GET requests with ne_close_connection
 * between them; the server counts resumptions. Prints one line per request:
 * the result, the status line and the body. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_request.h>
#include <ne_session.h>
#include <ne_socket.h>
#include <ne_ssl.h>
#include <ne_utils.h>

static int reject;

static int verify(void *userdata, int failures, const ne_ssl_certificate *cert)
{
    (void)userdata;
    printf("verify callback: failures 0x%x, identity %s\n", (unsigned)failures,
           ne_ssl_cert_identity(cert) ? ne_ssl_cert_identity(cert) : "(none)");
    return reject;
}

static int get(ne_session *sess, const char *path)
{
    ne_request *req = ne_request_create(sess, "GET", path);
    char body[256];
    size_t len = 0;
    int ret;

    ret = ne_begin_request(req);
    if (ret == NE_OK) {
        ssize_t n;
        while ((n = ne_read_response_block(req, body + len, sizeof body - 1 - len)) > 0)
            len += (size_t)n;
        ret = n < 0 ? NE_ERROR : ne_end_request(req);
    }
    body[len] = '\0';
    if (ret == NE_OK) {
        const ne_status *st = ne_get_status(req);
        printf("GET: %d %s, body: %s", st->code, st->reason_phrase, body);
    } else {
        printf("GET: error %d: %s\n", ret, ne_get_error(sess));
    }
    ne_request_destroy(req);
    return ret;
}

int main(int argc, char **argv)
{
    char path[128];
    ne_session *sess;
    ne_ssl_certificate *ca;
    int ret;

    if (argc != 6) {
        fprintf(stderr, "usage: neon_client HOST PORT CAFILE MODE MARK\n");
        return 2;
    }
    if (ne_sock_init() != 0) {
        fprintf(stderr, "ne_sock_init failed\n");
        return 2;
    }
    reject = strcmp(argv[4], "accept") != 0;
    sess = ne_session_create("https", argv[1], (unsigned)atoi(argv[2]));
    ne_set_read_timeout(sess, 10);
    ne_set_connect_timeout(sess, 10);
    ca = ne_ssl_cert_read(argv[3]);
    if (!ca) {
        fprintf(stderr, "cannot read %s\n", argv[3]);
        return 2;
    }
    ne_ssl_trust_cert(sess, ca);
    ne_ssl_set_verify(sess, verify, NULL);

    snprintf(path, sizeof path, "/hello.txt?%s-1", argv[5]);
    ret = get(sess, path);
    if (strcmp(argv[4], "resume") == 0 && ret == NE_OK) {
        ne_close_connection(sess);
        snprintf(path, sizeof path, "/hello.txt?%s-2", argv[5]);
        ret = get(sess, path);
    }
    ne_ssl_cert_free(ca);
    ne_session_destroy(sess);
    return ret == NE_OK ? 0 : 1;
}
