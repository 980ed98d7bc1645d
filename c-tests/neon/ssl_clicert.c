/* Client certificates against the TLS nginx endpoint that requires one
 * (NEONRS_TLS_CLICERT_12 / _13: `ssl_verify_client on`, test CA as client
 * CA). nginx completes the handshake without a certificate and answers 400,
 * so every outcome is visible as a status plus nginx's own log entry
 * ($ssl_client_verify: NONE, SUCCESS or FAILED).
 *  - PKCS#12 loading: ne_ssl_clicert_read / _import of the plain
 *    (empty-password), encrypted (AES, PBKDF2), 3DES/SHA-1 and MAC-less
 *    files; ne_ssl_clicert_encrypted, ne_ssl_clicert_name before and after
 *    ne_ssl_clicert_decrypt (wrong password, then the right one);
 *    ne_ssl_clicert_owner identity/subject/issuer; garbage, empty,
 *    truncated, PEM-instead-of-PKCS#12 and missing files give NULL;
 *  - no certificate: 400 (nginx: verify=NONE);
 *  - ne_ssl_set_clicert (copied: the caller's object is freed right away):
 *    200, verify=SUCCESS; with the encrypted file after decryption too;
 *  - ne_ssl_provide_clicert: called during the handshake with the CA names
 *    the server sent (count and readable names printed); declining gives
 *    400; providing one gives 200; not called again once a certificate is
 *    set; a certificate from another CA: 400 (verify=FAILED).
 * Each declining/provider case uses a fresh ne_session: with TLS 1.3 the
 * system libneon never resumes (neon-rs does), and a resumed handshake
 * carries no certificate request.
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

static void print_owner(const char *label, const ne_ssl_client_cert *cc)
{
    const ne_ssl_certificate *owner = ne_ssl_clicert_owner(cc);
    char l[256];

    snprintf(l, sizeof l, "%s owner identity", label);
    print_str(l, ne_ssl_cert_identity(owner));
    snprintf(l, sizeof l, "%s owner subject", label);
    print_dname(l, ne_ssl_cert_subject(owner));
    snprintf(l, sizeof l, "%s owner issuer", label);
    print_dname(l, ne_ssl_cert_issuer(owner));
    printf("%s owner signedby: %s\n", label, ne_ssl_cert_signedby(owner) ? "non-NULL" : "NULL");
}

/* Loads a PKCS#12 file and prints what neon says about it; returns it
 * (decrypted with password if encrypted and password is non-NULL). */
static ne_ssl_client_cert *load(const char *file, const char *password)
{
    ne_ssl_client_cert *cc = ne_ssl_clicert_read(tls_file(file));
    char label[128];

    printf("read %s: %s\n", file, cc ? "ok" : "NULL");
    if (!cc) return NULL;
    printf("  encrypted: %d\n", ne_ssl_clicert_encrypted(cc));
    print_str("  name", ne_ssl_clicert_name(cc));
    if (ne_ssl_clicert_encrypted(cc)) {
        printf("  decrypt with no password (\"\"): %d\n", ne_ssl_clicert_decrypt(cc, ""));
        printf("  decrypt with \"wrong-password\": %d\n", ne_ssl_clicert_decrypt(cc, "wrong-password"));
        printf("  still encrypted: %d\n", ne_ssl_clicert_encrypted(cc));
        if (!password) return cc;
        printf("  decrypt with the right password: %d\n", ne_ssl_clicert_decrypt(cc, password));
        printf("  encrypted: %d\n", ne_ssl_clicert_encrypted(cc));
        print_str("  name", ne_ssl_clicert_name(cc));
    }
    snprintf(label, sizeof label, "  %s", file);
    print_owner(label, cc);
    return cc;
}

static void import(const char *file)
{
    FILE *f = fopen(tls_file(file), "rb");
    unsigned char *buf = malloc(1 << 20);
    size_t len = f ? fread(buf, 1, 1 << 20, f) : 0;
    ne_ssl_client_cert *cc;

    if (f) fclose(f);
    cc = ne_ssl_clicert_import(buf, len);
    printf("import %s (%s): %s", file, len ? "non-empty" : "empty", cc ? "ok" : "NULL");
    if (cc) {
        printf(", encrypted %d, ", ne_ssl_clicert_encrypted(cc));
        print_str("name", ne_ssl_clicert_name(cc));
        ne_ssl_clicert_free(cc);
    } else {
        printf("\n");
    }
    free(buf);
}

struct prov {
    int calls;
    const char *file; /* PKCS#12 to provide, or NULL to decline */
};

static void provider(void *userdata, ne_session *sess,
                     const ne_ssl_dname *const *dnames, int count)
{
    struct prov *p = userdata;
    int i;

    p->calls++;
    printf("    provider called: %d CA name(s)\n", count);
    for (i = 0; i < count; i++) {
        char label[32];
        snprintf(label, sizeof label, "      CA name %d", i);
        print_dname(label, dnames[i]);
    }
    if (p->file) {
        ne_ssl_client_cert *cc = ne_ssl_clicert_read(tls_file(p->file));
        if (!cc) {
            printf("    cannot read %s\n", p->file);
            return;
        }
        if (ne_ssl_clicert_encrypted(cc) && ne_ssl_clicert_decrypt(cc, "s3cret")) {
            printf("    cannot decrypt %s\n", p->file);
        } else {
            ne_ssl_set_clicert(sess, cc);
            printf("    provided %s\n", p->file);
        }
        ne_ssl_clicert_free(cc);
    } else {
        printf("    declined\n");
    }
}

