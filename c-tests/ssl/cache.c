/* The SSL_CTX session cache and the SSL_SESSION functions without a
 * handshake (semantics §2–§5, §10–§13, §15): cache defaults and settings
 * (ctrls 20–31, 42–45), SSL_SESSION_new's defaults and the accessors'
 * return values, SSL_CTX_add_session with duplicates, replacements and
 * version-distinct ids, SSL_CTX_remove_session (always marking and always
 * calling remove_cb), size eviction (size 10 × 20, size 1, mixed
 * timeouts, a tail without id), UPDATE_TIME, flush order with times,
 * re-sorting by SSL_SESSION_set_time/set_timeout, overflowing expiries,
 * SSL_SESSION_dup, the callback getters, NULL arguments and SSL_CTX_free's
 * final flush. Every session is freed exactly once, so a reference the
 * library keeps or drops too many shows under valgrind. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/ssl.h>

#define MAX_NAMED 64

static struct {
    const SSL_SESSION *s;
    char name[24];
} named[MAX_NAMED];
static int n_named;

static const char *name_of(const SSL_SESSION *s)
{
    for (int i = 0; i < n_named; i++)
        if (named[i].s == s) return named[i].name;
    return "?";
}

static void name(const SSL_SESSION *s, const char *label)
{
    int i = 0;

    while (i < n_named && named[i].s != NULL) i++;
    if (i == MAX_NAMED) return;
    if (i == n_named) n_named++;
    named[i].s = s;
    snprintf(named[i].name, sizeof named[i].name, "%s", label);
}

static void forget(const SSL_SESSION *s)
{
    for (int i = 0; i < n_named; i++)
        if (named[i].s == s) named[i].s = NULL;
}

/* A session as SSL_SESSION_new + set1_id + set_protocol_version +
 * set_time + set_timeout make it, named `label` in the output. */
static SSL_SESSION *mk(const char *label, const char *id, int version, long t, long timeout)
{
    SSL_SESSION *s = SSL_SESSION_new();

    if (s == NULL) {
        printf("SSL_SESSION_new failed\n");
        return NULL;
    }
    if (SSL_SESSION_set1_id(s, (const unsigned char *)id, (unsigned int)strlen(id)) != 1
        || SSL_SESSION_set_protocol_version(s, version) != 1
        || SSL_SESSION_set_time(s, t) != t
        || SSL_SESSION_set_timeout(s, timeout) != 1)
        printf("setting up %s failed\n", label);
    name(s, label);
    return s;
}

static void release(SSL_SESSION *s)
{
    forget(s);
    SSL_SESSION_free(s);
}

static int removals;

static void remove_cb(SSL_CTX *ctx, SSL_SESSION *s)
{
    (void)ctx;
    removals++;
    printf("  remove_cb %s resumable=%d\n", name_of(s), SSL_SESSION_is_resumable(s));
}

static int new_cb(SSL *ssl, SSL_SESSION *s)
{
    (void)ssl;
    (void)s;
    printf("  new_cb (unexpected without a handshake)\n");
    return 0;
}

static SSL_SESSION *get_cb(SSL *ssl, const unsigned char *id, int len, int *copy)
{
    (void)ssl;
    (void)id;
    (void)len;
    (void)copy;
    printf("  get_cb (unexpected without a handshake)\n");
    return NULL;
}

static SSL_CTX *new_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());

    if (ctx == NULL) {
        printf("SSL_CTX_new failed\n");
        return NULL;
    }
    SSL_CTX_sess_set_remove_cb(ctx, remove_cb);
    return ctx;
}

static void stats(const char *label, SSL_CTX *ctx)
{
    printf("  %s: number=%ld connect=%ld connect_good=%ld connect_reneg=%ld accept=%ld "
           "accept_good=%ld accept_reneg=%ld hits=%ld cb_hits=%ld misses=%ld timeouts=%ld "
           "cache_full=%ld\n",
           label, SSL_CTX_sess_number(ctx), SSL_CTX_sess_connect(ctx),
           SSL_CTX_sess_connect_good(ctx), SSL_CTX_sess_connect_renegotiate(ctx),
           SSL_CTX_sess_accept(ctx), SSL_CTX_sess_accept_good(ctx),
           SSL_CTX_sess_accept_renegotiate(ctx), SSL_CTX_sess_hits(ctx),
           SSL_CTX_sess_cb_hits(ctx), SSL_CTX_sess_misses(ctx), SSL_CTX_sess_timeouts(ctx),
           SSL_CTX_sess_cache_full(ctx));
}

