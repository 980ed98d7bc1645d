/* A CONNECT tunnel handed to the application (nrs_session.h).
 *
 * The proxy is a scripted server that first refuses a CONNECT (403 with a
 * body: an ordinary response, the connection stays HTTP), then accepts
 * the next one on the same connection and relays bytes to the target,
 * another scripted server. The application detaches the tunnel after
 * ne_request_dispatch, speaks HTTP to the target through it by hand
 * (ne_sock_fullwrite, ne_sock_readline, ne_sock_read), then attaches it
 * to a session for the target and runs requests on it. Both servers' logs
 * show that one connection each carried everything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_request.h>
#include <ne_session.h>
#include <ne_socket.h>
#include <nrs_session.h>

#include "harness.h"

static int connect_request(ne_session *sess, const char *authority)
{
    ne_request *req = ne_request_create(sess, "CONNECT", authority);
    int ret = ne_request_dispatch(req);

    printf("CONNECT: %s status %d ", ret_name(ret), ne_get_status(req)->code);
    print_str("error", ne_get_error(sess));
    ne_request_destroy(req);
    printf("connected %d\n", nrs_session_connected(sess));
    return ret;
}

int main(void)
{
    static const char *const target_script[] = {
        "accept",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nby hand\n",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nattached\n",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nagain\n",
        "drain",
        NULL
    };
    struct srv target, proxy;
    const char *proxy_script[7];
    char *relay, authority[64], line[256];
    ne_session *sess, *tsess;
    ne_socket *sock = NULL;
    ssize_t n;
    int ret;

    srv_start(&target, target_script);
    relay = directive("relay", (snprintf(line, sizeof line, "%d", target.port), line));
    proxy_script[0] = "accept";
    proxy_script[1] = "readhead";
    proxy_script[2] = "send HTTP/1.1 403 Forbidden\r\nContent-Length: 8\r\n\r\nnot now\n";
    proxy_script[3] = "readhead";
    proxy_script[4] = "send HTTP/1.1 200 Connection established\r\n\r\n";
    proxy_script[5] = relay;
    proxy_script[6] = NULL;
    srv_start(&proxy, proxy_script);
    /* The scripted proxy relays to the target whatever the authority. */
    snprintf(authority, sizeof authority, "target.example:443");

    sess = test_session(proxy.port);
    printf("-- refused CONNECT: an ordinary response\n");
    connect_request(sess, authority);
    printf("-- accepted CONNECT on the same connection, detached\n");
    ret = connect_request(sess, authority);
    if (ret == NE_OK) ret = nrs_session_detach_socket(sess, &sock);
    printf("detach: %s, connected %d\n", ret_name(ret), nrs_session_connected(sess));
    ne_session_destroy(sess);
    if (!sock) return 1;

    printf("-- HTTP by hand through the tunnel\n");
    printf("pending: %zd\n", nrs_sock_pending(sock));
    ret = ne_sock_fullwrite(sock, "GET /by-hand HTTP/1.1\r\nHost: target\r\n\r\n", 39);
    printf("fullwrite: %d\n", ret);
    while ((n = ne_sock_readline(sock, line, sizeof line)) > 0) {
        print_str("  line", line);
        if (strcmp(line, "\r\n") == 0) break;
    }
    n = ne_sock_read(sock, line, sizeof line);
    printf("  body: ");
    print_escaped(line, n > 0 ? (size_t)n : 0);
    printf("\n");

    printf("-- the tunnel attached to a session for the target\n");
    tsess = test_session(target.port);
    ret = nrs_session_attach_socket(tsess, sock);
    printf("attach: %s, connected %d\n", ret_name(ret), nrs_session_connected(tsess));
    run_request(tsess, "GET", "/attached", SHOW_BODY);
    run_request(tsess, "GET", "/again", SHOW_BODY);
    ne_session_destroy(tsess);

    printf("-- proxy\n");
    printf("proxy exit: %d\n", srv_finish(&proxy));
    printf("-- target\n");
    printf("target exit: %d\n", srv_finish(&target));
    free(relay);
    return 0;
}
