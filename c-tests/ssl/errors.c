/* What the error queue and SSL_get_error say for each kind of failure, on
 * TLS 1.2 and 1.3 where it matters: a peer that does not speak TLS (an HTTP
 * response to a client: "wrong version number"; an HTTP request or a proxy
 * CONNECT to a server: "http request", "https proxy request"), a record
 * header with an absurd length ("packet length too long"), a bad header
 * after the handshake, an EOF before the handshake completes and after it
 * ("unexpected eof while reading", SSL_ERROR_SSL; with
 * SSL_OP_IGNORE_UNEXPECTED_EOF SSL_ERROR_ZERO_RETURN), a reset
 * (SSL_ERROR_SYSCALL, empty queue, errno), alerts the peer sends ("sslv3
 * alert handshake failure", "tlsv1 alert protocol version", "tlsv1 alert
 * unknown ca" with "SSL alert number N") and the failures that make them
 * ("no shared cipher", "unsupported protocol", "certificate verify
 * failed"), a ServerHello with a key share for a group the client did not
 * offer ("bad key share"), resumptions OpenSSL refuses ("session id context
 * uninitialized", "ssl session version mismatch"), calls in the wrong state ("connection type not
 * set", "protocol is shutdown", "uninitialized", "shutdown while in init"),
 * a connection without a descriptor, an error left on the queue (it makes
 * SSL_get_error say SSL_ERROR_SSL), and the reason texts once libssl's
 * strings are loaded. Every entry of the queue is printed: library, reason,
 * reason text, ERR_error_string_n, and its data text if any. */
#include "sslpair.h"

static const char *errno_name(int e)
{
    switch (e) {
    case 0: return "0";
    case ECONNRESET: return "ECONNRESET";
    case EPIPE: return "EPIPE";
    case EBADF: return "EBADF";
    case ENOTSOCK: return "ENOTSOCK";
    default: return "other";
    }
}

/* Prints and empties the thread's error queue. */
static void dump_queue(const char *label)
{
    unsigned long e;
    const char *data;
    int flags, n = 0;

    while ((e = ERR_get_error_all(NULL, NULL, NULL, &data, &flags)) != 0) {
        char buf[256];
        const char *rs = ERR_reason_error_string(e);

        ERR_error_string_n(e, buf, sizeof buf);
        printf("    %s: lib=%d reason=%d \"%s\" [%s]", label, ERR_GET_LIB(e), ERR_GET_REASON(e),
               rs ? rs : "(no text)", buf);
        if ((flags & ERR_TXT_STRING) && data && *data) printf(" data=\"%s\"", data);
        printf("\n");
        n++;
    }
    if (n == 0) printf("    %s: queue empty\n", label);
}

/* The result of one call: its return value, SSL_get_error (before the queue
 * is read), then the queue. errno is printed for SSL_ERROR_SYSCALL. */
static void report(const char *label, SSL *ssl, int r)
{
    int saved = errno;
    int e = SSL_get_error(ssl, r);

    printf("  %s: ret %d err %d", label, r, e);
    if (e == SSL_ERROR_SYSCALL) printf(" errno %s", errno_name(saved));
    printf(" shutdown %d\n", SSL_get_shutdown(ssl));
    dump_queue(label);
}

static void raw_write(int fd, const void *data, size_t len)
{
    if (write(fd, data, len) != (ssize_t)len) sp_die("raw write");
}

/* Reads and discards what is waiting on fd (non-blocking). */
static size_t drain(int fd)
{
    char buf[4096];
    size_t total = 0;
    ssize_t n;

    while ((n = read(fd, buf, sizeof buf)) > 0) total += (size_t)n;
    return total;
}

/* A client whose "server" answers with raw bytes. */
static void client_gets(const char *label, SSL_CTX *cctx, SSL_CTX *sctx, const void *bytes, size_t len)
{
    sp_pair p;
    int r;

    printf("%s\n", label);
    sp_new(&p, cctx, sctx);
    raw_write(p.fd[1], bytes, len);
    ERR_clear_error();
    r = SSL_connect(p.c);
    report("client connect", p.c, r);
    r = SSL_connect(p.c);
    report("client connect again", p.c, r);
    sp_free(&p);
}

