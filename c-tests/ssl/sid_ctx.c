/* Session id contexts (semantics §7, §12) with real handshakes, in the four
 * ways a server resumes: TLS 1.2 session ids (SSL_OP_NO_TICKET), TLS 1.2
 * tickets, TLS 1.3 stateless tickets and TLS 1.3 stateful tickets
 * (SSL_OP_NO_TICKET).
 *
 * Each scenario is one line per mode: a first connection (full handshake)
 * under one server configuration, then a second one offering the client's
 * session under another. A configuration is the server SSL_CTX's sid_ctx
 * (SSL_CTX_set_session_id_context; "" is unset), a per-SSL one
 * (SSL_set_session_id_context), SSL_VERIFY_PEER on the SSL_CTX or on the
 * SSL, a switch to a second server context (sid_ctx "B") by SSL_set_SSL_CTX
 * in the servername callback or before the handshake, and the client
 * context's own sid_ctx. Some scenarios change the client's session
 * (SSL_SESSION_set1_id_context), expire the server's sessions, or serve them
 * from an external cache (SSL_SESS_CACHE_NO_INTERNAL with new_cb/get_cb),
 * possibly a session made by another server context.
 *
 * OpenSSL's rules: a session whose sid_ctx differs from the server SSL's is
 * not resumed (a full handshake); a server that verifies clients and has no
 * sid_ctx fails the handshake when it finds a session (ticket or cache),
 * and does not cache the sessions it makes (nor calls new_cb); the lookup
 * uses the sid_ctx in force before the servername callback; a client whose
 * sid_ctx differs from its resumed session's fails the handshake.
 *
 * The servers verify clients without SSL_VERIFY_FAIL_IF_NO_PEER_CERT and
 * the clients send no certificate, so the outcome does not depend on a
 * CertificateRequest. Printed per line: both handshakes (SSL_session_reused
 * of client/server, or the last return value and SSL_get_error of each
 * side), new_cb calls of the server context after each, the sid_ctx of the
 * server's session, SSL_has_matching_session_id for the client's session on
 * the resuming server, get_cb calls, and the statistics of the server and
 * client contexts. */
#include "sslpair.h"

enum { T12ID, T12TK, T13SL, T13SF, NMODES };
static const char *mode_name[NMODES] = { "TLS1.2 id", "TLS1.2 ticket", "TLS1.3 stateless", "TLS1.3 stateful" };

enum { VNONE, VCTX, VSSL };             /* where SSL_VERIFY_PEER is set */
enum { SW_NONE, SW_CB, SW_PRE };        /* SSL_set_SSL_CTX(B): none, in the servername callback, before */
enum { EXT_NONE, EXT_OWN, EXT_OTHER, EXT_OTHER_UNSET };
enum { EXP_NONE, EXP_SERVER };

/* One connection's configuration. */
typedef struct {
    const char *ctx_sid;     /* server SSL_CTX sid_ctx ("" unset) */
    const char *ssl_sid;     /* SSL_set_session_id_context on the server SSL (NULL: not called) */
    int verify;
    int sw;
    const char *client_sid;  /* client SSL_CTX sid_ctx ("" unset) */
} side;

typedef struct {
    const char *label;
    side c1, c2;
    const char *sess_sid;    /* SSL_SESSION_set1_id_context on the client's session before conn 2 */
    int ext;                 /* get_cb returns: the server's own session, one of another
                              * server context (sid_ctx "O"), or of one with no sid_ctx */
    int expire;              /* the server's sessions get a time 7300 s in the past before conn 2 */
} scenario;

