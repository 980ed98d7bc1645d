/* ne_ssl.h certificates and distinguished names, without connections.
 *
 * Two fixed certificates embedded below (a CA and a leaf it signed, valid
 * until 2055, i.e. with a GeneralizedTime that neon misreads) are shown in
 * full: names, identity, fingerprints in every format, validity strings and
 * times, the export string and the PEM ne_ssl_cert_write writes, and the
 * exact ne_ssl_cert_cmp/ne_ssl_dname_cmp values.
 *
 * The certificates of c-tests/tls/make-certs.sh (directory in
 * NEONRS_CERTS) are made anew each run, so only what their fixed names and
 * dates decide is printed: readable subject and issuer (commonName and
 * emailAddress rules, UTF8String/BMPString/T61String, multi-valued RDNs),
 * identities (subjectAltName DNS/IP/URI rules, last commonName, none),
 * name comparisons, validity where the dates are fixed, and for
 * fingerprints only their format; round trips through export/import and
 * write/read must give the same certificate.
 *
 * Bad input: missing, empty, garbage, truncated, non-base64, DER and
 * directory files; a key before the certificate, text around it, CRLF line
 * ends, the body on one line, old and trusted-certificate PEM labels, a
 * second certificate; garbage and truncated import strings (and
 * bytes after the DER, which OpenSSL ignores); unwritable paths; NULL
 * output pointers; unsupported hash flags.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <ne_ssl.h>
#include <ne_string.h>

#include "harness.h"

static const char fixed_ca_pem[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBpjCCAUugAwIBAgIBCjAKBggqhkjOPQQDAjA6MQswCQYDVQQGEwJHQjEQMA4G\n"
    "A1UECgwHTmVvbi1SUzEZMBcGA1UEAwwQTmVvbi1SUyBGaXhlZCBDQTAeFw0yMzAx\n"
    "MTUwODMwMDBaFw0zMzEyMzEyMzU5NTlaMDoxCzAJBgNVBAYTAkdCMRAwDgYDVQQK\n"
    "DAdOZW9uLVJTMRkwFwYDVQQDDBBOZW9uLVJTIEZpeGVkIENBMFkwEwYHKoZIzj0C\n"
    "AQYIKoZIzj0DAQcDQgAECWq8cbX6ou0YZt6YXzXfcFW3qYEA8wZIoGmWBdN+fhmw\n"
    "QTrLkEeXXPI0b2NwkG1zgCTVZXc/WICvKaxd2aikAqNCMEAwDwYDVR0TAQH/BAUw\n"
    "AwEB/zAOBgNVHQ8BAf8EBAMCAQYwHQYDVR0OBBYEFGygNIgL9KDprcsxFJ5D8oP/\n"
    "pQ/5MAoGCCqGSM49BAMCA0kAMEYCIQCazhD4EpE6R/rGIaKLjX7j1Qd7ffi/GGRr\n"
    "bKoRxTOWBgIhAIiVx6sdkiApjskND1Hj7mJ8hcXZ5KWUzVAFXxBRYiTa\n"
    "-----END CERTIFICATE-----\n";

static const char fixed_leaf_pem[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIICJzCCAc6gAwIBAgIBCzAKBggqhkjOPQQDAjA6MQswCQYDVQQGEwJHQjEQMA4G\n"
    "A1UECgwHTmVvbi1SUzEZMBcGA1UEAwwQTmVvbi1SUyBGaXhlZCBDQTAgFw0yNDAz\n"
    "MDEwMDAwMDBaGA8yMDU1MDYxNTEyMzQ1NlowfzELMAkGA1UEBhMCR0IxDjAMBgNV\n"
    "BAgMBUNhbWJzMRAwDgYDVQQKDAdOZW9uLVJTMRMwEQYDVQQLDApGaXhlZCBEZXB0\n"
    "MRgwFgYDVQQDDA93d3cuZXhhbXBsZS5jb20xHzAdBgkqhkiG9w0BCQEWEG5lb25A\n"
    "ZXhhbXBsZS5jb20wWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASheG4DfaqcJjy6\n"
    "1mzNtyeSUsHMO5t7tuFQXMLhrgA1gwSSYnh9qAiyZ78LL/2L8vbCFUu+AFeX5j2e\n"
    "tCvqBAHJo34wfDAJBgNVHRMEAjAAMC8GA1UdEQQoMCaCD3d3dy5leGFtcGxlLmNv\n"
    "bYINKi5leGFtcGxlLm9yZ4cEwAACATAdBgNVHQ4EFgQUozNUdmT9tgnXL6XYqKU8\n"
    "LfrJo/EwHwYDVR0jBBgwFoAUbKA0iAv0oOmtyzEUnkPyg/+lD/kwCgYIKoZIzj0E\n"
    "AwIDRwAwRAIgV+c+mcmmygZQgINxOtHwI09DPLRJhU+AcJtBpWR0RX0CID04P5gk\n"
    "4GXwOEF1mwpbbDFr/j3eRaGSd/W0ZHosrXI/\n"
    "-----END CERTIFICATE-----\n";

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const unsigned int hash_flags[] = {
    NE_HASH_MD5, NE_HASH_MD5 | NE_HASH_COLON, NE_HASH_SHA256 | NE_HASH_SPACE,
    NE_HASH_SHA512, NE_HASH_SHA512_256 | NE_HASH_COLON | NE_HASH_SPACE,
};

static char scratch[64]; /* a private directory for written files */

