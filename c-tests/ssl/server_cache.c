/* The server's internal session cache with real handshakes (semantics §3,
 * §4, §6, §7, §11): TLS 1.2 + SSL_OP_NO_TICKET (session-id cache), a
 * TLS 1.3-capable client against a TLS 1.2-only server (its random legacy
 * session id is looked up: a miss per fresh ClientHello), stateless and
 * stateful (SSL_OP_NO_TICKET) TLS 1.3 tickets, cache size and eviction
 * (also OpenSSL's test_session_cache_overflow),
 * SSL_CTX_flush_sessions, SSL_CTX_remove_session, expired sessions
 * (SSL_SESSION_set_time / set_timeout into the past, SSL_CTX_set_timeout),
 * the session id context, and a session offered to another server
 * SSL_CTX. */
#include <limits.h>

#include "sslpair.h"

static void print_server_cache(const char *label, SSL_CTX *sctx)
{
    printf("%s: number=%ld hits=%ld misses=%ld timeouts=%ld cache_full=%ld accept=%ld accept_good=%ld\n",
           label, SSL_CTX_sess_number(sctx), SSL_CTX_sess_hits(sctx), SSL_CTX_sess_misses(sctx),
           SSL_CTX_sess_timeouts(sctx), SSL_CTX_sess_cache_full(sctx), SSL_CTX_sess_accept(sctx),
           SSL_CTX_sess_accept_good(sctx));
}

/* Session-id cache: TLS 1.2, server SSL_OP_NO_TICKET; client limited to
 * cver (TLS 1.2: no legacy session id in a fresh ClientHello; any: a random
 * 32-byte one). */
