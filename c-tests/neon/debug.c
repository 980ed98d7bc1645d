/* neon's debug output (ne_debug_init, ne_debug_mask, ne_debug_stream,
 * ne_debug): each scenario enables some channels on a temporary FILE, runs
 * requests against the scripted loopback server (or the TLS nginx), then
 * prints what was written, normalised (below), so that the same trace lines
 * must appear for the same events on both libraries:
 *  - the variables after ne_debug_init, ne_debug itself (channel test, the
 *    caller's printf format, NE_DBG_FLUSH);
 *  - NE_DBG_HTTP: session begins, DNS lookup, connect, request line and
 *    headers sent, status line and headers received, body reads (length,
 *    chunked, close-delimited), hooks, request ends, keep-alive reuse, the
 *    retry after a dropped persistent connection, connection close, a
 *    redirect, an aborted request;
 *  - NE_DBG_HTTPBODY: request and response body blocks (PUT, GET);
 *  - NE_DBG_SOCKET: connection closes;
 *  - NE_DBG_HTTPAUTH: Basic and Digest exchanges; the Authorization value
 *    is blanked on the HTTP channel, and neither the password nor the Basic
 *    credential appears anywhere in the trace;
 *  - NE_DBG_HTTPPLAIN without credentials: the same request dump;
 *  - NE_DBG_XML, NE_DBG_XMLPARSE: an XML parse with handlers;
 *  - NE_DBG_SSL: a TLS 1.2 request, and a second connection that resumes;
 *    certificates read and imported (their identity lines); the
 *    verification of chains that fail (untrusted, expired, expired
 *    intermediate, self-signed, wrong host) with and without a verify
 *    callback that accepts; a server named by its IP address; a client
 *    certificate given by the provider; a TLS 1.3 server, two connections;
 *    a TLS socket the server closes (close_notify), shut down and closed.
 *
 * Normalisation (applied to both libraries' output alike):
 *  N1 the loopback server's ephemeral port is printed as PORT;
 *  N2 runs of 16 or more hexadecimal digits are printed as HEX (Digest
 *     nonces, cnonces and response digests are random);
 *  N3 "auth: H(A1) is [...]" and "auth: Session H(A1) is [...]": the value
 *     is dropped. neon prints the H(A1) digest, which is as good as the
 *     password for Digest; ours withholds it;
 *  N4 in the TLS scenario, lines describing OpenSSL's own internals are left
 *     out: the X509_print_fp dump after "Cert #N:" (OpenSSL's text format of
 *     a whole certificate; ours prints the subject and issuer only), and
 *     "ssl: Got OpenSSL error stack N" (OpenSSL error codes);
 *  N5 the value of nginx's Date header ("[hdr] Date: ..." and "Header Name:
 *     [date], Value: [...]") is printed as DATE: the two runs are seconds
 *     apart.
 * Nothing else is filtered. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>
#include <ne_redirect.h>
#include <ne_auth.h>
#include <ne_utils.h>
#include <ne_xml.h>
#include <ne_ssl.h>
#include <ne_socket.h>

#include "harness.h"
#include "tlsutil.h"

#define ALL_CHANNELS (NE_DBG_SOCKET | NE_DBG_HTTP | NE_DBG_XML | NE_DBG_HTTPAUTH | \
                      NE_DBG_LOCKS | NE_DBG_XMLPARSE | NE_DBG_HTTPBODY | NE_DBG_SSL)

static FILE *trace;
static int cur_port; /* N1 */
static int tls_scenario;
static const char *secrets[4];

static void start_trace(int mask)
{
    trace = tmpfile();
    if (!trace) {
        perror("tmpfile");
        exit(3);
    }
    ne_debug_init(trace, mask);
}

/* Hex run of at least 16 digits starting at p: its length, else 0. */
static size_t hex_run(const char *p)
{
    size_t n = 0;

    while (isxdigit((unsigned char)p[n])) n++;
    return n >= 16 ? n : 0;
}

