/* A small test PKI for the libssl differential tests, made in-process with
 * the system libcrypto (always the real one): EC P-256 keys, certificates
 * with chosen names, CA flags, subjectAltNames and validity periods
 * relative to now, written as PEM files into a mkdtemp directory (removed
 * at exit by pki_cleanup). Nothing printed depends on keys or times.
 *
 *   pki_cred root = pki_make("Root CA", NULL, PKI_CA, -10, 3650, NULL);
 *   pki_cred mid  = pki_make("Intermediate CA", &root, PKI_CA, -10, 3650, NULL);
 *   pki_cred leaf = pki_make("localhost", &mid, 0, -10, 365, "DNS:localhost");
 *   pki_write(&leaf, "leaf", &mid);   -> leaf.pem (leaf + mid), leaf.key
 */
#ifndef NEONRS_PKI_H
#define NEONRS_PKI_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#define PKI_FN static __attribute__((unused))
#define PKI_CA 1

typedef struct {
    EVP_PKEY *key;
    X509 *cert;
} pki_cred;

static char pki_dir[64];
static char pki_files[32][128];
static int pki_nfiles;
static long pki_serial = 1;

PKI_FN void pki_die(const char *what)
{
    printf("fatal: %s\n", what);
    fflush(stdout);
    exit(3);
}

static void pki_ext(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX v3;
    X509_EXTENSION *ext;

    X509V3_set_ctx(&v3, issuer, cert, NULL, NULL, 0);
    ext = X509V3_EXT_conf_nid(NULL, &v3, nid, value);
    if (!ext) pki_die(value);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

/* A certificate for `cn`, signed by `issuer` (NULL: self-signed), valid
 * from now + nb_days to now + na_days, a CA if flags has PKI_CA, with the
 * subjectAltName `san` (e.g. "DNS:localhost", "IP:127.0.0.1") if not NULL. */
PKI_FN pki_cred pki_make(const char *cn, const pki_cred *issuer, int flags, long nb_days, long na_days,
                         const char *san)
{
    pki_cred c;
    X509_NAME *name;
    X509 *signer_cert;

    c.key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
    if (!c.key) pki_die("EC key generation");
    c.cert = X509_new();
    if (!c.cert) pki_die("X509_new");
    X509_set_version(c.cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(c.cert), pki_serial++);
    X509_gmtime_adj(X509_getm_notBefore(c.cert), nb_days * 86400L);
    X509_gmtime_adj(X509_getm_notAfter(c.cert), na_days * 86400L);
    X509_set_pubkey(c.cert, c.key);
    name = X509_get_subject_name(c.cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0);
    X509_set_issuer_name(c.cert, issuer ? X509_get_subject_name(issuer->cert) : name);
    signer_cert = issuer ? issuer->cert : c.cert;
    pki_ext(c.cert, signer_cert, NID_subject_key_identifier, "hash");
    if (issuer) pki_ext(c.cert, signer_cert, NID_authority_key_identifier, "keyid:always");
    if (flags & PKI_CA) {
        pki_ext(c.cert, signer_cert, NID_basic_constraints, "critical,CA:TRUE");
        pki_ext(c.cert, signer_cert, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        pki_ext(c.cert, signer_cert, NID_basic_constraints, "CA:FALSE");
        pki_ext(c.cert, signer_cert, NID_key_usage, "critical,digitalSignature");
        pki_ext(c.cert, signer_cert, NID_ext_key_usage, "serverAuth,clientAuth");
    }
    if (san) pki_ext(c.cert, signer_cert, NID_subject_alt_name, san);
    if (!X509_sign(c.cert, issuer ? issuer->key : c.key, EVP_sha256())) pki_die("X509_sign");
    return c;
}

PKI_FN void pki_free(pki_cred *c)
{
    X509_free(c->cert);
    EVP_PKEY_free(c->key);
    c->cert = NULL;
    c->key = NULL;
}

/* Removes the files written and the directory. */
PKI_FN void pki_cleanup(void)
{
    int i;

    for (i = 0; i < pki_nfiles; i++) unlink(pki_files[i]);
    pki_nfiles = 0;
    if (pki_dir[0]) rmdir(pki_dir);
    pki_dir[0] = '\0';
}

/* The path of `name` in the directory (made on first use), remembered for
 * pki_cleanup; in a static buffer per call slot (0..3). */
PKI_FN const char *pki_path(int slot, const char *name)
{
    static char buf[4][128];
    const char *tmp = getenv("TMPDIR");

    if (!pki_dir[0]) {
        if (!tmp || !*tmp || strlen(tmp) > 32) tmp = "/tmp";
        snprintf(pki_dir, sizeof pki_dir, "%s/pki-XXXXXX", tmp);
        if (!mkdtemp(pki_dir)) pki_die("mkdtemp");
        atexit(pki_cleanup);
    }
    snprintf(buf[slot], sizeof buf[slot], "%s/%s", pki_dir, name);
    return buf[slot];
}

PKI_FN void pki_remember(const char *path)
{
    int i;

    for (i = 0; i < pki_nfiles; i++)
        if (strcmp(pki_files[i], path) == 0) return;
    if (pki_nfiles == 32) pki_die("too many files");
    snprintf(pki_files[pki_nfiles++], sizeof pki_files[0], "%s", path);
}

/* Writes <base>.pem (the certificate, then `chain` if not NULL) and
 * <base>.key; returns the path of <base>.pem. */
PKI_FN const char *pki_write(const pki_cred *c, const char *base, const pki_cred *chain)
{
    char name[64];
    const char *pem, *key;
    FILE *f;

    snprintf(name, sizeof name, "%s.key", base);
    key = pki_path(1, name);
    pki_remember(key);
    f = fopen(key, "w");
    if (!f || !PEM_write_PrivateKey(f, c->key, NULL, NULL, 0, NULL, NULL) || fclose(f) != 0) pki_die("key file");
    snprintf(name, sizeof name, "%s.pem", base);
    pem = pki_path(0, name);
    pki_remember(pem);
    f = fopen(pem, "w");
    if (!f || !PEM_write_X509(f, c->cert) || (chain && !PEM_write_X509(f, chain->cert)) || fclose(f) != 0)
        pki_die("certificate file");
    return pem;
}

/* The key file pki_write wrote for <base>. */
PKI_FN const char *pki_key(const char *base)
{
    char name[64];

    snprintf(name, sizeof name, "%s.key", base);
    return pki_path(1, name);
}

/* The common name of a certificate ("-" for NULL). */
PKI_FN const char *pki_cn(X509 *cert)
{
    static char cn[4][80];
    static int next;
    char *out = cn[next++ % 4];

    strcpy(out, "-");
    if (cert) X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, out, 80);
    return out;
}

#endif
