/* Reference counts and object lifetimes (semantics §2), proven mostly by
 * valgrind (no invalid reads, no leaks) rather than printed counts:
 * SSL_get1_session / SSL_SESSION_free balance, SSL_get_session borrowing,
 * SSL_set_session taking its own reference (the application's copy freed
 * before the handshake), SSL_SESSION_up_ref, replacing and clearing a
 * preset session, SSL_SESSION_dup copies (resumable, in no cache),
 * SSL_copy_session_id, SSL and SSL_SESSION objects outliving their
 * SSL_CTX, SSL_CTX_up_ref / SSL_up_ref, client-cache sessions after
 * SSL_CTX_free, and SSL_do_handshake with explicit connect/accept states. */
#include "sslpair.h"

static int new_calls;
static SSL_SESSION *held[8];
static int nheld;

/* keeps every session it is given (returns 1) */
static int hold_cb(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    new_calls++;
    if (nheld == 8) return 0;
    held[nheld++] = sess;
    return 1;
}

static void get1_balance(int version)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *a, *b, *c, *t;
    sp_pair p;

    printf("== get1/free balance %s\n", sp_vname(version));
    sp_new(&p, cctx, sctx);
    printf("fresh SSL: get_session %s\n", SSL_get_session(p.c) ? "set" : "NULL");
    printf("fresh SSL: get1_session %s\n", SSL_get1_session(p.c) ? "set" : "NULL");
    if (sp_handshake(&p, "conn") && sp_exchange(&p, "conn")) {
        a = SSL_get1_session(p.c);
        b = SSL_get1_session(p.c);
        c = SSL_get_session(p.c);
        printf("get1 twice same object: %d, get_session same: %d\n", a == b, a == c);
        SSL_SESSION_free(b);
        printf("up_ref: %d\n", SSL_SESSION_up_ref(a));
        SSL_SESSION_free(a);
        sp_shutdown(&p, "conn");
        sp_free(&p);
        /* our one remaining reference keeps it alive after SSL_free */
        sp_print_sess("after SSL_free", a);
        t = sp_conn(cctx, sctx, a, "resume", NULL);
        SSL_SESSION_free(t);
        SSL_SESSION_free(a);
    } else {
        sp_free(&p);
    }
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* SSL_set_session takes its own reference. */
static void set_session_refs(int version)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *s1, *s2, *t;
    sp_pair p;

    printf("== SSL_set_session references %s\n", sp_vname(version));
    s1 = sp_conn(cctx, sctx, NULL, "conn 1", NULL);
    s2 = sp_conn(cctx, sctx, NULL, "conn 2", NULL);
    if (!s1 || !s2) goto out;

    /* preset, replaced, cleared, preset again; then the app's reference
     * goes before the handshake */
    sp_new(&p, cctx, sctx);
    printf("set s2: %d\n", SSL_set_session(p.c, s2));
    printf("set s2 again: %d\n", SSL_set_session(p.c, s2));
    printf("set NULL: %d\n", SSL_set_session(p.c, NULL));
    printf("get_session: %s\n", SSL_get_session(p.c) ? "set" : "NULL");
    printf("set s1: %d\n", SSL_set_session(p.c, s1));
    printf("get_session is s1: %d\n", SSL_get_session(p.c) == s1);
    SSL_SESSION_free(s1);
    s1 = NULL;
    if (sp_handshake(&p, "resume freed s1")) {
        sp_print_conn(&p, "resume freed s1");
        if (sp_exchange(&p, "resume freed s1")) sp_shutdown(&p, "resume freed s1");
        t = SSL_get1_session(p.c);
        sp_print_sess("connection session", t);
        SSL_SESSION_free(t);
    }
    sp_free(&p);

    /* a preset session on an SSL that is freed without a handshake */
    sp_new(&p, cctx, sctx);
    SSL_set_session(p.c, s2);
    sp_free(&p);
    sp_print_sess("s2 after SSL_free without handshake", s2);

    /* the same session on two SSL objects at once */
    {
        sp_pair q;
        sp_new(&p, cctx, sctx);
        sp_new(&q, cctx, sctx);
        SSL_set_session(p.c, s2);
        SSL_set_session(q.c, s2);
        SSL_SESSION_free(s2);
        s2 = NULL;
        if (sp_handshake(&p, "shared p")) sp_print_conn(&p, "shared p");
        if (sp_handshake(&q, "shared q")) sp_print_conn(&q, "shared q");
        sp_exchange(&p, "shared p");
        sp_exchange(&q, "shared q");
        sp_shutdown(&p, "shared p");
        sp_shutdown(&q, "shared q");
        sp_free(&q);
        sp_free(&p);
    }
out:
    SSL_SESSION_free(s1);
    SSL_SESSION_free(s2);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* SSL_SESSION_dup: an independent copy that resumes and is in no cache. */
static void dup_copies(int version)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *s1, *d, *t;

    printf("== SSL_SESSION_dup %s\n", sp_vname(version));
    SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
    s1 = sp_conn(cctx, sctx, NULL, "conn", NULL);
    printf("client cache: %ld\n", SSL_CTX_sess_number(cctx));
    d = SSL_SESSION_dup(s1);
    printf("dup: %s, same object %d, same id %d\n", d ? "ok" : "NULL", d == s1, sp_same_id(s1, d));
    sp_print_sess("dup", d);
    printf("add dup to the client cache: %d\n", SSL_CTX_add_session(cctx, d));
    printf("client cache: %ld\n", SSL_CTX_sess_number(cctx));
    printf("remove dup: %d\n", SSL_CTX_remove_session(cctx, d));
    sp_print_sess("dup after remove", d);
    sp_print_sess("original", s1);
    SSL_SESSION_free(d);
    d = SSL_SESSION_dup(s1);
    SSL_SESSION_free(s1);
    t = sp_conn(cctx, sctx, d, "resume dup", NULL);
    SSL_SESSION_free(t);
    SSL_SESSION_free(d);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* SSL_copy_session_id: "to" gets from's session (and a reference). */