static void add(SSL_CTX *ctx, SSL_SESSION *s)
{
    int r = SSL_CTX_add_session(ctx, s);

    printf("  add %s -> %d (number %ld, resumable %d)\n", name_of(s), r,
           SSL_CTX_sess_number(ctx), SSL_SESSION_is_resumable(s));
}

static void del(SSL_CTX *ctx, SSL_SESSION *s)
{
    int before = removals;
    int r = SSL_CTX_remove_session(ctx, s);

    printf("  remove %s -> %d (number %ld, resumable %d, remove_cb calls %d)\n", name_of(s), r,
           SSL_CTX_sess_number(ctx), SSL_SESSION_is_resumable(s), removals - before);
}

static void flush(SSL_CTX *ctx, const char *label, long tm)
{
    printf("  flush %s\n", label);
    SSL_CTX_flush_sessions(ctx, tm);
    printf("  -> number %ld\n", SSL_CTX_sess_number(ctx));
}

/* Prints an expression and its value: one call per line, so that the
 * calls happen in the order written. */
#define SHOW(expr) printf("  %s -> %ld\n", #expr, (long)(expr))

static void defaults_and_settings(void)
{
    SSL_CTX *ctx = new_ctx();
    const unsigned char sid[] = "0123456789abcdef0123456789abcdefX";

    printf("== context defaults and settings\n");
    stats("fresh", ctx);
    SHOW(SSL_CTX_sess_get_cache_size(ctx));
    SHOW(SSL_CTX_get_session_cache_mode(ctx));
    SHOW(SSL_CTX_get_timeout(ctx));
    SHOW(SSL_CTX_sess_set_cache_size(ctx, 10));
    SHOW(SSL_CTX_sess_set_cache_size(ctx, -1));
    SHOW(SSL_CTX_sess_get_cache_size(ctx));
    SHOW(SSL_CTX_sess_set_cache_size(ctx, 0));
    SHOW(SSL_CTX_sess_get_cache_size(ctx));
    SHOW(SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL));
    SHOW(SSL_CTX_get_session_cache_mode(ctx));
    SHOW(SSL_CTX_set_session_cache_mode(ctx, -1));
    SHOW(SSL_CTX_get_session_cache_mode(ctx));
    SHOW(SSL_CTX_set_session_cache_mode(ctx, 0x100000003L));
    SHOW(SSL_CTX_get_session_cache_mode(ctx));
    SHOW(SSL_CTX_set_timeout(ctx, 60));
    SHOW(SSL_CTX_get_timeout(ctx));
    SHOW(SSL_CTX_set_timeout(ctx, -5));
    SHOW(SSL_CTX_get_timeout(ctx));
    SHOW(SSL_CTX_set_timeout(ctx, 0));
    SHOW(SSL_CTX_get_timeout(ctx));
    SHOW(SSL_CTX_set_session_id_context(ctx, sid, 32));
    SHOW(SSL_CTX_set_session_id_context(ctx, sid, 33));
    SHOW(SSL_CTX_set_session_id_context(ctx, sid, 0));
    SSL_CTX_free(ctx);
}

static void print_id(const char *label, const unsigned char *p, unsigned int len)
{
    printf("  %s %s len %u \"%.*s\"\n", label, p ? "non-NULL" : "NULL", len, (int)len,
           p ? (const char *)p : "");
}

