/* A plain neon program for the package test: GET an https URL trusting a
 * CA file, print the status and body, then which libneon and libssl files
 * this process has mapped (/proc/self/maps). Built against Debian's neon
 * headers with -lneon; run as is or through neonrs-run.
 * Usage: neonget HOST PORT PATH CA.pem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_request.h>
#include <ne_session.h>
#include <ne_socket.h>
#include <ne_ssl.h>
#include <ne_utils.h>

static int print_block(void *ud, const char *buf, size_t len)
{
    (void)ud;
    fwrite(buf, 1, len, stdout);
    return 0;
}

static void show_mapped(const char *name)
{
    char line[4096];
    FILE *maps = fopen("/proc/self/maps", "r");
    const char *found = NULL;

    while (maps && fgets(line, sizeof line, maps)) {
        char *p = strchr(line, '/');

        if (p && strstr(p, name)) {
            p[strcspn(p, "\n")] = '\0';
            found = p;
            break;
        }
    }
    printf("mapped %s: %s\n", name, found ? found : "none");
    if (maps) fclose(maps);
}

int main(int argc, char **argv)
{
    ne_session *sess;
    ne_request *req;
    ne_ssl_certificate *ca;
    int ret;

    if (argc != 5) {
        fprintf(stderr, "usage: neonget HOST PORT PATH CA.pem\n");
        return 2;
    }
    if (ne_sock_init()) return 1;
    sess = ne_session_create("https", argv[1], (unsigned)atoi(argv[2]));
    ne_set_read_timeout(sess, 10);
    ne_set_connect_timeout(sess, 10);
    ca = ne_ssl_cert_read(argv[4]);
    if (!ca) {
        fprintf(stderr, "cannot read %s\n", argv[4]);
        return 1;
    }
    ne_ssl_trust_cert(sess, ca);
    ne_ssl_cert_free(ca);
    req = ne_request_create(sess, "GET", argv[3]);
    ne_add_response_body_reader(req, ne_accept_2xx, print_block, NULL);
    ret = ne_request_dispatch(req);
    printf("GET %s: %s (%s)\n", argv[3], ret == NE_OK ? "NE_OK" : "error", ne_get_error(sess));
    printf("version: %s\n", ne_version_string());
    show_mapped("libneon");
    show_mapped("libssl.so");
    ne_request_destroy(req);
    ne_session_destroy(sess);
    ne_sock_exit();
    return ret == NE_OK ? 0 : 1;
}
