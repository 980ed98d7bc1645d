/* One client/server handshake for the verification tests (c-tests/ssl/
 * verify*.c), reporting what each side saw: the outcome of each side, each
 * side's SSL_get_verify_result, and the first error each side's call left
 * on the queue (client and server run in one thread, so each is read
 * right after the call that failed). Needs sslpair.h. */
#ifndef NEONRS_VERIFYRUN_H
#define NEONRS_VERIFYRUN_H

#include "sslpair.h"

typedef struct {
    int client_ok, server_ok;
    unsigned long client_err, server_err;
} vr_result;

static void vr_step(SSL *ssl, int client, int *state, unsigned long *first)
{
    int r, e;

    if (*state != 0) return;
    r = client ? SSL_connect(ssl) : SSL_accept(ssl);
    if (r == 1) {
        *state = 1;
    } else {
        e = SSL_get_error(ssl, r);
        if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
            *state = -1;
            *first = ERR_get_error();
        }
    }
    ERR_clear_error();
}

/* Drives the handshake of p (bounded); the queue is empty before. */
static __attribute__((unused)) vr_result vr_handshake(sp_pair *p)
{
    vr_result res = { 0, 0, 0, 0 };
    int round, after = 0;

    ERR_clear_error();
    for (round = 0; round < SP_MAX_ROUNDS && (res.client_ok == 0 || res.server_ok == 0); round++) {
        vr_step(p->c, 1, &res.client_ok, &res.client_err);
        vr_step(p->s, 0, &res.server_ok, &res.server_err);
        if ((res.client_ok < 0 || res.server_ok < 0) && ++after > 4) break;
    }
    return res;
}

/* "ok" / "failed" */
static __attribute__((unused)) const char *vr_word(int state)
{
    return state == 1 ? "ok" : "failed";
}

/* Prints `who`'s queued error, if any, as lib, reason and text. */
static __attribute__((unused)) void vr_print_err(const char *who, unsigned long e)
{
    if (e)
        printf("  %s error: lib=%d reason=%d \"%s\"\n", who, ERR_GET_LIB(e), ERR_GET_REASON(e),
               ERR_reason_error_string(e));
}

#endif
