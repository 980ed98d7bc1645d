/* Sessions used across SSL_CTX objects (semantics §9: "a session from
 * another SSL_CTX is accepted by SSL_set_session and resumes"). Kept apart
 * from resume.c so that a deliberate difference (if our library cannot
 * resume a session made by another client SSL_CTX) shows up here alone.
 * Client side: a session from client ctx A resumed on client ctx B (same
 * server ctx), also after A was freed (CLIENT|NO_INTERNAL mode, so A's
 * SSL_CTX_free does not flush it). (The server side, a session offered to
 * another server SSL_CTX, is in server_cache.c.) */
#include "sslpair.h"

static SSL_SESSION *held;

static int hold_last(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    SSL_SESSION_free(held);
    held = sess;
    return 1;
}

static void client_side(int version, int no_ticket)
{
    SSL_CTX *sctx = sp_server_ctx(version), *a = sp_client_ctx(version), *b = sp_client_ctx(version);
    SSL_SESSION *s1, *t;

    printf("== client ctx A -> B, %s%s\n", sp_vname(version), no_ticket ? " NO_TICKET" : "");
    if (no_ticket) SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    s1 = sp_conn(a, sctx, NULL, "conn on A", NULL);
    t = sp_conn(b, sctx, s1, "resume on B", NULL);
    sp_print_sess("session on B", t);
    SSL_SESSION_free(t);
    t = sp_conn(a, sctx, s1, "resume on A", NULL);
    SSL_SESSION_free(t);
    sp_print_stats("A", a);
    sp_print_stats("B", b);
    SSL_SESSION_free(s1);

    /* a session kept by A's new_cb, resumed on B after A is gone */
    SSL_CTX_set_session_cache_mode(a, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_sess_set_new_cb(a, hold_last);
    t = sp_conn(a, sctx, NULL, "conn on A (new_cb)", NULL);
    SSL_SESSION_free(t);
    SSL_CTX_free(a);
    sp_print_sess("held after SSL_CTX_free(A)", held);
    t = sp_conn(b, sctx, held, "resume held on B", NULL);
    SSL_SESSION_free(t);
    SSL_SESSION_free(held);
    held = NULL;
    SSL_CTX_free(b);
    SSL_CTX_free(sctx);
}

int main(void)
{
    client_side(TLS1_2_VERSION, 1);
    client_side(TLS1_2_VERSION, 0);
    client_side(TLS1_3_VERSION, 0);
    sp_cleanup();
    return 0;
}