static void with_provider(int version, const char *file, const char *tag)
{
    ne_session *sess = tls_session("127.0.0.1", tls_port("CLICERT", version), "ca.pem");
    struct prov p = { 0, file };
    char label[128], t[64];

    snprintf(label, sizeof label, "  provider %s", file ? file : "declining");
    snprintf(t, sizeof t, "%s-%d", tag, version);
    ne_ssl_provide_clicert(sess, provider, &p);
    tls_get_logged(sess, label, t, NULL, 0);
    if (file) {
        /* a certificate is set now: later handshakes do not ask again */
        ne_close_connection(sess);
        snprintf(t, sizeof t, "%s-%d-again", tag, version);
        tls_get_logged(sess, "  next connection", t, NULL, version == 13);
    }
    printf("  provider calls: %d\n", p.calls);
    ne_session_destroy(sess);
}

static void with_clicert(int version, const char *file, const char *password, const char *tag)
{
    ne_session *sess = tls_session("localhost", tls_port("CLICERT", version), "ca.pem");
    ne_ssl_client_cert *cc = ne_ssl_clicert_read(tls_file(file));
    char label[128], t[64];

    if (!cc) {
        printf("cannot read %s\n", file);
        exit(2);
    }
    if (password && ne_ssl_clicert_decrypt(cc, password)) printf("  decrypt failed\n");
    ne_ssl_set_clicert(sess, cc);
    ne_ssl_clicert_free(cc); /* the session has its own copy */
    snprintf(label, sizeof label, "  ne_ssl_set_clicert %s", file);
    snprintf(t, sizeof t, "%s-%d", tag, version);
    tls_get_logged(sess, label, t, NULL, 0);
    ne_session_destroy(sess);
}

int main(void)
{
    static const char *const bad[] = {
        "garbage.p12", "empty.p12", "truncated.p12", "client.pem", "garbage.pem",
        "does-not-exist.p12",
    };
    ne_ssl_client_cert *cc;
    size_t i;
    int version;

    tls_require(); /* NEONRS_TLS_DIR */
    ne_sock_init();

    printf("-- PKCS#12 files\n");
    cc = load("client.p12", NULL);
    ne_ssl_clicert_free(cc);
    cc = load("client-nomac.p12", NULL);
    ne_ssl_clicert_free(cc);
    cc = load("client-enc.p12", "s3cret");
    ne_ssl_clicert_free(cc);
    cc = load("client-3des.p12", "s3cret");
    ne_ssl_clicert_free(cc);
    cc = load("client-enc.p12", NULL); /* freed while still encrypted */
    ne_ssl_clicert_free(cc);
    cc = load("other-client.p12", NULL);
    ne_ssl_clicert_free(cc);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cc = ne_ssl_clicert_read(tls_file(bad[i]));
        printf("read %s: %s\n", bad[i], cc ? "ok" : "NULL");
        if (cc) ne_ssl_clicert_free(cc);
    }
    import("client.p12");
    import("client-enc.p12");
    import("garbage.p12");
    import("empty.p12");
    import("truncated.p12");

    for (version = 12; version <= 13; version++) {
        ne_session *sess;

        printf("-- client certificate required (TLS %s)\n", version == 12 ? "1.2 only" : "1.2+1.3");
        sess = tls_session("127.0.0.1", tls_port("CLICERT", version), "ca.pem");
        tls_get_logged(sess, "  no certificate", version == 12 ? "none-12" : "none-13", NULL, 0);
        ne_session_destroy(sess);

        with_clicert(version, "client.p12", NULL, "plain");
        with_clicert(version, "client-nomac.p12", NULL, "nomac");
        with_clicert(version, "client-enc.p12", "s3cret", "enc");
        with_clicert(version, "client-3des.p12", "s3cret", "3des");
        with_clicert(version, "other-client.p12", NULL, "other");

        with_provider(version, NULL, "decline");
        with_provider(version, "client.p12", "provide");
        with_provider(version, "client-enc.p12", "provide-enc");
        with_provider(version, "other-client.p12", "provide-other");

        /* a certificate on a server that does not ask for one */
        sess = tls_session("127.0.0.1", tls_port("VALID", version), "ca.pem");
        cc = ne_ssl_clicert_read(tls_file("client.p12"));
        ne_ssl_set_clicert(sess, cc);
        ne_ssl_clicert_free(cc);
        tls_get_logged(sess, "  certificate not requested", version == 12 ? "unasked-12" : "unasked-13", NULL, 0);
        ne_session_destroy(sess);
    }

    printf("done\n");
    return 0;
}
