/* libssl face benchmark (make bench; driven by bench/run.sh).
 *
 * Built once against the system OpenSSL headers (-lssl -lcrypto), run
 * against the system libssl.so.3 and against ours (LD_LIBRARY_PATH=build/ssl).
 *
 *   ssl_bench resume VERSION N
 *       VERSION 12 or 13. Client and server are two SSL objects in this
 *       process on the two ends of a non-blocking AF_UNIX socketpair. One
 *       full handshake, then N handshakes, each resuming the session of the
 *       previous connection (SSL_get1_session / SSL_set_session; server:
 *       default internal cache and tickets). After each handshake the server
 *       writes one byte and the client reads it, so TLS 1.3 tickets arrive
 *       before the session is taken. Prints
 *         handshakes=N resumed=K seconds=S
 *       (K: SSL_session_reused on the client; S: the N resumptions only) and
 *       exits 0 when K == N.
 *   ssl_bench cache SIZE
 *       SIZE sessions (SSL_SESSION_new, 32-byte distinct ids: a random
 *       prefix, the index in the last 8 bytes; TLS 1.3) added
 *       with SSL_CTX_add_session to a server SSL_CTX whose cache holds
 *       SIZE + 1, then SIZE lookups with SSL_has_matching_session_id on an
 *       SSL of that context. Prints
 *         sessions=SIZE add_per_s=X lookup_per_s=Y bytes_per_session=Z added=A found=F
 *       (Z: growth of the resident set from before the sessions were made to
 *       after all were added, divided by SIZE) and exits 0 when every add
 *       returned 1 and every lookup found its session.
 *
 * Exit status 2: bad usage or set-up failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
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

#define MAX_ROUNDS 64

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
    fprintf(stderr, "ssl_bench: %s\n", what);
    ERR_print_errors_fp(stderr);
    exit(2);
}

static void usage(void)
{
    fprintf(stderr, "usage: ssl_bench resume 12|13 N\n"
                    "       ssl_bench cache SIZE\n");
    exit(2);
}

/* ---- resume ----------------------------------------------------------------- */

/* A self-signed EC P-256 certificate for CN/DNS localhost (libcrypto). */
static void make_cert(EVP_PKEY **key, X509 **cert)
{
    X509_NAME *name;
    X509V3_CTX v3;
    X509_EXTENSION *ext;

    *key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
    if (!*key) die("EC key generation");
    *cert = X509_new();
    if (!*cert) die("X509_new");
    X509_set_version(*cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(*cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(*cert), -86400L);
    X509_gmtime_adj(X509_getm_notAfter(*cert), 365L * 86400L);
    X509_set_pubkey(*cert, *key);
    name = X509_get_subject_name(*cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)"localhost", -1, -1, 0);
    X509_set_issuer_name(*cert, name);
    X509V3_set_ctx(&v3, *cert, *cert, NULL, NULL, 0);
    ext = X509V3_EXT_conf_nid(NULL, &v3, NID_subject_alt_name, "DNS:localhost");
    if (!ext) die("subjectAltName");
    X509_add_ext(*cert, ext, -1);
    X509_EXTENSION_free(ext);
    if (!X509_sign(*cert, *key, EVP_sha256())) die("X509_sign");
}

/* Loads key and certificate into ctx the way neon does (our libssl takes
 * certificates from files only: SSL_CTX_use_certificate is not offered):
 * PEM files in a fresh mkdtemp directory, removed again at once. */
static void use_cert(SSL_CTX *ctx, EVP_PKEY *key, X509 *cert)
{
    const char *tmp = getenv("TMPDIR");
    char dir[256], cf[300], kf[300];
    FILE *f;
    int ok;

    if (!tmp || !*tmp || strlen(tmp) > 200) tmp = "/tmp";
    snprintf(dir, sizeof dir, "%s/ssl_bench-XXXXXX", tmp);
    if (!mkdtemp(dir)) die("mkdtemp");
    snprintf(cf, sizeof cf, "%s/cert.pem", dir);
    snprintf(kf, sizeof kf, "%s/key.pem", dir);
    f = fopen(cf, "w");
    if (!f || !PEM_write_X509(f, cert) || fclose(f) != 0) die("writing cert.pem");
    f = fopen(kf, "w");
    if (!f || !PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL) || fclose(f) != 0) die("writing key.pem");
    ok = SSL_CTX_use_certificate_chain_file(ctx, cf) == 1 && SSL_CTX_use_PrivateKey_file(ctx, kf, SSL_FILETYPE_PEM) == 1;
    unlink(cf);
    unlink(kf);
    rmdir(dir);
    if (!ok) die("SSL_CTX_use_certificate_chain_file/PrivateKey_file");
}