/* "dir/name" in one of four rotating buffers. */
static const char *in_dir(const char *dir, const char *name)
{
    static char bufs[4][512];
    static int n;
    char *b = bufs[n++ % 4];

    snprintf(b, sizeof bufs[0], "%s/%s", dir, name);
    return b;
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");

    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        printf("cannot write %s\n", path);
        exit(2);
    }
}

/* The contents of a file (NUL-terminated, malloc'd) or NULL. */
static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long len;

    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    rewind(f);
    buf = malloc(len + 1);
    if (fread(buf, 1, len, f) != (size_t)len) len = 0;
    buf[len] = '\0';
    fclose(f);
    return buf;
}

/* Reads PEM text through a scratch file. */
static ne_ssl_certificate *from_text(const char *text)
{
    const char *path = in_dir(scratch, "text.pem");

    write_file(path, text, strlen(text));
    return ne_ssl_cert_read(path);
}

static void print_dname(const char *label, const ne_ssl_dname *dn)
{
    char *s = ne_ssl_readable_dname(dn);

    print_str(label, s);
    free(s);
}

/* "aa:bb:..." of n lower-case hex pairs? */
static int hex_pairs(const char *s, size_t n, char sep)
{
    size_t i;

    if (strlen(s) != (sep ? n * 3 - 1 : n * 2)) return 0;
    for (i = 0; s[i]; i++) {
        if (sep && i % 3 == 2) {
            if (s[i] != sep) return 0;
        } else if (!strchr("0123456789abcdef", s[i])) {
            return 0;
        }
    }
    return 1;
}

static void fingerprints(const ne_ssl_certificate *c, int show)
{
    char digest[NE_SSL_DIGESTLEN];
    size_t i;
    int rc;

    memset(digest, 'x', sizeof digest);
    rc = ne_ssl_cert_digest(c, digest);
    printf("  digest: rc %d, length %zu, format ok %d\n", rc, strlen(digest),
           hex_pairs(digest, 20, ':'));
    if (show) printf("  digest: %s\n", digest);
    for (i = 0; i < N(hash_flags); i++) {
        char *h = ne_ssl_cert_hdigest(c, hash_flags[i]);
        printf("  hdigest 0x%04x: ", hash_flags[i]);
        if (!h) {
            printf("NULL\n");
            continue;
        }
        if (show) printf("%s\n", h);
        else printf("length %zu\n", strlen(h));
        free(h);
    }
    {
        static const unsigned int bad[] = { 0, 5, 0xf, NE_HASH_COLON, NE_HASH_SPACE | 7 };
        printf("  hdigest unsupported flags:");
        for (i = 0; i < N(bad); i++) {
            char *h = ne_ssl_cert_hdigest(c, bad[i]);
            printf(" %s", h ? "non-NULL" : "NULL");
            free(h);
        }
        printf("\n");
    }
}

