/* neon 0.34's ne_ssl_set_protovers on sessions: refused for http and for
 * values that are not protocols (with neon's messages), then requests to
 * the TLS nginx (NEONRS_TLS_*) under bounds that select TLS 1.2 or 1.3, or
 * leave nothing either side can use, and after the bounds are lifted
 * again; nginx's log shows the protocol of each request. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>
#include <ne_ssl.h>

#include "tlsutil.h"

static void protovers(ne_session *sess, int min, int max)
{
    int ret = ne_ssl_set_protovers(sess, (enum ne_ssl_protocol)min, (enum ne_ssl_protocol)max);

    printf("set_protovers(%d, %d): %s", min, max, ret_name(ret));
    /* On success the error string is left alone (it may hold a TLS
     * library's text from an earlier failure). */
    if (ret != NE_OK) print_str(" error", ne_get_error(sess));
    else printf("\n");
}

int main(void)
{
    ne_session *http, *sess;
    char tag[32];
    int i;
    static const struct { int port12; int min, max; } steps[] = {
        { 0, NE_SSL_PROTO_UNSPEC, NE_SSL_PROTO_TLS_1_2 },
        { 0, NE_SSL_PROTO_TLS_1_2, NE_SSL_PROTO_TLS_1_3 },
        { 1, NE_SSL_PROTO_TLS_1_3, NE_SSL_PROTO_UNSPEC },
        { 0, NE_SSL_PROTO_TLS_1_0, NE_SSL_PROTO_TLS_1_1 },
        { 0, NE_SSL_PROTO_UNSPEC, NE_SSL_PROTO_UNSPEC },
        { 1, NE_SSL_PROTO_UNSPEC, NE_SSL_PROTO_UNSPEC },
        { 0, NE_SSL_PROTO_TLS_1_3, NE_SSL_PROTO_TLS_1_3 },
    };

    tls_require();
    ne_sock_init();
    http = ne_session_create("http", "localhost", 80);
    ne_set_error(http, "before");
    protovers(http, NE_SSL_PROTO_TLS_1_2, NE_SSL_PROTO_TLS_1_3);
    protovers(http, 0, 0);
    ne_session_destroy(http);

    sess = tls_session("localhost", tls_port("VALID", 13), "ca.pem");
    ne_set_error(sess, "before");
    protovers(sess, 6, 0);
    protovers(sess, 0, 99);
    protovers(sess, -1, -1);
    ne_session_destroy(sess);

    for (i = 0; i < (int)(sizeof steps / sizeof steps[0]); i++) {
        const char *ep = steps[i].port12 ? "12" : "13";
        sess = tls_session("localhost", tls_port("VALID", steps[i].port12 ? 12 : 13), "ca.pem");
        printf("== VALID_%s, %s..%s\n", ep, ne_ssl_proto_name((enum ne_ssl_protocol)steps[i].min),
               ne_ssl_proto_name((enum ne_ssl_protocol)steps[i].max));
        protovers(sess, steps[i].min, steps[i].max);
        snprintf(tag, sizeof tag, "s%d", i);
        tls_get_logged(sess, "  GET", tag, "SSL handshake failed: ", 1);
        /* Lifting the bounds on the same session. */
        protovers(sess, NE_SSL_PROTO_UNSPEC, NE_SSL_PROTO_UNSPEC);
        ne_close_connection(sess);
        snprintf(tag, sizeof tag, "s%db", i);
        tls_get_logged(sess, "  GET again", tag, "SSL handshake failed: ", 1);
        ne_session_destroy(sess);
    }
    ne_sock_exit();
    return 0;
}