static void session_accessors(void)
{
    SSL_SESSION *s = SSL_SESSION_new(), *d;
    unsigned int len = 99;
    const unsigned char *p;
    long now = (long)time(NULL), t;
    unsigned char id[40];

    printf("== SSL_SESSION_new and accessors\n");
    memset(id, 'i', sizeof id);
    t = SSL_SESSION_get_time(s);
    printf("  time is now %d\n", t >= now - 1 && t <= now + 1);
    SHOW(SSL_SESSION_get_timeout(s));
    SHOW(SSL_SESSION_get_protocol_version(s));
    p = SSL_SESSION_get_id(s, &len);
    print_id("id", p, len);
    len = 99;
    p = SSL_SESSION_get0_id_context(s, &len);
    print_id("id context", p, len);
    SHOW(SSL_SESSION_is_resumable(s));
    SHOW(SSL_SESSION_has_ticket(s));
    SHOW(SSL_SESSION_get_ticket_lifetime_hint(s));
    SHOW(SSL_SESSION_get_compress_id(s));
    SHOW(SSL_SESSION_get_max_early_data(s));
    SHOW(SSL_SESSION_get0_hostname(s) == NULL);
    SHOW(SSL_SESSION_get0_cipher(s) == NULL);
    SHOW(SSL_SESSION_set1_id(s, id, 33));
    SHOW(SSL_SESSION_set1_id(s, id, 32));
    p = SSL_SESSION_get_id(s, &len);
    print_id("id", p, len);
    SHOW(SSL_SESSION_get_id(s, NULL) == p);
    SHOW(SSL_SESSION_set1_id(s, id, 0));
    SHOW(SSL_SESSION_is_resumable(s));
    SHOW(SSL_SESSION_set1_id(s, (const unsigned char *)"abcde", 5));
    p = SSL_SESSION_get_id(s, &len);
    print_id("id", p, len);
    SHOW(SSL_SESSION_is_resumable(s));
    SHOW(SSL_SESSION_set1_id_context(s, id, 33));
    SHOW(SSL_SESSION_set1_id_context(s, (const unsigned char *)"ctx1", 4));
    p = SSL_SESSION_get0_id_context(s, &len);
    print_id("id context", p, len);
    SHOW(SSL_SESSION_set_time(s, 1234));
    SHOW(SSL_SESSION_get_time(s));
    SHOW(SSL_SESSION_set_time(s, -7));
    SHOW(SSL_SESSION_get_time(s));
    SHOW(SSL_SESSION_set_timeout(s, -1));
    SHOW(SSL_SESSION_get_timeout(s));
    SHOW(SSL_SESSION_set_timeout(s, 0));
    SHOW(SSL_SESSION_get_timeout(s));
    SHOW(SSL_SESSION_set_timeout(s, 77));
    SHOW(SSL_SESSION_get_timeout(s));
    SHOW(SSL_SESSION_set_protocol_version(s, 0x303));
    SHOW(SSL_SESSION_get_protocol_version(s));
    SHOW(SSL_SESSION_set1_hostname(s, "example.org"));
    printf("  hostname %s\n", SSL_SESSION_get0_hostname(s));
    SHOW(SSL_SESSION_set1_hostname(s, NULL));
    SHOW(SSL_SESSION_get0_hostname(s) == NULL);
    SHOW(SSL_SESSION_set1_hostname(s, "copy.example"));
    SHOW(SSL_SESSION_up_ref(s));
    SSL_SESSION_free(s);

    d = SSL_SESSION_dup(s);
    printf("  dup distinct %d\n", d != s);
    p = SSL_SESSION_get_id(d, &len);
    print_id("dup id", p, len);
    p = SSL_SESSION_get0_id_context(d, &len);
    print_id("dup id context", p, len);
    SHOW(SSL_SESSION_get_time(d));
    SHOW(SSL_SESSION_get_timeout(d));
    SHOW(SSL_SESSION_get_protocol_version(d));
    printf("  dup hostname %s\n", SSL_SESSION_get0_hostname(d));
    SHOW(SSL_SESSION_is_resumable(d));
    SHOW(SSL_SESSION_set_timeout(d, 5));
    SHOW(SSL_SESSION_get_timeout(s));
    SSL_SESSION_free(d);
    SSL_SESSION_free(s);
}

static void add_sequence(void)
{
    SSL_CTX *ctx = new_ctx();
    long now = (long)time(NULL);
    SSL_SESSION *a = mk("a", "same-id", TLS1_2_VERSION, now, 300);
    SSL_SESSION *b = mk("b", "same-id", TLS1_2_VERSION, now, 300);
    SSL_SESSION *c = mk("c13", "same-id", TLS1_3_VERSION, now, 300);
    SSL_SESSION *e = mk("empty", "", TLS1_2_VERSION, now, 300);
    SSL_SESSION *d;

    printf("== add: duplicates, replacement, versions\n");
    add(ctx, a);
    add(ctx, a);
    add(ctx, b);
    printf("  a resumable %d (replaced silently)\n", SSL_SESSION_is_resumable(a));
    add(ctx, c);
    del(ctx, b);
    add(ctx, b);
    add(ctx, a);
    printf("  b resumable %d\n", SSL_SESSION_is_resumable(b));
    add(ctx, e);
    add(ctx, e);
    del(ctx, e);
    d = SSL_SESSION_dup(a);
    name(d, "dup-a");
    printf("  dup of a resumable %d\n", SSL_SESSION_is_resumable(d));
    add(ctx, d);
    del(ctx, a);
    printf("  dup resumable %d\n", SSL_SESSION_is_resumable(d));
    del(ctx, a);
    stats("after", ctx);
    release(a);
    release(b);
    release(d);
    printf("  free ctx\n");
    SSL_CTX_free(ctx);
    release(c);
    release(e);
}

