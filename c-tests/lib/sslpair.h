/* In-process TLS connections for the libssl differential tests (c-tests/ssl/).
 *
 * Header-only (static functions), so run.sh needs no extra object. The tests
 * are built once against the system OpenSSL headers and run against the
 * system libssl.so.3 and against ours (LD_LIBRARY_PATH=build/ssl); their
 * stdout must be identical, so nothing printed here depends on keys, random
 * ids, times or the library's error texts.
 *
 * Client and server are two SSL objects in one process, one on each end of
 * an AF_UNIX SOCK_STREAM socketpair with non-blocking descriptors
 * (SSL_set_fd). sp_handshake() calls SSL_connect and SSL_accept (or
 * SSL_do_handshake) alternately until both finish, one fails, or
 * SP_MAX_ROUNDS rounds pass. Everything is bounded: no call can block.
 *
 * The server certificate is a self-signed EC P-256 certificate (CN and DNS
 * name "localhost") made once per process with libcrypto (always the real
 * one), written to PEM files in a mkdtemp directory (removed at exit) and
 * loaded as neon does, with SSL_CTX_use_certificate_chain_file and
 * SSL_CTX_use_PrivateKey_file.
 * Clients do not verify (SSL_VERIFY_NONE, the default) and send no
 * certificate.
 *
 * TLS 1.3 tickets reach the client only when it reads after the handshake
 * (semantics §9): sp_exchange() makes the client SSL_write "ping", the server
 * read it and answer "pong", and the client read that, which also processes
 * the tickets. Sessions for resumption are taken after that.
 *
 * Typical use:
 *   SSL_CTX *sctx = sp_server_ctx(TLS1_2_VERSION), *cctx = sp_client_ctx(0);
 *   SSL_SESSION *s = sp_conn(cctx, sctx, NULL, "full", NULL);
 *                                        -> "full: TLSv1.2 reused=0/0"
 *   SSL_SESSION *t = sp_conn(cctx, sctx, s, "resume", NULL);
 *                                        -> "resume: TLSv1.2 reused=1/1"
 *   ... SSL_SESSION_free, SSL_CTX_free; sp_cleanup() at the end of main.
 * Or step by step: sp_new, sp_handshake, sp_exchange, sp_shutdown, sp_free.
 * A "fatal: ..." line and exit status 3 mean the test setup itself failed.
 * SIGPIPE is ignored (writes to a closed peer give EPIPE).
 */
#ifndef NEONRS_SSLPAIR_H
#define NEONRS_SSLPAIR_H

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/* Not every test uses every helper. */
#define SP_FN static __attribute__((unused))

#define SP_MAX_ROUNDS 64

/* The pinned suites (sp_pin_suites): deterministic cipher names. */
#define SP_TLS13_SUITE "TLS_AES_128_GCM_SHA256"
#define SP_TLS12_SUITE "ECDHE-ECDSA-AES128-GCM-SHA256"

static EVP_PKEY *sp_key;
static X509 *sp_cert;
static char sp_dir[64], sp_cert_file[96], sp_key_file[96];
/* Set by tests that pinned the suites (sp_pin_suites): sp_print_conn then
 * prints the cipher name too. */
static int sp_show_cipher;

SP_FN void sp_die(const char *what)
{
    printf("fatal: %s\n", what);
    fflush(stdout);
    exit(3);
}

/* Removes the key and certificate files (atexit, and sp_cleanup). */
static void sp_remove_files(void)
{
    if (!sp_dir[0]) return;
    unlink(sp_cert_file);
    unlink(sp_key_file);
    rmdir(sp_dir);
    sp_dir[0] = '\0';
}

/* The server key and certificate, made on first use and written as PEM
 * files (cert.pem, key.pem: PKCS#8) into a fresh mkdtemp directory, which
 * is removed at exit. */