#define U ""
static const scenario scenarios[] = {
    { "A / A", { "A", NULL, VNONE, SW_NONE, U }, { "A", NULL, VNONE, SW_NONE, U }, NULL, 0, 0 },
    { "A verify / A verify", { "A", NULL, VCTX, SW_NONE, U }, { "A", NULL, VCTX, SW_NONE, U }, NULL, 0, 0 },
    { "A / B", { "A", NULL, VNONE, SW_NONE, U }, { "B", NULL, VNONE, SW_NONE, U }, NULL, 0, 0 },
    { "A verify / B verify", { "A", NULL, VCTX, SW_NONE, U }, { "B", NULL, VCTX, SW_NONE, U }, NULL, 0, 0 },
    { "unset / unset", { U, NULL, VNONE, SW_NONE, U }, { U, NULL, VNONE, SW_NONE, U }, NULL, 0, 0 },
    { "unset / unset verify", { U, NULL, VNONE, SW_NONE, U }, { U, NULL, VCTX, SW_NONE, U }, NULL, 0, 0 },
    { "unset / unset SSL_set_verify", { U, NULL, VNONE, SW_NONE, U }, { U, NULL, VSSL, SW_NONE, U }, NULL, 0, 0 },
    { "unset verify / unset verify", { U, NULL, VCTX, SW_NONE, U }, { U, NULL, VCTX, SW_NONE, U }, NULL, 0, 0 },
    { "unset SSL_set_verify / unset SSL_set_verify", { U, NULL, VSSL, SW_NONE, U },
      { U, NULL, VSSL, SW_NONE, U }, NULL, 0, 0 },
    { "unset verify / unset", { U, NULL, VCTX, SW_NONE, U }, { U, NULL, VNONE, SW_NONE, U }, NULL, 0, 0 },
    { "A verify / unset verify", { "A", NULL, VCTX, SW_NONE, U }, { U, NULL, VCTX, SW_NONE, U }, NULL, 0, 0 },
    { "unset verify / A verify", { U, NULL, VCTX, SW_NONE, U }, { "A", NULL, VCTX, SW_NONE, U }, NULL, 0, 0 },
    { "unset / A", { U, NULL, VNONE, SW_NONE, U }, { "A", NULL, VNONE, SW_NONE, U }, NULL, 0, 0 },
    { "ssl S verify / ssl S verify", { U, "S", VCTX, SW_NONE, U }, { U, "S", VCTX, SW_NONE, U }, NULL, 0, 0 },
    { "ssl S / ssl T", { U, "S", VNONE, SW_NONE, U }, { U, "T", VNONE, SW_NONE, U }, NULL, 0, 0 },
    { "A / ssl S over A", { "A", NULL, VNONE, SW_NONE, U }, { "A", "S", VNONE, SW_NONE, U }, NULL, 0, 0 },
    { "ssl unset over A verify / same", { "A", U, VCTX, SW_NONE, U }, { "A", U, VCTX, SW_NONE, U }, NULL, 0, 0 },
    { "A verify / ssl unset over A verify", { "A", NULL, VCTX, SW_NONE, U }, { "A", U, VCTX, SW_NONE, U },
      NULL, 0, 0 },
    { "unset / ssl unset over A verify", { U, NULL, VNONE, SW_NONE, U }, { "A", U, VCTX, SW_NONE, U }, NULL, 0, 0 },
    { "callback A->B / same", { "A", NULL, VNONE, SW_CB, U }, { "A", NULL, VNONE, SW_CB, U }, NULL, 0, 0 },
    { "A / callback A->B", { "A", NULL, VNONE, SW_NONE, U }, { "A", NULL, VNONE, SW_CB, U }, NULL, 0, 0 },
    { "callback A->B / A", { "A", NULL, VNONE, SW_CB, U }, { "A", NULL, VNONE, SW_NONE, U }, NULL, 0, 0 },
    { "callback unset->B verify / same", { U, NULL, VCTX, SW_CB, U }, { U, NULL, VCTX, SW_CB, U }, NULL, 0, 0 },
    { "callback unset->B / same verify", { U, NULL, VNONE, SW_CB, U }, { U, NULL, VCTX, SW_CB, U }, NULL, 0, 0 },
    { "before A->B / same", { "A", NULL, VNONE, SW_PRE, U }, { "A", NULL, VNONE, SW_PRE, U }, NULL, 0, 0 },
    { "A / before A->B", { "A", NULL, VNONE, SW_NONE, U }, { "A", NULL, VNONE, SW_PRE, U }, NULL, 0, 0 },
    { "before A->B / B", { "A", NULL, VNONE, SW_PRE, U }, { "B", NULL, VNONE, SW_NONE, U }, NULL, 0, 0 },
    { "ssl S before A->B / ssl S", { "A", "S", VNONE, SW_PRE, U }, { "A", "S", VNONE, SW_NONE, U }, NULL, 0, 0 },
    { "A / ssl A before A->B", { "A", NULL, VNONE, SW_NONE, U }, { "A", "A", VNONE, SW_PRE, U }, NULL, 0, 0 },
    { "before unset->B verify / same", { U, NULL, VCTX, SW_PRE, U }, { U, NULL, VCTX, SW_PRE, U }, NULL, 0, 0 },
    { "client C / client C", { "A", NULL, VNONE, SW_NONE, "C" }, { "A", NULL, VNONE, SW_NONE, "C" }, NULL, 0, 0 },
    { "client C / client D", { "A", NULL, VNONE, SW_NONE, "C" }, { "A", NULL, VNONE, SW_NONE, "D" }, NULL, 0, 0 },
    { "client session X", { "A", NULL, VNONE, SW_NONE, U }, { "A", NULL, VNONE, SW_NONE, U }, "X", 0, 0 },
    { "client session C, client C", { "A", NULL, VNONE, SW_NONE, U }, { "A", NULL, VNONE, SW_NONE, "C" }, "C",
      0, 0 },
    { "client C / unset, session C", { "A", NULL, VNONE, SW_NONE, "C" }, { "A", NULL, VNONE, SW_NONE, U }, "C",
      0, 0 },
    { "external own A / A", { "A", NULL, VNONE, SW_NONE, U }, { "A", NULL, VNONE, SW_NONE, U }, NULL, EXT_OWN, 0 },
    { "external other O / A", { "A", NULL, VNONE, SW_NONE, U }, { "A", NULL, VNONE, SW_NONE, U }, NULL,
      EXT_OTHER, 0 },
    { "external other O / unset", { U, NULL, VNONE, SW_NONE, U }, { U, NULL, VNONE, SW_NONE, U }, NULL,
      EXT_OTHER, 0 },
    { "external other unset / unset verify", { U, NULL, VNONE, SW_NONE, U }, { U, NULL, VCTX, SW_NONE, U }, NULL,
      EXT_OTHER_UNSET, 0 },
    { "external own unset / unset verify", { U, NULL, VNONE, SW_NONE, U }, { U, NULL, VCTX, SW_NONE, U }, NULL,
      EXT_OWN, 0 },
    { "external own unset verify / same", { U, NULL, VCTX, SW_NONE, U }, { U, NULL, VCTX, SW_NONE, U }, NULL,
      EXT_OWN, 0 },
    { "expired A / A", { "A", NULL, VNONE, SW_NONE, U }, { "A", NULL, VNONE, SW_NONE, U }, NULL, 0, EXP_SERVER },
    { "expired unset / unset verify", { U, NULL, VNONE, SW_NONE, U }, { U, NULL, VCTX, SW_NONE, U }, NULL, 0,
      EXP_SERVER },
};

