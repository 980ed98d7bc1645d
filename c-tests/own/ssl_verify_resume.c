/* neon-rs only (expected output: ssl_verify_resume.expected). The
 * cached-certificate shortcut combined with TLS 1.3 resumption, which the
 * system libneon 0.32.5 never does (c-tests/neon/ssl_verify.c prints the
 * TLS 1.3 reuse flag as "reused=?"; this test shows it). Against the TLS
 * nginx (NEONRS_TLS_*), TLSv1.2+1.3 endpoints:
 *  - an accepted certificate: later connections resume (nginx logs
 *    reused=r) and the verify callback is not called again;
 *  - a rejected certificate: neither the certificate nor the TLS session of
 *    that connection is kept, so the next connection is a full handshake
 *    that verifies (and calls the callback) again; only after an accepted
 *    handshake do connections resume. (A resumed TLS 1.3 handshake carries
 *    no certificate: resuming a rejected session would skip verification.)
 *  - a verified certificate (CA trusted, no callback): resumes likewise.
 * Same as the TLS 1.2 part of ssl_verify.c, which both libraries pass.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>
#include <ne_ssl.h>
#include <ne_socket.h>

#include "harness.h"
#include "tlsutil.h"

struct vctx {
    int calls, connects, answer;
};

static void count_connects(void *userdata, ne_session_status status,
                           const ne_session_status_info *info)
{
    struct vctx *v = userdata;

    (void)info;
    if (status == ne_status_connected) v->connects++;
}

static int verify_cb(void *userdata, int failures, const ne_ssl_certificate *cert)
{
    struct vctx *v = userdata;

    (void)cert;
    v->calls++;
    printf("    callback: failures ");
    print_failures(failures);
    printf(", returns %d\n", v->answer);
    return v->answer;
}

static void cache_case(const char *endpoint, const char *host)
{
    ne_session *sess;
    struct vctx v;
    int i;
    char label[64], tag[64];

    printf("== cached certificate: %s (TLS 1.2+1.3) host %s\n", endpoint, host);

    sess = tls_session(host, tls_port(endpoint, 13), "ca.pem");
    memset(&v, 0, sizeof v);
    ne_ssl_set_verify(sess, verify_cb, &v);
    ne_set_notifier(sess, count_connects, &v);
    for (i = 1; i <= 3; i++) {
        snprintf(label, sizeof label, "  accepting, connection %d", i);
        snprintf(tag, sizeof tag, "own-%s-acc%d", endpoint, i);
        tls_get_logged(sess, label, tag, NULL, 0);
        ne_close_connection(sess);
    }
    printf("  callback calls after 3 connections: %d\n", v.calls);
    ne_ssl_set_verify(sess, NULL, NULL);
    snprintf(tag, sizeof tag, "own-%s-nocb", endpoint);
    tls_get_logged(sess, "  callback removed, connection 4", tag, NULL, 0);
    printf("  connections: %d\n", v.connects);
    ne_session_destroy(sess);

    sess = tls_session(host, tls_port(endpoint, 13), "ca.pem");
    memset(&v, 0, sizeof v);
    v.answer = 1;
    ne_ssl_set_verify(sess, verify_cb, &v);
    ne_set_notifier(sess, count_connects, &v);
    for (i = 1; i <= 2; i++) {
        snprintf(label, sizeof label, "  rejecting, connection %d", i);
        tls_get(sess, label, "/hello.txt");
        ne_close_connection(sess);
    }
    printf("  callback calls after 2 rejections: %d\n", v.calls);
    v.answer = 0;
    snprintf(tag, sizeof tag, "own-%s-rej3", endpoint);
    tls_get_logged(sess, "  accepting, connection 3", tag, NULL, 0);
    ne_close_connection(sess);
    snprintf(tag, sizeof tag, "own-%s-rej4", endpoint);
    tls_get_logged(sess, "  connection 4", tag, NULL, 0);
    printf("  callback calls: %d, connections: %d\n", v.calls, v.connects);
    ne_session_destroy(sess);
}

int main(void)
{
    ne_session *sess;
    struct vctx v;

    tls_require(); /* NEONRS_TLS_DIR, NEONRS_TLS_LOG */
    ne_sock_init();

    cache_case("EXPIRED", "127.0.0.1");
    cache_case("WRONGHOST", "localhost");

    printf("== verified certificate: VALID (TLS 1.2+1.3) host localhost\n");
    sess = tls_session("localhost", tls_port("VALID", 13), "ca.pem");
    memset(&v, 0, sizeof v);
    ne_ssl_set_verify(sess, verify_cb, &v);
    tls_get_logged(sess, "  connection 1", "own-valid-1", NULL, 0);
    ne_close_connection(sess);
    tls_get_logged(sess, "  connection 2", "own-valid-2", NULL, 0);
    printf("  callback calls: %d\n", v.calls);
    ne_session_destroy(sess);

    printf("done\n");
    return 0;
}