static void validity(const ne_ssl_certificate *c)
{
    char from[NE_SSL_VDATELEN], until[NE_SSL_VDATELEN];
    time_t tf = 12345, tu = 12345;

    ne_ssl_cert_validity(c, from, until);
    printf("  validity: [%s] to [%s]\n", from, until);
    memset(from, 'x', sizeof from);
    ne_ssl_cert_validity(c, from, NULL);
    printf("  validity from only: [%s]\n", from);
    memset(until, 'x', sizeof until);
    ne_ssl_cert_validity(c, NULL, until);
    printf("  validity until only: [%s]\n", until);
    ne_ssl_cert_validity(c, NULL, NULL);
    ne_ssl_cert_validity_time(c, &tf, &tu);
    printf("  validity times: %lld to %lld\n", (long long)tf, (long long)tu);
    tf = tu = 12345;
    ne_ssl_cert_validity_time(c, NULL, &tu);
    ne_ssl_cert_validity_time(c, &tf, NULL);
    ne_ssl_cert_validity_time(c, NULL, NULL);
    printf("  validity times one by one: %lld to %lld\n", (long long)tf, (long long)tu);
}

/* Export/import and write/read give the same certificate. */
static void round_trips(const ne_ssl_certificate *c, int show)
{
    char *exported = ne_ssl_cert_export(c), *again, *text;
    ne_ssl_certificate *imported = ne_ssl_cert_import(exported), *read;
    const char *path = in_dir(scratch, "written.pem");
    int rc;

    if (show) printf("  export: %s\n", exported);
    printf("  export: no newline %d; import: %s, cmp %d",
           strchr(exported, '\n') == NULL, imported ? "ok" : "NULL",
           imported ? ne_ssl_cert_cmp(c, imported) : -99);
    again = imported ? ne_ssl_cert_export(imported) : NULL;
    printf(", exported again equal %d\n", again && strcmp(again, exported) == 0);
    free(again);
    ne_ssl_cert_free(imported);
    free(exported);

    unlink(path);
    rc = ne_ssl_cert_write(c, path);
    read = ne_ssl_cert_read(path);
    printf("  write: %d; read back: %s, cmp %d\n", rc, read ? "ok" : "NULL",
           read ? ne_ssl_cert_cmp(read, c) : -99);
    text = read_file(path);
    if (show && text) {
        printf("  written file:\n");
        print_escaped(text, strlen(text));
        printf("\n");
    } else if (text) {
        printf("  written file: PEM armour %d\n",
               strncmp(text, "-----BEGIN CERTIFICATE-----\n", 28) == 0
               && strstr(text, "\n-----END CERTIFICATE-----\n") != NULL);
    }
    free(text);
    ne_ssl_cert_free(read);
}

static void describe(const char *name, const ne_ssl_certificate *c, int show, int dates)
{
    printf("== %s\n", name);
    if (!c) {
        printf("  NULL\n");
        return;
    }
    print_dname("  subject", ne_ssl_cert_subject(c));
    print_dname("  issuer", ne_ssl_cert_issuer(c));
    print_str("  identity", ne_ssl_cert_identity(c));
    printf("  identity stable: %d\n", ne_ssl_cert_identity(c) == ne_ssl_cert_identity(c));
    printf("  subject vs issuer: %d\n",
           ne_ssl_dname_cmp(ne_ssl_cert_subject(c), ne_ssl_cert_issuer(c)));
    printf("  signedby: %s\n", ne_ssl_cert_signedby(c) ? "non-NULL" : "NULL");
    printf("  cmp with itself: %d\n", ne_ssl_cert_cmp(c, c));
    fingerprints(c, show);
    if (dates) validity(c);
    round_trips(c, show);
}