/* Per scenario: the server context, the switch target (sid_ctx "B"), the
 * client context, and the sessions the server's new_cb kept. */
static SSL_CTX *sctx, *bctx, *cctx, *octx;
static SSL_CTX *switch_to;               /* the servername callback's target, or NULL */
static SSL_SESSION *kept[16], *other_sess;
static int nkept, n_new, n_get;
static int get_other;                    /* get_cb returns other_sess */

static int keep_new(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    n_new++;
    if (nkept == 16) return 0;
    kept[nkept++] = sess;
    return 1;
}

static int keep_other(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    SSL_SESSION_free(other_sess);
    other_sess = sess;
    return 1;
}

/* The external cache: the kept session with this id, or the other
 * context's session. */
static SSL_SESSION *get_kept(SSL *ssl, const unsigned char *id, int len, int *copy)
{
    int i;

    (void)ssl;
    n_get++;
    *copy = 1;
    if (get_other) return other_sess;
    for (i = 0; i < nkept; i++) {
        unsigned int l;
        const unsigned char *d = SSL_SESSION_get_id(kept[i], &l);
        if ((int)l == len && memcmp(d, id, l) == 0) return kept[i];
    }
    return NULL;
}

static int sni_switch(SSL *ssl, int *al, void *arg)
{
    (void)al;
    (void)arg;
    if (switch_to && SSL_set_SSL_CTX(ssl, switch_to) != switch_to) sp_die("SSL_set_SSL_CTX in callback");
    return SSL_TLSEXT_ERR_OK;
}

