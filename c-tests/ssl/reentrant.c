/* SSL accessors called from inside every callback that runs during a
 * handshake or around it: the verify callback (client and server), the
 * certificate verify callback, the servername callback, the new-session
 * callback (client and server), the get-session and remove-session
 * callbacks. Each callback calls the same wide set of accessors (descriptor
 * and BIO getters, handshake state, pending data, shutdown flags,
 * verification settings, the context, application data, the session...) and
 * what they return is printed after the connection, callback by callback
 * in a fixed order (rustls runs the servername callback before the session
 * lookup, OpenSSL after it). Nothing may deadlock or crash, and the values
 * must be OpenSSL's. Not printed: the server name in the get-session
 * callback (it runs before the servername callback in OpenSSL), what the
 * session lookup decides (reused, verify result, peer certificate) in the
 * servername callback of a resumption (it runs before the lookup in
 * neon-rs), and the session and cipher during the handshake (OpenSSL makes
 * its session object when the hello is sent or read, neon-rs when the
 * handshake ends).
 * Connections run over descriptors and over memory BIOs, on TLS 1.2 and
 * TLS 1.3, full and resumed. */
#include "sslpair.h"

static int app_data_idx = 0;
static const char *phase = "";
static int printed[16];
static char report[16][1024];
static int resuming;

enum { CB_VERIFY_CLIENT, CB_VERIFY_SERVER, CB_CERT_VERIFY, CB_SERVERNAME, CB_NEW_CLIENT, CB_NEW_SERVER,
       CB_GET, CB_REMOVE, CB_COUNT };
static const char *cb_names[CB_COUNT] = { "verify (client)", "verify (server)", "cert_verify", "servername",
                                          "new_session (client)", "new_session (server)", "get_session",
                                          "remove_session" };

/* Calls the accessors (every time) and keeps what the callback's first
 * call saw for the report. */
static void accessors(int which, SSL *s)
{
    BIO *r = SSL_get_rbio(s), *w = SSL_get_wbio(s);
    SSL_SESSION *sess = SSL_get_session(s);
    const SSL_CIPHER *cipher = SSL_get_current_cipher(s);
    X509 *peer = SSL_get1_peer_certificate(s);
    const char *sn = SSL_get_servername(s, TLSEXT_NAMETYPE_host_name);
    int fd = SSL_get_fd(s), rfd = SSL_get_rfd(s), wfd = SSL_get_wfd(s);
    int in_init = SSL_in_init(s), finished = SSL_is_init_finished(s), before = SSL_in_before(s);
    int pending = SSL_pending(s), has_pending = SSL_has_pending(s), shut = SSL_get_shutdown(s);
    int want = SSL_want(s), server = SSL_is_server(s), mode = SSL_get_verify_mode(s);
    int depth = SSL_get_verify_depth(s), reused = SSL_session_reused(s);
    long result = SSL_get_verify_result(s);
    int ours = SSL_get_ex_data(s, app_data_idx) == (void *)phase;
    int after = which == CB_NEW_CLIENT || which == CB_NEW_SERVER || which == CB_REMOVE;
    int lookup_unknown = which == CB_SERVERNAME && resuming;
    char *out = report[which];
    char reused_s[16];

    X509_free(peer);
    if (printed[which]++) return;
    snprintf(reused_s, sizeof reused_s, "%d", reused);
    snprintf(out, sizeof report[which],
             "  %s:\n"
             "    fd %s rfd %s wfd %s, rbio %s, wbio %s, same %s\n"
             "    in_init %d, init_finished %d, in_before %d, pending %d, has_pending %d, shutdown %d, want %d\n"
             "    server %d, servername %s, verify mode %d depth %d result %s, ex_data %s, ctx %s\n"
             "    reused %s, param %s, options NO_TICKET %s, mode AUTO_RETRY %s, peer certificate %s\n"
             "%s%s%s%s%s%s%s",
             cb_names[which], fd >= 0 ? "set" : "-1", rfd >= 0 ? "set" : "-1", wfd >= 0 ? "set" : "-1",
             r ? "set" : "NULL", w ? "set" : "NULL", r == w ? "yes" : "no", in_init, finished, before, pending,
             has_pending, shut, want, server, which == CB_GET ? "(not shown)" : sn ? sn : "(none)", mode, depth,
             lookup_unknown ? "-" : result == X509_V_OK ? "ok" : "error", ours ? "ours" : "other", SSL_get_SSL_CTX(s) ? "set" : "NULL",
             lookup_unknown ? "-" : reused_s, SSL_get0_param(s) ? "set" : "NULL", (SSL_get_options(s) & SSL_OP_NO_TICKET) ? "yes" : "no",
             (SSL_get_mode(s) & SSL_MODE_AUTO_RETRY) ? "yes" : "no", lookup_unknown ? "-" : peer ? "set" : "NULL",
             after ? "    session " : "", after ? (sess ? "set" : "NULL") : "", after ? ", cipher " : "",
             after ? (cipher ? "set" : "NULL") : "", after ? ", version " : "", after ? SSL_get_version(s) : "",
             after ? "\n" : "");
}

