/* neon-rs demo: the parts of the program (demo.c) and what they share. */
#ifndef NEONRS_DEMO_H
#define NEONRS_DEMO_H

#include <sys/types.h>

/* Certificates made by run.sh: a CA, and a server certificate for
 * "localhost" signed by it (chain file: certificate then CA). */
struct demo_pki {
    const char *ca;
    const char *chain;
    const char *key;
};

/* tls_server.c: a TLS 1.3 HTTP server on our libssl.so.3 in a child
 * process on 127.0.0.1, serving `connections` connections (keep-alive);
 * each response tells the protocol, whether the TLS session was resumed
 * and how many resumptions the server has counted so far. Returns the
 * child's PID; its exit status is the number of resumptions. */
pid_t tls_server_start(const struct demo_pki *pki, int connections, int *port);

/* ssl_sessions.c: a libssl client (SSL_get1_session, SSL_set_session,
 * SSL_CTX_add_session) against that server; prints what happened.
 * Returns the number of resumed connections it made. */
int ssl_sessions_demo(const struct demo_pki *pki, int port);

/* Which file backs the loaded library whose name contains `name`
 * (from /proc/self/maps), or "?". */
const char *loaded_from(const char *name);

#endif
