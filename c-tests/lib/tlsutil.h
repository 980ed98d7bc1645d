/* Helpers for the TLS tests (c-tests/neon/ssl_*.c and the TLS tests in c-tests/own).
 *
 * Header-only (static functions) so that run.sh needs no extra object. The
 * TLS nginx (c-tests/nginx/start-tls.sh) passes its endpoints and the
 * certificate directory in NEONRS_TLS_* variables; run.sh starts it when a
 * test's source mentions NEONRS_TLS_. Everything printed is deterministic
 * and library independent: names fixed by c-tests/tls/make-certs.sh, never
 * digests, dates, serials or TLS library error texts.
 */
#ifndef NEONRS_TLSUTIL_H
#define NEONRS_TLSUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <ne_session.h>
#include <ne_request.h>
#include <ne_ssl.h>

#include "harness.h"

/* Not every test uses every helper. */
#define TLSUTIL_FN static __attribute__((unused))

/* Prints "skip: ..." and exits 0 unless the TLS nginx runs. */
TLSUTIL_FN void tls_require(void)
{
    if (!getenv("NEONRS_TLS_DIR") || !getenv("NEONRS_TLS_LOG")) {
        printf("skip: NEONRS_TLS_DIR not set\n");
        exit(0);
    }
}

/* The port of endpoint NAME ("VALID", ...) for version 12 or 13. */
TLSUTIL_FN int tls_port(const char *name, int version)
{
    char var[64];
    const char *v;

    snprintf(var, sizeof var, "NEONRS_TLS_%s_%d", name, version);
    v = getenv(var);
    if (!v) {
        printf("missing %s\n", var);
        exit(2);
    }
    return atoi(v);
}

/* "$NEONRS_TLS_DIR/name" in one of four rotating static buffers. */
TLSUTIL_FN const char *tls_file(const char *name)
{
    static char bufs[4][512];
    static int n;
    char *b = bufs[n++ % 4];

    snprintf(b, sizeof bufs[0], "%s/%s", getenv("NEONRS_TLS_DIR"), name);
    return b;
}

/* Reads certificate file NAME (in NEONRS_TLS_DIR); exits if unreadable. */
TLSUTIL_FN ne_ssl_certificate *tls_cert(const char *name)
{
    ne_ssl_certificate *c = ne_ssl_cert_read(tls_file(name));

    if (!c) {
        printf("cannot read %s\n", name);
        exit(2);
    }
    return c;
}

/* Adds certificate file NAME to the session's trusted CAs. */
TLSUTIL_FN void tls_trust(ne_session *sess, const char *name)
{
    ne_ssl_certificate *c = tls_cert(name);

    ne_ssl_trust_cert(sess, c);
    ne_ssl_cert_free(c);
}

/* An https session to host:port with a 10 s read timeout; if trust_name is
 * non-NULL that certificate file is trusted. */
TLSUTIL_FN ne_session *tls_session(const char *host, int port, const char *trust_name)
{
    ne_session *sess = ne_session_create("https", host, (unsigned)port);

    ne_set_read_timeout(sess, 10);
    ne_set_connect_timeout(sess, 10);
    if (trust_name) tls_trust(sess, trust_name);
    return sess;
}

/* "0x0a (expired, untrusted)" */
TLSUTIL_FN void print_failures(int failures)
{
    static const char *const names[] = {
        "notyetvalid", "expired", "idmismatch", "untrusted", "badchain", "revoked",
    };
    int i, first = 1;

    printf("0x%02x (", (unsigned)failures);
    for (i = 0; i < 6; i++) {
        if (failures & (1 << i)) {
            printf("%s%s", first ? "" : ", ", names[i]);
            first = 0;
        }
    }
    if (failures & ~0x3f) printf("%sother 0x%x", first ? "" : ", ", (unsigned)(failures & ~0x3f));
    printf(")");
}

/* Prints a readable dname; label: [text] */
TLSUTIL_FN void print_dname(const char *label, const ne_ssl_dname *dn)
{
    char *s = dn ? ne_ssl_readable_dname(dn) : NULL;

    print_str(label, s);
    free(s);
}

/* Prints every certificate of a chain: identity, subject and issuer. */
TLSUTIL_FN void print_chain(const char *indent, const ne_ssl_certificate *cert)
{
    int n = 0;
    char label[64];

    for (; cert; cert = ne_ssl_cert_signedby(cert), n++) {
        snprintf(label, sizeof label, "%scert %d identity", indent, n);
        print_str(label, ne_ssl_cert_identity(cert));
        snprintf(label, sizeof label, "%scert %d subject", indent, n);
        print_dname(label, ne_ssl_cert_subject(cert));
        snprintf(label, sizeof label, "%scert %d issuer", indent, n);
        print_dname(label, ne_ssl_cert_issuer(cert));
    }
    printf("%schain length: %d\n", indent, n);
}

/* GET path; prints "label: NE_xx status N error: [...]" (status only when a
 * response was read). Returns the ne_request_dispatch result. */
TLSUTIL_FN int tls_get(ne_session *sess, const char *label, const char *path)
{
    ne_request *req = ne_request_create(sess, "GET", path);
    int ret = ne_request_dispatch(req);
    const ne_status *st = ne_get_status(req);

    printf("%s: %s", label, ret_name(ret));
    if (ret == NE_OK) printf(" status %d", st->code);
    printf(" ");
    print_str("error", ne_get_error(sess));
    ne_request_destroy(req);
    return ret;
}