static void print_report(void)
{
    int i;

    for (i = 0; i < CB_COUNT; i++)
        if (printed[i]) fputs(report[i], stdout);
    memset(printed, 0, sizeof printed);
}

static SSL *store_ssl(X509_STORE_CTX *ctx)
{
    return X509_STORE_CTX_get_ex_data(ctx, SSL_get_ex_data_X509_STORE_CTX_idx());
}

static int verify_cb(int ok, X509_STORE_CTX *ctx)
{
    SSL *s = store_ssl(ctx);

    (void)ok;
    if (s) accessors(SSL_is_server(s) ? CB_VERIFY_SERVER : CB_VERIFY_CLIENT, s);
    return 1;
}

static int cert_verify_cb(X509_STORE_CTX *ctx, void *arg)
{
    SSL *s = store_ssl(ctx);

    (void)arg;
    if (s) accessors(CB_CERT_VERIFY, s);
    return 1;
}

static int servername_cb(SSL *s, int *al, void *arg)
{
    (void)al;
    (void)arg;
    accessors(CB_SERVERNAME, s);
    return SSL_TLSEXT_ERR_OK;
}

static SSL_SESSION *kept;   /* the server's session, for get_session */

static int new_client_cb(SSL *s, SSL_SESSION *sess)
{
    (void)sess;
    accessors(CB_NEW_CLIENT, s);
    return 0;
}

/* Keeps the newest session (the one of the last ticket, in TLS 1.3). */
static int new_server_cb(SSL *s, SSL_SESSION *sess)
{
    accessors(CB_NEW_SERVER, s);
    SSL_SESSION_free(kept);
    kept = sess;
    return 1;
}

static SSL_SESSION *get_cb(SSL *s, const unsigned char *id, int len, int *copy)
{
    (void)id;
    (void)len;
    accessors(CB_GET, s);
    *copy = 1;
    return kept;
}

static SSL *removing;   /* the connection whose session is being removed */

static void remove_cb(SSL_CTX *ctx, SSL_SESSION *sess)
{
    (void)ctx;
    (void)sess;
    if (removing) accessors(CB_REMOVE, removing);
}

/* Memory BIO pair driving (the handshake moves bytes between them). */
static int mem_handshake(SSL *c, SSL *s)
{
    BIO *cin = BIO_new(BIO_s_mem()), *cout = BIO_new(BIO_s_mem());
    BIO *sin = BIO_new(BIO_s_mem()), *sout = BIO_new(BIO_s_mem());
    int round, cd = 0, sd = 0;
    char buf[4096];
    int n;

    SSL_set_bio(c, cin, cout);
    SSL_set_bio(s, sin, sout);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    for (round = 0; round < 10 && !(cd && sd); round++) {
        if (!cd) cd = SSL_do_handshake(c) == 1;
        while ((n = BIO_read(cout, buf, sizeof buf)) > 0) BIO_write(sin, buf, n);
        if (!sd) sd = SSL_do_handshake(s) == 1;
        while ((n = BIO_read(sout, buf, sizeof buf)) > 0) BIO_write(cin, buf, n);
    }
    /* TLS 1.3 tickets */
    SSL_read(c, buf, sizeof buf);
    return cd && sd;
}