static int starts(const char *line, const char *prefix)
{
    return strncmp(line, prefix, strlen(prefix)) == 0;
}

static void print_line(const char *line)
{
    char port[16];
    size_t plen;
    const char *p = line;

    if (starts(line, "auth: H(A1) is [") || starts(line, "auth: Session H(A1) is [")) {
        printf("  | %.*s(N3)\n", (int)(strchr(line, '[') - line), line); /* N3 */
        return;
    }
    if (starts(line, "[hdr] Date: ")) { /* N5 */
        printf("  | [hdr] Date: DATE%s\n", strchr(line, '\r') ? "\\r" : "");
        return;
    }
    if (starts(line, "Header Name: [date], Value: [")) {
        printf("  | Header Name: [date], Value: [DATE]\n");
        return;
    }
    snprintf(port, sizeof port, "%d", cur_port);
    plen = strlen(port);
    printf("  | ");
    while (*p) {
        size_t h;

        if (cur_port && strncmp(p, port, plen) == 0 && !isdigit((unsigned char)p[plen])
            && (p == line || !isdigit((unsigned char)p[-1]))) {
            fputs("PORT", stdout); /* N1 */
            p += plen;
        } else if ((p == line || !isxdigit((unsigned char)p[-1])) && (h = hex_run(p)) != 0) {
            fputs("HEX", stdout); /* N2 */
            p += h;
        } else if (*p == '\r') {
            fputs("\\r", stdout);
            p++;
        } else if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f) {
            printf("\\x%02x", (unsigned char)*p);
            p++;
        } else {
            putchar(*p++);
        }
    }
    putchar('\n');
}

/* Prints the trace since start_trace, normalised, and closes it. */
static void end_trace(const char *label)
{
    char *data;
    long len;
    int in_cert_dump = 0, i;
    char *line, *next;

    ne_debug_init(NULL, 0);
    fseek(trace, 0, SEEK_END);
    len = ftell(trace);
    rewind(trace);
    data = malloc((size_t)len + 1);
    if (fread(data, 1, (size_t)len, trace) != (size_t)len) {
        printf("short read of the trace\n");
        exit(3);
    }
    data[len] = '\0';
    fclose(trace);
    trace = NULL;

    for (i = 0; i < 4 && secrets[i]; i++)
        printf("%s: secret %d %s\n", label, i, strstr(data, secrets[i]) ? "SEEN" : "absent");

    printf("%s: trace (%s):\n", label, len ? "written" : "empty");
    for (line = data; *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        else next = line + strlen(line);
        if (tls_scenario) {
            /* N4 */
            if (starts(line, "Cert #")) {
                in_cert_dump = 1;
                print_line(line);
                continue;
            }
            if (in_cert_dump && (line[0] == ' ' || starts(line, "Certificate:"))) continue;
            in_cert_dump = 0;
            if (starts(line, "ssl: Got OpenSSL error stack")) continue;
        }
        print_line(line);
    }
    free(data);
    memset(secrets, 0, sizeof secrets);
}

static void get(ne_session *sess, const char *path)
{
    run_request(sess, "GET", path, SHOW_BODY | NO_HEADERS);
}

static void finish(struct srv *s, ne_session *sess, const char *label)
{
    ne_session_destroy(sess);
    end_trace(label);
    srv_finish(s);
    cur_port = 0;
}

static struct srv *begin(struct srv *s, const char *label, int mask, const char *const *script)
{
    printf("== %s (mask 0x%x)\n", label, (unsigned)mask);
    srv_start(s, script);
    s->quiet = 1;
    cur_port = s->port;
    start_trace(mask);
    return s;
}

