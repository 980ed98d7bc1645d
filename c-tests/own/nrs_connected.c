/* nrs_session_connected() (nrs_session.h) through the life of a session:
 * fresh, after a keep-alive response, after `Connection: close`, after the
 * server's FIN (also with unread bytes before it, which it must not
 * consume), after a reset, after ne_close_connection; NULL. The server's
 * FIN or RST is awaited with a bounded loop (the output does not depend on
 * when it arrives); a request after it reconnects (neon's retry).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <ne_request.h>
#include <ne_session.h>
#include <nrs_session.h>

#include "harness.h"

static void show(const char *label, ne_session *sess)
{
    printf("%s: connected %d\n", label, nrs_session_connected(sess));
}

/* Waits up to 5 s for the session to see the peer's close. */
static void show_after_peer(const char *label, ne_session *sess)
{
    int i;

    for (i = 0; i < 500 && nrs_session_connected(sess); i++)
        usleep(10000);
    show(label, sess);
}

static void get(ne_session *sess, const char *path)
{
    ne_request *req = ne_request_create(sess, "GET", path);
    int ret = ne_begin_request(req);
    char body[64];
    ssize_t n = 0, got;

    if (ret == NE_OK) {
        while ((got = ne_read_response_block(req, body + n, sizeof body - 1 - (size_t)n)) > 0)
            n += got;
        body[n] = '\0';
        ret = ne_end_request(req);
    }
    printf("GET %s: %s status %d ", path, ret_name(ret), ne_get_status(req)->code);
    print_str("body", ret == NE_OK ? body : NULL);
    ne_request_destroy(req);
}

int main(void)
{
    static const char *const script[] = {
        "accept", "mark connection 1",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nka",
        "read", "send HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\nclose",
        "drain",
        "accept", "mark connection 2",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nfin",
        "close",
        "accept", "mark connection 3",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokjunk after the body",
        "close",
        "accept", "mark connection 4",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nreset",
        "reset",
        "accept", "mark connection 5",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlast",
        "drain",
        NULL
    };
    struct srv srv;
    ne_session *sess;

    srv_start(&srv, script);
    sess = test_session(srv.port);

    show("fresh session", sess);
    get(sess, "/keep-alive");
    show("after a keep-alive response", sess);
    get(sess, "/close");
    show("after Connection: close", sess);

    get(sess, "/fin");
    show_after_peer("after the server's FIN", sess);

    /* The retry after the FIN opens connection 3, whose close follows
     * bytes the engine has not read: still seen, still not consumed. */
    get(sess, "/junk");
    show_after_peer("after the server's FIN behind unread bytes", sess);
    /* Those bytes would be read as the next status line. */
    ne_close_connection(sess);
    show("after ne_close_connection", sess);

    get(sess, "/reset");
    show_after_peer("after the server's reset", sess);

    get(sess, "/last");
    show("after a keep-alive response again", sess);
    ne_close_connection(sess);
    show("after ne_close_connection", sess);
    printf("NULL session: connected %d\n", nrs_session_connected(NULL));

    ne_session_destroy(sess);
    printf("server exit: %d\n", srv_finish(&srv));
    return 0;
}