/* One connection with the server name "localhost"; returns the client's
 * session. */
static SSL_SESSION *one(SSL_CTX *cctx, SSL_CTX *sctx, SSL_SESSION *resume, int mem, const char *label)
{
    sp_pair p;
    SSL_SESSION *sess = NULL;
    int ok;

    phase = label;
    memset(printed, 0, sizeof printed);
    printf("%s\n", label);
    if (mem) {
        memset(&p, 0, sizeof p);
        p.fd[0] = p.fd[1] = -1;
        p.c = SSL_new(cctx);
        p.s = SSL_new(sctx);
    } else {
        sp_new(&p, cctx, sctx);
    }
    SSL_set_ex_data(p.c, app_data_idx, (void *)phase);
    SSL_set_ex_data(p.s, app_data_idx, (void *)phase);
    SSL_set_tlsext_host_name(p.c, "localhost");
    if (resume) SSL_set_session(p.c, resume);
    resuming = resume != NULL;
    memset(printed, 0, sizeof printed);
    ok = mem ? mem_handshake(p.c, p.s) : (sp_handshake(&p, label) && sp_exchange(&p, label));
    if (ok) {
        /* A session of no connection, removed while p.s is current: the
         * callback looks at p.s. */
        SSL_SESSION *other = SSL_SESSION_new();
        SSL_SESSION_set1_id(other, (const unsigned char *)"other", 5);
        removing = p.s;
        SSL_CTX_remove_session(sctx, other);
        removing = NULL;
        SSL_SESSION_free(other);
    }
    print_report();
    printf("  done: %s, reused %d/%d\n", ok ? "yes" : "no", SSL_session_reused(p.c), SSL_session_reused(p.s));
    if (ok) sess = SSL_get1_session(p.c);
    /* Spares the sessions from the bad-session rule. */
    SSL_set_shutdown(p.c, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    SSL_set_shutdown(p.s, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    sp_free(&p);
    return sess;
}

static void run(int version, int mem)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *sess;
    char label[64];

    sp_use_cert(cctx);
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, verify_cb);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, verify_cb);
    SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"re", 2);
    SSL_CTX_set_tlsext_servername_callback(sctx, servername_cb);
    SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
    SSL_CTX_sess_set_new_cb(cctx, new_client_cb);
    SSL_CTX_set_session_cache_mode(sctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_sess_set_new_cb(sctx, new_server_cb);
    SSL_CTX_sess_set_get_cb(sctx, get_cb);
    SSL_CTX_sess_set_remove_cb(sctx, remove_cb);

    /* The server keeps the session of the full handshake (new_server_cb)
     * and gives it back to the client that resumes it (get_cb). */
    snprintf(label, sizeof label, "%s %s full", sp_vname(version), mem ? "mem" : "fd");
    kept = NULL;
    sess = one(cctx, sctx, NULL, mem, label);
    snprintf(label, sizeof label, "%s %s resumed", sp_vname(version), mem ? "mem" : "fd");
    SSL_SESSION_free(one(cctx, sctx, sess, mem, label));
    SSL_SESSION_free(sess);

    SSL_CTX_set_cert_verify_callback(cctx, cert_verify_cb, NULL);
    snprintf(label, sizeof label, "%s %s cert_verify", sp_vname(version), mem ? "mem" : "fd");
    SSL_SESSION_free(one(cctx, sctx, NULL, mem, label));
    if (kept) SSL_SESSION_free(kept);
    kept = NULL;
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

int main(void)
{
    run(TLS1_2_VERSION, 0);
    run(TLS1_3_VERSION, 0);
    run(TLS1_2_VERSION, 1);
    run(TLS1_3_VERSION, 1);
    sp_cleanup();
    return 0;
}