/* A server whose "client" sends raw bytes; what the server sends back is
 * reported as a count of bytes (0: no alert). */
static void server_gets(const char *label, SSL_CTX *cctx, SSL_CTX *sctx, const void *bytes, size_t len)
{
    sp_pair p;
    int r;

    printf("%s\n", label);
    sp_new(&p, cctx, sctx);
    raw_write(p.fd[0], bytes, len);
    ERR_clear_error();
    r = SSL_accept(p.s);
    report("server accept", p.s, r);
    printf("  server sent something back: %s\n", drain(p.fd[0]) > 0 ? "yes" : "no");
    sp_free(&p);
}

/* Both sides' results of a failing handshake, step by step. */
static void failing_handshake(const char *label, SSL_CTX *cctx, SSL_CTX *sctx)
{
    sp_pair p;
    int r, round, cdone = 0, sdone = 0;

    printf("%s\n", label);
    sp_new(&p, cctx, sctx);
    for (round = 0; round < 8 && !(cdone && sdone); round++) {
        if (!cdone) {
            ERR_clear_error();
            r = SSL_connect(p.c);
            if (r == 1 || SSL_get_error(p.c, r) != SSL_ERROR_WANT_READ) {
                report("client", p.c, r);
                cdone = 1;
            }
        }
        if (!sdone) {
            ERR_clear_error();
            r = SSL_accept(p.s);
            if (r == 1 || SSL_get_error(p.s, r) != SSL_ERROR_WANT_READ) {
                report("server", p.s, r);
                sdone = 1;
            }
        }
    }
    ERR_clear_error();
    sp_free(&p);
}

