/* neon-rs only (c-tests/own037): where a program built against neon 0.37
 * sees neon 0.32.5's behaviour, because one libneon.so.27 also serves
 * programs built against 0.32.5 (README.md, "One library for neon 0.32.5
 * and 0.37 programs"; stock neon 0.37.1 gives what each line notes):
 *
 * - trailer fields are also merged into the response's header fields, as
 *   0.32.5 does, while ne_get_response_trailer has them apart and
 *   ne_get_response_retry_after / ne_get_response_location ignore them;
 * - the session and request flags are 0.32.5's (no NE_SESSFLAG_STRICT,
 *   no NE_REQFLAG_1XXTIMEOUT: -1, as for any unknown flag);
 * - ne_ssl_clicert_decrypt fails with -1;
 * - ne_ssl_cert_identity follows 0.32.5's rules (an iPAddress or URI
 *   subjectAltName counts). Certificates from NEONRS_CERTS (the TLS PKI).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>
#include <ne_ssl.h>

#include "harness.h"
#include "tlsutil.h"

static void trailers(void)
{
    const char *script[] = {
        "accept", "read",
        "send HTTP/1.1 503 Busy\r\nTransfer-Encoding: chunked\r\nX-A: head\r\n\r\n"
        "0\r\nX-A: tail\r\nX-T: only-trailer\r\nRetry-After: 120\r\nLocation: /x\r\n\r\n",
        "close", NULL,
    };
    struct srv s;
    ne_session *sess;
    ne_request *req;
    const char *v;

    srv_start(&s, script);
    s.quiet = 1;
    sess = test_session(s.port);
    req = ne_request_create(sess, "GET", "/t");
    printf("dispatch: %s\n", ret_name(ne_request_dispatch(req)));
    v = ne_get_response_header(req, "X-A");
    printf("header X-A: %s (neon 0.37: head)\n", v ? v : "NULL");
    v = ne_get_response_header(req, "X-T");
    printf("header X-T: %s (neon 0.37: NULL)\n", v ? v : "NULL");
    v = ne_get_response_trailer(req, "X-A");
    printf("trailer X-A: %s\n", v ? v : "NULL");
    v = ne_get_response_header(req, "Retry-After");
    printf("header Retry-After: %s (neon 0.37: NULL)\n", v ? v : "NULL");
    printf("retry_after: %ld\n", (long)ne_get_response_retry_after(req));
    {
        ne_uri *u = ne_get_response_location(req, NULL);
        printf("location: %s\n", u ? "set" : "NULL");
        if (u) {
            ne_uri_free(u);
            free(u);
        }
    }
    ne_request_destroy(req);
    ne_session_destroy(sess);
    srv_finish(&s);
}

int main(void)
{
    ne_session *sess = ne_session_create("http", "localhost", 80);
    ne_request *req = ne_request_create(sess, "GET", "/");
    ne_ssl_client_cert *cc;
    ne_ssl_certificate *cert;

    trailers();

    printf("NE_SESSFLAG_LAST %d, NE_REQFLAG_LAST %d (from neon 0.37's headers)\n",
           NE_SESSFLAG_LAST, NE_REQFLAG_LAST);
    printf("session flag STRICT: %d (neon 0.37: 1)\n",
           ne_get_session_flag(sess, NE_SESSFLAG_STRICT));
    printf("request flag 1XXTIMEOUT: %d (neon 0.37: 1)\n",
           ne_get_request_flag(req, NE_REQFLAG_1XXTIMEOUT));
    ne_request_destroy(req);
    ne_session_destroy(sess);

    tls_require();
    cc = ne_ssl_clicert_read(tls_file("client-enc.p12"));
    printf("decrypt with a wrong password: %d (neon 0.37: 1)\n",
           ne_ssl_clicert_decrypt(cc, "wrong"));
    ne_ssl_clicert_free(cc);
    cert = tls_cert("san-ip.pem");
    printf("identity of san-ip.pem: %s (neon 0.37: localhost)\n",
           ne_ssl_cert_identity(cert) ? ne_ssl_cert_identity(cert) : "NULL");
    ne_ssl_cert_free(cert);
    cert = tls_cert("san-uri.pem");
    printf("identity of san-uri.pem: %s (neon 0.37: localhost)\n",
           ne_ssl_cert_identity(cert) ? ne_ssl_cert_identity(cert) : "NULL");
    ne_ssl_cert_free(cert);
    return 0;
}