static void remove_semantics(void)
{
    SSL_CTX *ctx = new_ctx();
    long now = (long)time(NULL);
    SSL_SESSION *a = mk("A", "k", TLS1_2_VERSION, now, 300);
    SSL_SESSION *b = mk("B", "k", TLS1_2_VERSION, now, 300);
    SSL_SESSION *x = mk("X13", "k", TLS1_3_VERSION, now, 300);

    printf("== remove\n");
    del(ctx, a);
    add(ctx, b);
    del(ctx, x);
    printf("  B resumable %d\n", SSL_SESSION_is_resumable(b));
    del(ctx, a);
    printf("  B resumable %d (evicted through A, unmarked)\n", SSL_SESSION_is_resumable(b));
    del(ctx, b);
    SHOW(SSL_CTX_remove_session(ctx, NULL));
    release(a);
    release(b);
    release(x);
    SSL_CTX_free(ctx);
}

static void size_eviction(void)
{
    SSL_CTX *ctx = new_ctx();
    SSL_SESSION *s[20], *one, *two, *one_b;
    long now = (long)time(NULL);
    char label[16];

    printf("== size 10, 20 adds\n");
    SSL_CTX_sess_set_cache_size(ctx, 10);
    for (int i = 0; i < 20; i++) {
        snprintf(label, sizeof label, "s%02d", i);
        s[i] = mk(label, label, TLS1_2_VERSION, now, 300);
        add(ctx, s[i]);
    }
    stats("after", ctx);
    SHOW(SSL_CTX_sess_set_cache_size(ctx, 3));
    SHOW(SSL_CTX_sess_number(ctx));
    add(ctx, s[0]);
    stats("after", ctx);
    SHOW(SSL_CTX_sess_set_cache_size(ctx, 0));
    for (int i = 1; i < 20; i++)
        SSL_CTX_add_session(ctx, s[i]);
    stats("after", ctx);
    SSL_CTX_flush_sessions(ctx, 0);
    for (int i = 0; i < 20; i++)
        release(s[i]);
    SSL_CTX_free(ctx);

    printf("== size 1 (execute_test_session)\n");
    ctx = new_ctx();
    SSL_CTX_sess_set_cache_size(ctx, 1);
    one = mk("one", "one", TLS1_3_VERSION, 1000, 1000);
    two = mk("two", "two", TLS1_3_VERSION, 2000, 2000);
    add(ctx, one);
    add(ctx, two);
    add(ctx, one);
    printf("  one resumable %d two resumable %d\n", SSL_SESSION_is_resumable(one),
           SSL_SESSION_is_resumable(two));
    one_b = mk("one-b", "one", TLS1_3_VERSION, 1000, 1000);
    add(ctx, one_b);
    stats("after", ctx);
    release(one);
    release(two);
    printf("  free ctx\n");
    SSL_CTX_free(ctx);
    release(one_b);
}

