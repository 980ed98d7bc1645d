/* ne_acl3744.h: ne_acl3744_set against a scripted server. Prints the
 * result, the session error and the exact request (headers and the ACL
 * body) for every principal target (href, property, all, authenticated,
 * unauthenticated, self, and an unknown value), grant and deny, each
 * privilege alone, none, all, and mixed masks; several entries, none; and
 * the responses neon treats differently: 200, 204, 207 (failure), 403 and
 * 500 (success: neon only checks for 207), a connection closed early. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_acl3744.h>
#include <ne_request.h>
#include <ne_session.h>

#include "harness.h"

static void run(const char *label, const char *response, const ne_acl_entry *e, int n)
{
    char *send = directive("send", response);
    /* a response cut short ends with the server closing */
    const char *script[] = { "accept", "read", send, strstr(label, "closed") ? "close" : "drain", NULL };
    struct srv s;
    ne_session *sess;
    int ret;

    printf("== %s\n", label);
    srv_start(&s, script);
    sess = test_session(s.port);
    ret = ne_acl3744_set(sess, "/dav/res%20x", e, n);
    printf("  result: %s\n", ret_name(ret));
    print_str_port("  error", ne_get_error(sess), s.port);
    ne_session_destroy(sess);
    srv_finish(&s);
    free(send);
}

static const char ok200[] = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

int main(void)
{
    ne_acl_entry e[64];
    int i, n;
    char href[] = "/principals/users/joe", prop[] = "owner", nsprop[] = "C:group xmlns:C=\"urn:c\"";
    const unsigned masks[] = { 0, NE_ACL_READ | NE_ACL_WRITE, NE_ACL_ALL, 0x7ff, 0xffffffffu,
                               NE_ACL_READ_CUPRIVSET | NE_ACL_BIND | NE_ACL_UNBIND };

    setvbuf(stdout, NULL, _IOLBF, 0);
    /* every target, grant and deny */
    n = 0;
    for (i = 0; i <= 6; i++) {
        int t = i == 6 ? 9 : i;
        e[n].target = (enum ne_acl_target)t;
        e[n].type = (n % 2) ? ne_acl_deny : ne_acl_grant;
        e[n].tname = t == ne_acl_href ? href : (t == ne_acl_property ? prop : NULL);
        e[n].privileges = NE_ACL_READ;
        n++;
        e[n] = e[n - 1];
        e[n].type = e[n].type == ne_acl_grant ? ne_acl_deny : ne_acl_grant;
        n++;
    }
    run("every target, grant and deny", ok200, e, n);
    /* each privilege alone */
    for (n = 0; n < 11; n++) {
        e[n].target = ne_acl_all;
        e[n].type = ne_acl_grant;
        e[n].tname = NULL;
        e[n].privileges = 1u << n;
    }
    run("each privilege alone", ok200, e, n);
    for (n = 0; n < (int)(sizeof masks / sizeof masks[0]); n++) {
        e[n].target = ne_acl_property;
        e[n].type = ne_acl_deny;
        e[n].tname = nsprop;
        e[n].privileges = masks[n];
    }
    run("mixed masks", ok200, e, n);
    e[0].target = ne_acl_href;
    e[0].type = 3;
    e[0].tname = href;
    e[0].privileges = NE_ACL_WRITE_CONTENT | NE_ACL_UNLOCK;
    run("odd type value", ok200, e, 1);
    run("no entries", ok200, e, 0);
    run("negative count", ok200, e, -3);
    run("204", "HTTP/1.1 204 No Content\r\n\r\n", e, 1);
    run("207 (failure; body not read)",
        "HTTP/1.1 207 Multi-Status\r\nContent-Length: 58\r\n\r\n"
        "<multistatus xmlns='DAV:'><response></response></multistatus>", e, 1);
    run("403 (success for neon)", "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n", e, 1);
    run("500 (success for neon)", "HTTP/1.1 500 Internal Error\r\nContent-Length: 4\r\n\r\noops", e, 1);
    run("closed early", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", e, 1);
    return 0;
}