/* The variables, and ne_debug itself. */
static void variables(void)
{
    printf("== variables\n");
    printf("initial: mask 0x%x stream %s\n", (unsigned)ne_debug_mask,
           ne_debug_stream ? "set" : "NULL");
    start_trace(NE_DBG_HTTP | NE_DBG_FLUSH);
    printf("after init: mask 0x%x stream %s\n", (unsigned)ne_debug_mask,
           ne_debug_stream == trace ? "ours" : "other");
    ne_debug(NE_DBG_HTTP, "plain %s %d %5.2f|%-4s|%x\n", "text", 42, 3.14159, "ab", 255u);
    ne_debug(NE_DBG_SOCKET, "not enabled: socket\n");
    ne_debug(NE_DBG_SOCKET | NE_DBG_HTTP, "either channel\n");
    ne_debug(NE_DBG_HTTP | NE_DBG_FLUSH, "with flush\n");
    ne_debug(NE_DBG_XML, "not enabled: xml\n");
    end_trace("variables");
    printf("after reset: mask 0x%x stream %s\n", (unsigned)ne_debug_mask,
           ne_debug_stream ? "set" : "NULL");
}

/* Nothing at all with the mask off, even with a stream set. */
static void mask_off(void)
{
    static const char *const script[] = {
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", "drain", NULL,
    };
    struct srv s;
    ne_session *sess;

    begin(&s, "mask off", 0, script);
    sess = test_session(s.port);
    get(sess, "/off");
    finish(&s, sess, "mask off");
}

/* Keep-alive: Content-Length, chunked, a PUT with a body, a close-delimited
 * HTTP/1.0 response, then a new connection. */
static void keepalive(int mask, const char *label)
{
    static const char *const script[] = {
        "accept",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Multi: a\r\n  folded\r\n\r\nhello",
        "read", "send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                "3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\nX-Trailer: t\r\n\r\n",
        "read", "send HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
        "read", "send HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
        "read", "send HTTP/1.0 200 OK\r\n\r\nuntil close", "close",
        "accept", "read", "send HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope",
        "drain", NULL,
    };
    struct srv s;
    ne_session *sess;
    ne_request *req;

    begin(&s, label, mask, script);
    sess = test_session(s.port);
    ne_set_useragent(sess, "debugtest/1");
    get(sess, "/first");
    get(sess, "/chunked");
    req = ne_request_create(sess, "PUT", "/put");
    ne_set_request_body_buffer(req, "put body\nline 2", 15);
    print_result("put", sess, ne_request_dispatch(req));
    ne_request_destroy(req);
    get(sess, "/interim");
    get(sess, "/close");
    get(sess, "/again");
    finish(&s, sess, label);
}

/* A persistent connection the server dropped: one transparent retry. Then
 * a dropped connection on a fresh one (no retry), and a truncated body. */
static void retry(void)
{
    static const char *const script[] = {
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "read", "close",
        /* FIN, then read what the client still sends: no reset races the EOF */
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", "shutwr",
        "drain",
        "accept", "read", "close",
        "accept", "read", "send HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "close",
        NULL,
    };
    struct srv s;
    ne_session *sess;
    const int mask = NE_DBG_HTTP | NE_DBG_SOCKET;

    begin(&s, "retry", mask, script);
    sess = test_session(s.port);
    get(sess, "/a");
    get(sess, "/b"); /* dropped, retried on a new connection */
    get(sess, "/c"); /* fresh connection closed without a response */
    get(sess, "/d"); /* truncated */
    finish(&s, sess, "retry");
}

static void redirect(void)
{
    static const char *const script[] = {
        "accept", "read",
        "send HTTP/1.1 302 Found\r\nLocation: /new/place\r\nContent-Length: 0\r\n\r\n",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", "drain", NULL,
    };
    struct srv s;
    ne_session *sess;
    ne_request *req;
    const ne_uri *loc;
    int ret;

    begin(&s, "redirect", NE_DBG_HTTP | NE_DBG_SOCKET, script);
    sess = test_session(s.port);
    ne_redirect_register(sess);
    req = ne_request_create(sess, "GET", "/old");
    ret = ne_request_dispatch(req);
    print_result("redirect", sess, ret);
    loc = ne_redirect_location(sess);
    print_str("location path", loc ? loc->path : NULL);
    ne_request_destroy(req);
    get(sess, "/new/place");
    finish(&s, sess, "redirect");
}

