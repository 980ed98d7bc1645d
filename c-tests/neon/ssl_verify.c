/* Server certificate verification against the TLS nginx (NEONRS_TLS_*,
 * started by run.sh; certificates from c-tests/tls/make-certs.sh), on the
 * TLSv1.2-only and the TLSv1.2+1.3 endpoints:
 *  - every bad certificate (expired, not yet valid, wrong host, DNS-only and
 *    IP-only names against the other host, untrusted issuer, expired +
 *    untrusted, self-signed, missing intermediate, expired intermediate)
 *    without a verify callback: NE_ERROR and the exact error string;
 *  - with an accepting callback (returns 0): the failure bits, ne_get_error
 *    at callback time and the chain handed to the callback (identity,
 *    readable subject/issuer of every certificate), then the request succeeds;
 *  - with a rejecting callback (non-zero): NE_ERROR;
 *  - trust: nothing, ne_ssl_trust_default_ca only, the intermediate only, the
 *    leaf only, the CA, a self-signed leaf, the other CA;
 *  - the callback is not called for a verified certificate;
 *  - SNI (nginx's $ssl_server_name): sent for "localhost", not for
 *    127.0.0.1, not when NE_SESSFLAG_TLS_SNI is cleared;
 *  - the cached-certificate shortcut: after an accepted certificate, later
 *    connections of the session (ne_close_connection) skip verification and
 *    the callback, even once the callback is removed; a rejected one is
 *    verified again.
 * Only names fixed by make-certs.sh are printed (no dates, digests).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>
#include <ne_ssl.h>
#include <ne_socket.h>

#include "harness.h"
#include "tlsutil.h"

struct vctx {
    ne_session *sess;
    int calls;
    int connects; /* ne_status_connected notifications */
    int verbose; /* print chain details */
    int answer;  /* returned from the callback */
};

/* Which of the known authority files a chain certificate is. */
static void print_known(const char *indent, const ne_ssl_certificate *cert)
{
    static const char *const known[] = {
        "ca.pem", "int.pem", "int-expired.pem", "other-ca.pem", "server.pem",
    };
    int n = 0;
    size_t i;

    for (; cert; cert = ne_ssl_cert_signedby(cert), n++) {
        printf("%scert %d is:", indent, n);
        for (i = 0; i < sizeof known / sizeof known[0]; i++) {
            ne_ssl_certificate *k = tls_cert(known[i]);
            if (ne_ssl_cert_cmp(cert, k) == 0) printf(" %s", known[i]);
            ne_ssl_cert_free(k);
        }
        if (ne_ssl_cert_signedby(cert))
            printf("; issuer dname %s next subject",
                   ne_ssl_dname_cmp(ne_ssl_cert_issuer(cert),
                                    ne_ssl_cert_subject(ne_ssl_cert_signedby(cert))) == 0
                   ? "==" : "!=");
        printf("\n");
    }
}

static void count_connects(void *userdata, ne_session_status status,
                           const ne_session_status_info *info)
{
    struct vctx *v = userdata;

    (void)info;
    if (status == ne_status_connected) v->connects++;
}

static int verify_cb(void *userdata, int failures, const ne_ssl_certificate *cert)
{
    struct vctx *v = userdata;

    v->calls++;
    printf("    callback: failures ");
    print_failures(failures);
    printf(", returns %d\n", v->answer);
    if (v->verbose) {
        print_str("    error at callback time", ne_get_error(v->sess));
        print_chain("      ", cert);
        print_known("      ", cert);
    }
    return v->answer;
}

struct tcase {
    const char *endpoint, *host;
};

static const struct tcase cases[] = {
    { "VALID", "127.0.0.1" },
    { "VALID", "localhost" },
    { "EXPIRED", "127.0.0.1" },
    { "NOTYET", "localhost" },
    { "WRONGHOST", "127.0.0.1" },
    { "WRONGHOST", "localhost" },
    { "DNSONLY", "127.0.0.1" },
    { "DNSONLY", "localhost" },
    { "IPONLY", "127.0.0.1" },
    { "IPONLY", "localhost" },
    { "UNTRUSTED", "localhost" },
    { "EXPUNTRUSTED", "127.0.0.1" },
    { "SELFSIGNED", "localhost" },
    { "NOINTERMEDIATE", "127.0.0.1" },
    { "BADCHAIN", "localhost" },
};

