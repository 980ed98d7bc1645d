/* External session cache callbacks with real handshakes (semantics §6, §7,
 * §10): server new_cb / remove_cb / get_cb with the internal cache and
 * without it (SSL_SESS_CACHE_NO_INTERNAL*), get_cb returning with
 * *copy = 1 and *copy = 0 and returning a non-resumable session, TLS 1.2
 * session ids, stateless and stateful TLS 1.3 tickets; the client new_cb in
 * SSL_SESS_CACHE_CLIENT mode (per ticket for TLS 1.3, single-use removal on
 * resumption), the default client mode (no callbacks), the bad-session rule
 * and SSL_CTX_free calling remove_cb. new_cb keeps its references (returns
 * 1) in a store that remove_cb and the end of the test free: valgrind checks
 * the reference counting. */
#include "sslpair.h"

#define STORE_MAX 64

struct cbstate {
    const char *name;
    int n_new, n_remove, n_get;
    int keep;          /* new_cb stores the session and returns 1 */
    int copy;          /* get_cb sets *copy to this */
    int get_len;       /* id length of the last get_cb call */
    SSL_SESSION *store[STORE_MAX];
    int stored;
};

static struct cbstate srv = { "server", 0, 0, 0, 0, 1, 0, { 0 }, 0 };
static struct cbstate cli = { "client", 0, 0, 0, 0, 1, 0, { 0 }, 0 };

static void cb_reset(struct cbstate *st, int keep, int copy)
{
    while (st->stored > 0) SSL_SESSION_free(st->store[--st->stored]);
    st->n_new = st->n_remove = st->n_get = 0;
    st->keep = keep;
    st->copy = copy;
    st->get_len = -1;
}

static int store_find(struct cbstate *st, const unsigned char *id, unsigned int len)
{
    int i;

    for (i = 0; i < st->stored; i++) {
        unsigned int l;
        const unsigned char *d = SSL_SESSION_get_id(st->store[i], &l);
        if (l == len && memcmp(d, id, len) == 0) return i;
    }
    return -1;
}

static int new_common(struct cbstate *st, SSL_SESSION *sess)
{
    st->n_new++;
    if (!st->keep || st->stored == STORE_MAX) return 0;
    st->store[st->stored++] = sess;    /* the callback's reference */
    return 1;
}

static void remove_common(struct cbstate *st, SSL_SESSION *sess)
{
    unsigned int len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &len);
    int i = store_find(st, id, len);

    st->n_remove++;
    if (i >= 0) {
        SSL_SESSION_free(st->store[i]);
        st->store[i] = st->store[--st->stored];
    }
}

static int srv_new(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    return new_common(&srv, sess);
}

static int cli_new(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    return new_common(&cli, sess);
}

static void srv_remove(SSL_CTX *ctx, SSL_SESSION *sess)
{
    (void)ctx;
    remove_common(&srv, sess);
}

static void cli_remove(SSL_CTX *ctx, SSL_SESSION *sess)
{
    (void)ctx;
    remove_common(&cli, sess);
}

static SSL_SESSION *srv_get(SSL *ssl, const unsigned char *id, int len, int *copy)
{
    int i = store_find(&srv, id, (unsigned int)len);

    (void)ssl;
    srv.n_get++;
    srv.get_len = len;
    if (*copy != 1) printf("get_cb: *copy preset to %d\n", *copy);
    if (i < 0) return NULL;
    *copy = srv.copy;
    if (!srv.copy) SSL_SESSION_up_ref(srv.store[i]);   /* the library takes this one */
    return srv.store[i];
}

static void print_cb(struct cbstate *st, const char *label, SSL_CTX *ctx)
{
    printf("%s: %s new=%d remove=%d get=%d stored=%d number=%ld", label, st->name, st->n_new, st->n_remove,
           st->n_get, st->stored, SSL_CTX_sess_number(ctx));
    if (st->n_get) printf(" get_id_len=%d", st->get_len);
    printf("\n");
}