static void fixed(void)
{
    ne_ssl_certificate *ca = from_text(fixed_ca_pem), *leaf = from_text(fixed_leaf_pem);

    describe("fixed CA", ca, 1, 1);
    describe("fixed leaf", leaf, 1, 1);
    if (!ca || !leaf) return;
    printf("-- fixed comparisons\n");
    printf("cmp ca, leaf: %d; leaf, ca: %d\n", ne_ssl_cert_cmp(ca, leaf), ne_ssl_cert_cmp(leaf, ca));
    printf("dname_cmp leaf issuer, ca subject: %d\n",
           ne_ssl_dname_cmp(ne_ssl_cert_issuer(leaf), ne_ssl_cert_subject(ca)));
    printf("dname_cmp leaf subject, ca subject: %d; reversed: %d\n",
           ne_ssl_dname_cmp(ne_ssl_cert_subject(leaf), ne_ssl_cert_subject(ca)),
           ne_ssl_dname_cmp(ne_ssl_cert_subject(ca), ne_ssl_cert_subject(leaf)));
    ne_ssl_cert_free(ca);
    ne_ssl_cert_free(leaf);
}

static const struct {
    const char *file;
    int dates; /* the file's validity period is fixed */
} generated[] = {
    { "ca.pem", 0 }, { "int.pem", 0 }, { "server.pem", 0 }, { "selfsigned.pem", 0 },
    { "cn-only.pem", 0 }, { "case-cn.pem", 0 }, { "two-cn.pem", 0 }, { "no-cn.pem", 0 },
    { "email-only.pem", 0 }, { "multi-ou.pem", 0 }, { "multi-rdn.pem", 0 },
    { "utf8.pem", 0 }, { "bmp.pem", 0 }, { "t61.pem", 0 },
    { "san-dns.pem", 0 }, { "wildcard.pem", 0 }, { "san-ip.pem", 0 }, { "ip-first.pem", 0 },
    { "san-uri.pem", 0 }, { "san-email.pem", 0 }, { "client.pem", 0 },
    { "dated-expired.pem", 1 }, { "dated-notyet.pem", 1 }, { "dated-fixed.pem", 1 },
    { "dated-gentime.pem", 1 },
};

static ne_ssl_certificate *load(const char *dir, const char *file)
{
    return ne_ssl_cert_read(in_dir(dir, file));
}

static void name_comparisons(const char *dir)
{
    static const char *const pairs[][2] = {
        { "utf8.pem", "bmp.pem" }, { "utf8.pem", "t61.pem" }, { "case-cn.pem", "cn-only.pem" },
        { "two-cn.pem", "cn-only.pem" }, { "cn-only.pem", "two-cn.pem" },
        { "no-cn.pem", "email-only.pem" }, { "multi-ou.pem", "multi-rdn.pem" },
        { "server.pem", "dated-fixed.pem" },
    };
    ne_ssl_certificate *ca = load(dir, "ca.pem"), *in = load(dir, "int.pem"),
        *srv = load(dir, "server.pem"), *again = load(dir, "server.pem");
    size_t i;

    printf("-- comparisons of generated certificates\n");
    if (!ca || !in || !srv || !again) {
        printf("cannot load\n");
        exit(2);
    }
    printf("server issuer vs int subject: %d\n",
           ne_ssl_dname_cmp(ne_ssl_cert_issuer(srv), ne_ssl_cert_subject(in)));
    printf("int issuer vs ca subject: %d\n",
           ne_ssl_dname_cmp(ne_ssl_cert_issuer(in), ne_ssl_cert_subject(ca)));
    printf("server issuer vs ca subject: %d\n",
           ne_ssl_dname_cmp(ne_ssl_cert_issuer(srv), ne_ssl_cert_subject(ca)));
    printf("server read twice: cmp %d, %d\n", ne_ssl_cert_cmp(srv, again),
           ne_ssl_cert_cmp(again, srv));
    {
        int a = ne_ssl_cert_cmp(srv, ca), b = ne_ssl_cert_cmp(ca, srv);
        printf("server vs ca: non-zero %d, antisymmetric %d\n", a != 0,
               (a > 0 && b < 0) || (a < 0 && b > 0));
    }
    for (i = 0; i < N(pairs); i++) {
        ne_ssl_certificate *a = load(dir, pairs[i][0]), *b = load(dir, pairs[i][1]);
        if (a && b)
            printf("subject %s vs %s: %d\n", pairs[i][0], pairs[i][1],
                   ne_ssl_dname_cmp(ne_ssl_cert_subject(a), ne_ssl_cert_subject(b)));
        ne_ssl_cert_free(a);
        ne_ssl_cert_free(b);
    }
    ne_ssl_cert_free(ca);
    ne_ssl_cert_free(in);
    ne_ssl_cert_free(srv);
    ne_ssl_cert_free(again);
}