/* As tls_get, but prints only the error text up to and including the first
 * ": " when it starts with PREFIX (the rest would come from the TLS
 * library), else the whole text. */
TLSUTIL_FN int tls_get_prefix(ne_session *sess, const char *label, const char *path,
                          const char *prefix)
{
    ne_request *req = ne_request_create(sess, "GET", path);
    int ret = ne_request_dispatch(req);
    const char *err = ne_get_error(sess);

    printf("%s: %s", label, ret_name(ret));
    if (ret == NE_OK) printf(" status %d", ne_get_status(req)->code);
    if (strncmp(err, prefix, strlen(prefix)) == 0) {
        printf(" error starts: [%s]", prefix);
        if (err[strlen(prefix)] == '\0') printf(" (nothing after it)");
        printf("\n");
    } else {
        printf(" ");
        print_str("error", err);
    }
    ne_request_destroy(req);
    return ret;
}

/* Counts the access-log lines (NEONRS_TLS_LOG) whose request line contains
 * marker; *reused gets the number with reused=r, and protos (if non-NULL,
 * size protolen) the distinct $ssl_protocol values seen, comma separated in
 * order of first appearance. */
TLSUTIL_FN int tls_log_count(const char *marker, int *reused, char *protos, size_t protolen)
{
    FILE *f = fopen(getenv("NEONRS_TLS_LOG"), "r");
    char line[2048];
    int n = 0;

    *reused = 0;
    if (protos) protos[0] = '\0';
    if (!f) return -1;
    while (fgets(line, sizeof line, f)) {
        char port[16], proto[32], reuse[16];
        if (!strstr(line, marker)) continue;
        if (sscanf(line, "%15s %31s %15s", port, proto, reuse) != 3) continue;
        n++;
        if (strcmp(reuse, "reused=r") == 0) (*reused)++;
        if (protos && !strstr(protos, proto) && strlen(protos) + strlen(proto) + 2 < protolen) {
            if (protos[0]) strcat(protos, ",");
            strcat(protos, proto);
        }
    }
    fclose(f);
    return n;
}

/* Waits (at most 5 s) until the log holds want lines with marker; returns
 * the count as tls_log_count. */
TLSUTIL_FN int tls_log_wait(const char *marker, int want, int *reused, char *protos, size_t protolen)
{
    int i, n = 0;

    for (i = 0; i < 500; i++) {
        n = tls_log_count(marker, reused, protos, protolen);
        if (n >= want) break;
        usleep(10000);
    }
    return n;
}

/* The log entry of the first request containing marker (waits at most
 * 5 s for it) as "<protocol> reused=<r|.> verify=<...> sni=<name|-> <status>"
 * (port and request line left out; a "FAILED:<OpenSSL reason>" verify result
 * is cut to "FAILED"), copied into buf; "" if none. */
TLSUTIL_FN const char *tls_log_line(const char *marker, char *buf, size_t len)
{
    FILE *f = fopen(getenv("NEONRS_TLS_LOG"), "r");
    char line[2048];
    int i;

    buf[0] = '\0';
    if (!f) return buf;
    for (i = 0; i < 500 && !buf[0]; i++) {
        while (fgets(line, sizeof line, f)) {
            char port[16], proto[32], reuse[16], verify[64], sni[128];
            const char *status = strrchr(line, ' ');
            if (!strstr(line, marker) || !status) continue;
            if (sscanf(line, "%15s %31s %15s %63s %127s", port, proto, reuse, verify, sni) != 5)
                continue;
            verify[strcspn(verify, ":")] = '\0';
            snprintf(buf, len, "%s %s %s %s %.*s", proto, reuse, verify, sni,
                     (int)strcspn(status + 1, "\n"), status + 1);
            break;
        }
        if (!buf[0]) {
            usleep(10000);
            clearerr(f);
            rewind(f);
        }
    }
    fclose(f);
    return buf;
}

/* A string unique to this process, for marking requests in the log. */
TLSUTIL_FN const char *tls_run_id(void)
{
    static char id[64];

    if (!id[0]) snprintf(id, sizeof id, "run%ldx%ld", (long)getpid(), (long)time(NULL));
    return id;
}

/* GET /hello.txt?<run id>-<tag>. as tls_get (prefix as tls_get_prefix if
 * non-NULL), then, if a response was read, prints nginx's log entry for it:
 * "<label> server: [TLSv1.3 reused=. verify=SUCCESS sni=localhost 200]". With hide_reuse
 * the reuse flag is printed as "reused=?" (for TLS 1.3 reconnections, where
 * the system libneon and neon-rs deliberately differ). */
TLSUTIL_FN int tls_get_logged(ne_session *sess, const char *label, const char *tag,
                              const char *prefix, int hide_reuse)
{
    char path[200], marker[200], buf[256];
    int ret;

    snprintf(path, sizeof path, "/hello.txt?%s-%s.", tls_run_id(), tag);
    ret = prefix ? tls_get_prefix(sess, label, path, prefix) : tls_get(sess, label, path);
    if (ret == NE_OK) {
        snprintf(marker, sizeof marker, "?%s-%s.", tls_run_id(), tag);
        tls_log_line(marker, buf, sizeof buf);
        if (hide_reuse) {
            char *r = strstr(buf, "reused=");
            if (r && r[7]) r[7] = '?';
        }
        printf("%s server: [%s]\n", label, buf);
    }
    return ret;
}

#endif
