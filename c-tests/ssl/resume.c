/* Client session resumption (semantics §6, §8, §9): TLS 1.2 with a session
 * id (server SSL_OP_NO_TICKET), TLS 1.2 with a ticket, TLS 1.3 with tickets;
 * sessions taken with SSL_get1_session after the client read; the TLS 1.3
 * ticket timing; a non-resumable SSL_SESSION_new session; the bad-session
 * rule after SSL_free without shutdown; SSL_clear and reuse of the client
 * SSL object. Client contexts keep the default cache mode (SERVER: the
 * client caches nothing itself). */
#include "sslpair.h"

/* Full handshake, then two resumptions with the first session and one with
 * the second. */
static void resume_series(int version, int no_ticket)
{
    char title[64];
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *s1, *s2, *s3, *s4, *ss1 = NULL, *ss2 = NULL;

    snprintf(title, sizeof title, "%s%s", sp_vname(version), no_ticket ? " session id" : " ticket");
    printf("== %s\n", title);
    sp_pin_suites(sctx);
    if (no_ticket) SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);

    s1 = sp_conn(cctx, sctx, NULL, "full", &ss1);
    sp_print_sess("client session 1", s1);
    sp_print_sess("server session 1", ss1);
    printf("same id client/server: %d\n", sp_same_id(s1, ss1));

    s2 = sp_conn(cctx, sctx, s1, "resume 1", &ss2);
    sp_print_sess("client session 2", s2);
    sp_print_sess("server session 2", ss2);
    printf("client session 2 is session 1: %d, same id: %d\n", s2 == s1, sp_same_id(s1, s2));
    printf("server session 2 same id as 1: %d\n", sp_same_id(ss1, ss2));
    sp_print_sess("client session 1 now", s1);

    s3 = sp_conn(cctx, sctx, s1, "resume 1 again", NULL);
    sp_print_sess("client session 3", s3);
    s4 = sp_conn(cctx, sctx, s2, "resume 2", NULL);
    sp_print_sess("client session 4", s4);
    sp_print_stats("server stats", sctx);
    sp_print_stats("client stats", cctx);

    SSL_SESSION_free(s1);
    SSL_SESSION_free(s2);
    SSL_SESSION_free(s3);
    SSL_SESSION_free(s4);
    SSL_SESSION_free(ss1);
    SSL_SESSION_free(ss2);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* When the client session becomes resumable: right after SSL_connect,
 * after the client's read, and after a read in SSL_shutdown (no data). */