static void try_read(const char *label, const char *path)
{
    ne_ssl_certificate *c = ne_ssl_cert_read(path);

    printf("read %s: ", label);
    if (c) {
        print_str("identity", ne_ssl_cert_identity(c));
        ne_ssl_cert_free(c);
    } else {
        printf("NULL\n");
    }
}

static void try_text(const char *label, const char *text)
{
    const char *path = in_dir(scratch, "try.pem");

    write_file(path, text, strlen(text));
    try_read(label, path);
}

static void try_import(const char *label, const char *data)
{
    ne_ssl_certificate *c = ne_ssl_cert_import(data);

    printf("import %s: ", label);
    if (c) {
        print_str("identity", ne_ssl_cert_identity(c));
        ne_ssl_cert_free(c);
    } else {
        printf("NULL\n");
    }
}

/* The fixed leaf's PEM with its base64 body changed by fn. */
static char *edit_pem(const char *pem, void (*fn)(char *body))
{
    char *copy = malloc(strlen(pem) + 200);

    strcpy(copy, pem);
    fn(strchr(copy, '\n') + 1);
    return copy;
}

static void cut_half(char *body) { body[strlen(body) / 2] = '\0'; }
static void bad_char(char *body) { body[10] = '*'; }
static void crlf(char *body)
{
    /* Rebuild the whole text with CR LF line ends. */
    char *text = body - strlen("-----BEGIN CERTIFICATE-----\n"), *out = malloc(4096), *o = out;
    const char *p;

    for (p = text; *p; p++) {
        if (*p == '\n') *o++ = '\r';
        *o++ = *p;
    }
    *o = '\0';
    strcpy(text, out);
    free(out);
}
static void one_line(char *body)
{
    char *r = body, *w = body;
    const char *end = strstr(body, "-----END");

    for (; r < end; r++)
        if (*r != '\n') *w++ = *r;
    *w++ = '\n';
    memmove(w, end, strlen(end) + 1);
}

/* Replaces the armour label of the whole text. */
static void relabel(char *body, const char *label)
{
    char *text = body - strlen("-----BEGIN CERTIFICATE-----\n"), *out = malloc(4096);
    const char *end = strstr(body, "-----END");
    int n = (int)(end - body);

    sprintf(out, "-----BEGIN %s-----\n%.*s-----END %s-----\n", label, n, body, label);
    strcpy(text, out);
    free(out);
}
static void old_label(char *body) { relabel(body, "X509 CERTIFICATE"); }
static void trusted_label(char *body) { relabel(body, "TRUSTED CERTIFICATE"); }