/* "default" for -1 (mode left alone), else hex. */
static const char *mode_name(long mode)
{
    static char buf[32];

    if (mode < 0) return "default";
    snprintf(buf, sizeof buf, "0x%lx", mode);
    return buf;
}

static SSL_CTX *server_with_cbs(int version, long mode, int no_ticket, int with_get, int with_remove)
{
    SSL_CTX *sctx = sp_server_ctx(version);

    if (no_ticket) SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    if (mode >= 0) printf("server set mode: old 0x%lx\n", SSL_CTX_set_session_cache_mode(sctx, mode));
    SSL_CTX_sess_set_new_cb(sctx, srv_new);
    if (with_remove) SSL_CTX_sess_set_remove_cb(sctx, srv_remove);
    if (with_get) SSL_CTX_sess_set_get_cb(sctx, srv_get);
    return sctx;
}

/* Server with new/remove/get callbacks on TLS 1.2 session ids. */
static void server_tls12(long mode, int copy, int cver)
{
    SSL_CTX *sctx, *cctx;
    SSL_SESSION *s1, *s2, *t;

    printf("== server TLS1.2 session id, mode %s, copy %d, client max %s\n", mode_name(mode), copy, sp_vname(cver));
    sctx = server_with_cbs(TLS1_2_VERSION, mode, 1, 1, 1);
    cctx = sp_client_ctx(cver);
    cb_reset(&srv, 1, copy);
    s1 = sp_conn(cctx, sctx, NULL, "conn 1", NULL);
    print_cb(&srv, "conn 1", sctx);
    s2 = sp_conn(cctx, sctx, s1, "resume 1", NULL);
    print_cb(&srv, "resume 1", sctx);
    SSL_SESSION_free(s2);
    s2 = sp_conn(cctx, sctx, s1, "resume 1 again", NULL);
    print_cb(&srv, "resume 1 again", sctx);
    SSL_SESSION_free(s2);
    /* the internal entry goes (remove_cb drops the stored one too) */
    printf("remove_session(server, client's s1): %d\n", SSL_CTX_remove_session(sctx, s1));
    print_cb(&srv, "after remove", sctx);
    sp_print_sess("s1", s1);
    t = sp_conn(cctx, sctx, NULL, "conn 2", NULL);
    print_cb(&srv, "conn 2", sctx);
    sp_print_stats("server", sctx);
    SSL_SESSION_free(t);
    SSL_SESSION_free(s1);
    SSL_CTX_free(sctx);
    print_cb(&srv, "after SSL_CTX_free(server)", cctx);
    cb_reset(&srv, 0, 1);
    SSL_CTX_free(cctx);
}