static void expiry_order(void)
{
    SSL_CTX *ctx = new_ctx();
    SSL_SESSION *lng = mk("long", "long", TLS1_2_VERSION, 1000, 10000);
    SSL_SESSION *shrt = mk("short", "short", TLS1_2_VERSION, 1000, 10);
    SSL_SESSION *mid = mk("mid", "mid", TLS1_2_VERSION, 1000, 500);
    SSL_SESSION *newest = mk("newest", "newest", TLS1_2_VERSION, 1000, 1);
    SSL_SESSION *another = mk("another", "another", TLS1_2_VERSION, 1000, 600);
    SSL_SESSION *noid = mk("noid", "", TLS1_2_VERSION, 1, 1);
    SSL_SESSION *p = mk("p", "p", TLS1_2_VERSION, 5000, 100);
    SSL_SESSION *q = mk("q", "q", TLS1_2_VERSION, 5000, 100);
    SSL_SESSION *r = mk("r", "r", TLS1_2_VERSION, 5000, 100);

    printf("== eviction by expiry (size 4)\n");
    SSL_CTX_sess_set_cache_size(ctx, 4);
    add(ctx, lng);
    add(ctx, shrt);
    add(ctx, mid);
    add(ctx, newest);
    add(ctx, another);
    flush(ctx, "all", 0);

    printf("== a tail without id stops the eviction (size 2)\n");
    SSL_CTX_sess_set_cache_size(ctx, 2);
    add(ctx, noid);
    add(ctx, p);
    add(ctx, q);
    stats("after", ctx);
    flush(ctx, "all", 0);

    printf("== re-adding and set_time/set_timeout re-sort (size 4)\n");
    SSL_CTX_sess_set_cache_size(ctx, 4);
    add(ctx, p);
    add(ctx, q);
    add(ctx, r);
    add(ctx, p);
    add(ctx, lng);
    SHOW(SSL_SESSION_set_time(q, 6000));
    add(ctx, mid);
    SHOW(SSL_SESSION_set_timeout(p, 1));
    SHOW(SSL_SESSION_set_time(p, 100));
    SHOW(SSL_SESSION_set_time(r, 1));
    flush(ctx, "at 1000", 1000);
    flush(ctx, "at 5200", 5200);
    flush(ctx, "all", 0);
    stats("after", ctx);
    release(lng);
    release(shrt);
    release(mid);
    release(newest);
    release(another);
    release(noid);
    release(p);
    release(q);
    release(r);
    SSL_CTX_free(ctx);
}

static void flush_times(void)
{
    SSL_CTX *ctx = new_ctx();
    long now = (long)time(NULL);
    SSL_SESSION *early = mk("early", "early", TLS1_3_VERSION, now - 10, 10);
    SSL_SESSION *middle = mk("middle", "middle", TLS1_3_VERSION, now, 10);
    SSL_SESSION *late = mk("late", "late", TLS1_3_VERSION, now + 10, 10);
    SSL_SESSION *forever = mk("forever", "forever", TLS1_3_VERSION, now, LONG_MAX);
    SSL_SESSION *negative = mk("negative", "negative", TLS1_3_VERSION, -5, 10);
    SSL_SESSION *zero = mk("zero", "zero", TLS1_3_VERSION, 0, 0);

    printf("== flush (test_session_timeout)\n");
    add(ctx, late);
    add(ctx, early);
    add(ctx, middle);
    flush(ctx, "now+9", now + 9);
    flush(ctx, "now+10", now + 10);
    flush(ctx, "now+11", now + 11);
    flush(ctx, "now+21", now + 21);
    printf("  early %d middle %d late %d resumable\n", SSL_SESSION_is_resumable(early),
           SSL_SESSION_is_resumable(middle), SSL_SESSION_is_resumable(late));

    printf("== overflowing expiries never expire\n");
    add(ctx, forever);
    add(ctx, negative);
    add(ctx, zero);
    flush(ctx, "LONG_MAX", LONG_MAX);
    flush(ctx, "1", 1);
    flush(ctx, "all", 0);

    printf("== UPDATE_TIME\n");
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_UPDATE_TIME);
    SSL_SESSION_set_time(early, 100);
    SSL_SESSION_set_time(middle, 100);
    add(ctx, early);
    printf("  early time refreshed %d\n", SSL_SESSION_get_time(early) >= now);
    SSL_SESSION_set_time(early, 100);
    add(ctx, early);
    printf("  early time refreshed on re-add %d\n", SSL_SESSION_get_time(early) >= now);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);
    add(ctx, middle);
    printf("  middle time kept %d\n", SSL_SESSION_get_time(middle) == 100);
    flush(ctx, "now-1", now - 1);
    flush(ctx, "all", 0);
    release(early);
    release(middle);
    release(late);
    release(forever);
    release(negative);
    release(zero);
    SSL_CTX_free(ctx);
}

