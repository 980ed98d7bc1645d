/* A WebSocket-style upgrade over HTTP handed to the application with
 * nrs_session_detach_socket() (nrs_session.h).
 *
 * The scripted server answers `101 Switching Protocols` and, in the same
 * write (one packet), the first frame; then it echoes the frames it gets.
 * The detached socket's first read must return that frame, counted by
 * nrs_sock_pending() beforehand, without touching the network.
 *  1. ne_request_dispatch, detach after it; echo; server's close frame and
 *     FIN; the session's next request connects anew.
 *  2. ne_begin_request, detach before ne_end_request.
 *  3. A 101 left attached: the next request closes it (the server sees
 *     EOF) and connects anew.
 *  4. A 101 to a request without Upgrade stays interim (neon's rule).
 *  5. Errors: nothing to detach, NULL arguments, nrs_sock_pending(NULL).
 * The notifier shows connect and disconnect events.
 */
#include <stdio.h>
#include <string.h>

#include <ne_request.h>
#include <ne_session.h>
#include <ne_socket.h>
#include <nrs_session.h>

#include "harness.h"

#define HEAD101 "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"

static void notifier(void *userdata, ne_session_status status, const ne_session_status_info *info)
{
    (void)userdata;
    if (status == ne_status_connected)
        print_str("  notifier: connected", info->cd.hostname);
    else if (status == ne_status_disconnected)
        print_str("  notifier: disconnected", info->cd.hostname);
}

/* "NE_SOCK_CLOSED", ... for a socket function's negative result. */
static const char *sock_ret(ssize_t r)
{
    static const char *const names[] = {
        "NE_SOCK_ERROR", "NE_SOCK_TIMEOUT", "NE_SOCK_CLOSED", "NE_SOCK_RESET", "NE_SOCK_TRUNC",
        "NE_SOCK_RETRY",
    };
    return r < 0 && r >= -6 ? names[-r - 1] : "not a socket error";
}

static ne_request *upgrade_request(ne_session *sess, const char *path)
{
    ne_request *req = ne_request_create(sess, "GET", path);

    ne_add_request_header(req, "Upgrade", "websocket");
    ne_add_request_header(req, "Connection", "Upgrade");
    ne_add_request_header(req, "Sec-WebSocket-Version", "13");
    return req;
}

static void show_status(const char *label, ne_session *sess, ne_request *req, int ret)
{
    printf("%s: %s status %d ", label, ret_name(ret), ne_get_status(req)->code);
    print_str("error", ne_get_error(sess));
}

static ne_socket *detach(ne_session *sess)
{
    ne_socket *sock = (ne_socket *)&sock; /* must be overwritten */
    int ret = nrs_session_detach_socket(sess, &sock);

    printf("detach: %s, socket %s, connected %d\n", ret_name(ret), sock ? "non-NULL" : "NULL",
           nrs_session_connected(sess));
    return sock;
}

/* The bytes that came with the 101, then one echoed frame. */
static void talk(ne_socket *sock, const char *frame)
{
    char buf[64];
    ssize_t n;

    printf("pending before the first read: %zd\n", nrs_sock_pending(sock));
    n = ne_sock_read(sock, buf, sizeof buf);
    printf("first read: %zd bytes ", n);
    print_escaped(buf, n > 0 ? (size_t)n : 0);
    printf("\npending after it: %zd\n", nrs_sock_pending(sock));
    printf("write frame: %d\n", ne_sock_fullwrite(sock, frame, strlen(frame)));
    n = ne_sock_fullread(sock, buf, strlen(frame));
    printf("echo: %zd ", n);
    print_escaped(buf, n == 0 ? strlen(frame) : 0);
    printf("\n");
}

/* The server's close frame, then its FIN. */
static void closing(ne_socket *sock)
{
    char buf[8];
    ssize_t n = ne_sock_fullread(sock, buf, 2);

    printf("close frame: %zd ", n);
    print_escaped(buf, n == 0 ? 2 : 0);
    printf("\nthen: %s\n", sock_ret(ne_sock_read(sock, buf, sizeof buf)));
    printf("ne_sock_close: %d\n", ne_sock_close(sock));
}

