/* neon 0.35-0.37 client certificates: ne_ssl_clicert_fromuri on every
 * kind of store (PEM pairs in either order, a certificate alone, an
 * encrypted key decrypted later, a mismatched key, DER, PKCS#12 with and
 * without a password, missing files, other schemes, file: URI forms) with
 * errno, name, owner and decryption; ne_ssl_clicert_copy; and, against the
 * TLS nginx's CLICERT endpoints (NEONRS_TLS_*), ne_ssl_context_set_ccprovide
 * (called with the server's CA names, may set a certificate) and
 * ne_ssl_context_set_clicert (before the handshake, a copy, a certificate
 * of another CA), on TLS 1.2 and 1.3. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ne_socket.h>
#include <ne_ssl.h>

#include "tlsutil.h"

static const char *errname(int e)
{
    switch (e) {
    case 0: return "0";
    case ENOENT: return "ENOENT";
    case ENODEV: return "ENODEV";
    case EINVAL: return "EINVAL";
    default: return "other";
    }
}

static void owner(const ne_ssl_client_cert *cc)
{
    const ne_ssl_certificate *o = ne_ssl_clicert_owner(cc);
    print_dname("    owner subject", o ? ne_ssl_cert_subject(o) : NULL);
}

static void fromuri(const char *label, const char *uri, const char *password)
{
    ne_ssl_client_cert *cc, *copy;
    int enc;

    errno = 0;
    cc = ne_ssl_clicert_fromuri(uri, 0);
    printf("fromuri(%s): %s", label, cc ? "cert" : "NULL");
    if (!cc) {
        printf(" errno %s\n", errname(errno));
        return;
    }
    enc = ne_ssl_clicert_encrypted(cc);
    printf(" encrypted %d name is the URI: %s\n", enc,
           ne_ssl_clicert_name(cc) && strcmp(ne_ssl_clicert_name(cc), uri) == 0 ? "yes" : "no");
    owner(cc);
    if (enc) {
        /* Failure is non-zero: -1 in neon 0.32.5, 1 in 0.37 (neon-rs keeps -1). */
        int r = ne_ssl_clicert_decrypt(cc, "wrong");
        printf("    decrypt(wrong) %s, encrypted %d\n", r ? "fails" : "succeeds",
               ne_ssl_clicert_encrypted(cc));
        if (password) {
            r = ne_ssl_clicert_decrypt(cc, password);
            printf("    decrypt(%s) %s, encrypted %d\n", password, r ? "fails" : "succeeds",
                   ne_ssl_clicert_encrypted(cc));
            owner(cc);
        }
    }
    if (!ne_ssl_clicert_encrypted(cc)) {
        copy = ne_ssl_clicert_copy(cc);
        printf("    copy: encrypted %d same name: %s\n", ne_ssl_clicert_encrypted(copy),
               strcmp(ne_ssl_clicert_name(copy), ne_ssl_clicert_name(cc)) == 0 ? "yes" : "no");
        ne_ssl_clicert_free(cc);
        owner(copy);
        ne_ssl_clicert_free(copy);
    } else {
        ne_ssl_clicert_free(cc);
    }
}

struct prov {
    const char *label;
    ne_ssl_context *ctx;
    ne_ssl_client_cert *give; /* set from the callback, or NULL */
    int calls;
};

static void provider(void *ud, const ne_ssl_dname *const *dnames, int count)
{
    struct prov *p = ud;
    int i;

    p->calls++;
    printf("  provider called: %d CA name(s)%s\n", count, dnames ? "" : ", list NULL");
    for (i = 0; i < count; i++) print_dname("    CA", dnames[i]);
    if (p->give) ne_ssl_context_set_clicert(p->ctx, p->give);
}

/* A handshake with the CLICERT endpoint, then a request: nginx answers 200
 * to a verified client certificate, 400 otherwise. */
