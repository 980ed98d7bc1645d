/* nrs_session_attach_socket() (nrs_session.h): requests on a socket the
 * application connected, and the session's ownership of it.
 *  1. A socket from ne_sock_connect attached to a fresh session: two
 *     keep-alive requests ride on it, then a `Connection: close` response
 *     ends it (the session closes it); the next request connects to the
 *     session's server by itself.
 *  2. Attaching replaces the open connection (closed first: the server
 *     sees its EOF); ne_close_connection closes the attached socket.
 *  3. Errors: an unconnected socket, NULL socket, NULL session (the socket
 *     is closed: the server sees EOF). valgrind shows nothing leaks.
 * The notifier prints connect and disconnect events; the server log shows
 * which connection carried each request.
 */
#include <stdio.h>
#include <string.h>

#include <ne_request.h>
#include <ne_session.h>
#include <ne_socket.h>
#include <nrs_session.h>

#include "harness.h"

static void notifier(void *userdata, ne_session_status status, const ne_session_status_info *info)
{
    (void)userdata;
    if (status == ne_status_connected)
        print_str("  notifier: connected", info->cd.hostname);
    else if (status == ne_status_disconnected)
        print_str("  notifier: disconnected", info->cd.hostname);
}

static ne_socket *connected_socket(ne_sock_addr *addr, int port)
{
    ne_socket *sock = ne_sock_create();

    printf("ne_sock_connect: %d\n", ne_sock_connect(sock, ne_addr_first(addr), (unsigned)port));
    return sock;
}

static void get(ne_session *sess, const char *path)
{
    ne_request *req = ne_request_create(sess, "GET", path);
    int ret = ne_request_dispatch(req);

    printf("GET %s: %s ", path, ret_name(ret));
    print_str("error", ne_get_error(sess));
    ne_request_destroy(req);
    printf("connected %d\n", nrs_session_connected(sess));
}

/* The session's error string is printed when the call sets it. */
static void attach(ne_session *sess, ne_socket *sock)
{
    int ret = nrs_session_attach_socket(sess, sock);

    printf("attach: %s", ret_name(ret));
    if (sess && sock) print_str(" error", ne_get_error(sess));
    else printf("\n");
    printf("connected %d\n", nrs_session_connected(sess));
}

int main(void)
{
    static const char *const script[] = {
        "accept", "mark connection 1 (attached)",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        "read", "send HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        "drain",
        "accept", "mark connection 2 (the session's own)",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        "drain",
        "accept", "mark connection 3 (attached, replacing 2)",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        "drain",
        "accept", "mark connection 4 (attached to a NULL session)",
        "drain",
        NULL
    };
    struct srv srv;
    ne_session *sess;
    ne_sock_addr *addr;
    ne_socket *sock;

    srv_start(&srv, script);
    addr = ne_addr_resolve("127.0.0.1", 0);
    sess = test_session(srv.port);
    ne_set_notifier(sess, notifier, NULL);

    printf("-- 1. requests on an attached socket, then the session's own connection\n");
    attach(sess, connected_socket(addr, srv.port));
    get(sess, "/one");
    get(sess, "/two");
    get(sess, "/close");
    get(sess, "/own");

    printf("-- 2. attaching replaces the open connection\n");
    attach(sess, connected_socket(addr, srv.port));
    get(sess, "/three");
    ne_close_connection(sess);
    printf("after ne_close_connection: connected %d\n", nrs_session_connected(sess));

    printf("-- 3. errors\n");
    attach(sess, ne_sock_create());
    attach(sess, NULL);
    sock = connected_socket(addr, srv.port);
    attach(NULL, sock);

    ne_session_destroy(sess);
    ne_addr_destroy(addr);
    printf("server exit: %d\n", srv_finish(&srv));
    return 0;
}
