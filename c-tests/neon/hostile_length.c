/* Hostile server: message-length conflicts, smuggling shapes and number
 * edge cases. Each case serves one hostile response to a first request and
 * then shows what the next request on the same session sees: a response
 * smuggled after the body, the retry on a connection the client wrongly
 * kept, or a clean new connection after an error. The server (hostile.h)
 * sends the hostile response and then FIN (so an EOF-delimited body ends),
 * or keeps the connection open where a case says so; "srv:" lines show on
 * which connection each request came and what was sent after the FIN.
 *
 * Sections: Content-Length against Transfer-Encoding, duplicated and
 * listed lengths, transfer-codings, HTTP/1.0, bodies on 1xx/204/304/HEAD,
 * smuggled responses; line ends other than CRLF, framing fields in
 * trailers and interim responses, Connection tokens; chunk sizes, Content-Length values and status lines
 * (also ShoutCast's, with NE_SESSFLAG_ICYPROTO) at the edges of what
 * parses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ne_session.h>
#include <ne_request.h>

#include "hostile.h"

#define NEXT H_NEXT
#define SMUGGLED "HTTP/1.1 201 Smuggled\r\nContent-Length: 8\r\n\r\nsmuggled"
#define H11 "HTTP/1.1 200 OK\r\n"

/* Serves resp to `method` /one, then sends FIN (the end of an EOF-delimited
 * body); the next GET /two gets NEXT on whichever connection it uses. */
static void serve(const char *label, const char *resp, size_t len, const char *method)
{
    h_case(label, resp, len, method, H_CLOSE, 10);
}

static void get(const char *label, const char *resp)
{
    serve(label, resp, 0, "GET");
}

/* For responses with NUL bytes: a string literal, sent whole. */
#define GETN(label, lit) serve(label, lit, sizeof(lit) - 1, "GET")

/* Content-Length against Transfer-Encoding, duplicated and listed lengths,
 * transfer-codings: which one delimits the body decides what is left on
 * the connection for the next response. */