static void set_sid(SSL_CTX *ctx, const char *sid)
{
    if (SSL_CTX_set_session_id_context(ctx, (const unsigned char *)sid, (unsigned int)strlen(sid)) != 1)
        sp_die("SSL_CTX_set_session_id_context");
}

static SSL_CTX *mode_server_ctx(int mode)
{
    SSL_CTX *ctx = sp_server_ctx(mode == T12ID || mode == T12TK ? TLS1_2_VERSION : TLS1_3_VERSION);

    if (mode == T12ID || mode == T13SF) SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    return ctx;
}

/* Drives both handshakes (bounded) without printing; writes "reused=c/s"
 * or the last return values and SSL_get_error of both sides into out. */
static int handshake(sp_pair *p, char *out, size_t n)
{
    int cs = 0, ss = 0, cr = 0, sr = 0, ce = 0, se = 0, round, after_fail = 0;

    for (round = 0; round < SP_MAX_ROUNDS; round++) {
        sp_step(p, 1, &cs, &cr, &ce);
        sp_step(p, 0, &ss, &sr, &se);
        if (cs != 0 && ss != 0) break;
        if ((cs < 0 || ss < 0) && ++after_fail > 4) break;
    }
    if (cs == 1 && ss == 1) {
        snprintf(out, n, "reused=%d/%d", SSL_session_reused(p->c), SSL_session_reused(p->s));
        return 1;
    }
    snprintf(out, n, "failed client %d/%d%s server %d/%d%s", cr, ce, cs == 0 ? " waiting" : "", sr, se,
             ss == 0 ? " waiting" : "");
    return 0;
}

/* The sid_ctx of a session, printable ("-" for none, "''" for empty). */
static void sid_of(const SSL_SESSION *s, char *out, size_t n)
{
    unsigned int len = 0;
    const unsigned char *d;

    if (!s) {
        snprintf(out, n, "-");
        return;
    }
    d = SSL_SESSION_get0_id_context(s, &len);
    if (len == 0) snprintf(out, n, "''");
    else snprintf(out, n, "%.*s", (int)len, (const char *)d);
}

/* One connection under sd, offering `offer` (may be NULL). Returns the
 * client's session after the exchange, or NULL. *match: whether the server
 * SSL's cache has the offered session's id (-1 without an offer or a
 * handshake). */
static SSL_SESSION *conn(const side *sd, SSL_SESSION *offer, char *res, size_t rn, char *sid, size_t sn,
                         int *match)
{
    sp_pair p;
    SSL_SESSION *sess = NULL;

    set_sid(sctx, sd->ctx_sid);
    set_sid(cctx, sd->client_sid);
    SSL_CTX_set_verify(sctx, sd->verify == VCTX ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, NULL);
    switch_to = sd->sw == SW_CB ? bctx : NULL;
    sp_new(&p, cctx, sctx);
    if (sd->ssl_sid
        && SSL_set_session_id_context(p.s, (const unsigned char *)sd->ssl_sid, (unsigned int)strlen(sd->ssl_sid))
               != 1)
        sp_die("SSL_set_session_id_context");
    if (sd->verify == VSSL) SSL_set_verify(p.s, SSL_VERIFY_PEER, NULL);
    if (sd->sw == SW_PRE && SSL_set_SSL_CTX(p.s, bctx) != bctx) sp_die("SSL_set_SSL_CTX");
    if (offer && SSL_set_session(p.c, offer) != 1) sp_die("SSL_set_session");
    *match = -1;
    sid_of(NULL, sid, sn);
    if (handshake(&p, res, rn)) {
        if (offer) {
            unsigned int len;
            const unsigned char *id = SSL_SESSION_get_id(offer, &len);
            *match = SSL_has_matching_session_id(p.s, id, len);
        }
        sid_of(SSL_get_session(p.s), sid, sn);
        if (sp_exchange(&p, "exchange")) {
            sess = SSL_get1_session(p.c);
            sp_shutdown(&p, "shutdown");
        }
    }
    sp_free(&p);
    return sess;
}