static void not_tls(int version)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    static const char http_response[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
    static const char get[] = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
    static const char post[] = "POST /x HTTP/1.1\r\nHost: localhost\r\n\r\n";
    static const char connect_req[] = "CONNECT localhost:443 HTTP/1.1\r\n\r\n";
    static const char ssh[] = "SSH-2.0-OpenSSH_9.2p1\r\n";
    static const unsigned char huge[] = { 0x16, 0x03, 0x03, 0xff, 0xff, 0x02, 0x00 };
    static const unsigned char huge_client[] = { 0x16, 0x03, 0x01, 0xff, 0xff, 0x01, 0x00 };
    static const unsigned char v2_version[] = { 0x16, 0x02, 0x00, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00 };

    printf("== not TLS, %s\n", sp_vname(version));
    client_gets("client gets an HTTP response:", cctx, sctx, http_response, sizeof http_response - 1);
    client_gets("client gets a record of 65535 bytes:", cctx, sctx, huge, sizeof huge);
    client_gets("client gets a record of version 2.0:", cctx, sctx, v2_version, sizeof v2_version);
    server_gets("server gets GET:", cctx, sctx, get, sizeof get - 1);
    server_gets("server gets POST:", cctx, sctx, post, sizeof post - 1);
    server_gets("server gets CONNECT:", cctx, sctx, connect_req, sizeof connect_req - 1);
    server_gets("server gets an SSH banner:", cctx, sctx, ssh, sizeof ssh - 1);
    server_gets("server gets a record of 65535 bytes:", cctx, sctx, huge_client, sizeof huge_client);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

/* Connected pair (tickets read). */
static int connected(sp_pair *p, SSL_CTX *cctx, SSL_CTX *sctx, const char *label)
{
    sp_new(p, cctx, sctx);
    if (sp_handshake(p, label) && sp_exchange(p, label)) return 1;
    sp_free(p);
    return 0;
}

static void eof_and_reset(int version)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    static const unsigned char bad_version[] = { 0x17, 0x02, 0x00, 0x00, 0x05, 'h', 'e', 'l', 'l', 'o' };
    static const unsigned char too_long[] = { 0x17, 0x03, 0x03, 0xff, 0xff, 'h', 'e', 'l', 'l', 'o' };
    sp_pair p;
    char buf[16];
    int r;

    printf("== EOF and reset, %s\n", sp_vname(version));

    printf("EOF during the handshake (the peer read the hello):\n");
    sp_new(&p, cctx, sctx);
    ERR_clear_error();
    r = SSL_connect(p.c);
    report("client connect", p.c, r);
    drain(p.fd[1]);
    shutdown(p.fd[1], SHUT_WR);
    errno = 0;
    r = SSL_connect(p.c);
    report("client connect after EOF", p.c, r);
    r = SSL_connect(p.c);
    report("client connect again", p.c, r);
    sp_free(&p);

    printf("EOF during the handshake, SSL_OP_IGNORE_UNEXPECTED_EOF:\n");
    sp_new(&p, cctx, sctx);
    SSL_set_options(p.c, SSL_OP_IGNORE_UNEXPECTED_EOF);
    ERR_clear_error();
    r = SSL_connect(p.c);
    drain(p.fd[1]);
    shutdown(p.fd[1], SHUT_WR);
    r = SSL_connect(p.c);
    report("client connect after EOF", p.c, r);
    sp_free(&p);

    printf("server: EOF before any byte:\n");
    sp_new(&p, cctx, sctx);
    shutdown(p.fd[0], SHUT_WR);
    ERR_clear_error();
    r = SSL_accept(p.s);
    report("server accept", p.s, r);
    sp_free(&p);

    printf("EOF after the handshake:\n");
    if (connected(&p, cctx, sctx, "eof")) {
        shutdown(p.fd[1], SHUT_WR);
        ERR_clear_error();
        errno = 0;
        r = SSL_read(p.c, buf, sizeof buf);
        report("client read", p.c, r);
        r = SSL_read(p.c, buf, sizeof buf);
        report("client read again", p.c, r);
        r = SSL_write(p.c, "x", 1);
        report("client write", p.c, r);
        r = SSL_shutdown(p.c);
        report("client shutdown", p.c, r);
        sp_free(&p);
    }

    printf("EOF after the handshake, SSL_OP_IGNORE_UNEXPECTED_EOF:\n");
    if (connected(&p, cctx, sctx, "eof-ignored")) {
        SSL_set_options(p.c, SSL_OP_IGNORE_UNEXPECTED_EOF);
        shutdown(p.fd[1], SHUT_WR);
        ERR_clear_error();
        r = SSL_read(p.c, buf, sizeof buf);
        report("client read", p.c, r);
        sp_free(&p);
    }

    printf("reset after the handshake:\n");
    if (connected(&p, cctx, sctx, "reset")) {
        SSL_write(p.c, "unread", 6);
        close(p.fd[1]);
        p.fd[1] = -1;
        ERR_clear_error();
        errno = 0;
        r = SSL_read(p.c, buf, sizeof buf);
        report("client read", p.c, r);
        errno = 0;
        r = SSL_write(p.c, "x", 1);
        report("client write", p.c, r);
        sp_free(&p);
    }

    printf("a record of version 2.0 after the handshake:\n");
    if (connected(&p, cctx, sctx, "badversion")) {
        raw_write(p.fd[0], bad_version, sizeof bad_version);
        ERR_clear_error();
        r = SSL_read(p.s, buf, sizeof buf);
        report("server read", p.s, r);
        r = SSL_read(p.s, buf, sizeof buf);
        report("server read again", p.s, r);
        sp_free(&p);
    }

    printf("a record of 65535 bytes after the handshake:\n");
    if (connected(&p, cctx, sctx, "toolong")) {
        raw_write(p.fd[0], too_long, sizeof too_long);
        ERR_clear_error();
        r = SSL_read(p.s, buf, sizeof buf);
        report("server read", p.s, r);
        sp_free(&p);
    }
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

static void alerts(void)
{
    SSL_CTX *sctx, *cctx;

    printf("== alerts\n");
    sctx = sp_server_ctx(TLS1_2_VERSION);
    cctx = sp_client_ctx(TLS1_2_VERSION);
    SSL_CTX_set_cipher_list(cctx, "ECDHE-ECDSA-AES128-GCM-SHA256");
    SSL_CTX_set_cipher_list(sctx, "ECDHE-ECDSA-AES256-GCM-SHA384");
    failing_handshake("no shared cipher, TLS 1.2:", cctx, sctx);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);

    sctx = sp_server_ctx(TLS1_3_VERSION);
    cctx = sp_client_ctx(TLS1_3_VERSION);
    SSL_CTX_set_ciphersuites(cctx, "TLS_AES_128_GCM_SHA256");
    SSL_CTX_set_ciphersuites(sctx, "TLS_AES_256_GCM_SHA384");
    failing_handshake("no shared cipher, TLS 1.3:", cctx, sctx);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);

    sctx = sp_server_ctx(0);
    cctx = sp_client_ctx(TLS1_2_VERSION);
    SSL_CTX_set_min_proto_version(sctx, TLS1_3_VERSION);
    failing_handshake("client at most TLS 1.2, server at least TLS 1.3:", cctx, sctx);
    SSL_CTX_free(cctx);
    cctx = sp_client_ctx(0);
    SSL_CTX_free(sctx);
    sctx = sp_server_ctx(TLS1_2_VERSION);
    SSL_CTX_set_min_proto_version(cctx, TLS1_3_VERSION);
    failing_handshake("client at least TLS 1.3, server at most TLS 1.2:", cctx, sctx);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);

    sctx = sp_server_ctx(0);
    cctx = sp_client_ctx(0);
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    failing_handshake("client verifies a self-signed server, TLS 1.3:", cctx, sctx);
    SSL_CTX_set_max_proto_version(cctx, TLS1_2_VERSION);
    failing_handshake("client verifies a self-signed server, TLS 1.2:", cctx, sctx);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