static void conflicts(void)
{
    get("CL then TE chunked", H11 "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3\r\nabc\r\n0\r\n\r\n");
    get("TE chunked then CL", H11 "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
        "3\r\nabc\r\n0\r\n\r\n");
    get("CL covering a chunked body plus a response", H11 "Content-Length: 61\r\n"
        "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" SMUGGLED);
    get("TE chunked with CL 0 and a smuggled response", H11 "Transfer-Encoding: chunked\r\n"
        "Content-Length: 0\r\n\r\n5\r\nhello\r\n0\r\n\r\n" SMUGGLED);
    get("two equal Content-Lengths", H11 "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello");
    get("two different Content-Lengths", H11 "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!");
    get("Content-Length list [5, 5]", H11 "Content-Length: 5, 5\r\n\r\nhello");
    get("Content-Length list [5,5]", H11 "Content-Length: 5,5\r\n\r\nhello");
    get("Content-Length folded", H11 "Content-Length: 5\r\n 5\r\n\r\nhello");
    get("Content-Length name with space before colon", H11 "Content-Length : 5\r\n\r\nhelloX");
    get("Content-Length name with tab before colon", H11 "Content-Length\t: 5\r\n\r\nhelloX");
    get("TE [gzip, chunked]", H11 "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
    get("TE [chunked, gzip]", H11 "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n");
    get("TE [chunked, identity]", H11 "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n");
    get("TE [identity, chunked]", H11 "Transfer-Encoding: identity, chunked\r\n\r\n0\r\n\r\n");
    get("TE [identity] with CL", H11 "Transfer-Encoding: identity\r\nContent-Length: 3\r\n\r\nabcX");
    get("TE [identity] without CL", H11 "Transfer-Encoding: identity\r\n\r\nto the end");
    get("TE [IDENTITY]", H11 "Transfer-Encoding: IDENTITY\r\nContent-Length: 2\r\n\r\nid");
    get("TE [chunked ] (trailing spaces)", H11 "Transfer-Encoding: chunked   \r\n\r\n2\r\nok\r\n0\r\n\r\n");
    get("TE [  chunked] (leading spaces)", H11 "Transfer-Encoding:   chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n");
    get("TE [chunked\\t]", H11 "Transfer-Encoding:\tchunked\t\r\n\r\n2\r\nok\r\n0\r\n\r\n");
    get("TE [ChUnKeD]", H11 "Transfer-Encoding: ChUnKeD\r\n\r\n2\r\nok\r\n0\r\n\r\n");
    get("TE [chunk ed]", H11 "Transfer-Encoding: chunk ed\r\n\r\n2\r\nok\r\n0\r\n\r\n");
    get("TE [chunked;x=1]", H11 "Transfer-Encoding: chunked;x=1\r\n\r\n2\r\nok\r\n0\r\n\r\n");
    get("TE [x-chunked]", H11 "Transfer-Encoding: x-chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n");
    get("TE [\"chunked\"]", H11 "Transfer-Encoding: \"chunked\"\r\n\r\n2\r\nok\r\n0\r\n\r\n");
    get("TE empty", H11 "Transfer-Encoding:\r\nContent-Length: 2\r\n\r\nok");
    get("two TE chunked fields", H11 "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
        "2\r\nok\r\n0\r\n\r\n");
    get("TE gzip then TE chunked fields", H11 "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
        "2\r\nok\r\n0\r\n\r\n");
    get("TE folded", H11 "Transfer-Encoding: chunked\r\n\tgzip\r\n\r\n2\r\nok\r\n0\r\n\r\n");
    get("TE name with space before colon", H11 "Transfer-Encoding : chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n");
    GETN("TE name with a NUL", H11 "Transfer-Encoding\0x: chunked\r\nContent-Length: 2\r\n\r\nok");
}

/* HTTP/1.0 responses with a transfer-coding: chunked applies, and the
 * connection closes unless kept alive. */
static void http10(void)
{
    get("TE chunked on HTTP/1.0", "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5\r\nhello\r\n0\r\n\r\n" SMUGGLED);
    get("TE chunked on HTTP/1.0 keep-alive", "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n"
        "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n" SMUGGLED);
    get("TE chunked and CL on HTTP/1.0 keep-alive", "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n"
        "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    get("HTTP/1.0 keep-alive, Connection lists Content-Length",
        "HTTP/1.0 200 OK\r\nConnection: keep-alive, Content-Length\r\nContent-Length: 2\r\n\r\nok"
        SMUGGLED);
    get("HTTP/1.0 keep-alive, Connection lists Transfer-Encoding",
        "HTTP/1.0 200 OK\r\nConnection: keep-alive, transfer-encoding\r\nTransfer-Encoding: chunked\r\n"
        "Content-Length: 2\r\n\r\nok" SMUGGLED);
}

/* Bodies where none is allowed: the bytes stay on the connection and the
 * next request reads them as its response. */
static void no_body(void)
{
    get("CL on 304 with a smuggled response", "HTTP/1.1 304 Not Modified\r\nContent-Length: 61\r\n\r\n"
        SMUGGLED);
    get("CL on 304, body bytes", "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\nhello");
    get("CL on 204 with a smuggled response", "HTTP/1.1 204 No Content\r\nContent-Length: 61\r\n\r\n"
        SMUGGLED);
    get("TE chunked on 204", "HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5\r\nhello\r\n0\r\n\r\n");
    serve("CL on HEAD with a smuggled response", H11 "Content-Length: 61\r\n\r\n" SMUGGLED, 0,
          "HEAD");
    serve("CL on HEAD, body bytes", H11 "Content-Length: 5\r\n\r\nhello", 0, "HEAD");
    serve("chunked on HEAD, body", H11 "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 0,
          "HEAD");
    get("body on an interim response", "HTTP/1.1 100 Continue\r\nContent-Length: 5\r\n\r\nhello"
        H11 "Content-Length: 2\r\n\r\nok");
    get("interim with TE chunked", "HTTP/1.1 103 Early Hints\r\nTransfer-Encoding: chunked\r\n\r\n"
        "2\r\nok\r\n0\r\n\r\n" H11 "Content-Length: 2\r\n\r\nok");
}

/* A second response after the body on a kept-alive connection. */
static void smuggled(void)
{
    static const char cl[] = H11 "Content-Length: 2\r\n\r\nok" SMUGGLED;
    static const char chunked[] = H11 "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n" SMUGGLED;
    static const char trailer[] = H11 "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nX-T: 1\r\n\r\n"
        SMUGGLED;
    struct h_step steps[] = {
        { cl, 0, H_KEEP },
        { "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nreal2", 0, H_KEEP },
        { "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nreal3", 0, H_KEEP },
    };
    struct h_srv s;
    ne_session *sess;

    get("smuggled after a CL body (FIN)", cl);
    get("smuggled after a chunked body (FIN)", chunked);
    get("smuggled after trailers (FIN)", trailer);
    get("garbage after a CL body (FIN)", H11 "Content-Length: 2\r\n\r\nokgarbage\r\n");
    get("partial status line after a CL body (FIN)", H11 "Content-Length: 2\r\n\r\nokHTTP/1.1 2");
    get("smuggled with garbage before HTTP/", H11 "Content-Length: 2\r\n\r\nokxxx" SMUGGLED);
    get("smuggled after a Connection: close response",
        H11 "Connection: close\r\nContent-Length: 2\r\n\r\nok" SMUGGLED);

    /* kept open: every later response is one behind */
    printf("== smuggled after a CL body, connection kept: three requests\n");
    h_start(&s, steps, 3);
    sess = h_session(s.port, 10);
    outcome(sess, s.port, "one", "GET", "/one", 0);
    outcome(sess, s.port, "two", "GET", "/two", 0);
    outcome(sess, s.port, "three", "GET", "/three", 0);
    ne_session_destroy(sess);
    h_finish(&s);
    steps[0].resp = chunked;
    printf("== smuggled after a chunked body, connection kept: three requests\n");
    h_start(&s, steps, 3);
    sess = h_session(s.port, 10);
    outcome(sess, s.port, "one", "GET", "/one", 0);
    outcome(sess, s.port, "two", "GET", "/two", 0);
    outcome(sess, s.port, "three", "GET", "/three", 0);
    ne_session_destroy(sess);
    h_finish(&s);
}

/* Chunk sizes: strtoul(…, 16) limited to UINT_MAX. */
static void chunk_sizes(void)
{
    static const struct { const char *size, *data; } c[] = {
        { "5", "hello" }, { "05", "hello" }, { "0000000000000000000000005", "hello" },
        { "A", "0123456789" }, { "a", "0123456789" }, { "0x5", "hello" }, { "0X5", "hello" },
        { "+5", "hello" }, { "-5", "hello" }, { "-0", "" }, { "", "" }, { " 5", "hello" },
        { "\t5", "hello" }, { "5 ", "hello" }, { "5\t", "hello" }, { "5;", "hello" },
        { "5;a=b;c", "hello" }, { "5 ;ext", "hello" }, { "5;ext=\"q;\\\"x\"", "hello" },
        { "5zz", "hello" }, { "z5", "hello" }, { "5\r\r", "hello" }, { "5 5", "hello" },
        { "ffffffff", "hello" }, { "FFFFFFFF", "hello" }, { "100000000", "hello" },
        { "7fffffffffffffff", "hello" }, { "8000000000000000", "hello" },
        { "ffffffffffffffff", "hello" }, { "fffffffffffffffff", "hello" },
        { "10000000000000000", "hello" }, { "00000000000000000000000000000000000000000005", "hello" },
        { "18446744073709551621", "hello" },
    };
    static const char *const last[] = {
        "0", "00", "0000000000000000000000000", "0;ext", "0x0", "0 ", "+0", "-0",
    };
    char buf[512], label[128];
    size_t i;

    for (i = 0; i < sizeof c / sizeof c[0]; i++) {
        snprintf(buf, sizeof buf, H11 "Transfer-Encoding: chunked\r\n\r\n%s\r\n%s\r\n0\r\n\r\n",
                 c[i].size, c[i].data);
        snprintf(label, sizeof label, "chunk size [%s]", c[i].size);
        get(label, buf);
    }
    for (i = 0; i < sizeof last / sizeof last[0]; i++) {
        snprintf(buf, sizeof buf, H11 "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r\n%s\r\n\r\n",
                 last[i]);
        snprintf(label, sizeof label, "last chunk [%s]", last[i]);
        get(label, buf);
    }
    get("chunk size line with LF only", H11 "Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\n\n");
    get("chunk data longer than its size", H11 "Transfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n");
    get("chunk data shorter than its size", H11 "Transfer-Encoding: chunked\r\n\r\n7\r\nhello\r\n0\r\n\r\n");
    GETN("chunk with NUL data", H11 "Transfer-Encoding: chunked\r\n\r\n3\r\na\0b\r\n0\r\n\r\n");
}

/* Content-Length: strtoll(…, 10), the whole value, >= 0, below INT64_MAX. */
static void content_lengths(void)
{
    static const char *const v[] = {
        "5", "05", "000000000000000000000000000005", "+5", "-5", "-0", "0x5", "5.0", "5e0",
        "abc", "", "   5   ", "\t5\t", "5 5", "\v5", "5\v", "\f5", "5abc",
        "9223372036854775806", "9223372036854775807", "9223372036854775808",
        "18446744073709551615", "18446744073709551616", "99999999999999999999999999",
        "-9223372036854775808", "-9223372036854775809", "4294967296", "4294967301",
    };
    char buf[512], label[128];
    size_t i;

    for (i = 0; i < sizeof v / sizeof v[0]; i++) {
        snprintf(buf, sizeof buf, H11 "Content-Length: %s\r\n\r\nhello", v[i]);
        snprintf(label, sizeof label, "Content-Length [%s]", v[i]);
        get(label, buf);
    }
    GETN("Content-Length with a NUL", H11 "Content-Length: 5\0 junk\r\n\r\nhello");
}

/* Status lines at the edges: codes of other widths, versions, no reason,
 * and HTTP/0.9-style responses without a status line. */
static void status_lines(void)
{
    static const char *const lines[] = {
        "HTTP/1.1 000 Zero", "HTTP/1.1 099 Low", "HTTP/1.1 1000 Wide", "HTTP/1.1 99999 Wider",
        "HTTP/1.1 200", "HTTP/1.1 200 ", "HTTP/1.1 200  \t ", "HTTP/1.2 200 OK", "HTTP/2.0 200 OK",
        "HTTP/2 200 OK", "HTTP/1 200 OK", "HTTP/1.1  200 OK", "HTTP/1.1\t200 OK",
        "HTTP/1.1 20 OK", "HTTP/1.1 2000", "HTTP/1.1 -20 OK", "HTTP/1.1 2O0 OK", "HTTP/1.1 200OK",
        "HTTP/1.1 200\tOK", "http/1.1 200 OK", "HTTP /1.1 200 OK", "HTTP/.1 200 OK",
        "HTTP/1. 200 OK", "HTTP/999999.999999 200 OK", "HTTP/0.9 200 OK", "HTTP/1.0 200 OK",
        "XHTTP/1.1 200 OK", "HTTP/1.1 200 OK HTTP/1.1 404 No", "HTTP/1.1 600 Above",
        "HTTP/1.1 999 Top", "HTTP/1.1 200 \x01\x7f\xff reason",
    };
    char buf[512], label[128];
    size_t i;

    for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        snprintf(buf, sizeof buf, "%s\r\nContent-Length: 2\r\n\r\nok", lines[i]);
        snprintf(label, sizeof label, "status [%s]", lines[i]);
        get(label, buf);
    }
    GETN("status with a NUL", "HTTP/1.1 200 O\0K\r\nContent-Length: 2\r\n\r\nok");
    GETN("NUL before HTTP/", "\0HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    get("status 199 then final", "HTTP/1.1 199 Odd\r\n\r\n" H11 "Content-Length: 2\r\n\r\nok");
    get("status 199 alone", "HTTP/1.1 199 Odd\r\nContent-Length: 2\r\n\r\nok");
    get("HTTP/0.9 body, one line", "hello world\r\n");
    get("HTTP/0.9 body, HTML", "<html><body>old</body></html>\n");
    get("HTTP/0.9 body, no newline", "no newline at all");
    get("empty lines before the status line", "\r\n\r\n" H11 "Content-Length: 2\r\n\r\nok");
    get("empty response", "");
}

/* Line ends other than CRLF, and odd places for framing fields. */
static void framing(void)
{
    get("bare CR inside the status line", "HTTP/1.1 200 OK\rContent-Length: 2\r\r\n\r\nok");
    get("bare CR inside a value", H11 "X-A: a\rb\r\nContent-Length: 2\r\n\r\nok");
    get("blank line of CR CR LF", H11 "Content-Length: 2\r\n\r\r\nok");
    get("LF then CRLF", H11 "Content-Length: 2\n\r\n\r\nok");
    get("interim ended by a bare LF line", "HTTP/1.1 100 Continue\n\n" H11 "Content-Length: 2\r\n\r\n"
        "ok\r\n\r\n" H11 "Content-Length: 3\r\n\r\nabc");
    get("chunk delimiter CR only", H11 "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r0\r\n\r\n");
    get("chunk delimiter LF only", H11 "Transfer-Encoding: chunked\r\n\r\n2\r\nok\n0\r\n\r\n");
    get("chunk delimiter missing", H11 "Transfer-Encoding: chunked\r\n\r\n2\r\nok0\r\n\r\n");
    get("Content-Length in the trailer", H11 "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n"
        "Content-Length: 99\r\n\r\n" SMUGGLED);
    get("Transfer-Encoding in the trailer", H11 "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n"
        "Transfer-Encoding: gzip\r\n\r\n" SMUGGLED);
    get("Connection: close in the trailer", H11 "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n"
        "Connection: close\r\n\r\n" SMUGGLED);
    get("Connection: close in an interim response", "HTTP/1.1 100 Continue\r\nConnection: close\r\n\r\n"
        H11 "Content-Length: 2\r\n\r\nok" SMUGGLED);
    get("Connection tokens with empty ones", H11 "Connection: ,, ,close,\r\nContent-Length: 2\r\n\r\nok"
        SMUGGLED);
    get("HTTP/1.0 keep-alive in capitals", "HTTP/1.0 200 OK\r\nConnection: KEEP-ALIVE\r\n"
        "Content-Length: 2\r\n\r\nok" SMUGGLED);
    get("HTTP/1.0 keep-alive with an EOF-delimited body", "HTTP/1.0 200 OK\r\n"
        "Connection: keep-alive\r\n\r\neof body");
    get("HTTP/1.0 Proxy-Connection: keep-alive, no proxy", "HTTP/1.0 200 OK\r\n"
        "Proxy-Connection: keep-alive\r\nContent-Length: 2\r\n\r\nok" SMUGGLED);
}

static void icy_on(ne_session *sess)
{
    ne_set_session_flag(sess, NE_SESSFLAG_ICYPROTO, 1);
}

/* ShoutCast status lines, accepted with NE_SESSFLAG_ICYPROTO: the code
 * comes from atoi(), the class from the first character, whatever it is. */
static void icy(void)
{
    static const char *const lines[] = {
        "ICY 200 OK", "ICY 200", "ICY 200 ", "ICY 2000 Wide", "ICY 20x Odd", "ICY -99 Minus",
        "ICY 099 Low", "ICY 000 Zero", "ICY \x01\x02\x03 Ctl", "ICY  200 Two spaces",
        "ICY 404 Not Found", "ICY 100 Continue", "icy 200 OK", "ICY 200 OK HTTP/1.1 404 No",
    };
    char buf[256], label[128];
    size_t i;

    h_setup = icy_on;
    for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        snprintf(buf, sizeof buf, "%s\r\nContent-Length: 2\r\n\r\nok", lines[i]);
        snprintf(label, sizeof label, "ICY flag, status [%s]", lines[i]);
        get(label, buf);
    }
    get("ICY flag, interim then final", "ICY 100 Continue\r\n\r\nICY 200 OK\r\nContent-Length: 2\r\n\r\nok");
    h_setup = NULL;
}

int main(int argc, char **argv)
{
    h_server_hook(argc, argv);
    conflicts();
    http10();
    no_body();
    smuggled();
    chunk_sizes();
    content_lengths();
    status_lines();
    framing();
    icy();
    return 0;
}
