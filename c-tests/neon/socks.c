/* ne_session_socks_proxy: the SOCKS v4 / v4a / v5 handshakes neon sends
 * (logged byte for byte by the scripted proxy), the HTTP request that
 * follows through the tunnel, and the errors for failed handshakes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>

#include "harness.h"

#define OK "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
#define V5_OK_REPLY "sendhex 05 00 00 01 7f 00 00 01 1f 90"

static void run(const char *label, const char *const *script, enum ne_sock_sversion vers,
                const char *origin, const char *user, const char *pass)
{
    struct srv s;
    ne_session *sess;
    char errlabel[] = "error";

    printf("== %s\n", label);
    srv_start(&s, script);
    sess = ne_session_create("http", origin, 8080);
    ne_set_read_timeout(sess, 10);
    ne_session_socks_proxy(sess, vers, "127.0.0.1", (unsigned)s.port, user, pass);
    ne_set_notifier(sess, print_notifier, NULL);
    {
        ne_request *req = ne_request_create(sess, "GET", "/via-socks");
        int ret = ne_request_dispatch(req);
        printf("dispatch: %s status %d ", ret_name(ret), ne_get_status(req)->code);
        /* the SOCKS error names the proxy's host:port */
        print_str_port(errlabel, ne_get_error(sess), s.port);
        ne_request_destroy(req);
    }
    ne_session_destroy(sess);
    srv_finish(&s);
}

int main(void)
{
    /* v5, no authentication, origin by name */
    static const char *const v5[] = {
        "accept", "readbody 4", "sendhex 05 00", "readbody 22", V5_OK_REPLY,
        "read", OK, "drain", NULL,
    };
    /* v5, username/password */
    static const char *const v5auth[] = {
        "accept", "readbody 4", "sendhex 05 02", "readbody 13", "sendhex 01 00",
        "readbody 22", V5_OK_REPLY, "read", OK, "drain", NULL,
    };
    /* v5, reply with a domain-name bound address */
    static const char *const v5fqdn[] = {
        "accept", "readbody 4", "sendhex 05 00", "readbody 22",
        "sendhex 05 00 00 03 04 68 6f 73 74 00 50", "read", OK, "drain", NULL,
    };
    static const char *const v5authfail[] = {
        "accept", "readbody 4", "sendhex 05 02", "readbody 13", "sendhex 01 01", "drain", NULL,
    };
    static const char *const v5nomethod[] = {
        "accept", "readbody 4", "sendhex 05 ff", "drain", NULL,
    };
    static const char *const v5badversion[] = {
        "accept", "readbody 4", "sendhex 04 00", "drain", NULL,
    };
    static const char *const v5oddmethod[] = {
        "accept", "readbody 4", "sendhex 05 01", "drain", NULL,
    };
    static const char *const v5fail1[] = {
        "accept", "readbody 4", "sendhex 05 00", "readbody 22",
        "sendhex 05 01 00 01 00 00 00 00 00 00", "drain", NULL,
    };
    static const char *const v5fail5[] = {
        "accept", "readbody 4", "sendhex 05 00", "readbody 22",
        "sendhex 05 05 00 01 00 00 00 00 00 00", "drain", NULL,
    };
    static const char *const v5closed[] = {
        "accept", "readbody 4", "close", NULL,
    };
    /* v4: origin must be an IPv4 address (resolved by the client) */
    static const char *const v4[] = {
        "accept", "readbody 13", "sendhex 00 5a 00 00 00 00 00 00", "read", OK, "drain", NULL,
    };
    static const char *const v4fail[] = {
        "accept", "readbody 13", "sendhex 00 5b 00 00 00 00 00 00", "drain", NULL,
    };
    /* v4a: the origin name is sent after the user id */
    static const char *const v4a[] = {
        "accept", "readbody 29", "sendhex 00 5a 00 00 00 00 00 00", "read", OK, "drain", NULL,
    };

    run("SOCKSv5 no auth", v5, NE_SOCK_SOCKSV5, "www.example.com", NULL, NULL);
    run("SOCKSv5 user/password", v5auth, NE_SOCK_SOCKSV5, "www.example.com", "user", "secret");
    run("SOCKSv5 FQDN in reply", v5fqdn, NE_SOCK_SOCKSV5, "www.example.com", NULL, NULL);
    run("SOCKSv5 authentication rejected", v5authfail, NE_SOCK_SOCKSV5, "www.example.com", "user", "secret");
    run("SOCKSv5 no acceptable method", v5nomethod, NE_SOCK_SOCKSV5, "www.example.com", NULL, NULL);
    run("SOCKSv5 bad version", v5badversion, NE_SOCK_SOCKSV5, "www.example.com", NULL, NULL);
    run("SOCKSv5 unexpected method", v5oddmethod, NE_SOCK_SOCKSV5, "www.example.com", NULL, NULL);
    run("SOCKSv5 connect failure 1", v5fail1, NE_SOCK_SOCKSV5, "www.example.com", NULL, NULL);
    run("SOCKSv5 connect failure 5", v5fail5, NE_SOCK_SOCKSV5, "www.example.com", NULL, NULL);
    run("SOCKSv5 proxy closes", v5closed, NE_SOCK_SOCKSV5, "www.example.com", NULL, NULL);
    run("SOCKSv4", v4, NE_SOCK_SOCKSV4, "127.0.0.1", "user", NULL);
    run("SOCKSv4 rejected", v4fail, NE_SOCK_SOCKSV4, "127.0.0.1", "user", NULL);
    run("SOCKSv4a", v4a, NE_SOCK_SOCKSV4A, "www.example.com", "user", NULL);
    return 0;
}