SP_FN void sp_make_cert(void)
{
    X509_NAME *name;
    X509V3_CTX v3;
    X509_EXTENSION *ext;
    const char *tmp = getenv("TMPDIR");
    FILE *f;

    if (sp_cert) return;
    sp_key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
    if (!sp_key) sp_die("EC key generation");
    sp_cert = X509_new();
    if (!sp_cert) sp_die("X509_new");
    X509_set_version(sp_cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(sp_cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(sp_cert), -86400L);
    X509_gmtime_adj(X509_getm_notAfter(sp_cert), 365L * 86400L);
    X509_set_pubkey(sp_cert, sp_key);
    name = X509_get_subject_name(sp_cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)"localhost", -1, -1, 0);
    X509_set_issuer_name(sp_cert, name);
    X509V3_set_ctx(&v3, sp_cert, sp_cert, NULL, NULL, 0);
    ext = X509V3_EXT_conf_nid(NULL, &v3, NID_subject_alt_name, "DNS:localhost");
    if (!ext) sp_die("subjectAltName");
    X509_add_ext(sp_cert, ext, -1);
    X509_EXTENSION_free(ext);
    if (!X509_sign(sp_cert, sp_key, EVP_sha256())) sp_die("X509_sign");

    if (!tmp || !*tmp || strlen(tmp) > 32) tmp = "/tmp";
    snprintf(sp_dir, sizeof sp_dir, "%s/sslpair-XXXXXX", tmp);
    if (!mkdtemp(sp_dir)) sp_die("mkdtemp");
    atexit(sp_remove_files);
    snprintf(sp_cert_file, sizeof sp_cert_file, "%s/cert.pem", sp_dir);
    snprintf(sp_key_file, sizeof sp_key_file, "%s/key.pem", sp_dir);
    f = fopen(sp_cert_file, "w");
    if (!f || !PEM_write_X509(f, sp_cert) || fclose(f) != 0) sp_die("writing cert.pem");
    f = fopen(sp_key_file, "w");
    if (!f || !PEM_write_PrivateKey(f, sp_key, NULL, NULL, 0, NULL, NULL) || fclose(f) != 0)
        sp_die("writing key.pem");
}

/* Frees the key and certificate and removes their files (call at the end
 * of main). */
SP_FN void sp_cleanup(void)
{
    X509_free(sp_cert);
    EVP_PKEY_free(sp_key);
    sp_cert = NULL;
    sp_key = NULL;
    sp_remove_files();
}

/* Loads the test certificate and key into ctx the way neon does:
 * SSL_CTX_use_certificate_chain_file + SSL_CTX_use_PrivateKey_file. */
SP_FN void sp_use_cert(SSL_CTX *ctx)
{
    sp_make_cert();
    if (SSL_CTX_use_certificate_chain_file(ctx, sp_cert_file) != 1) sp_die("SSL_CTX_use_certificate_chain_file");
    if (SSL_CTX_use_PrivateKey_file(ctx, sp_key_file, SSL_FILETYPE_PEM) != 1) sp_die("SSL_CTX_use_PrivateKey_file");
}

/* Version bound: 0 (none), TLS1_2_VERSION or TLS1_3_VERSION. */
SP_FN void sp_max_version(SSL_CTX *ctx, int maxver)
{
    if (maxver && SSL_CTX_set_max_proto_version(ctx, maxver) != 1) sp_die("SSL_CTX_set_max_proto_version");
}

/* A server context with the test certificate, at most maxver (0 = any). */
SP_FN SSL_CTX *sp_server_ctx(int maxver)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (!ctx) sp_die("SSL_CTX_new(TLS_server_method())");
    sp_use_cert(ctx);
    sp_max_version(ctx, maxver);
    return ctx;
}

/* A client context, at most maxver (0 = any). No verification. */
SP_FN SSL_CTX *sp_client_ctx(int maxver)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

    if (!ctx) sp_die("SSL_CTX_new(TLS_client_method())");
    sp_max_version(ctx, maxver);
    return ctx;
}