static void get(ne_session *sess, const char *path)
{
    ne_request *req = ne_request_create(sess, "GET", path);
    int ret = ne_request_dispatch(req);

    show_status(path, sess, req, ret);
    ne_request_destroy(req);
}

int main(void)
{
    static const char *const script[] = {
        "accept", "mark connection 1",
        "readhead",
        "send " HEAD101 "\x81\x05hello",
        "echo 7", "echo 9",
        "sendhex 88 00", "close",
        "accept", "mark connection 2",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        "readhead",
        "send " HEAD101 "\x81\x03hey",
        "echo 7",
        "close",
        "accept", "mark connection 3",
        "readhead", "send " HEAD101,
        "drain",
        "accept", "mark connection 4",
        "read", "send HTTP/1.1 101 Switching Protocols\r\n\r\n"
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "drain",
        NULL
    };
    struct srv srv;
    ne_session *sess;
    ne_request *req;
    ne_socket *sock;
    int ret;

    srv_start(&srv, script);
    sess = test_session(srv.port);
    ne_set_notifier(sess, notifier, NULL);

    printf("-- 1. ne_request_dispatch, then detach\n");
    req = upgrade_request(sess, "/chat");
    ret = ne_request_dispatch(req);
    show_status("upgrade", sess, req, ret);
    print_headers(req);
    ne_request_destroy(req);
    printf("connected before detaching: %d\n", nrs_session_connected(sess));
    sock = detach(sess);
    if (sock) {
        talk(sock, "\x81\x05world");
        printf("write frame: %d\n", ne_sock_fullwrite(sock, "\x81\x07goodbye", 9));
        {
            char buf[16];
            ssize_t n = ne_sock_fullread(sock, buf, 9);
            printf("echo: %zd ", n);
            print_escaped(buf, n == 0 ? 9 : 0);
            printf("\n");
        }
        closing(sock);
    }
    get(sess, "/after-detach");

    printf("-- 2. ne_begin_request, detach, ne_end_request\n");
    req = upgrade_request(sess, "/chat2");
    ret = ne_begin_request(req);
    show_status("begin", sess, req, ret);
    sock = detach(sess);
    ret = ne_end_request(req);
    printf("end: %s\n", ret_name(ret));
    ne_request_destroy(req);
    if (sock) {
        talk(sock, "\x81\x05" "again");
        printf("then: %s\n", sock_ret(ne_sock_read(sock, (char[8]){0}, 8)));
        ne_sock_close(sock);
    }

    printf("-- 3. a 101 left attached\n");
    req = upgrade_request(sess, "/ignored");
    ret = ne_request_dispatch(req);
    show_status("upgrade", sess, req, ret);
    ne_request_destroy(req);
    printf("connected: %d\n", nrs_session_connected(sess));

    printf("-- 4. the next request: a new connection; a 101 without Upgrade in the request is interim\n");
    get(sess, "/interim");
    printf("connected: %d\n", nrs_session_connected(sess));
    ne_close_connection(sess);

    printf("-- 5. errors\n");
    sock = (ne_socket *)&sock;
    ret = nrs_session_detach_socket(sess, &sock);
    printf("detach without a connection: %s, socket %s ", ret_name(ret), sock ? "non-NULL" : "NULL");
    print_str("error", ne_get_error(sess));
    sock = (ne_socket *)&sock;
    ret = nrs_session_detach_socket(NULL, &sock);
    printf("detach NULL session: %s, socket %s\n", ret_name(ret), sock ? "non-NULL" : "NULL");
    printf("detach NULL out-parameter: %s\n", ret_name(nrs_session_detach_socket(sess, NULL)));
    printf("nrs_sock_pending(NULL): %zd\n", nrs_sock_pending(NULL));

    ne_session_destroy(sess);
    printf("server exit: %d\n", srv_finish(&srv));
    return 0;
}
