/* The libssl client of the verification matrix (c-tests/verify/run.sh).
 *
 *   ssl_client ZOODIR < attempts        (format: attempts.h)
 *
 * Built once against the system OpenSSL headers (-lssl -lcrypto); run on the
 * system libssl.so.3 and on ours. Each attempt is a fresh SSL_CTX trusting
 * ZOODIR/ca.pem (SSL_CTX_load_verify_locations) and a connection to
 * 127.0.0.1:<port> with SNI <host> (unless host is an address), in one of the
 * verification patterns programs use:
 *   peer-host        SSL_VERIFY_PEER + SSL_set1_host(host)
 *   peer-nohost      SSL_VERIFY_PEER, no host check
 *   none-result      SSL_VERIFY_NONE + SSL_set1_host(host), then the program
 *                    checks SSL_get_verify_result() == X509_V_OK
 *   cb-all           SSL_VERIFY_PEER + SSL_set1_host, a verify callback that
 *                    returns 1 (accepts everything)
 *   cb-depth0        SSL_VERIFY_PEER + SSL_set1_host, a verify callback that
 *                    returns 0 at depth 0 and preverify_ok elsewhere
 *   param-nopartial  SSL_VERIFY_PEER + X509_VERIFY_PARAM_set1_host on
 *                    SSL_get0_param(ssl) + SSL_set_hostflags(
 *                    X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS)
 * Printed: ACCEPT/REFUSE, whether the handshake completed (and the version),
 * SSL_get_verify_result with its text, and every callback call as
 * depth:error(preverify_ok). A NULL SSL_get0_param is printed as
 * "param: NULL" and the attempt goes on without the host check.
 */
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "attempts.h"

static char cb_log[1024];

static void log_call(X509_STORE_CTX *ctx, int preverify_ok)
{
    size_t len = strlen(cb_log);

    if (len + 32 < sizeof cb_log)
        snprintf(cb_log + len, sizeof cb_log - len, "%s%d:%d(%d)", len ? " " : "",
                 X509_STORE_CTX_get_error_depth(ctx), X509_STORE_CTX_get_error(ctx),
                 preverify_ok);
}

static int cb_all(int preverify_ok, X509_STORE_CTX *ctx)
{
    log_call(ctx, preverify_ok);
    return 1;
}

static int cb_depth0(int preverify_ok, X509_STORE_CTX *ctx)
{
    log_call(ctx, preverify_ok);
    return X509_STORE_CTX_get_error_depth(ctx) == 0 ? 0 : preverify_ok;
}

static int connect_local(int port)
{
    struct sockaddr_in sa;
    struct timeval tv = {10, 0};
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0) return -1;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa)) {
        close(fd);
        return -1;
    }
    return fd;
}

static void run(const struct attempt *a, const char *mode, const char *cafile)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *ssl = NULL;
    char note[64] = "";
    int fd = -1, ok = 0, accept;
    long result = -1;

    cb_log[0] = '\0';
    printf("%s %s ssl/%s: ", a->name, a->version, mode);
    if (!ctx || SSL_CTX_load_verify_locations(ctx, cafile, NULL) != 1) {
        printf("REFUSE setup: cannot load %s\n", cafile);
        goto out;
    }
    if (strcmp(mode, "none-result") == 0)
        SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    else if (strcmp(mode, "cb-all") == 0)
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, cb_all);
    else if (strcmp(mode, "cb-depth0") == 0)
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, cb_depth0);
    else
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);

    if (!(ssl = SSL_new(ctx)) || (fd = connect_local(a->port)) < 0 || !SSL_set_fd(ssl, fd)) {
        printf("REFUSE setup: %s\n", fd < 0 ? "cannot connect" : "SSL_new/SSL_set_fd failed");
        goto out;
    }
    if (!is_ip(a->host)) SSL_set_tlsext_host_name(ssl, a->host);
    if (strcmp(mode, "param-nopartial") == 0) {
        X509_VERIFY_PARAM *param = SSL_get0_param(ssl);

        if (param)
            X509_VERIFY_PARAM_set1_host(param, a->host, 0);
        else
            snprintf(note, sizeof note, " param: NULL");
        SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    } else if (strcmp(mode, "peer-nohost") != 0) {
        SSL_set1_host(ssl, a->host);
    }

    ok = SSL_connect(ssl) == 1;
    result = SSL_get_verify_result(ssl);
    accept = ok && (strcmp(mode, "none-result") != 0 || result == X509_V_OK);
    printf("%s handshake=%s", accept ? "ACCEPT" : "REFUSE", ok ? SSL_get_version(ssl) : "failed");
    printf(" verify=%ld (%s) cb=[%s]%s\n", result, X509_verify_cert_error_string(result), cb_log,
           note);
    if (ok) SSL_shutdown(ssl);
out:
    fflush(stdout);
    SSL_free(ssl);
    if (fd >= 0) close(fd);
    SSL_CTX_free(ctx);
}

int main(int argc, char **argv)
{
    static const char *const modes[] = {
        "peer-host", "peer-nohost", "none-result", "cb-all", "cb-depth0", "param-nopartial",
    };
    char cafile[1024];
    struct attempt a;
    size_t i;

    if (argc != 2) {
        fprintf(stderr, "usage: ssl_client ZOODIR < attempts\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    snprintf(cafile, sizeof cafile, "%s/ca.pem", argv[1]);
    while (next_attempt(&a))
        for (i = 0; i < sizeof modes / sizeof modes[0]; i++)
            if (wants(&a, modes[i])) run(&a, modes[i], cafile);
    return 0;
}