/* Pins one TLS 1.3 and one TLS 1.2 suite, so cipher names are deterministic. */
SP_FN void sp_pin_suites(SSL_CTX *ctx)
{
    if (SSL_CTX_set_ciphersuites(ctx, SP_TLS13_SUITE) != 1) sp_die("SSL_CTX_set_ciphersuites");
    if (SSL_CTX_set_cipher_list(ctx, SP_TLS12_SUITE) != 1) sp_die("SSL_CTX_set_cipher_list");
}

/* One connection: client c on fd[0], server s on fd[1]. */
typedef struct {
    SSL *c, *s;
    int fd[2];
    int do_handshake;   /* drive with SSL_do_handshake instead of SSL_connect/SSL_accept */
} sp_pair;

/* Writes to a closed peer give EPIPE, not SIGPIPE (OpenSSL's socket BIO uses
 * write(2)), as in servers that ignore SIGPIPE. */
SP_FN void sp_socketpair(int fd[2])
{
    signal(SIGPIPE, SIG_IGN);
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fd) != 0) sp_die("socketpair");
    if (fcntl(fd[0], F_SETFL, O_NONBLOCK) != 0 || fcntl(fd[1], F_SETFL, O_NONBLOCK) != 0) sp_die("O_NONBLOCK");
}

/* Makes the two SSL objects on a new socketpair. */
SP_FN void sp_new(sp_pair *p, SSL_CTX *cctx, SSL_CTX *sctx)
{
    memset(p, 0, sizeof *p);
    sp_socketpair(p->fd);
    p->c = SSL_new(cctx);
    p->s = SSL_new(sctx);
    if (!p->c || !p->s) sp_die("SSL_new");
    if (SSL_set_fd(p->c, p->fd[0]) != 1 || SSL_set_fd(p->s, p->fd[1]) != 1) sp_die("SSL_set_fd");
}

/* Closes the descriptors (the SSL objects stay, see sp_free). */
SP_FN void sp_close(sp_pair *p)
{
    if (p->fd[0] >= 0) close(p->fd[0]);
    if (p->fd[1] >= 0) close(p->fd[1]);
    p->fd[0] = p->fd[1] = -1;
}

/* SSL_free both (NULL allowed) and close the descriptors. */
SP_FN void sp_free(sp_pair *p)
{
    SSL_free(p->c);
    SSL_free(p->s);
    p->c = p->s = NULL;
    sp_close(p);
}

/* One handshake step of one side. *state: 0 running, 1 done, -1 failed. */
static void sp_step(sp_pair *p, int client, int *state, int *ret, int *err)
{
    SSL *ssl = client ? p->c : p->s;
    int r, e;

    if (*state != 0) return;
    ERR_clear_error();
    if (p->do_handshake) r = SSL_do_handshake(ssl);
    else r = client ? SSL_connect(ssl) : SSL_accept(ssl);
    *ret = r;
    if (r == 1) {
        *state = 1;
        *err = SSL_ERROR_NONE;
        return;
    }
    e = SSL_get_error(ssl, r);
    *err = e;
    if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) *state = -1;
    ERR_clear_error();
}

/* Drives both handshakes. Returns 1 when both completed; otherwise prints
 * "<label>: handshake failed: client ret R err E, server ret R err E"
 * (the last return value and SSL_get_error of each side; a side still
 * waiting reports its WANT_* error) and returns 0. For SSL_do_handshake set
 * p->do_handshake and the connect/accept states first. */
SP_FN int sp_handshake(sp_pair *p, const char *label)
{
    int cs = 0, ss = 0, cr = 0, sr = 0, ce = 0, se = 0, round, after_fail = 0;

    if (p->do_handshake) {
        SSL_set_connect_state(p->c);
        SSL_set_accept_state(p->s);
    }
    for (round = 0; round < SP_MAX_ROUNDS; round++) {
        sp_step(p, 1, &cs, &cr, &ce);
        sp_step(p, 0, &ss, &sr, &se);
        if (cs != 0 && ss != 0) break;
        /* one side failed: give the other a few rounds to see the alert */
        if ((cs < 0 || ss < 0) && ++after_fail > 4) break;
    }
    if (cs == 1 && ss == 1) return 1;
    printf("%s: handshake failed: client ret %d err %d%s, server ret %d err %d%s\n", label,
           cr, ce, cs == 0 ? " (waiting)" : "", sr, se, ss == 0 ? " (waiting)" : "");
    return 0;
}