/* A session made by another server context (sid_ctx `sid`), kept by its
 * new_cb, for get_cb to return (none for TLS 1.2 tickets: no new_cb). The
 * context lives until the scenario ends: SSL_CTX_free would make its
 * cached sessions non-resumable. */
static void make_other(int mode, const char *sid)
{
    sp_pair p;
    char res[96];

    octx = mode_server_ctx(mode);
    set_sid(octx, sid);
    SSL_CTX_sess_set_new_cb(octx, keep_other);
    sp_new(&p, cctx, octx);
    if (!handshake(&p, res, sizeof res) || !sp_exchange(&p, "other") || !sp_shutdown(&p, "other"))
        sp_die("session of the other context");
    sp_free(&p);
}

static void run(const scenario *sc, int mode)
{
    char r1[96], r2[96], sid1[40], sid2[40];
    int m1, m2, n1, i;
    SSL_SESSION *s1, *s2;

    sctx = mode_server_ctx(mode);
    bctx = mode_server_ctx(mode);
    cctx = sp_client_ctx(mode == T12ID || mode == T12TK ? TLS1_2_VERSION : TLS1_3_VERSION);
    set_sid(bctx, "B");
    SSL_CTX_sess_set_new_cb(sctx, keep_new);
    SSL_CTX_set_tlsext_servername_callback(sctx, sni_switch);
    nkept = n_new = n_get = 0;
    get_other = sc->ext == EXT_OTHER || sc->ext == EXT_OTHER_UNSET;
    if (sc->ext != EXT_NONE) {
        SSL_CTX_set_session_cache_mode(sctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
        SSL_CTX_sess_set_get_cb(sctx, get_kept);
        if (get_other) make_other(mode, sc->ext == EXT_OTHER ? "O" : "");
    }

    s1 = conn(&sc->c1, NULL, r1, sizeof r1, sid1, sizeof sid1, &m1);
    n1 = n_new;
    if (!s1) {
        printf("%s | %s: conn 1 %s\n", mode_name[mode], sc->label, r1);
    } else {
        if (sc->sess_sid
            && SSL_SESSION_set1_id_context(s1, (const unsigned char *)sc->sess_sid,
                                           (unsigned int)strlen(sc->sess_sid))
                   != 1)
            sp_die("SSL_SESSION_set1_id_context");
        if (sc->expire == EXP_SERVER)
            for (i = 0; i < nkept; i++) SSL_SESSION_set_time(kept[i], (long)time(NULL) - 7300);
        s2 = conn(&sc->c2, s1, r2, sizeof r2, sid2, sizeof sid2, &m2);
        printf("%s | %s: 1 %s new=%d sid=%s; 2 %s new=%d sid=%s match=%d get=%d; server hits=%ld misses=%ld "
               "cb_hits=%ld timeouts=%ld number=%ld accept=%ld/%ld; client hits=%ld misses=%ld\n",
               mode_name[mode], sc->label, r1, n1, sid1, r2, n_new - n1, sid2, m2, n_get, SSL_CTX_sess_hits(sctx),
               SSL_CTX_sess_misses(sctx), SSL_CTX_sess_cb_hits(sctx), SSL_CTX_sess_timeouts(sctx),
               SSL_CTX_sess_number(sctx), SSL_CTX_sess_accept(sctx), SSL_CTX_sess_accept_good(sctx),
               SSL_CTX_sess_hits(cctx), SSL_CTX_sess_misses(cctx));
        SSL_SESSION_free(s2);
        SSL_SESSION_free(s1);
    }
    while (nkept > 0) SSL_SESSION_free(kept[--nkept]);
    SSL_SESSION_free(other_sess);
    other_sess = NULL;
    SSL_CTX_free(octx);
    octx = NULL;
    SSL_CTX_free(cctx);
    SSL_CTX_free(bctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    size_t i;
    int mode;

    for (i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
        for (mode = 0; mode < NMODES; mode++) run(&scenarios[i], mode);
    sp_cleanup();
    return 0;
}
