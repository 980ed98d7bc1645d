/* ne_decompress_reader benchmark: the cost of receiving a gzip response.
 *
 * Built once against Debian's neon headers and -lneon, run against the
 * system libneon.so.27 and against ours (LD_LIBRARY_PATH=build/neon):
 *
 *   gunzip_bench prepare FILE MIB
 *       writes MIB MiB of text-like data, gzip -n -6'd, to FILE
 *   gunzip_bench serve FILE N
 *       serves FILE as a gzip response (Content-Length) to N requests on
 *       127.0.0.1; prints the port on stdout, then exits (at most 600 s)
 *   gunzip_bench get PORT gzip|raw
 *       one GET: "gzip" reads the body through ne_decompress_reader, "raw"
 *       through a plain body reader (the compressed bytes: the baseline);
 *       prints bytes=B seconds=S and exits 0 on success
 *
 * Example (client instructions under callgrind, server outside it):
 *   cc -O2 $(pkg-config --cflags neon) bench/gunzip_bench.c -o gb $(pkg-config --libs neon)
 *   ./gb prepare /tmp/100m.gz 100
 *   port=$(./gb serve /tmp/100m.gz 2 &)   # or read the port from a fifo
 *   valgrind --tool=callgrind ./gb get $port gzip
 *   LD_LIBRARY_PATH=build/neon valgrind --tool=callgrind ./gb get $port gzip
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <ne_compress.h>
#include <ne_request.h>
#include <ne_session.h>

static void usage(void)
{
    fprintf(stderr, "usage: gunzip_bench prepare FILE MIB | serve FILE N | get PORT gzip|raw\n");
    exit(2);
}

static int prepare(const char *file, long mib)
{
    static const char *const words[] = {
        "neon ", "gzip ", "body ", "reader ", "block ", "stream ", "window ", "crc ",
        "\n", "0123456789 ", "header ", "footer ",
    };
    char cmd[512], buf[65536];
    size_t total = (size_t)mib << 20, done = 0, n = 0;
    unsigned x = 1;
    FILE *p;

    snprintf(cmd, sizeof cmd, "gzip -n -6 > '%s'", file);
    p = popen(cmd, "w");
    if (!p) return 2;
    while (done < total) {
        const char *w;
        x = x * 1103515245u + 12345u;
        w = words[(x >> 16) % (sizeof words / sizeof words[0])];
        while (*w && done + n < total) {
            buf[n++] = *w++;
            if (n == sizeof buf) {
                fwrite(buf, 1, n, p);
                done += n;
                n = 0;
            }
        }
        if ((x & 0x100) && done + n < total) {
            buf[n++] = (char)('a' + (x >> 24) % 26);
            if (n == sizeof buf) {
                fwrite(buf, 1, n, p);
                done += n;
                n = 0;
            }
        }
    }
    fwrite(buf, 1, n, p);
    return pclose(p) == 0 ? 0 : 2;
}

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

/* Reads one request head; 0 on success, -1 at EOF. */
static int read_head(int fd)
{
    char buf[4096];
    size_t len = 0;

    while (len < sizeof buf) {
        ssize_t k = read(fd, buf + len, 1);
        if (k <= 0) return -1;
        len++;
        if (len >= 4 && memcmp(buf + len - 4, "\r\n\r\n", 4) == 0) return 0;
    }
    return -1;
}

static int serve(const char *file, int count)
{
    struct sockaddr_in sa;
    socklen_t salen = sizeof sa;
    struct stat st;
    char head[256], *body;
    int lfd, served = 0, one = 1;
    FILE *f = fopen(file, "rb");

    if (!f || fstat(fileno(f), &st)) return 2;
    body = malloc((size_t)st.st_size);
    if (!body || fread(body, 1, (size_t)st.st_size, f) != (size_t)st.st_size) return 2;
    fclose(f);
    snprintf(head, sizeof head,
             "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %lld\r\n\r\n",
             (long long)st.st_size);
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
        while (served < count && read_head(fd) == 0) {
            if (write_all(fd, head, strlen(head)) || write_all(fd, body, (size_t)st.st_size)) break;
            served++;
        }
        close(fd);
    }
    close(lfd);
    free(body);
    return 0;
}

static int count_block(void *ud, const char *buf, size_t len)
{
    (void)buf;
    *(size_t *)ud += len;
    return 0;
}

static int get(int port, int gzip)
{
    ne_session *sess = ne_session_create("http", "127.0.0.1", (unsigned)port);
    ne_request *req = ne_request_create(sess, "GET", "/100m.gz");
    ne_decompress *dc = NULL;
    size_t bytes = 0;
    struct timespec t0, t1;
    int ret;

    if (gzip)
        dc = ne_decompress_reader(req, ne_accept_2xx, count_block, &bytes);
    else
        ne_add_response_body_reader(req, ne_accept_2xx, count_block, &bytes);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ret = ne_request_dispatch(req);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (ret != NE_OK) fprintf(stderr, "GET: %s\n", ne_get_error(sess));
    printf("bytes=%zu seconds=%.3f\n", bytes,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    if (dc) ne_decompress_destroy(dc);
    ne_request_destroy(req);
    ne_session_destroy(sess);
    return ret == NE_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "prepare") == 0) return prepare(argv[2], atol(argv[3]));
    if (argc == 4 && strcmp(argv[1], "serve") == 0) return serve(argv[2], atoi(argv[3]));
    if (argc == 4 && strcmp(argv[1], "get") == 0) {
        if (strcmp(argv[3], "gzip") != 0 && strcmp(argv[3], "raw") != 0) usage();
        return get(atoi(argv[2]), strcmp(argv[3], "gzip") == 0);
    }
    usage();
    return 2;
}
