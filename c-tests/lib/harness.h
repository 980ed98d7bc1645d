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
 *   "echo N"          read exactly N bytes (logged) and send them back
 *   "send TEXT"       write TEXT (C escapes already applied by the compiler)
 *   "sendfile N C"    write N bytes of character C (large bodies)
 *   "sendhex HEX"     write the bytes given as hex pairs ("05 00", spaces are
 *                     ignored; for binary protocols such as SOCKS)
 *   "sleep MS"        pause
 *   "shutwr"          shut down the write side (FIN)
 *   "close"           close the connection
 *   "reset"           close with a TCP RST (SO_LINGER 0)
 *   "drain"           read until EOF (logged as one entry; " <timeout>" is
 *                     logged as well if the client did not close in 10 s)
 *   "mark TEXT"       write TEXT into the log (to label connections)
 *   "relay PORT"      connect to 127.0.0.1:PORT and copy bytes both ways
 *                     until both sides closed (a proxy tunnel after CONNECT;
 *                     logs "<relay done>", "<relay idle>" after 10 s without
 *                     traffic, or "<relay: connect failed>")
 *
 * The child never runs longer than 30 s and exits after the last directive,
 * closing the listening socket (later connects are refused).
 *
 * Log entries are written as directives complete, so srv_log() in the middle
 * of a test is only deterministic when the script cannot be ahead of the
 * client; the safe pattern is to print the client's observations first and
 * the server log at srv_finish(). srv_log() prints the ephemeral port as
 * "PORT" (every ":<port>" becomes ":PORT").
 */
#ifndef NEONRS_TEST_HARNESS_H
#define NEONRS_TEST_HARNESS_H

#include <stddef.h>
#include <sys/types.h>

/* run.sh compiles harness.c without the neon include directory. */
#if __has_include(<ne_request.h>)
#include <ne_request.h>
#else
#include <neon/ne_request.h>
#endif

struct srv {
    int port;
    pid_t pid;
    char logpath[64];
    long logpos; /* how much of the log srv_log() has already printed */
    int quiet;   /* set after srv_start() to make srv_log() print nothing */
};

/* Starts the scripted server; exits the test on failure. */
void srv_start(struct srv *s, const char *const *script);

/* Prints what the server received since the last call, escaped, one entry
 * per line prefixed with "srv: ". Entries over 4096 bytes are abbreviated to
 * their first 512 and last 128 bytes with the length and checksum between. */
void srv_log(struct srv *s);

/* Waits for the server to finish its script (kills it after 10 s); prints the
 * remaining log. Returns the child's exit status (0 = script completed). */
int srv_finish(struct srv *s);

/* Prints len bytes with C-style escapes for non-printable bytes, CR and LF. */
void print_escaped(const char *data, size_t len);

/* Prints "label: " followed by the escaped NUL-terminated string or "(null)". */
void print_str(const char *label, const char *s);

/* As print_str, but every occurrence of the decimal number port (not part of
 * a longer number) is printed as "PORT". */
void print_str_port(const char *label, const char *s, int port);

/* Returns a malloc'd directive "NAME ARG" (for arguments built at run
 * time); free it after srv_finish(). */
char *directive(const char *name, const char *arg);

/* A listening socket on 127.0.0.1 with an ephemeral port; returns the fd. */
int listen_local(int *port);

/* A port on 127.0.0.1 that nobody listens on (bound, then closed). */
int unused_port(void);

/* A simple checksum (FNV-1a, 32 bit) for printing large bodies. */
unsigned long checksum(const char *data, size_t len, unsigned long sum);
#define CHECKSUM_INIT 2166136261UL

/* ---- neon helpers ---------------------------------------------------- */

/* An http session to 127.0.0.1:port; a 10 s read timeout bounds failures. */
ne_session *test_session(int port);

/* "NE_OK", "NE_ERROR", ... or "ret=N". */
const char *ret_name(int ret);

/* "status: 1.1 200 class 2 reason: [OK]" */
void print_status(const ne_request *req);

/* All response headers, sorted by name then value, one per line:
 * "  hdr name: [value]". */
void print_headers(ne_request *req);

/* "label: NE_xxx error: [ne_get_error]" */
void print_result(const char *label, ne_session *sess, int ret);

/* Body printing for run_request(). */
#define SHOW_BODY 0x1      /* print the body (escaped); else length+checksum */
#define SHOW_BLOCKS 0x2    /* print the size of every block read */
#define NO_HEADERS 0x4     /* do not print status and headers */

/* Runs one request the long way (begin, read blocks, end) and prints the
 * status, headers, body and result. Returns the ne_* code. */
int run_request(ne_session *sess, const char *method, const char *target, int flags);

/* Reads the response body of a begun request with ne_read_response_block
 * (buffer size bufsize) and prints it as run_request() does; returns 0 or
 * -1 (read error, printed). */
int print_body(ne_request *req, size_t bufsize, int flags);

/* A notifier that prints every event with its payload; userdata is a label
 * (const char *) or NULL. */
void print_notifier(void *userdata, ne_session_status status,
                    const ne_session_status_info *info);

#endif