/* get_cb returning a session that is not resumable: ignored. */
static void server_get_nonresumable(void)
{
    SSL_CTX *sctx, *cctx;
    SSL_SESSION *s1, *t;

    printf("== server get_cb returns a non-resumable session\n");
    sctx = server_with_cbs(TLS1_2_VERSION, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL, 1, 1, 0);
    cctx = sp_client_ctx(TLS1_2_VERSION);
    cb_reset(&srv, 1, 1);
    s1 = sp_conn(cctx, sctx, NULL, "conn 1", NULL);
    print_cb(&srv, "conn 1", sctx);
    /* marks the stored server session non-resumable; no remove_cb is set,
     * so the store keeps it */
    if (srv.stored == 1) printf("remove_session(stored): %d\n", SSL_CTX_remove_session(sctx, srv.store[0]));
    if (srv.stored == 1) sp_print_sess("stored", srv.store[0]);
    t = sp_conn(cctx, sctx, s1, "resume", NULL);
    print_cb(&srv, "resume", sctx);
    sp_print_stats("server", sctx);
    SSL_SESSION_free(t);
    SSL_SESSION_free(s1);
    cb_reset(&srv, 0, 1);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

/* TLS 1.3 server: stateless tickets call new_cb per ticket (and cache
 * nothing unless a remove_cb is set), stateful tickets go through the
 * cache and get_cb. */
static void server_tls13(long mode, int stateful, int with_remove, int copy)
{
    SSL_CTX *sctx, *cctx;
    SSL_SESSION *s1, *s2, *t;

    printf("== server TLS1.3 %s, mode %s, remove_cb %d, copy %d\n", stateful ? "stateful" : "stateless",
           mode_name(mode), with_remove, copy);
    sctx = server_with_cbs(TLS1_3_VERSION, mode, stateful, 1, with_remove);
    cctx = sp_client_ctx(TLS1_3_VERSION);
    cb_reset(&srv, 1, copy);
    s1 = sp_conn(cctx, sctx, NULL, "conn 1", NULL);
    print_cb(&srv, "conn 1", sctx);
    s2 = sp_conn(cctx, sctx, s1, "resume 1", NULL);
    print_cb(&srv, "resume 1", sctx);
    t = sp_conn(cctx, sctx, s2, "resume 2", NULL);
    print_cb(&srv, "resume 2", sctx);
    SSL_SESSION_free(t);
    SSL_CTX_flush_sessions(sctx, 0);
    print_cb(&srv, "flush(0)", sctx);
    t = sp_conn(cctx, sctx, s1, "resume 1 after flush", NULL);
    print_cb(&srv, "resume 1 after flush", sctx);
    sp_print_stats("server", sctx);
    SSL_SESSION_free(t);
    SSL_SESSION_free(s1);
    SSL_SESSION_free(s2);
    SSL_CTX_free(sctx);
    print_cb(&srv, "after SSL_CTX_free(server)", cctx);
    cb_reset(&srv, 0, 1);
    SSL_CTX_free(cctx);
}

/* Client callbacks: mode (default SERVER = none), TLS 1.2 or 1.3. */
static void client_cbs(int version, long mode, int keep)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *s1, *s2, *t;
    sp_pair p;

    printf("== client %s, mode %s, new_cb returns %d\n", sp_vname(version), mode_name(mode), keep);
    if (mode >= 0) printf("client set mode: old 0x%lx\n", SSL_CTX_set_session_cache_mode(cctx, mode));
    printf("client mode now: 0x%lx\n", SSL_CTX_get_session_cache_mode(cctx));
    SSL_CTX_sess_set_new_cb(cctx, cli_new);
    SSL_CTX_sess_set_remove_cb(cctx, cli_remove);
    cb_reset(&cli, keep, 1);

    /* the first connection step by step: tickets arrive with the read */
    sp_new(&p, cctx, sctx);
    if (!sp_handshake(&p, "conn 1")) {
        sp_free(&p);
        SSL_CTX_free(cctx);
        SSL_CTX_free(sctx);
        return;
    }
    print_cb(&cli, "conn 1 after connect", cctx);
    sp_exchange(&p, "conn 1");
    print_cb(&cli, "conn 1 after read", cctx);
    s1 = SSL_get1_session(p.c);
    printf("add_session(client, s1): %d\n", SSL_CTX_add_session(cctx, s1));
    print_cb(&cli, "after add", cctx);
    sp_shutdown(&p, "conn 1");
    sp_free(&p);

    s2 = sp_conn(cctx, sctx, s1, "resume 1", NULL);
    print_cb(&cli, "resume 1", cctx);
    sp_print_sess("s1", s1);
    sp_print_sess("s2", s2);
    t = sp_conn(cctx, sctx, s1, "resume 1 again", NULL);
    print_cb(&cli, "resume 1 again", cctx);
    SSL_SESSION_free(t);

    /* SSL_set_session on a connection that is still open: bad session */
    sp_new(&p, cctx, sctx);
    SSL_set_session(p.c, s2);
    if (sp_handshake(&p, "conn 3") && sp_exchange(&p, "conn 3")) {
        sp_print_conn(&p, "conn 3");
        print_cb(&cli, "conn 3 open", cctx);
        printf("SSL_set_session(open conn, NULL): %d\n", SSL_set_session(p.c, NULL));
        print_cb(&cli, "after SSL_set_session", cctx);
        sp_print_sess("s2", s2);
    }
    sp_free(&p);
    print_cb(&cli, "conn 3 freed", cctx);

    /* add/remove by hand */
    printf("remove_session(client, s1): %d\n", SSL_CTX_remove_session(cctx, s1));
    printf("remove_session(client, s1) again: %d\n", SSL_CTX_remove_session(cctx, s1));
    print_cb(&cli, "after removes", cctx);
    printf("add_session(client, s1): %d\n", SSL_CTX_add_session(cctx, s1));
    print_cb(&cli, "after add", cctx);
    sp_print_stats("client", cctx);

    SSL_SESSION_free(s1);
    SSL_SESSION_free(s2);
    SSL_CTX_free(cctx);
    print_cb(&cli, "after SSL_CTX_free(client)", sctx);
    cb_reset(&cli, 0, 1);
    SSL_CTX_free(sctx);
}