static int creds(void *userdata, const char *realm, int attempt, char *username, char *password)
{
    (void)userdata;
    (void)realm;
    if (attempt > 1) return -1;
    strcpy(username, "alice");
    strcpy(password, "Sekr1tPassw0rd");
    return 0;
}

/* Basic then Digest, on the HTTP and HTTPAUTH channels. */
static void auth(void)
{
    static const char *const script[] = {
        "accept", "read",
        "send HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"basic realm\"\r\n"
        "Content-Length: 0\r\n\r\n",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "drain", NULL,
    };
    static const char *const dscript[] = {
        "accept", "read",
        "send HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"dig\", "
        "nonce=\"0123456789abcdef0123456789abcdef\", qop=\"auth\", algorithm=MD5, "
        "opaque=\"opq\", domain=\"/d/ /other/\"\r\nContent-Length: 0\r\n\r\n",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "read", "send HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "drain", NULL,
    };
    struct srv s;
    ne_session *sess;
    const int mask = NE_DBG_HTTP | NE_DBG_HTTPAUTH | NE_DBG_SOCKET;

    begin(&s, "basic auth", mask, script);
    secrets[0] = "Sekr1tPassw0rd";
    secrets[1] = "YWxpY2U6U2VrcjF0UGFzc3cwcmQ="; /* base64("alice:Sekr1tPassw0rd") */
    sess = test_session(s.port);
    ne_set_server_auth(sess, creds, NULL);
    get(sess, "/private/a");
    get(sess, "/private/b"); /* pre-emptive */
    finish(&s, sess, "basic auth");

    begin(&s, "digest auth", mask, dscript);
    secrets[0] = "Sekr1tPassw0rd";
    sess = test_session(s.port);
    ne_set_server_auth(sess, creds, NULL);
    get(sess, "/d/a");
    get(sess, "/d/b");
    finish(&s, sess, "digest auth");
}

/* HTTPPLAIN and HTTPBODY on a request without credentials. */
static void plain_body(void)
{
    static const char *const script[] = {
        "accept", "read",
        "send HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nbody\x01 bytes",
        "read", "send HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nchunk\r\n0\r\n\r\n",
        "drain", NULL,
    };
    struct srv s;
    ne_session *sess;
    ne_request *req;
    const int mask = NE_DBG_HTTP | NE_DBG_HTTPPLAIN | NE_DBG_HTTPBODY;

    begin(&s, "plain and body", mask, script);
    sess = test_session(s.port);
    req = ne_request_create(sess, "PUT", "/body");
    ne_add_request_header(req, "X-Extra", "yes");
    ne_set_request_body_buffer(req, "request body\n", 13);
    print_result("put", sess, ne_request_dispatch(req));
    ne_request_destroy(req);
    get(sess, "/chunk");
    finish(&s, sess, "plain and body");
}

static int x_start(void *ud, int parent, const char *nspace, const char *name, const char **atts)
{
    (void)ud;
    (void)atts;
    (void)nspace;
    if (strcmp(name, "skip") == 0) return NE_XML_DECLINE;
    return parent + 1;
}

static int x_cdata(void *ud, int state, const char *cdata, size_t len)
{
    (void)ud;
    (void)state;
    (void)cdata;
    (void)len;
    return 0;
}

static int x_end(void *ud, int state, const char *nspace, const char *name)
{
    (void)ud;
    (void)nspace;
    return strcmp(name, "fail") == 0 ? state * 10 : 0;
}

