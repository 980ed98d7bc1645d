/* PROPFIND benchmark: a Depth: 1 PROPFIND of a collection parsed through
 * ne_simple_propfind, the way a WebDAV client lists a directory.
 *
 * Built once against Debian's neon headers and -lneon, run against the
 * system libneon.so.27 and against ours (LD_LIBRARY_PATH=build/neon):
 *
 *   propfind_bench serve MEMBERS COUNT
 *       answers COUNT requests on 127.0.0.1 with a 207 listing the
 *       collection and MEMBERS members, as Apache httpd 2.4's mod_dav
 *       writes it for the properties below (recorded from Debian's
 *       apache2: per-response namespace declarations, a 200 propstat and
 *       a 404 one, one element per line), chunked in 8 KiB pieces;
 *       generated as it is sent, so any size costs the server nothing;
 *       prints the port on stdout, then exits (at most 600 s)
 *   propfind_bench propfind PORT
 *       one ne_simple_propfind (Depth: 1) of /coll/; the results callback
 *       walks each resource's properties (ne_propset_iterate) and looks
 *       two up (ne_propset_value, ne_propset_status), as a client listing
 *       a directory does; prints members=M props=P bytes=B seconds=S
 *       maxrss_kb=K and exits 0 on success
 *
 * bench/propfind.sh derives the figures: client instructions (callgrind)
 * and heap allocations (memcheck) per member as differences between two
 * sizes, and peak resident memory at several sizes.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <ne_basic.h>
#include <ne_props.h>
#include <ne_request.h>
#include <ne_session.h>
#include <ne_utils.h>

static void usage(void)
{
    fprintf(stderr, "usage: propfind_bench serve MEMBERS COUNT | propfind PORT\n");
    exit(2);
}

/* ---- server ---- */

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k <= 0) return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Reads a request head and its Content-Length body; 0, or -1 at EOF. */
static int read_request(int fd)
{
    char buf[8192];
    size_t len = 0, body = 0;
    const char *cl;

    while (len < sizeof buf - 1) {
        ssize_t k = read(fd, buf + len, 1);
        if (k <= 0) return -1;
        len++;
        if (len >= 4 && memcmp(buf + len - 4, "\r\n\r\n", 4) == 0) break;
    }
    buf[len] = '\0';
    cl = strcasestr(buf, "\ncontent-length:");
    if (cl) body = strtoul(cl + 16, NULL, 10);
    while (body > 0) {
        ssize_t k = read(fd, buf, body < sizeof buf ? body : sizeof buf);
        if (k <= 0) return -1;
        body -= (size_t)k;
    }
    return 0;
}

struct out {
    int fd;
    char buf[8192];
    size_t len;
    int failed;
};

static void flush_chunk(struct out *o)
{
    char head[32];
    int n;
    if (o->len == 0 || o->failed) return;
    n = snprintf(head, sizeof head, "%zx\r\n", o->len);
    if (write_all(o->fd, head, (size_t)n) || write_all(o->fd, o->buf, o->len) || write_all(o->fd, "\r\n", 2))
        o->failed = 1;
    o->len = 0;
}

static void put(struct out *o, const char *s, size_t n)
{
    while (n > 0) {
        size_t room = sizeof o->buf - o->len, k = n < room ? n : room;
        memcpy(o->buf + o->len, s, k);
        o->len += k;
        s += k;
        n -= k;
        if (o->len == sizeof o->buf) flush_chunk(o);
    }
}

static void putf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct out *o, const char *fmt, ...)
{
    char tmp[2048];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    put(o, tmp, (size_t)n);
}

static const char date[] = "Tue, 08 Dec 2026 00:23:32 GMT";

static void collection(struct out *o, const char *href)
{
    putf(o, "<D:response xmlns:lp1=\"DAV:\" xmlns:lp2=\"http://apache.org/dav/props/\" "
            "xmlns:g1=\"http://apache.org/dav/props/\" xmlns:g0=\"DAV:\">\n"
            "<D:href>%s</D:href>\n<D:propstat>\n<D:prop>\n"
            "<lp1:getlastmodified>%s</lp1:getlastmodified>\n"
            "<lp1:resourcetype><D:collection/></lp1:resourcetype>\n"
            "</D:prop>\n<D:status>HTTP/1.1 200 OK</D:status>\n</D:propstat>\n"
            "<D:propstat>\n<D:prop>\n<g0:getcontentlength/>\n<g1:executable/>\n<g0:checked-in/>\n"
            "<g0:checked-out/>\n</D:prop>\n<D:status>HTTP/1.1 404 Not Found</D:status>\n</D:propstat>\n"
            "</D:response>\n", href, date);
}