static void clicert_run(const char *label, int version, ne_ssl_client_cert *preset,
                        ne_ssl_client_cert *give, int with_provider)
{
    ne_ssl_context *ctx = ne_ssl_context_create(NE_SSL_CTX_CLIENT);
    ne_ssl_certificate *ca = tls_cert("ca.pem");
    ne_inet_addr *ia = ne_iaddr_parse("127.0.0.1", ne_iaddr_ipv4);
    ne_socket *sock = ne_sock_create();
    struct prov p = { label, ctx, give, 0 };
    char req[512], line[256], marker[256], logbuf[256], tag[200];
    ssize_t n;

    printf("== CLICERT_%d %s\n", version, label);
    ne_ssl_context_trustcert(ctx, ca);
    ne_ssl_cert_free(ca);
    if (with_provider) ne_ssl_context_set_ccprovide(ctx, provider, &p);
    if (with_provider == 2) ne_ssl_context_set_ccprovide(ctx, NULL, NULL);
    if (preset) ne_ssl_context_set_clicert(ctx, preset);
    ne_sock_read_timeout(sock, 10);
    if (ne_sock_connect(sock, ia, (unsigned)tls_port("CLICERT", version)) != 0) {
        printf("connect failed\n");
        exit(2);
    }
    printf("  handshake: %d\n", ne_sock_handshake(sock, ctx, "localhost", 0));
    printf("  provider calls: %d\n", p.calls);
    /* The request is marked with the label, made a word. */
    snprintf(tag, sizeof tag, "%s-cc%d-%s", tls_run_id(), version, label);
    for (n = 0; tag[n]; n++)
        if (!isalnum((unsigned char)tag[n]) && tag[n] != '-') tag[n] = '_';
    snprintf(req, sizeof req,
             "GET /hello.txt?%s. HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", tag);
    if (ne_sock_fullwrite(sock, req, strlen(req)) == 0
        && (n = ne_sock_readline(sock, line, sizeof line)) > 0) {
        printf("  response: ");
        print_escaped(line, (size_t)n);
        printf("\n");
        snprintf(marker, sizeof marker, "?%s.", tag);
        printf("  server log: [%s]\n", tls_log_line(marker, logbuf, sizeof logbuf));
    } else {
        printf("  request failed\n");
    }
    ne_sock_close(sock);
    ne_iaddr_free(ia);
    ne_ssl_context_destroy(ctx);
}

int main(void)
{
    char dir[512], uri[600];
    ne_ssl_client_cert *p12, *pair, *other, *copy;
    int v;

    tls_require();
    ne_sock_init();

    fromuri("pem pair", tls_file("client-pair.pem"), NULL);
    snprintf(uri, sizeof uri, "file:%s", tls_file("client-pair.pem"));
    fromuri("file:/path", uri, NULL);
    snprintf(uri, sizeof uri, "file://%s", tls_file("client-pair.pem"));
    fromuri("file:///path", uri, NULL);
    fromuri("key first", tls_file("client-keyfirst.pem"), NULL);
    fromuri("certificate alone", tls_file("client.pem"), "s3cret");
    fromuri("encrypted key", tls_file("client-encpair.pem"), "s3cret");
    fromuri("key alone", tls_file("client.key"), NULL);
    fromuri("encrypted key alone", tls_file("client-enc.key"), "s3cret");
    fromuri("mismatched key", tls_file("client-mismatch.pem"), NULL);
    fromuri("DER certificate", tls_file("client.der"), NULL);
    fromuri("PKCS#12 without password", tls_file("client.p12"), NULL);
    fromuri("PKCS#12 with password", tls_file("client-enc.p12"), "s3cret");
    fromuri("server chain", tls_file("server-chain.pem"), NULL);
    fromuri("garbage", tls_file("garbage.pem"), NULL);
    fromuri("empty", tls_file("empty.pem"), NULL);
    fromuri("missing file", tls_file("no-such-file.pem"), NULL);
    fromuri("pkcs11 scheme", "pkcs11:token=neon;object=client", NULL);
    fromuri("http scheme", "http://localhost/client.pem", NULL);
    if (getcwd(dir, sizeof dir) && chdir(getenv("NEONRS_TLS_DIR")) == 0) {
        fromuri("relative path", "client-pair.pem", NULL);
        if (chdir(dir) != 0) return 2;
    }

    /* Copies of PKCS#12 certificates keep the friendly name. */
    p12 = ne_ssl_clicert_read(tls_file("client.p12"));
    copy = ne_ssl_clicert_copy(p12);
    printf("copy of client.p12: name [%s] encrypted %d\n", ne_ssl_clicert_name(copy),
           ne_ssl_clicert_encrypted(copy));
    owner(copy);
    ne_ssl_clicert_free(copy);

    pair = ne_ssl_clicert_fromuri(tls_file("client-pair.pem"), 0);
    other = ne_ssl_clicert_read(tls_file("other-client.p12"));
    for (v = 12; v <= 13; v++) {
        ne_ssl_client_cert *c;

        clicert_run("no certificate", v, NULL, NULL, 0);
        clicert_run("provider gives none", v, NULL, NULL, 1);
        clicert_run("provider gives client.p12", v, NULL, p12, 1);
        clicert_run("provider gives fromuri pair", v, NULL, pair, 1);
        clicert_run("preset, provider not needed", v, p12, NULL, 1);
        clicert_run("provider removed", v, NULL, p12, 2);
        clicert_run("other CA's certificate", v, other, NULL, 0);
        c = ne_ssl_clicert_copy(pair);
        clicert_run("preset copy", v, c, NULL, 0);
        ne_ssl_clicert_free(c);
    }
    ne_ssl_clicert_free(p12);
    ne_ssl_clicert_free(pair);
    ne_ssl_clicert_free(other);
    ne_sock_exit();
    return 0;
}