static void one_case(const struct tcase *c, int version)
{
    int port = tls_port(c->endpoint, version);
    ne_session *sess;
    struct vctx v;

    printf("== %s (TLS %s) host %s\n", c->endpoint, version == 12 ? "1.2 only" : "1.2+1.3", c->host);

    sess = tls_session(c->host, port, "ca.pem");
    tls_get(sess, "  no callback", "/hello.txt");
    ne_session_destroy(sess);

    sess = tls_session(c->host, port, "ca.pem");
    memset(&v, 0, sizeof v);
    v.sess = sess;
    v.verbose = 1;
    v.answer = 0;
    ne_ssl_set_verify(sess, verify_cb, &v);
    tls_get(sess, "  accepting callback", "/hello.txt");
    printf("  callback calls: %d\n", v.calls);
    ne_session_destroy(sess);

    sess = tls_session(c->host, port, "ca.pem");
    memset(&v, 0, sizeof v);
    v.sess = sess;
    v.answer = 1;
    ne_ssl_set_verify(sess, verify_cb, &v);
    tls_get(sess, "  rejecting callback", "/hello.txt");
    printf("  callback calls: %d\n", v.calls);
    ne_session_destroy(sess);
}

/* One request to endpoint/host trusting the given files (NULL-terminated;
 * "default" = ne_ssl_trust_default_ca), with a counting accepting callback
 * when with_cb. */
static void trust_case(const char *label, const char *endpoint, const char *host,
                       const char *const *trust, int with_cb)
{
    ne_session *sess = tls_session(host, tls_port(endpoint, 13), NULL);
    struct vctx v;

    printf("== %s: %s host %s, trusting:", label, endpoint, host);
    if (!*trust) printf(" nothing");
    for (; *trust; trust++) {
        printf(" %s", *trust);
        if (strcmp(*trust, "default") == 0)
            ne_ssl_trust_default_ca(sess);
        else
            tls_trust(sess, *trust);
    }
    printf("\n");
    memset(&v, 0, sizeof v);
    v.sess = sess;
    v.verbose = 1;
    if (with_cb) ne_ssl_set_verify(sess, verify_cb, &v);
    tls_get(sess, "  request", "/hello.txt");
    if (with_cb) printf("  callback calls: %d\n", v.calls);
    ne_session_destroy(sess);
}

/* The cached-certificate shortcut on one endpoint/version. Successful
 * requests also show nginx's log entry: whether the handshake resumed
 * (hidden as "reused=?" for TLS 1.3, where the system libneon never resumes
 * and neon-rs does; c-tests/own/ssl_verify_resume.c checks those). */
static void cache_case(const char *endpoint, const char *host, int version)
{
    ne_session *sess;
    struct vctx v;
    int i, hide = version == 13;
    char label[64], tag[64];

    printf("== cached certificate: %s (TLS %s) host %s\n", endpoint,
           version == 12 ? "1.2 only" : "1.2+1.3", host);

    sess = tls_session(host, tls_port(endpoint, version), "ca.pem");
    memset(&v, 0, sizeof v);
    v.sess = sess;
    v.answer = 0;
    ne_ssl_set_verify(sess, verify_cb, &v);
    ne_set_notifier(sess, count_connects, &v);
    for (i = 1; i <= 3; i++) {
        snprintf(label, sizeof label, "  accepting, connection %d", i);
        snprintf(tag, sizeof tag, "%s-%d-acc%d", endpoint, version, i);
        tls_get_logged(sess, label, tag, NULL, hide);
        ne_close_connection(sess);
    }
    printf("  callback calls after 3 connections: %d\n", v.calls);
    /* The accepted chain is remembered: no callback needed any more. */
    ne_ssl_set_verify(sess, NULL, NULL);
    snprintf(tag, sizeof tag, "%s-%d-nocb", endpoint, version);
    tls_get_logged(sess, "  callback removed, connection 4", tag, NULL, hide);
    ne_close_connection(sess);
    /* A request on the same connection does not handshake at all. */
    tls_get(sess, "  connection 5, request 1", "/hello.txt");
    tls_get(sess, "  connection 5, request 2", "/hello.txt");
    printf("  connections: %d\n", v.connects);
    ne_session_destroy(sess);

    /* A rejected certificate is not remembered, and neither is the TLS
     * session of that connection: the next handshake is a full one and
     * verifies again. */
    sess = tls_session(host, tls_port(endpoint, version), "ca.pem");
    memset(&v, 0, sizeof v);
    v.sess = sess;
    v.answer = 1;
    ne_ssl_set_verify(sess, verify_cb, &v);
    ne_set_notifier(sess, count_connects, &v);
    for (i = 1; i <= 2; i++) {
        snprintf(label, sizeof label, "  rejecting, connection %d", i);
        tls_get(sess, label, "/hello.txt");
        ne_close_connection(sess);
    }
    printf("  callback calls after 2 rejections: %d\n", v.calls);
    /* Accept now: the third connection asks again and succeeds. */
    v.answer = 0;
    snprintf(tag, sizeof tag, "%s-%d-rej3", endpoint, version);
    tls_get_logged(sess, "  accepting, connection 3", tag, NULL, hide);
    ne_close_connection(sess);
    snprintf(tag, sizeof tag, "%s-%d-rej4", endpoint, version);
    tls_get_logged(sess, "  connection 4", tag, NULL, hide);
    printf("  callback calls: %d, connections: %d\n", v.calls, v.connects);
    ne_session_destroy(sess);
}