/* Reads one TLS record from fd (non-blocking; it is there already) into
 * buf; its length, or 0. */
static size_t read_record(int fd, unsigned char *buf, size_t size)
{
    size_t got = 0, need = 5;

    while (got < need) {
        ssize_t n = read(fd, buf + got, need - got);
        if (n <= 0) return 0;
        got += (size_t)n;
        if (got == 5) {
            need = 5 + ((size_t)buf[3] << 8 | buf[4]);
            if (need > size) return 0;
        }
    }
    return got;
}

/* A TLS 1.3 ServerHello with a key share for secp256r1, which neither
 * client sends a share for (they offer X25519 first). */
static void bad_key_share(void)
{
    SSL_CTX *sctx = sp_server_ctx(0), *cctx = sp_client_ctx(TLS1_3_VERSION);
    unsigned char hello[2048], out[256];
    size_t len, sid_len, n = 0, i, ext_start;
    sp_pair p;
    int r;

    printf("== a ServerHello with a key share of a group the client did not send\n");
    SSL_CTX_set1_groups_list(cctx, "X25519:P-256");
    sp_new(&p, cctx, sctx);
    ERR_clear_error();
    r = SSL_connect(p.c);
    report("client connect", p.c, r);
    len = read_record(p.fd[1], hello, sizeof hello);
    /* record header 5, handshake header 4, version 2, random 32 */
    if (len < 44) sp_die("no ClientHello");
    sid_len = hello[43];
    if (44 + sid_len > len) sp_die("short ClientHello");

    out[n++] = 0x16; out[n++] = 0x03; out[n++] = 0x03; n += 2;   /* record, length later */
    out[n++] = 0x02; n += 3;                                       /* ServerHello, length later */
    out[n++] = 0x03; out[n++] = 0x03;                              /* legacy version */
    for (i = 0; i < 32; i++) out[n++] = (unsigned char)(0x40 + i); /* random */
    out[n++] = (unsigned char)sid_len;
    memcpy(out + n, hello + 44, sid_len);
    n += sid_len;
    out[n++] = 0x13; out[n++] = 0x01;                              /* TLS_AES_128_GCM_SHA256 */
    out[n++] = 0x00;                                               /* no compression */
    ext_start = n;
    n += 2;
    out[n++] = 0x00; out[n++] = 0x2b; out[n++] = 0x00; out[n++] = 0x02; out[n++] = 0x03; out[n++] = 0x04;
    out[n++] = 0x00; out[n++] = 0x33; out[n++] = 0x00; out[n++] = 0x45;  /* key_share, 69 bytes */
    out[n++] = 0x00; out[n++] = 0x17; out[n++] = 0x00; out[n++] = 0x41; /* secp256r1, 65 bytes */
    out[n++] = 0x04;
    for (i = 0; i < 64; i++) out[n++] = (unsigned char)(i + 1);
    out[ext_start] = (unsigned char)((n - ext_start - 2) >> 8);
    out[ext_start + 1] = (unsigned char)(n - ext_start - 2);
    out[3] = (unsigned char)((n - 5) >> 8);
    out[4] = (unsigned char)(n - 5);
    out[6] = 0;
    out[7] = (unsigned char)((n - 9) >> 8);
    out[8] = (unsigned char)(n - 9);
    raw_write(p.fd[1], out, n);
    r = SSL_connect(p.c);
    report("client connect after the ServerHello", p.c, r);
    sp_free(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

/* A connection resuming `sess` (NULL: none) with both sides' results. */
static void resume_failing(const char *label, SSL_CTX *cctx, SSL_CTX *sctx, SSL_SESSION *sess)
{
    sp_pair p;
    int r, round, cdone = 0, sdone = 0;

    printf("%s\n", label);
    sp_new(&p, cctx, sctx);
    if (sess) SSL_set_session(p.c, sess);
    for (round = 0; round < 8 && !(cdone && sdone); round++) {
        if (!cdone) {
            ERR_clear_error();
            r = SSL_connect(p.c);
            if (r == 1 || SSL_get_error(p.c, r) != SSL_ERROR_WANT_READ) {
                report("client", p.c, r);
                cdone = 1;
            }
        }
        if (!sdone) {
            ERR_clear_error();
            r = SSL_accept(p.s);
            if (r == 1 || SSL_get_error(p.s, r) != SSL_ERROR_WANT_READ) {
                report("server", p.s, r);
                sdone = 1;
            }
        }
    }
    ERR_clear_error();
    sp_free(&p);
}

static void refused_resumptions(void)
{
    SSL_CTX *sctx = sp_server_ctx(TLS1_2_VERSION), *cctx = sp_client_ctx(TLS1_2_VERSION);
    SSL_SESSION *sess;

    printf("== resumptions refused\n");
    SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
    sess = sp_conn(cctx, sctx, NULL, "first", NULL);
    /* The server now verifies clients, without a session id context. */
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, NULL);
    resume_failing("a server verifying clients without an id context finds the session:", cctx, sctx, sess);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_NONE, NULL);
    SSL_SESSION_free(sess);
    sess = sp_conn(cctx, sctx, NULL, "second", NULL);
    SSL_SESSION_set_protocol_version(sess, TLS1_1_VERSION);
    SSL_CTX_set_min_proto_version(cctx, TLS1_1_VERSION);
    resume_failing("the client offers a session it claims is TLS 1.1:", cctx, sctx, sess);
    SSL_SESSION_free(sess);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

static void wrong_state(void)
{
    SSL_CTX *sctx = sp_server_ctx(0), *cctx = sp_client_ctx(0);
    sp_pair p;
    SSL *ssl;
    char buf[8];
    int r;

    printf("== calls in the wrong state\n");
    ssl = SSL_new(sctx);
    ERR_clear_error();
    r = SSL_do_handshake(ssl);
    report("SSL_do_handshake without a role", ssl, r);
    r = SSL_shutdown(ssl);
    report("SSL_shutdown before the handshake", ssl, r);
    r = SSL_read(ssl, buf, sizeof buf);
    report("SSL_read without a role", ssl, r);
    r = SSL_write(ssl, "x", 1);
    report("SSL_write without a role", ssl, r);
    SSL_set_accept_state(ssl);
    r = SSL_do_handshake(ssl);
    report("server SSL_do_handshake without a descriptor", ssl, r);
    SSL_free(ssl);

    ssl = SSL_new(cctx);
    ERR_clear_error();
    r = SSL_connect(ssl);
    report("client SSL_connect without a descriptor", ssl, r);
    SSL_free(ssl);

    ssl = SSL_new(cctx);
    SSL_set_fd(ssl, -1);
    ERR_clear_error();
    errno = 0;
    r = SSL_connect(ssl);
    report("client SSL_connect on descriptor -1", ssl, r);
    SSL_free(ssl);

    sp_new(&p, cctx, sctx);
    ERR_clear_error();
    r = SSL_connect(p.c);
    report("client connect", p.c, r);
    r = SSL_shutdown(p.c);
    report("client SSL_shutdown while in the handshake", p.c, r);
    sp_free(&p);

    if (connected(&p, cctx, sctx, "shut")) {
        ERR_clear_error();
        r = SSL_shutdown(p.c);
        report("client shutdown", p.c, r);
        r = SSL_write(p.c, "x", 1);
        report("client write after shutdown", p.c, r);
        sp_free(&p);
    }

    printf("an error left on the queue:\n");
    if (connected(&p, cctx, sctx, "left")) {
        ERR_clear_error();
        ERR_raise(ERR_LIB_SSL, SSL_R_BAD_LENGTH);
        r = SSL_read(p.c, buf, sizeof buf);
        report("client read with nothing to read", p.c, r);
        r = SSL_read(p.c, buf, sizeof buf);
        report("client read again", p.c, r);
        ERR_raise(ERR_LIB_SYS, ECONNRESET);
        r = SSL_read(p.c, buf, sizeof buf);
        report("client read after a system error was raised", p.c, r);
        ERR_raise(ERR_LIB_SSL, SSL_R_BAD_LENGTH);
        printf("  SSL_get_error(ssl, 1) with an error queued: %d\n", SSL_get_error(p.c, 1));
        ERR_clear_error();
        sp_free(&p);
    }
    printf("an error left on the queue before a handshake step:\n");
    sp_new(&p, cctx, sctx);
    ERR_clear_error();
    ERR_raise(ERR_LIB_SSL, SSL_R_BAD_LENGTH);
    r = SSL_connect(p.c);
    report("client connect", p.c, r);
    sp_free(&p);

    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

static void texts(void)
{
    static const int reasons[] = {
        SSL_R_WRONG_VERSION_NUMBER, SSL_R_HTTP_REQUEST, SSL_R_UNEXPECTED_EOF_WHILE_READING,
        SSL_R_CERTIFICATE_VERIFY_FAILED, SSL_R_NO_SHARED_CIPHER, SSL_R_UNSUPPORTED_PROTOCOL,
        SSL_R_PACKET_LENGTH_TOO_LONG, SSL_R_BAD_KEY_SHARE, SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE,
        SSL_R_TLSV1_ALERT_UNKNOWN_CA, SSL_R_TLSV1_ALERT_PROTOCOL_VERSION,
        SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED, SSL_R_TLSV1_ALERT_NO_APPLICATION_PROTOCOL,
        SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC, SSL_R_APPLICATION_DATA_AFTER_CLOSE_NOTIFY,
        SSL_R_MISSING_FATAL, 999, 1255,
    };
    size_t i;

    printf("== reason texts\n");
    for (i = 0; i < sizeof reasons / sizeof reasons[0]; i++) {
        unsigned long e = ERR_PACK(ERR_LIB_SSL, 0, reasons[i]);
        const char *s = ERR_reason_error_string(e);
        char buf[256];

        ERR_error_string_n(e, buf, sizeof buf);
        printf("  %d: \"%s\" [%s]\n", reasons[i], s ? s : "(no text)", buf);
    }
}

int main(void)
{
    /* Before anything else: texts are loaded by the first context. */
    printf("before any context: %s\n",
           ERR_reason_error_string(ERR_PACK(ERR_LIB_SSL, 0, SSL_R_WRONG_VERSION_NUMBER)) ? "text" : "no text");
    {
        SSL_CTX *ctx = SSL_CTX_new(TLS_method());
        printf("after SSL_CTX_new: %s\n",
               ERR_reason_error_string(ERR_PACK(ERR_LIB_SSL, 0, SSL_R_WRONG_VERSION_NUMBER)) ? "text" : "no text");
        SSL_CTX_free(ctx);
    }
    texts();
    not_tls(TLS1_2_VERSION);
    not_tls(TLS1_3_VERSION);
    eof_and_reset(TLS1_2_VERSION);
    eof_and_reset(TLS1_3_VERSION);
    alerts();
    bad_key_share();
    refused_resumptions();
    wrong_state();
    sp_cleanup();
    return 0;
}
