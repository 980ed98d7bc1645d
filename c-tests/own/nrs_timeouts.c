/* nrs_set_timeouts()/nrs_get_timeouts() (nrs_session.h): separate connect,
 * send and receive timeouts in milliseconds, and how neon's two setters
 * share them. Every expiry here is a few hundred milliseconds against a
 * server that stalls for longer; what is printed is the outcome, never a
 * duration.
 *  1. Values: defaults, set, neon's setters (seconds), -1 keeps, 0 resets;
 *     NULL arguments.
 *  2. Receive: a server that stops writing; set on the open connection
 *     after a keep-alive request.
 *  3. Send: a server that stops reading while an endless request body
 *     fills the socket buffers.
 *  4. Send on a socket: a socket attached to a session with a send timeout
 *     and detached again keeps it (ne_sock_fullwrite: NE_SOCK_TIMEOUT).
 *  5. Connect: a listener whose accept queue is full drops the SYN.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ne_request.h>
#include <ne_session.h>
#include <ne_socket.h>
#include <nrs_session.h>

#include "harness.h"

static void show(const char *label, ne_session *sess)
{
    int c = 99, s = 99, r = 99, ret = nrs_get_timeouts(sess, &c, &s, &r);

    printf("%s: %s connect %d send %d receive %d\n", label, ret_name(ret), c, s, r);
}

static void get(ne_session *sess, const char *path)
{
    ne_request *req = ne_request_create(sess, "GET", path);
    int ret = ne_request_dispatch(req);

    printf("GET %s: %s ", path, ret_name(ret));
    print_str("error", ne_get_error(sess));
    ne_request_destroy(req);
}

/* An endless body; fails after 1 GiB (the send timeout did not work). */
static ssize_t endless(void *userdata, char *buf, size_t len)
{
    size_t *sent = userdata;

    if (len == 0) return 0;
    if (*sent > (1u << 30)) return -1;
    memset(buf, 'x', len);
    *sent += len;
    return (ssize_t)len;
}

static void values(void)
{
    ne_session *sess = ne_session_create("http", "127.0.0.1", 80);
    int c = 99;

    printf("-- 1. values\n");
    show("fresh", sess);
    printf("set 300 400 500: %s\n", ret_name(nrs_set_timeouts(sess, 300, 400, 500)));
    show("now", sess);
    ne_set_read_timeout(sess, 2);
    ne_set_connect_timeout(sess, 3);
    show("after ne_set_read_timeout 2, ne_set_connect_timeout 3", sess);
    nrs_set_timeouts(sess, -1, 0, -1);
    show("after -1 0 -1", sess);
    ne_set_read_timeout(sess, -1);
    show("after ne_set_read_timeout -1", sess);
    nrs_set_timeouts(sess, 0, 0, 0);
    show("after 0 0 0", sess);
    printf("set on NULL: %s\n", ret_name(nrs_set_timeouts(NULL, 1, 1, 1)));
    show("get on NULL", NULL);
    printf("get with NULL pointers: %s\n", ret_name(nrs_get_timeouts(sess, NULL, NULL, NULL)));
    nrs_set_timeouts(sess, 100, -1, -1);
    printf("get only connect: %s", ret_name(nrs_get_timeouts(sess, &c, NULL, NULL)));
    printf(" %d\n", c);
    ne_session_destroy(sess);
}

static void receive(void)
{
    static const char *const script[] = {
        "accept", "mark connection 1",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        "read", "sleep 1500",
        "accept", "mark connection 2",
        "read", "sleep 1500",
        NULL
    };
    struct srv srv;
    ne_session *sess;

    printf("-- 2. receive timeout\n");
    srv_start(&srv, script);
    sess = test_session(srv.port);
    get(sess, "/fast");
    nrs_set_timeouts(sess, -1, -1, 200);
    printf("set on the open connection\n");
    get(sess, "/stalled");
    get(sess, "/stalled-on-a-new-connection");
    ne_session_destroy(sess);
    printf("server exit: %d\n", srv_finish(&srv));
}

static void send_body(void)
{
    static const char *const script[] = { "accept", "sleep 2000", NULL };
    struct srv srv;
    ne_session *sess;
    ne_request *req;
    size_t sent = 0;
    int ret;

    printf("-- 3. send timeout: a request body to a server that stops reading\n");
    srv_start(&srv, script);
    sess = test_session(srv.port);
    nrs_set_timeouts(sess, -1, 200, 20000);
    req = ne_request_create(sess, "PUT", "/upload");
    ne_set_request_body_provider(req, -1, endless, &sent);
    ret = ne_request_dispatch(req);
    printf("PUT: %s ", ret_name(ret));
    print_str("error", ne_get_error(sess));
    printf("connected %d\n", nrs_session_connected(sess));
    ne_request_destroy(req);
    ne_session_destroy(sess);
    printf("server exit: %d\n", srv_finish(&srv));
}

static void send_socket(void)
{
    static const char *const script[] = { "accept", "sleep 2000", NULL };
    static char block[65536];
    struct srv srv;
    ne_session *sess;
    ne_sock_addr *addr = ne_addr_resolve("127.0.0.1", 0);
    ne_socket *sock = ne_sock_create();
    int ret = 0, i;

    printf("-- 4. send timeout on a socket attached and detached again\n");
    srv_start(&srv, script);
    printf("ne_sock_connect: %d\n", ne_sock_connect(sock, ne_addr_first(addr), (unsigned)srv.port));
    sess = test_session(srv.port);
    nrs_set_timeouts(sess, -1, 200, -1);
    printf("attach: %s\n", ret_name(nrs_session_attach_socket(sess, sock)));
    sock = NULL;
    printf("detach: %s\n", ret_name(nrs_session_detach_socket(sess, &sock)));
    for (i = 0; i < 16384 && ret == 0; i++)
        ret = ne_sock_fullwrite(sock, block, sizeof block);
    printf("fullwrite until it fails: %s ", ret == NE_SOCK_TIMEOUT ? "NE_SOCK_TIMEOUT" : "other");
    print_str("error", ne_sock_error(sock));
    ne_sock_close(sock);
    ne_session_destroy(sess);
    ne_addr_destroy(addr);
    printf("server exit: %d\n", srv_finish(&srv));
}

static void connect_timeout(void)
{
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;
    int lfd = socket(AF_INET, SOCK_STREAM, 0), filler = socket(AF_INET, SOCK_STREAM, 0);
    ne_session *sess;

    printf("-- 5. connect timeout: the accept queue is full\n");
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) || listen(lfd, 0)
        || getsockname(lfd, (struct sockaddr *)&sa, &len)
        || connect(filler, (struct sockaddr *)&sa, sizeof sa)) {
        perror("listener");
        exit(3);
    }
    sess = ne_session_create("http", "127.0.0.1", ntohs(sa.sin_port));
    nrs_set_timeouts(sess, 200, -1, -1);
    get(sess, "/");
    ne_session_destroy(sess);
    close(filler);
    close(lfd);
}

int main(void)
{
    values();
    receive();
    send_body();
    send_socket();
    connect_timeout();
    return 0;
}
