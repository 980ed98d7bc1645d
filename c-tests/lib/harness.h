/* Test support for the black-box C tests.
 *
 * The tests are built once against the reference headers and run against the
 * system library and against ours; their stdout must be identical. So they
 * print only observable behaviour, in a deterministic order.
 *
 * Scripted server: a child process on 127.0.0.1 (ephemeral port) follows a
 * script of directives, one string each, NULL-terminated:
 *
 *   "accept"          accept the next connection (waits at most 10 s)
 *   "read"            read one request: headers, then a body by Content-Length
 *                     or chunked encoding; logged for srv_log()
 *   "readhead"        read request headers only (logged)
 *   "readbody N"      read exactly N body bytes (logged)
 *   "send TEXT"       write TEXT (C escapes already applied by the compiler)
 *   "sendfile N C"    write N bytes of character C (large bodies)
 *   "sleep MS"        pause
 *   "shutwr"          shut down the write side (FIN)
 *   "close"           close the connection
 *   "reset"           close with a TCP RST (SO_LINGER 0)
 *   "drain"           read until EOF (logged as one entry)
 *   "mark TEXT"       write TEXT into the log (to label connections)
 *
 * The child never runs longer than 30 s and exits after the last directive.
 */
#ifndef NEONRS_TEST_HARNESS_H
#define NEONRS_TEST_HARNESS_H

#include <stddef.h>
#include <sys/types.h>

struct srv {
    int port;
    pid_t pid;
    char logpath[64];
    long logpos; /* how much of the log srv_log() has already printed */
};

/* Starts the scripted server; exits the test on failure. */
void srv_start(struct srv *s, const char *const *script);

/* Prints what the server received since the last call, escaped, one entry
 * per line prefixed with "srv: ". */
void srv_log(struct srv *s);

/* Waits for the server to finish its script (kills it after 10 s); prints the
 * remaining log. Returns the child's exit status (0 = script completed). */
int srv_finish(struct srv *s);

/* Prints len bytes with C-style escapes for non-printable bytes, CR and LF. */
void print_escaped(const char *data, size_t len);

/* Prints "label: " followed by the escaped NUL-terminated string or "(null)". */
void print_str(const char *label, const char *s);

/* A listening socket on 127.0.0.1 with an ephemeral port; returns the fd. */
int listen_local(int *port);

#endif
