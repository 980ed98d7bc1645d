/* The neon client of the verification matrix (c-tests/verify/run.sh).
 *
 *   neon_client ZOODIR < attempts        (format: attempts.h)
 *
 * Built once against Debian's neon headers (-lneon); run on the system
 * libneon.so.27 and on ours. Each attempt is a new session for
 * https://<host>:<port>/ connecting to 127.0.0.1 (ne_set_addrlist), so the
 * host is what neon checks the certificate against and sends as SNI. It
 * trusts every root of ZOODIR/ca.pem (ne_ssl_trust_cert) and sends one GET,
 * in one of three modes:
 *   default   no verify callback
 *   accept    a verify callback that returns 0 (accept)
 *   reject    a verify callback that returns -1 (reject)
 * Printed: ACCEPT (the request succeeded) or REFUSE, the return code and
 * status, every callback call as the failure bits and the length of the chain
 * it was given, and ne_get_error on failure (the port as PORT, bytes outside
 * printable ASCII escaped).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_request.h>
#include <ne_session.h>
#include <ne_socket.h>
#include <ne_ssl.h>

#include "attempts.h"

#define MAX_CAS 16

static ne_ssl_certificate *cas[MAX_CAS];
static int ncas;

/* Every certificate of a PEM file, by its base64 text. */
static void load_cas(const char *file)
{
    char line[256], b64[16384];
    FILE *f = fopen(file, "r");
    int in = 0;

    if (!f) {
        printf("cannot read %s\n", file);
        exit(2);
    }
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "-----BEGIN CERTIFICATE-----", 27) == 0) {
            in = 1;
            b64[0] = '\0';
        } else if (strncmp(line, "-----END CERTIFICATE-----", 25) == 0) {
            if (ncas == MAX_CAS || !(cas[ncas++] = ne_ssl_cert_import(b64))) {
                printf("cannot import certificate %d of %s\n", ncas, file);
                exit(2);
            }
            in = 0;
        } else if (in && strlen(b64) + strlen(line) < sizeof b64) {
            line[strcspn(line, "\r\n")] = '\0';
            strcat(b64, line);
        }
    }
    fclose(f);
}

struct verify {
    int answer;
    char log[512];
};

static int verify_cb(void *userdata, int failures, const ne_ssl_certificate *cert)
{
    static const struct {
        int bit;
        const char *name;
    } bits[] = {
        {NE_SSL_NOTYETVALID, "NOTYETVALID"}, {NE_SSL_EXPIRED, "EXPIRED"},
        {NE_SSL_IDMISMATCH, "IDMISMATCH"},   {NE_SSL_UNTRUSTED, "UNTRUSTED"},
        {NE_SSL_BADCHAIN, "BADCHAIN"},       {NE_SSL_REVOKED, "REVOKED"},
    };
    struct verify *v = userdata;
    size_t i, len = strlen(v->log);
    int depth = 0, sep = 0;

    for (; cert; cert = ne_ssl_cert_signedby(cert)) depth++;
    if (len + 100 > sizeof v->log) return v->answer;
    len += (size_t)snprintf(v->log + len, sizeof v->log - len, "%s", len ? " " : "");
    for (i = 0; i < sizeof bits / sizeof bits[0]; i++)
        if (failures & bits[i].bit)
            len += (size_t)snprintf(v->log + len, sizeof v->log - len, "%s%s", sep++ ? "+" : "",
                                    bits[i].name);
    if (failures & ~NE_SSL_FAILMASK)
        len += (size_t)snprintf(v->log + len, sizeof v->log - len, "%s0x%x", sep ? "+" : "",
                                (unsigned)(failures & ~NE_SSL_FAILMASK));
    if (!failures) len += (size_t)snprintf(v->log + len, sizeof v->log - len, "none");
    snprintf(v->log + len, sizeof v->log - len, "/chain=%d", depth);
    return v->answer;
}

static const char *rc_name(int rc)
{
    static char other[32];

    switch (rc) {
    case NE_OK: return "NE_OK";
    case NE_ERROR: return "NE_ERROR";
    case NE_LOOKUP: return "NE_LOOKUP";
    case NE_AUTH: return "NE_AUTH";
    case NE_PROXYAUTH: return "NE_PROXYAUTH";
    case NE_CONNECT: return "NE_CONNECT";
    case NE_TIMEOUT: return "NE_TIMEOUT";
    case NE_FAILED: return "NE_FAILED";
    case NE_RETRY: return "NE_RETRY";
    case NE_REDIRECT: return "NE_REDIRECT";
    }
    snprintf(other, sizeof other, "ret=%d", rc);
    return other;
}

static void run(const struct attempt *a, const char *mode)
{
    static const unsigned char loopback[4] = {127, 0, 0, 1};
    ne_inet_addr *addr = ne_iaddr_make(ne_iaddr_ipv4, loopback);
    const ne_inet_addr *addrs[1] = {addr};
    ne_session *sess = ne_session_create("https", a->host, (unsigned int)a->port);
    struct verify v = {0, ""};
    ne_request *req;
    char error[1024] = "";
    int i, rc, status;

    ne_set_addrlist(sess, addrs, 1);
    ne_set_connect_timeout(sess, 10);
    ne_set_read_timeout(sess, 10);
    for (i = 0; i < ncas; i++) ne_ssl_trust_cert(sess, cas[i]);
    if (strcmp(mode, "default") != 0) {
        v.answer = strcmp(mode, "accept") == 0 ? 0 : -1;
        ne_ssl_set_verify(sess, verify_cb, &v);
    }

    req = ne_request_create(sess, "GET", "/");
    rc = ne_request_dispatch(req);
    status = ne_get_status(req)->code;
    if (rc != NE_OK) append_clean(error, sizeof error, ne_get_error(sess), a->port);
    printf("%s %s neon/%s: %s rc=%s", a->name, a->version, mode,
           rc == NE_OK && status == 200 ? "ACCEPT" : "REFUSE", rc_name(rc));
    if (rc == NE_OK) printf(" status=%d", status);
    printf(" cb=[%s]", v.log);
    if (rc != NE_OK) printf(" error=[%s]", error);
    printf("\n");
    fflush(stdout);
    ne_request_destroy(req);
    ne_session_destroy(sess);
    ne_iaddr_free(addr);
}

int main(int argc, char **argv)
{
    static const char *const modes[] = {"default", "accept", "reject"};
    char cafile[1024];
    struct attempt a;
    size_t i;

    if (argc != 2) {
        fprintf(stderr, "usage: neon_client ZOODIR < attempts\n");
        return 2;
    }
    ne_sock_init();
    snprintf(cafile, sizeof cafile, "%s/ca.pem", argv[1]);
    load_cas(cafile);
    while (next_attempt(&a))
        for (i = 0; i < sizeof modes / sizeof modes[0]; i++)
            if (wants(&a, modes[i])) run(&a, modes[i]);
    for (i = 0; i < (size_t)ncas; i++) ne_ssl_cert_free(cas[i]);
    ne_sock_exit();
    return 0;
}