static void pin_version(SSL_CTX *ctx, int v)
{
    if (SSL_CTX_set_min_proto_version(ctx, v) != 1 || SSL_CTX_set_max_proto_version(ctx, v) != 1)
        die("SSL_CTX_set_min/max_proto_version");
}

/* One step of one side's handshake. *state: 0 running, 1 done, -1 failed. */
static void step(SSL *ssl, int client, int *state)
{
    int r, e;

    if (*state != 0) return;
    r = client ? SSL_connect(ssl) : SSL_accept(ssl);
    if (r == 1) {
        *state = 1;
        return;
    }
    e = SSL_get_error(ssl, r);
    if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) *state = -1;
    ERR_clear_error();
}

/* One connection: handshake (resuming sess if non-NULL), the server writes
 * one byte, the client reads it, the client's session is returned in *out
 * (NULL on failure), both sides send close_notify. Returns 1 on success and
 * sets *reused to SSL_session_reused of the client. */
static int one_conn(SSL_CTX *cctx, SSL_CTX *sctx, SSL_SESSION *sess, SSL_SESSION **out, int *reused)
{
    int fd[2], cs = 0, ss = 0, round, ok = 0;
    SSL *c, *s;
    char byte;

    *out = NULL;
    *reused = 0;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fd) != 0) die("socketpair");
    if (fcntl(fd[0], F_SETFL, O_NONBLOCK) != 0 || fcntl(fd[1], F_SETFL, O_NONBLOCK) != 0) die("O_NONBLOCK");
    c = SSL_new(cctx);
    s = SSL_new(sctx);
    if (!c || !s) die("SSL_new");
    if (SSL_set_fd(c, fd[0]) != 1 || SSL_set_fd(s, fd[1]) != 1) die("SSL_set_fd");
    if (sess && SSL_set_session(c, sess) != 1) die("SSL_set_session");

    for (round = 0; round < MAX_ROUNDS && (cs == 0 || ss == 0); round++) {
        step(c, 1, &cs);
        step(s, 0, &ss);
        if (cs < 0 || ss < 0) break;
    }
    if (cs != 1 || ss != 1) {
        fprintf(stderr, "handshake failed (client %d, server %d)\n", cs, ss);
        goto out;
    }
    if (SSL_write(s, "x", 1) != 1) {
        fprintf(stderr, "server SSL_write failed\n");
        goto out;
    }
    for (round = 0; round < MAX_ROUNDS; round++) {
        int r = SSL_read(c, &byte, 1), e;
        if (r == 1) break;
        e = SSL_get_error(c, r);
        ERR_clear_error();
        if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) round = MAX_ROUNDS;
    }
    if (round >= MAX_ROUNDS) {
        fprintf(stderr, "client SSL_read failed\n");
        goto out;
    }
    *reused = SSL_session_reused(c);
    *out = SSL_get1_session(c);
    /* close_notify from both sides: the sessions stay resumable */
    SSL_shutdown(c);
    SSL_shutdown(s);
    ok = *out != NULL;
out:
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    close(fd[0]);
    close(fd[1]);
    return ok;
}

static int bench_resume(int version, long n)
{
    EVP_PKEY *key;
    X509 *cert;
    SSL_CTX *sctx, *cctx;
    SSL_SESSION *sess = NULL, *next;
    long i, resumed = 0, failed = 0;
    int reused;
    double t0, t1;

    signal(SIGPIPE, SIG_IGN);
    make_cert(&key, &cert);
    sctx = SSL_CTX_new(TLS_server_method());
    cctx = SSL_CTX_new(TLS_client_method());
    if (!sctx || !cctx) die("SSL_CTX_new");
    use_cert(sctx, key, cert);
    pin_version(sctx, version);
    pin_version(cctx, version);

    /* warm-up: the one full handshake */
    if (!one_conn(cctx, sctx, NULL, &sess, &reused)) die("full handshake failed");

    t0 = now();
    for (i = 0; i < n; i++) {
        if (!one_conn(cctx, sctx, sess, &next, &reused)) {
            failed++;
            continue;
        }
        resumed += reused;
        SSL_SESSION_free(sess);
        sess = next;
    }
    t1 = now();

    printf("handshakes=%ld resumed=%ld failed=%ld seconds=%.6f\n", n, resumed, failed, t1 - t0);
    SSL_SESSION_free(sess);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    X509_free(cert);
    EVP_PKEY_free(key);
    return resumed == n ? 0 : 1;
}