/* SNI as nginx saw it ($ssl_server_name); sent by default for DNS names
 * only; NE_SESSFLAG_TLS_SNI turns it off. */
static void sni_case(const char *host, int version, int flag)
{
    ne_session *sess = tls_session(host, tls_port("VALID", version), "ca.pem");
    char label[128], tag[64];

    printf("== SNI: host %s (TLS %s), NE_SESSFLAG_TLS_SNI default %d", host,
           version == 12 ? "1.2 only" : "1.2+1.3", ne_get_session_flag(sess, NE_SESSFLAG_TLS_SNI));
    if (flag >= 0) {
        ne_set_session_flag(sess, NE_SESSFLAG_TLS_SNI, flag);
        printf(", set to %d", flag);
    }
    printf("\n");
    snprintf(label, sizeof label, "  request");
    snprintf(tag, sizeof tag, "sni-%s-%d-%d", host, version, flag);
    tls_get_logged(sess, label, tag, NULL, 0);
    ne_session_destroy(sess);
}

int main(void)
{
    static const char *const none[] = { NULL };
    static const char *const deflt[] = { "default", NULL };
    static const char *const ca[] = { "ca.pem", NULL };
    static const char *const deflt_ca[] = { "default", "ca.pem", NULL };
    static const char *const inter[] = { "int.pem", NULL };
    static const char *const leaf[] = { "server.pem", NULL };
    static const char *const ss[] = { "selfsigned.pem", NULL };
    static const char *const other[] = { "other-ca.pem", NULL };
    static const char *const other_and_ca[] = { "other-ca.pem", "ca.pem", NULL };
    size_t i;
    int version;

    tls_require(); /* NEONRS_TLS_DIR */
    ne_sock_init();

    printf("-- bad certificates (the test CA trusted)\n");
    for (version = 12; version <= 13; version++)
        for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
            one_case(&cases[i], version);

    printf("-- trust\n");
    trust_case("no trust", "VALID", "127.0.0.1", none, 0);
    trust_case("no trust", "VALID", "127.0.0.1", none, 1);
    trust_case("default CAs only", "VALID", "localhost", deflt, 1);
    trust_case("default CAs and the CA", "VALID", "localhost", deflt_ca, 1);
    trust_case("intermediate only", "VALID", "127.0.0.1", inter, 1);
    trust_case("leaf only", "VALID", "127.0.0.1", leaf, 1);
    trust_case("the CA", "VALID", "127.0.0.1", ca, 1);
    trust_case("self-signed leaf", "SELFSIGNED", "127.0.0.1", ss, 1);
    trust_case("other CA", "UNTRUSTED", "localhost", other, 1);
    trust_case("other CA", "EXPUNTRUSTED", "localhost", other, 1);
    trust_case("other CA", "VALID", "localhost", other, 1);
    trust_case("other CA and the CA", "VALID", "localhost", other_and_ca, 1);
    trust_case("no trust", "BADCHAIN", "localhost", none, 1);
    trust_case("no trust", "EXPIRED", "localhost", none, 1);
    trust_case("no trust", "WRONGHOST", "localhost", none, 1);
    trust_case("intermediate only", "NOINTERMEDIATE", "localhost", inter, 1);

    printf("-- SNI\n");
    sni_case("localhost", 12, -1);
    sni_case("localhost", 13, -1);
    sni_case("localhost", 13, 0);
    sni_case("127.0.0.1", 12, -1);
    sni_case("127.0.0.1", 13, -1);

    printf("-- cached certificate shortcut\n");
    cache_case("EXPIRED", "127.0.0.1", 12);
    cache_case("EXPIRED", "127.0.0.1", 13);
    cache_case("WRONGHOST", "localhost", 13);

    printf("done\n");
    return 0;
}