static void callbacks_and_null(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL_SESSION *s = mk("cb", "cb", TLS1_2_VERSION, 1000, 100);

    printf("== callback getters\n");
    printf("  fresh: new %d remove %d get %d\n", SSL_CTX_sess_get_new_cb(ctx) != NULL,
           SSL_CTX_sess_get_remove_cb(ctx) != NULL, SSL_CTX_sess_get_get_cb(ctx) != NULL);
    SSL_CTX_sess_set_new_cb(ctx, new_cb);
    SSL_CTX_sess_set_remove_cb(ctx, remove_cb);
    SSL_CTX_sess_set_get_cb(ctx, get_cb);
    printf("  set: new %d remove %d get %d\n", SSL_CTX_sess_get_new_cb(ctx) == new_cb,
           SSL_CTX_sess_get_remove_cb(ctx) == remove_cb, SSL_CTX_sess_get_get_cb(ctx) == get_cb);
    add(ctx, s);
    del(ctx, s);
    SSL_CTX_sess_set_remove_cb(ctx, NULL);
    SSL_CTX_sess_set_new_cb(ctx, NULL);
    SSL_CTX_sess_set_get_cb(ctx, NULL);
    printf("  cleared: new %d remove %d get %d\n", SSL_CTX_sess_get_new_cb(ctx) != NULL,
           SSL_CTX_sess_get_remove_cb(ctx) != NULL, SSL_CTX_sess_get_get_cb(ctx) != NULL);
    del(ctx, s);

    printf("== NULL arguments\n");
    SSL_SESSION_free(NULL);
    SHOW(SSL_SESSION_get_time(NULL));
    SHOW(SSL_SESSION_get_timeout(NULL));
    SHOW(SSL_SESSION_set_time(NULL, 5));
    SHOW(SSL_SESSION_set_timeout(NULL, 5));
    SHOW(SSL_CTX_remove_session(ctx, NULL));
    SHOW(SSL_CTX_set_timeout(NULL, 5));
    SHOW(SSL_CTX_get_timeout(NULL));
    release(s);
    SSL_CTX_free(ctx);
}

static void ctx_free_flushes(void)
{
    SSL_CTX *ctx = new_ctx();
    SSL_SESSION *a = mk("fa", "fa", TLS1_2_VERSION, 1000, 300);
    SSL_SESSION *b = mk("fb", "fb", TLS1_2_VERSION, 1000, 100);
    SSL_SESSION *c = mk("fc", "fc", TLS1_3_VERSION, 1000, 200);

    printf("== SSL_CTX_free flushes on the last reference\n");
    add(ctx, a);
    add(ctx, b);
    add(ctx, c);
    SHOW(SSL_CTX_up_ref(ctx));
    printf("  first free\n");
    SSL_CTX_free(ctx);
    SHOW(SSL_CTX_sess_number(ctx));
    printf("  last free\n");
    SSL_CTX_free(ctx);
    printf("  resumable: fa %d fb %d fc %d\n", SSL_SESSION_is_resumable(a),
           SSL_SESSION_is_resumable(b), SSL_SESSION_is_resumable(c));
    release(a);
    release(b);
    release(c);
}

/* A fresh SSL reports TLS 1.3 (the highest version) before any handshake,
 * so SSL_has_matching_session_id finds TLS 1.3 sessions and not TLS 1.2
 * ones; the method's max version does not change that. */
static void matching_id_before_handshake(void)
{
    SSL_CTX *ctx = new_ctx();
    SSL_SESSION *a = mk("m13", "m13", TLS1_3_VERSION, 1000, 300);
    SSL_SESSION *b = mk("m12", "m12", TLS1_2_VERSION, 1000, 300);
    SSL *ssl;

    printf("== SSL_has_matching_session_id on a fresh SSL\n");
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    ssl = SSL_new(ctx);
    add(ctx, a);
    add(ctx, b);
    SHOW(SSL_version(ssl));
    printf("  SSL_get_version -> %s\n", SSL_get_version(ssl));
    SHOW(SSL_client_version(ssl));
    SHOW(SSL_has_matching_session_id(ssl, (const unsigned char *)"m13", 3));
    SHOW(SSL_has_matching_session_id(ssl, (const unsigned char *)"m12", 3));
    SHOW(SSL_has_matching_session_id(ssl, (const unsigned char *)"m1", 2));
    SHOW(SSL_clear(ssl));
    SHOW(SSL_version(ssl));
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    release(a);
    release(b);
}

int main(void)
{
    defaults_and_settings();
    session_accessors();
    add_sequence();
    remove_semantics();
    size_eviction();
    expiry_order();
    flush_times();
    callbacks_and_null();
    ctx_free_flushes();
    matching_id_before_handshake();
    printf("remove_cb calls %d\n", removals);
    return 0;
}