/* ---- cache ------------------------------------------------------------------ */

static long rss_bytes(void)
{
    long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");

    if (!f) return -1;
    if (fscanf(f, "%ld %ld", &size, &resident) != 2) resident = -1;
    fclose(f);
    return resident < 0 ? -1 : resident * sysconf(_SC_PAGESIZE);
}

static uint64_t xorshift(uint64_t *s)
{
    uint64_t x = *s;

    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

static int bench_cache(long size)
{
    unsigned char *ids;
    SSL_SESSION **sess;
    SSL_CTX *ctx;
    SSL *ssl;
    long i, added = 0, found = 0, rss0, rss1;
    uint64_t seed = 0x9e3779b97f4a7c15ULL ^ (uint64_t)time(NULL);
    time_t t = time(NULL);
    double t0, t1, t2;

    ctx = SSL_CTX_new(TLS_server_method());
    if (!ctx) die("SSL_CTX_new");
    SSL_CTX_sess_set_cache_size(ctx, size + 1);
    ssl = SSL_new(ctx);
    if (!ssl) die("SSL_new");

    /* ids: 24 random bytes, then the index big-endian in the last 8 (distinct;
     * OpenSSL hashes the first bytes, so they must vary as real ids do);
     * allocated and touched before the first RSS reading */
    ids = malloc((size_t)size * 32);
    sess = calloc((size_t)size, sizeof *sess);
    if (!ids || !sess) die("out of memory");
    for (i = 0; i < size; i++) {
        unsigned char *id = ids + (size_t)i * 32;
        int k;
        for (k = 0; k < 24; k += 8) {
            uint64_t r = xorshift(&seed);
            memcpy(id + k, &r, 8);
        }
        for (k = 0; k < 8; k++) id[24 + k] = (unsigned char)((uint64_t)i >> (56 - 8 * k));
        sess[i] = NULL;
    }

    rss0 = rss_bytes();
    for (i = 0; i < size; i++) {
        SSL_SESSION *s = SSL_SESSION_new();
        if (!s) die("SSL_SESSION_new");
        if (SSL_SESSION_set1_id(s, ids + (size_t)i * 32, 32) != 1) die("SSL_SESSION_set1_id");
        if (SSL_SESSION_set_protocol_version(s, TLS1_3_VERSION) != 1) die("SSL_SESSION_set_protocol_version");
        SSL_SESSION_set_time(s, (long)t);
        SSL_SESSION_set_timeout(s, 86400);
        sess[i] = s;
    }

    t0 = now();
    for (i = 0; i < size; i++) added += SSL_CTX_add_session(ctx, sess[i]) == 1;
    t1 = now();
    for (i = 0; i < size; i++) {
        SSL_SESSION_free(sess[i]);   /* the cache keeps its own reference */
        sess[i] = NULL;
    }
    rss1 = rss_bytes();

    t2 = now();
    for (i = 0; i < size; i++) found += SSL_has_matching_session_id(ssl, ids + (size_t)i * 32, 32) == 1;
    t2 = now() - t2;

    printf("sessions=%ld add_per_s=%.0f lookup_per_s=%.0f bytes_per_session=%.0f added=%ld found=%ld\n", size,
           (double)size / (t1 - t0), (double)size / t2,
           rss0 >= 0 && rss1 >= 0 && size > 0 ? (double)(rss1 - rss0) / (double)size : -1.0, added, found);
    if (found != size)
        fprintf(stderr, "ssl_bench: %ld of %ld SSL_has_matching_session_id lookups failed (SSL_version of the "
                        "lookup SSL: 0x%x, sessions TLS1_3_VERSION)\n", size - found, size, SSL_version(ssl));
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    free(sess);
    free(ids);
    return added == size && found == size ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "resume") == 0) {
        int v = atoi(argv[2]);
        long n = atol(argv[3]);
        if ((v != 12 && v != 13) || n < 0) usage();
        return bench_resume(v == 12 ? TLS1_2_VERSION : TLS1_3_VERSION, n);
    }
    if (argc == 3 && strcmp(argv[1], "cache") == 0) {
        long size = atol(argv[2]);
        if (size <= 0) usage();
        return bench_cache(size);
    }
    usage();
    return 2;
}