static void xml(void)
{
    static const char doc[] = "<?xml version=\"1.0\"?>\n<D:root xmlns:D=\"DAV:\">"
                              "<D:a>text</D:a><skip/><b xmlns=\"urn:x\">more</b></D:root>";
    static const char bad[] = "<r><fail>x</fail><after/></r>";
    static const char broken[] = "<r><unclosed></r>";
    ne_xml_parser *p;

    printf("== xml\n");
    start_trace(NE_DBG_XML | NE_DBG_XMLPARSE);
    p = ne_xml_create();
    ne_xml_push_handler(p, x_start, x_cdata, x_end, NULL);
    printf("parse: %d\n", ne_xml_parse(p, doc, 30));
    printf("parse: %d\n", ne_xml_parse(p, doc + 30, sizeof doc - 31));
    printf("parse: %d\n", ne_xml_parse(p, "", 0));
    ne_xml_destroy(p);

    p = ne_xml_create();
    ne_xml_push_handler(p, x_start, x_cdata, x_end, NULL);
    printf("parse: %d\n", ne_xml_parse(p, bad, sizeof bad - 1));
    printf("parse after failure: %d\n", ne_xml_parse(p, "<more/>", 7));
    ne_xml_destroy(p);

    p = ne_xml_create();
    ne_xml_push_handler(p, x_start, x_cdata, x_end, NULL);
    printf("parse: %d\n", ne_xml_parse(p, broken, sizeof broken - 1));
    print_str("error", ne_xml_get_error(p));
    ne_xml_destroy(p);
    end_trace("xml");
}

static int accept_all(void *ud, int failures, const ne_ssl_certificate *chain)
{
    (void)ud;
    (void)chain;
    printf("verify callback: failures 0x%02x\n", (unsigned)failures);
    return 0;
}

static void provide_clicert(void *ud, ne_session *sess, const ne_ssl_dname *const *dnames, int count)
{
    (void)dnames;
    printf("provider: %d CA name(s)\n", count);
    ne_ssl_set_clicert(sess, ud);
}

/* A request on the SSL channel to endpoint NAME (TLS version v) for
 * `host`, trusting ca.pem; with `verify`, a callback that accepts; with
 * `again`, a second one on a new connection. */
static void tls_one(const char *label, const char *name, int v, const char *host, int verify, int again)
{
    ne_session *sess;
    int port = tls_port(name, v);

    printf("== %s\n", label);
    cur_port = port;
    tls_scenario = 1;
    start_trace(NE_DBG_SSL);
    sess = tls_session(host, port, "ca.pem");
    if (verify) ne_ssl_set_verify(sess, accept_all, NULL);
    get(sess, "/hello.txt");
    if (again) {
        ne_close_connection(sess);
        get(sess, "/hello.txt");
    }
    ne_session_destroy(sess);
    end_trace(label);
    tls_scenario = 0;
    cur_port = 0;
}