static void bad_input(const char *dir)
{
    ne_ssl_certificate *leaf = from_text(fixed_leaf_pem);
    char *exported = ne_ssl_cert_export(leaf), *text, *buf;
    unsigned char *der;
    size_t len;

    printf("-- bad and unusual input\n");
    try_read("missing file", in_dir(scratch, "does-not-exist.pem"));
    try_read("empty path", "");
    try_read("directory", scratch);
    try_text("empty file", "");
    try_text("garbage", "this is not a certificate\n");
    try_text("armour only", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
    try_text("no end line", "-----BEGIN CERTIFICATE-----\nMIIB\n");
    text = edit_pem(fixed_leaf_pem, cut_half);
    try_text("truncated PEM", text);
    free(text);
    text = edit_pem(fixed_leaf_pem, bad_char);
    try_text("PEM with a bad character", text);
    free(text);
    text = edit_pem(fixed_leaf_pem, crlf);
    try_text("PEM with CRLF line ends", text);
    free(text);
    text = edit_pem(fixed_leaf_pem, one_line);
    try_text("PEM with the body on one line", text);
    free(text);
    text = edit_pem(fixed_leaf_pem, old_label);
    try_text("old label X509 CERTIFICATE", text);
    free(text);
    text = edit_pem(fixed_leaf_pem, trusted_label);
    try_text("label TRUSTED CERTIFICATE", text);
    free(text);
    len = ne_unbase64(exported, &der);
    write_file(in_dir(scratch, "der.cer"), der, len);
    free(der);
    try_read("DER file", in_dir(scratch, "der.cer"));
    buf = malloc(strlen(fixed_leaf_pem) * 3 + 400);
    sprintf(buf, "some text before\n%s", fixed_leaf_pem);
    try_text("text before", buf);
    sprintf(buf, "%s%s", fixed_leaf_pem, fixed_ca_pem);
    try_text("two certificates", buf);
    sprintf(buf, "%s%s", fixed_ca_pem, fixed_leaf_pem);
    try_text("two certificates, CA first", buf);
    text = read_file(in_dir(dir, "client.key"));
    sprintf(buf, "%s%s", text ? text : "", fixed_leaf_pem);
    free(text);
    try_text("private key, then certificate", buf);
    try_read("private key only", in_dir(dir, "client.key"));
    try_read("PKCS#12 file", in_dir(dir, "client.p12"));
    try_read("chain file", in_dir(dir, "server-chain.pem"));

    try_import("empty string", "");
    try_import("garbage", "garbage");
    try_import("!!!!", "!!!!");
    try_import("QUJD (base64, not DER)", "QUJD");
    try_import("padding only", "====");
    strcpy(buf, exported);
    buf[100] = '\0';
    try_import("first 100 characters", buf);
    strcpy(buf, exported);
    buf[strlen(buf) - 1] = '\0';
    try_import("last character missing", buf);
    sprintf(buf, "%.64s\n%s", exported, exported + 64);
    try_import("with a newline", buf);
    sprintf(buf, " %s", exported);
    try_import("leading space", buf);
    sprintf(buf, "%sQUJD", exported);
    try_import("extra bytes after the DER", buf);

    printf("write to a missing directory: %d\n",
           ne_ssl_cert_write(leaf, in_dir(scratch, "no/such/dir.pem")));
    printf("write to a directory: %d\n", ne_ssl_cert_write(leaf, scratch));
    free(buf);
    free(exported);
    ne_ssl_cert_free(leaf);
}

int main(void)
{
    const char *dir = getenv("NEONRS_CERTS");
    size_t i;

    strcpy(scratch, "/tmp/neonrs-sslcert-XXXXXX");
    if (!mkdtemp(scratch)) {
        printf("mkdtemp failed\n");
        return 2;
    }
    fixed();
    if (!dir) {
        printf("skip: NEONRS_CERTS not set\n");
    } else {
        for (i = 0; i < N(generated); i++) {
            ne_ssl_certificate *c = load(dir, generated[i].file);
            describe(generated[i].file, c, 0, generated[i].dates);
            ne_ssl_cert_free(c);
        }
        name_comparisons(dir);
        bad_input(dir);
    }
    unlink(in_dir(scratch, "text.pem"));
    unlink(in_dir(scratch, "written.pem"));
    unlink(in_dir(scratch, "try.pem"));
    unlink(in_dir(scratch, "der.cer"));
    rmdir(scratch);
    return 0;
}