static void ticket_timing(int version)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *a, *b;
    sp_pair p;

    printf("== ticket timing %s\n", sp_vname(version));
    sp_new(&p, cctx, sctx);
    if (sp_handshake(&p, "timing")) {
        a = SSL_get1_session(p.c);
        sp_print_sess("after connect", a);
        sp_exchange(&p, "timing");
        b = SSL_get1_session(p.c);
        sp_print_sess("after read", b);
        printf("same object: %d\n", a == b);
        sp_print_sess("first object now", a);
        SSL_SESSION_free(a);
        SSL_SESSION_free(b);
        sp_shutdown(&p, "timing");
    }
    sp_free(&p);

    /* no application data: SSL_shutdown reads the tickets with the
     * server's close_notify */
    sp_new(&p, cctx, sctx);
    if (sp_handshake(&p, "timing/shutdown")) {
        a = SSL_get1_session(p.c);
        sp_print_sess("bare handshake", a);
        SSL_SESSION_free(a);
        sp_shutdown(&p, "timing/shutdown");
        a = SSL_get1_session(p.c);
        sp_print_sess("after shutdown", a);
        SSL_SESSION_free(a);
    }
    sp_free(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* A fresh SSL_SESSION_new() session is not resumable: full handshake, and
 * the connection gets a new session. */
static void fresh_session(int version)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *fresh = SSL_SESSION_new(), *s;

    printf("== SSL_SESSION_new %s\n", sp_vname(version));
    sp_print_sess("fresh", fresh);
    s = sp_conn(cctx, sctx, fresh, "with fresh session", NULL);
    printf("connection session is the fresh one: %d\n", s == fresh);
    sp_print_sess("connection session", s);
    sp_print_sess("fresh now", fresh);
    sp_print_stats("client stats", cctx);
    SSL_SESSION_free(s);
    SSL_SESSION_free(fresh);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* Bad-session rule (§8): SSL_free of a connection that did not send
 * close_notify makes its session non-resumable. */
static void free_without_shutdown(int version, int no_ticket)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    SSL_SESSION *s, *t;
    sp_pair p;

    printf("== SSL_free without shutdown %s%s\n", sp_vname(version), no_ticket ? " session id" : "");
    if (no_ticket) SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    sp_new(&p, cctx, sctx);
    if (!sp_handshake(&p, "first") || !sp_exchange(&p, "first")) {
        sp_free(&p);
        return;
    }
    s = SSL_get1_session(p.c);
    sp_print_sess("before SSL_free", s);
    printf("server cache before: %ld\n", SSL_CTX_sess_number(sctx));
    sp_free(&p);
    sp_print_sess("after SSL_free", s);
    printf("server cache after: %ld\n", SSL_CTX_sess_number(sctx));
    t = sp_conn(cctx, sctx, s, "resume attempt", NULL);
    sp_print_stats("client stats", cctx);
    sp_print_stats("server stats", sctx);

    /* only the client freed early: the session stays resumable when the
     * client sent close_notify first (SSL_shutdown once) */
    SSL_SESSION_free(s);
    sp_new(&p, cctx, sctx);
    SSL_set_session(p.c, t);
    if (sp_handshake(&p, "half") && sp_exchange(&p, "half")) {
        s = SSL_get1_session(p.c);
        printf("half: client SSL_shutdown %d\n", SSL_shutdown(p.c));
        sp_free(&p);
        sp_print_sess("after SSL_shutdown once + SSL_free", s);
        SSL_SESSION_free(t);
        t = sp_conn(cctx, sctx, s, "resume after half shutdown", NULL);
        SSL_SESSION_free(s);
    } else {
        sp_free(&p);
    }
    SSL_SESSION_free(t);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* SSL_clear on a cleanly shut down client keeps its session: the next
 * handshake on the same SSL object (new socketpair, new server SSL)
 * resumes. SSL_clear of a connection not shut down drops the session. */
static void clear_reuse(int version)
{
    SSL_CTX *sctx = sp_server_ctx(version), *cctx = sp_client_ctx(version);
    sp_pair p;
    SSL *c;
    int i;

    printf("== SSL_clear %s\n", sp_vname(version));
    sp_new(&p, cctx, sctx);
    for (i = 0; i < 3; i++) {
        char label[32];
        SSL_SESSION *s;

        snprintf(label, sizeof label, "round %d", i);
        if (!sp_handshake(&p, label)) break;
        sp_print_conn(&p, label);
        if (!sp_exchange(&p, label)) break;
        if (i < 2) sp_shutdown(&p, label);
        s = SSL_get1_session(p.c);
        sp_print_sess(label, s);
        SSL_SESSION_free(s);
        /* new server SSL and socketpair, same client SSL */
        c = p.c;
        p.c = NULL;
        sp_free(&p);
        printf("%s: SSL_clear %d\n", label, SSL_clear(c));
        printf("%s: session after SSL_clear: %s\n", label, SSL_get_session(c) ? "kept" : "none");
        if (SSL_get_session(c)) sp_print_sess(label, SSL_get_session(c));
        p.c = c;
        sp_socketpair(p.fd);
        p.s = SSL_new(sctx);
        SSL_set_fd(p.c, p.fd[0]);
        SSL_set_fd(p.s, p.fd[1]);
    }
    sp_free(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    sp_show_cipher = 1;
    resume_series(TLS1_2_VERSION, 1);
    resume_series(TLS1_2_VERSION, 0);
    resume_series(TLS1_3_VERSION, 0);
    sp_show_cipher = 0;
    ticket_timing(TLS1_2_VERSION);
    ticket_timing(TLS1_3_VERSION);
    fresh_session(TLS1_2_VERSION);
    fresh_session(TLS1_3_VERSION);
    free_without_shutdown(TLS1_2_VERSION, 1);
    free_without_shutdown(TLS1_2_VERSION, 0);
    free_without_shutdown(TLS1_3_VERSION, 0);
    clear_reuse(TLS1_2_VERSION);
    clear_reuse(TLS1_3_VERSION);
    sp_cleanup();
    return 0;
}