/* Reads exactly n bytes into buf, retrying on WANT_READ/WANT_WRITE (bounded).
 * Returns 1, or 0 with *err set to the SSL_get_error of the last call. */
static int sp_read_n(SSL *ssl, char *buf, int n, int *err)
{
    int got = 0, tries;

    *err = 0;
    for (tries = 0; got < n && tries < SP_MAX_ROUNDS; tries++) {
        int r;
        ERR_clear_error();
        r = SSL_read(ssl, buf + got, n - got);
        if (r > 0) {
            got += r;
            continue;
        }
        *err = SSL_get_error(ssl, r);
        ERR_clear_error();
        if (*err != SSL_ERROR_WANT_READ && *err != SSL_ERROR_WANT_WRITE) return 0;
    }
    return got == n;
}

/* Client writes "ping", server reads it and writes "pong", client reads it
 * (processing any TLS 1.3 tickets before it). Returns 1, or prints
 * "<label>: exchange failed: ..." and returns 0. */
SP_FN int sp_exchange(sp_pair *p, const char *label)
{
    char buf[8];
    int r, err;

    ERR_clear_error();
    r = SSL_write(p->c, "ping", 4);
    if (r != 4) {
        printf("%s: exchange failed: client SSL_write %d err %d\n", label, r, SSL_get_error(p->c, r));
        ERR_clear_error();
        return 0;
    }
    if (!sp_read_n(p->s, buf, 4, &err) || memcmp(buf, "ping", 4) != 0) {
        printf("%s: exchange failed: server SSL_read err %d\n", label, err);
        return 0;
    }
    r = SSL_write(p->s, "pong", 4);
    if (r != 4) {
        printf("%s: exchange failed: server SSL_write %d err %d\n", label, r, SSL_get_error(p->s, r));
        ERR_clear_error();
        return 0;
    }
    if (!sp_read_n(p->c, buf, 4, &err) || memcmp(buf, "pong", 4) != 0) {
        printf("%s: exchange failed: client SSL_read err %d\n", label, err);
        return 0;
    }
    return 1;
}

/* Clean bidirectional shutdown: client SSL_shutdown (0: close_notify sent),
 * server SSL_shutdown (0), client again (1: the server's close_notify read),
 * server again (1). A call that returns -1 with WANT_READ/WANT_WRITE is
 * retried (bounded). Returns 1 for the sequence 0 0 1 1; otherwise prints
 * "<label>: shutdown: client R R, server R R" and returns 0. */
SP_FN int sp_shutdown(sp_pair *p, const char *label)
{
    int r[4], i, tries;

    for (i = 0; i < 4; i++) {
        SSL *ssl = (i % 2 == 0) ? p->c : p->s;
        for (tries = 0; tries < SP_MAX_ROUNDS; tries++) {
            int e;
            ERR_clear_error();
            r[i] = SSL_shutdown(ssl);
            if (r[i] >= 0) break;
            e = SSL_get_error(ssl, r[i]);
            ERR_clear_error();
            if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) break;
            if (i < 2) break;   /* the first calls must not wait */
        }
    }
    if (r[0] == 0 && r[1] == 0 && r[2] == 1 && r[3] == 1) return 1;
    printf("%s: shutdown: client %d %d, server %d %d\n", label, r[0], r[2], r[1], r[3]);
    return 0;
}

/* "TLSv1.2 reused=0/0": version string of the client, and
 * SSL_session_reused of client/server; with sp_show_cipher the cipher names
 * of both sides follow. */
