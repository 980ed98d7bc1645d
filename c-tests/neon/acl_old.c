/* ne_acl.h (the deprecated ACL interface): ne_acl_set against a scripted
 * server. Prints the result, the session error and the exact request for
 * each principal kind (href, property, all, an unknown value), grant and
 * deny, and all 32 combinations of the five privilege fields (a privilege
 * is sent when its field is zero, as neon does); no entries; and 200, 207
 * (failure) and 403 (success) responses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_acl.h>
#include <ne_request.h>
#include <ne_session.h>

#include "harness.h"

static void run(const char *label, const char *response, const ne_acl_entry *e, int n)
{
    char *send = directive("send", response);
    const char *script[] = { "accept", "read", send, "drain", NULL };
    struct srv s;
    ne_session *sess;
    int ret;

    printf("== %s\n", label);
    srv_start(&s, script);
    sess = test_session(s.port);
    ret = ne_acl_set(sess, "/dav/old", e, n);
    printf("  result: %s\n", ret_name(ret));
    print_str_port("  error", ne_get_error(sess), s.port);
    ne_session_destroy(sess);
    srv_finish(&s);
    free(send);
}

static const char ok200[] = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

int main(void)
{
    ne_acl_entry e[40];
    int n;
    char href[] = "http://example.com/p/ann", prop[] = "owner";

    setvbuf(stdout, NULL, _IOLBF, 0);
    memset(e, 0, sizeof e);
    for (n = 0; n < 8; n++) {
        int apply = n / 2 == 3 ? 5 : n / 2;
        e[n].apply = apply;
        e[n].type = n % 2 ? ne_acl_deny : ne_acl_grant;
        e[n].principal = apply == ne_acl_href ? href : (apply == ne_acl_property ? prop : NULL);
        e[n].read = n;
    }
    run("every principal kind, grant and deny", ok200, e, 8);
    for (n = 0; n < 32; n++) {
        e[n].apply = ne_acl_all;
        e[n].type = ne_acl_grant;
        e[n].principal = NULL;
        e[n].read = n & 1;
        e[n].read_acl = n & 2;
        e[n].write = n & 4;
        e[n].write_acl = n & 8;
        e[n].read_cuprivset = n & 16;
    }
    run("all privilege combinations", ok200, e, 32);
    run("no entries", ok200, e, 0);
    run("207", "HTTP/1.1 207 Multi-Status\r\nContent-Length: 0\r\n\r\n", e, 1);
    run("403", "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n", e, 1);
    return 0;
}