static void member(struct out *o, long i)
{
    if (i % 10 == 9) {
        char href[64];
        snprintf(href, sizeof href, "/coll/dir-%06ld/", i);
        collection(o, href);
        return;
    }
    putf(o, "<D:response xmlns:lp1=\"DAV:\" xmlns:lp2=\"http://apache.org/dav/props/\" xmlns:g0=\"DAV:\">\n"
            "<D:href>/coll/file-%06ld.txt</D:href>\n<D:propstat>\n<D:prop>\n"
            "<lp1:getcontentlength>%ld</lp1:getcontentlength>\n"
            "<lp1:getlastmodified>%s</lp1:getlastmodified>\n"
            "<lp2:executable>F</lp2:executable>\n<lp1:resourcetype/>\n"
            "</D:prop>\n<D:status>HTTP/1.1 200 OK</D:status>\n</D:propstat>\n"
            "<D:propstat>\n<D:prop>\n<g0:checked-in/>\n<g0:checked-out/>\n</D:prop>\n"
            "<D:status>HTTP/1.1 404 Not Found</D:status>\n</D:propstat>\n</D:response>\n",
         i, (i * 7919) % 100000, date);
}

static int serve(long members, int count)
{
    static const char head[] = "HTTP/1.1 207 Multi-Status\r\nDate: Tue, 08 Dec 2026 00:23:32 GMT\r\n"
        "Server: Apache/2.4.71 (Debian)\r\nTransfer-Encoding: chunked\r\n"
        "Content-Type: text/xml; charset=\"utf-8\"\r\n\r\n";
    struct sockaddr_in sa;
    socklen_t salen = sizeof sa;
    int lfd, served = 0, one = 1;

    lfd = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) || listen(lfd, 4)
        || getsockname(lfd, (struct sockaddr *)&sa, &salen))
        return 2;
    printf("%d\n", ntohs(sa.sin_port));
    fflush(stdout);
    signal(SIGPIPE, SIG_IGN);
    alarm(600);
    while (served < count) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) return 2;
        while (served < count && read_request(fd) == 0) {
            struct out o = { .fd = fd };
            long i;
            if (write_all(fd, head, sizeof head - 1)) break;
            putf(&o, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\" "
                     "xmlns:ns1=\"http://apache.org/dav/props/\" xmlns:ns0=\"DAV:\">\n");
            collection(&o, "/coll/");
            for (i = 0; i < members && !o.failed; i++) member(&o, i);
            putf(&o, "</D:multistatus>\n");
            flush_chunk(&o);
            if (o.failed || write_all(fd, "0\r\n\r\n", 5)) break;
            served++;
        }
        close(fd);
    }
    close(lfd);
    return 0;
}

/* ---- client ---- */

static const ne_propname props[] = {
    { "DAV:", "getcontentlength" }, { "DAV:", "getlastmodified" },
    { "http://apache.org/dav/props/", "executable" }, { "DAV:", "resourcetype" },
    { "DAV:", "checked-in" }, { "DAV:", "checked-out" }, { NULL, NULL }
};

struct tally {
    long members, props, bytes;
};

static int walk(void *ud, const ne_propname *pname, const char *value, const ne_status *st)
{
    struct tally *t = ud;
    (void)pname;
    t->props++;
    if (value) t->bytes += (long)strlen(value);
    if (st && st->klass != 2) t->bytes++;
    return 0;
}

static void results(void *ud, const ne_uri *uri, const ne_prop_result_set *set)
{
    struct tally *t = ud;
    const char *len = ne_propset_value(set, &props[0]);
    const ne_status *st = ne_propset_status(set, &props[3]);
    t->members++;
    t->bytes += (long)strlen(uri->path) + (len ? (long)strlen(len) : 0) + (st ? st->code : 0) % 7;
    ne_propset_iterate(set, walk, t);
}

static int propfind(int port)
{
    ne_session *sess = ne_session_create("http", "127.0.0.1", (unsigned)port);
    struct tally t = { 0, 0, 0 };
    struct timespec t0, t1;
    struct rusage ru;
    int ret;

    ne_set_read_timeout(sess, 120);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ret = ne_simple_propfind(sess, "/coll/", NE_DEPTH_ONE, props, results, &t);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (ret != NE_OK) fprintf(stderr, "PROPFIND: %s\n", ne_get_error(sess));
    getrusage(RUSAGE_SELF, &ru);
    printf("members=%ld props=%ld bytes=%ld seconds=%.3f maxrss_kb=%ld\n", t.members, t.props, t.bytes,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, ru.ru_maxrss);
    ne_session_destroy(sess);
    return ret == NE_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "serve") == 0) return serve(atol(argv[2]), atoi(argv[3]));
    if (argc == 3 && strcmp(argv[1], "propfind") == 0) return propfind(atoi(argv[2]));
    usage();
    return 2;
}