SP_FN void sp_print_conn(sp_pair *p, const char *label)
{
    printf("%s: %s reused=%d/%d", label, SSL_get_version(p->c), SSL_session_reused(p->c),
           SSL_session_reused(p->s));
    if (sp_show_cipher)
        printf(" cipher=%s/%s", SSL_CIPHER_get_name(SSL_get_current_cipher(p->c)),
               SSL_CIPHER_get_name(SSL_get_current_cipher(p->s)));
    printf("\n");
}

/* A whole connection: new pair, SSL_set_session(resume) if non-NULL,
 * handshake, print "<label>: TLSvX reused=c/s", exchange, take
 * SSL_get1_session of the client (returned; NULL on failure) and of the
 * server (into *server_sess if non-NULL), clean shutdown, SSL_free. */
SP_FN SSL_SESSION *sp_conn(SSL_CTX *cctx, SSL_CTX *sctx, SSL_SESSION *resume, const char *label,
                           SSL_SESSION **server_sess)
{
    sp_pair p;
    SSL_SESSION *sess = NULL;

    if (server_sess) *server_sess = NULL;
    sp_new(&p, cctx, sctx);
    if (resume && SSL_set_session(p.c, resume) != 1) printf("%s: SSL_set_session failed\n", label);
    if (sp_handshake(&p, label)) {
        sp_print_conn(&p, label);
        if (sp_exchange(&p, label)) {
            sess = SSL_get1_session(p.c);
            if (server_sess) *server_sess = SSL_get1_session(p.s);
            sp_shutdown(&p, label);
        }
    }
    sp_free(&p);
    return sess;
}

/* Id length of a session ("-" for NULL). */
SP_FN void sp_print_sess(const char *label, const SSL_SESSION *s)
{
    unsigned int len = 0;

    if (!s) {
        printf("%s: no session\n", label);
        return;
    }
    SSL_SESSION_get_id(s, &len);
    printf("%s: resumable=%d version=0x%x id_len=%u has_ticket=%d\n", label, SSL_SESSION_is_resumable(s),
           SSL_SESSION_get_protocol_version(s), len, SSL_SESSION_has_ticket(s));
}

/* 1 if both sessions have the same (non-empty) id. */
SP_FN int sp_same_id(const SSL_SESSION *a, const SSL_SESSION *b)
{
    unsigned int la = 0, lb = 0;
    const unsigned char *ia, *ib;

    if (!a || !b) return 0;
    ia = SSL_SESSION_get_id(a, &la);
    ib = SSL_SESSION_get_id(b, &lb);
    return la > 0 && la == lb && memcmp(ia, ib, la) == 0;
}

/* The eleven SSL_CTX_sess_* statistics on one line. */
SP_FN void sp_print_stats(const char *label, SSL_CTX *ctx)
{
    printf("%s: number=%ld connect=%ld connect_good=%ld connect_renegotiate=%ld accept=%ld accept_good=%ld "
           "accept_renegotiate=%ld hits=%ld cb_hits=%ld misses=%ld timeouts=%ld cache_full=%ld\n",
           label, SSL_CTX_sess_number(ctx), SSL_CTX_sess_connect(ctx), SSL_CTX_sess_connect_good(ctx),
           SSL_CTX_sess_connect_renegotiate(ctx), SSL_CTX_sess_accept(ctx), SSL_CTX_sess_accept_good(ctx),
           SSL_CTX_sess_accept_renegotiate(ctx), SSL_CTX_sess_hits(ctx), SSL_CTX_sess_cb_hits(ctx),
           SSL_CTX_sess_misses(ctx), SSL_CTX_sess_timeouts(ctx), SSL_CTX_sess_cache_full(ctx));
}

/* "TLS 1.2" / "TLS 1.3" for labels. */
SP_FN const char *sp_vname(int v)
{
    return v == TLS1_3_VERSION ? "TLS1.3" : v == TLS1_2_VERSION ? "TLS1.2" : "any";
}

#endif