static void copy_session_id(int version)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    sp_pair p, q;

    printf("== SSL_copy_session_id %s\n", sp_vname(version));
    sp_new(&p, cctx, sctx);
    if (sp_handshake(&p, "source") && sp_exchange(&p, "source")) {
        sp_shutdown(&p, "source");
        sp_new(&q, cctx, sctx);
        printf("copy_session_id: %d\n", SSL_copy_session_id(q.c, p.c));
        printf("same session: %d\n", SSL_get_session(q.c) == SSL_get_session(p.c));
        sp_free(&p);
        if (sp_handshake(&q, "copy")) {
            sp_print_conn(&q, "copy");
            if (sp_exchange(&q, "copy")) sp_shutdown(&q, "copy");
        }
        sp_free(&q);
    } else {
        sp_free(&p);
    }
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* SSL and SSL_SESSION objects outlive the SSL_CTX they came from; the
 * handshake runs after both contexts were released. */
static void outlive_ctx(int version)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *s1, *t;
    sp_pair p;

    printf("== objects outlive their SSL_CTX %s\n", sp_vname(version));
    printf("SSL_CTX_up_ref: %d\n", SSL_CTX_up_ref(cctx));
    SSL_CTX_free(cctx);   /* the extra reference */
    s1 = sp_conn(cctx, sctx, NULL, "conn", NULL);
    sp_new(&p, cctx, sctx);
    SSL_set_session(p.c, s1);
    printf("SSL_up_ref: %d\n", SSL_up_ref(p.c));
    SSL_free(p.c);        /* the extra reference */
    printf("get_SSL_CTX is cctx: %d\n", SSL_get_SSL_CTX(p.c) == cctx);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    sp_print_sess("session after SSL_CTX_free", s1);
    if (sp_handshake(&p, "after SSL_CTX_free")) {
        sp_print_conn(&p, "after SSL_CTX_free");
        if (sp_exchange(&p, "after SSL_CTX_free")) sp_shutdown(&p, "after SSL_CTX_free");
        t = SSL_get1_session(p.c);
        sp_print_sess("new session", t);
        SSL_SESSION_free(t);
    }
    sp_free(&p);
    SSL_SESSION_free(s1);
}

/* Sessions kept by a client new_cb outlive the client SSL_CTX; its
 * SSL_CTX_free flushes the client cache (non-resumable). Resuming them on
 * another SSL_CTX is in crossctx.c. */
static void client_cache_after_free(int version, long mode)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *t;
    int i;

    printf("== client cache after SSL_CTX_free %s mode 0x%lx\n", sp_vname(version), mode);
    SSL_CTX_set_session_cache_mode(cctx, mode);
    SSL_CTX_sess_set_new_cb(cctx, hold_cb);
    new_calls = 0;
    t = sp_conn(cctx, sctx, NULL, "conn", NULL);
    SSL_SESSION_free(t);
    printf("new_cb calls: %d, held %d, client cache %ld\n", new_calls, nheld, SSL_CTX_sess_number(cctx));
    SSL_CTX_free(cctx);
    for (i = 0; i < nheld; i++) {
        char label[32];
        snprintf(label, sizeof label, "held %d", i);
        sp_print_sess(label, held[i]);
    }
    while (nheld > 0) SSL_SESSION_free(held[--nheld]);
    SSL_CTX_free(sctx);
}

/* SSL_do_handshake after SSL_set_connect_state / SSL_set_accept_state. */
static void do_handshake(int version)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *s1;
    sp_pair p;

    printf("== SSL_do_handshake %s\n", sp_vname(version));
    sp_new(&p, cctx, sctx);
    p.do_handshake = 1;
    if (sp_handshake(&p, "full")) {
        sp_print_conn(&p, "full");
        printf("is_server: client %d server %d\n", SSL_is_server(p.c), SSL_is_server(p.s));
        sp_exchange(&p, "full");
        s1 = SSL_get1_session(p.c);
        sp_shutdown(&p, "full");
        sp_free(&p);
        sp_new(&p, cctx, sctx);
        p.do_handshake = 1;
        SSL_set_session(p.c, s1);
        SSL_SESSION_free(s1);
        if (sp_handshake(&p, "resumed")) {
            sp_print_conn(&p, "resumed");
            if (sp_exchange(&p, "resumed")) sp_shutdown(&p, "resumed");
        }
    }
    sp_free(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    get1_balance(TLS1_2_VERSION);
    get1_balance(TLS1_3_VERSION);
    set_session_refs(TLS1_2_VERSION);
    set_session_refs(TLS1_3_VERSION);
    dup_copies(TLS1_2_VERSION);
    dup_copies(TLS1_3_VERSION);
    copy_session_id(TLS1_2_VERSION);
    copy_session_id(TLS1_3_VERSION);
    outlive_ctx(TLS1_2_VERSION);
    outlive_ctx(TLS1_3_VERSION);
    client_cache_after_free(TLS1_2_VERSION, SSL_SESS_CACHE_CLIENT);
    client_cache_after_free(TLS1_3_VERSION, SSL_SESS_CACHE_CLIENT);
    client_cache_after_free(TLS1_3_VERSION, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL);
    do_handshake(TLS1_2_VERSION);
    do_handshake(TLS1_3_VERSION);
    sp_cleanup();
    return 0;
}