static void session_id_cache(int cver)
{
    SSL_CTX *sctx = sp_server_ctx(TLS1_2_VERSION), *cctx = sp_client_ctx(cver);
    SSL_SESSION *s1, *s2, *ss1;

    printf("== session-id cache, client max %s\n", sp_vname(cver));
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    print_server_cache("initial", sctx);
    s1 = sp_conn(cctx, sctx, NULL, "conn 1", &ss1);
    print_server_cache("after conn 1", sctx);
    printf("server session timeout: %ld\n", SSL_SESSION_get_timeout(ss1));
    s2 = sp_conn(cctx, sctx, s1, "conn 2 (resume)", NULL);
    print_server_cache("after conn 2", sctx);
    SSL_SESSION_free(s2);
    s2 = sp_conn(cctx, sctx, NULL, "conn 3 (fresh)", NULL);
    print_server_cache("after conn 3", sctx);
    SSL_SESSION_free(s2);
    s2 = sp_conn(cctx, sctx, s1, "conn 4 (resume)", NULL);
    print_server_cache("after conn 4", sctx);
    sp_print_stats("server", sctx);
    sp_print_stats("client", cctx);
    SSL_SESSION_free(s1);
    SSL_SESSION_free(s2);
    SSL_SESSION_free(ss1);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* TLS 1.3: stateless tickets (default: nothing cached) and stateful ones
 * (SSL_OP_NO_TICKET: one cache entry per ticket). */
static void tls13_tickets(int stateful)
{
    SSL_CTX *sctx = sp_server_ctx(TLS1_3_VERSION), *cctx = sp_client_ctx(TLS1_3_VERSION);
    SSL_SESSION *s1, *s2, *s3;

    printf("== TLS1.3 %s tickets\n", stateful ? "stateful" : "stateless");
    if (stateful) SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    s1 = sp_conn(cctx, sctx, NULL, "conn 1", NULL);
    print_server_cache("after conn 1", sctx);
    s2 = sp_conn(cctx, sctx, s1, "conn 2 (resume 1)", NULL);
    print_server_cache("after conn 2", sctx);
    s3 = sp_conn(cctx, sctx, s1, "conn 3 (resume 1 again)", NULL);
    print_server_cache("after conn 3", sctx);
    SSL_SESSION_free(s3);
    s3 = sp_conn(cctx, sctx, s2, "conn 4 (resume 2)", NULL);
    print_server_cache("after conn 4", sctx);
    SSL_CTX_flush_sessions(sctx, 0);
    print_server_cache("after flush 0", sctx);
    SSL_SESSION_free(s2);
    s2 = sp_conn(cctx, sctx, s3, "conn 5 (resume 4 after flush)", NULL);
    print_server_cache("after conn 5", sctx);
    SSL_SESSION_free(s1);
    SSL_SESSION_free(s2);
    SSL_SESSION_free(s3);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* Cache size with real handshakes: size 3 holds 2 (off by one, §3.5),
 * eviction is FIFO for equal timeouts. */
static void cache_size(long size)
{
    SSL_CTX *sctx = sp_server_ctx(TLS1_2_VERSION), *cctx = sp_client_ctx(TLS1_2_VERSION);
    SSL_SESSION *s[5], *t;
    char label[64];
    int i;

    printf("== cache size %ld\n", size);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    printf("set_cache_size: %ld\n", SSL_CTX_sess_set_cache_size(sctx, size));
    printf("get_cache_size: %ld\n", SSL_CTX_sess_get_cache_size(sctx));
    for (i = 0; i < 5; i++) {
        snprintf(label, sizeof label, "fresh %d", i);
        s[i] = sp_conn(cctx, sctx, NULL, label, NULL);
        print_server_cache(label, sctx);
    }
    for (i = 0; i < 5; i++) {
        snprintf(label, sizeof label, "session %d", i);
        sp_print_sess(label, s[i]);
    }
    /* newest first: hits do not add; a miss adds and evicts the oldest */
    for (i = 4; i >= 0; i--) {
        snprintf(label, sizeof label, "resume %d", i);
        t = sp_conn(cctx, sctx, s[i], label, NULL);
        print_server_cache(label, sctx);
        SSL_SESSION_free(t);
    }
    /* shrinking evicts nothing until the next add */
    printf("set_cache_size 1: %ld\n", SSL_CTX_sess_set_cache_size(sctx, 1));
    print_server_cache("after shrink", sctx);
    t = sp_conn(cctx, sctx, NULL, "fresh after shrink", NULL);
    print_server_cache("fresh after shrink", sctx);
    SSL_SESSION_free(t);
    printf("set_cache_size -1: %ld\n", SSL_CTX_sess_set_cache_size(sctx, -1));
    printf("get_cache_size: %ld\n", SSL_CTX_sess_get_cache_size(sctx));
    for (i = 0; i < 5; i++) SSL_SESSION_free(s[i]);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* test_session_cache_overflow: cache size 1, stateful sessions
 * (SSL_OP_NO_TICKET); optionally the first session gets a very long
 * timeout (it sorts first, yet it is the one evicted: the newcomer is not
 * in the list while the cache is trimmed). As in OpenSSL's test, a get_cb
 * would serve the server session of the second connection (the
 * application holds a reference); it is not needed: that session is the
 * one cached. */
static SSL_SESSION *overflow_sess;
static int overflow_gets;

static SSL_SESSION *overflow_get(SSL *ssl, const unsigned char *id, int len, int *copy)
{
    (void)ssl;
    (void)id;
    (void)len;
    overflow_gets++;
    *copy = 1;
    return overflow_sess;
}

static void cache_overflow(int version, int long_timeout)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *s1, *ss1, *s2, *t;

    printf("== cache overflow %s%s\n", sp_vname(version), long_timeout ? ", first session LONG_MAX/2" : "");
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_sess_set_get_cb(sctx, overflow_get);
    overflow_gets = 0;
    SSL_CTX_sess_set_cache_size(sctx, 1);
    s1 = sp_conn(cctx, sctx, NULL, "conn 1", &ss1);
    if (long_timeout) printf("set_timeout(LONG_MAX/2): %ld\n", SSL_SESSION_set_timeout(ss1, LONG_MAX / 2));
    print_server_cache("after conn 1", sctx);
    s2 = sp_conn(cctx, sctx, NULL, "conn 2", &overflow_sess);
    print_server_cache("after conn 2", sctx);
    printf("get_cb calls: %d\n", overflow_gets);
    t = sp_conn(cctx, sctx, s2, "resume 2", NULL);
    print_server_cache("after resume 2", sctx);
    printf("get_cb calls: %d\n", overflow_gets);
    SSL_SESSION_free(t);
    sp_print_sess("client session 1", s1);
    SSL_SESSION_free(s1);
    SSL_SESSION_free(ss1);
    SSL_SESSION_free(s2);
    SSL_SESSION_free(overflow_sess);
    overflow_sess = NULL;
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* flush and remove with real handshakes (TLS 1.2 session ids). */
static void flush_remove(void)
{
    SSL_CTX *sctx = sp_server_ctx(TLS1_2_VERSION), *cctx = sp_client_ctx(TLS1_2_VERSION);
    SSL_SESSION *a, *b, *sa, *sb, *t;
    time_t now;

    printf("== flush and remove\n");
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    a = sp_conn(cctx, sctx, NULL, "conn a", &sa);
    b = sp_conn(cctx, sctx, NULL, "conn b", &sb);
    print_server_cache("two sessions", sctx);
    now = time(NULL);
    SSL_CTX_flush_sessions(sctx, (long)now);
    print_server_cache("flush(now)", sctx);
    sp_print_sess("server a after flush(now)", sa);

    /* remove by the server's object: the client's copy stays resumable but
     * the server no longer knows it */
    printf("remove server a: %d\n", SSL_CTX_remove_session(sctx, sa));
    printf("remove server a again: %d\n", SSL_CTX_remove_session(sctx, sa));
    print_server_cache("after remove", sctx);
    sp_print_sess("server a", sa);
    sp_print_sess("client a", a);
    t = sp_conn(cctx, sctx, a, "resume a", NULL);
    print_server_cache("after resume a", sctx);
    SSL_SESSION_free(t);

    /* remove by the client's object (same key): found, and the client's
     * object becomes non-resumable too */
    printf("remove client b from server cache: %d\n", SSL_CTX_remove_session(sctx, b));
    sp_print_sess("client b", b);
    sp_print_sess("server b", sb);
    print_server_cache("after remove b", sctx);
    t = sp_conn(cctx, sctx, b, "resume b", NULL);
    print_server_cache("after resume b", sctx);
    SSL_SESSION_free(t);

    /* flush after expiry and flush(0) */
    SSL_SESSION_free(a);
    a = sp_conn(cctx, sctx, NULL, "conn c", NULL);
    print_server_cache("before flush", sctx);
    SSL_CTX_flush_sessions(sctx, (long)time(NULL) + 7201);
    print_server_cache("flush(now + 7201)", sctx);
    t = sp_conn(cctx, sctx, a, "resume c", NULL);
    print_server_cache("after resume c", sctx);
    SSL_CTX_flush_sessions(sctx, 0);
    print_server_cache("flush(0)", sctx);
    SSL_SESSION_free(t);
    t = sp_conn(cctx, sctx, a, "resume c after flush(0)", NULL);
    print_server_cache("after resume c again", sctx);
    SSL_SESSION_free(t);
    SSL_SESSION_free(a);
    SSL_SESSION_free(b);
    SSL_SESSION_free(sa);
    SSL_SESSION_free(sb);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* The server's cached sessions, kept by a new_cb that returns 1. */
static SSL_SESSION *kept[16];
static int nkept;

static int keep_cb(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    if (nkept == 16) return 0;
    kept[nkept++] = sess;
    return 1;
}

static void free_kept(void)
{
    while (nkept > 0) SSL_SESSION_free(kept[--nkept]);
}

/* Expired sessions: the server finds an expired cached session, counts a
 * timeout, drops it and does a full handshake. */
static void timeouts(int version)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *s1, *ss1, *t;
    long now = (long)time(NULL);
    int i;

    printf("== timeouts %s\n", sp_vname(version));
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_sess_set_new_cb(sctx, keep_cb);
    printf("ctx timeout: %ld\n", SSL_CTX_get_timeout(sctx));
    s1 = sp_conn(cctx, sctx, NULL, "conn 1", &ss1);
    printf("server session timeout: %ld, client session timeout: %ld\n", SSL_SESSION_get_timeout(ss1),
           SSL_SESSION_get_timeout(s1));
    printf("server session time - now in [0,60]: %d\n",
           SSL_SESSION_get_time(ss1) - now >= 0 && SSL_SESSION_get_time(ss1) - now <= 60);
    print_server_cache("after conn 1", sctx);
    /* the cached sessions (TLS 1.2: ss1 itself; TLS 1.3 stateful: one per
     * ticket) expire */
    printf("cached sessions: %d\n", nkept);
    for (i = 0; i < nkept; i++)
        printf("set_time(now - 7300): %d\n", SSL_SESSION_set_time(kept[i], now - 7300) == now - 7300);
    t = sp_conn(cctx, sctx, s1, "resume expired", NULL);
    print_server_cache("after resume", sctx);
    sp_print_stats("client", cctx);
    SSL_SESSION_free(t);
    SSL_SESSION_free(s1);
    SSL_SESSION_free(ss1);
    free_kept();

    /* a short timeout: set_timeout(1) and a time in the past */
    SSL_CTX_flush_sessions(sctx, 0);
    s1 = sp_conn(cctx, sctx, NULL, "conn 2", NULL);
    for (i = 0; i < nkept; i++) {
        printf("set_timeout(1): %d\n", SSL_SESSION_set_timeout(kept[i], 1) == 1);
        printf("set_time(now - 10): %d\n", SSL_SESSION_set_time(kept[i], now - 10) == now - 10);
    }
    printf("set_timeout(-1): %ld\n", SSL_SESSION_set_timeout(s1, -1));
    t = sp_conn(cctx, sctx, s1, "resume expired 2", NULL);
    print_server_cache("after resume 2", sctx);
    SSL_SESSION_free(t);
    SSL_SESSION_free(s1);
    free_kept();

    /* the client session's own time: TLS 1.2 clients do not check it;
     * TLS 1.3 clients do not offer a ticket older than its lifetime hint
     * (OpenSSL's stateful tickets say 7200, rustls's 86400: older than both) */
    s1 = sp_conn(cctx, sctx, NULL, "conn 3", NULL);
    printf("client set_time(now - 100000): %d\n", SSL_SESSION_set_time(s1, now - 100000) == now - 100000);
    t = sp_conn(cctx, sctx, s1, "resume with old client time", NULL);
    print_server_cache("after resume 3", sctx);
    sp_print_stats("client", cctx);
    SSL_SESSION_free(t);
    SSL_SESSION_free(s1);
    free_kept();

    /* SSL_CTX_set_timeout: new sessions get the ctx value */
    printf("ctx set_timeout(100): %ld\n", SSL_CTX_set_timeout(sctx, 100));
    s1 = sp_conn(cctx, sctx, NULL, "conn 4", &ss1);
    printf("server session timeout: %ld, client session timeout: %ld\n", SSL_SESSION_get_timeout(ss1),
           SSL_SESSION_get_timeout(s1));
    printf("ctx set_timeout(7200): %ld\n", SSL_CTX_set_timeout(sctx, 7200));
    SSL_SESSION_free(s1);
    SSL_SESSION_free(ss1);
    free_kept();
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* The session id context must match exactly (§7, §12). */
static void sid_ctx(int no_ticket)
{
    SSL_CTX *sctx = sp_server_ctx(TLS1_2_VERSION), *cctx = sp_client_ctx(TLS1_2_VERSION);
    SSL_SESSION *s1, *t;

    printf("== session id context, TLS1.2 %s\n", no_ticket ? "session id" : "ticket");
    if (no_ticket) SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    printf("set sid_ctx A: %d\n", SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"A", 1));
    s1 = sp_conn(cctx, sctx, NULL, "conn A", NULL);
    t = sp_conn(cctx, sctx, s1, "resume under A", NULL);
    SSL_SESSION_free(t);
    printf("set sid_ctx B: %d\n", SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"B", 1));
    t = sp_conn(cctx, sctx, s1, "resume under B", NULL);
    SSL_SESSION_free(t);
    printf("set sid_ctx A: %d\n", SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"A", 1));
    t = sp_conn(cctx, sctx, s1, "resume under A again", NULL);
    print_server_cache("server", sctx);
    SSL_SESSION_free(t);
    SSL_SESSION_free(s1);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* A session offered to another server SSL_CTX (other ticket keys, other
 * cache) is not resumed; the client counts a miss. */
static void other_server_ctx(int version, int no_ticket)
{
    SSL_CTX *s1ctx = sp_server_ctx(version), *s2ctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *s1, *t;

    printf("== server ctx 1 -> 2, %s%s\n", sp_vname(version), no_ticket ? " NO_TICKET" : "");
    if (no_ticket) {
        SSL_CTX_set_options(s1ctx, SSL_OP_NO_TICKET);
        SSL_CTX_set_options(s2ctx, SSL_OP_NO_TICKET);
    }
    s1 = sp_conn(cctx, s1ctx, NULL, "conn on server 1", NULL);
    t = sp_conn(cctx, s2ctx, s1, "resume on server 2", NULL);
    SSL_SESSION_free(t);
    t = sp_conn(cctx, s1ctx, s1, "resume on server 1", NULL);
    SSL_SESSION_free(t);
    sp_print_stats("server 1", s1ctx);
    sp_print_stats("server 2", s2ctx);
    sp_print_stats("client", cctx);
    SSL_SESSION_free(s1);
    SSL_CTX_free(cctx);
    SSL_CTX_free(s1ctx);
    SSL_CTX_free(s2ctx);
}

int main(void)
{
    session_id_cache(TLS1_2_VERSION);
    session_id_cache(0);
    tls13_tickets(0);
    tls13_tickets(1);
    cache_size(3);
    cache_size(1);
    cache_overflow(TLS1_2_VERSION, 0);
    cache_overflow(TLS1_2_VERSION, 1);
    cache_overflow(TLS1_3_VERSION, 0);
    cache_overflow(TLS1_3_VERSION, 1);
    flush_remove();
    timeouts(TLS1_2_VERSION);
    timeouts(TLS1_3_VERSION);
    sid_ctx(1);
    sid_ctx(0);
    other_server_ctx(TLS1_2_VERSION, 1);
    other_server_ctx(TLS1_2_VERSION, 0);
    other_server_ctx(TLS1_3_VERSION, 0);
    other_server_ctx(TLS1_3_VERSION, 1);
    sp_cleanup();
    return 0;
}