/* execute_test_session: a session whose protocol version differs from the
 * negotiated one fails the resumed handshake; the fatal alert removes it. */
static void version_mismatch(void)
{
    SSL_CTX *sctx = sp_server_ctx(TLS1_2_VERSION), *cctx = sp_client_ctx(TLS1_2_VERSION);
    SSL_SESSION *s1, *t;

    printf("== version mismatch\n");
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
    SSL_CTX_sess_set_new_cb(cctx, cli_new);
    SSL_CTX_sess_set_remove_cb(cctx, cli_remove);
    cb_reset(&cli, 0, 1);
    s1 = sp_conn(cctx, sctx, NULL, "conn 1", NULL);
    print_cb(&cli, "conn 1", cctx);
    printf("set_protocol_version(TLS1.1): %d\n", SSL_SESSION_set_protocol_version(s1, TLS1_1_VERSION));
    t = sp_conn(cctx, sctx, s1, "resume with TLS1.1 session", NULL);
    print_cb(&cli, "after failure", cctx);
    sp_print_sess("s1", s1);
    SSL_SESSION_free(t);
    SSL_SESSION_free(s1);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    cb_reset(&cli, 0, 1);
}

int main(void)
{
    const long NOI = SSL_SESS_CACHE_NO_INTERNAL;

    server_tls12(-1, 1, TLS1_2_VERSION);
    server_tls12(SSL_SESS_CACHE_SERVER | NOI, 1, TLS1_2_VERSION);
    server_tls12(SSL_SESS_CACHE_SERVER | NOI, 0, TLS1_2_VERSION);
    server_tls12(SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE, 1, TLS1_2_VERSION);
    server_tls12(SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP, 1, TLS1_2_VERSION);
    server_tls12(SSL_SESS_CACHE_SERVER | NOI, 1, 0);
    server_tls12(SSL_SESS_CACHE_OFF, 1, TLS1_2_VERSION);
    server_get_nonresumable();
    server_tls13(-1, 0, 0, 1);
    server_tls13(-1, 0, 1, 1);
    server_tls13(-1, 1, 1, 1);
    server_tls13(SSL_SESS_CACHE_SERVER | NOI, 1, 1, 1);
    server_tls13(SSL_SESS_CACHE_SERVER | NOI, 1, 1, 0);
    client_cbs(TLS1_2_VERSION, -1, 1);
    client_cbs(TLS1_2_VERSION, SSL_SESS_CACHE_CLIENT, 1);
    client_cbs(TLS1_3_VERSION, -1, 1);
    client_cbs(TLS1_3_VERSION, SSL_SESS_CACHE_CLIENT, 1);
    client_cbs(TLS1_3_VERSION, SSL_SESS_CACHE_CLIENT, 0);
    client_cbs(TLS1_3_VERSION, SSL_SESS_CACHE_CLIENT | NOI, 1);
    version_mismatch();
    sp_cleanup();
    return 0;
}
