/* neon-rs only (c-tests/own): SSLKEYLOGFILE. When it names a file, the TLS
 * secrets of each connection are appended to it in the NSS key log format
 * (so a capture can be decrypted in Wireshark); when it is unset, nothing
 * is written. Stock neon on OpenSSL 3.0 ignores the variable.
 * Endpoints: NEONRS_TLS_VALID_13 and NEONRS_TLS_VALID_12. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ne_request.h>
#include <ne_session.h>
#include <ne_socket.h>

#include "harness.h"
#include "tlsutil.h"

/* Counts the lines of FILE starting with LABEL followed by a space. */
static int count_label(const char *file, const char *label)
{
    char line[1024];
    int n = 0;
    FILE *f = fopen(file, "r");

    if (!f) return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, label, strlen(label)) == 0 && line[strlen(label)] == ' ') n++;
    fclose(f);
    return n;
}

static void one_request(int version)
{
    ne_session *sess = tls_session("localhost", tls_port("VALID", version), "ca.pem");

    tls_get(sess, "  request", "/hello.txt");
    ne_session_destroy(sess);
}

int main(void)
{
    char path[64];
    int fd;

    tls_require();
    ne_sock_init();
    strcpy(path, "/tmp/neonrs-keylog-XXXXXX");
    fd = mkstemp(path);
    if (fd < 0) return 2;
    close(fd);

    printf("-- SSLKEYLOGFILE unset\n");
    unsetenv("SSLKEYLOGFILE");
    one_request(13);
    printf("key log lines: %d\n", count_label(path, "CLIENT_TRAFFIC_SECRET_0"));

    printf("-- SSLKEYLOGFILE set, TLS 1.3 then TLS 1.2\n");
    setenv("SSLKEYLOGFILE", path, 1);
    one_request(13);
    one_request(12);
    printf("TLS 1.3 traffic secrets logged: %d\n", count_label(path, "CLIENT_TRAFFIC_SECRET_0"));
    printf("TLS 1.2 master secrets logged: %d\n", count_label(path, "CLIENT_RANDOM"));

    unlink(path);
    ne_sock_exit();
    return 0;
}