/* A TLS 1.2 request, then a new connection that resumes the session. */
static void tls(void)
{
    ne_session *sess;
    ne_ssl_certificate *cert;
    ne_ssl_client_cert *cc;
    char *exported;
    int port;

    printf("== tls\n");
    if (!getenv("NEONRS_TLS_DIR")) {
        printf("skip: no TLS nginx\n");
        return;
    }
    port = tls_port("VALID", 12);
    cur_port = port;
    tls_scenario = 1;
    start_trace(NE_DBG_SSL | NE_DBG_SOCKET | NE_DBG_HTTP);
    sess = tls_session("localhost", port, "ca.pem");
    get(sess, "/hello.txt");
    ne_close_connection(sess);
    get(sess, "/hello.txt");
    ne_session_destroy(sess);
    end_trace("tls");
    tls_scenario = 0;
    cur_port = 0;

    /* Certificates taken in: each shows its identity lines. */
    printf("== tls certificates\n");
    start_trace(NE_DBG_SSL);
    cert = tls_cert("iponly.pem");
    exported = ne_ssl_cert_export(cert);
    ne_ssl_cert_free(cert);
    cert = ne_ssl_cert_import(exported);
    free(exported);
    ne_ssl_cert_free(cert);
    ne_ssl_cert_free(tls_cert("cn-only.pem"));
    ne_ssl_cert_free(tls_cert("two-cn.pem"));
    ne_ssl_cert_free(tls_cert("no-cn.pem"));
    ne_ssl_cert_free(tls_cert("wronghost.pem"));
    end_trace("tls certificates");

    tls_one("tls untrusted", "UNTRUSTED", 12, "localhost", 0, 0);
    tls_one("tls untrusted, accepted", "UNTRUSTED", 12, "localhost", 1, 0);
    tls_one("tls expired", "EXPIRED", 12, "localhost", 0, 0);
    tls_one("tls expired intermediate", "BADCHAIN", 12, "localhost", 1, 0);
    tls_one("tls self-signed", "SELFSIGNED", 12, "localhost", 1, 0);
    tls_one("tls wrong host", "WRONGHOST", 12, "localhost", 0, 0);
    tls_one("tls by address", "VALID", 12, "127.0.0.1", 0, 0);
    tls_one("tls address not named", "DNSONLY", 12, "127.0.0.1", 1, 0);
    tls_one("tls 1.3", "VALID", 13, "localhost", 0, 1);

    /* A TLS socket: the server closes after its response (close_notify);
     * reads after it, then our shutdown and close. */
    printf("== tls socket closure\n");
    port = tls_port("VALID", 12);
    cur_port = port;
    tls_scenario = 1;
    start_trace(NE_DBG_SSL);
    {
        static const unsigned char lo[4] = {127, 0, 0, 1};
        static const char request[] = "GET /hello.txt HTTP/1.1\r\nHost: localhost\r\n"
                                      "Connection: close\r\n\r\n";
        ne_inet_addr *ia = ne_iaddr_make(ne_iaddr_ipv4, lo);
        ne_ssl_context *ctx = ne_ssl_context_create(NE_SSL_CTX_CLIENT);
        ne_socket *sock = ne_sock_create();
        char buf[4096];
        ssize_t n = 0;
        size_t total = 0;
        int i;

        cert = tls_cert("ca.pem");
        ne_ssl_context_trustcert(ctx, cert);
        ne_ssl_cert_free(cert);
        ne_sock_read_timeout(sock, 10);
        if (ne_sock_connect(sock, ia, (unsigned)port) || ne_sock_connect_ssl(sock, ctx, NULL)
            || ne_sock_fullwrite(sock, request, sizeof request - 1)) {
            printf("socket: %s\n", ne_sock_error(sock));
        } else {
            for (i = 0; i < 100 && (n = ne_sock_read(sock, buf, sizeof buf)) > 0; i++) total += (size_t)n;
            printf("read %s bytes, then %d (%s)\n", total > 0 ? "some" : "no", (int)n, ne_sock_error(sock));
            n = ne_sock_read(sock, buf, sizeof buf);
            printf("read again: %d (%s)\n", (int)n, ne_sock_error(sock));
            printf("shutdown recv: %d\n", ne_sock_shutdown(sock, NE_SOCK_RECV));
        }
        ne_sock_close(sock);
        ne_ssl_context_destroy(ctx);
        ne_iaddr_free(ia);
    }
    end_trace("tls socket closure");
    tls_scenario = 0;
    cur_port = 0;

    /* The server asks for a client certificate; the provider gives one. */
    printf("== tls client certificate\n");
    port = tls_port("CLICERT", 12);
    cur_port = port;
    tls_scenario = 1;
    start_trace(NE_DBG_SSL);
    cc = ne_ssl_clicert_read(tls_file("client.p12"));
    sess = tls_session("localhost", port, "ca.pem");
    ne_ssl_provide_clicert(sess, provide_clicert, cc);
    get(sess, "/hello.txt");
    ne_session_destroy(sess);
    ne_ssl_clicert_free(cc);
    end_trace("tls client certificate");
    tls_scenario = 0;
    cur_port = 0;
}

int main(void)
{
    variables();
    mask_off();
    keepalive(NE_DBG_HTTP, "keep-alive, HTTP");
    keepalive(NE_DBG_SOCKET, "keep-alive, SOCKET");
    keepalive(NE_DBG_HTTPBODY, "keep-alive, HTTPBODY");
    retry();
    redirect();
    auth();
    plain_body();
    xml();
    tls();
    return 0;
}
